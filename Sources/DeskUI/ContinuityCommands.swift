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
        case .incidentSeverity:
            guard let incident = state.view.incident?.incident else {
                state.message = "No incident is open."
                return []
            }
            state.overlay = .prompt(PromptForm(title: "Severity of \(incident.number) (1 highest, 5 lowest)",
                                               purpose: .incidentSeverity(number: incident.number), fields: [
                .init("Severity", value: "\(incident.severity)", choices: Incident.severities.map(String.init)),
                .init("Reason", maxLength: 300),
            ]))
        case .closeIncident:
            guard let detail = state.view.incident else { state.message = "No incident is open to close."; return [] }
            let number = detail.incident.number
            let blockers = detail.closureBlockers
            var fields: [PromptForm.Field] = [.init("Agreed by", value: detail.incident.reporter, maxLength: 100)]
            if !blockers.isEmpty { fields.append(.init("Override", maxLength: 300)) }
            let title = blockers.isEmpty ? "Close \(number), agreed with the reporter"
                : "Close \(number) although \(blockers.joined(separator: " and "))? Give the override reason"
            state.overlay = .prompt(PromptForm(title: title, purpose: .closeIncident(number: number), fields: fields))
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

    /// Keys inside the incident, runbook and hand-over views, from the keymap's [incident] and [runbook] scopes
    /// (the hand-over has only movement, from [global]).
    static func handleView(_ key: Key, _ state: inout AppState) -> [Effect] {
        switch state.overlay {
        case .incident(let scroll):
            guard let command = state.keymap.commandID(for: key, in: .overlay(.incident)) else { return [] }
            switch command {
            case .incidentNote, .incidentSeverity, .closeIncident: return run(command, &state)
            case .moveDown: state.overlay = .incident(scroll: scroll + 1)
            case .moveUp: state.overlay = .incident(scroll: max(0, scroll - 1))
            case .pageDown: state.overlay = .incident(scroll: scroll + 10)
            case .pageUp: state.overlay = .incident(scroll: max(0, scroll - 10))
            case .cancel, .quit, .showIncident: state.overlay = nil
            default: break
            }
        case .runbook(let selected):
            let runbook = state.view.incident?.runbook(at: state.now)
            let count = runbook?.items.count ?? 0
            switch state.keymap.commandID(for: key, in: .overlay(.runbook)) {
            case .tickStep?:
                guard let number = state.view.incident?.incident.number, let runbook,
                      runbook.items.indices.contains(selected) else { return [] }
                if let refusal = state.refusal(.tickRunbook) { state.message = refusal.sentence; return [] }
                return [.tickRunbook(number: number, position: selected + 1, undo: runbook.items[selected].isDone)]
            case .moveDown?: state.overlay = .runbook(selected: min(selected + 1, max(0, count - 1)))
            case .moveUp?: state.overlay = .runbook(selected: max(0, selected - 1))
            case .first?: state.overlay = .runbook(selected: 0)
            case .last?: state.overlay = .runbook(selected: max(0, count - 1))
            case .cancel?, .quit?, .showRunbook?: state.overlay = nil
            default: break
            }
        case .handover(let scroll):
            switch state.keymap.commandID(for: key, in: .global) {
            case .moveDown?: state.overlay = .handover(scroll: scroll + 1)
            case .moveUp?: state.overlay = .handover(scroll: max(0, scroll - 1))
            case .pageDown?: state.overlay = .handover(scroll: scroll + 10)
            case .pageUp?: state.overlay = .handover(scroll: max(0, scroll - 10))
            case .cancel?, .quit?, .showHandover?: state.overlay = nil
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
