import Foundation

// What an import or a read of replies did: part of an operation's outcome.

/// What an import changed, so a re-import can say "nothing changed".
public struct DirectoryImportSummary: Equatable, Sendable {
    public var organisationsAdded = 0, organisationsUpdated = 0, contactsAdded = 0, contactsUpdated = 0
    public init() {}
    public var isEmpty: Bool { organisationsAdded + organisationsUpdated + contactsAdded + contactsUpdated == 0 }
}

/// What an import of central bookings did.
public struct BookingImportSummary: Equatable, Sendable {
    public var added = 0
    /// Already imported (same central reference): left alone.
    public var unchanged = 0
    /// Added into a slot that already held a live booking: shown as a conflict for a person to resolve.
    public var conflicts: [String] = []
    public init() {}
}

/// What reading one received message did.
public enum ReplyOutcome: Equatable, Sendable {
    case acknowledged(party: String, notice: String, sender: String)
    /// A reply from a party that had already acknowledged this notice; the first acknowledgment stands.
    case alreadyAcknowledged(party: String, notice: String)
    /// Matched a notice but came from none of the party's addresses: kept as unverified, the party stays on the
    /// call-sheet until a phone call confirms it.
    case unverified(party: String, notice: String, sender: String)
    /// A reply to an update, or from someone on the communications list: kept for the report, never counted.
    case noted(from: String, reference: String)
    /// Someone on the communications list asked to be taken off it, and was.
    case unsubscribed(String)
    /// Read by an earlier scan: nothing recorded twice.
    case alreadyScanned
    /// Not an acknowledgment: a bounce, an automatic reply, unrelated or unreadable mail, with why.
    case ignored(String)
}
