import Foundation
import PostgresNIO

/// A site's side of the hub: who the login is, and pushing this site's operations to it.
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
}
