import Foundation
import Testing

/// The trial's desk defects, in a real terminal: a conflict resolved at the desk, keys that are not keys, a big paste.
@Suite(.serialized) struct TrialDefectTerminalTests {
    func demoDesk(user: String) throws -> (Sandbox, TmuxTerminal) {
        let sandbox = try Sandbox()
        #expect(try sandbox.run(["demo", "--db", sandbox.database]).status == 0)
        let terminal = try TmuxTerminal(environment: sandbox.environment)
        try terminal.launch("--db '\(sandbox.database)' --user \(user)")
        #expect(try terminal.waitFor("Call-sheet").0)
        return (sandbox, terminal)
    }

    @Test func aConflictIsResolvedAtTheDeskByChoosingWhichBookingToCancel() throws {
        let (sandbox, desk) = try demoDesk(user: "ann")
        try desk.press("Down", "Down", "Down", "Down", "Down")  // 11:00, the demo's conflict
        try desk.press("x")
        let (asked, chooser) = try desk.waitFor("The 11:00 slot holds 2 bookings. Which one to cancel?")
        #expect(asked, "\(chooser)")
        #expect(chooser.contains("Dev Demo-Lowther · ED") && chooser.contains("Esme Demo-Varga · NHS 111"))
        try desk.press("Down", "Enter")
        #expect(try desk.waitFor("Why are you cancelling Esme Demo-Varga's 11:00 booking?").0)
        try desk.type("came in as a walk-in at 14:00")
        try desk.press("Enter")
        let (resolved, screen) = try desk.waitFor("│11:00 booked    Dev Demo-Lowther")
        #expect(resolved, "\(screen)")
        try desk.press("q")
        #expect(try desk.waitForExit() == 0)
        let today = try sandbox.run(["today", "--db", sandbox.database, "--site", "Copperfield Dental Practice"])
        #expect(today.out.contains("11:00  booked     Dev Demo-Lowther"))
        #expect(!today.out.contains("CONFLICT"))
    }

