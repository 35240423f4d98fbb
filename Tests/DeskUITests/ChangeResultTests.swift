import Foundation
import Testing
import DeskCore
import DeskConfig
@testable import DeskUI

/// What the desk does when a change comes back — decided in the reducer, so it is tested here, without a terminal
/// (before, only the tmux tests saw the overbook question, the incident view closing and the messages).
@Suite struct ChangeResultTests {
    func form(_ state: AppState, name: String = "Dee Demo") -> BookingForm {
        var form = BookingForm(practiceID: state.view.practice!.id, practiceName: "Marsh Lane Dental", day: today,
                               start: state.view.slots[2].slot.start)
        form.draft.patientName = name
        form.draft.phone = "07700 900777"
        return form
    }

    func booking(_ state: AppState, downtime: String? = nil) throws -> Booking {
        Booking(practiceID: state.view.practice!.id, slotID: nil, day: today, start: state.view.slots[2].slot.start,
                patient: Patient(name: "Dee Demo", phone: try PhoneNumber(parsing: "07700900777")), source: .phone,
                downtimeReference: downtime, createdAt: fixedNow, createdBy: "ann")
    }

    @Test func aTakenSlotAsksWhetherToOverbookAndYesAsksForTheOverbooking() throws {
        var state = try sampleState()
        let form = form(state)
        state.form = form
        let asked = Effect.book(form, overbook: false)
        guard case .success(.book(let op))? = asked.operation(in: state) else { Issue.record("no booking"); return }
        #expect(!op.overbook && op.patient.name == "Dee Demo")
        let words = "the 10:00 slot on Sat 21 Nov 2026 is already booked for Bob Demo; choose another slot, or "
            + "overbook it on purpose (it will show as a conflict)"
        #expect(Reducer.reduce(&state, .finished(asked, .failure(.slotTaken(words)))) == [])
        #expect(state.form?.question == .overbook && state.message == words)
        #expect(Reducer.reduce(&state, .key(.char("y"))) == [.book(form, overbook: true)])
    }

