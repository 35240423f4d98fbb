import Foundation
import Testing
import DeskCore
import DeskConfig
@testable import DeskUI

/// The chain on screen: the banner's round line, the call-sheet during a round, the forms, and who may do what.
@Suite struct OutageChainScreenTests {
    /// An outage since 09:35 with its round made at 09:40 (deadline 10:00), so at 10:05 the silent are overdue.
    func outageState(role: TerminalRole = .practice, site: String = "Marsh Lane Dental") throws -> AppState {
        var state = try sampleState()
        state.actor = Actor(user: "ann", terminal: "pts/1", site: site, role: role)
        state.keymap = Keymap.withOverlayKeys(name: "t", bindings: [
            .global: [.char("A"): "acknowledge", .char("D"): "declare-outage", .char("R"): "restore-outage",
                      .tab: "focus-next", .escape: "cancel"],
            .pane(.callsheet): [.enter: "log-call"],
        ])
        let outage = Outage(system: "Dental RMS", since: fixedNow.addingTimeInterval(-1800), declaredAt: fixedNow.addingTimeInterval(-1500), declaredBy: "host")
        let notice = Notice(outageID: outage.id, kind: .outage, createdAt: fixedNow.addingTimeInterval(-1500), deadline: fixedNow.addingTimeInterval(-300),
                            reference: "DD-7F3A2C")
        state.view.activeOutage = outage
        state.view.latestOutage = outage
        state.view.round = NoticeRound(notice: notice, outage: outage, parties: state.view.callSheet.map(\.organisation), acknowledgments: [], calls: [])
        return state
    }

    @Test("a window too small for the desk still says the system is down, in words on its top line", arguments: [(79, 24), (40, 10), (20, 3)])
    func aTooSmallWindowStillSaysTheSystemIsDown(_ width: Int, _ height: Int) throws {
        var state = try outageState()
        state.width = width; state.height = height
        let canvas = Screen.render(state)
        #expect(canvas.line(0).hasPrefix(String(" ⚠ OUTAGE: Dental RMS DOWN since 09:35".prefix(width))))
        #expect(canvas[width - 1, 0].role == .bannerOutage, "the whole top line is the outage banner")
        if width >= 60 { #expect(canvas.text.contains("terminal too small")) }
        state.view.activeOutage = nil
        #expect(!Screen.render(state).text.contains("OUTAGE"), "in normal times the too-small screen says only what it must")
    }

    @Test func theBannerShowsTheRoundAndWhatThisSiteOwes() throws {
        var state = try outageState()
        state.view.outboxWaiting = 2
        var canvas = Canvas(width: 80, height: 4)
        BannerPane.render(state, into: &canvas, at: Rect(x: 0, y: 0, width: 80, height: 4))
        #expect(canvas.line(0).hasPrefix(" ⚠ OUTAGE ⚠  Dental RMS is DOWN since 09:35 (30m)"))
        #expect(canvas.line(1) == " Outage notice DD-7F3A2C: acks 0/2 (2 overdue) · press A to ACKNOWLEDGE · 2 emai",
                "at 80 columns the mail's state gives way to what this terminal owes")
        let marsh = state.view.callSheet[0].organisation
        state.view.round!.acknowledgments[marsh.id] = Acknowledgment(noticeID: state.view.round!.notice.id, organisationID: marsh.id, via: .app,
                                                                      at: fixedNow.addingTimeInterval(-60), by: "ann")
        state.view.outboxWaiting = 0; state.view.outboxFailed = 0
        BannerPane.render(state, into: &canvas, at: Rect(x: 0, y: 0, width: 80, height: 4))
        #expect(canvas.line(1).trimmingCharacters(in: .whitespaces) == "Outage notice DD-7F3A2C: acks 1/2 (1 overdue) · you acknowledged 10:04")
    }

    @Test func afterRestorationTheBannerShowsTheRestorationRound() throws {
        var state = try outageState()
        var outage = state.view.activeOutage!
        outage.restoredAt = fixedNow.addingTimeInterval(-600)
        state.view.activeOutage = nil
        state.view.latestOutage = outage
        state.view.round = NoticeRound(notice: Notice(outageID: outage.id, kind: .restoration, createdAt: fixedNow.addingTimeInterval(-600), reference: "DD-00BEEF"),
                                       outage: outage, parties: state.view.callSheet.map(\.organisation), acknowledgments: [], calls: [])
        state.view.backEntryRemaining = 3
        #expect(BannerPane.lines(for: state) == 2)
        var canvas = Canvas(width: 120, height: 2)
        BannerPane.render(state, into: &canvas, at: Rect(x: 0, y: 0, width: 120, height: 2))
        #expect(canvas.line(0).hasPrefix(" RESTORED · Dental RMS back since 09:55 after 20m "))
        #expect(canvas.line(1).hasPrefix(" Restoration notice DD-00BEEF: acks 0/2 · press A to ACKNOWLEDGE · 3 downtime bookings still to back-enter"))
        #expect(canvas[0, 0].role == .bannerRestored)
    }

