import Foundation
import Testing
import DeskCore
import DeskConfig
@testable import DeskUI

/// `/` finds a patient's booking across days and Enter goes to its day and slot.
@Suite struct SearchTests {
    static let keymap = Keymap.withOverlayKeys(name: "s", bindings: [
        .global: [.char("/"): "search", .char("q"): "quit"]])

    @Test func typingSearchesWithinThePracticeAndEnterGoesToTheDayAndSlot() throws {
        var state = try sampleState()
        state.keymap = Self.keymap
        #expect(Reducer.reduce(&state, .key(.char("/"))).isEmpty)
        guard case .search? = state.overlay else { Issue.record("no search"); return }
        #expect(Reducer.reduce(&state, .key(.char("q"))).isEmpty, "q is a letter here, and one is too few")
        let practice = state.view.practice!.id
        #expect(Reducer.reduce(&state, .key(.char("u"))) == [.search(BookingQuery("qu")!, .practice(practice))])
        _ = Reducer.reduce(&state, .key(.backspace))
        _ = Reducer.reduce(&state, .key(.backspace))
        for c in "bob" { _ = Reducer.reduce(&state, .key(.char(c))) }
        var bob = state.view.slots[2].bookings[0]
        bob.day = LocalDate(iso: "2026-11-24")!
        _ = Reducer.reduce(&state, .searchFound([bob], for: "bo"))
        guard case .search(let stale)? = state.overlay else { Issue.record("closed"); return }
        #expect(stale.results.isEmpty, "an answer for text since changed is dropped")
        _ = Reducer.reduce(&state, .searchFound([bob], for: "bob"))
        let screen = Screen.render(state).text
        #expect(screen.contains("Name, phone, NHS number or reference: bob▏"), "\(screen)")
        #expect(screen.contains("▶ Tue 24 Nov 2026 10:00  Bob Demo"), "\(screen)")
        #expect(screen.contains("07700 900500  booked"), "\(screen)")
        #expect(Reducer.reduce(&state, .key(.enter)) == [.reload(practiceID: practice, day: bob.day)])
        #expect(state.overlay == nil && state.focus == .slots && state.slotToSelect == bob.id)
        #expect(state.message == "Bob Demo at 10:00, booked.")
        var there = state.view
        there.day = bob.day
        _ = Reducer.reduce(&state, .loaded(there))
        #expect(state.selected(.slots) == 2 && state.slotToSelect == nil, "the booking's slot is selected")
    }

    @Test func aTerminalThatSeesNoPatientsHasNothingToSearchAndSaysWhy() throws {
        var state = try sampleState()
        state.keymap = Self.keymap
        state.actor = Actor(user: "marcus", terminal: "pts/3", site: "Coastal Commissioning", role: .commissioner)
        _ = Reducer.reduce(&state, .key(.char("/")))
        #expect(state.overlay == nil)
        #expect(state.message == "No search here: patients are found at their practice's reception (and at NHS 111 or "
            + "the ED that booked them); Coastal Commissioning sees no patients, so it has none to search.")
    }

    @Test func nhs111FindsWhatItBookedAndIsToldWhereItIs() throws {
        var state = try sampleState()
        state.keymap = Self.keymap
        state.actor = Actor(user: "nia", terminal: "pts/6", site: "Shoreline 111", role: .nhs111)
        state.view.capacity = []
        _ = Reducer.reduce(&state, .key(.char("/")))
        var cat = state.view.slots[2].bookings[1]
        #expect(Reducer.reduce(&state, .key(.char("c"))).isEmpty)
        #expect(Reducer.reduce(&state, .key(.char("a"))) == [.search(BookingQuery("ca")!, .madeAt("Shoreline 111"))])
        _ = Reducer.reduce(&state, .searchFound([cat], for: "ca"))
        guard case .search(let hidden)? = state.overlay else { Issue.record("closed"); return }
        #expect(hidden.results.isEmpty, "a booking made elsewhere is never listed here, whatever the store gave")
        cat.createdSite = "Shoreline 111"
        _ = Reducer.reduce(&state, .searchFound([cat], for: "ca"))
        #expect(Reducer.reduce(&state, .key(.enter)).isEmpty, "no grid here: the answer is the words")
        #expect(state.overlay == .notice(title: "Cat Demo: Sat 21 Nov 2026 at 10:00",
                                         lines: ["at Marsh Lane Dental (booked), phone 07700 900500."]))
    }
}
