import Foundation
import Testing
import DeskCore
import DeskConfig
@testable import DeskUI

@Suite struct PaneRenderingTests {
    @Test func slotGridShowsTimesStatusWordsPatientsAndTheConflict() throws {
        let state = try sampleState()
        var canvas = Canvas(width: 50, height: 9)
        SlotGridPane.render(state, into: &canvas, at: Rect(x: 0, y: 0, width: 50, height: 9))
        #expect(canvas.text == """
        ┌─ ▶ 1 Marsh Lane Dental · Sat 21 Nov 2026 ──────┐
        │Time  Status    Patient              Source   DT│
        │09:00 booked    Ann Demo             Phone      │
        │09:30 free                                      │
        │10:00 CONFLICT  Bob Demo + Cat Demo  NHS 111    │
        │10:30 free                                      │
        │                                                │
        │4 slots, 2 free                                 │
        └────────────────────────────────────────────────┘
        """)
    }

    @Test func conflictAndSelectionUseTheirRoles() throws {
        let state = try sampleState()
        var canvas = Canvas(width: 50, height: 9)
        SlotGridPane.render(state, into: &canvas, at: Rect(x: 0, y: 0, width: 50, height: 9))
        #expect(canvas[1, 2].role == .selection, "the first row is selected in the focused pane")
        #expect(canvas[1, 4].role == .slotConflict)
        #expect(canvas[1, 3].role == .slotFree)
    }

    @Test func incomingListsNewestFirstAndMarksUnseenInWords() throws {
        var state = try sampleState()
        state.focus = .incoming
        var canvas = Canvas(width: 44, height: 5)
        IncomingPane.render(state, into: &canvas, at: Rect(x: 0, y: 0, width: 44, height: 5))
        #expect(canvas.text == """
        ┌─ ▶ 2 Incoming bookings (2 new) ──────────┐
        │NEW 10:00 NHS 111 10:00 Cat Demo       due│
        │NEW 09:45 NHS 111 10:00 Bob Demo       due│
        │    08:35 Phone   09:00 Ann Demo      late│
        └──────────────────────────────────────────┘
        """)
        #expect(canvas[1, 1].role == .selection)
        #expect(canvas[1, 2].role == .bookingUnseen)
    }

    @Test func callSheetListsEveryNumberUnderItsParty() throws {
        let state = try sampleState()
        var canvas = Canvas(width: 44, height: 7)
        CallSheetPane.render(state, into: &canvas, at: Rect(x: 0, y: 0, width: 44, height: 7))
        #expect(canvas.text == """
        ┌─ 3 Call-sheet (2 parties) ───────────────┐
        │Marsh Lane Dental                 Practice│
        │  01632 960101  main                      │
        │Northgate ED                Emergency Dept│
        │  01632 960031  Amara Example             │
        │                                          │
        └──────────────────────────────────────────┘
        """)
    }

    @Test func bannerSaysNormalOrOutageInWordsNotColourAlone() throws {
        var state = try sampleState()
        var canvas = Canvas(width: 80, height: 4)
        BannerPane.render(state, into: &canvas, at: Rect(x: 0, y: 0, width: 80, height: 1))
        #expect(canvas.line(0) == " Downtime Desk · central system UP, no outage declared         Sat 21 Nov 10:05")
        state.isDemo = true
        BannerPane.render(state, into: &canvas, at: Rect(x: 0, y: 0, width: 80, height: 1))
        #expect(canvas.line(0) == " Downtime Desk · central system UP, no outage declared  [DEMO] Sat 21 Nov 10:05")
        #expect(canvas[56, 0].character == "[" && canvas[56, 0].role == .bannerDemo)
        state.view.activeOutage = Outage(system: "Dental RMS", since: fixedNow.addingTimeInterval(-3600), declaredAt: fixedNow, declaredBy: "host")
        #expect(BannerPane.lines(for: state) == 4)
        BannerPane.render(state, into: &canvas, at: Rect(x: 0, y: 0, width: 80, height: 4))
        #expect(canvas.line(0).hasPrefix(" ⚠ OUTAGE ⚠  Dental RMS is DOWN since 09:05 (1h 0m)"))
        #expect(canvas.line(2).hasPrefix(" Instead: Stop direct booking through the central system."))
        #expect(canvas[0, 0].role == .bannerOutage)
    }

    @Test func emptyDatabaseSaysWhatToDo() throws {
        var state = try sampleState()
        state.view = DeskView(day: today)
        let canvas = Screen.render(state)
        #expect(canvas.text.contains("No practices yet. Import a directory:"))
        #expect(canvas.text.contains("downtime-desk import directory FILE.csv"))
    }

    @Test func controlCharactersInNamesNeverReachTheScreenRaw() throws {
        var state = try sampleState(width: 120, height: 30)
        state.view.incoming[0].patient.name = "Eve\u{1B}[2J\u{07}Evil"
        let canvas = Screen.render(state)
        #expect(!canvas.cells.contains { $0.character.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 } })
        #expect(canvas.text.contains("Eve·[2J·Evil"))
    }

    @Test func wideCharactersTakeTwoColumnsAndAreClipped() {
        var canvas = Canvas(width: 6, height: 1)
        let used = canvas.write("日本語です", x: 0, y: 0, role: .ui)
        #expect(used == 6)
        #expect(canvas.line(0) == "日本語")
        canvas.write("abcdefgh", x: 4, y: 0, role: .ui)
        #expect(canvas.line(0) == "日本ab")
    }
}

@Suite struct ScreenTests {
    @Test func fullScreenAt80x24HasEveryPaneAndTheStatusLine() throws {
        let canvas = Screen.render(try sampleState())
        let lines = canvas.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 24)
        #expect(lines[0].contains("central system UP"))
        #expect(lines[1].contains("1 Marsh Lane Dental · Sat 21 Nov") && lines[1].contains("2 Incoming bookings"))
        #expect(canvas.text.contains("3 Call-sheet"))
        #expect(lines[23] == " ann @ Marsh Lane Dental (practice)             Tab next pane · ? help · q quit")
    }

    @Test("below 80×24 the too-small screen shows, at any size down to 1×1", arguments: [(79, 24), (80, 23), (60, 15), (1, 1), (0, 0)])
    func tooSmall(_ width: Int, _ height: Int) throws {
        let canvas = Screen.render(try sampleState(width: width, height: height))
        #expect(canvas.width == width && canvas.height == height)
        if width >= 60 { #expect(canvas.text.contains("terminal too small: need 80×24, have \(width)×\(height)")) }
    }

    @Test func helpOverlayListsEveryBindingFromTheCommandTable() throws {
        var state = try sampleState(width: 100, height: 40)
        _ = Reducer.reduce(&state, .key(.char("?")))
        let text = Screen.render(state).text
        #expect(text.contains("Key bindings (keymap: test)"))
        for row in testKeymap.helpRows() { #expect(text.contains(row.command.help), "\(row.command.name)") }
        _ = Reducer.reduce(&state, .key(.escape))
        #expect(!Screen.render(state).text.contains("Key bindings"))
    }
}

@Suite struct ReducerTests {
    @Test func tabCyclesFocusBothWays() throws {
        var state = try sampleState()
        _ = Reducer.reduce(&state, .key(.tab))
        #expect(state.focus == .incoming)
        _ = Reducer.reduce(&state, .key(.tab))
        _ = Reducer.reduce(&state, .key(.tab))
        #expect(state.focus == .slots)
        _ = Reducer.reduce(&state, .key(.backTab))
        #expect(state.focus == .callsheet)
    }

    @Test func atMidnightADeskShowingTodayMovesToTheNewDay() throws {
        var state = try sampleState()
        let today = LocalDate(fixedNow, in: london)
        #expect(state.view.day == today)
        #expect(Reducer.reduce(&state, .tick(fixedNow.addingTimeInterval(60))).isEmpty, "the same day asks for nothing")
        let afterMidnight = Instant.parse("2026-11-22T00:00:30Z", zone: london)!
        #expect(Reducer.reduce(&state, .tick(afterMidnight)) == [.reload(practiceID: state.view.practice?.id, day: today.adding(days: 1))])
        var elsewhere = try sampleState()
        elsewhere.view.day = today.adding(days: 3)
        #expect(Reducer.reduce(&elsewhere, .tick(afterMidnight)).isEmpty, "a desk looking at another day stays there")
    }

    @Test func aFailedReadMarksTheScreenStaleUntilTheNextGoodRead() throws {
        var state = try sampleState()
        let view = state.view
        #expect(!Screen.render(state).line(23).contains("NOT UPDATING"))
        _ = Reducer.reduce(&state, .readFailed("SQLite error 5: database is locked"))
        _ = Reducer.reduce(&state, .tick(fixedNow.addingTimeInterval(120)))
        _ = Reducer.reduce(&state, .readFailed("SQLite error 10: disk I/O error"))
        let status = Screen.render(state).line(23)
        #expect(status.hasPrefix(" ⚠ NOT UPDATING since 10:05: what you see may be out of date. SQLite error 10"),
                "the time is that of the first failure, the reason the latest")
        #expect(Screen.render(state)[1, 23].role == .error)
        #expect(state.view == view, "what was read last stays on screen, marked stale")
        _ = Reducer.reduce(&state, .loaded(view))
        #expect(state.readFailure == nil && !Screen.render(state).line(23).contains("NOT UPDATING"))
    }

    @Test func theStatusLineSaysWhereTheSiteStandsWithTheHub() throws {
        var state = try sampleState()
        #expect(!Screen.render(state).line(23).contains("hub:"), "no hub configured, nothing said")
        _ = Reducer.reduce(&state, .hubChanged(.upToDate(at: fixedNow.addingTimeInterval(-180), notApplied: 0)))
        let inStep = Screen.render(state)
        #expect(inStep.line(23) == " ann @ Marsh Lane Dental (practice)  hub: up to date 10:02",
                "the standing key hints give way, as they do to a message: \(inStep.line(23))")
        #expect(inStep[40, 23].role == .status)
        _ = Reducer.reduce(&state, .hubChanged(.offline(since: fixedNow, waiting: 3, why: "connection refused")))
        let offline = Screen.render(state)
        #expect(offline.line(23) == " ann @ Marsh Lane Dental  hub: OFFLINE since 10:05 · 3 changes waiting",
                "at 80 columns the role gives way to the hub: \(offline.line(23))")
        #expect(offline[40, 23].role == .error, "a site out of step is shown as trouble")
        _ = Reducer.reduce(&state, .hubChanged(.upToDate(at: fixedNow, notApplied: 1)))
        #expect(Screen.render(state).line(23).contains("hub: up to date 10:05 · 1 not applied (sync status)"))
        state.actor.site = "The Dental Wellbeing Centre"
        _ = Reducer.reduce(&state, .hubChanged(.offline(since: fixedNow, waiting: 3, why: "connection refused")))
        #expect(Screen.render(state).line(23)
                    == " ann @ The Dental Wellbeing Centre  hub: OFFLINE since 10:05 · 3 waiting",
                "a long site name: the short form, still whole")
    }

    @Test func selectionStaysInsideThePane() throws {
        var state = try sampleState()
        _ = Reducer.reduce(&state, .key(.up))
        #expect(state.selected(.slots) == 0)
        _ = Reducer.reduce(&state, .key(.pageDown))
        #expect(state.selected(.slots) == 3)
        _ = Reducer.reduce(&state, .key(.down))
        #expect(state.selected(.slots) == 3)
    }

    @Test func quitAsksOnlyWhenSomethingIsUnsaved() throws {
        var state = try sampleState()
        #expect(Reducer.reduce(&state, .key(.char("q"))) == [.quit])
        state.form = BookingForm(practiceID: UUID(), practiceName: "P", day: today, start: TimeOfDay(parsing: "09:30")!)
        state.form?.draft.patientName = "Half typed"
        #expect(state.hasUnsavedWork)
        state.keymap = Keymap.withOverlayKeys(name: "q", bindings: [.global: [.char("q"): "quit"]])
        state.form = nil
        #expect(Reducer.run("quit", &state) == [.quit], "nothing typed, nothing to ask")
        state.form = BookingForm(practiceID: UUID(), practiceName: "P", day: today, start: TimeOfDay(parsing: "09:30")!)
        state.form?.draft.patientName = "Half typed"
        #expect(Reducer.run("quit", &state).isEmpty)
        #expect(state.overlay == .confirmQuit)
        #expect(Screen.render(state).text.contains("Quit with unsaved work?"))
        #expect(Reducer.reduce(&state, .key(.char("n"))).isEmpty)
        #expect(state.overlay == nil)
        _ = Reducer.run("quit", &state)
        #expect(Reducer.reduce(&state, .key(.char("y"))) == [.quit])
    }

    @Test func unboundKeysSaySoOnTheStatusLine() throws {
        var state = try sampleState()
        _ = Reducer.reduce(&state, .key(.char("z")))
        #expect(Screen.render(state).line(23).contains("z is not bound here; ? lists the keys"))
    }

    @Test func nextPracticeAsksForAReload() throws {
        var state = try sampleState()
        let effects = Reducer.reduce(&state, .key(.char("]")))
        #expect(effects == [.reload(practiceID: state.view.practices[0].id, day: today)])
    }
}

@Suite struct ReceptionKeyTests {
    let keymap = Keymap.withOverlayKeys(name: "k", bindings: [
        .global: [.char("n"): "next-day", .char("p"): "prev-day", .char("t"): "go-today", .down: "move-down", .tab: "focus-next"],
        .pane(.slots): [.char("a"): "mark-arrived", .char("c"): "mark-completed", .char("d"): "mark-dna"],
        .pane(.incoming): [.char("s"): "mark-seen", .char("S"): "mark-all-seen"],
    ])

    func state() throws -> AppState {
        var state = try sampleState()
        state.keymap = keymap
        return state
    }

    @Test func dayKeysAskForTheRightDay() throws {
        var state = try state()
        #expect(Reducer.reduce(&state, .key(.char("n"))) == [.reload(practiceID: state.view.practice?.id, day: today.adding(days: 1))])
        #expect(Reducer.reduce(&state, .key(.char("p"))) == [.reload(practiceID: state.view.practice?.id, day: today.adding(days: -1))])
        state.view.day = today.adding(days: 5)
        #expect(Reducer.reduce(&state, .key(.char("t"))) == [.reload(practiceID: state.view.practice?.id, day: today)])
        // A day switch may keep the directory it has; the refresh key asks for everything afresh.
        #expect(Reducer.run("refresh", &state) == [.refresh])
    }

    @Test func lifecycleKeysActOnTheSelectedSlotsBooking() throws {
        var state = try state()
        let ann = state.view.slots[0].bookings[0]
        #expect(Reducer.reduce(&state, .key(.char("a"))) == [.setStatus(bookingID: ann.id, status: .arrived, reason: nil)])
        #expect(Reducer.reduce(&state, .key(.char("c"))).isEmpty, "booked cannot jump to completed")
        #expect(state.message == "A booking that is booked cannot be marked completed.")
        _ = Reducer.reduce(&state, .key(.down))
        #expect(Reducer.reduce(&state, .key(.char("a"))).isEmpty)
        #expect(state.message == "No booking in the 09:30 slot.")
        _ = Reducer.reduce(&state, .key(.down))
        #expect(Reducer.reduce(&state, .key(.char("d"))).isEmpty, "a conflict is resolved first")
    }

    @Test func seenKeysMarkNewBookings() throws {
        var state = try state()
        _ = Reducer.reduce(&state, .key(.tab))
        let newest = state.view.incoming[0]
        #expect(Reducer.reduce(&state, .key(.char("s"))) == [.markSeen([newest.id])])
        #expect(Reducer.reduce(&state, .key(.char("S"))) == [.markSeen(state.view.incoming.filter { $0.seenAt == nil }.map(\.id))])
    }
}


@Suite struct BookingFormTests {
    func openForm() throws -> AppState {
        var state = try sampleState(width: 100, height: 30)
        state.keymap = Keymap.withOverlayKeys(name: "k", bindings: [.pane(.slots): [.enter: "book"],
                                                                    .global: [.down: "move-down"]])
        _ = Reducer.reduce(&state, .key(.down))
        _ = Reducer.reduce(&state, .key(.enter))
        return state
    }

    func type(_ text: String, _ state: inout AppState) -> [Effect] {
        text.flatMap { Reducer.reduce(&state, .key($0 == " " ? .space : .char($0))) }
    }

    /// Each way a phone number can be wrong is said whole under the field on an 80×24 screen: the refusal of a
    /// number that dials abroad was first written too long and cut off mid-word there.
    @Test(arguments: ["0163x960123", "016329", "+1 555 0100 123", "0033 1 23 45 67 89"])
    func aPhoneNumbersProblemFitsUnderItsFieldOnAnEightyColumnScreen(_ phone: String) throws {
        var state = try sampleState(width: 80, height: 24)
        state.keymap = Keymap.withOverlayKeys(name: "k", bindings: [.pane(.slots): [.enter: "book"],
                                                                    .global: [.down: "move-down"]])
        _ = Reducer.reduce(&state, .key(.down))
        _ = Reducer.reduce(&state, .key(.enter))
        _ = type("Nia New", &state)
        _ = Reducer.reduce(&state, .key(.tab))
        _ = type(phone, &state)
        _ = Reducer.reduce(&state, .key(.tab))
        let problem = try #require(Result { try PhoneNumber(parsing: phone) }.failure)
        let screen = Screen.render(state).text
        #expect(screen.contains("✗ \(problem)"), "\(screen)")
    }

    @Test func enterOnAFreeSlotOpensTheFormForThatSlot() throws {
        let state = try openForm()
        #expect(state.form?.start.description == "09:30")
        #expect(Screen.render(state).text.contains("Book 09:30 Sat 21 Nov 2026 · Marsh Lane Dental"))
    }

    @Test func typingSavesADraftAndEnterBooksWhenValid() throws {
        var state = try openForm()
        let effects = type("Zed", &state)
        #expect(effects.count == 3)
        guard case .saveDraft(let form)? = effects.last else { Issue.record("expected a draft save"); return }
        #expect(form.draft.patientName == "Zed")
        #expect(Reducer.reduce(&state, .key(.enter)).isEmpty, "the phone is missing")
        #expect(Screen.render(state).text.contains("✗ phone number is empty"))
        _ = Reducer.reduce(&state, .key(.tab))
        _ = type("07700900123", &state)
        let saved = Reducer.reduce(&state, .key(.enter))
        #expect(saved == [.book(state.form!, overbook: false)])
    }

    @Test func problemsShowOnlyForFieldsAlreadyLeft() throws {
        var state = try openForm()
        #expect(!Screen.render(state).text.contains("✗"))
        _ = Reducer.reduce(&state, .key(.tab))
        #expect(Screen.render(state).text.contains("✗ patient name is required"))
    }

    @Test func escapeAsksBeforeDiscardingTypedInput() throws {
        var state = try openForm()
        _ = type("Zed", &state)
        #expect(Reducer.reduce(&state, .key(.escape)).isEmpty)
        #expect(state.form?.question == .abandon)
        #expect(Screen.render(state).text.contains("Discard what you typed?"))
        _ = Reducer.reduce(&state, .key(.char("n")))
        #expect(state.form?.draft.patientName == "Zed", "any other key goes back, nothing lost")
        _ = Reducer.reduce(&state, .key(.escape))
        #expect(Reducer.reduce(&state, .key(.char("y"))) == [.clearDraft])
        #expect(state.form == nil)
    }

    @Test func choiceFieldsCycleAndTextFieldsIgnoreNothingTyped() throws {
        var state = try openForm()
        for _ in 0..<4 { _ = Reducer.reduce(&state, .key(.tab)) }
        #expect(state.form?.field == .triage)
        _ = Reducer.reduce(&state, .key(.right))
        #expect(state.form?.draft.triage == "routine")
        _ = Reducer.reduce(&state, .key(.char("x")))
        #expect(state.form?.draft.triage == "routine", "a choice is chosen, not typed")
    }

    @Test func aLeftoverDraftIsOfferedAndRestored() throws {
        var state = try sampleState()
        var form = BookingForm(practiceID: UUID(), practiceName: "P", day: today, start: TimeOfDay(parsing: "10:30")!)
        form.draft.patientName = "Left Behind"
        state.overlay = .offerDraft(form)
        #expect(Screen.render(state).text.contains("A booking for Left Behind at 10:30"))
        _ = Reducer.reduce(&state, .key(.char("y")))
        #expect(state.form?.draft.patientName == "Left Behind")
    }

    @Test func onlyAnExplicitNDiscardsALeftoverDraft() throws {
        var state = try sampleState()
        var form = BookingForm(practiceID: UUID(), practiceName: "P", day: today, start: TimeOfDay(parsing: "10:30")!)
        form.draft.patientName = "Left Behind"
        state.overlay = .offerDraft(form)
        #expect(Reducer.reduce(&state, .key(.char("q"))).isEmpty, "a stray key neither discards nor quits")
        #expect(state.overlay == .offerDraft(form))
        #expect(Reducer.reduce(&state, .key(.enter)).isEmpty)
        #expect(state.form?.draft.patientName == "Left Behind", "Enter restores")
        state.form = nil
        state.overlay = .offerDraft(form)
        #expect(Reducer.reduce(&state, .key(.char("n"))) == [.clearDraft])
        #expect(state.overlay == nil && state.form == nil && state.message == "Draft discarded.")
    }
}

@Suite struct CapacityAndBannerTests {
    @Test func theCapacityBoardReplacesTheGridOffPractice() throws {
        var state = try sampleState()
        state.actor = Actor(user: "nia", terminal: "pts/6", site: "Shoreline 111", role: .nhs111)
        let full = Organisation(name: "Full Dental", kind: .practice, phones: [try PhoneNumber(parsing: "01632 960120")])
        state.view.capacity = [CapacityRow(practice: state.view.practices[0], freeUrgent: [TimeOfDay(parsing: "10:30")!], totalSlots: 4),
                               CapacityRow(practice: full, freeUrgent: [], totalSlots: 4)]
        let text = Screen.render(state).text
        #expect(text.contains("Capacity board · Sat 21 Nov 2026"))
        #expect(text.contains("1 of 2 practices have a free urgent slot."))
        #expect(text.contains("Marsh Lane Dental 01632 960101 1 free"),
                "the name whole, the words after it shortened: \(text)")
        #expect(text.contains("01632 960120 FULL"))
        state.keymap = Keymap.withOverlayKeys(name: "k", bindings: [.pane(.slots): [.enter: "book"]])
        #expect(Reducer.reduce(&state, .key(.enter)).isEmpty)
        #expect(state.form == nil)
        #expect(state.message?.contains("capacity board") == true)
    }

    @Test func capacityRowsCountOnlyFreeUrgentSlotsNotYetStartedAndPutRoomFirst() throws {
        let practice = Organisation(name: "A", kind: .practice)
        let slots = ["09:00", "09:30", "10:00"].map { Slot(practiceID: practice.id, day: today, start: TimeOfDay(parsing: $0)!, minutes: 30) }
        var blocked = slots[2]; blocked.blockedReason = "off"
        let rows = [SlotRow(slot: slots[0], bookings: []), SlotRow(slot: slots[1], bookings: []), SlotRow(slot: blocked, bookings: [])]
        #expect(CapacityRow.build(practice: practice, rows: rows, notBefore: TimeOfDay(parsing: "09:15")).freeUrgent.map(\.description) == ["09:30"])
        #expect(CapacityRow.build(practice: practice, rows: rows, notBefore: nil).freeUrgent.count == 2)
        let later = CapacityRow(practice: Organisation(name: "B", kind: .practice), freeUrgent: [TimeOfDay(parsing: "11:00")!], totalSlots: 1)
        let sooner = CapacityRow(practice: Organisation(name: "C", kind: .practice), freeUrgent: [TimeOfDay(parsing: "09:00")!], totalSlots: 1)
        let full = CapacityRow(practice: Organisation(name: "A", kind: .practice), freeUrgent: [], totalSlots: 1)
        #expect(CapacityRow.sorted([full, later, sooner]).map(\.practice.name) == ["C", "B", "A"])
    }

    @Test func longOutageInstructionsWrapInsteadOfBeingCut() throws {
        var state = try sampleState()
        state.view.activeOutage = Outage(system: "Dental RMS", since: fixedNow, reason: "Hosting fault", declaredAt: fixedNow, declaredBy: "host")
        let lines = Screen.render(state).text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[2].hasPrefix(" Instead: Stop direct booking through the central system."))
        #expect(lines[3].contains("Record every appointment locally. Reason: Hosting fault"))
    }
}

@Suite struct ReasonPromptTests {
    @Test func cancellingAsksForAReasonFirst() throws {
        var state = try sampleState()
        state.keymap = Keymap.withOverlayKeys(name: "k", bindings: [
            .pane(.slots): [.char("x"): "cancel-booking", .char("E"): "mark-error"],
        ])
        let ann = state.view.slots[0].bookings[0]
        #expect(Reducer.reduce(&state, .key(.char("x"))).isEmpty)
        #expect(Screen.render(state).text.contains("Why are you cancelling Ann Demo's 09:00 booking?"))
        #expect(Reducer.reduce(&state, .key(.enter)).isEmpty)
        #expect(state.message == "Reason is required.")
        for c in "rang" { _ = Reducer.reduce(&state, .key(.char(c))) }
        _ = Reducer.reduce(&state, .key(.space))
        for c in "back" { _ = Reducer.reduce(&state, .key(.char(c))) }
        #expect(Reducer.reduce(&state, .key(.enter)) == [.setStatus(bookingID: ann.id, status: .cancelled, reason: "rang back")])
        #expect(state.overlay == nil)
        _ = Reducer.reduce(&state, .key(.char("E")))
        _ = Reducer.reduce(&state, .key(.escape))
        #expect(state.overlay == nil && state.message == "Nothing changed.")
    }
}

@Suite struct MoveAndDateTests {
    let keymap = Keymap.withOverlayKeys(name: "k", bindings: [
        .global: [.down: "move-down", .escape: "cancel", .char("g"): "go-to-date"],
        .pane(.slots): [.enter: "book", .char("M"): "move-booking"],
    ])

    @Test func aBookingIsPickedUpAndPutInTheChosenSlot() throws {
        var state = try sampleState()
        state.keymap = keymap
        let ann = state.view.slots[0].bookings[0]
        _ = Reducer.reduce(&state, .key(.char("M")))
        #expect(state.moving?.id == ann.id)
        #expect(state.message?.hasPrefix("Moving Ann Demo") == true)
        _ = Reducer.reduce(&state, .key(.down))
        #expect(Reducer.reduce(&state, .key(.enter)) == [.move(bookingID: ann.id, day: today, start: TimeOfDay(parsing: "09:30")!)])
        #expect(state.moving == nil && state.form == nil, "Enter moved the booking instead of opening the form")
        _ = Reducer.reduce(&state, .key(.char("M")))
        #expect(state.moving == nil, "the 09:30 slot is empty, nothing to pick up")
    }

    @Test func escapeAbandonsAMove() throws {
        var state = try sampleState()
        state.keymap = keymap
        _ = Reducer.reduce(&state, .key(.char("M")))
        _ = Reducer.reduce(&state, .key(.escape))
        #expect(state.moving == nil)
        #expect(state.message == "Move abandoned; the booking stays where it was.")
    }

    @Test func goToDateAcceptsBothFormsAndRefusesNonsense() throws {
        var state = try sampleState()
        state.keymap = keymap
        _ = Reducer.reduce(&state, .key(.char("g")))
        for c in "31/12/2026" { _ = Reducer.reduce(&state, .key(.char(c))) }
        #expect(Reducer.reduce(&state, .key(.enter)) == [.reload(practiceID: state.view.practice?.id, day: LocalDate(iso: "2026-12-31")!)])
        _ = Reducer.reduce(&state, .key(.char("g")))
        for c in "soon" { _ = Reducer.reduce(&state, .key(.char(c))) }
        #expect(Reducer.reduce(&state, .key(.enter)).isEmpty)
        #expect(state.message == "'soon' is not a date: YYYY-MM-DD or DD/MM/YYYY.")
        #expect(state.overlay != nil, "the prompt stays open to correct it")
    }
}

/// The help at 80×24 used to show ten lines a page: it now uses the whole body, narrows to what is typed after `/`,
/// and Tab jumps from section to section.
@Suite struct HelpOverlayTests {
    static func defaultKeymap() throws -> Keymap {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try KeymapLoader.load(name: "default", bundled: root.appendingPathComponent("Keymaps"), user: nil).0
    }

    @Test func theHelpFillsTheBodyFindsWordsAndJumpsBySection() throws {
        var state = try sampleState()
        state.keymap = try Self.defaultKeymap()
        _ = Reducer.reduce(&state, .key(.char("?")))
        var screen = Screen.render(state)
        #expect(screen.line(1).hasPrefix("┌─ Key bindings (keymap: default) ─")
                && screen.line(1).hasSuffix("┐"))
        #expect((2..<21).map(screen.line).filter { $0.hasPrefix("│   ") }.count >= 17,
                "a page holds the body's height of bindings: \(screen.text)")
        #expect(screen.line(21).contains("Tab next section · / finds · Esc, ? or q closes"), "\(screen.line(21))")
        _ = Reducer.reduce(&state, .key(.tab))
        screen = Screen.render(state)
        #expect(screen.line(2) == "│ In the slot grid" + String(repeating: " ", count: 61) + "│",
                "\(screen.line(2))")
        _ = Reducer.reduce(&state, .key(.backTab))
        #expect(Screen.render(state).line(2).hasPrefix("│ Everywhere"))
        for key: Key in [.char("/"), .char("d"), .char("n"), .char("a")] { _ = Reducer.reduce(&state, .key(key)) }
        _ = Reducer.reduce(&state, .key(.enter))
        screen = Screen.render(state)
        #expect(screen.text.contains("In the slot grid") && screen.text.contains("did not attend"), "\(screen.text)")
        #expect(!screen.text.contains("Quit (asks first"), "narrowed to 'dna'")
        #expect(screen.text.contains("showing 'dna' (Esc shows all)"))
        _ = Reducer.reduce(&state, .key(.escape))
        #expect(Screen.render(state).text.contains("Quit (asks first"), "Esc shows all again")
        _ = Reducer.reduce(&state, .key(.escape))
        #expect(state.overlay == nil, "and then closes")
    }

    @Test func longWordsWrapUnderThemselvesInsteadOfBeingCut() throws {
        var state = try sampleState()
        state.keymap = try Self.defaultKeymap()
        _ = Reducer.reduce(&state, .key(.char("?")))
        _ = Reducer.reduce(&state, .key(.tab))
        let text = Screen.render(state).text
        let moveLine = "│   M                Pick up the selected booking to move it; Enter on the new │"
        #expect(text.contains(moveLine), "\(text)")
        #expect(text.contains("│                    slot puts it there"), "\(text)")
    }
}

private extension Result {
    var failure: Failure? { if case .failure(let failure) = self { failure } else { nil } }
}
