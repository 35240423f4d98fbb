import Foundation

/// Someone on seed 003's communications list: not a party to the chain (never acknowledges, never on the
/// call-sheet) but sent the outage, update and restoration emails.
public struct Subscriber: Equatable, Codable, Sendable {
    public var email: EmailAddress
    public var name: String
    public var scope: SubscriberScope
    public var addedAt: Date
    public var addedBy: String

    public init(email: EmailAddress, name: String, scope: SubscriberScope, addedAt: Date, addedBy: String) {
        self.email = email; self.name = name; self.scope = scope; self.addedAt = addedAt; self.addedBy = addedBy
    }

    /// Whether this subscriber hears about an incident that is (or is not) a high-severity one.
    public func hears(hssi: Bool) -> Bool { scope == .all || hssi }

    /// How to be taken off, said at the foot of every email a subscriber gets.
    public static func leavingLine(host: String, hostPhone: String) -> String {
        "You receive this because you asked \(host) to keep you informed; you need not reply or acknowledge. "
            + "To be taken off the list, reply with UNSUBSCRIBE in the subject, or ask \(host)"
            + (hostPhone.isEmpty ? "." : " on \(hostPhone).")
    }
}

public enum SubscriberScope: String, Codable, Sendable, CaseIterable {
    /// Every outage.
    case all
    /// Only incidents that are high-severity service incidents.
    case hssi

    public var words: String { self == .all ? "every outage" : "high-severity incidents only" }
}
