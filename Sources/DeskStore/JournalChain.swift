import Foundation
import Crypto
import GRDB
import DeskCore

/// Makes the journal tamper-evident: each entry carries SHA-256 of the entry before it and its own fields, so an
/// entry changed or removed outside the program (the triggers stop it inside) no longer matches the chain.
/// The newest hash is the anchor: printed on paper, it also shows when entries were cut off the end.
enum JournalChain {
    /// The "previous hash" of the first entry.
    static let origin = String(repeating: "0", count: 64)
    /// The columns that are hashed, in order. `seq` is left out: the chain itself fixes the order.
    static let columns = ["id", "at", "site", "user", "terminal", "role", "action", "entity", "entity_id", "detail"]

    /// Each value length-prefixed, so no two different entries can hash the same bytes.
    static func hash(previous: String, values: [String?]) -> String {
        var bytes = Array(previous.utf8)
        bytes.reserveCapacity(bytes.count + values.reduce(0) { $0 + ($1?.utf8.count ?? 0) + 6 })
        for value in values {
            if let value {
                FixedDigits.append(value.utf8.count, width: 1, to: &bytes)
                bytes.append(UInt8(ascii: ":"))
                bytes.append(contentsOf: value.utf8)
            } else {
                bytes.append(UInt8(ascii: "-"))
            }
        }
        // Through its bytes: walking the digest as a sequence cost 18,000 instructions a hash.
        return SHA256.hash(data: bytes).withUnsafeBytes { lowercaseHex($0) }
    }


    /// The operation's JSON joins the hashed values when an entry has one; entries from before it existed (and
    /// entries an operation wrote after its first) hash exactly as they always did.
    static func values(of row: Row) -> [String?] {
        let values = columns.map { row[$0] as String? }
        guard let operation = row["operation"] as String? else { return values }
        return values + [operation]
    }

    /// The hash the next entry will follow.
    static func head(_ db: Database) throws -> String {
        try String.fetchOne(db.cachedStatement(sql: "SELECT hash FROM journal ORDER BY seq DESC LIMIT 1")) ?? origin
    }

    /// Walks the whole journal in order and names every entry that does not follow the one before it.
    static func verify(_ db: Database) throws -> JournalVerification {
        var result = JournalVerification(entries: 0, head: origin, breaks: [])
        var previousSeq: Int64?
        let rows = try Row.fetchCursor(db, sql: "SELECT seq, hash, operation, \(columns.joined(separator: ", ")) "
                                           + "FROM journal ORDER BY seq")
        while let row = try rows.next() {
            let seq: Int64 = row["seq"]
            let stored: String? = row["hash"]
            let entry = JournalVerification.Entry(seq: seq, at: row["at"], user: row["user"], site: row["site"], action: row["action"])
            if let previousSeq, seq != previousSeq + 1 {
                result.breaks.append(.init(entry: entry, problem: "entries \(previousSeq + 1)…\(seq - 1) are missing"))
            }
            if let stored {
                if stored != hash(previous: result.head, values: values(of: row)) {
                    result.breaks.append(.init(entry: entry, problem: "no longer matches its hash: it was changed after it was written, or an entry before it was removed"))
                }
                result.head = stored
            } else {
                result.breaks.append(.init(entry: entry, problem: "has no hash"))
            }
            result.entries += 1
            previousSeq = seq
        }
        return result
    }
}

/// What `journal verify` found: how many entries, the newest hash, and every place the chain breaks.
public struct JournalVerification: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public var seq: Int64
        public var at: String
        public var user: String
        public var site: String
        public var action: String
    }
    public struct Break: Equatable, Sendable {
        public var entry: Entry
        public var problem: String
    }
    public var entries: Int
    public var head: String
    public var breaks: [Break]
    public var isIntact: Bool { breaks.isEmpty }
}

extension DeskStore {
    /// Checks the journal's hash chain from the first entry to the newest.
    public func verifyJournal() throws -> JournalVerification {
        try pool.read { db in try JournalChain.verify(db) }
    }
}
