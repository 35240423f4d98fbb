import Foundation
import Testing

/// Order across sites is the hub's order of arrival, never a site's clock: a site whose clock is hours wrong cannot
/// make its acknowledgment the first, though its time is still shown as it reported it.
@Suite(.serialized) struct HubClockTests {
    static let kestrel = "Kestrel Dental Practice", commissioner = "Coastal Commissioning"

    @Test func aSiteWhoseClockIsHoursWrongCannotReorderWhoAcknowledgedFirst() throws {
        var network = try HubNetwork([Self.commissioner])
        // The practice's machine runs three hours slow: it believes it is 07:05.
        try network.join(Self.kestrel, now: "2026-11-21T07:05:00Z")
        #expect(try network.host.run(["outage", "declare", "--system", "Dental RMS"]).status == 0)
        try network.syncAll()

        // The commissioner reaches the practice by phone at 10:05 and logs it; it reaches the hub first.
        let call = try network.site(Self.commissioner).run(["call", Self.kestrel, "--outcome", "acknowledged",
                                                             "--number", "01632960102"])
        #expect(call.status == 0, "\(call.err)")
        #expect(try network.sync(Self.commissioner).out.contains("1 change sent"))
        // The practice, not yet in step, acknowledges in the desk; by its clock that was "07:05", hours earlier.
        let app = try network.site(Self.kestrel).run(["ack", Self.kestrel, "--via", "app"])
        #expect(app.status == 0 && app.out.contains("07:05"), "\(app.out)\(app.err)")
        try network.syncAll()

        let order = """
            SELECT a.via || ' ' || (a.duplicate_of IS NULL) FROM acknowledgment a
            JOIN organisation o ON o.id = a.organisation_id WHERE o.name = '\(Self.kestrel)' ORDER BY a.via
            """
        for name in [HubNetwork.hostName, Self.kestrel, Self.commissioner] {
            #expect(try network.sqlite(name, order) == "app 0\nphone 1",
                    "\(name): the call counts, the desk's acknowledgment is kept as a duplicate")
            #expect(try network.site(name).run(["outage", "status"]).out.contains("acks 1/"), "\(name) counts one")
        }
        let report = try network.host.run(["report", "outage"]).out
        #expect(report.contains("10:05  Kestrel Dental Practice acknowledged the outage notice by phone"), "\(report)")
        #expect(report.contains("07:05  Kestrel Dental Practice acknowledged the outage notice again by app (alice), "
                                + "at its site's time; not counted: another reached the hub first"), "\(report)")
    }
}
