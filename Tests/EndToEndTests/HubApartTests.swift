import Foundation
import Testing

/// Sites that worked apart while the hub was down, then met again: nothing either made is lost, two bookings for
/// one slot both stay (CONFLICT at the practice, each with the site that made it), the outage reaches every site and
/// a practice's acknowledgment reaches the host.
@Suite(.serialized) struct HubApartTests {
    @Test func whatSitesDidApartMeetsAtTheHubWithTheClashShown() throws {
        let kestrelName = "Kestrel Dental Practice"
        let network = try HubNetwork([kestrelName, "Oakfield Dental Care", "Shoreline 111"])
        let kestrel = network.site(kestrelName), host = network.host
        try network.cluster.stopImmediately()
        let shoreline = network.site("Shoreline 111")
        #expect(try shoreline.run(["book", "--practice", kestrelName, "--time", "09:20",
                                   "--patient", "Sol Shore", "--phone", "07700900781"]).status == 0)
        #expect(try kestrel.run(["book", "--time", "09:20", "--patient", "Wyn Walkin", "--phone", "07700900782",
                                 "--source", "walk-in"]).status == 0, "the practice books its own slot, unaware")
        #expect(try host.run(["outage", "declare", "--system", "Dental RMS"]).status == 0)
        let offline = try network.sync(kestrelName)
        #expect(offline.status != 0 && offline.err.contains("1 change waits here"), "\(offline.err)")

        try network.cluster.start()
        try network.syncAll()
        let grid = try kestrel.run(["today"]).out
        #expect(grid.contains("CONFLICT"), "\(grid)")
        #expect(grid.contains("Sol Shore") && grid.contains("Wyn Walkin"), "both bookings stay: \(grid)")
        #expect(grid.contains("Sol Shore: NHS 111, made at Shoreline 111")
                    && grid.contains("Wyn Walkin: Walk-in, made at Kestrel Dental Practice"),
                "which site made each: \(grid)")
        let sent = try network.psql("Shoreline 111",
                                    "SELECT count(*) FROM desk_hub.operation WHERE kind = 'booking.book'")
        #expect(sent == "1", "Shoreline reads its own booking at the hub, not Kestrel's")
        for name in [kestrelName, "Oakfield Dental Care", "Shoreline 111"] {
            #expect(try network.site(name).run(["outage", "status"]).out.contains("Dental RMS"),
                    "the outage reached \(name)")
        }

        #expect(try kestrel.run(["ack", kestrelName, "--via", "app"]).status == 0)
        try network.syncAll()
        let chain = try host.run(["outage", "status"]).out
        #expect(chain.contains("acks 1/18"), "the host counts it: \(chain)")
        let acked = try network.sqlite(HubNetwork.hostName, """
            SELECT count(*) FROM acknowledgment a JOIN organisation o ON o.id = a.organisation_id
            WHERE o.name = '\(kestrelName)'
            """)
        #expect(acked == "1", "the practice's acknowledgment reached the host's round")
        for name in [HubNetwork.hostName, "Oakfield Dental Care"] {
            #expect(try network.sqlite(name, "SELECT count(*) FROM booking") == "0", "\(name) holds no patient")
        }
    }
}
