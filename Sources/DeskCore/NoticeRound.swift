import Foundation

/// One notice round as it stands: who must acknowledge, who has (first acknowledgment per party), the calls made.
public struct NoticeRound: Equatable, Sendable {
    public var notice: Notice
    public var outage: Outage
    /// Every party the round went to, in the order they were listed.
    public var parties: [Organisation]
    public var acknowledgments: [UUID: Acknowledgment]
    public var calls: [CallAttempt]
    /// Replies that matched this notice but came from an address the directory does not give the party: kept, never
    /// counted as its acknowledgment, so the party stays on the call-sheet until someone confirms by phone.
    public var unverifiedReplies: [UnverifiedReply]
    /// Acknowledgments of a party that had one already when they reached the hub (another site recorded it first):
    /// kept, never counted, with the time their site reported.
    public var duplicates: [Acknowledgment]

    public init(notice: Notice, outage: Outage, parties: [Organisation], acknowledgments: [Acknowledgment],
                calls: [CallAttempt],
                unverifiedReplies: [UnverifiedReply] = [], duplicates: [Acknowledgment] = []) {
        self.notice = notice; self.outage = outage; self.parties = parties; self.calls = calls.sorted { $0.at < $1.at }
        self.duplicates = duplicates.sorted { $0.at < $1.at }
        self.unverifiedReplies = unverifiedReplies.sorted { $0.at < $1.at }
        var first: [UUID: Acknowledgment] = [:]
        for ack in acknowledgments.sorted(by: { $0.at < $1.at }) where first[ack.organisationID] == nil { first[ack.organisationID] = ack }
        self.acknowledgments = first
    }

    public var total: Int { parties.count }
    public var acknowledgedCount: Int { parties.filter { acknowledgments[$0.id] != nil }.count }
    public var isComplete: Bool { acknowledgedCount == total }

    public func hasAcknowledged(_ organisationID: UUID) -> Bool { acknowledgments[organisationID] != nil }
    public func includes(_ organisationID: UUID) -> Bool { parties.contains { $0.id == organisationID } }

    /// Parties still silent once the deadline has passed.
    public func overdueCount(at now: Date) -> Int { now < notice.deadline ? 0 : total - acknowledgedCount }

    /// When the last party acknowledged, if all have.
    public var completedAt: Date? { isComplete ? acknowledgments.values.map(\.at).max() ?? notice.createdAt : nil }

    /// When the party is next due a call: the deadline, then after each call the interval set when it was logged.
    public func nextCallDue(_ organisationID: UUID) -> Date {
        nextCallDue(after: calls.filter { $0.organisationID == organisationID })
    }

    /// The rule itself, for a party's calls in this round, oldest first.
    func nextCallDue(after partyCalls: [CallAttempt]) -> Date { partyCalls.last?.nextCallAt ?? notice.deadline }

    /// `acks 12/19`, with the overdue count when there is one: the banner's progress, never colour alone.
    public func progress(at now: Date) -> String {
        let overdue = overdueCount(at: now)
        return "acks \(acknowledgedCount)/\(total)" + (overdue > 0 ? " (\(overdue) overdue)" : "")
    }

    /// The call-sheet: every party yet to acknowledge, most overdue first (earliest due call), then by kind
    /// in the order seed 000 notifies them, then by name. `directory` supplies each party's numbers.
    public func callSheet(directory: [CallSheetRow]) -> [CallSheetRow] {
        let byID = Dictionary(directory.map { ($0.organisation.id, $0) }, uniquingKeysWith: { a, _ in a })
        let callsByParty = Dictionary(grouping: calls, by: \.organisationID)
        let repliesByParty = Dictionary(grouping: unverifiedReplies, by: \.organisationID)
        let pending: [CallSheetRow] = parties.filter { !hasAcknowledged($0.id) }.map { party in
            var row = byID[party.id] ?? CallSheetRow.build(organisation: party, contacts: [])
            row.attempts = callsByParty[party.id] ?? []
            row.unverifiedReplies = repliesByParty[party.id] ?? []
            row.nextCallDue = nextCallDue(after: row.attempts)
            return row
        }
        // Names lowered once each, not once per comparison.
        return pending.map { ($0, $0.organisation.name.lowercased()) }.sorted { a, b in
            if a.0.nextCallDue != b.0.nextCallDue { return (a.0.nextCallDue ?? .distantFuture) < (b.0.nextCallDue ?? .distantFuture) }
            if a.0.organisation.kind.notifyOrder != b.0.organisation.kind.notifyOrder { return a.0.organisation.kind.notifyOrder < b.0.organisation.kind.notifyOrder }
            return a.1 < b.1
        }.map(\.0)
    }
}

extension OrganisationKind {
    /// Seed 000's order: commissioners, then NHS 111, the EDs, the practices.
    public var notifyOrder: Int {
        switch self {
        case .host: return 0
        case .commissioner: return 1
        case .nhs111: return 2
        case .ed: return 3
        case .practice: return 4
        }
    }
}

/// A reply naming a party's notice from an address that is not one of the party's: anyone who has seen a notice
/// could send it, so it is shown to the person calling, not taken as the party's word.
public struct UnverifiedReply: Equatable, Sendable {
    public var organisationID: UUID
    public var sender: String
    public var subject: String
    public var at: Date

    public init(organisationID: UUID, sender: String, subject: String, at: Date) {
        self.organisationID = organisationID; self.sender = sender; self.subject = subject; self.at = at
    }

    /// What the call-sheet and the report say beside the party.
    public var warning: String { "reply from \(sender), not a known address: confirm by phone" }
}

extension NoticeRound {
    /// The party's unverified replies while it has not acknowledged, oldest first.
    public func unverified(_ organisationID: UUID) -> [UnverifiedReply] {
        hasAcknowledged(organisationID) ? [] : unverifiedReplies.filter { $0.organisationID == organisationID }
    }
}
