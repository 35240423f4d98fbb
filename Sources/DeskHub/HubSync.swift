import Foundation
import DeskCore
import PostgresNIO

/// A site's side of the hub: who the login is, pushing this site's operations, and pulling the others'.
public enum HubSync {
    /// The organisation the hub knows this login as; nil when it is no (longer a) site of the hub.
    public static func myOrganisation(_ hub: HubConnection) async throws -> UUID? {
        try await HubSites.requireSchema(hub, asSite: true)
        return try await hub.rows("SELECT desk_hub.my_organisation()") { try $0.decode(UUID?.self) }.first ?? nil
    }

    /// One operation as a push sends it.
    public struct Outgoing: Sendable {
        public var position: Int
        public var hash: String
        public var previousHash: String
        public var kind: String
        public var audience: [UUID]?
        public var record: String

        public init(position: Int, hash: String, previousHash: String, kind: String, audience: [UUID]?,
                    record: String) {
            self.position = position; self.hash = hash; self.previousHash = previousHash; self.kind = kind
            self.audience = audience; self.record = record
        }
    }

    /// Pushes one operation; the hub's place for it. Pushed before, it is answered with the same place.
    public static func push(_ operation: Outgoing, to hub: HubConnection) async throws -> Int {
        let rows = try await hub.rows("""
            SELECT desk_hub.push(\(operation.position), \(operation.hash), \(operation.previousHash), \
            \(operation.kind), \(operation.audience), \(operation.record))
            """) { try $0.decode(Int.self) }
        guard let place = rows.first else {
            throw HubError.refused("the hub gave no place for change \(operation.position)")
        }
        return place
    }

    /// Pushes a run of operations in one transaction at the hub: one commit (and one wait for its disk) for the lot,
    /// and all or none of them taken. Returns the hub's place for each, in order.
    public static func push(batch: [Outgoing], to hub: HubConnection) async throws -> [Int] {
        let positions = batch.map { Int64($0.position) }, hashes = batch.map(\.hash)
        let previous = batch.map(\.previousHash), kinds = batch.map(\.kind), records = batch.map(\.record)
        let audiences = batch.map { $0.audience.map { $0.map(\.uuidText).joined(separator: ",") } ?? "" }
        let rows = try await hub.rows("""
            SELECT desk_hub.push_batch(\(positions), \(hashes), \(previous), \(kinds), \(audiences), \(records))
            """) { try $0.decode([Int64].self) }
        guard let places = rows.first, places.count == batch.count else {
            throw HubError.refused("the hub gave no place for \(batch.count) changes")
        }
        return places.map(Int.init)
    }

    /// An organisation the hub has a login for, as the hub recorded it.
    public struct Site: Equatable, Sendable {
        public var id: UUID
        public var name: String
        public var kind: String
    }

    public static func sites(_ hub: HubConnection) async throws -> [Site] {
        try await hub.rows("SELECT organisation_id, organisation_name, kind FROM desk_hub.sites()") { row in
            let (id, name, kind) = try row.decode((UUID, String, String).self)
            return Site(id: id, name: name, kind: kind)
        }
    }

    /// The next operations after `after` in the hub's order, at most `limit`.
    public static func pull(after: Int, limit: Int = 500, from hub: HubConnection) async throws
        -> [IncomingOperation] {
        try await hub.rows("""
            SELECT l.hub_seq, l.origin, l.position, l.hash, l.previous_hash, l.kind, o.record
            FROM desk_hub.links(\(after), \(limit)) l LEFT JOIN desk_hub.operation o ON o.hub_seq = l.hub_seq
            ORDER BY l.hub_seq
            """) { row in
            let (seq, origin, position, hash, previous, kind, record)
                = try row.decode((Int, UUID, Int, String, String, String, String?).self)
            return IncomingOperation(hubSequence: seq, origin: origin, position: position, hash: hash,
                                     previousHash: previous, kind: kind, record: record)
        }
    }

    /// Waits on the hub's notifications (every push notifies `desk_hub`) and calls `arrived` once listening and
    /// then for each one, until the connection ends (thrown, in words) or the task is cancelled.
    public static func listen(_ url: HubURL, arrived: @escaping @Sendable () -> Void) async throws {
        try await HubConnection.using(url) { hub in
            do {
                let notifications = try await hub.connection.listen("desk_hub")
                // Listening from here: what was pushed before is taken by the round this wakes.
                arrived()
                for try await _ in notifications { arrived() }
            } catch {
                throw HubConnection.explain(error, url: url, connecting: false)
            }
        }
    }

    /// This login's own operations after `position`, in its chain's order, at most `limit`: what another file of
    /// the same site sent (a site reads every operation it made, whatever its audience).
    public static func own(after position: Int, limit: Int = 500, from hub: HubConnection) async throws
        -> [IncomingOperation] {
        try await hub.rows("""
            SELECT hub_seq, origin, position, hash, previous_hash, kind, record FROM desk_hub.operation
            WHERE origin = desk_hub.my_organisation() AND position > \(position) ORDER BY position LIMIT \(limit)
            """) { row in
            let (seq, origin, position, hash, previous, kind, record)
                = try row.decode((Int, UUID, Int, String, String, String, String?).self)
            return IncomingOperation(hubSequence: seq, origin: origin, position: position, hash: hash,
                                     previousHash: previous, kind: kind, record: record)
        }
    }

    /// Tells the hub this site has everything through `through`.
    public static func pulled(through: Int, hub: HubConnection) async throws {
        try await hub.run("SELECT desk_hub.pulled(\(through))")
    }
}
