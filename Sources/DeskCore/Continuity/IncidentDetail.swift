import Foundation

/// An incident with everything its view and the hand-over show.
public struct IncidentDetail: Equatable, Sendable {
    public var incident: Incident
    public var outage: Outage?
    /// Oldest first.
    public var entries: [IncidentEntry]
    /// The plan function the incident follows, and what has been ticked off.
    public var function: CriticalFunction?
    public var ticks: [RunbookTick]
    /// Downtime bookings made during its outage and not yet back-entered.
    public var backEntryRemaining: Int
    /// The plan's key personnel, to resolve the function's people to their numbers.
    public var people: [KeyPerson]
    /// When each thing the desk does happened for this incident's outage: its steps that tick themselves.
    public var happened: [DeskEvent: Date] = [:]

    public init(incident: Incident, outage: Outage?, entries: [IncidentEntry], function: CriticalFunction?, ticks: [RunbookTick],
                backEntryRemaining: Int, people: [KeyPerson]) {
        self.incident = incident; self.outage = outage; self.entries = entries; self.function = function; self.ticks = ticks
        self.backEntryRemaining = backEntryRemaining; self.people = people
    }

    /// The function's people with their numbers, for the call-sheet.
    public var keyPersonnel: [(person: KeyPerson, part: String)] {
        (function?.personnel ?? []).compactMap { entry in
            people.first { $0.name.lowercased() == entry.name.lowercased() }.map { ($0, entry.part) }
        }
    }

    public func runbook(at now: Date) -> Runbook? {
        guard let function else { return nil }
        return Runbook(function: function, since: outage?.since ?? incident.openedAt,
                       now: outage?.restoredAt.map { min($0, now) } ?? now, ticks: ticks, happened: happened,
                       incidentID: incident.id)
    }

    public var closureBlockers: [String] {
        Incident.closureBlockers(outageActive: outage?.isActive ?? false, backEntryRemaining: backEntryRemaining)
    }
}

