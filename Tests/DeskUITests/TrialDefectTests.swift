import Foundation
import Testing
import DeskCore
import DeskConfig
@testable import DeskUI

/// Escape sequences the desk does not know are one key that does nothing; a bracketed paste is one input.
@Suite struct KeySequenceDecoderTests {
    /// Decodes `text` as if its first character, an Esc, had just been read.
    func decode(_ text: String) -> (Key, rest: [RawInput]) {
        var units = text.unicodeScalars.dropFirst().map { RawInput.character($0.value) }[...]
        var decoder = KeySequenceDecoder { units.popFirst() }
        let key = decoder.afterEscape()
        return (key, (decoder.leftover.map { [$0] } ?? []) + Array(units))
    }

    @Test func everyKindOfSequenceIsConsumedWholeAsOneUnknownKey() {
        let sequences = [
            "\u{1B}d",                              // Alt-d
            "\u{1B}[>0;95;0c",                      // a device-attributes reply
            "\u{1B}[1;5A",                          // Ctrl-Up, which no keymap names
            "\u{1B}OP",                             // SS3
            "\u{1B}]11;rgb:0000/0000/0000\u{07}",   // OSC ended by BEL
            "\u{1B}]0;title\u{1B}\\",               // OSC ended by ST
            "\u{1B}Pq#0;2;0;0;0\u{1B}\\",           // DCS (sixel)
            "\u{1B}_Gi=1;OK\u{1B}\\",               // APC (a graphics reply)
            "\u{1B}^privacy\u{1B}\\",               // PM
        ]
        for sequence in sequences {
            let (key, rest) = decode(sequence)
            #expect(key == .unrecognised, "\(sequence.debugDescription)")
            #expect(rest.isEmpty, "nothing of \(sequence.debugDescription) is left to run as keys")
        }
    }

    @Test func aLoneEscIsEscAndADoubleEscLeavesTheSecond() {
        #expect(decode("\u{1B}").0 == .escape)
        let (key, rest) = decode("\u{1B}\u{1B}q")
        #expect(key == .escape)
        #expect(rest == [.character(27), .character(UInt32(("q" as Unicode.Scalar).value))])
    }

    @Test func aBracketedPasteIsOneInputWithItsTextWhole() {
        let (key, rest) = decode("\u{1B}[200~Ann \u{1B}Example\n07700 900123\u{1B}[201~q")
        #expect(key == .paste("Ann \u{1B}Example\n07700 900123"))
        #expect(rest == [.character(UInt32(("q" as Unicode.Scalar).value))], "the key after the paste is not lost")
    }

    @Test func eightBitCSIIsConsumedToo() {
        var units = "5n".unicodeScalars.map { RawInput.character($0.value) }[...]
        var decoder = KeySequenceDecoder { units.popFirst() }
        #expect(decoder.afterC1(0x9B) == .unrecognised)
        #expect(units.isEmpty)
    }
}

@Suite struct StrayKeyTests {
    @Test func anUnrecognisedKeyChangesNothingAnywhere() throws {
        var state = try sampleState()
        state.keymap = Keymap.withOverlayKeys(name: "k",
                              bindings: [.global: [.escape: "cancel"], .pane(.slots): [.char("d"): "mark-dna"]])
        let before = state
        #expect(Reducer.reduce(&state, .key(.unrecognised)).isEmpty)
        #expect(state == before)
        state.overlay = .confirm(question: "Declare?", effect: .quit)
        #expect(Reducer.reduce(&state, .key(.unrecognised)).isEmpty)
        #expect(state.overlay == .confirm(question: "Declare?", effect: .quit), "a dialog is not answered by noise")
    }

    @Test func didNotAttendAsksFirstAndOnlyYMarksIt() throws {
        var state = try sampleState()
        state.keymap = Keymap.withOverlayKeys(name: "k", bindings: [.pane(.slots): [.char("d"): "mark-dna"]])
        let ann = state.view.slots[0].bookings[0]
        #expect(Reducer.reduce(&state, .key(.char("d"))).isEmpty, "one key does not mark the patient")
        #expect(Screen.render(state).text.contains("Mark Ann Demo's 09:00 booking as did not attend?"))
        #expect(Reducer.reduce(&state, .key(.char("n"))).isEmpty)
        #expect(state.overlay == nil && state.message == "Nothing changed.")
        _ = Reducer.reduce(&state, .key(.char("d")))
        #expect(Reducer.reduce(&state,
                               .key(.char("y"))) == [.setStatus(bookingID: ann.id, status: .didNotAttend, reason: nil)])
    }

    @Test func aPasteIntoTheNameFieldIsCutToTheFieldsLimitWithAMessageAndSavedOnce() throws {
        var state = try sampleState()
        state.keymap = Keymap.withOverlayKeys(name: "k", bindings: [.pane(.slots): [.enter: "book"],
                                                                    .global: [.down: "move-down"]])
        _ = Reducer.reduce(&state, .key(.down))
        _ = Reducer.reduce(&state, .key(.enter))
        let effects = Reducer.reduce(&state, .key(.paste(String(repeating: "Ann\nExample ", count: 10_000))))
        #expect(effects.count == 1)
        #expect(state.form?.draft.patientName.count == BookingDraft.maxNameLength)
        #expect(state.form?.draft.patientName.hasPrefix("Ann Example Ann") == true, "line breaks become spaces")
        #expect(state.message == "Pasted up to the field's limit of 100 characters; 119900 more were left out.")
        #expect(Reducer.reduce(&state, .key(.tab)).isEmpty)
        #expect(state.form?.field == .phone, "keys after the paste still work")
    }

    @Test func aPasteOutsideAFormDoesNothing() throws {
        var state = try sampleState()
        #expect(Reducer.reduce(&state, .key(.paste("qqq"))).isEmpty)
        #expect(state.message == "Pasted text goes into a form field; here it does nothing.")
    }
}

