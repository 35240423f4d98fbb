import Foundation
import GRDB
import DeskCore

/// The append-only audit trail: a trigger in the schema refuses UPDATE and DELETE on it, and a hash chain
/// (`JournalChain`) shows any change made around the triggers.
enum Journal {
    /// Runs inside the caller's write transaction, after `previous` (the newest entry's hash, or the one the last
    /// call returned), so the hash it follows is still the newest when it lands; returns the new entry's hash.
    /// `operation` is the JSON of the operation this change applied, on the first entry it wrote.
    static func append(_ change: Change, actor: Actor, at now: Date, operation: String? = nil, after previous: String,
                       in db: Database) throws -> String {
        let id = UUID().uuidText, at = Codecs.instant(now), entityID = change.entityID?.uuidText
        let detail = Codecs.json(change.detail)
        let values = [id, at, actor.site, actor.user, actor.terminal, actor.role.rawValue, change.action,
                      change.entity, entityID, detail]
        let hash = JournalChain.hash(previous: previous, values: values + (operation.map { [$0] } ?? []))
        // Listed, not mapped from `values`: the generic form cost more than the insert's own binding.
        try db.cachedExecute("""
            INSERT INTO journal (id, at, site, user, terminal, role, action, entity, entity_id, detail, hash, operation)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [id, at, actor.site, actor.user, actor.terminal, actor.role.rawValue, change.action, change.entity,
                  entityID, detail, hash, operation])
        return hash
    }
}

extension DeskStore {
    /// The newest journal entries first.
    public func journal(limit: Int = 100) throws -> [JournalEntry] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM journal ORDER BY seq DESC LIMIT ?", arguments: [limit]).map { row in
                JournalEntry(id: Codecs.uuid(row["id"]) ?? UUID(), at: Codecs.instant(row["at"] as String?) ?? .distantPast,
                             actor: Actor(user: row["user"], terminal: row["terminal"], site: row["site"],
                                          role: TerminalRole(rawValue: row["role"]) ?? .practice),
                             action: row["action"], entity: row["entity"], entityID: Codecs.uuid(row["entity_id"]),
                             detail: row["detail"])
            }
        }
    }

    /// The operations the journal recorded, oldest first: what a second file applies, in order, to hold the same
    /// records (the next step sends them between sites). Entries from before operations were recorded have none.
    public func journaledOperations() throws -> [OperationRecord] {
        try pool.read { db in
            try String.fetchAll(db, sql: "SELECT operation FROM journal WHERE operation IS NOT NULL ORDER BY seq")
                .map { try OperationRecord.decode(json: $0) }
        }
    }
}
