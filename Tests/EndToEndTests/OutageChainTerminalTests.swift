import Foundation
import Testing

/// The chain across real terminals on one database: the host declares, a practice sees it and acknowledges,
/// the commissioner works the call-sheet.
@Suite(.serialized) struct OutageChainTerminalTests {
    func demo() throws -> Sandbox {
        let sandbox = try Sandbox()
        #expect(try sandbox.run(["demo", "--db", sandbox.database]).status == 0)
        // The host's desk delivers the notices: here into a spool folder, one file per message.
        try FileManager.default.createDirectory(atPath: sandbox.folder + "/spool", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: sandbox.folder + "/config/downtime-desk", withIntermediateDirectories: true)
        _ = sandbox.write("config/downtime-desk/config.toml", Array("[mail]\nsendmail = \"cat > '\(sandbox.folder)/spool/'$$.eml\"\n".utf8))
        return sandbox
    }

    @Test func theHostDeclaresAPracticeSeesItWithinASecondAndItsAcknowledgmentMovesTheHostsCount() throws {
        let sandbox = try demo()
        let host = try TmuxTerminal(environment: sandbox.environment)
        try host.launch("--db '\(sandbox.database)' --site 'Referral Systems Hosting'")
        let practice = try TmuxTerminal(environment: sandbox.environment)
        try practice.launch("--db '\(sandbox.database)' --site Kestrel")
        #expect(try practice.waitFor("central system UP, no outage declared").0)
        #expect(try host.waitFor("(host)").0)

        try host.press("D")
        #expect(try host.waitFor("Declare an outage (every party is emailed)").0)
        try host.press("Tab", "Tab")
        try host.type("Hosting fault")
        try host.press("Enter")
        #expect(try host.waitFor("Declare Dental RMS DOWN since 10:05? All 18 parties are emailed and must acknowledge.").0)
        try host.press("y")
        let (declared, hostScreen) = try host.waitFor("Outage of Dental RMS declared")
        #expect(declared, "\(hostScreen)")
        let started = Date()
        let (seen, practiceScreen) = try practice.waitFor(timeout: 5) { $0.contains("⚠ OUTAGE ⚠  Dental RMS is DOWN since 10:05") }
        #expect(seen, "\(practiceScreen)")
        #expect(Date().timeIntervalSince(started) < 1.5, "the banner changes within a second (250 ms polling plus capture)")
        #expect(practiceScreen.contains(": acks 0/18 · press A to ACKNOWLEDGE"))
        #expect(practiceScreen.contains("Instead: Stop direct booking through the central system.") && practiceScreen.contains("Reason: Hosting fault"))

        try practice.press("A")
        #expect(try practice.waitFor("you acknowledged 10:05").0)
        let (counted, afterAck) = try host.waitFor(timeout: 5) { $0.contains("acks 1/18") }
        #expect(counted, "\(afterAck)")
        #expect(afterAck.contains("17 to call") && afterAck.contains("call 10:35 Coastal Commissioning"))
        let calls = try sandbox.run(["calls", "--db", sandbox.database]).out
        #expect(!calls.contains("Kestrel") && calls.contains("Lantern Dental Centre"), "an acknowledged party leaves the call-sheet")

        // The host's desk sent every notice on its own thread. A spool file appears as the mail command starts, and the
        // outbox says "sent" once it has finished, so both are waited for.
        let (sent, _) = try host.waitFor(timeout: 10) { _ in
            ((try? FileManager.default.contentsOfDirectory(atPath: sandbox.folder + "/spool"))?.count ?? 0) == 18
                && ((try? sandbox.run(["notify", "list", "--db", sandbox.database]).out.components(separatedBy: "  sent ").count) ?? 0) - 1 == 18
        }
        #expect(sent, "18 files in the spool and 18 sent in the outbox")

        // Restoration, "in reverse": the host confirms, the practice is asked again and acknowledges again.
        try host.press("R")
        #expect(try host.waitFor("Declare Dental RMS restored now? All 18 parties are emailed the restoration notice.").0)
        try host.press("y")
        #expect(try host.waitFor("Dental RMS restored; the restoration notice goes to every party.").0)
        let (restored, restoredScreen) = try practice.waitFor(timeout: 5) { $0.contains("RESTORED · Dental RMS back since 10:05") }
        #expect(restored, "\(restoredScreen)")
        #expect(restoredScreen.contains("Restoration notice DD-") && restoredScreen.contains(": acks 0/18 · press A to ACKNOWLEDGE"))
        try practice.press("A")
        #expect(try practice.waitFor("you acknowledged 10:05").0)
        #expect(try host.waitFor(timeout: 5) { $0.contains("Call-sheet · restoration notice · 17 to call") }.0)
        #expect(try host.waitFor(timeout: 10) { _ in
            ((try? FileManager.default.contentsOfDirectory(atPath: sandbox.folder + "/spool"))?.count ?? 0) == 36
        }.0, "the restoration round was sent too")
        let report = try sandbox.run(["report", "outage", "--db", sandbox.database]).out
        #expect(report.contains("Restoration notice DD-") && report.contains("Kestrel Dental Practice acknowledged the restoration notice by app"))
        try practice.press("q"); try host.press("q")
        #expect(try practice.waitForExit() == 0)
        #expect(try host.waitForExit() == 0)
    }

    /// A notice round for thousands of parties takes a moment to write: the desk writes it on a thread of its own,
    /// so a key pressed meanwhile is answered at once, with the status line saying the declaration is under way.
    @Test func theDeskAnswersKeysWhileADeclarationIsWritten() throws {
        let sandbox = try Sandbox()
        #expect(try sandbox.run(["demo", "--db", sandbox.database]).status == 0)
        let parties = (0..<3_000).map { "Party \($0) Dental,practice,,,01632 960\(String(format: "%03d", $0 % 1000)),"
            + "p\($0)@example.org," }
        #expect(try sandbox.importDirectory(parties) == 0)
        let host = try TmuxTerminal(environment: sandbox.environment)
        try host.launch("--db '\(sandbox.database)' --site 'Referral Systems Hosting'")
        #expect(try host.waitFor("(host)").0)
        try host.press("D")
        #expect(try host.waitFor("Declare an outage (every party is emailed)").0)
        try host.press("Enter")
        #expect(try host.waitFor("parties are emailed and must acknowledge.").0)
        try host.press("y", "?")
        let (answered, during) = try host.waitFor {
            $0.contains("Key bindings (keymap: default)") && $0.contains("Move focus to the next pane")
        }
        #expect(answered && during.contains("Declaring the outage…"), "\(during)")
        try host.press("Escape")
        let (declared, after) = try host.waitFor(timeout: 60) { $0.contains("Outage of Dental RMS declared") }
        #expect(declared && !after.contains("Declaring the outage…"), "\(after)")
        #expect(try sandbox.run(["outage", "status", "--db", sandbox.database]).out.contains("Dental RMS"))
        try host.press("q")
        #expect(try host.waitFor("EXIT=0").0)
    }

    @Test func theCommissionerLogsCallsFromTheCallSheet() throws {
        let sandbox = try demo()
        #expect(try sandbox.run(["outage", "declare", "--system", "Dental RMS", "--site", "Referral Systems Hosting",
                                 "--db", sandbox.database]).status == 0)
        let commissioner = try TmuxTerminal(environment: sandbox.environment)
        try commissioner.launch("--db '\(sandbox.database)' --site Coastal")
        // Its own organisation is not on its call-sheet: 17 of the 18 parties.
        #expect(try commissioner.waitFor("▶ 3 Call-sheet · outage notice · 17 to call").0,
                "a commissioner starts on the call-sheet")
        try commissioner.press("Enter")
        #expect(try commissioner.waitFor("Call to Shoreline 111").0)
        try commissioner.press("Enter")
        #expect(try commissioner.waitFor("Acknowledged by phone; off the call-sheet.").0)
        #expect(try commissioner.waitFor("16 to call").0)
        #expect(try commissioner.waitFor("acks 1/18").0)

        try commissioner.press("Enter")
        #expect(try commissioner.waitFor("Call to Northgate Hospital ED").0)
        try commissioner.press("Tab", "Right")
        try commissioner.press("Tab")
        try commissioner.type("rang out")
        try commissioner.press("Enter")
        let (logged, screen) = try commissioner.waitFor("Call logged: no answer.")
        #expect(logged, "\(screen)")
        #expect(try commissioner.waitFor("1 call, last 10:05 no answer").0)
        let calls = try sandbox.run(["calls", "--format", "json", "--db", sandbox.database]).out
        #expect(calls.contains("\"outcome\" : \"no-answer\"") && calls.contains("\"note\" : \"rang out\""))

        // A number learned on the phone is typed over the directory's, and the next caller is offered it first.
        try commissioner.press("Up", "Enter")
        #expect(try commissioner.waitFor("Call to Northgate Hospital ED").0)
        try commissioner.type("07700 900888")
        try commissioner.press("Tab", "Right", "Right", "Enter")
        #expect(try commissioner.waitFor("07700 900888  learned on a call").0)
        try commissioner.press("Up", "Enter")  // the selection went on to the next party after the call
        let (offered, form) = try commissioner.waitFor("◀ 07700 900888 ▶")
        #expect(offered, "\(form)")
        try commissioner.press("Escape")
        try commissioner.press("q")
        #expect(try commissioner.waitForExit() == 0)
    }

    @Test func onlyTheHostMayDeclareAndAPracticeSaysSo() throws {
        let sandbox = try demo()
        let practice = try TmuxTerminal(environment: sandbox.environment)
        try practice.launch("--db '\(sandbox.database)' --site Kestrel")
        #expect(try practice.waitFor("central system UP").0)
        try practice.press("D")
        // The permission table's words (was "…; this is a practice terminal.").
        #expect(try practice.waitFor("Only the service host declares an outage.").0)
        try practice.press("q")
        #expect(try practice.waitForExit() == 0)
        #expect(try sandbox.run(["outage", "status", "--db", sandbox.database]).out.contains("No outages recorded."))
    }
}
