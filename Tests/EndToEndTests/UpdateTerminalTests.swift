import Foundation
import Testing

/// The host's update from the desk, in a real terminal: owed, written, sent, and seen at a practice's desk.
@Suite(.serialized) struct UpdateTerminalTests {
    @Test func theHostIsToldAnUpdateIsDueSendsOneAndAPracticeSeesIt() throws {
        let sandbox = try OutageChainTerminalTests().demo()
        let folder = sandbox.folder + "/status"
        _ = sandbox.write("config/downtime-desk/config.toml", Array("""
            [mail]
            sendmail = "cat > '\(sandbox.folder)/spool/'$$.eml"
            [status_page]
            folder = "\(folder)"
            """.utf8))
        let db = ["--db", sandbox.database]
        #expect(try sandbox.run(["outage", "declare", "--system", "Dental RMS", "--site", "Referral Systems Hosting"]
                                + db).status == 0)
        // 35 minutes later: past the demo plan's 30 minutes for an HSSI.
        let later = "2026-11-21T10:40:00Z"
        let host = try TmuxTerminal(width: 120, height: 40, environment: sandbox.environment)
        try host.launch("--db '\(sandbox.database)' --site 'Referral Systems Hosting'", now: later)
        let (due, dueScreen) = try host.waitFor("UPDATE DUE (none since declared 10:05), U sends one")
        #expect(due, "\(dueScreen)")
        let practice = try TmuxTerminal(width: 120, height: 40, environment: sandbox.environment)
        try practice.launch("--db '\(sandbox.database)' --site Kestrel", now: later)
        let (quiet, quietScreen) = try practice.waitFor("⚠ OUTAGE ⚠")
        #expect(quiet && !quietScreen.contains("UPDATE DUE"), "a practice owes no update")

        try host.press("U")
        #expect(try host.waitFor("Update on Dental RMS (every party and subscriber is emailed)").0)
        try host.type("Disk arrives at 11:30")
        try host.press("Tab")
        try host.type("12:00")
        try host.press("Enter")
        #expect(try host.waitFor("Send this update (ETA 12:00) to all 18 parties and every subscriber?").0)
        try host.press("y")
        let (sent, sentScreen) = try host.waitFor("on Dental RMS sent to every party and subscriber.")
        #expect(sent, "\(sentScreen)")
        let (shown, practiceScreen) = try practice.waitFor(timeout: 5) {
            $0.contains("Update 10:40 Disk arrives at 11:30 (ETA 12:00)")
        }
        #expect(shown, "\(practiceScreen)")
        let (calm, calmScreen) = try host.waitFor("Update 10:40 Disk arrives at 11:30 (ETA 12:00)")
        #expect(calm && !calmScreen.contains("UPDATE DUE"), "\(calmScreen)")
        // The host's desk mails the update by itself, and the status page carries it.
        #expect(try host.waitFor(timeout: 10) { _ in
            ((try? FileManager.default.contentsOfDirectory(atPath: sandbox.folder + "/spool"))?.count ?? 0) == 36
        }.0, "18 notices and 18 updates")
        let page = (try? String(contentsOfFile: folder + "/index.html", encoding: .utf8)) ?? ""
        #expect(page.contains("Disk arrives at 11:30") && page.contains("Expected back: Sat 21 Nov 2026 12:00."),
                "\(page)")
        try host.press("q")
        try practice.press("q")
        #expect(try host.waitForExit() == 0)
        #expect(try practice.waitForExit() == 0)
        let status = try sandbox.run(["outage", "status"] + db)
        #expect(status.out.contains("update DU-") && status.out.contains("Disk arrives at 11:30 (ETA 12:00)"))
    }
}
