import Foundation
import Testing

/// Sites on their own files, meeting only through a real hub: the host's file set up from the demo's directory and
/// Saturday slots, each other site starting from an empty file and one `sync`.
struct HubNetwork {
    let cluster: PostgresCluster
    let host: Sandbox
    var sites: [String: Sandbox] = [:]
    var urls: [String: String] = [:]
    static let hostName = "Referral Systems Hosting"

    /// The host imports the directory and slots into a fresh file, is added and syncs; then each named site gets a
    /// login and an empty file, and its first sync gives it everything it may see.
    init(_ names: [String], now: String = "2026-11-21T10:05:00Z") throws {
        cluster = try PostgresCluster()
        let demo = try Sandbox(now: now)
        demo.environment["DOWNTIME_DESK_DB"] = demo.database
        #expect(try demo.run(["demo"]).status == 0)
        let directory = try demo.run(["export", "directory"]).out
        host = try Sandbox(now: now)
        host.environment["DOWNTIME_DESK_DB"] = host.database
        #expect(try host.run(["import", "directory", host.write("directory.csv", Array(directory.utf8))]).status == 0)
        #expect(try host.run(["hub", "init", "--url", cluster.adminURL]).status == 0)
        urls[Self.hostName] = try addSite(Self.hostName)
        let first = try sync(Self.hostName)
        #expect(first.status == 0 && first.out.contains("1 change sent"),
                "the directory goes: \(first.out)\(first.err)")
        let slots = "practice,weekday,start,end,slot_minutes,type,valid_from,valid_to\n"
            + "Kestrel Dental Practice,Saturday,09:00,12:00,20,urgent,,\n"
            + "Oakfield Dental Care,Saturday,09:00,12:00,20,urgent,,\n"
        #expect(try host.run(["import", "slots", host.write("slots.csv", Array(slots.utf8))]).status == 0)
        #expect(try sync(Self.hostName).status == 0)
        for name in names { try join(name, now: now) }
    }

    /// A login for `name` at the hub, made at the host: the URL `hub add-site` prints last.
    func addSite(_ name: String) throws -> String {
        try host.run(["hub", "add-site", name, "--url", cluster.adminURL]).out
            .split(separator: "\n").last.map(String.init) ?? ""
    }

    /// A new site: its login, an empty file, and one sync.
    mutating func join(_ name: String, now: String = "2026-11-21T10:05:00Z") throws {
        let site = try Sandbox(now: now)
        site.environment["DOWNTIME_DESK_DB"] = site.database
        sites[name] = site
        urls[name] = try addSite(name)
        let joined = try sync(name)
        #expect(joined.status == 0 && joined.out.contains("from other sites applied"),
                "\(name)'s first sync: \(joined.out)\(joined.err)")
    }

    func site(_ name: String) -> Sandbox { sites[name] ?? host }

    @discardableResult
    func sync(_ name: String, _ more: [String] = []) throws -> (status: Int32, out: String, err: String) {
        try site(name).run(["sync", "--hub", urls[name] ?? ""] + more)
    }

    /// Every site syncs, twice round, so what one sent in the first pass reaches those before it.
    func syncAll() throws {
        for _ in 0..<2 {
            for name in [Self.hostName] + sites.keys.sorted() {
                let round = try sync(name)
                #expect(round.status == 0, "\(name): \(round.out)\(round.err)")
            }
        }
    }

    /// What `sql` reads in a site's file, through sqlite3.
    func sqlite(_ name: String, _ sql: String) throws -> String {
        let site = site(name)
        return try site.tool("sqlite3", [site.database, sql]).out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// What a site's login reads at the hub, through psql.
    func psql(_ name: String, _ sql: String) throws -> String {
        try cluster.psql(sql, asSite: urls[name] ?? "")
    }
}

extension Sandbox {
    /// The demo network's records in a file that is not a demo: a demo file never syncs (HAZ-17), so the hub's
    /// tests start from the demo's directory, slots and bookings with the marker that says "demo" taken out, as a
    /// real network's file would be.
    func demoRecordsAsARealFile() throws {
        #expect(try run(["demo", "--db", database]).status == 0)
        let cleared = try tool("sqlite3", [database, "DELETE FROM database_marker"])
        #expect(cleared.status == 0, "\(cleared.err)")
    }
}
