import Foundation
import Testing

/// Seats on a shared host: once any exists, a login acts only for the sites it has a seat for, whatever it claims.
@Suite struct SeatTests {
    /// This process's own login, which seats are kept by (never --user or $USER).
    static var login: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid \(geteuid())"
    }

    @Test func aLoginWithASeatActsOnlyForItsSitesAndOnlyTheOwnerChangesSeats() throws {
        let sandbox = try Sandbox()
        sandbox.environment["DOWNTIME_DESK_DB"] = sandbox.database
        #expect(try sandbox.run(["demo"]).status == 0)
        #expect(try sandbox.run(["seat", "list"]).out.contains("No seats: any login may name any site."))
        let added = try sandbox.run(["seat", "add", Self.login, "--site", "Kestrel Dental Practice"])
        #expect(added.status == 0, "\(added.err)")
        #expect(try sandbox.run(["seat", "list"]).out.contains("\(Self.login): Kestrel Dental Practice"))

        let other = try sandbox.run(["book", "--practice", "Vale", "--time", "10:30", "--patient", "Val", "--phone",
                                     "07700900777",
                                     "--site", "Vale Dental Care", "--user", "someone-else"])
        #expect(other.status != 0)
        #expect(other.err.contains("\(Self.login) has no seat at Vale Dental Care on this machine: Kestrel Dental "
            + "Practice"), "\(other.err)")
        // The one seat is the site without saying so.
        let own = try sandbox.run(["book", "--practice", "Kestrel", "--time", "10:30", "--patient", "Kit", "--phone",
                                   "07700900777"])
        #expect(own.status == 0, "\(own.err)")
        let journal = try sandbox.run(["journal", "show", "--limit", "1", "--format", "json"]).out
        #expect(journal.contains("\"site\" : \"Kestrel Dental Practice\""), "\(journal)")

        // Someone who is not the file's owner cannot give themselves a seat.
        if geteuid() == 0 {
            #expect(try sandbox.tool("chown", ["65534:65534", sandbox.folder]).status == 0)
            let stranger = try sandbox.tool("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", Binary.path,
                                                        "seat", "add", "nobody", "--site", "Vale Dental Care", "--db", sandbox.database])
            #expect(stranger.status != 0 && stranger.err.contains("only this machine's owner may add a seat"),
                    "\(stranger.err)")
        }
        #expect(try sandbox.run(["seat", "remove", Self.login, "--site", "Kestrel Dental Practice"]).status == 0)
        #expect(try sandbox.run(["book", "--practice", "Vale", "--time", "11:30", "--patient", "Val", "--phone",
                                 "07700900777",
                                 "--site", "Vale Dental Care"]).status == 0, "with no seats left, any site again")
    }
}