    /// The trial's receptionist had to discard the form and type it all again when the slot went while she typed:
    /// the question names who holds the slot in full, and c takes the same form to another slot, on any day.
    @Test func aTakenSlotOffersTheSameFormInAnotherSlotOnAnyDay() throws {
        var state = try sampleState(width: 80, height: 24)
        let form = form(state)
        state.form = form
        let words = "the 10:00 slot on Sat 21 Nov 2026 is already booked for Bob Demo-Abernethy-Featherstonehaugh and "
            + "Cat Demo; choose another slot, or overbook it on purpose (it will show as a conflict)"
        _ = Reducer.reduce(&state, .finished(.book(form, overbook: false), .failure(.slotTaken(words))))
        let asked = Screen.render(state).text
        #expect(asked.contains("booked for Bob") && asked.contains("Demo-Abernethy-Featherstonehaugh and Cat Demo;"),
                "every holder named whole: \(asked)")
        #expect(asked.contains("c chooses another slot"), "\(asked)")
        #expect(Reducer.reduce(&state, .key(.char("c"))).isEmpty)
        #expect(state.form == nil && state.formAwaitingSlot?.draft == form.draft && state.focus == .slots)
        #expect(state.message
            == "Choose another slot for Dee Demo (any day) and press Enter; Esc goes back to the form.")
        #expect(state.hasUnsavedWork, "quitting now asks first")
        // Esc puts the form back as it was.
        state.keymap = Keymap.withOverlayKeys(name: "k", bindings: [.global: [.escape: "cancel"],
                                                                    .pane(.slots): [.enter: "book"]])
        _ = Reducer.reduce(&state, .key(.escape))
        #expect(state.form?.draft == form.draft && state.form?.start == form.start && state.formAwaitingSlot == nil)
        // Again, and this time to a free slot on the next day.
        state.form?.question = .overbook
        _ = Reducer.reduce(&state, .key(.char("c")))
        let tomorrow = today.adding(days: 1)
        var next = state.view
        next.day = tomorrow
        _ = Reducer.reduce(&state, .loaded(next))
        state.selection[.slots] = 1
        let effects = Reducer.reduce(&state, .key(.enter))
        var moved = form
        moved.day = tomorrow
        moved.start = state.view.slots[1].slot.start
        #expect(effects == [.saveDraft(moved)], "the form comes back in the new slot, everything typed kept")
        #expect(state.form == moved && state.formAwaitingSlot == nil)
        #expect(state.message == "Now 09:30 Sun 22 Nov 2026: Enter saves.")
    }

    @Test func aBookingThatSavesClosesTheFormClearsTheDraftAndShowsItsDowntimeReferenceWhole() throws {
        var state = try sampleState()
        let form = form(state)
        state.form = form
        let effects = Reducer.reduce(&state, .finished(.book(form, overbook: false),
                                                       .success(.booked(try booking(state,
                                                                                    downtime: "DT-MLD-20261121-3")))))
        #expect(effects == [.clearDraft, .reload(practiceID: form.practiceID, day: today)])
        #expect(state.form == nil)
        #expect(state.message == "Booked Dee Demo at 10:00, downtime ref DT-MLD-20261121-3.")
        #expect(state.overlay == .notice(title: "Downtime booking saved for Dee Demo at 10:00.",
                                         lines: ["Write its reference on the paper record: DT-MLD-20261121-3"]))
    }

    @Test func aLockedFileKeepsTheFormAndSaysEnterTriesAgain() throws {
        var state = try sampleState()
        let form = form(state)
        state.form = form
        #expect(Reducer.reduce(&state, .finished(.book(form, overbook: false),
                                                 .failure(.busy("held since 10:04")))) == [])
        #expect(state.form == form && state.writeTrouble?.kind == .locked)
        #expect(state.message == "Not saved yet: the booking is still in the form; Enter tries again.")
    }

    @Test func aFormThatDoesNotValidateAsksForNoOperation() throws {
        let state = try sampleState()
        var bad = form(state)
        bad.draft.phone = "not a phone"
        #expect(Effect.book(bad,
                            overbook: false).operation(in: state) == .failure(.invalid("fix the fields marked ✗.")))
    }

    @Test func closingTheIncidentClosesItsViewOnlyWhenTheCloseWasMade() throws {
        var state = try sampleState()
        state.overlay = .incident(scroll: 0)
        let close = Effect.closeIncident(number: "INC-2026-0001", agreedBy: "Marcus", override: nil)
        _ = Reducer.reduce(&state, .finished(close, .failure(.refused("INC-2026-0001 cannot be closed: its outage "
                                                                       + "is still active"))))
        #expect(state.overlay == .incident(scroll: 0), "a refused close leaves the view open")
        #expect(state.message == "Not saved: INC-2026-0001 cannot be closed: its outage is still active")
        let incident = Incident(number: "INC-2026-0001", outageID: nil, openedAt: fixedNow, reporter: "oncall")
        #expect(Reducer.reduce(&state, .finished(close, .success(.incidentChanged(incident))))
                    == [.reload(practiceID: state.view.practice?.id, day: today)])
        #expect(state.overlay == nil && state.message == "INC-2026-0001 closed, agreed with Marcus.")
    }

    /// Every change the desk asks for has its message, and a refusal reads the same whatever was asked. The
    /// message is the operation's own sentence (the command line prints the same), worded from what came back.
    @Test func eachChangeSaysWhatItDidAndARefusalSaysWhyNot() throws {
        var state = try sampleState()
        let id = UUID()
        let party = Organisation(id: id, name: "Marsh Lane Dental", kind: .practice)
        let outage = Outage(system: "Dental RMS", since: fixedNow, declaredAt: fixedNow, declaredBy: "oncall")
        let notice = Notice(outageID: outage.id, kind: .outage, createdAt: fixedNow)
        let ack = Acknowledgment(noticeID: notice.id, organisationID: id, via: .app, at: fixedNow, by: "ann")
        let round = NoticeRound(notice: notice, outage: outage, parties: [party], acknowledgments: [ack], calls: [])
        let dialled = try PhoneNumber(parsing: "01632960101")
        let call = CallAttempt(noticeID: notice.id, organisationID: id, number: dialled, outcome: .busy,
                               at: fixedNow, by: "ann")
        let incident = Incident(number: "INC-2026-0001", outageID: nil, openedAt: fixedNow, reporter: "oncall")
        var severe = incident
        severe.severity = 2
        let step = Runbook.Item(kind: .step, text: "Tell the commissioner on call",
                                tick: RunbookTick(incidentID: incident.id, item: "step", at: fixedNow, by: "ann"),
                                isDue: false)
        let changed = Outcome.bookingChanged(try booking(state))
        let said: [(Effect, Outcome, String)] = [
            (.setStatus(bookingID: id, status: .arrived, reason: nil), changed, "Marked arrived."),
            (.markSeen([id, UUID()]), .seen(count: 2), "Marked 2 bookings seen."),
            (.markBackEntered(bookingID: id, centralReference: "RMS-1"), changed, "Back-entered as RMS-1."),
            (.move(bookingID: id, day: today, start: TimeOfDay(parsing: "11:00")!), changed,
             "Moved to Sat 21 Nov 2026 11:00."),
            (.declareOutage(system: "Dental RMS", since: fixedNow, reason: "", instructions: ""),
             .outageDeclared(outage, notice, queued: 1),
             "Outage of Dental RMS declared; the outage notice goes to every party."),
            (.restoreOutage(system: "Dental RMS"), .outageRestored(outage, notice, queued: 1),
             "Dental RMS restored; the restoration notice goes to every party."),
            (.acknowledge(organisationID: id), .acknowledged(ack, round, already: false),
             "Marsh Lane Dental acknowledged the outage notice at 10:05 by app."),
            (.logCall(organisationID: id, number: dialled, outcome: .busy, note: ""), .callLogged(call),
             "Call logged: busy. Next call due 10:20."),
            (.addIncidentNote(number: "INC-2026-0001", text: "x"), .incidentChanged(incident),
             "Noted on INC-2026-0001."),
            (.changeSeverity(number: "INC-2026-0001", severity: 2, reason: "x"), .incidentChanged(severe),
             "INC-2026-0001 is now severity 2, HSSI (severity 2, several sites affected)."),
            (.tickRunbook(number: "INC-2026-0001", position: 1, undo: false), .runbookTicked(step),
             "Ticked as done by ann: Tell the commissioner on call"),
            (.rearrange(itemID: id, day: today, start: TimeOfDay(parsing: "09:00")!, note: ""), .slotChanged,
             "Rearranged to Sat 21 Nov 2026 09:00; call logged."),
        ]
        for (effect, outcome, words) in said {
            #expect(effect.operation(in: state) != nil, "\(effect) asks for an operation")
            _ = Reducer.reduce(&state, .finished(effect, .success(outcome)))
            #expect(state.message == words, "\(effect)")
            _ = Reducer.reduce(&state, .finished(effect,
                                                 .failure(.refused("only the service host declares an outage"))))
            #expect(state.message == "Not saved: only the service host declares an outage", "\(effect)")
        }
        #expect(state.focus == .callsheet, "after rearranging, back to the recontact list")
    }
}
