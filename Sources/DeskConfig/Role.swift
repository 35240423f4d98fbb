/// Semantic UI roles a theme gives colours to; renderers name roles, never colours.
/// Lookup falls back along the dots: `slot.conflict` → `slot` → `ui`.
public enum Role: String, CaseIterable, Sendable {
    case ui
    case bannerNormal = "banner.normal", bannerOutage = "banner.outage", bannerRestored = "banner.restored"
    case bannerDemo = "banner.demo"
    case paneTitle = "pane.title", paneFocus = "pane.focus", paneBorder = "pane.border"
    case selection
    case slotFree = "slot.free", slotBooked = "slot.booked", slotArrived = "slot.arrived"
    case slotCompleted = "slot.completed", slotDNA = "slot.dna", slotBlocked = "slot.blocked"
    case slotConflict = "slot.conflict", slotDowntime = "slot.downtime"
    case bookingUnseen = "booking.unseen"
    case callsheetParty = "callsheet.party", callsheetOverdue = "callsheet.overdue"
    case status, statusKey = "status.key"
    case help, dialog, error, muted

    /// Every name a theme may use: the roles and their dotted parents (`slot`, `banner`, …).
    public static let knownNames: Set<String> = {
        var names = Set<String>()
        for role in allCases {
            var parts = role.rawValue.split(separator: ".").map(String.init)
            while !parts.isEmpty { names.insert(parts.joined(separator: ".")); parts.removeLast() }
        }
        return names
    }()
}
