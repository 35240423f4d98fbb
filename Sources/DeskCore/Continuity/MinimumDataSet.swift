import Foundation

/// Seed 003's minimum data set: what a national service desk asks for when an incident is logged with it, from the
/// incident and its outage. Counts of bookings only: no patient is named.
public struct MinimumDataSet: Equatable, Sendable {
    public var detail: IncidentDetail
    /// The organisation reporting it (the host) and how to reach it.
    public var organisation: String
    public var contact: [String]
    /// The parties the outage touched, and how many downtime bookings were made during it.
    public var sitesAffected: Int
    public var downtimeBookings: Int
    public var supportHours: SupportHours

    public init(detail: IncidentDetail, organisation: String, contact: [String], sitesAffected: Int,
                downtimeBookings: Int, supportHours: SupportHours = .seed003) {
        self.detail = detail; self.organisation = organisation; self.contact = contact
        self.sitesAffected = sitesAffected; self.downtimeBookings = downtimeBookings; self.supportHours = supportHours
    }

    /// The fields in the order the form asks them, each a label and its value in words.
    public func fields(now: Date, zone: TimeZone) -> [(label: String, value: String)] {
        let incident = detail.incident, outage = detail.outage
        func time(_ date: Date?) -> String { date.map { Instant.readable($0, zone: zone) } ?? "not yet" }
        let clinical = incident.impact.clinicalSafety
            ? "yes: the on-call recorded a clinical-safety impact" : "none recorded"
        let patients = "\(downtimeBookings) appointment\(downtimeBookings == 1 ? "" : "s") booked on paper and in "
            + "Downtime Desk during the outage; \(detail.backEntryRemaining) still to be entered into the central "
            + "system"
        var fields: [(String, String)] = [
            ("Incident number", incident.number),
            ("Severity", "\(incident.severity) (1 highest, 5 lowest)"),
            ("High Severity Service Incident", incident.isHighSeverity
                ? "yes: " + incident.hssiReasons.joined(separator: ", ") : "no"),
            ("Reporter", Sanitise.visible(incident.reporter)),
            ("Reporter contact", contact.isEmpty ? "none in the directory" : contact.joined(separator: ", ")),
            ("Organisation", Sanitise.visible(organisation)),
            ("System affected", outage.map { Sanitise.visible($0.system) } ?? "none recorded"),
            ("Sites affected", "\(sitesAffected) (every participating party of the notification chain)"),
            ("Patient impact", patients),
            ("Clinical-safety impact", clinical),
            ("Information-governance impact", incident.impact.informationGovernance ? "yes" : "none recorded"),
            ("Started", time(outage?.since ?? incident.openedAt)),
            ("Declared", time(outage?.declaredAt ?? incident.openedAt)),
            ("Restored", time(outage?.restoredAt)),
            ("Closed", incident.closedAt.map { "\(time($0)), agreed with \(incident.agreedBy ?? "?")" } ?? "not yet"),
            ("Resolver hours", supportHours.words(for: incident.severity)),
        ]
        if let reason = outage?.reason, !reason.isEmpty { fields.insert(("Reason", Sanitise.visible(reason)), at: 7) }
        return fields
    }

    /// The form as plain text, 80 columns, ready to paste into the service desk's web form or print.
    public func text(now: Date, zone: TimeZone) -> String {
        var lines = ["MINIMUM DATA SET · \(detail.incident.number)", ""]
        for (label, value) in fields(now: now, zone: zone) {
            let wrapped = TextWidth.wrap(value, width: 48)
            lines.append(TextWidth.fit(label + ":", to: 31) + " " + (wrapped.first ?? ""))
            lines += wrapped.dropFirst().map { String(repeating: " ", count: 32) + $0 }
        }
        if let runbook = detail.runbook(at: now) {
            lines += ["", "WHAT WAS DONE (runbook: \(runbook.function.name), \(runbook.progress))"]
            lines += IncidentText.checklist(runbook, zone: zone).flatMap { Self.hung($0, indent: 7) }
        }
        lines += ["", "TIMELINE"]
        lines += IncidentText.timeline(detail.entries, zone: zone).flatMap { Self.hung($0, indent: 4) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A long line wrapped to 78 columns, indented two, its following lines hung under its text.
    static func hung(_ text: String, indent: Int) -> [String] {
        let lines = TextWidth.wrap(text, width: 76 - indent)
        let hang = String(repeating: " ", count: 2 + indent)
        return lines.enumerated().map { ($0.offset == 0 ? "  " : hang) + $0.element }
    }
}
