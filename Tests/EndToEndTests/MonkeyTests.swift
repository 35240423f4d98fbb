import Foundation
import Testing

/// Random keys, escape sequences, bracketed pastes and resizes down to 1×1 typed into the desk in a real terminal.
/// It must never exit on its own, never damage the file, and still quit cleanly. DESK_MONKEY_KEYS sets how many
/// keys (CI runs the default); DESK_MONKEY_SEED replays a run, whose seed every failure message names.
@Suite struct MonkeyTests {
    /// Keys that end the desk or the shell (q and C-c quit by design; C-z and C-\ are the shell's) are left out:
    /// the test is that nothing else does.
    static let named = ["Up", "Down", "Left", "Right", "Enter", "Escape", "Tab", "BTab", "BSpace", "DC", "IC", "Home", "End",
                        "PPage", "NPage", "F1", "F2", "F5", "F10", "F12", "C-a", "C-e", "C-k", "C-l", "C-u", "C-w", "Space"]
    /// No ';': tmux reads a lone ';' argument as the end of its command.
    static let printable = Array("abcdefghijklmnoprstuvwxyzABCDEFGHIJKLMNOPRSTUVWXYZ0123456789[]?/.,:-_'\"#@!£é✓")
    static let sequences = ["\u{1B}[", "\u{1B}[1;5A", "\u{1B}[99;99R", "\u{1B}O", "\u{1B}[3~", "\u{1B}[<0;10;5M", "\u{1B}]0;title\u{07}",
                            "\u{1B}[200~pasted 07700 900777\nsecond line\u{1B}[201~", "\u{1B}[200~\u{1B}[2J\u{1B}[201~", "\u{1B}\u{1B}\u{1B}", "\u{1B}[M"]

    @Test func randomKeysResizesAndPastesNeverCrashOrDamageTheStore() throws {
        let environment = ProcessInfo.processInfo.environment
        let seed = UInt64(environment["DESK_MONKEY_SEED"] ?? "") ?? UInt64.random(in: 1...UInt64.max / 2)
        let total = Int(environment["DESK_MONKEY_KEYS"] ?? "") ?? 3_000
        var random = SplitMix64(seed: seed)
        let sandbox = try Sandbox()
        #expect(try sandbox.run(["demo", "--db", sandbox.database]).status == 0)
        let desk = try TmuxTerminal(environment: sandbox.environment)
        try desk.launch("--db '\(sandbox.database)' --user monkey")
        #expect(try desk.waitFor("Call-sheet").0)

        var sent = 0
        while sent < total {
            switch random.next() % 20 {
            case 0:
                try desk.type(Self.sequences[Int(random.next() % UInt64(Self.sequences.count))])
                sent += 1
            case 1:
                // Down to 1×1 now and then: every size between must draw or show the too-small screen.
                let tiny = random.next() % 3 == 0
                try desk.resize(width: tiny ? 1 : 1 + Int(random.next() % 200), height: tiny ? 1 : 1 + Int(random.next() % 60))
            default:
                var batch: [String] = []
                for _ in 0..<(1 + random.next() % 24) {
                    if random.next() % 3 == 0 { batch.append(Self.named[Int(random.next() % UInt64(Self.named.count))]) }
                    else { batch.append(String(Self.printable[Int(random.next() % UInt64(Self.printable.count))])) }
                }
                try desk.tmux(["send-keys", "-t", "0", "--"] + batch)
                sent += batch.count
            }
            if sent % 500 < 24 {
                let screen = try desk.screen()
                #expect(!screen.contains("EXIT="), "the desk ended after \(sent) keys (seed \(seed)):\n\(screen)")
                if screen.contains("EXIT=") { break }
            }
        }
        try desk.resize(width: 120, height: 40)
        // tmux delivers keys faster than a person types, so the desk may still be working through them: wait until
        // the screen has been still for a second before reading it as the state the keys left.
        var still = 0, previous = ""
        let deadline = Date().addingTimeInterval(120)
        while still < 4 && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.25)
            let screen = try desk.screen()
            still = screen == previous ? still + 1 : 0
            previous = screen
        }

        // Out of whatever it was left in, as a person would: Escape closes forms and dialogs, and a form with typing
        // in it asks before discarding; then q, which asks first if a draft is unsaved.
        for attempt in 0..<12 {
            let screen = try desk.screen()
            if screen.contains("EXIT=") { break }
            if screen.contains("y discards") || screen.contains("y quits") { try desk.press("y") }
            else { try desk.press(attempt < 4 ? "Escape" : "q") }
            Thread.sleep(forTimeInterval: 0.3)
        }
        let exitStatus = try desk.waitForExit(timeout: 5)
        let lastScreen = try desk.screen()
        #expect(exitStatus == 0, "q did not quit cleanly (seed \(seed)):\n\(lastScreen)")
        #expect(try sandbox.tool("sqlite3", [sandbox.database, "PRAGMA integrity_check"]).out == "ok\n", "seed \(seed)")
        let verify = try sandbox.run(["journal", "verify", "--db", sandbox.database])
        #expect(verify.status == 0, "seed \(seed): \(verify.out)\(verify.err)")
        // And the shell it hands back is usable.
        try desk.type("echo shell-is-back")
        try desk.press("Enter")
        #expect(try desk.waitFor { $0.split(separator: "\n").contains { $0 == "shell-is-back" } }.0)
    }
}

/// A small seeded generator, so a failing run can be replayed from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
