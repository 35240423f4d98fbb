import Foundation
import DeskCore

/// The reducer's part for the outage chain: who may declare, restore, acknowledge and log calls, and the forms for them.
enum OutageChainCommands {
    static func run(_ command: CommandID, _ state: inout AppState) -> [Effect] {
        switch command {
        case .declareOutage:
            if let refusal = state.refusal(.declareOutage) { state.message = refusal.sentence; return [] }
            let now = TimeOfDay(state.now, in: state.zone)
            state.overlay = .prompt(PromptForm(title: "Declare an outage (every party is emailed)", purpose: .declareOutage, fields: [
                .init("System", value: state.defaultSystem, maxLength: 80),
                .init("Down since", value: now.description, maxLength: 5),
                .init("Reason", maxLength: 200),
                .init("Instead", value: Outage.defaultInstructions, maxLength: 400),
            ]))
        case .restoreOutage:
            if let refusal = state.refusal(.restoreOutage) { state.message = refusal.sentence; return [] }
            guard let outage = state.view.activeOutage else { state.message = "No outage is active."; return [] }
            let parties = state.view.round?.total ?? 0
            state.overlay = .confirm(question: "Declare \(outage.system) restored now? All \(parties) parties are emailed the restoration notice.",
                                     effect: .restoreOutage(system: outage.system))
        case .acknowledge:
            guard let round = state.view.round else { state.message = "No notice is waiting for acknowledgment."; return [] }
            if state.actor.site.isEmpty, let refusal = state.refusal(.acknowledge) {
                state.message = refusal.sentence
                return []
            }
            guard let party = sitePartyInRound(state) else {
                state.message = "\(state.actor.site) was not sent the \(round.notice.title)."
                return []
            }
            if let refusal = state.refusal(.acknowledge, owners: [party]) {
                state.message = refusal.sentence
                return []
            }
            if let ack = round.acknowledgments[party.id] {
                state.message = "\(party.name) acknowledged the \(round.notice.title) at \(TimeOfDay(ack.at, in: state.zone)) by \(ack.via.rawValue)."
                return []
            }
            return [.acknowledge(organisationID: party.id)]
        case .logCall:
            if let refusal = state.refusal(.logCall) { state.message = refusal.sentence; return [] }
            let rows = state.view.callSheetRows
            guard state.view.round != nil, rows.indices.contains(state.selected(.callsheet)) else {
                state.message = state.view.round == nil ? "No notice round is out: nobody to call." : "Nobody left to call."
                return []
            }
            let row = rows[state.selected(.callsheet)]
            let numbers = row.numbers.map { $0.number.description }
            state.overlay = .prompt(PromptForm(title: "Call to \(Sanitise.visible(row.organisation.name))",
                                               purpose: .logCall(organisationID: row.organisation.id, party: row.organisation.name), fields: [
                numbers.isEmpty ? .init("Number", maxLength: 20) : .init("Number", value: numbers[0], choices: numbers),
                .init("Outcome", value: CallOutcome.acknowledged.label, choices: CallOutcome.allCases.map(\.label)),
                .init("Note", maxLength: 200),
            ]))
        default: break
        }
        return []
    }

    /// Enter in a prompt form: check it, then either ask to confirm or hand back the effect.
    static func submit(_ form: PromptForm, _ state: inout AppState) -> [Effect] {
        var form = form
        switch form.purpose {
        case .declareOutage:
            let system = form.value("System").trimmingCharacters(in: .whitespaces)
            guard !system.isEmpty else { form.problem = "Name the system that is down."; state.overlay = .prompt(form); return [] }
            guard let since = TimeOfDay(parsing: form.value("Down since")) else {
                form.problem = "Down since must be a time today, HH:MM."; state.overlay = .prompt(form); return []
            }
            let start = LocalDate(state.now, in: state.zone).instant(at: since, in: state.zone)
            guard start <= state.now.addingTimeInterval(60) else {
                form.problem = "Down since cannot be later than now."; state.overlay = .prompt(form); return []
            }
            let count = state.view.callSheet.count
            state.overlay = .confirm(question: "Declare \(system) DOWN since \(since)? All \(count) parties are emailed and must acknowledge.",
                                     effect: .declareOutage(system: system, since: start, reason: form.value("Reason").trimmingCharacters(in: .whitespaces),
                                                            instructions: form.value("Instead").trimmingCharacters(in: .whitespaces)))
            return []
        case .logCall(let id, _):
            guard let number = try? PhoneNumber(parsing: form.value("Number")) else {
                form.problem = "The number dialled is not a UK phone number."; state.overlay = .prompt(form); return []
            }
            guard let outcome = CallOutcome.allCases.first(where: { $0.label == form.value("Outcome") }) else { return [] }
            state.overlay = nil
            return [.logCall(organisationID: id, number: number, outcome: outcome, note: form.value("Note").trimmingCharacters(in: .whitespaces))]
        default: return ContinuityCommands.submit(form, &state)
        }
    }

    /// This terminal's own organisation among the current round's parties.
    static func sitePartyInRound(_ state: AppState) -> Organisation? {
        guard !state.actor.site.isEmpty else { return nil }
        return state.view.round?.parties.first { $0.name == state.actor.site }
    }
}
