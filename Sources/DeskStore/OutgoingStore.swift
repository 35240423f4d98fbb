import Foundation
import GRDB
import DeskCore

/// One of this file's own operations on its way to the hub: its place in this site's outgoing chain (1, 2, 3 …,
/// only the operations made here that other sites share), the hash that chains it to the one before, and the
/// hub's place for it once the hub has it. A receiver checks the chain; a gap or a changed operation shows.
public struct OutgoingOperation: Equatable, Sendable {
    public var position: Int
    public var record: String
    public var kind: OperationKind
    public var previousHash: String
    public var hash: String
    public var hubSequence: Int?
}

/// The outgoing chain: SHA-256 over the previous hash and the operation's JSON, length-prefixed as the journal's.
enum OutgoingChain {
    static func hash(previous: String, record: String) -> String {
        JournalChain.hash(previous: previous, values: [record])
    }

    /// Inside the write transaction of the change that made the operation, so it is kept exactly when the change is.
    static func append(_ record: OperationRecord, json: String, in db: Database) throws {
        guard record.operation.kind.isShared else { return }
        if let parts = record.splitByPractice() {
            for part in parts { try link(part, json: try part.json(), in: db) }
        } else {
            try link(record, json: json, in: db)
        }
        // The patients go only to their audience; which slots they hold goes to every site, next in the chain.
        if let holds = try DeskStore.holds(after: record, db: db) { try link(holds, json: try holds.json(), in: db) }
    }

    /// A change made here linked again, unchanged, after this site's changes from elsewhere (see `OwnHistory`).
    static func relink(_ record: OperationRecord, json: String, in db: Database) throws {
        try link(record, json: json, in: db)
    }

    private static func link(_ record: OperationRecord, json: String, in db: Database) throws {
        // Cached: a booking links twice (itself and the slots it holds), and preparing this each time was a
        // tenth of a booking's commit.
        let last = try db.cachedRow("SELECT position, hash FROM outgoing ORDER BY position DESC LIMIT 1", [])
        let position = (last?["position"] as Int? ?? 0) + 1
        let previous = last?["hash"] as String? ?? JournalChain.origin
        try db.cachedExecute("""
            INSERT INTO outgoing (position, operation_id, kind, record, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?)
            """, [position, record.id.uuidText, record.operation.kind.rawValue, json, previous,
                  hash(previous: previous, record: json)])
    }
}

extension OperationRecord {
    /// An import of the central system's bookings holds many practices' patients; it travels as one import per
    /// practice, so each practice's reaches that practice alone. Nil for any other operation, or one practice's.
    func splitByPractice() -> [OperationRecord]? {
        guard case .importBookings(let op) = operation else { return nil }
        let practices = Dictionary(grouping: op.bookings) { $0.practiceName.lowercased() }
        guard practices.count > 1 else { return nil }
        return practices.keys.sorted().map { key in
            var part = self
            part.id = UUID()
            part.operation = .importBookings(.init(bookings: practices[key] ?? []))
            return part
        }
    }
}

extension DeskStore {
    /// This file's operations the hub has not acknowledged yet, oldest first: what the next push sends.
    public func pendingOutgoing(limit: Int = 1000) throws -> [OutgoingOperation] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM outgoing WHERE hub_seq IS NULL ORDER BY position LIMIT ?
                """, arguments: [limit]).compactMap(Self.outgoing)
        }
    }

    /// How many of this file's operations wait for the hub.
    public func pendingOutgoingCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM outgoing WHERE hub_seq IS NULL") ?? 0 }
    }

    /// The hub has the operation at `position`, in its own order at `hubSequence`.
    public func markPushed(position: Int, hubSequence: Int) throws {
        try markPushed([(position, hubSequence)])
    }

    /// A batch the hub took in one transaction, marked in one: killed before this, the next push repeats them and
    /// the hub answers with the same places.
    public func markPushed(_ places: [(position: Int, hubSequence: Int)]) throws {
        try pool.write { db in
            for place in places {
                try db.cachedExecute("UPDATE outgoing SET hub_seq = ? WHERE position = ?",
                                     [place.hubSequence, place.position])
            }
        }
    }

    /// Whether the outgoing chain still links up, operation by operation; the first position that does not, if any.
    public func outgoingChainBreak() throws -> Int? {
        try pool.read { db in
            var previous = JournalChain.origin, expected = 1
            for row in try Row.fetchAll(db, sql: "SELECT * FROM outgoing ORDER BY position") {
                guard let operation = Self.outgoing(row), operation.position == expected,
                      operation.previousHash == previous,
                      operation.hash == OutgoingChain.hash(previous: previous, record: operation.record) else {
                    return expected
                }
                previous = operation.hash
                expected += 1
            }
            return nil
        }
    }

    /// A row that does not decode is reported as a break by `outgoingChainBreak`, never force-unwrapped.
    static func outgoing(_ row: Row) -> OutgoingOperation? {
        guard let position = row["position"] as Int?, let record = row["record"] as String?,
              let kind = (row["kind"] as String?).flatMap(OperationKind.init(rawValue:)),
              let previous = row["previous_hash"] as String?, let hash = row["hash"] as String? else { return nil }
        return OutgoingOperation(position: position, record: record, kind: kind, previousHash: previous, hash: hash,
                                 hubSequence: row["hub_seq"] as Int?)
    }
}
