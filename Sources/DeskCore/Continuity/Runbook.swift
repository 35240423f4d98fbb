import Foundation

/// What Downtime Desk itself does that a runbook step may be: such a step ticks itself when it happens.
public enum DeskEvent: String, Codable, CaseIterable, Sendable {
    case outageDeclared = "outage-declared"
    case noticesSent = "notices-sent"
    case restorationDeclared = "restoration-declared"
    case restorationNoticesSent = "restoration-notices-sent"
}

/// A runbook step or escalation ticked off by the on-call, or by Downtime Desk for a step it did itself.
public struct RunbookTick: Equatable, Codable, Sendable {
    /// Who ticks a step the program did itself.
    public static let desk = "Downtime Desk"
    public var incidentID: UUID
    public var item: String
    public var at: Date
    public var by: String

    public init(incidentID: UUID, item: String, at: Date, by: String) {
        self.incidentID = incidentID; self.item = item; self.at = at; self.by = by
    }

    /// Ticked by the program for a step it did, not by a person (and so not unticked by one).
    public var isByDesk: Bool { by == Self.desk }
}

/// The checklist for one incident: the function's steps, then its escalations, each ticked or not, with the
/// escalations that have come due by elapsed time since the outage began.
public struct Runbook: Equatable, Sendable {
    public struct Item: Equatable, Sendable {
        public enum Kind: Equatable, Sendable {
            case step
            case escalation(after: PlanDuration, contact: [String])
        }

        public var kind: Kind
        public var text: String
        public var tick: RunbookTick?
        /// An escalation whose time has come (always false for ordinary steps).
        public var isDue: Bool

        /// What a tick is stored under: the text, so a reworded plan does not tick the wrong line.
        public var key: String {
            switch kind {
            case .step: return "step: " + text
            case .escalation(let after, _): return "escalation \(after): " + text
            }
        }

        public init(kind: Kind, text: String, tick: RunbookTick? = nil, isDue: Bool = false) {
            self.kind = kind; self.text = text; self.tick = tick; self.isDue = isDue
        }

        public var isDone: Bool { tick != nil }
        public var isEscalation: Bool { if case .escalation = kind { return true } else { return false } }
    }

    public var function: CriticalFunction
    public var items: [Item]

    /// `happened` is when each thing the desk does happened, for the steps that tick themselves; a person's tick
    /// of such a step stands.
    public init(function: CriticalFunction, since: Date, now: Date, ticks: [RunbookTick],
                happened: [DeskEvent: Date] = [:], incidentID: UUID = UUID()) {
        self.function = function
        let byKey = Dictionary(ticks.map { ($0.item, $0) }, uniquingKeysWith: { first, _ in first })
        let elapsed = now.timeIntervalSince(since)
        var items = function.runbook.map { Item(kind: .step, text: $0, tick: nil, isDue: false) }
        items += function.escalations.map {
            Item(kind: .escalation(after: $0.after, contact: $0.contact), text: $0.action, tick: nil, isDue: elapsed >= TimeInterval($0.after.seconds))
        }
        let byDesk = function.doneByDesk ?? [:]
        self.items = items.map { item in
            var item = item
            item.tick = byKey[item.key]
            if item.tick == nil, !item.isEscalation, let event = byDesk[item.text], let at = happened[event] {
                item.tick = RunbookTick(incidentID: incidentID, item: item.key, at: at, by: RunbookTick.desk)
            }
            return item
        }
    }

    /// Escalations due and not yet done, the earliest threshold first: what the banner shouts.
    public var dueEscalations: [Item] { items.filter { $0.isEscalation && $0.isDue && !$0.isDone } }

    public var stepsDone: Int { items.filter { !$0.isEscalation && $0.isDone }.count }
    public var stepCount: Int { items.filter { !$0.isEscalation }.count }

    /// "steps 3/7 · 1 escalation due"
    public var progress: String {
        let due = dueEscalations.count
        return "runbook \(stepsDone)/\(stepCount)" + (due > 0 ? " · \(due) escalation\(due == 1 ? "" : "s") DUE" : "")
    }
}
