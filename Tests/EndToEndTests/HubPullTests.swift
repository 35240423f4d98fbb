import Foundation
import Testing

/// Sites on their own files, meeting only through the hub: the host's file set up from a directory and slots,
/// each other site starting from an empty file and one `sync`.
@Suite(.serialized) struct HubPullTests {
    struct Network {
        let cluster: PostgresCluster
        let host: Sandbox
        var sites: [String: Sandbox] = [:]
        var urls: [String: String] = [:]

        func sync(_ name: String) throws -> (status: Int32, out: String, err: String) {
            try (sites[name] ?? host).run(["sync", "--hub", urls[name] ?? ""])
        }
    }

    /// The host imports the demo's directory and Saturday slots into a fresh file, is added and syncs; then each
    /// named site gets a login and an empty file, and its first sync gives it everything it may see.
    func network(_ names: [String]) throws -> Network {
        let cluster = try PostgresCluster()
        let demo = try Sandbox()
        demo.environment["DOWNTIME_DESK_DB"] = demo.database
        #expect(try demo.run(["demo"]).status == 0)
        let directory = try demo.run(["export", "directory"]).out
        var network = Network(cluster: cluster, host: try Sandbox())
        let host = network.host
        host.environment["DOWNTIME_DESK_DB"] = host.database
        #expect(try host.run(["import", "directory", host.write("directory.csv", Array(directory.utf8))]).status == 0)
        #expect(try host.run(["hub", "init", "--url", cluster.adminURL]).status == 0)
        func addSite(_ name: String) throws -> String {
            try host.run(["hub", "add-site", name, "--url", cluster.adminURL]).out
                .split(separator: "\n").last.map(String.init) ?? ""
        }
        network.urls["Referral Systems Hosting"] = try addSite("Referral Systems Hosting")
        let first = try network.sync("Referral Systems Hosting")
        #expect(first.status == 0 && first.out.contains("1 change sent"),
                "the directory goes: \(first.out)\(first.err)")
        let slots = "practice,weekday,start,end,slot_minutes,type,valid_from,valid_to\n"
            + "Kestrel Dental Practice,Saturday,09:00,12:00,20,urgent,,\n"
            + "Oakfield Dental Care,Saturday,09:00,12:00,20,urgent,,\n"
        #expect(try host.run(["import", "slots", host.write("slots.csv", Array(slots.utf8))]).status == 0)
        #expect(try network.sync("Referral Systems Hosting").status == 0)
        for name in names {
            let site = try Sandbox()
            site.environment["DOWNTIME_DESK_DB"] = site.database
            network.sites[name] = site
            network.urls[name] = try addSite(name)
            let joined = try network.sync(name)
            #expect(joined.status == 0 && joined.out.contains("2 changes from other sites applied"),
                    "\(name)'s first sync: \(joined.out)\(joined.err)")
        }
        return network
    }

    func count(_ site: Sandbox, _ sql: String) throws -> String {
        try site.tool("sqlite3", [site.database, sql]).out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aBookingMadeAtNHS111ReachesItsPracticeAndNoOtherSite() throws {
        let network = try network(["Kestrel Dental Practice", "Oakfield Dental Care", "Shoreline 111"])
        let kestrel = try #require(network.sites["Kestrel Dental Practice"])
        let oakfield = try #require(network.sites["Oakfield Dental Care"])
        let shoreline = try #require(network.sites["Shoreline 111"])
        #expect(try kestrel.run(["sync", "status"]).out.contains("Kestrel Dental Practice: 0 changes waiting"),
                "one sync set the empty file up as its site")
        let booked = try shoreline.run(["book", "--practice", "Kestrel Dental Practice", "--time", "11:00",
                                        "--patient", "Nia Nhs", "--phone", "07700900781"])
        #expect(booked.status == 0, "\(booked.err)")
        #expect(try network.sync("Shoreline 111").out.contains("1 change sent to the hub"))
        let pulled = try network.sync("Kestrel Dental Practice")
        #expect(pulled.status == 0 && pulled.out.contains("1 change from other sites applied"), "\(pulled.out)")
        #expect(try kestrel.run(["today"]).out.contains("Nia Nhs"), "on the practice's own grid")
        #expect(try network.sync("Oakfield Dental Care").out.contains("nothing new"))
        #expect(try network.sync("Referral Systems Hosting").status == 0)
        for (site, name) in [(oakfield, "Oakfield"), (network.host, "the host")] {
            #expect(try count(site, "SELECT count(*) FROM booking") == "0", "\(name) holds no booking")
            let bytes = try String(contentsOfFile: site.database, encoding: .isoLatin1)
            #expect(!bytes.contains("Nia Nhs"), "the patient is nowhere in \(name)'s file")
        }
        let query = "SELECT count(*) FROM desk_hub.operation WHERE record LIKE '%Nia Nhs%'"
        #expect(try network.cluster.psql(query, asSite: network.urls["Oakfield Dental Care"] ?? "") == "0")
        #expect(try network.cluster.psql(query, asSite: network.urls["Referral Systems Hosting"] ?? "") == "0")
        #expect(try network.cluster.psql(query, asSite: network.urls["Kestrel Dental Practice"] ?? "") == "1")
        #expect(try network.cluster.psql(query, asSite: network.urls["Shoreline 111"] ?? "") == "1")
    }
}