@Suite struct ConflictChooserTests {
    let keymap = Keymap.withOverlayKeys(name: "k", bindings: [
        .global: [.down: "move-down", .up: "move-up", .escape: "cancel"],
        .pane(.slots): [.char("a"): "mark-arrived", .char("x"): "cancel-booking", .char("M"): "move-booking",
                        .char("d"): "mark-dna", .char("E"): "mark-error", .char("c"): "mark-completed", .enter: "book"],
    ])

    func onConflict() throws -> AppState {
        var state = try sampleState()
        state.keymap = keymap
        state.selection[.slots] = 2
        return state
    }

    @Test func everyBookingActionOnAConflictAsksWhichBookingFirst() throws {
        for key in ["a", "c", "d", "x", "E", "M"] {
            var state = try onConflict()
            #expect(Reducer.reduce(&state, .key(.char(Character(key)))).isEmpty)
            guard case .chooseBooking(let chooser)? = state.overlay else {
                Issue.record("\(key) opened no chooser"); continue
            }
            #expect(chooser.bookings.map(\.patient.name) == ["Bob Demo", "Cat Demo"], "oldest first")
        }
    }

    @Test func theChooserNamesEachBookingWithItsSourceAndTimeMadeAndEscChangesNothing() throws {
        var state = try onConflict()
        _ = Reducer.reduce(&state, .key(.char("a")))
        let screen = Screen.render(state).text
        #expect(screen.contains("The 10:00 slot holds 2 bookings. Which one to mark arrived?"))
        #expect(screen.contains("▶ Bob Demo · NHS 111 · made 09:45"))
        #expect(screen.contains("  Cat Demo · NHS 111 · made 10:00"))
        #expect(screen.contains("Up/Down choose · Enter goes on · Esc changes nothing"))
        #expect(Reducer.reduce(&state, .key(.escape)).isEmpty)
        #expect(state.overlay == nil && state.message == "Nothing changed.")
    }

