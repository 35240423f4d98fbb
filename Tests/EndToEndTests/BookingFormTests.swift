import Foundation
import Testing

/// The booking form in a real terminal: booking, overbooking, a second terminal, and a killed terminal's draft.
@Suite(.serialized) struct BookingFormEndToEndTests {
    /// A demo database in a file of its own (`--demo` would replace it on every start).
    func demo() throws -> Sandbox {
        let sandbox = try Sandbox()
        #expect(try sandbox.run(["demo", "--db", sandbox.database]).status == 0)
        return sandbox
    }

    func fill(_ terminal: TmuxTerminal, name: String, phone: String) throws {
        try terminal.type(name)
        try terminal.press("Tab")
        try terminal.type(phone)
    }

    @Test func bookThroughTheFormAndASecondTerminalSeesItWithinASecond() throws {
        let sandbox = try demo()
        let reception = try TmuxTerminal(environment: sandbox.environment)
        let other = try TmuxTerminal(environment: sandbox.environment)
        try reception.launch("--db '\(sandbox.database)' --user ann")
        try other.launch("--db '\(sandbox.database)' --user bob")
        #expect(try reception.waitFor("Call-sheet").0)
        #expect(try other.waitFor("Call-sheet").0)
        try reception.press("Down", "Down", "Enter")
        #expect(try reception.waitFor("Book 09:30 Sat 21 Nov 2026 · Copperfield Dental Practice").0)
        try fill(reception, name: "Zed Example", phone: "07700 900123")
        try reception.press("Enter")
        let (booked, screen) = try reception.waitFor("Booked Zed Example at 09:30.")
        #expect(booked, "\(screen)")
        #expect(screen.contains("│09:30 booked    Zed Example"))
        let started = Date()
        let (seen, otherScreen) = try other.waitFor(timeout: 5) { $0.contains("NEW 10:05 Phone   09:30 Zed Example") }
        #expect(seen, "\(otherScreen)")
        #expect(Date().timeIntervalSince(started) < 1.5)
        #expect(otherScreen.contains("2 Incoming bookings (4 new)"))
        try reception.press("q")
        try other.press("q")
    }

    /// A desk with Yan Example typed into the form for 10:00, Cleo's slot, and saved: the overbook question is up.
    /// The sandbox is returned too: its folder (and the database) goes when it does.
    func formSavedIntoCleosSlot() throws -> (Sandbox, TmuxTerminal) {
        let sandbox = try demo()
        let terminal = try TmuxTerminal(environment: sandbox.environment)
        try terminal.launch("--db '\(sandbox.database)'")
        #expect(try terminal.waitFor("Call-sheet").0)
        try terminal.press("Down", "Down", "Down", "Enter")
        #expect(try terminal.waitFor("saving will ask before overbooking").0)
        try fill(terminal, name: "Yan Example", phone: "07700 900124")
        try terminal.press("Enter")
        return (sandbox, terminal)
    }

    @Test func anOccupiedSlotAsksBeforeOverbookingThenShowsTheConflict() throws {
        let (sandbox, terminal) = try formSavedIntoCleosSlot()
        defer { withExtendedLifetime(sandbox) {} }
        let (asked, question) = try terminal.waitFor("y overbooks (both stay, shown as CONFLICT)")
        #expect(asked && question.contains("is already booked for Cleo Demo-Farrant;"), "\(question)")
        try terminal.press("y")
        #expect(try terminal.waitFor("│10:00 CONFLICT  Cleo Demo-Farrant + Yan Example").0)
        try terminal.press("q")
        #expect(try terminal.waitForExit() == 0)
    }

