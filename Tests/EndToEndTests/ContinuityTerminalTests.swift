import Foundation
import Testing

/// The continuity plan in a real terminal: the runbook's escalation surfaces once the clock passes its threshold,
/// the on-call ticks it off, and a practice rearranges a patient from its recontact list through the grid.
@Suite(.serialized) struct ContinuityTerminalTests {
    /// The demo (which installs the shipped plan) with an outage declared at 10:05 and the host's mail going nowhere.
    func declared() throws -> Sandbox {
        let sandbox = try Sandbox()
        #expect(try sandbox.run(["demo", "--db", sandbox.database]).status == 0)
        try FileManager.default.createDirectory(atPath: sandbox.folder + "/config/downtime-desk", withIntermediateDirectories: true)
        _ = sandbox.write("config/downtime-desk/config.toml", Array("[mail]\nsendmail = \"cat > /dev/null\"\n".utf8))
        let declared = try sandbox.run(["outage", "declare", "--db", sandbox.database, "--site",
                                        "Referral Systems Hosting", "--system", "Dental RMS", "--since", "10:05"])
        #expect(declared.status == 0, "\(declared.err)")
        return sandbox
    }

    @Test func anEscalationSurfacesOnceTheOutageOutlastsItsThresholdAndLeavesWhenTicked() throws {
        let sandbox = try declared()
        let host = try TmuxTerminal(width: 120, height: 40, environment: sandbox.environment)
        let desk = "--db '\(sandbox.database)' --site 'Referral Systems Hosting'"
        try host.launch(desk, now: "2026-11-21T11:00:00Z")
        // Waiting for the banner and the call-sheet together: a capture may land while ncurses is mid-draw.
        let (early, earlyScreen) = try host.waitFor {
            // Step 2, declaring the outage, ticked itself when the outage was declared.
            $0.contains("INC-2026-0001 · severity 3 · HSSI · runbook 1/8 (K) · I incident")
                && $0.contains("07700 900001  Priya Castellane (responsible)")
        }
        #expect(early, "\(earlyScreen)")
        #expect(!earlyScreen.contains("ESCALATE"), "55 minutes in, no escalation is due")
        #expect(earlyScreen.contains("Key personnel · Urgent dental booking"))
        try host.press("q")
        #expect(try host.waitForExit() == 0)

        // The clock moves past the 2-hour threshold: the next run of the desk shouts it.
        try host.tmux(["send-keys", "-t", "0", "clear", "Enter"])
        try host.launch(desk, now: "2026-11-21T12:10:00Z")
        let (due, dueScreen) = try host.waitFor("ESCALATE (over 2 hours): Tell the commissioner on call")
        #expect(due, "\(dueScreen)")
        try host.press("K")
        let (listed, runbook) = try host.waitFor("9. [!] after 2 hours: Tell the commissioner on call")
        #expect(listed && runbook.contains("2. [x] Declare the outage in Downtime Desk so every party is emailed the"),
                "\(runbook)")
        #expect(runbook.contains("— done by Downtime Desk at "), "\(runbook)")
        for _ in 0..<8 { try host.press("Down") }
        try host.press("Enter")
        let (ticked, tickedScreen) = try host.waitFor("done 12:10 by alice")
        #expect(ticked, "\(tickedScreen)")
        try host.press("Escape")
        let (calm, calmScreen) = try host.waitFor("runbook 1/8 (K)")
        #expect(calm && !calmScreen.contains("ESCALATE"), "\(calmScreen)")
        // The incident view's timeline has the tick, attributed.
        try host.press("I")
        #expect(try host.waitFor("alice: Done: Tell the commissioner on call").0)
        try host.press("Escape", "q")
        #expect(try host.waitForExit() == 0)
        let show = try sandbox.run(["runbook", "show", "--db", sandbox.database], extraEnvironment: ["DOWNTIME_DESK_NOW": "2026-11-21T12:11:00Z"])
        #expect(show.out.contains("9. [x] after 2 hours: Tell the commissioner on call"))
    }

    @Test func aRecontactCallRearrangesThePatientAndBothTheGridAndTheListShowIt() throws {
        let sandbox = try Sandbox()
        #expect(try sandbox.run(["demo", "--db", sandbox.database]).status == 0)
        // The demo's bookings are at the first practice in the directory's order; find it and a booked patient.
        let today = try sandbox.run(["today", "--db", sandbox.database, "--format", "json"])
        let practice = try #require(((try JSONSerialization.jsonObject(with: Data(today.out.utf8)) as? [String: Any])?["practice"] as? [String: Any])?["name"] as? String)
        let made = try sandbox.run(["recontact", "create", "--db", sandbox.database, "--practice", practice,
                                    "--reason", "Flooded surgery", "--site", practice])
        #expect(made.status == 0, "\(made.err)")
        let list = try sandbox.run(["recontact", "list", "--db", sandbox.database, "--practice", practice, "--format", "json"])
        let patients = try #require((try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [String: Any])?["patients"] as? [[String: Any]])
        let first = try #require(patients.first)
        let name = try #require(first["name"] as? String)

        let desk = try TmuxTerminal(width: 120, height: 40, environment: sandbox.environment)
        try desk.launch("--db '\(sandbox.database)' --site '\(practice)'")
        #expect(try desk.waitFor("(practice)").0)
        try desk.press("P")
        let (shown, listScreen) = try desk.waitFor { $0.contains("Recontact · \(patients.count) of \(patients.count) to call") && $0.contains(name) }
        #expect(shown, "\(listScreen)")
        try desk.press("Enter")
        #expect(try desk.waitFor("◀ rearranged ▶").0)
        try desk.press("Tab")
        try desk.type("Prefers tomorrow")
        try desk.press("Enter")
        #expect(try desk.waitFor("Rearranging \(name): choose the new slot").0)
        // Tomorrow's first slot, picked from the grid, in the same step as the call.
        try desk.press("n", "Home", "Enter")
        let (moved, movedScreen) = try desk.waitFor("Rearranged to")
        #expect(moved, "\(movedScreen)")
        let (listed, after) = try desk.waitFor { screen in
            screen.contains("✓ rearranged → 2026-11-22 08:30") && screen.contains("Recontact · \(patients.count - 1) of \(patients.count) to call")
                && screen.split(separator: "\n").contains { $0.contains("│08:30 booked") && $0.contains(String(name.prefix(10))) }
        }
        #expect(listed, "the list and the grid (tomorrow's 08:30) both show it: \(after)")
        try desk.press("q")
        #expect(try desk.waitForExit() == 0)
        let paper = try sandbox.run(["print", "recontact", "--db", sandbox.database, "--practice", practice])
        #expect(paper.out.contains("RECONTACT: \(practice)") && paper.out.contains("rearranged to 2026-11-22 08:30"))
    }
}
