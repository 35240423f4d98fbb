import Foundation

/// What one slot row of the grid shows, with its status derived from the bookings in it.
public struct SlotRow: Equatable, Sendable {
    public enum Status: String, Sendable {
        case free, booked, arrived, completed, didNotAttend = "dna", cancelled, blocked, conflict
        /// A booking whose time is no longer a slot of its day (the template changed): shown on a row of its own
        /// so a person can move it, never hidden.
        case offTemplate = "off-template"

        /// The word shown beside the colour, so status is never colour alone.
        public var label: String {
            switch self {
            case .free: return "free"
            case .booked: return "booked"
            case .arrived: return "arrived"
            case .completed: return "done"
            case .didNotAttend: return "DNA"
            case .cancelled: return "cancelled"
            case .blocked: return "blocked"
            case .conflict: return "CONFLICT"
            case .offTemplate: return "OFF-TEMPLATE"
            }
        }
    }

    public var slot: Slot
    public var bookings: [Booking]
    public var status: Status
    public var isDowntime: Bool

    /// A slot's status: blocked wins, two slot-holding bookings are a conflict, else the live booking's state.
    public init(slot: Slot, bookings: [Booking]) {
        self.slot = slot
        self.bookings = bookings
        let holding = bookings.filter { $0.status.holdsSlot }
        isDowntime = bookings.contains { $0.isDowntime && $0.status != .enteredInError }
        // A blocked slot still shows a did-not-attend booking: blocking never hides a booking.
        let missedAppointment = bookings.contains { $0.status == .didNotAttend }
        if slot.blockedReason != nil && holding.isEmpty && !missedAppointment { status = .blocked }
        else if holding.count > 1 { status = .conflict }
        else if let live = holding.first {
            switch live.status {
            case .arrived: status = .arrived
            case .completed: status = .completed
            default: status = .booked
            }
        } else if bookings.contains(where: { $0.status == .didNotAttend }) { status = .didNotAttend }
        else { status = .free }  // empty, or only cancelled or mistaken bookings
    }

    /// A row for bookings at a time that is no slot of their day.
    public static func offTemplate(_ bookings: [Booking]) -> SlotRow? {
        guard let first = bookings.first else { return nil }
        var row = SlotRow(slot: Slot(id: first.slotID ?? first.id, practiceID: first.practiceID, day: first.day,
                                     start: first.start, minutes: 0, type: "off-template"), bookings: bookings)
        row.status = .offTemplate
        return row
    }

    /// The day's slots with every booking shown: bookings whose time is no slot get OFF-TEMPLATE rows of their own,
    /// in time order among the slots. Cancelled and mistaken bookings off the template are left out, as on a slot.
    public static func day(slots: [Slot], bookings: [Booking]) -> [SlotRow] {
        let byStart = Dictionary(grouping: bookings, by: \.start)
        var rows = slots.map { SlotRow(slot: $0, bookings: byStart[$0.start] ?? []) }
        let starts = Set(slots.map(\.start))
        let stray = bookings.filter { !starts.contains($0.start) && $0.status.isVisibleOffTemplate }
        guard !stray.isEmpty else { return rows }
        rows += Dictionary(grouping: stray, by: \.start).values.compactMap { offTemplate($0) }
        return rows.sorted { $0.slot.start < $1.slot.start }
    }

    /// What the patient column says: both names for a conflict, the reason for a blocked slot, else the shown booking.
    public var patientText: String { patientText(name: { $0.patient.name }) }

    /// The same, naming each booking's patient as `name` says (a terminal that may not see them says so instead).
    public func patientText(name: (Booking) -> String) -> String {
        switch status {
        case .conflict: return bookings.filter { $0.status.holdsSlot }.map(name).joined(separator: " + ")
        case .offTemplate: return bookings.filter(\.status.isVisibleOffTemplate).map(name).joined(separator: " + ")
        case .blocked: return slot.blockedReason ?? ""
        default: return shownBooking.map(name) ?? ""
        }
    }

    /// The booking the row names: the live one, else the latest.
    public var shownBooking: Booking? {
        bookings.first { $0.status.holdsSlot } ?? bookings.last { $0.status == .didNotAttend }
    }
}

