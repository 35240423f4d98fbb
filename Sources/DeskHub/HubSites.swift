import Foundation
import DeskCore
import PostgresNIO

/// The hub's sites: one login role per organisation, made and revoked from the host with the hub's admin URL.
public enum HubSites {
    /// A site's login: fixed by its organisation's id, so it is the same at every `add-site` and never a name
    /// someone typed (which keeps it safe to write into a statement).
    public static func roleName(for organisation: Organisation) -> String {
        "desk_site_" + organisation.id.uuidText.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
    }

    /// A password of 32 letters and digits from the system's random source.
    static func newPassword() -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<32).map { _ in alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))] })
    }

    /// Refuses a hub without the schema. The admin looks for the site table; a site's login, which cannot read it,
    /// looks for the function it calls. The refusal says who runs `hub init`.
    static func requireSchema(_ hub: HubConnection, asSite: Bool = false) async throws {
        let probe: PostgresQuery = asSite ? "SELECT to_regprocedure('desk_hub.my_organisation()') IS NOT NULL"
            : "SELECT to_regclass('desk_hub.site') IS NOT NULL"
        let present = try await hub.rows(probe) { try $0.decode(Bool.self) }
        guard present.first == true else {
            let remedy = asSite ? "the host runs 'downtime-desk hub init' there first"
                : "run 'downtime-desk hub init --url ADMIN_URL' first"
            throw HubError.notInitialised("the hub at \(hub.url.endpoint)/\(hub.url.database) has no Downtime Desk "
                                          + "schema yet: \(remedy)")
        }
        guard asSite else { return }
        // A hub made by an older version lacks what this one calls: say so, rather than PostgreSQL's words.
        let current = try await hub.rows("""
            SELECT to_regprocedure('desk_hub.push_batch(bigint[], text[], text[], text[], text[], text[])') IS NOT NULL
            """) { try $0.decode(Bool.self) }
        guard current.first == true else {
            throw HubError.notInitialised("the hub at \(hub.url.endpoint)/\(hub.url.database) was set up by an older "
                                          + "version of Downtime Desk: the host runs 'downtime-desk hub init' there "
                                          + "again (it keeps everything), then this site syncs")
        }
    }

    /// Makes the organisation's login (or gives an existing one a new password, and its access back) and returns
    /// the URL the site connects with. `existed` says a login was there before: its old password no longer works.
    public static func add(_ organisation: Organisation, hub: HubConnection) async throws
        -> (url: HubURL, existed: Bool) {
        try await requireSchema(hub)
        let role = roleName(for: organisation)
        let password = newPassword()
        let existed = try await hub.rows("SELECT count(*) FROM pg_roles WHERE rolname = \(role)") {
            try $0.decode(Int.self)
        }.first ?? 0 > 0
        if existed {
            try await hub.execute("ALTER ROLE \(role) WITH LOGIN PASSWORD '\(password)'")
        } else {
            try await hub.execute("CREATE ROLE \(role) WITH LOGIN PASSWORD '\(password)'")
        }
        try await hub.execute("GRANT \(HubSchema.siteGroup) TO \(role)")
        try await hub.run("""
            INSERT INTO desk_hub.site (role_name, organisation_id, organisation_name, kind)
            VALUES (\(role), \(organisation.id), \(organisation.name), \(organisation.kind.rawValue))
            ON CONFLICT (role_name) DO UPDATE SET organisation_name = excluded.organisation_name,
                kind = excluded.kind, removed_at = NULL
            """)
        return (hub.url.login(role, password: password), existed)
    }

    /// Takes a site's login away: it can no longer connect, and a connection it has open is ended. What it pushed
    /// stays in the hub. False when the hub had no such site.
    public static func remove(_ organisation: Organisation, hub: HubConnection) async throws -> Bool {
        try await requireSchema(hub)
        let role = roleName(for: organisation)
        let known = try await hub.rows("""
            UPDATE desk_hub.site SET removed_at = now() WHERE role_name = \(role) AND removed_at IS NULL
            RETURNING role_name
            """) { _ in () }
        guard !known.isEmpty else { return false }
        try await hub.execute("ALTER ROLE \(role) WITH NOLOGIN")
        try await hub.execute("REVOKE \(HubSchema.siteGroup) FROM \(role)")
        try await hub.run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = \(role)")
        return true
    }

    /// One site as the hub sees it.
    public struct Status: Equatable, Sendable {
        public var organisation: String
        public var kind: String
        public var role: String
        public var removed: Bool
        public var lastPush: Date?
        public var lastPull: Date?
        /// Operations in the hub this site has not pulled yet.
        public var behind: Int
    }

    public static func status(hub: HubConnection) async throws -> [Status] {
        try await requireSchema(hub)
        return try await hub.rows("""
            SELECT organisation_name, kind, role_name::text, removed_at IS NOT NULL, last_push, last_pull,
                   (SELECT coalesce(max(hub_seq), 0) FROM desk_hub.operation) - pulled_through
            FROM desk_hub.site ORDER BY kind, organisation_name
            """) { row in
            let (name, kind, role, removed, push, pull, behind)
                = try row.decode((String, String, String, Bool, Date?, Date?, Int).self)
            return Status(organisation: name, kind: kind, role: role, removed: removed, lastPush: push,
                          lastPull: pull, behind: behind)
        }
    }
}
