import Foundation
import Testing

/// The desk fitted to each person's job, in a real terminal at 80×24: the zoomed pane, the patient search.
@Suite(.serialized) struct DeskFitTerminalTests {
    func demo() throws -> Sandbox {
        let sandbox = try Sandbox()
        #expect(try sandbox.run(["demo", "--db", sandbox.database]).status == 0)
        return sandbox
    }

    @Test func zoomFillsTheScreenWithTheFocusedPaneAndPutsItBack() throws {
        let sandbox = try demo()
        let desk = try TmuxTerminal(width: 80, height: 24, environment: sandbox.environment)
        try desk.launch("--db '\(sandbox.database)' --site 'Coastal Commissioning'")
        #expect(try desk.waitFor("▶ 3 Call-sheet (17 parties)").0, "a commissioner opens on the call-sheet")
        try desk.press("z")
        let (zoomed, screen) = try desk.waitFor { $0.contains("Call-sheet fills the screen") }
        #expect(zoomed, "\(screen)")
        let lines = screen.components(separatedBy: "\n")
        #expect(lines[1].hasPrefix("┌─ ▶ 3 Call-sheet (17 parties) ─") && lines[1].hasSuffix("┐"),
                "\(screen)")
        #expect(!screen.contains("Capacity") && !screen.contains("Latest bookings"))
        try desk.press("z")
        #expect(try desk.waitFor { $0.contains("1 Free slots") && $0.contains("2 Latest bookings") }.0)
        try desk.press("q")
        #expect(try desk.waitForExit() == 0)
    }

    @Test func slashFindsAPatientOnAnotherDayAndEnterGoesThere() throws {
        let sandbox = try demo()
        #expect(try sandbox.run(["book", "--db", sandbox.database, "--site", "Copperfield Dental Practice",
                                 "--date", "2026-11-26", "--time", "15:00", "--patient", "Quinn Example",
                                 "--phone", "07700 900321"]).status == 0)
        let desk = try TmuxTerminal(width: 80, height: 24, environment: sandbox.environment)
        try desk.launch("--db '\(sandbox.database)' --user alice")
        #expect(try desk.waitFor("▶ 1 Sat 21 Nov").0)
        try desk.press("/")
        #expect(try desk.waitFor("Find a patient's booking").0)
        try desk.type("900 321")
        let (found, list) = try desk.waitFor("▶ Thu 26 Nov 2026 15:00  Quinn Example")
        #expect(found, "\(list)")
        try desk.press("Enter")
        let (there, grid) = try desk.waitFor { $0.contains("▶ 1 Thu 26 Nov · Copperfield") }
        #expect(there, "\(grid)")
        #expect(grid.contains("Quinn Example at 15:00, booked."), "\(grid)")
        // The found slot is selected: a booking key acts on it.
        try desk.press("a")
        #expect(try desk.waitFor("│15:00 arrived   Quinn Example").0)
        try desk.press("q")
        #expect(try desk.waitForExit() == 0)
    }

    /// A database made by `demo --db FILE` showed no [DEMO] marker when opened without --demo.
    @Test func aDemoFileSaysSoOnEveryDeskAndNeverSyncs() throws {
        let sandbox = try demo()
        let desk = try TmuxTerminal(width: 80, height: 24, environment: sandbox.environment)
        try desk.launch("--db '\(sandbox.database)' --user alice")
        let (marked, screen) = try desk.waitFor("no outage declared  [DEMO]")
        #expect(marked, "\(screen)")
        try desk.press("q")
        #expect(try desk.waitForExit() == 0)
        let sync = try sandbox.run(["sync", "--db", sandbox.database, "--hub",
                                    "postgres://desk_site_x:secret@127.0.0.1:9/deskhub"])
        #expect(sync.status != 0)
        #expect(sync.err.contains("holds the demo network (made by 'downtime-desk demo'): its patients are invented, "
            + "and a demo database never syncs with a hub"), "\(sync.err)")
    }

    /// A 50 MB directory import ran for a minute with nothing on screen: on a terminal it now shows a count and a
    /// bar as it goes, and clears them when done; piped, it says nothing but the result.
    @Test func aLongImportShowsItsProgressOnATerminalOnly() throws {
        let sandbox = try Sandbox()
        var csv = "organisation,kind,contact,role,phones,emails,notes\n"
        for i in 0..<6000 {
            csv += "Practice \(i),practice,,,01632 96\(String(format: "%04d", i % 10000)),p\(i)@example.org,\n"
        }
        let file = sandbox.write("big.csv", Array(csv.utf8))
        let terminal = try TmuxTerminal(width: 100, height: 10, environment: sandbox.environment)
        try terminal.launch("import directory '\(file)' --db '\(sandbox.database)'")
        let (shown, screen) = try terminal.waitFor(timeout: 120) {
            ($0.contains("Saving organisations") || $0.contains("Reading the directory")) && $0.contains(" of 6,000 [")
        }
        #expect(shown, "\(screen)")
        #expect(try terminal.waitForExit(timeout: 300) == 0)
        let done = try terminal.screen()
        #expect(done.contains("Imported \(file): 6000 organisations added"), "\(done)")
        #expect(!done.contains("Saving organisations"), "the bar is cleared when the work is done: \(done)")
        let piped = try sandbox.run(["import", "directory", file, "--db", sandbox.folder + "/piped.sqlite"])
        #expect(piped.status == 0 && piped.err.isEmpty, "\(piped.err)")
    }
}
