import Foundation
import DeskCore

/// The reducer's part for incidents, the runbook, the hand-over and recontact calls.
enum ContinuityCommands {
    static func run(_ command: CommandID, _ state: inout AppState) -> [Effect] {
        switch command {
        case .showIncident:
            guard state.view.incident != nil else { state.message = "No incident is open: declaring an outage opens one."; return [] }
            state.overlay = .incident(scroll: 0)
        case .showRunbook:
            guard let detail = state.view.incident else { state.message = "No incident is open, so no runbook is running."; return [] }
            guard detail.function != nil else {
                state.message = "\(detail.incident.number) follows no runbook: the installed plan has no function for \(detail.outage?.system ?? "its system")."
                return []
            }
            state.overlay = .runbook(selected: 0)
        case .showHandover:
            state.overlay = .handover(scroll: 0)
        case .toggleRecontact:
            state.showsRecontact.toggle()
            state.focus = .callsheet
            state.selection[.callsheet] = 0
            if state.showsRecontact {
                state.message = state.view.recontactLists.isEmpty
                    ? "\(state.view.practice?.name ?? "This practice") has no recontact list (downtime-desk recontact create)."
                    : "Recontact list: Enter logs a call to the selected patient."
            } else { state.message = nil }
        case .incidentNote:
            guard let incident = state.view.incident?.incident else { state.message = "No incident is open to note on."; return [] }
            state.overlay = .prompt(PromptForm(title: "Note on \(incident.number)", purpose: .incidentNote(number: incident.number),
                                               fields: [.init("Note", maxLength: 300)]))
        default: break
        }
        return []
    }

    /// Enter on a recontact row: how did the call go?
    static func logRecontactCall(_ state: inout AppState) -> [Effect] {
        let rows = state.view.recontactRows
        guard rows.indices.contains(state.selected(.callsheet)) else { state.message = "No patient to call on the recontact list."; return [] }
        let item = rows[state.selected(.callsheet)]
        if let refusal = state.refusal(.logRecontactCall, owners: [state.view.practice].compactMap { $0 }) {
            state.message = refusal.sentence
            return []
        }
        state.overlay = .prompt(PromptForm(title: "Call to \(Sanitise.visible(item.booking.patient.name)) \(item.booking.patient.phone)",
                                           purpose: .recontactCall(itemID: item.id, bookingID: item.booking.id), fields: [
            .init("Outcome", value: RecontactOutcome.rearranged.label, choices: RecontactOutcome.allCases.map(\.label)),
            .init("Note", maxLength: 200),
        ]))
        return []
    }

    /// Keys inside the incident, runbook and hand-over views: movement from the keymap, actions on fixed letters shown in the view.
    static func handleView(_ key: Key, _ state: inout AppState) -> [Effect] {
        let command = state.keymap.command(for: key, in: state.focus)
        let number = state.view.incident?.incident.number
        switch state.overlay {
        case .incident(let scroll):
            switch (key, command) {
            case (.char("n"), _): return run(.incidentNote, &state)
            case (.char("s"), _):
                guard let number, let incident = state.view.incident?.incident else { return [] }
                state.overlay = .prompt(PromptForm(title: "Severity of \(number) (1 highest, 5 lowest)", purpose: .incidentSeverity(number: number), fields: [
                    .init("Severity", value: "\(incident.severity)", choices: Incident.severities.map(String.init)),
                    .init("Reason", maxLength: 300),
                ]))
            case (.char("c"), _):
                guard let number else { return [] }
                let blockers = state.view.incident?.closureBlockers ?? []
                var fields: [PromptForm.Field] = [.init("Agreed by", value: state.view.incident?.incident.reporter ?? "", maxLength: 100)]
                if !blockers.isEmpty { fields.append(.init("Override", maxLength: 300)) }
                state.overlay = .prompt(PromptForm(title: blockers.isEmpty ? "Close \(number), agreed with the reporter"
                                                   : "Close \(number) although \(blockers.joined(separator: " and "))? Give the override reason",
                                                   purpose: .closeIncident(number: number), fields: fields))
            case (_, "move-down"?): state.overlay = .incident(scroll: scroll + 1)
            case (_, "move-up"?): state.overlay = .incident(scroll: max(0, scroll - 1))
            case (_, "page-down"?): state.overlay = .incident(scroll: scroll + 10)
            case (_, "page-up"?): state.overlay = .incident(scroll: max(0, scroll - 10))
            case (_, "cancel"?), (_, "quit"?), (_, "show-incident"?): state.overlay = nil
            default: break
            }
        case .runbook(let selected):
            let runbook = state.view.incident?.runbook(at: state.now)
            let count = runbook?.items.count ?? 0
            switch (key, command) {
            case (.enter, _), (.space, _), (.char("x"), _):
                guard let number, let runbook, runbook.items.indices.contains(selected) else { return [] }
                if let refusal = state.refusal(.tickRunbook) { state.message = refusal.sentence; return [] }
                return [.tickRunbook(number: number, position: selected + 1, undo: runbook.items[selected].isDone)]
            case (_, "move-down"?): state.overlay = .runbook(selected: min(selected + 1, max(0, count - 1)))
            case (_, "move-up"?): state.overlay = .runbook(selected: max(0, selected - 1))
            case (_, "first"?): state.overlay = .runbook(selected: 0)
            case (_, "last"?): state.overlay = .runbook(selected: max(0, count - 1))
            case (_, "cancel"?), (_, "quit"?), (_, "show-runbook"?): state.overlay = nil
            default: break
            }
        case .handover(let scroll):
            switch command {
            case "move-down": state.overlay = .handover(scroll: scroll + 1)
            case "move-up": state.overlay = .handover(scroll: max(0, scroll - 1))
            case "page-down": state.overlay = .handover(scroll: scroll + 10)
            case "page-up": state.overlay = .handover(scroll: max(0, scroll - 10))
            case "cancel", "quit", "show-handover": state.overlay = nil
            default: break
            }
        default: break
        }
        return []
    }

