import Foundation
import Testing
import DeskCore
import DeskConfig
@testable import DeskUI

/// Incidents, the runbook, the hand-over and recontact calls on screen.
@Suite struct ContinuityScreenTests {
    static let function = CriticalFunction(
        name: "Urgent dental booking", systems: ["Dental RMS"], responsible: "Priya Lead", deputy: "Tom Deputy", impact: .high, likelihood: .low,
        recoveryTimeframe: PlanDuration(seconds: 14_400), resources: [], dataRecovery: "Back-entry",
        runbook: ["Declare the outage", "Phone 111"],
        escalations: [Escalation(after: PlanDuration(seconds: 7200), action: "Tell the commissioner", contact: ["Tom Deputy"])])

    /// An outage since 09:35 with its incident; `elapsed` moves the clock on from the outage's start.
    func incidentState(role: TerminalRole = .host, elapsed: TimeInterval = 1800, ticks: [RunbookTick] = []) throws -> AppState {
        var state = try sampleState()
        // A terminal's role is its site's kind: a practice terminal here is Marsh Lane's.
        state.actor = Actor(user: "oncall", terminal: "pts/1",
                            site: role == .practice ? "Marsh Lane Dental" : "Referral Systems Hosting", role: role)
        state.keymap = Keymap.withOverlayKeys(name: "t", bindings: [
            .global: [.char("I"): "show-incident", .char("K"): "show-runbook", .char("H"): "show-handover",
                      .char("P"): "toggle-recontact", .escape: "cancel", .up: "move-up", .down: "move-down"],
            .pane(.callsheet): [.enter: "log-call"], .pane(.slots): [.enter: "book"],
        ])
        let since = fixedNow.addingTimeInterval(-1800)
        state.now = since.addingTimeInterval(elapsed)
        let outage = Outage(system: "Dental RMS", since: since, declaredAt: since, declaredBy: "oncall")
        state.view.activeOutage = outage
        state.view.latestOutage = outage
        var incident = Incident(number: "INC-2026-0007", outageID: outage.id, function: Self.function.name, openedAt: since, reporter: "oncall")
        incident.impact = IncidentImpact(multipleSites: true)
        let entries = [IncidentEntry(incidentID: incident.id, at: since, by: "oncall", kind: .opened, text: "Opened for the outage of Dental RMS"),
                       IncidentEntry(incidentID: incident.id, at: since.addingTimeInterval(600), by: "marcus", kind: .note, text: "Supplier ticket SUP-42")]
        state.view.incident = IncidentDetail(incident: incident, outage: outage, entries: entries, function: Self.function, ticks: ticks, backEntryRemaining: 2,
                                             people: [KeyPerson(name: "Priya Lead", role: "Lead", phones: [try PhoneNumber(parsing: "07700 900001")]),
                                                      KeyPerson(name: "Tom Deputy", role: "Deputy", phones: [try PhoneNumber(parsing: "07700 900002")])])
        return state
    }

    @Test func theBannerCarriesTheIncidentAndSurfacesAnEscalationOnceItsTimeHasCome() throws {
        let before = try incidentState(elapsed: 7199)
        #expect(BannerPane.lines(for: before) == 5)
        var canvas = Screen.render(before)
        #expect(canvas.line(2) == " INC-2026-0007 · severity 3 · HSSI · runbook 0/2 (K) · I incident")
        let after = try incidentState(elapsed: 7200)
        canvas = Screen.render(after)
        #expect(canvas.line(2).hasPrefix(" INC-2026-0007 · severity 3 · HSSI · ESCALATE (over 2 hours): Tell the commissio"))
        // Ticked, the escalation leaves the banner.
        let item = Runbook(function: Self.function, since: after.view.activeOutage!.since, now: after.now, ticks: []).items[2]
        let ticked = try incidentState(elapsed: 7200, ticks: [RunbookTick(incidentID: UUID(), item: item.key, at: after.now, by: "oncall")])
        #expect(Screen.render(ticked).line(2) == " INC-2026-0007 · severity 3 · HSSI · runbook 0/2 (K) · I incident")
    }

    @Test func theIncidentViewShowsSeverityHSSIClosureStateAndTheTimelineNewestFirst() throws {
        var state = try incidentState()
        _ = Reducer.reduce(&state, .key(.char("I")))
        let body = text(Screen.render(state), Rect(x: 0, y: 5, width: 80, height: 18))
        #expect(body.contains("Incident INC-2026-0007"))
        #expect(body.contains("INC-2026-0007 · severity 3 · HSSI (several sites affected)"))
        #expect(body.contains("Open: cannot close yet, its outage is still active and 2 downtime bookings"))
        let newest = try #require(body.range(of: "marcus: Supplier ticket SUP-42"))
        let oldest = try #require(body.range(of: "oncall: Opened for the outage"))
        #expect(newest.lowerBound < oldest.lowerBound)
        #expect(body.contains("n note · s severity · c close · Esc closes"))
        // s asks for the new severity and a reason; without a reason nothing is sent.
        _ = Reducer.reduce(&state, .key(.char("s")))
        guard case .prompt(var form) = state.overlay else { Issue.record("no severity form"); return }
        form.handle(.left)
        #expect(form.value("Severity") == "2")
        #expect(Reducer.reduce(&state, .key(.enter)).isEmpty)
        state.overlay = .prompt(form)
        form.focused = 1
        for c in "Past 2h" { form.handle(c == " " ? .space : .char(c)) }
        state.overlay = .prompt(form)
        #expect(Reducer.reduce(&state, .key(.enter)) == [.changeSeverity(number: "INC-2026-0007", severity: 2, reason: "Past 2h")])
    }

