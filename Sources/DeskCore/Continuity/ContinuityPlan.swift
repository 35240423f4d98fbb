import Foundation

/// The business-continuity plan of seed 002, as read from its TOML file: key personnel and the critical functions,
/// each with its people, risk, recovery, runbook and duration-based escalations.
public struct ContinuityPlan: Equatable, Codable, Sendable {
    public var title: String
    public var organisation: String
    /// The date the file says it was last reviewed; reviews recorded in the program count too.
    public var lastReviewed: LocalDate
    public var people: [KeyPerson]
    public var functions: [CriticalFunction]

    public init(title: String, organisation: String, lastReviewed: LocalDate, people: [KeyPerson], functions: [CriticalFunction]) {
        self.title = title; self.organisation = organisation; self.lastReviewed = lastReviewed
        self.people = people; self.functions = functions
    }

    public func person(named name: String) -> KeyPerson? {
        people.first { $0.name.lowercased() == name.lowercased() }
    }

    /// The function whose runbook an outage of `system` follows.
    public func function(forSystem system: String) -> CriticalFunction? {
        functions.first { $0.systems.contains { $0.lowercased() == system.lowercased() } }
    }

    public func function(named name: String) -> CriticalFunction? {
        functions.first { $0.name.lowercased() == name.lowercased() }
    }
}

/// Someone to inform and mobilise when the plan is invoked.
public struct KeyPerson: Equatable, Codable, Sendable {
    public var name: String
    public var role: String
    public var phones: [PhoneNumber]
    public var email: String

    public init(name: String, role: String, phones: [PhoneNumber], email: String = "") {
        self.name = name; self.role = role; self.phones = phones; self.email = email
    }
}

public enum PlanLevel: String, Codable, Sendable, CaseIterable {
    case low, medium, high
}

/// One critical function of the plan and how it is recovered.
public struct CriticalFunction: Equatable, Codable, Sendable {
    public struct Resource: Equatable, Codable, Sendable {
        public var label: String
        public var text: String
        public init(label: String, text: String) { self.label = label; self.text = text }
    }

    public var name: String
    /// Outages of these systems follow this function's runbook.
    public var systems: [String]
    public var responsible: String
    public var deputy: String
    public var impact: PlanLevel
    public var likelihood: PlanLevel
    public var recoveryTimeframe: PlanDuration
    public var resources: [Resource]
    public var dataRecovery: String
    /// Others to mobilise besides the responsible person and the deputy.
    public var keyPersonnel: [String]
    public var runbook: [String]
    public var escalations: [Escalation]
    /// Steps Downtime Desk does itself, by their text, and what it does: they tick themselves when it happens.
    /// Optional so plans installed before it read as they were.
    public var doneByDesk: [String: DeskEvent]?
    /// How often an update is due while its outage lasts, and while it is an HSSI (seed 003); optional as above.
    public var updateEvery: PlanDuration?
    public var updateEveryHSSI: PlanDuration?

    public init(name: String, systems: [String], responsible: String, deputy: String, impact: PlanLevel, likelihood: PlanLevel,
                recoveryTimeframe: PlanDuration, resources: [Resource], dataRecovery: String, keyPersonnel: [String] = [],
                runbook: [String], escalations: [Escalation], doneByDesk: [String: DeskEvent]? = nil,
                updateEvery: PlanDuration? = nil, updateEveryHSSI: PlanDuration? = nil) {
        self.name = name; self.systems = systems; self.responsible = responsible; self.deputy = deputy; self.impact = impact
        self.likelihood = likelihood; self.recoveryTimeframe = recoveryTimeframe; self.resources = resources
        self.dataRecovery = dataRecovery; self.keyPersonnel = keyPersonnel; self.runbook = runbook; self.escalations = escalations
        self.doneByDesk = doneByDesk; self.updateEvery = updateEvery; self.updateEveryHSSI = updateEveryHSSI
    }

    /// Responsible, deputy, then the others, each once, with what they are to this function.
    public var personnel: [(name: String, part: String)] {
        var seen = Set<String>()
        var result: [(name: String, part: String)] = []
        for (name, part) in [(responsible, "responsible"), (deputy, "deputy")] + keyPersonnel.map({ ($0, "key personnel") })
        where seen.insert(name.lowercased()).inserted {
            result.append((name, part))
        }
        return result
    }
}

/// "If likely to extend beyond 4 hours, then …": an action due once the outage has lasted `after`.
public struct Escalation: Equatable, Codable, Sendable {
    public var after: PlanDuration
    public var action: String
    /// Key people to contact for it.
    public var contact: [String]

    public init(after: PlanDuration, action: String, contact: [String] = []) {
        self.after = after; self.action = action; self.contact = contact
    }
}

/// A length of time written the way a plan says it: `30m`, `4h`, `2d`, `1h30m`.
public struct PlanDuration: Equatable, Codable, Sendable, CustomStringConvertible {
    public var seconds: Int

    public init(seconds: Int) { self.seconds = seconds }

    /// Nil for anything but whole numbers of d, h and m, largest first, greater than zero.
    public init?(parsing text: String) {
        let units: [(Character, Int)] = [("d", 86_400), ("h", 3_600), ("m", 60)]
        var rest = Substring(text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: ""))
        var total = 0, nextUnit = 0
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count <= 5, let value = Int(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            guard let unit = rest.first, let index = units.firstIndex(where: { $0.0 == unit }), index >= nextUnit else { return nil }
            total += value * units[index].1
            nextUnit = index + 1
            rest = rest.dropFirst()
        }
        guard total > 0 else { return nil }
        seconds = total
    }

    public var description: String {
        var parts: [String] = []
        var rest = seconds
        for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60)] where rest >= size {
            parts.append("\(rest / size)\(unit)")
            rest %= size
        }
        return parts.isEmpty ? "0m" : parts.joined()
    }

    /// "4 hours", "1 day 2 hours", for paper.
    public var words: String {
        var parts: [String] = []
        var rest = seconds
        for (unit, size) in [("day", 86_400), ("hour", 3_600), ("minute", 60)] where rest >= size {
            let n = rest / size
            parts.append("\(n) \(unit)\(n == 1 ? "" : "s")")
            rest %= size
        }
        return parts.joined(separator: " ")
    }
}

/// Seed 002: the plan is reviewed at least once every twelve calendar months.
public enum PlanReview {
    public static let intervalMonths = 12

    /// The last day on which the review is still in time.
    public static func due(after lastReviewed: LocalDate) -> LocalDate {
        lastReviewed.addingMonths(intervalMonths)
    }

    public static func isOverdue(lastReviewed: LocalDate, today: LocalDate) -> Bool {
        today > due(after: lastReviewed)
    }
}