    @Test func aBookingFromAnotherSiteSaysWhichSiteMadeIt() throws {
        var state = try onConflict()
        state.view.slots[2].bookings[1].createdSite = "Shoreline 111"
        _ = Reducer.reduce(&state, .key(.char("a")))
        let screen = Screen.render(state).text
        #expect(screen.contains("▶ Bob Demo · NHS 111 · made 09:45") && !screen.contains("09:45 at"),
                "no site recorded, none said")
        #expect(screen.contains("  Cat Demo · NHS 111 · made 10:00 at Shoreline 111"))
    }

    @Test func aSlotAnotherSiteHoldsIsTakenUnnamedAndNotChangedHere() throws {
        var state = try onConflict()
        let free = try #require(state.view.slots.firstIndex { $0.status == .free })
        let row = state.view.slots[free]
        let held = Booking.held(id: UUID(), practiceID: row.slot.practiceID, day: row.slot.day, start: row.slot.start,
                                status: .booked, placeholderPhone: try PhoneNumber(parsing: "01632960000"))
        state.view.slots[free] = SlotRow(slot: row.slot, bookings: [held])
        state.selection[.slots] = free
        let grid = Screen.render(state).text
        let line = try #require(grid.split(separator: "\n").first { $0.contains("│\(row.slot.start) booked") }?
            .components(separatedBy: "││").first)
        #expect(line.contains("not shown") && !line.contains("Phone"), "taken, unnamed, no source: \(line)")
        #expect(Reducer.reduce(&state, .key(.char("a"))).isEmpty)
        #expect(state.message == "The \(row.slot.start) slot was booked at another site; only its practice can "
                    + "change that booking.")
        // Beside one of this practice's own: CONFLICT, and its own booking is the one acted on, with no chooser.
        var own = state.view.slots[2].bookings[0]
        own.start = row.slot.start
        state.view.slots[free] = SlotRow(slot: row.slot, bookings: [held, own])
        #expect(state.view.slots[free].status == .conflict)
        #expect(Reducer.reduce(&state, .key(.char("a"))) == [.setStatus(bookingID: own.id, status: .arrived,
                                                                         reason: nil)])
    }

    @Test func enterGoesOnWithTheChosenBooking() throws {
        var state = try onConflict()
        let cat = state.view.slots[2].bookings[1]
        _ = Reducer.reduce(&state, .key(.char("a")))
        _ = Reducer.reduce(&state, .key(.down))
        #expect(Reducer.reduce(&state, .key(.enter)) == [.setStatus(bookingID: cat.id, status: .arrived, reason: nil)])
        #expect(state.chosenBookingID == nil)

        _ = Reducer.reduce(&state, .key(.char("x")))
        _ = Reducer.reduce(&state, .key(.enter))
        guard case .reason(let prompt)? = state.overlay else { Issue.record("cancelling asks why"); return }
        #expect(prompt.bookingID == state.view.slots[2].bookings[0].id)
        #expect(prompt.question.contains("Bob Demo"))

        state.overlay = nil
        _ = Reducer.reduce(&state, .key(.char("M")))
        _ = Reducer.reduce(&state, .key(.down))
        _ = Reducer.reduce(&state, .key(.enter))
        #expect(state.moving?.id == cat.id, "the chosen booking is picked up to move")
    }

    @Test func atEightyColumnsAConflictRowNamesBothPatientsWhole() throws {
        var state = try sampleState(width: 80, height: 24)
        state.view.slots[2].bookings[0].patient.name = "Devika Demo-Lowther"
        state.view.slots[2].bookings[1].patient.name = "Esmeralda Demo-Varga"
        state.view.slots[2] = SlotRow(slot: state.view.slots[2].slot, bookings: state.view.slots[2].bookings)
        let grid = text(Screen.render(state), Screen.layout(for: state)!.slots)
        // The names whole, one booking a line; the source column is what gets cut.
        #expect(grid.contains("│10:00 CONFLICT  Devika Demo-Lowther  N…   │"))
        #expect(grid.contains("│        + also  Esmeralda Demo-Varga N…   │"))
    }

    @Test func theSelectedRowsDowntimeReferenceIsShownWhole() throws {
        var state = try sampleState(width: 80, height: 24)
        state.view.slots[0].bookings[0].downtimeReference = "DT-MLD-20261121-007"
        state.view.slots[0] = SlotRow(slot: state.view.slots[0].slot, bookings: state.view.slots[0].bookings)
        let grid = text(Screen.render(state), Screen.layout(for: state)!.slots)
        #expect(grid.contains("09:00 DT-MLD-20261121-007"))
    }
}

@Suite struct OffTemplateTests {
    @Test func aBookingOnNoSlotGetsAnOffTemplateRowInTimeOrderAndIsNeverHidden() throws {
        var state = try sampleState(width: 80, height: 24)
        let slots = state.view.slots.map(\.slot)
        var stray = state.view.slots[0].bookings[0]
        stray.id = UUID(); stray.start = TimeOfDay(parsing: "09:15")!; stray.patient.name = "Stray Example"
        var gone = stray
        gone.id = UUID(); gone.status = .cancelled; gone.start = TimeOfDay(parsing: "09:45")!
        state.view.slots = SlotRow.day(slots: slots, bookings: state.view.slots.flatMap(\.bookings) + [stray, gone])
        #expect(state.view.slots.map(\.slot.start.description) == ["09:00", "09:15", "09:30", "10:00", "10:30"],
                "a cancelled booking off the template needs no row")
        let grid = text(Screen.render(state), Screen.layout(for: state)!.slots)
        #expect(grid.contains("│09:15 OFF-TEMPLATE Stray Example"), "\(grid)")
        #expect(grid.contains("4 slots, 2 free"), "an off-template row is not a slot")
        state.keymap = Keymap.withOverlayKeys(name: "k", bindings: [.pane(.slots): [.enter: "book"]])
        state.selection[.slots] = 1
        #expect(Reducer.reduce(&state, .key(.enter)).isEmpty)
        #expect(state.form == nil && state.message == "09:15 is no longer a slot (the template changed): M moves the "
            + "booking to one.")
    }
}

@Suite struct PatientPrivacyScreenTests {
    @Test func aHostsIncomingPaneNamesThePracticeNeverThePatient() throws {
        var state = try sampleState(width: 100, height: 30)
        state.actor = Actor(user: "oncall", terminal: "pts/2", site: "Referral Systems Hosting", role: .host)
        state.view.organisationNames[state.view.practices[0].id] = state.view.practices[0].name
        let pane = text(Screen.render(state), Screen.layout(for: state)!.incoming)
        #expect(!pane.contains("Ann Demo") && !pane.contains("Bob Demo") && !pane.contains("Cat Demo"), "\(pane)")
        #expect(pane.contains("09:00 Marsh Lane Dental"), "the practice, not the patient")
        state.actor = Actor(user: "ann", terminal: "pts/1", site: "Marsh Lane Dental", role: .practice)
        #expect(text(Screen.render(state), Screen.layout(for: state)!.incoming).contains("Cat Demo"),
                "the practice sees its own")
    }
}
