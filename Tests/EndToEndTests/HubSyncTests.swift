import Foundation
import Testing

/// A site's file sending its changes to the hub: bound on its first sync to the site the hub's login is, then
/// pushing in order, with nothing lost while the hub is down.
@Suite(.serialized) struct HubSyncTests {
    /// The host's file, with the hub made and a login for `site`; the site's file starts as a copy of the host's
    /// (the same directory), as the next step's first pull will give it.
    func network(_ cluster: PostgresCluster, site: String) throws -> (host: Sandbox, site: Sandbox, url: String) {
        let host = try Sandbox()
        host.environment["DOWNTIME_DESK_DB"] = host.database
        try host.demoRecordsAsARealFile()
        #expect(try host.run(["hub", "init", "--url", cluster.adminURL]).status == 0)
        let added = try host.run(["hub", "add-site", site, "--url", cluster.adminURL])
        let url = added.out.split(separator: "\n").last.map(String.init) ?? ""
        let practice = try Sandbox()
        practice.environment["DOWNTIME_DESK_DB"] = practice.database
        try FileManager.default.copyItem(atPath: host.database, toPath: practice.database)
        return (host, practice, url)
    }

    func hubRows(_ cluster: PostgresCluster, _ sql: String) throws -> String {
        try cluster.psql(["-c", sql]).out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func theFirstSyncBindsTheFileAndEachChangeGoesOnceInOrder() throws {
        let cluster = try PostgresCluster()
        let (_, site, url) = try network(cluster, site: "Copperfield Dental Practice")
        let first = try site.run(["sync", "--hub", url])
        #expect(first.status == 0 && first.out.contains("Copperfield Dental Practice is up to date with the hub"),
                "what the file held before it was bound stays its own: \(first.out)\(first.err)")
        #expect(try site.run(["book", "--time", "11:30", "--patient", "Pia Phoned", "--phone", "07700900771"])
                    .status == 0, "the bound site is the terminal's site without --site")
        let round = try site.run(["sync", "--hub", url, "--format", "json"])
        #expect(round.status == 0 && round.out.contains("\"pushed\" : 1") && round.out.contains("\"pending\" : 0"),
                "\(round.out)\(round.err)")
        #expect(try site.run(["sync", "--hub", url]).out.contains("nothing to send"))
        #expect(try hubRows(cluster, "SELECT position || ' ' || kind FROM desk_hub.operation ORDER BY hub_seq")
                    == "1 booking.book\n2 booking.occupancy", "the booking, then the slot it holds")
        #expect(try hubRows(cluster, "SELECT s.organisation_name FROM desk_hub.operation o JOIN desk_hub.site s "
                            + "ON s.organisation_id = o.origin AND s.organisation_id = ANY (o.audience)")
                    == "Copperfield Dental Practice", "from the login, and read by its practice")

        // Bound, the file is its site: it cannot act as the host, whatever --site says.
        let asHost = try site.run(["outage", "declare", "--system", "Dental RMS", "--site", "Referral Systems Hosting"])
        #expect(asHost.status != 0 && asHost.err.contains("syncs with the hub as Copperfield Dental Practice"),
                "\(asHost.err)")

        // The hub down: the change waits in the file and goes when the hub is back.
        try cluster.stopImmediately()
        #expect(try site.run(["book", "--time", "12:00", "--patient", "Ola Offline", "--phone", "07700900772"])
                    .status == 0, "the desk's work does not need the hub")
        let down = try site.run(["sync", "--hub", url])
        #expect(down.status != 0 && down.err.contains("cannot reach the hub at 127.0.0.1:\(cluster.port)")
                    && down.err.contains("1 change waits here and goes when it is back"), "\(down.err)")
        #expect(down.err.split(separator: "\n").count == 1)
        #expect(try site.run(["sync", "status"]).out.contains("1 change waiting for the hub"))
        try cluster.start()
        #expect(try site.run(["sync", "--hub", url]).out.contains("1 change sent to the hub, 0 waiting"))
        #expect(try hubRows(cluster, "SELECT string_agg(position::text, ',' ORDER BY hub_seq) FROM desk_hub.operation")
                    == "1,2,3,4")
    }

    @Test func aHubMadeByAnOlderVersionIsSaidSoAndHubInitAgainPutsItRight() throws {
        let cluster = try PostgresCluster()
        let (host, site, url) = try network(cluster, site: "Copperfield Dental Practice")
        // What an older version's hub lacked.
        #expect(try cluster.psql(["-c", "DROP FUNCTION desk_hub.push_batch(bigint[], text[], text[], text[], "
                                  + "text[], text[])"]).status == 0)
        let old = try site.run(["sync", "--hub", url])
        #expect(old.status != 0 && old.err.contains("was set up by an older version of Downtime Desk: the host runs "
                                                    + "'downtime-desk hub init' there again"), "\(old.err)")
        #expect(try host.run(["hub", "init", "--url", cluster.adminURL]).status == 0)
        #expect(try site.run(["sync", "--hub", url]).status == 0)
    }

    @Test func anotherSitesLoginCannotSyncThisFile() throws {
        let cluster = try PostgresCluster()
        let (host, site, copperfield) = try network(cluster, site: "Copperfield Dental Practice")
        let kestrel = try host.run(["hub", "add-site", "Kestrel Dental Practice", "--url", cluster.adminURL]).out
            .split(separator: "\n").last.map(String.init) ?? ""
        let wrong = try site.run(["sync", "--hub", kestrel])
        #expect(wrong.status != 0 && wrong.err.contains("this file is Copperfield Dental Practice's"), "\(wrong.err)")
        #expect(try site.run(["sync", "status", "--format", "json"]).out.contains("\"site\" : null"),
                "a refused login binds nothing")
        #expect(try site.run(["sync", "--hub", copperfield]).status == 0)
        let after = try site.run(["sync", "--hub", kestrel])
        #expect(after.status != 0 && after.err.contains("this file syncs as Copperfield Dental Practice"),
                "\(after.err)")
        let none = try site.run(["sync"])
        #expect(none.status != 0 && none.err.contains("no hub is configured"), "\(none.err)")
    }
}
