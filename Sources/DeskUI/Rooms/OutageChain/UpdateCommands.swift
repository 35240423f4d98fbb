import Foundation
import DeskCore

/// The host's update between the outage notice and the restoration: a short form, then a question, since every
/// party and subscriber is emailed.
extension BannerPane {
    static func sendUpdate(_ state: inout AppState) -> [Effect] {
        if let refusal = state.refusal(.postUpdate) { state.message = refusal.sentence; return [] }
        guard let outage = state.view.activeOutage else {
            state.message = "No outage is active: updates are sent while one lasts."
            return []
        }
        state.overlay = .prompt(PromptForm(title: "Update on \(outage.system) (every party and subscriber is emailed)",
                                           purpose: .sendUpdate, fields: [
            .init("Update", maxLength: OutageUpdate.longestMessage, lines: 5),
            .init("ETA (HH:MM)", maxLength: 5),
        ]))
        return []
    }

    /// Enter in the update form. An ETA earlier than now is taken as tomorrow (an outage running past midnight), and
    /// the question says so.
    static func submitUpdate(_ form: PromptForm, _ state: inout AppState) -> [Effect] {
        var form = form
        func refuse(_ problem: String) -> [Effect] { form.problem = problem; state.overlay = .prompt(form); return [] }
        let message = form.value("Update").trimmingCharacters(in: .whitespacesAndNewlines)
        let etaText = form.value("ETA (HH:MM)").trimmingCharacters(in: .whitespaces)
        var eta: Date?
        var etaWords = "no ETA"
        if !etaText.isEmpty {
            guard let time = TimeOfDay(parsing: etaText) else {
                return refuse("ETA must be a time, HH:MM, or left blank if it is not known.")
            }
            var day = LocalDate(state.now, in: state.zone)
            if day.instant(at: time, in: state.zone) < state.now { day = day.adding(days: 1) }
            eta = day.instant(at: time, in: state.zone)
            etaWords = "ETA \(time)" + (day == LocalDate(state.now, in: state.zone) ? "" : " tomorrow")
        }
        if let problem = OutageUpdate.problem(message: message, eta: eta, now: state.now) {
            return refuse(problem.prefix(1).uppercased() + problem.dropFirst() + ".")
        }
        let parties = state.view.callSheet.count
        state.overlay = .confirm(question: "Send this update (\(etaWords)) to all \(parties) parties and every "
                                    + "subscriber? No one is asked to acknowledge it.",
                                 effect: .sendUpdate(message: message, eta: eta))
        return []
    }
}
