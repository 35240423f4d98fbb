import Foundation
import Testing

/// What one site makes reaches the sites that may see it, and no other.
@Suite(.serialized) struct HubPullTests {
    @Test func aBookingMadeAtNHS111ReachesItsPracticeAndNoOtherSite() throws {
        let network = try HubNetwork(["Kestrel Dental Practice", "Oakfield Dental Care", "Shoreline 111"])
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
        for (site, name) in [(oakfield, "Oakfield Dental Care"), (network.host, HubNetwork.hostName)] {
            #expect(try network.sqlite(name, "SELECT count(*) FROM booking") == "0", "\(name) holds no booking")
            let bytes = try String(contentsOfFile: site.database, encoding: .isoLatin1)
            #expect(!bytes.contains("Nia Nhs"), "the patient is nowhere in \(name)'s file")
        }
        // Without the patient, every site counts the slot as taken: the capacity board NHS 111 and the EDs book from.
        for name in [HubNetwork.hostName, "Oakfield Dental Care", "Kestrel Dental Practice", "Shoreline 111"] {
            let board = try network.site(name).run(["capacity"]).out
            let kestrelLine = board.split(separator: "\n").first { $0.hasPrefix("Kestrel Dental Practice") } ?? ""
            #expect(kestrelLine.hasSuffix("4 free: 10:20 10:40 11:20 11:40"), "\(name): \(kestrelLine)")
        }
        // The host sees each site's last pull and how far behind it is.
        let status = try network.host.run(["hub", "status", "--url", network.cluster.adminURL, "--format", "json"]).out
        let rows = try JSONSerialization.jsonObject(with: Data(status.utf8)) as? [[String: Any]] ?? []
        let oakfieldRow = rows.first { $0["organisation"] as? String == "Oakfield Dental Care" }
        #expect(oakfieldRow?["behind"] as? Int == 0 && oakfieldRow?["last_pull"] is String, "\(status)")
        let query = "SELECT count(*) FROM desk_hub.operation WHERE record LIKE '%Nia Nhs%'"
        #expect(try network.cluster.psql(query, asSite: network.urls["Oakfield Dental Care"] ?? "") == "0")
        #expect(try network.cluster.psql(query, asSite: network.urls["Referral Systems Hosting"] ?? "") == "0")
        #expect(try network.cluster.psql(query, asSite: network.urls["Kestrel Dental Practice"] ?? "") == "1")
        #expect(try network.cluster.psql(query, asSite: network.urls["Shoreline 111"] ?? "") == "1")
    }
}
