import Foundation
import DeskCore

/// The outage chain's commands, beside the banner that shows it: declaring, restoring and acknowledging, each asked
/// of the permission table before it is offered.
extension BannerPane {
    static func declareOutage(_ state: inout AppState) -> [Effect] {
        if let refusal = state.refusal(.declareOutage) { state.message = refusal.sentence; return [] }
        let now = TimeOfDay(state.now, in: state.zone)
        state.overlay = .prompt(PromptForm(title: "Declare an outage (every party is emailed)",
                                           purpose: .declareOutage, fields: [
            .init("System", value: state.defaultSystem, maxLength: 80),
            .init("Down since", value: now.description, maxLength: 5),
            .init("Reason", maxLength: 200),
            .init("Instead", value: Outage.defaultInstructions, maxLength: 400, lines: 4),
        ]))
        return []
    }

    static func restoreOutage(_ state: inout AppState) -> [Effect] {
        if let refusal = state.refusal(.restoreOutage) { state.message = refusal.sentence; return [] }
        guard let outage = state.view.activeOutage else { state.message = "No outage is active."; return [] }
        let parties = state.view.round?.total ?? 0
        state.overlay = .confirm(question: "Declare \(outage.system) restored now? All \(parties) parties are emailed "
                                    + "the restoration notice.",
                                 effect: .restoreOutage(system: outage.system))
        return []
    }

    static func acknowledge(_ state: inout AppState) -> [Effect] {
        guard let round = state.view.round else {
            state.message = "No notice is waiting for acknowledgment."
            return []
        }
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
            state.message = "\(party.name) acknowledged the \(round.notice.title) at "
                + "\(TimeOfDay(ack.at, in: state.zone)) by \(ack.via.rawValue)."
            return []
        }
        return [.acknowledge(organisationID: party.id)]
    }

    /// Enter in the declaration form: check it, then ask to confirm, since every party is emailed.
    static func submitDeclaration(_ form: PromptForm, _ state: inout AppState) -> [Effect] {
        var form = form
        func refuse(_ problem: String) -> [Effect] { form.problem = problem; state.overlay = .prompt(form); return [] }
        let system = form.value("System").trimmingCharacters(in: .whitespaces)
        guard !system.isEmpty else { return refuse("Name the system that is down.") }
        guard let since = TimeOfDay(parsing: form.value("Down since")) else {
            return refuse("Down since must be a time today, HH:MM.")
        }
        let start = LocalDate(state.now, in: state.zone).instant(at: since, in: state.zone)
        guard start <= state.now.addingTimeInterval(60) else { return refuse("Down since cannot be later than now.") }
        let count = state.view.callSheet.count
        let effect = Effect.declareOutage(system: system, since: start,
                                          reason: form.value("Reason").trimmingCharacters(in: .whitespaces),
                                          instructions: form.value("Instead").trimmingCharacters(in: .whitespaces))
        state.overlay = .confirm(question: "Declare \(system) DOWN since \(since)? All \(count) parties are emailed "
                                    + "and must acknowledge.", effect: effect)
        return []
    }

    /// This terminal's own organisation among the current round's parties.
    static func sitePartyInRound(_ state: AppState) -> Organisation? {
        guard !state.actor.site.isEmpty else { return nil }
        return state.view.round?.parties.first { $0.name == state.actor.site }
    }
}
