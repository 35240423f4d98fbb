import Foundation
import DeskCore

/// The incident view's, runbook's and hand-over's commands, beside their drawing (the keymap's [incident] and
/// [runbook] scopes): opening them, noting, changing severity, closing, ticking steps.
extension DocumentOverlay {
    static func showIncident(_ state: inout AppState) -> [Effect] {
        guard state.view.incident != nil else {
            state.message = "No incident is open: declaring an outage opens one."
            return []
        }
        state.overlay = .incident(scroll: 0)
        return []
    }

    static func showRunbook(_ state: inout AppState) -> [Effect] {
        guard let detail = state.view.incident else {
            state.message = "No incident is open, so no runbook is running."
            return []
        }
        guard detail.function != nil else {
            state.message = "\(detail.incident.number) follows no runbook: the installed plan has no function for "
                + "\(detail.outage?.system ?? "its system")."
            return []
        }
        state.overlay = .runbook(selected: 0)
        return []
    }

    static func showHandover(_ state: inout AppState) -> [Effect] {
        state.overlay = .handover(scroll: 0)
        return []
    }

    static func incidentNote(_ state: inout AppState) -> [Effect] {
        guard let incident = state.view.incident?.incident else {
            state.message = "No incident is open to note on."
            return []
        }
        state.overlay = .prompt(PromptForm(title: "Note on \(incident.number)",
                                           purpose: .incidentNote(number: incident.number),
                                           fields: [.init("Note", maxLength: 300)]))
        return []
    }

    static func incidentSeverity(_ state: inout AppState) -> [Effect] {
        guard let incident = state.view.incident?.incident else { state.message = "No incident is open."; return [] }
        state.overlay = .prompt(PromptForm(title: "Severity of \(incident.number) (1 highest, 5 lowest)",
                                           purpose: .incidentSeverity(number: incident.number), fields: [
            .init("Severity", value: "\(incident.severity)", choices: Incident.severities.map(String.init)),
            .init("Reason", maxLength: 300),
        ]))
        return []
    }

    static func closeIncident(_ state: inout AppState) -> [Effect] {
        guard let detail = state.view.incident else { state.message = "No incident is open to close."; return [] }
        let number = detail.incident.number
        let blockers = detail.closureBlockers
        var fields: [PromptForm.Field] = [.init("Agreed by", value: detail.incident.reporter, maxLength: 100)]
        if !blockers.isEmpty { fields.append(.init("Override", maxLength: 300)) }
        let title = blockers.isEmpty ? "Close \(number), agreed with the reporter"
            : "Close \(number) although \(blockers.joined(separator: " and "))? Give the override reason"
        state.overlay = .prompt(PromptForm(title: title, purpose: .closeIncident(number: number), fields: fields))
        return []
    }

    /// Keys inside the incident, runbook and hand-over views, from the keymap's [incident] and [runbook] scopes
    /// (the hand-over has only movement, from [global]).
    static func handle(_ key: Key, _ state: inout AppState) -> [Effect] {
        switch state.overlay {
        case .incident(let scroll):
            guard let command = state.keymap.commandID(for: key, in: .overlay(.incident)) else { return [] }
            switch command {
            case .incidentNote: return incidentNote(&state)
            case .incidentSeverity: return incidentSeverity(&state)
            case .closeIncident: return closeIncident(&state)
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

    /// Enter in the note, severity or close form; the incident view stays open behind it.
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
            if needsOverride && override.isEmpty {
                return refuse("It is not ready to close: give the reason to override, or Esc.")
            }
            state.overlay = .incident(scroll: 0)
            return [.closeIncident(number: number, agreedBy: agreed, override: needsOverride ? override : nil)]
        case .declareOutage, .sendUpdate, .logCall, .recontactCall:
            return []
        }
    }
}
