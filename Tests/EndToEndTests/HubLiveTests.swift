import Foundation
import Testing

/// Sites kept in step while they run: an open desk with a hub configured, and `sync --watch` for a service manager.
@Suite(.serialized) struct HubLiveTests {
    static let kestrel = "Kestrel Dental Practice"

    /// A terminal at Kestrel's site, with the hub configured for everything started in it.
    func kestrelTerminal(_ network: HubNetwork) throws -> TmuxTerminal {
        var environment = network.site(Self.kestrel).environment
        environment["DOWNTIME_DESK_HUB"] = network.urls[Self.kestrel]
        return try TmuxTerminal(environment: environment)
    }

    @Test func anOpenDeskShowsAnotherSitesBookingWithoutAKeypressAndSaysWhenTheHubIsGone() throws {
        let network = try HubNetwork([Self.kestrel, "Shoreline 111"])
        let desk = try kestrelTerminal(network)
        try desk.launch("")
        #expect(try desk.waitFor("hub: up to date 10:05").0, "the status line says where the site stands")

        let shoreline = network.site("Shoreline 111")
        #expect(try shoreline.run(["book", "--practice", Self.kestrel, "--time", "09:40", "--patient", "Lia Live",
                                   "--phone", "07700900791"]).status == 0)
        #expect(try network.sync("Shoreline 111").out.contains("1 change sent"))
        let (shown, screen) = try desk.waitFor("Lia Live", timeout: 10)
        #expect(shown, "the hub's notification brings it, no key pressed: \(screen)")

        try network.cluster.stopImmediately()
        let (offline, down) = try desk.waitFor("hub: OFFLINE since", timeout: 45)
        #expect(offline, "\(down.split(separator: "\n").last ?? "")")
        try desk.press("q")
        #expect(try desk.waitForExit() == 0)
    }

    @Test func syncWatchKeepsASiteInStepAndRetriesWhileTheHubIsDown() throws {
        let network = try HubNetwork([Self.kestrel, "Shoreline 111"])
        let practice = network.site(Self.kestrel)
        let service = try kestrelTerminal(network)
        try service.launch("sync --watch")
        #expect(try service.waitFor("hub: up to date").0)

        // A change made here by another program goes without anyone running sync.
        #expect(try practice.run(["book", "--time", "10:20", "--patient", "Wes Watch", "--phone", "07700900792"])
                    .status == 0)
        #expect(try service.waitFor("1 change sent to the hub").0)
        #expect(try network.psql("Shoreline 111", "SELECT count(*) FROM desk_hub.operation") != "",
                "the hub is readable")
        // Another site's change arrives on the hub's notification.
        #expect(try network.site("Shoreline 111").run(["book", "--practice", Self.kestrel, "--time", "11:00",
                                                       "--patient", "Ola Other", "--phone", "07700900793"])
                    .status == 0)
        #expect(try network.sync("Shoreline 111").status == 0)
        #expect(try service.waitFor("1 change from other sites applied").0)
        #expect(try practice.run(["today"]).out.contains("Ola Other"))

        try network.cluster.stopImmediately()
        #expect(try practice.run(["book", "--time", "11:20", "--patient", "Una Unsent", "--phone", "07700900794"])
                    .status == 0)
        #expect(try service.waitFor("hub: OFFLINE since 10:05 · 1 change waiting: cannot reach the hub at",
                                    timeout: 20).0, "it says what waits, and why")
        try network.cluster.start()
        let (back, screen) = try service.waitFor(timeout: 90) {
            $0.components(separatedBy: "hub: up to date").count == 3
        }
        #expect(back, "back in step after the back-off: \(screen)")
        #expect(try network.psql(Self.kestrel, "SELECT count(*) FROM desk_hub.operation WHERE record LIKE "
                                 + "'%Una Unsent%'") == "1")
        try service.press("C-c")
        #expect(try service.waitFor("Stopped; 0 changes waiting for the hub.").0)
        #expect(try service.waitForExit() == 0)
    }
}