/// Everything the first screen shows, read in one go: one day of one practice, the latest bookings, the call-sheet.
public struct DeskView: Equatable, Sendable {
    public var practices: [Organisation]
    public var practice: Organisation?
    public var day: LocalDate
    public var slots: [SlotRow]
    /// Newest first.
    public var incoming: [Booking]
    /// Every participating party with its numbers: the directory the call-sheet is drawn from.
    public var callSheet: [CallSheetRow] { didSet { refreshCallSheetRows() } }
    public var activeOutage: Outage?
    /// The latest outage, active or restored, for the banner after restoration.
    public var latestOutage: Outage?
    /// The updates sent on the latest outage, oldest first.
    public var updates: [OutageUpdate] = []
    /// The current notice round: the latest notice of the latest outage.
    public var round: NoticeRound? { didSet { refreshCallSheetRows() } }
    /// The organisation the view is drawn for: nobody phones their own organisation, so its call-sheet leaves it out.
    public var ownSite: String? { didSet { refreshCallSheetRows() } }
    /// Notice emails not yet delivered, and how many of those last failed.
    public var outboxWaiting = 0
    public var outboxFailed = 0
    /// For terminals that are not a practice: every participating practice's free urgent slots. Nil at a practice.
    public var capacity: [CapacityRow]?
    /// This practice's downtime bookings still to be entered into the central system, in day and time order.
    public var backEntry: [Booking] = []
    /// Downtime bookings still to be entered into the central system, across all practices.
    public var backEntryRemaining = 0
    public var organisationNames: [UUID: String]
    /// The open incident, with its timeline, runbook and key personnel.
    public var incident: IncidentDetail?
    /// When the installed continuity plan was last reviewed; nil when none is installed.
    public var planLastReviewed: LocalDate?
    /// Set when rows in the database could not be read (changed outside the program): what to tell the person.
    public var unreadableRecords: String?
    /// Every practice's recontact lists, newest first: read once, and the two views below are taken from it.
    public var recontactAll: [RecontactList] = []
    /// The shown practice's recontact lists, newest first.
    public var recontactLists: [RecontactList] { recontactAll.filter { $0.practiceID == practice?.id } }
    /// Every practice's lists with patients still to call, for the hand-over.
    public var recontactOpen: [RecontactList] { recontactAll.filter { $0.remaining > 0 } }

    public init(practices: [Organisation] = [], practice: Organisation? = nil, day: LocalDate, slots: [SlotRow] = [],
                incoming: [Booking] = [], callSheet: [CallSheetRow] = [], activeOutage: Outage? = nil,
                organisationNames: [UUID: String] = [:]) {
        self.practices = practices; self.practice = practice; self.day = day; self.slots = slots
        self.incoming = incoming; self.callSheet = callSheet; self.activeOutage = activeOutage
        self.organisationNames = organisationNames
        self.callSheetRows = callSheet
    }

    /// When the next update on the active outage is due (`cadence` from the settings, the plan's function over it);
    /// nil when no outage is active or neither says how often.
    public func nextUpdateDue(cadence: UpdateCadence) -> Date? {
        guard let outage = activeOutage else { return nil }
        let incident = incident.flatMap { $0.incident.outageID == outage.id ? $0 : nil }
        return cadence.overridden(by: incident?.function)
            .due(declaredAt: outage.declaredAt, lastUpdate: updates.last?.at,
                 hssi: incident?.incident.isHighSeverity ?? false)
    }

    /// What the call-sheet pane lists: during a round, the parties still to acknowledge, most overdue first;
    /// otherwise the whole directory, as a phone list. Kept, not derived on each use: each frame reads it several
    /// times, and sorting a thousand parties each time cost more than the frame.
    public private(set) var callSheetRows: [CallSheetRow]

    static func callSheetRows(round: NoticeRound?, directory: [CallSheetRow], ownSite: String?) -> [CallSheetRow] {
        let rows = round.map { $0.callSheet(directory: directory) } ?? directory
        guard let ownSite else { return rows }
        return rows.filter { $0.organisation.name != ownSite }
    }

    mutating func refreshCallSheetRows() {
        callSheetRows = Self.callSheetRows(round: round, directory: callSheet, ownSite: ownSite)
    }

    /// The recontact pane's rows: the patients of every list with someone still to call (newest list first, unsettled
    /// patients first), else the newest list, so a finished list still shows how it went.
    public var recontactRows: [RecontactItem] {
        let open = recontactLists.filter { $0.remaining > 0 }
        return (open.isEmpty ? Array(recontactLists.prefix(1)) : open).flatMap(\.ordered)
    }

    public func planReviewOverdue(today: LocalDate) -> Bool {
        planLastReviewed.map { PlanReview.isOverdue(lastReviewed: $0, today: today) } ?? false
    }

    /// An ED by name (case-insensitive), for a booking's `ed:NAME` source.
    public func edID(named name: String) -> UUID? {
        callSheet.map(\.organisation).first { $0.kind == .ed && $0.name.lowercased() == name.lowercased() }?.id
    }

    /// The EDs' names, for the form's source choices.
    public var edNames: [String] { callSheet.map(\.organisation).filter { $0.kind == .ed }.map(\.name) }

    /// Bookings nobody at the practice has acknowledged yet.
    public var unseenCount: Int { incoming.filter { $0.seenAt == nil }.count }
}