    /// Enter in one of this part's prompt forms.
    static func submit(_ form: PromptForm, _ state: inout AppState) -> [Effect] {
        var form = form
        func refuse(_ problem: String) -> [Effect] { form.problem = problem; state.overlay = .prompt(form); return [] }
        switch form.purpose {
        case .incidentNote(let number):
            let text = form.value("Note").trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return refuse("Write the note first.") }
            state.overlay = .incident(scroll: 0)
            return [.addIncidentNote(number: number, text: text)]
        case .incidentSeverity(let number):
            let reason = form.value("Reason").trimmingCharacters(in: .whitespaces)
            guard let severity = Int(form.value("Severity")) else { return [] }
            guard !reason.isEmpty else { return refuse("Say why the severity changes.") }
            state.overlay = .incident(scroll: 0)
            return [.changeSeverity(number: number, severity: severity, reason: reason)]
        case .closeIncident(let number):
            let agreed = form.value("Agreed by").trimmingCharacters(in: .whitespaces)
            guard !agreed.isEmpty else { return refuse("Name who agreed the closure (the reporter).") }
            let needsOverride = form.fields.contains { $0.label == "Override" }
            let override = form.value("Override").trimmingCharacters(in: .whitespaces)
            if needsOverride && override.isEmpty { return refuse("It is not ready to close: give the reason to override, or Esc.") }
            state.overlay = .incident(scroll: 0)
            return [.closeIncident(number: number, agreedBy: agreed, override: needsOverride ? override : nil)]
        case .recontactCall(let itemID, let bookingID):
            guard let outcome = RecontactOutcome.allCases.first(where: { $0.label == form.value("Outcome") }) else { return [] }
            let note = form.value("Note").trimmingCharacters(in: .whitespaces)
            state.overlay = nil
            guard outcome == .rearranged else { return [.logRecontactCall(itemID: itemID, outcome: outcome, note: note)] }
            guard let item = state.view.recontactRows.first(where: { $0.id == itemID }), item.booking.id == bookingID else { return [] }
            guard item.booking.status == .booked else {
                state.message = "\(Sanitise.visible(item.booking.patient.name))'s booking is \(item.booking.status.label) and cannot be moved."
                return []
            }
            // Picked from the grid: the next slot chosen with Enter receives the booking and the call is logged with it.
            state.moving = item.booking
            state.rearranging = itemID
            state.rearrangeNote = note
            state.focus = .slots
            state.message = "Rearranging \(Sanitise.visible(item.booking.patient.name)): choose the new slot (n/p change day) and press Enter; Esc leaves it."
            return []
        default: return []
        }
    }
}
