import Foundation
import GRDB
import DeskCore

/// This site's own changes that reached the hub from another file of the same site: a backup restored here (the
/// changes made after it was taken), or a second machine of the site. They are applied here and become this file's
/// chain as the hub has it; what was made here and not yet taken is linked after them. Nothing made anywhere is lost.
enum OwnHistory {
    /// The hub's own link, as this file's, taken: at the hub's position, with the hub's place.
    static func link(_ operation: IncomingOperation, _ db: Database) throws {
        let id = operation.record.flatMap { try? OperationRecord.decode(json: $0) }?.id.uuidText
        try db.execute(sql: """
            INSERT OR REPLACE INTO outgoing (position, operation_id, kind, record, previous_hash, hash, hub_seq)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [operation.position, id, operation.kind, operation.record ?? "", operation.previousHash,
                             operation.hash, operation.hubSequence])
        try db.execute(sql: """
            INSERT INTO incoming (origin, position, hash) VALUES (?, ?, ?)
            ON CONFLICT(origin) DO UPDATE SET position = max(position, excluded.position),
                hash = CASE WHEN excluded.position >= position THEN excluded.hash ELSE hash END
            """, arguments: [operation.origin.uuidText, operation.position, operation.hash])
    }
}

extension DeskStore {
    /// The last position of this site's chain the hub took from this file.
    public func ownPushedThrough() throws -> Int {
        try pool.read { db in
            try Int.fetchOne(db, sql: "SELECT max(position) FROM outgoing WHERE hub_seq IS NOT NULL") ?? 0
        }
    }

    /// Changes set aside by an adoption a kill interrupted, still to be linked again.
    public func hasParkedOutgoing() throws -> Bool {
        try pool.read { db in try Row.fetchOne(db, sql: "SELECT 1 FROM outgoing_parked LIMIT 1") != nil }
    }

    /// Takes this site's own changes the hub holds past what this file sent, in order (see `OwnHistory`). Each step
    /// commits on its own and a repeat carries on where a killed one stopped. Returns the sentences of any change
    /// that could not be applied here (it still takes its place in the chain).
    public func adoptOwn(_ operations: [IncomingOperation], me: Organisation) throws -> (adopted: Int,
                                                                                           problems: [String]) {
        guard try hubBinding()?.firstPosition == 1 else { return (0, []) }
        var problems: [String] = []
        var adopted = 0
        if !operations.isEmpty {
            // What this file made that the hub has not taken steps aside, in order, in one transaction.
            try pool.write { db in
                try db.execute(sql: """
                    INSERT INTO outgoing_parked (operation_id, record)
                    SELECT operation_id, record FROM outgoing WHERE hub_seq IS NULL ORDER BY position
                    """)
                try db.execute(sql: "DELETE FROM outgoing WHERE hub_seq IS NULL")
            }
        }
        var expected = try ownPushedThrough() + 1
        var previous = try pool.read { db in
            try String.fetchOne(db, sql: "SELECT hash FROM outgoing WHERE position = ?", arguments: [expected - 1])
        } ?? JournalChain.origin
        for operation in operations where operation.position >= expected {
            guard operation.position == expected, operation.previousHash == previous, let json = operation.record,
                  OutgoingChain.hash(previous: previous, record: json) == operation.hash else {
                throw Refusal.rule("the hub's copy of \(me.name)'s change \(operation.position) does not follow "
                                   + "this file's change \(expected - 1): this file's chain and the hub's differ; "
                                   + "nothing was sent")
            }
            let record = try OperationRecord.decode(json: json)
            let link = IncomingLink(operation, isOwn: true)
            let parked = try pool.read { db in
                try Int.fetchOne(db, sql: "SELECT seq FROM outgoing_parked WHERE operation_id = ?",
                                 arguments: [record.id.uuidText])
            }
            if let parked {
                // Made here and taken by the hub before this file heard back: already in this file.
                try pool.write { db in
                    try link.commit(db)
                    try db.execute(sql: "DELETE FROM outgoing_parked WHERE seq = ?", arguments: [parked])
                }
            } else {
                do {
                    _ = try applyReceived(record, origin: me, link: link)
                    adopted += 1
                } catch {
                    guard ReceiveFailure(error) != nil else { throw error }
                    problems.append("\(me.name)'s own change \(operation.position) (\(operation.kind)), made in "
                                    + "another file of this site, could not be applied here: \(error)")
                    try pool.write { db in try link.commit(db) }
                }
            }
            previous = operation.hash
            expected += 1
        }
        // Then what was made here, after what the hub has, in the order it was made.
        try pool.write { db in
            for row in try Row.fetchAll(db, sql: "SELECT seq, record FROM outgoing_parked ORDER BY seq") {
                guard let json = row["record"] as String?, let record = try? OperationRecord.decode(json: json) else {
                    continue
                }
                try OutgoingChain.relink(record, json: json, in: db)
            }
            try db.execute(sql: "DELETE FROM outgoing_parked")
        }
        return (adopted, problems)
    }
}
