import Foundation
import GRDB
import DeskCore

/// Half-filled forms. They are not part of the record of care, so they are not journalled; they only have to
/// outlive a crash until the person saves or discards them.
extension DeskStore {
    public func saveDraft(owner: String, body: String, at now: Date) throws {
        try explained { try pool.write { db in
            try db.execute(sql: """
                INSERT INTO draft (owner, body, saved_at) VALUES (?, ?, ?)
                ON CONFLICT(owner) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at
                """, arguments: [owner, body, Codecs.instant(now)])
        } }
    }

    public func loadDraft(owner: String) throws -> String? {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT body FROM draft WHERE owner = ?", arguments: [owner]) }
    }

    public func clearDraft(owner: String) throws {
        try explained {
            try pool.write { db in try db.execute(sql: "DELETE FROM draft WHERE owner = ?", arguments: [owner]) }
        }
    }
}
