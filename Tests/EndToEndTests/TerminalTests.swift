import Foundation
import Testing

/// The real binary in a real terminal (tmux), read as a person would read the screen.
@Suite(.serialized) struct TerminalTests {
    @Test func opensOnTheDemoWithAllFourPanesAndTheirData() throws {
        let sandbox = try Sandbox()
        let terminal = try TmuxTerminal(environment: sandbox.environment)
        try terminal.launch("--demo")
        // The status line is drawn last: waiting for it too means the capture did not land mid-draw.
        let (ok, screen) = try terminal.waitFor {
            $0.contains("Call-sheet") && $0.contains(" alice @ Copperfield Dental Practice (practice)")
        }
        #expect(ok, "\(screen)")
        #expect(screen.contains("central system UP, no outage declared  [DEMO]"))
        #expect(screen.contains("Sat 21 Nov 10:05"))
        #expect(screen.contains("▶ 1 Slot grid · Copperfield Dental Practice · Sat 21 Nov 2026"))
        #expect(screen.contains("│08:30 done      Alys Demo-Rowe"))
        #expect(screen.contains("│11:00 CONFLICT  Dev Demo-Lowther + Esme Demo-Varga"))
        #expect(screen.contains("2 Incoming bookings (3 new)"))
        #expect(screen.contains("NEW 10:00 Central 14:30 Finn Demo-Abara"))
        // Every party but the practice itself (it acknowledges with A; nobody phones their own desk).
        #expect(screen.contains("3 Call-sheet (17 parties)"))
        #expect(screen.contains("  01632 960011  Marcus Fennimore"))
        // The demo database is its first practice's own (was "no site" before a database could have one).
        #expect(screen.contains(" alice @ Copperfield Dental Practice (practice)"))
        try terminal.press("q")
        #expect(try terminal.waitFor("EXIT=0").0)
    }

    @Test func focusMovesAndHelpOpensAndCloses() throws {
        let sandbox = try Sandbox()
        let terminal = try TmuxTerminal(environment: sandbox.environment)
        try terminal.launch("--demo")
        #expect(try terminal.waitFor("▶ 1 Slot grid").0)
        try terminal.press("Tab")
        #expect(try terminal.waitFor("▶ 2 Incoming bookings").0)
        try terminal.press("Tab")
        #expect(try terminal.waitFor("▶ 3 Call-sheet").0)
        try terminal.press("BTab")
        #expect(try terminal.waitFor("▶ 2 Incoming bookings").0)
        try terminal.press("?")
        // The capture can land while ncurses is still drawing the overlay: wait for a line from its body too.
        let (open, help) = try terminal.waitFor { $0.contains("Key bindings (keymap: default)") && $0.contains("Move focus to the next pane") }
        #expect(open, "\(help)")
        #expect(help.contains("q") && help.contains("Quit (asks first if anything is unsaved)"))
        try terminal.press("Escape")
        #expect(try terminal.waitFor { !$0.contains("Key bindings") && $0.contains("▶ 2 Incoming") }.0)
        try terminal.press("]")
        #expect(try terminal.waitFor("Slot grid · Harbour Smile Clinic").0)
        try terminal.press("q")
        #expect(try terminal.waitFor("EXIT=0").0)
    }

