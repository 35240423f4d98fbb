import Foundation

/// Where a notice email is on its way out.
public enum DeliveryStatus: String, Codable, Sendable, CaseIterable {
    case queued, sending, sent, failed
}

/// One email in the database's outbox, with what happened to it: a notice's or an update's, to a party or to
/// someone on the communications list.
public struct OutboxMessage: Identifiable, Equatable, Sendable {
    public var id: UUID
    /// The notice round it belongs to; nil for an update's email.
    public var noticeID: UUID?
    public var updateID: UUID?
    /// The party it goes to; nil for a subscriber's copy.
    public var organisationID: UUID?
    public var subscriber: EmailAddress?
    public var reference: String
    public var messageID: String
    public var recipients: [EmailAddress]
    public var subject: String
    /// The whole message as handed to the mail command; nil until it is composed, just before its first sending.
    public var raw: String?
    public var status: DeliveryStatus
    public var attempts: Int
    public var lastError: String?
    public var queuedAt: Date
    public var sentAt: Date?
    public var nextAttemptAt: Date

    public init(id: UUID, noticeID: UUID?, updateID: UUID? = nil, organisationID: UUID?,
                subscriber: EmailAddress? = nil,
                reference: String, messageID: String, recipients: [EmailAddress],
                subject: String, raw: String?, status: DeliveryStatus, attempts: Int, lastError: String?,
                queuedAt: Date,
                sentAt: Date?, nextAttemptAt: Date) {
        self.id = id; self.noticeID = noticeID; self.updateID = updateID; self.organisationID = organisationID
        self.subscriber = subscriber; self.reference = reference
        self.messageID = messageID; self.recipients = recipients; self.subject = subject; self.raw = raw; self.status = status
        self.attempts = attempts; self.lastError = lastError; self.queuedAt = queuedAt; self.sentAt = sentAt; self.nextAttemptAt = nextAttemptAt
    }

    /// Who it goes to, in words: the party's name, or the subscriber's address marked as such.
    public func addressee(names: [UUID: String]) -> String {
        if let organisationID { return names[organisationID] ?? "?" }
        return "\(subscriber?.value ?? "?") (subscriber)"
    }

    /// Waits after the n-th failure: 1, 2, 4, 8, then every 15 minutes, so a mail server that is down is not hammered
    /// and one that comes back is used within a quarter of an hour.
    public static func retryDelay(afterAttempts attempts: Int) -> TimeInterval {
        TimeInterval(min(15, 1 << min(4, max(0, attempts - 1))) * 60)
    }
}