    @Test func theCallSheetListsTheSilentMostOverdueFirstWithTheirCalls() throws {
        var state = try outageState(role: .commissioner, site: "Coastal")
        let ed = state.view.callSheet[1].organisation
        state.view.round!.calls = [CallAttempt(noticeID: state.view.round!.notice.id, organisationID: ed.id, number: try PhoneNumber(parsing: "01632 960031"),
                                               outcome: .noAnswer, at: fixedNow.addingTimeInterval(-120), by: "m", nextCallAt: fixedNow.addingTimeInterval(780))]
        state.view.callSheet[1].wrongNumbers = [try PhoneNumber(parsing: "01632 960031")]
        state.view.callSheet[0].emails = [try EmailAddress(parsing: "marsh@example.org")]
        var canvas = Canvas(width: 44, height: 9)
        state.focus = .callsheet
        CallSheetPane.render(state, into: &canvas, at: Rect(x: 0, y: 0, width: 44, height: 9))
        #expect(text(canvas, Rect(x: 0, y: 0, width: 44, height: 9)) == """
        ┌─ ▶ 3 Call-sheet · 2 to call ─────────────┐
        │OVERDUE 5m Marsh Lane Dental      Practice│
        │  01632 960101  main                      │
        │  email marsh@example.org                 │
        │call 10:18 Northgate ED     Emergency Dept│
        │  01632 960031  ✗ WRONG NUMBER Amara Exam…│
        │  1 call, last 10:03 no answer            │
        │                                          │
        └──────────────────────────────────────────┘
        """)
        #expect(canvas[1, 1].role == .selection, "the selected party's first line")
        #expect(canvas[1, 4].role == .callsheetParty && canvas[1, 5].role == .error)
    }

    /// The pane writes out only the parties on screen; scrolled far down a long list, it must still show the
    /// selected party whole, with the parties before it above. It scrolls by party: the top line is a party's name,
    /// never its numbers without it (the trial saw "01632 960299 main" at the top, with no party).
    @Test func aLongCallSheetScrollsToShowTheSelectedPartyWhole() throws {
        var state = try sampleState()
        state.view.callSheet = try (0..<400).map { i in
            let party = Organisation(name: "Party \(i)", kind: .practice,
                                     phones: [try PhoneNumber(parsing: "01632 96\(String(format: "%04d", i))")])
            let contact = Contact(organisationID: party.id, name: "Lead \(i)", phones: [try PhoneNumber(parsing: "01632 97\(String(format: "%04d", i))")])
            return CallSheetRow.build(organisation: party, contacts: i % 2 == 0 ? [contact] : [])
        }
        state.focus = .callsheet
        state.selection[.callsheet] = 301
        var canvas = Canvas(width: 40, height: 8)
        CallSheetPane.render(state, into: &canvas, at: Rect(x: 0, y: 0, width: 40, height: 8))
        #expect(text(canvas, Rect(x: 1, y: 1, width: 38, height: 6)) == """
        Party 300                     Practice
          01632 960300  main
          01632 970300  Lead 300
        Party 301                     Practice
          01632 960301  main
        Party 302                     Practice
        """)
        #expect(canvas[1, 4].role == .selection && canvas[1, 3].role != .selection, "the selected party's name line")
        state.selection[.callsheet] = 0
        canvas = Canvas(width: 40, height: 8)
        CallSheetPane.render(state, into: &canvas, at: Rect(x: 0, y: 0, width: 40, height: 8))
        #expect(text(canvas, Rect(x: 1, y: 1, width: 38, height: 1)) == "Party 0                       Practice")
        #expect(canvas[1, 1].role == .selection)
    }

    @Test func onlyTheHostDeclaresAndTheDeclarationIsConfirmedFirst() throws {
        var state = try outageState()
        state.view.activeOutage = nil; state.view.round = nil
        _ = Reducer.reduce(&state, .key(.char("D")))
        // The permission table's words (was "…; this is a practice terminal.").
        #expect(state.overlay == nil && state.message == "Only the service host declares an outage.")
        // A terminal's role is its site's: the host's terminal is the host's site.
        state.actor = Actor(user: "ann", terminal: "pts/1", site: "Referral Systems Hosting", role: .host)
        _ = Reducer.reduce(&state, .key(.char("D")))
        guard case .prompt(let form)? = state.overlay else { Issue.record("no form"); return }
        #expect(form.value("System") == "Dental RMS" && form.value("Down since") == "10:05" && form.value("Instead") == Outage.defaultInstructions)
        // Backdate to 09:40: clear the time and type it.
        _ = Reducer.reduce(&state, .key(.tab))
        _ = Reducer.reduce(&state, .key(.ctrl("u")))
        for c in "09:40" { _ = Reducer.reduce(&state, .key(.char(c))) }
        #expect(Reducer.reduce(&state, .key(.enter)).isEmpty, "Enter asks first")
        guard case .confirm(let question, let effect)? = state.overlay else { Issue.record("no confirmation"); return }
        #expect(question == "Declare Dental RMS DOWN since 09:40? All 2 parties are emailed and must acknowledge.")
        #expect(effect == .declareOutage(system: "Dental RMS", since: fixedNow.addingTimeInterval(-25 * 60), reason: "", instructions: Outage.defaultInstructions))
        #expect(Reducer.reduce(&state, .key(.char("y"))) == [effect])
    }

    @Test func aDeclarationInTheFutureOrWithoutASystemIsRefusedInTheForm() throws {
        var state = try outageState(role: .host, site: "Host")
        _ = Reducer.reduce(&state, .key(.char("D")))
        _ = Reducer.reduce(&state, .key(.tab))
        _ = Reducer.reduce(&state, .key(.ctrl("u")))
        for c in "23:00" { _ = Reducer.reduce(&state, .key(.char(c))) }
        _ = Reducer.reduce(&state, .key(.enter))
        guard case .prompt(let form)? = state.overlay else { Issue.record("the form closed"); return }
        #expect(form.problem == "Down since cannot be later than now.")
        var canvas = Screen.render(state)
        #expect(canvas.text.contains("✗ Down since cannot be later than now."))
        _ = Reducer.reduce(&state, .key(.escape))
        #expect(state.overlay == nil && state.message == "Nothing changed.")
        canvas = Screen.render(state)
        #expect(!canvas.text.contains("Declare an outage"))
    }

    @Test func aPracticeAcknowledgesForItselfOnceAndACallIsLoggedFromTheForm() throws {
        var state = try outageState()
        let marsh = state.view.callSheet[0].organisation
        #expect(Reducer.reduce(&state, .key(.char("A"))) == [.acknowledge(organisationID: marsh.id)])
        state.view.round!.acknowledgments[marsh.id] = Acknowledgment(noticeID: state.view.round!.notice.id, organisationID: marsh.id, via: .email,
                                                                      at: fixedNow, by: "x")
        #expect(Reducer.reduce(&state, .key(.char("A"))).isEmpty)
        #expect(state.message == "Marsh Lane Dental acknowledged the outage notice at 10:05 by email.")

        state.focus = .callsheet
        _ = Reducer.reduce(&state, .key(.enter))
        // The permission table's words (was "Calls are logged at the commissioner's or the host's terminal.").
        #expect(state.message == "Calls are logged by the commissioner or the service host.")
        state.actor = Actor(user: "ann", terminal: "pts/1", site: "Coastal Commissioning", role: .commissioner)
        _ = Reducer.reduce(&state, .key(.enter))
        guard case .prompt(let form)? = state.overlay else { Issue.record("no call form"); return }
        #expect(form.title == "Call to Northgate ED" && form.value("Number") == "01632 960031" && form.value("Outcome") == "acknowledged")
        _ = Reducer.reduce(&state, .key(.tab))
        _ = Reducer.reduce(&state, .key(.right))
        _ = Reducer.reduce(&state, .key(.tab))
        for c in "rang out" { _ = Reducer.reduce(&state, .key(c == " " ? .space : .char(c))) }
        let effects = Reducer.reduce(&state, .key(.enter))
        let ed = state.view.callSheet[1].organisation
        #expect(effects == [.logCall(organisationID: ed.id, number: try PhoneNumber(parsing: "01632 960031"), outcome: .noAnswer, note: "rang out")])
    }

    /// Acknowledgments and calls from other terminals reorder the sheet under the commissioner's cursor; the
    /// selection stays on the party it was on (by position, it moved to the next one and Down then skipped it).
    @Test func theSelectionStaysOnItsPartyWhenTheSheetIsReadAgain() throws {
        var state = try outageState(role: .commissioner, site: "Coastal")
        state.focus = .callsheet
        let first = state.view.callSheetRows[0].organisation, second = state.view.callSheetRows[1].organisation
        state.selection[.callsheet] = 1
        var fresh = state.view
        fresh.round!.acknowledgments[first.id] = Acknowledgment(noticeID: fresh.round!.notice.id,
                                                                 organisationID: first.id, via: .email,
                                                                 at: fixedNow, by: "reply")
        _ = Reducer.reduce(&state, .loaded(fresh))
        #expect(state.view.callSheetRows.map(\.organisation.id) == [second.id])
        #expect(state.selectedParty == second.id, "still on the party it was on")
    }

    /// After logging a call, the selection goes on to the party that was next, whether the called party left the
    /// sheet (acknowledged) or moved down it (no answer: its next call is later).
    @Test func afterACallTheSelectionGoesOnToTheNextParty() throws {
        var state = try outageState(role: .commissioner, site: "Coastal")
        state.focus = .callsheet
        let rows = state.view.callSheetRows.map(\.organisation)
        let number = try PhoneNumber(parsing: "01632 960101")
        let effect = Effect.logCall(organisationID: rows[0].id, number: number, outcome: .noAnswer, note: "")
        let attempt = CallAttempt(noticeID: state.view.round!.notice.id, organisationID: rows[0].id, number: number,
                                  outcome: .noAnswer, at: fixedNow, by: "ann",
                                  nextCallAt: fixedNow.addingTimeInterval(900))
        #expect(Reducer.reduce(&state, .finished(effect, .success(.callLogged(attempt)))).count == 1)
        var fresh = state.view
        fresh.round!.calls = [attempt]
        _ = Reducer.reduce(&state, .loaded(fresh))
        #expect(state.view.callSheetRows.map(\.organisation.id) == [rows[1].id, rows[0].id],
                "the called party moved down")
        #expect(state.selectedParty == rows[1].id && state.selected(.callsheet) == 0)
        _ = Reducer.reduce(&state, .loaded(fresh))
        #expect(state.selectedParty == rows[1].id, "only the first read after the call moves on")
    }
}

/// The declare form's "Instead" is a paragraph: wrapped whole over its lines and edited where the cursor is.
@Suite struct ParagraphFieldTests {
    @Test func theInsteadFieldWrapsAndIsEditedWhereTheCursorIs() throws {
        var state = try sampleState()
        state.actor = Actor(user: "oncall", terminal: "pts/2", site: "Referral Systems Hosting", role: .host)
        state.keymap = Keymap.withOverlayKeys(name: "t", bindings: [.global: [.char("D"): "declare-outage"]])
        _ = Reducer.reduce(&state, .key(.char("D")))
        for key: Key in [.tab, .tab, .tab, .home] { _ = Reducer.reduce(&state, .key(key)) }
        for c in "URGENT:" { _ = Reducer.reduce(&state, .key(.char(c))) }
        _ = Reducer.reduce(&state, .key(.space))
        for key: Key in [.end, .backspace, .char("!"), .left, .left, .delete] { _ = Reducer.reduce(&state, .key(key)) }
        guard case .prompt(let form)? = state.overlay else { Issue.record("no form"); return }
        #expect(form.value("Instead") == "URGENT: " + Outage.defaultInstructions.dropLast(2) + "!")
        let screen = Screen.render(state).text
        #expect(screen.contains("▶ Instead    URGENT: Stop direct booking through the central system."), "\(screen)")
        #expect(screen.contains("Give patients the practice phone number. Record every"), "\(screen)")
        #expect(screen.contains("appointment locall▏!"), "the cursor where the next key acts: \(screen)")
    }

    @Test func theCallFormTakesATypedNumberOverTheDirectorysAndStepsBackToThem() {
        var form = PromptForm(title: "Call", purpose: .declareOutage, fields: [
            .init("Number", value: "01632 960101", choices: ["01632 960101", "07700 900101"], maxLength: 20,
                  typeable: true)])
        form.handle(.right)
        #expect(form.value("Number") == "07700 900101")
        for c in "0770" { form.handle(.char(c)) }
        #expect(form.value("Number") == "0770", "typing replaces a chosen number")
        form.handle(.backspace)
        #expect(form.value("Number") == "077")
        #expect(form.paste(" 0900 111") == 0 && form.value("Number") == "077 0900 111")
        form.handle(.left)
        #expect(form.value("Number") == "07700 900101" || form.value("Number") == "01632 960101",
                "Left/Right go back to the known numbers")
    }
}