    @Test func receptionKeysChangeDaysBookingsAndNewMarkers() throws {
        let sandbox = try Sandbox()
        let terminal = try TmuxTerminal(environment: sandbox.environment)
        try terminal.launch("--demo")
        #expect(try terminal.waitFor("2 Incoming bookings (3 new)").0)
        try terminal.press("n")
        #expect(try terminal.waitFor("Slot grid · Copperfield Dental Practice · Sun 22 Nov 2026").0)
        try terminal.press("t")
        #expect(try terminal.waitFor("Slot grid · Copperfield Dental Practice · Sat 21 Nov 2026").0)
        // Down to 10:00 (Cleo, booked), then arrived.
        try terminal.press("Down", "Down", "Down", "a")
        let (arrived, screen) = try terminal.waitFor("│10:00 arrived   Cleo Demo-Farrant")
        #expect(arrived, "\(screen)")
        #expect(screen.contains("Marked arrived."))
        try terminal.press("2", "S")
        let (seen, after) = try terminal.waitFor { $0.contains("Marked 3 bookings seen.") }
        #expect(seen)
        #expect(after.contains("2 Incoming bookings ─") && !after.contains("NEW "))
        try terminal.press("q")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func theBackEntryWorklistEmptiesFromTheDesk() throws {
        let sandbox = try Sandbox()
        #expect(try sandbox.run(["demo", "--db", sandbox.database]).status == 0)
        let cli = ["--db", sandbox.database]
        #expect(try sandbox.run(["outage", "declare", "--system", "Dental RMS", "--site",
                                 "Referral Systems Hosting"] + cli).status == 0)
        #expect(try sandbox.run(["book", "--site", "Copperfield Dental Practice", "--practice", "copperfield", "--time",
                                 "11:30", "--patient", "Down Time", "--phone", "07700900777"] + cli).status == 0)
        #expect(try sandbox.run(["outage", "restore", "--site", "Referral Systems Hosting"] + cli).status == 0)
        let terminal = try TmuxTerminal(environment: sandbox.environment)
        try terminal.launch("--db '\(sandbox.database)'")
        #expect(try terminal.waitFor("RESTORED · Dental RMS back since 10:05").0)
        // The demo desk is Copperfield's own now, a party to the round, so it is asked to acknowledge as well.
        #expect(try terminal.screen().contains("acks 0/18 · press A to ACKNOWLEDGE · 1 downtime booking still to "
                                               + "back-enter"))
        try terminal.press("B")
        #expect(try terminal.waitFor("DT-CDP-20261121-1    11-21 11:30 Down Time").0)
        try terminal.press("m")
        #expect(try terminal.waitFor("Central system reference for DT-CDP-20261121-1 (Down Time)?").0)
        try terminal.type("RMS-77")
        try terminal.press("Enter")
        let (done, screen) = try terminal.waitFor("Back-entered as RMS-77.")
        #expect(done, "\(screen)")
        #expect(screen.contains("Back-entry (0 left)") && screen.contains("RESTORED · Dental RMS back since 10:05"), "the restoration round is still open")
        #expect(!screen.contains("still to back-enter"))
        #expect(try sandbox.run(["backentry", "list"] + cli).out.contains("Nothing to back-enter."))
        try terminal.press("q")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func aBookingMovesToAnotherDayFromTheDesk() throws {
        let sandbox = try Sandbox()
        let terminal = try TmuxTerminal(environment: sandbox.environment)
        try terminal.launch("--demo")
        #expect(try terminal.waitFor("Call-sheet").0)
        try terminal.press("Down", "Down", "Down", "M")  // Cleo at 10:00
        #expect(try terminal.waitFor("Moving Cleo Demo-Farrant").0)
        try terminal.press("g")
        #expect(try terminal.waitFor("Show which day's slots?").0)
        try terminal.type("2026-11-23")
        try terminal.press("Enter")
        #expect(try terminal.waitFor("Copperfield Dental Practice · Mon 23 Nov 2026").0)
        try terminal.press("Down", "Enter")  // 09:00 on Monday
        let (moved, screen) = try terminal.waitFor("Moved to Mon 23 Nov 2026 09:00.")
        #expect(moved, "\(screen)")
        #expect(screen.contains("│09:00 booked    Cleo Demo-Farrant"))
        try terminal.press("t")
        #expect(try terminal.waitFor("│10:00 free").0)
        try terminal.press("q")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func resizingBelowTheMinimumShowsTheTooSmallScreenAndRecovers() throws {
        let sandbox = try Sandbox()
        let terminal = try TmuxTerminal(environment: sandbox.environment)
        try terminal.launch("--demo")
        #expect(try terminal.waitFor("Call-sheet").0)
        try terminal.resize(width: 60, height: 15)
        #expect(try terminal.waitFor("terminal too small: need 80×24, have 60×15").0)
        try terminal.resize(width: 120, height: 40)
        let (back, screen) = try terminal.waitFor { $0.contains("Slot grid") && $0.contains("Call-sheet") }
        #expect(back)
        #expect(!screen.contains("too small"))
        try terminal.resize(width: 80, height: 24)
        // At 80 columns the grid's title gives up the words "Slot grid" before the day.
        #expect(try terminal.waitFor { $0.contains("1 Sat 21 Nov · Copperfield") && $0.contains("q quit") }.0)
        try terminal.press("q")
        #expect(try terminal.waitFor("EXIT=0").0)
    }

    @Test func quittingRestoresAUsableShell() throws {
        let sandbox = try Sandbox()
        let terminal = try TmuxTerminal(environment: sandbox.environment)
        try terminal.launch("--demo")
        #expect(try terminal.waitFor("Call-sheet").0)
        try terminal.press("q")
        #expect(try terminal.waitFor("EXIT=0").0)
        try terminal.type("echo shell-ok-$((20+22))")
        try terminal.press("Enter")
        let (ok, screen) = try terminal.waitFor("shell-ok-42")
        #expect(ok)
        #expect(!screen.contains("Slot grid"), "the alternate screen is gone")
    }

    @Test func ctrlCRestoresTheTerminalToo() throws {
        let sandbox = try Sandbox()
        let terminal = try TmuxTerminal(environment: sandbox.environment)
        try terminal.launch("--demo")
        #expect(try terminal.waitFor("Call-sheet").0)
        try terminal.press("C-c")
        #expect(try terminal.waitForExit() == 0, "C-c is the quit command")
        try terminal.type("echo after-ctrl-c")
        try terminal.press("Enter")
        #expect(try terminal.waitFor("after-ctrl-c\n").0)
    }

    @Test func aCrashSignalStillRestoresTheTerminal() throws {
        let sandbox = try Sandbox()
        let terminal = try TmuxTerminal(environment: sandbox.environment)
        let marker = "crash-" + UUID().uuidString.prefix(8)
        try terminal.launch("--demo --user \(marker)")
        #expect(try terminal.waitFor("Call-sheet").0)
        let kill = try sandbox.runTool("/usr/bin/pkill", ["-SEGV", "-f", String(marker)])
        #expect(kill == 0)
        #expect(try terminal.waitForExit() == 139, "killed by SIGSEGV, re-raised after restoring the terminal")
        // Echo is back on: the typed command line shows, not only its output.
        try terminal.type("echo restored-\(marker)")
        try terminal.press("Enter")
        #expect(try terminal.waitFor("echo restored-\(marker)\nrestored-\(marker)").0)
    }

    @Test func noColorMeansNoColourCodesButColourOtherwise() throws {
        for noColor in [true, false] {
            let sandbox = try Sandbox()
            if noColor { sandbox.environment["NO_COLOR"] = "1" }
            let terminal = try TmuxTerminal(environment: sandbox.environment)
            try terminal.launch("--demo")
            #expect(try terminal.waitFor("Call-sheet").0)
            let raw = try terminal.screen(escapes: true)
            #expect(usesColour(raw) == !noColor, "NO_COLOR=\(noColor)")
            try terminal.press("q")
            #expect(try terminal.waitFor("EXIT=0").0)
        }
    }

    @Test func aTerminalWithoutColoursShowsTheOutageInWordsAndReverseVideo() throws {
        let sandbox = try Sandbox()
        try sandbox.run(["demo", "--db", sandbox.database])
        #expect(try sandbox.run(["outage", "declare", "--db", sandbox.database, "--site", "Referral Systems Hosting",
                                 "--system", "Dental RMS", "--since", "09:40"]).status == 0)
        let terminal = try TmuxTerminal(environment: sandbox.environment)
        // vt100 has no colours at all: what the banner means must survive in words and attributes.
        try terminal.type("TERM=vt100 '\(Binary.path)' --db '\(sandbox.database)' --site 'Oakfield Dental Care'; echo \"EXIT=$?\"")
        try terminal.press("Enter")
        #expect(try terminal.waitFor("Call-sheet").0)
        let raw = try terminal.screen(escapes: true)
        #expect(!usesColour(raw))
        let banner = try #require(raw.split(separator: "\n").first { $0.contains("OUTAGE") })
        #expect(banner.contains("Dental RMS is DOWN since 09:40"))
        #expect(sgrParameters(String(banner)).contains(7), "the outage banner is drawn in reverse video: \(banner.debugDescription)")
        try terminal.press("q")
        #expect(try terminal.waitForExit() == 0)
    }

    /// Every SGR parameter set on a captured line.
    func sgrParameters(_ line: String) -> Set<Int> {
        var found: Set<Int> = []
        var rest = Substring(line)
        while let start = rest.range(of: "\u{1B}[") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(where: { $0.isLetter }) else { break }
            if rest[end] == "m" { found.formUnion(rest[..<end].split(separator: ";").compactMap { Int($0) }) }
            rest = rest[end...]
        }
        return found
    }

    /// True if any SGR sequence sets a foreground or background colour (39 and 49, "default colour", do not count).
    func usesColour(_ raw: String) -> Bool {
        let colours = Set(Array(30...38) + Array(40...48) + Array(90...97) + Array(100...107))
        var rest = Substring(raw)
        while let start = rest.range(of: "\u{1B}[") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(where: { $0.isLetter }) else { break }
            if rest[end] == "m", rest[..<end].split(separator: ";").contains(where: { Int($0).map(colours.contains) ?? false }) {
                return true
            }
            rest = rest[end...]
        }
        return false
    }

    @Test func anotherTerminalsChangeShowsWithinASecond() throws {
        let sandbox = try Sandbox()
        #expect(try sandbox.run(["demo", "--db", sandbox.database]).status == 0)
        let terminal = try TmuxTerminal(environment: sandbox.environment)
        try terminal.launch("--db '\(sandbox.database)'")
        #expect(try terminal.waitFor("Call-sheet (17 parties)").0)
        #expect(try sandbox.importDirectory(["Hilltop Hospital ED,ed,,,01632 960034,ed@hilltop.example.org,"]) == 0)
        let started = Date()
        let (seen, _) = try terminal.waitFor(timeout: 5) { $0.contains("Call-sheet (18 parties)") }
        #expect(seen)
        #expect(Date().timeIntervalSince(started) < 1.5, "polling every 250 ms, plus capture overhead")
        try terminal.press("q")
    }

    /// The desk hands ncurses only the cells that changed since the last frame: a double-width name must stay whole
    /// as the selection passes over it and as the rows under it shift.
    @Test func aWideCharacterNameStaysWholeAsTheSelectionAndRowsMove() throws {
        let sandbox = try Sandbox()
        #expect(try sandbox.run(["demo", "--db", sandbox.database]).status == 0)
        let terminal = try TmuxTerminal(environment: sandbox.environment)
        try terminal.launch("--db '\(sandbox.database)'")
        #expect(try terminal.waitFor("Call-sheet (17 parties)").0)
        func add(_ name: String) throws {
            #expect(try sandbox.importDirectory(["\(name),commissioner,,,01632 960035,icb@example.org,"]) == 0)
        }
        try add("東京 Commissioning")
        let (added, screen) = try terminal.waitFor { $0.contains("Call-sheet (18 parties)") }
        #expect(added && screen.contains("東京 Commissioning"), "\(screen)")
        try terminal.press("3", "Down", "Down", "Down", "Up", "Up", "Up", "Down")
        try add("Aaa Commissioning")
        let (shifted, after) = try terminal.waitFor { $0.contains("Call-sheet (19 parties)") }
        #expect(shifted, "\(after)")
        let lines = after.split(separator: "\n")
        #expect(lines.filter { $0.contains("東京 Commissioning") }.count == 1, "\(after)")
        #expect(lines.contains { $0.contains("Aaa Commissioning") }, "\(after)")
        // The wide name's line is as wide as its neighbour's: no half character left over to push it along.
        func columns(_ line: Substring) -> Int {
            line.unicodeScalars.reduce(0) { $0 + ((0x4E00...0x9FFF).contains($1.value) ? 2 : 1) }
        }
        let wide = lines.first { $0.contains("東京 Commissioning") }
        let narrow = lines.first { $0.contains("Aaa Commissioning") }
        #expect(wide.map(columns) == narrow.map(columns), "\(after)")
        try terminal.press("q")
    }

    @Test("starts on every common terminal type, a colourless one, and in a non-UTF-8 locale", arguments: [
        ["TERM": "vt100"], ["TERM": "xterm-256color"], ["TERM": "linux"], ["TERM": "screen"],
        ["LANG": "C", "LC_ALL": "C"], ["LANG": "POSIX", "LC_ALL": "POSIX", "TERM": "xterm"],
    ])
    func startsWherever(_ overrides: [String: String]) throws {
        let sandbox = try Sandbox()
        let terminal = try TmuxTerminal(environment: sandbox.environment)
        let assignments = overrides.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        try terminal.type("\(assignments) '\(Binary.path)' --demo; echo \"EXIT=$?\"")
        try terminal.press("Enter")
        let (ok, screen) = try terminal.waitFor { $0.contains("Call-sheet") && $0.contains("Copperfield Dental Practice") }
        #expect(ok, "\(overrides): \(screen)")
        try terminal.press("q")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func anUnknownTerminalTypeIsAClearErrorNotAGarbledScreen() throws {
        let sandbox = try Sandbox()
        let terminal = try TmuxTerminal(environment: sandbox.environment)
        try terminal.type("TERM=no-such-terminal '\(Binary.path)' --demo; echo \"EXIT=$?\"")
        try terminal.press("Enter")
        let status = try terminal.waitForExit()
        #expect(status != nil && status != 0)
        #expect(try terminal.screen().contains("unknown terminal type 'no-such-terminal'"))
    }

    @Test("a terminal it cannot draw on is a clear error at once, not a hang", arguments: [
        ("TERM=dumb", "TERM is 'dumb'"), ("env -u TERM", "TERM is not set"),
    ])
    func refusesTerminalsItCannotDrawOn(_ prefix: String, _ message: String) throws {
        let sandbox = try Sandbox()
        let terminal = try TmuxTerminal(environment: sandbox.environment)
        try terminal.type("\(prefix) '\(Binary.path)' --demo; echo \"EXIT=$?\"")
        try terminal.press("Enter")
        let status = try terminal.waitForExit(timeout: 5)
        #expect(status != nil && status != 0)
        #expect(try terminal.screen().contains(message))
    }

    @Test func aBadThemeFileIsNamedAndTheDeskStillOpens() throws {
        let sandbox = try Sandbox()
        let themes = sandbox.environment["XDG_CONFIG_HOME"]! + "/downtime-desk/Themes"
        try FileManager.default.createDirectory(atPath: themes, withIntermediateDirectories: true)
        try "[roles]\n\"slot.free\" = { fg = \"plaid\" }\n".write(toFile: themes + "/mine.toml", atomically: true, encoding: .utf8)
        let terminal = try TmuxTerminal(environment: sandbox.environment)
        try terminal.launch("--demo --theme mine")
        let (ok, screen) = try terminal.waitFor("Call-sheet")
        #expect(ok)
        #expect(screen.contains("mine.toml:2"), "\(screen)")
        try terminal.press("q")
        let (_, after) = try terminal.waitFor("EXIT=0")
        #expect(after.contains("mine.toml:2 [roles.slot.free]: fg 'plaid' is not a colour"))
    }
}
