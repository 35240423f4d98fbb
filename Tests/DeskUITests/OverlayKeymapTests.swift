import Foundation
import Testing
import DeskCore
import DeskConfig
@testable import DeskUI

/// The overlays' letters are keymap bindings in their own scopes, and every hint names what the keymap binds.
@Suite struct OverlayKeymapTests {
    /// A keymap that answers questions with j and closes the incident with X, as a user's file might.
    func remapped(_ state: AppState) -> AppState {
        var state = state
        var bindings = state.keymap.bindings
        bindings[.overlay(.confirm)] = [.char("j"): "yes"]
        bindings[.overlay(.incident)] = [.char("X"): "close-incident", .char("n"): "incident-note"]
        bindings[.overlay(.draft)] = [.char("k"): "restore-draft", .char("z"): "discard-draft"]
        state.keymap = Keymap(name: "mine", bindings: bindings)
        return state
    }

    @Test func aConfirmationIsAnsweredByTheKeyTheKeymapBindsAndItsHintSaysSo() throws {
        var state = remapped(try sampleState())
        let effect = Effect.markSeen([UUID()])
        state.overlay = .confirm(question: "Go?", effect: effect)
        #expect(Screen.render(state).text.contains("j goes ahead, any other key changes nothing"))
        #expect(Reducer.reduce(&state, .key(.char("y"))).isEmpty, "y is no longer yes")
        #expect(state.message == "Nothing changed.")
        state.overlay = .confirm(question: "Go?", effect: effect)
        #expect(Reducer.reduce(&state, .key(.char("j"))) == [effect])
        #expect(state.overlay == nil)
    }

    @Test func theDefaultHintsReadAsBefore() throws {
        var state = try sampleState()
        state.overlay = .confirm(question: "Go?", effect: .refresh)
        #expect(Screen.render(state).text.contains("y goes ahead, any other key changes nothing"))
        state.overlay = .confirmQuit
        #expect(Screen.render(state).text.contains("y quits, any other key goes back"))
    }

    @Test func aDraftOfferUsesTheDraftScope() throws {
        var state = remapped(try sampleState())
        let form = BookingForm(practiceID: UUID(), practiceName: "P", day: today, start: TimeOfDay(parsing: "09:30")!)
        state.overlay = .offerDraft(form)
        #expect(Reducer.reduce(&state, .key(.enter)).isEmpty)
        #expect(state.message == "k restores the unsaved booking; z discards it.")
        #expect(state.overlay == .offerDraft(form), "an unbound key keeps the question open")
        #expect(Reducer.reduce(&state, .key(.char("z"))) == [.clearDraft])
        #expect(state.overlay == nil && state.form == nil)
    }

    @Test func theIncidentViewRunsAndNamesItsRemappedKeys() throws {
        var state = remapped(try sampleState())
        let outage = Outage(system: "Dental RMS", since: fixedNow, declaredAt: fixedNow, declaredBy: "oncall")
        let incident = Incident(number: "INC-2026-0001", outageID: outage.id, openedAt: fixedNow, reporter: "oncall")
        state.view.activeOutage = outage
        state.view.incident = IncidentDetail(incident: incident, outage: outage, entries: [], function: nil, ticks: [],
                                             backEntryRemaining: 0, people: [])
        state.overlay = .incident(scroll: 0)
        let footer = Screen.render(state).text
        #expect(footer.contains("n note · (no key for incident-severity) severity · X close · Esc closes"))
        #expect(Reducer.reduce(&state, .key(.char("c"))).isEmpty)
        #expect(state.overlay == .incident(scroll: 0), "c is not bound to close here")
        _ = Reducer.reduce(&state, .key(.char("X")))
        guard case .prompt(let form)? = state.overlay else { Issue.record("no close prompt"); return }
        #expect(form.title.hasPrefix("Close INC-2026-0001"))
    }

    @Test func anOverlayCommandBoundOutsideItsOverlaySaysWhereItWorks() throws {
        var state = try sampleState()
        state.keymap = Keymap(name: "odd", bindings: [.global: [.char("y"): "yes"]])
        #expect(Reducer.reduce(&state, .key(.char("y"))).isEmpty)
        #expect(state.message == "'yes' works only while its view or question is open.")
    }
}