    @Test func altKeysTerminalRepliesAndDCSStringsDoNothing() throws {
        let (sandbox, desk) = try demoDesk(user: "ann")
        try desk.press("Down", "Down", "Down")  // 10:00, Cleo booked
        try desk.press("M-d")                   // ESC d: was did-not-attend
        try desk.type("\u{1B}[>0;95;0c")        // a device-attributes reply: ran '[' and 'c'
        try desk.type("\u{1B}Pzq\u{1B}\\")      // a DCS string holding a q: quit the desk
        try desk.type("\u{1B}]11;rgb:ffff/ffff/ffff\u{07}")
        try desk.press("?")
        let (helped, screen) = try desk.waitFor("Key bindings (keymap:")
        #expect(helped, "\(screen)")
        #expect(!screen.contains("EXIT="))
        try desk.press("Escape")
        let (after, grid) = try desk.waitFor("│10:00 booked    Cleo Demo-Farrant")
        #expect(after, "\(grid)")
        #expect(grid.contains("Slot grid · Copperfield Dental Practice · Sat 21 Nov"),
                "'[' would have moved to another practice")
        try desk.press("q")
        #expect(try desk.waitForExit() == 0)
        let status = try sandbox.tool("sqlite3",
                                      [sandbox.database,
                                       "SELECT status FROM booking WHERE patient_name = 'Cleo Demo-Farrant'"])
        #expect(status.out == "booked\n", "\(status)")
    }

    @Test func aHundredKilobytePasteIsOneInputCutToTheFieldAndTheKeysAfterItAreKept() throws {
        let (sandbox, desk) = try demoDesk(user: "ann")
        try desk.press("Down", "Down", "Enter")  // 09:30, free
        #expect(try desk.waitFor("Book 09:30").0)
        let big = sandbox.write("paste.txt", Array(String(repeating: "Pat Pasted ", count: 9_500).utf8))
        try desk.tmux(["load-buffer", big])
        let started = Date()
        try desk.tmux(["paste-buffer", "-p", "-t", "0"])
        try desk.press("Tab")
        try desk.type("07700 900126")
        let (cut, screen) = try desk.waitFor("Phone*         07700 900126▏")
        #expect(cut, "\(screen)")
        #expect(Date().timeIntervalSince(started) < 5, "the paste is one input, not 100,000 keys")
        try desk.press("Enter")
        let (booked, grid) = try desk.waitFor("│09:30 booked    Pat Pasted")
        #expect(booked, "\(grid)")
        try desk.press("q")
        #expect(try desk.waitForExit() == 0)
        let names = try sandbox.tool("sqlite3",
                                     [sandbox.database,
                                      "SELECT length(patient_name) FROM booking WHERE start_minute = 570"])
        #expect(names.out.trimmingCharacters(in: .whitespacesAndNewlines) == "100", "cut to the field's 100: \(names)")
    }

    /// Another program holds the write lock for 6 s: typing still shows at once, the status line says so in words,
    /// a save says it could not save yet and keeps the form, and once the lock goes the booking saves.
    @Test func aLockHeldByAnotherProgramNeverFreezesTheDeskAndLosesNothing() throws {
        let (sandbox, desk) = try demoDesk(user: "ann")
        try desk.press("Down", "Down", "Enter")  // 09:30, free
        #expect(try desk.waitFor("Book 09:30").0)
        // sqlite3 in a second terminal holds the write lock for 6 s, as a person running it by hand would.
        let other = try TmuxTerminal(environment: sandbox.environment)
        try other.type("(echo 'BEGIN EXCLUSIVE;'; echo 'UPDATE directory_version SET mark = mark;'; echo '.print "
            + "HOLDING'; "
                       + "sleep 6; echo 'COMMIT;') | sqlite3 '\(sandbox.database)'")
        try other.press("Enter")
        #expect(try other.waitFor(timeout: 5) { $0.contains("\nHOLDING") }.0)
        let typed = Date()
        try desk.type("Lou")
        let (shown, screen) = try desk.waitFor("Patient name*  Lou▏")
        #expect(shown, "\(screen)")
        #expect(Date().timeIntervalSince(typed) < 2, "three keys answered at once, not after the lock")
        try desk.type(" Locked")
        try desk.press("Tab")
        try desk.type("07700 900127")
        try desk.press("Enter")
        let (told,
             toldScreen) = try desk.waitFor("NOT SAVED YET: another program has held the file since 10:05. Not saved "
                 + "yet: the booking is still in the form")
        #expect(told, "\(toldScreen)")
        #expect(!toldScreen.contains("SQLite error"), "no bare SQLite error reaches the screen")
        #expect(toldScreen.contains("Lou Locked"), "what was typed is kept")
        // The lock goes; Enter saves.
        let (freed, _) = try desk.waitFor(timeout: 15) { $0.contains("Saving works again.") }
        #expect(freed)
        try desk.press("Enter")
        let (booked, grid) = try desk.waitFor("│09:30 booked    Lou Locked")
        #expect(booked, "\(grid)")
        try desk.press("q")
        #expect(try desk.waitForExit() == 0)
    }

    /// The status line cut a downtime reference short; it must reach the paper record whole.
    @Test func aNewDowntimeBookingsReferenceIsShownWholeUntilDismissed() throws {
        let sandbox = try Sandbox()
        #expect(try sandbox.run(["demo", "--db", sandbox.database]).status == 0)
        #expect(try sandbox.run(["outage", "declare", "--system", "Dental RMS", "--site", "Referral Systems Hosting",
                                 "--db", sandbox.database]).status == 0)
        let desk = try TmuxTerminal(width: 80, height: 24, environment: sandbox.environment)
        try desk.launch("--db '\(sandbox.database)' --site 'Copperfield Dental Practice'")
        #expect(try desk.waitFor("Call-sheet").0)
        try desk.press("Down", "Down", "Enter")
        try desk.type("Dee Downtime")
        try desk.press("Tab")
        try desk.type("07700 900128")
        try desk.press("Enter")
        let (shown, screen) = try desk.waitFor("Write its reference on the paper record: DT-")
        #expect(shown, "\(screen)")
        let reference = screen.split(separator: " ").first { $0.hasPrefix("DT-") }.map(String.init) ?? ""
        let stored = try sandbox.tool("sqlite3",
                                      [sandbox.database,
                                       "SELECT downtime_ref FROM booking WHERE patient_name = 'Dee Downtime'"])
        #expect(stored.out.trimmingCharacters(in: .whitespacesAndNewlines) == reference,
                "the whole reference: \(reference)")
        try desk.press("Space")
        let (gone, grid) = try desk.waitFor { !$0.contains("Write its reference") && $0.contains(reference) }
        #expect(gone, "the grid's last line keeps it for the selected slot: \(grid)")
        try desk.press("q")
        #expect(try desk.waitForExit() == 0)
    }
}
