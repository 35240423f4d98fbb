import Foundation

/// What an incident touches beyond its severity: each of these alone makes it a High Severity Service Incident.
public struct IncidentImpact: Equatable, Codable, Sendable {
    public var multipleSites: Bool
    public var clinicalSafety: Bool
    public var informationGovernance: Bool

    /// A central booking system down stops booking at every practice: several sites, unless the on-call says otherwise.
    public init(multipleSites: Bool = true, clinicalSafety: Bool = false, informationGovernance: Bool = false) {
        self.multipleSites = multipleSites; self.clinicalSafety = clinicalSafety; self.informationGovernance = informationGovernance
    }
}

/// Every outage is also an incident (seed 003): a number never used twice, a severity, and closure agreed with the reporter.
public struct Incident: Identifiable, Equatable, Codable, Sendable {
    public static let severities = 1...5
    /// A new outage's incident starts here; the on-call raises or lowers it with a reason.
    public static let defaultSeverity = 3

    public var id: UUID
    public var number: String
    public var outageID: UUID?
    public var severity: Int
    public var impact: IncidentImpact
    /// The continuity plan's critical function whose runbook this incident follows, if any.
    public var function: String?
    public var openedAt: Date
    /// Who reported it: closure is agreed with them.
    public var reporter: String
    public var closedAt: Date?
    public var closedBy: String?
    public var agreedBy: String?
    /// Why it was closed although its outage was active or back-entry was outstanding.
    public var closeOverride: String?

    public init(id: UUID = UUID(), number: String, outageID: UUID?, severity: Int = Incident.defaultSeverity,
                impact: IncidentImpact = IncidentImpact(), function: String? = nil, openedAt: Date, reporter: String) {
        self.id = id; self.number = number; self.outageID = outageID; self.severity = severity; self.impact = impact
        self.function = function; self.openedAt = openedAt; self.reporter = reporter
    }

    public var isClosed: Bool { closedAt != nil }

    /// Seed 003: severity 1 or 2, several sites, or a clinical-safety or information-governance impact.
    public var isHighSeverity: Bool { !hssiReasons.isEmpty }
    /// "HSSI (why, why)" or "not an HSSI", as the incident's summary and the commands say it.
    public var hssiSummary: String { isHighSeverity ? "HSSI (\(hssiReasons.joined(separator: ", ")))" : "not an HSSI" }

    /// Why the HSSI flag is set, in words for the incident view and the hand-over.
    public var hssiReasons: [String] {
        var reasons: [String] = []
        if severity <= 2 { reasons.append("severity \(severity)") }
        if impact.multipleSites { reasons.append("several sites affected") }
        if impact.clinicalSafety { reasons.append("clinical-safety impact") }
        if impact.informationGovernance { reasons.append("information-governance impact") }
        return reasons
    }

    /// "INC-2026-0007 · sev 3 · HSSI", as the banner shows it.
    public var badge: String { "\(number) sev \(severity)\(isHighSeverity ? " HSSI" : "")" }

    /// The reasons an incident may not be closed yet; empty when it may.
    public static func closureBlockers(outageActive: Bool, backEntryRemaining: Int) -> [String] {
        var blockers: [String] = []
        if outageActive { blockers.append("its outage is still active") }
        if backEntryRemaining > 0 {
            blockers.append("\(backEntryRemaining) downtime booking\(backEntryRemaining == 1 ? " is" : "s are") still to be back-entered")
        }
        return blockers
    }
}

/// Incident numbers: `INC-` year `-` four-digit sequence, counted per year and never reused.
public enum IncidentNumber {
    public static func make(year: Int, sequence: Int) -> String { String(format: "INC-%04d-%04d", year, sequence) }

    /// Accepts `INC-2026-0007`, any case, or the bare `2026-0007`.
    public static func normalise(_ text: String) -> String? {
        var t = text.trimmingCharacters(in: .whitespaces).uppercased()
        if !t.hasPrefix("INC-") { t = "INC-" + t }
        let parts = t.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[1]), let sequence = Int(parts[2]), parts[1].count == 4, sequence > 0 else { return nil }
        return make(year: year, sequence: sequence)
    }
}

/// One line of an incident's timeline.
public struct IncidentEntry: Identifiable, Equatable, Codable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case opened, note, severity, impact, runbook, restored, closed
    }

    public var id: UUID
    public var incidentID: UUID
    public var at: Date
    public var by: String
    public var kind: Kind
    public var text: String

    public init(id: UUID = UUID(), incidentID: UUID, at: Date, by: String, kind: Kind, text: String) {
        self.id = id; self.incidentID = incidentID; self.at = at; self.by = by; self.kind = kind; self.text = text
    }
}