    @Test func closingAnUnreadyIncidentAsksForTheOverrideReason() throws {
        var state = try incidentState()
        state.overlay = .incident(scroll: 0)
        _ = Reducer.reduce(&state, .key(.char("c")))
        guard case .prompt(var form) = state.overlay else { Issue.record("no close form"); return }
        #expect(form.title.contains("although its outage is still active"))
        #expect(form.value("Agreed by") == "oncall")
        #expect(Reducer.reduce(&state, .key(.enter)).isEmpty, "an override reason is required")
        form.focused = 1
        for c in "Duplicate" { form.handle(.char(c)) }
        state.overlay = .prompt(form)
        #expect(Reducer.reduce(&state, .key(.enter)) == [.closeIncident(number: "INC-2026-0007", agreedBy: "oncall", override: "Duplicate")])
    }

    @Test func theRunbookViewTicksTheSelectedStepAndMarksTheDueEscalation() throws {
        var state = try incidentState(elapsed: 7300)
        _ = Reducer.reduce(&state, .key(.char("K")))
        let body = text(Screen.render(state), Rect(x: 0, y: 5, width: 80, height: 18))
        #expect(body.contains("1. [ ] Declare the outage"))
        #expect(body.contains("3. [!] after 2 hours: Tell the commissioner (contact Tom Deputy) —"))
        #expect(body.contains("Priya Lead (responsible) 07700 900001"))
        _ = Reducer.reduce(&state, .key(.down))
        #expect(Reducer.reduce(&state, .key(.enter)) == [.tickRunbook(number: "INC-2026-0007", position: 2, undo: false)])
        var practice = try incidentState(role: .practice)
        practice.overlay = .runbook(selected: 0)
        #expect(Reducer.reduce(&practice, .key(.enter)).isEmpty)
        // The permission table's words, as the store would refuse it (was "The runbook is ticked at the host's or a
        // commissioner's terminal.").
        #expect(practice.message == "Only the service host or a commissioner may tick the runbook.")
    }

    @Test func keyPersonnelComeFirstOnTheCallSheetDuringTheOutage() throws {
        var state = try incidentState()
        state.width = 120
        let canvas = Screen.render(state)
        let layout = try #require(Screen.layout(for: state))
        let sheet = text(canvas, layout.callsheet)
        #expect(sheet.contains("Key personnel · Urgent dental booking"))
        #expect(sheet.contains("07700 900001  Priya Lead (responsible)"))
    }

    @Test func theHandoverViewHasEverySection() throws {
        var state = try incidentState(elapsed: 7300)
        _ = Reducer.reduce(&state, .key(.char("H")))
        let lines = HandoverSheet.lines(view: state.view, now: state.now, zone: london)
        for heading in ["INCIDENT", "NOTICES AND ACKNOWLEDGMENTS", "RUNBOOK: URGENT DENTAL BOOKING (RUNBOOK 0/2 · 1 ESCALATION DUE)", "DOWNTIME BOOKINGS", "LAST NOTES"] {
            #expect(lines.contains(heading), "\(heading)")
        }
        #expect(text(Screen.render(state), Rect(x: 0, y: 5, width: 80, height: 18)).contains("Shift hand-over"))
    }

    @Test func aRecontactCallMarkedRearrangedPicksTheSlotFromTheGrid() throws {
        var state = try incidentState(role: .practice)
        state.actor = Actor(user: "gwen", terminal: "pts/3", site: "Marsh Lane Dental", role: .practice)
        let booking = state.view.slots[0].bookings[0]
        let item = RecontactItem(id: UUID(), booking: booking, originalDay: today, originalStart: booking.start)
        state.view.recontactAll = [RecontactList(id: UUID(), practiceID: booking.practiceID, practiceName: "Marsh Lane Dental", from: today, to: today,
                                                   reason: "Flood", createdAt: fixedNow, createdBy: "gwen", items: [item])]
        _ = Reducer.reduce(&state, .key(.char("P")))
        #expect(state.showsRecontact && state.focus == .callsheet)
        let layout = try #require(Screen.layout(for: state))
        let pane = text(Screen.render(state), layout.callsheet)
        #expect(pane.contains("Recontact · 1 of 1 to call"))
        #expect(pane.contains("09:00 Ann Demo") && pane.contains("07700 900500") && pane.contains("to call"))
        _ = Reducer.reduce(&state, .key(.enter))
        guard case .prompt(let form) = state.overlay else { Issue.record("no call form"); return }
        #expect(form.value("Outcome") == "rearranged")
        #expect(Reducer.reduce(&state, .key(.enter)).isEmpty, "rearranged waits for the new slot")
        #expect(state.focus == .slots && state.rearranging == item.id && state.moving?.id == booking.id)
        state.selection[.slots] = 1
        #expect(Reducer.reduce(&state, .key(.enter)) == [.rearrange(itemID: item.id, day: today, start: state.view.slots[1].slot.start, note: "")])
        #expect(state.rearranging == nil && state.moving == nil)
    }

    @Test func theStatusLineSaysWhenThePlanReviewIsOverdue() throws {
        var state = try sampleState()
        state.view.planLastReviewed = LocalDate(iso: "2025-11-20")
        #expect(Screen.render(state).line(23).contains("PLAN REVIEW OVERDUE"))
        state.view.planLastReviewed = LocalDate(iso: "2025-11-21")
        #expect(!Screen.render(state).line(23).contains("PLAN REVIEW OVERDUE"))
    }
}

extension ContinuityScreenTests {
    @Test func anIncidentClosedAtAnotherTerminalClosesItsViewsHere() throws {
        var state = try incidentState()
        state.overlay = .runbook(selected: 0)
        var view = state.view
        view.incident = nil
        _ = Reducer.reduce(&state, .loaded(view))
        #expect(state.overlay == nil)
    }
}
