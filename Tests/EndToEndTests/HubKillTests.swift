import Foundation
import Testing

/// `sync` killed with SIGKILL at random points, pushing and pulling, over many rounds: afterwards every operation is
/// at the hub once, in order, and applied once at the receiving site. HUB_KILL_ROUNDS sets how many (default 16).
@Suite(.serialized) struct HubKillTests {
    static let kestrel = "Kestrel Dental Practice", shoreline = "Shoreline 111"

    /// Starts `sync` for `name` and kills it with SIGKILL after `delay` seconds unless it ended first.
    func syncKilled(_ network: HubNetwork, _ name: String, after delay: TimeInterval) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = ["sync", "--hub", network.urls[name] ?? ""]
        process.environment = network.site(name).environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(delay)
        while process.isRunning && Date() < deadline { usleep(2_000) }
        let killed = process.isRunning
        if killed { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return killed
    }

    @Test func syncKilledAtRandomPointsLosesAndDuplicatesNothing() throws {
        let network = try HubNetwork([Self.kestrel, Self.shoreline])
        let booker = network.site(Self.shoreline)
        let days = ["2026-11-21", "2026-11-28", "2026-12-05", "2026-12-12", "2026-12-19", "2026-12-26"]
        let times = ["09:00", "09:20", "09:40", "10:00", "10:20", "10:40", "11:00", "11:20", "11:40"]
        let rounds = Int(ProcessInfo.processInfo.environment["HUB_KILL_ROUNDS"] ?? "") ?? 16
        var generator = SystemRandomNumberGenerator()
        var made = 0, killedPushing = 0, killedPulling = 0
        // A few bookings each round, so every push has a run of operations to be killed in the middle of.
        func bookAFew() throws {
            for _ in 0..<3 where made < days.count * times.count {
                let booked = try booker.run(["book", "--practice", Self.kestrel, "--date", days[made / times.count],
                                             "--time", times[made % times.count], "--patient", "Kay Killed \(made)",
                                             "--phone", "07700900700"])
                #expect(booked.status == 0, "\(booked.err)")
                made += 1
            }
        }
        // How long a whole push and pull of one round take on this machine at this moment: the kills are drawn
        // from within them, so they land mid-sync whether the machine is idle or busy (fixed times let every push
        // of a run finish first on a quiet machine).
        func timed(_ name: String) throws -> TimeInterval {
            let start = Date()
            #expect(try network.sync(name).status == 0)
            return Date().timeIntervalSince(start)
        }
        try bookAFew()
        let (pushTakes, pullTakes) = (try timed(Self.shoreline), try timed(Self.kestrel))
        for round in 0..<rounds {
            try bookAFew()
            let pushAt = pushTakes * Double.random(in: 0.05...0.95, using: &generator)
            if try syncKilled(network, Self.shoreline, after: pushAt) { killedPushing += 1 }
            let pullAt = pullTakes * Double.random(in: 0.05...0.95, using: &generator)
            if try syncKilled(network, Self.kestrel, after: pullAt) { killedPulling += 1 }
            if round % 4 == 3 { try network.sync(Self.shoreline) }
        }
        #expect(killedPushing > 0 && killedPulling > 0,
                "some rounds were killed (pushing \(killedPushing), pulling \(killedPulling) of \(rounds))")
        #expect(try network.sync(Self.shoreline).status == 0)
        #expect(try network.sync(Self.kestrel).status == 0)

        // Each booking is two links of Shoreline's chain: the booking (to its practice) and the slot it holds.
        let atHub = try network.cluster.psql(["-c", """
            SELECT count(*) FILTER (WHERE o.kind = 'booking.book'), count(DISTINCT position), min(position),
                   max(position) FROM desk_hub.operation o
            JOIN desk_hub.site s ON s.organisation_id = o.origin WHERE s.organisation_name = '\(Self.shoreline)'
            """]).out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(atHub == "\(made)|\(2 * made)|1|\(2 * made)", "each of Shoreline's changes once, in order: \(atHub)")
        #expect(try network.sqlite(Self.kestrel, "SELECT count(*), count(DISTINCT id) FROM booking")
                    == "\(made)|\(made)", "each booking once at the practice")
        #expect(try network.sqlite(Self.kestrel, "SELECT count(*) FROM incoming_problem") == "0")
        #expect(try network.site(Self.kestrel).run(["journal", "verify"]).status == 0)
        #expect(try booker.run(["sync", "status"]).out.contains("0 changes waiting"))
    }
}
