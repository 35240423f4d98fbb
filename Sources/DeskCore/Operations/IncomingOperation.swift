import Foundation

/// One operation of the hub as a pull brings it: its place in the hub's order and in its origin's chain, and its
/// contents when this site may read them (nil when it may not: another practice's booking still has its link).
public struct IncomingOperation: Equatable, Sendable {
    public var hubSequence: Int
    public var origin: UUID
    public var position: Int
    public var hash: String
    public var previousHash: String
    public var kind: String
    public var record: String?

    public init(hubSequence: Int, origin: UUID, position: Int, hash: String, previousHash: String, kind: String,
                record: String?) {
        self.hubSequence = hubSequence; self.origin = origin; self.position = position; self.hash = hash
        self.previousHash = previousHash; self.kind = kind; self.record = record
    }
}
