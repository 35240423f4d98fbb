import Foundation

/// A period when a central system is unavailable, from declaration to restoration.
public struct Outage: Identifiable, Equatable, Codable, Sendable {
    public var id: UUID
    public var system: String
    public var since: Date
    public var reason: String
    public var instructions: String
    public var declaredAt: Date
    public var declaredBy: String
    public var restoredAt: Date?

    /// Seed 000's business-continuity instructions, used when the host gives none.
    public static let defaultInstructions =
        "Stop direct booking through the central system. Give patients the practice phone number. Record every appointment locally."

    public init(id: UUID = UUID(), system: String, since: Date, reason: String = "",
                instructions: String = Outage.defaultInstructions, declaredAt: Date, declaredBy: String,
                restoredAt: Date? = nil) {
        self.id = id; self.system = system; self.since = since; self.reason = reason
        self.instructions = instructions; self.declaredAt = declaredAt; self.declaredBy = declaredBy
        self.restoredAt = restoredAt
    }

    public var isActive: Bool { restoredAt == nil }
}

/// The two notice rounds of seed 000: the outage, and its restoration "in reverse".
public enum NoticeKind: String, Codable, Sendable, CaseIterable {
    case outage, restoration
}

/// One round of notification to every participating party about an outage or its restoration.
public struct Notice: Identifiable, Equatable, Codable, Sendable {
    public var id: UUID
    public var outageID: UUID
    public var kind: NoticeKind
    public var createdAt: Date
    /// Short token carried in the subject so replies can be matched (e.g. `DD-7F3A2C`); each party's message
    /// adds its own number (`DD-7F3A2C-07`).
    public var reference: String
    /// Parties that have not acknowledged by then are overdue: on the call-sheet and in the banner's count.
    /// Counted from the round's creation, so a party whose email never left is still called.
    public var deadline: Date

    public init(id: UUID = UUID(), outageID: UUID, kind: NoticeKind, createdAt: Date, deadline: Date? = nil, reference: String? = nil) {
        self.id = id; self.outageID = outageID; self.kind = kind; self.createdAt = createdAt
        self.deadline = deadline ?? createdAt.addingTimeInterval(30 * 60)
        self.reference = reference ?? "DD-" + String(id.uuidText.replacingOccurrences(of: "-", with: "").prefix(6))
    }

    /// The token for one party's message in this round.
    public func reference(forPartyAt position: Int) -> String { reference + String(format: "-%02d", position + 1) }

    public var title: String { kind == .outage ? "outage notice" : "restoration notice" }
    /// The title at the start of a sentence.
    public var heading: String { kind == .outage ? "Outage notice" : "Restoration notice" }
}

/// How a party's acknowledgment reached us.
public enum AckChannel: String, Codable, Sendable, CaseIterable {
    case app, phone, email
}

/// A party's acknowledgment of one notice; the first one per party and notice is what counts.
public struct Acknowledgment: Identifiable, Equatable, Codable, Sendable {
    public var id: UUID
    public var noticeID: UUID
    public var organisationID: UUID
    public var via: AckChannel
    public var at: Date
    public var by: String
    public var note: String

    public init(id: UUID = UUID(), noticeID: UUID, organisationID: UUID, via: AckChannel, at: Date, by: String, note: String = "") {
        self.id = id; self.noticeID = noticeID; self.organisationID = organisationID
        self.via = via; self.at = at; self.by = by; self.note = note
    }
}

/// The result of one phone call made from the call-sheet.
public enum CallOutcome: String, Codable, Sendable, CaseIterable {
    case acknowledged, noAnswer = "no-answer", voicemail, busy, wrongNumber = "wrong-number", other
}

/// A commissioner's call to a party that has not acknowledged a notice.
public struct CallAttempt: Identifiable, Equatable, Codable, Sendable {
    public var id: UUID
    public var noticeID: UUID
    public var organisationID: UUID
    public var number: PhoneNumber
    public var outcome: CallOutcome
    public var note: String
    public var at: Date
    public var by: String
    /// When this party is next due a call, if it still has not acknowledged.
    public var nextCallAt: Date

    public init(id: UUID = UUID(), noticeID: UUID, organisationID: UUID, number: PhoneNumber, outcome: CallOutcome,
                note: String = "", at: Date, by: String, nextCallAt: Date? = nil) {
        self.id = id; self.noticeID = noticeID; self.organisationID = organisationID; self.number = number
        self.outcome = outcome; self.note = note; self.at = at; self.by = by
        self.nextCallAt = nextCallAt ?? at.addingTimeInterval(15 * 60)
    }
}

extension CallOutcome {
    /// The words a person reads on the call-sheet and on paper.
    public var label: String {
        switch self {
        case .acknowledged: return "acknowledged"
        case .noAnswer: return "no answer"
        case .voicemail: return "voicemail left"
        case .busy: return "busy"
        case .wrongNumber: return "wrong number"
        case .other: return "other"
        }
    }

    public init?(parsing text: String) {
        switch ChoiceKey.of(text) {
        case "acknowledged", "ack", "answered": self = .acknowledged
        case "no-answer", "noanswer": self = .noAnswer
        case "voicemail", "voicemail-left": self = .voicemail
        case "busy", "engaged": self = .busy
        case "wrong-number", "wrong": self = .wrongNumber
        case "other": self = .other
        default: return nil
        }
    }
}