    /// The slot is taken when the form is saved: c takes the same form, everything typed, to a slot on another day.
    @Test func aTakenSlotsFormGoesToAnotherSlotWithoutRetyping() throws {
        let (sandbox, terminal) = try formSavedIntoCleosSlot()
        defer { withExtendedLifetime(sandbox) {} }
        #expect(try terminal.waitFor("c chooses another slot").0)
        try terminal.press("c")
        #expect(try terminal.waitFor("Choose another slot for Yan Example").0)
        try terminal.press("n")
        #expect(try terminal.waitFor("Slot grid · Copperfield Dental Practice · Sun 22 Nov 2026").0)
        try terminal.press("Down", "Enter")  // 09:00
        let (placed, form) = try terminal.waitFor("Book 09:00 Sun 22 Nov 2026")
        #expect(placed && form.contains("Yan Example"), "\(form)")
        try terminal.press("Enter")
        let (booked, screen) = try terminal.waitFor("Booked Yan Example at 09:00.")
        #expect(booked && screen.contains("│09:00 booked    Yan Example"), "\(screen)")
        try terminal.press("q")
        #expect(try terminal.waitForExit() == 0)
    }

    /// `user` types `name` and a half phone number into the 09:30 form, and the desk is killed mid-form.
    func killMidForm(_ sandbox: Sandbox, user: String, name: String) throws {
        let first = try TmuxTerminal(environment: sandbox.environment)
        try first.launch("--db '\(sandbox.database)' --user \(user) --theme default --keymap default")
        #expect(try first.waitFor("Call-sheet").0)
        try first.press("Down", "Down", "Enter")
        try fill(first, name: name, phone: "0770")
        // The field itself with its cursor: "0770" alone also matches the call-sheet's 07700 numbers.
        #expect(try first.waitFor("Phone*         0770▏").0)
        // SIGKILL: no chance to clean up, as when a terminal window is closed or the machine stops.
        #expect(try sandbox.runTool("/usr/bin/pkill", ["-KILL", "-f", "user \(user) --theme default"]) == 0)
        // The killed desk could not restore the screen, so its exit line may land mid-screen: look for it anywhere.
        #expect(try first.waitFor("EXIT=137").0)
    }

    @Test func aKilledTerminalMidFormOffersTheDraftBack() throws {
        let sandbox = try demo()
        try killMidForm(sandbox, user: "ann", name: "Half Typed")

        let second = try TmuxTerminal(environment: sandbox.environment)
        try second.launch("--db '\(sandbox.database)' --user ann")
        #expect(try second.waitFor("A booking for Half Typed at 09:30 Sat 21 Nov 2026 was not saved. Restore it?").0)
        try second.press("y")
        let (restored, screen) = try second.waitFor("Draft restored; Enter saves it.")
        #expect(restored)
        #expect(screen.contains("Half Typed") && screen.contains("0770"))
        // The cursor is back where it was left, in the phone field.
        try second.press("BSpace", "BSpace", "BSpace", "BSpace")
        try second.type("07700 900125")
        try second.press("Enter")
        let (booked, afterBooking) = try second.waitFor("│09:30 booked    Half Typed")
        #expect(booked, "\(afterBooking)")
        try second.press("q")
        let exitStatus = try second.waitForExit()
        let lastScreen = try second.screen()
        #expect(exitStatus == 0, "\(lastScreen)")
        // Saved, so not offered again.
        let third = try TmuxTerminal(environment: sandbox.environment)
        try third.launch("--db '\(sandbox.database)' --user ann")
        #expect(try third.waitFor("Call-sheet").0)
        #expect(!(try third.screen()).contains("Restore it?"))
        try third.press("q")
    }

    /// Enter is the reflex at a prompt: it must keep the recovered work, and a stray key must not throw it away.
    @Test func enterAtTheDraftPromptRestoresTheDraftAndAStrayKeyKeepsAsking() throws {
        let sandbox = try demo()
        try killMidForm(sandbox, user: "bea", name: "Reflex Kept")

        let second = try TmuxTerminal(environment: sandbox.environment)
        try second.launch("--db '\(sandbox.database)' --user bea")
        let (offered, offer) = try second.waitFor("y or Enter restores it · n discards it for good")
        #expect(offered, "\(offer)")
        try second.press("x")
        #expect(try second.waitFor("y or Enter restores the unsaved booking; n discards it.").0)
        try second.press("Enter")
        let (restored, screen) = try second.waitFor("Draft restored; Enter saves it.")
        #expect(restored, "\(screen)")
        #expect(screen.contains("Reflex Kept"))
        try second.press("Escape")
        try second.press("y")
        try second.press("q")
        #expect(try second.waitForExit() == 0)
    }
}
