import Foundation
import GRDB
import DeskCore

/// Seed 003's communications list, kept in the host's file (the one that sends the emails).
extension DeskStore {
    public func subscribers() throws -> [Subscriber] {
        try pool.read { db in try Self.subscribers(db) }
    }

    static func subscribers(_ db: Database) throws -> [Subscriber] {
        try Row.fetchAll(db, sql: "SELECT * FROM subscriber ORDER BY email").compactMap { row -> Subscriber? in
            guard let email = try? EmailAddress(parsing: row["address"] as String),
                  let scope = SubscriberScope(rawValue: row["scope"]) else {
                return UnreadableRows.skip("subscriber", row)
            }
            return Subscriber(email: email, name: row["name"], scope: scope,
                              addedAt: Codecs.instant(row["added_at"] as String?) ?? .distantPast,
                              addedBy: row["added_by"])
        }
    }

    func addSubscriber(_ op: DeskOperation.AddSubscriber, actor: Actor,
                       at now: Date) throws -> (subscriber: Subscriber, replaced: Bool) {
        let name = op.name.trimmingCharacters(in: .whitespaces)
        guard name.count <= 120, !Sanitise.containsControl(name) else {
            throw Refusal.rule("a subscriber's name must be at most 120 printable characters",
                               commandLine: "--name must be at most 120 printable characters")
        }
        return try write(actor: actor, at: now) { db, changes in
            // A party's own addresses already get every email: listing one again would send it twice.
            if let party = try Self.party(owning: op.email, db: db) {
                throw Refusal.rule("\(op.email) is \(party)'s address in the directory, so it already gets every "
                                   + "notice and update as a party; subscribers are people outside the chain")
            }
            let key = op.email.normalised
            let replaced = try Row.fetchOne(db, sql: "SELECT 1 FROM subscriber WHERE email = ?",
                                            arguments: [key]) != nil
            try db.execute(sql: """
                INSERT INTO subscriber (email, address, name, scope, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (email) DO UPDATE
                SET address = excluded.address, name = excluded.name, scope = excluded.scope
                """, arguments: [key, op.email.value, name, op.scope.rawValue, Codecs.instant(now), actor.user])
            changes.append(Change(action: replaced ? "subscriber.change" : "subscriber.add", entity: "subscriber",
                                  entityID: nil, detail: [("email", op.email.value), ("scope", op.scope.rawValue)]))
            let subscriber = Subscriber(email: op.email, name: name, scope: op.scope, addedAt: now, addedBy: actor.user)
            return (subscriber, replaced)
        }
    }

    func removeSubscriber(_ email: EmailAddress, actor: Actor, at now: Date) throws -> Bool {
        try write(actor: actor, at: now) { db, changes in
            try Self.removeSubscriber(email, db: db, changes: &changes)
        }
    }

    static func removeSubscriber(_ email: EmailAddress, db: Database, changes: inout [Change]) throws -> Bool {
        try db.execute(sql: "DELETE FROM subscriber WHERE email = ?", arguments: [email.normalised])
        guard db.changesCount > 0 else { return false }
        changes.append(Change(action: "subscriber.remove", entity: "subscriber", entityID: nil,
                              detail: [("email", email.value)]))
        return true
    }

    /// The party (a participating organisation other than the host) whose directory entry (or a contact's) lists
    /// `email`, by name.
    static func party(owning email: EmailAddress, db: Database) throws -> String? {
        let wanted = email.normalised
        for row in try Row.fetchAll(db, sql: """
            SELECT name, emails FROM organisation WHERE participating AND kind <> 'host' UNION ALL
            SELECT o.name, c.emails FROM contact c JOIN organisation o ON o.id = c.organisation_id
            WHERE o.participating AND o.kind <> 'host'
            """) where Codecs.emails(row["emails"] as String).contains(where: { $0.normalised == wanted }) {
            return row["name"]
        }
        return nil
    }
}
