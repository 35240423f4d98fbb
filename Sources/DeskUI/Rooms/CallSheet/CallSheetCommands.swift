import Foundation
import DeskCore

/// The call-sheet's commands, beside its drawing: logging a call to a party that has not acknowledged, and, on a
/// practice's recontact list, a call to a patient.
extension CallSheetPane {
    static func logCall(_ state: inout AppState) -> [Effect] {
        if state.showsRecontact { return logRecontactCall(&state) }
        if let refusal = state.refusal(.logCall) { state.message = refusal.sentence; return [] }
        let rows = state.view.callSheetRows
        guard state.view.round != nil, rows.indices.contains(state.selected(.callsheet)) else {
            state.message = state.view.round == nil ? "No notice round is out: nobody to call." : "Nobody left to call."
            return []
        }
        let row = rows[state.selected(.callsheet)]
        let numbers = row.numbers.map { $0.number.description }
        let purpose = PromptForm.Purpose.logCall(organisationID: row.organisation.id, party: row.organisation.name)
        state.overlay = .prompt(PromptForm(title: "Call to \(Sanitise.visible(row.organisation.name))",
                                           purpose: purpose, fields: [
            // A number learned on the phone is typed over the directory's.
            numbers.isEmpty ? .init("Number", maxLength: 20)
                : .init("Number", value: numbers[0], choices: numbers, maxLength: 20, typeable: true),
            .init("Outcome", value: CallOutcome.acknowledged.label, choices: CallOutcome.allCases.map(\.label)),
            .init("Note", maxLength: 200),
        ]))
        return []
    }

    static func toggleRecontact(_ state: inout AppState) -> [Effect] {
        state.showsRecontact.toggle()
        state.focus = .callsheet
        state.selection[.callsheet] = 0
        if state.showsRecontact {
            state.message = state.view.recontactLists.isEmpty
                ? "\(state.view.practice?.name ?? "This practice") has no recontact list (downtime-desk recontact "
                    + "create)."
                : "Recontact list: Enter logs a call to the selected patient."
        } else { state.message = nil }
        return []
    }

    /// Enter on a recontact row: how did the call go?
    static func logRecontactCall(_ state: inout AppState) -> [Effect] {
        let rows = state.view.recontactRows
        guard rows.indices.contains(state.selected(.callsheet)) else {
            state.message = "No patient to call on the recontact list."
            return []
        }
        let item = rows[state.selected(.callsheet)]
        if let refusal = state.refusal(.logRecontactCall, owners: [state.view.practice].compactMap { $0 }) {
            state.message = refusal.sentence
            return []
        }
        let title = "Call to \(Sanitise.visible(item.booking.patient.name)) \(item.booking.patient.phone)"
        state.overlay = .prompt(PromptForm(title: title,
                                           purpose: .recontactCall(itemID: item.id, bookingID: item.booking.id),
                                           fields: [
            .init("Outcome", value: RecontactOutcome.rearranged.label, choices: RecontactOutcome.allCases.map(\.label)),
            .init("Note", maxLength: 200),
        ]))
        return []
    }

    /// Enter in the call form: the number must be one a phone can dial.
    static func submitCall(_ form: PromptForm, organisationID: UUID, _ state: inout AppState) -> [Effect] {
        var form = form
        guard let number = try? PhoneNumber(parsing: form.value("Number")) else {
            form.problem = "The number dialled is not a UK phone number."
            state.overlay = .prompt(form)
            return []
        }
        guard let outcome = CallOutcome.allCases.first(where: { $0.label == form.value("Outcome") }) else { return [] }
        state.overlay = nil
        return [.logCall(organisationID: organisationID, number: number, outcome: outcome,
                         note: form.value("Note").trimmingCharacters(in: .whitespaces))]
    }

    /// Enter in the recontact call form; a rearranged patient's booking is then picked up to move.
    static func submitRecontactCall(_ form: PromptForm, itemID: UUID, bookingID: UUID,
                                    _ state: inout AppState) -> [Effect] {
        guard let outcome = RecontactOutcome.allCases.first(where: { $0.label == form.value("Outcome") }) else {
            return []
        }
        let note = form.value("Note").trimmingCharacters(in: .whitespaces)
        state.overlay = nil
        guard outcome == .rearranged else { return [.logRecontactCall(itemID: itemID, outcome: outcome, note: note)] }
        guard let item = state.view.recontactRows.first(where: { $0.id == itemID }), item.booking.id == bookingID else {
            return []
        }
        let name = Sanitise.visible(item.booking.patient.name)
        guard item.booking.status == .booked else {
            state.message = "\(name)'s booking is \(item.booking.status.label) and cannot be moved."
            return []
        }
        // Picked from the grid: the next slot chosen with Enter receives the booking and the call is logged with it.
        state.moving = item.booking
        state.rearranging = itemID
        state.rearrangeNote = note
        state.focus = .slots
        state.message = "Rearranging \(name): choose the new slot (n/p change day) and press Enter; Esc leaves it."
        return []
    }

    /// The selection stays on the same party when the sheet is read again: others' acknowledgments and calls
    /// reorder it, and a selection kept by position would land on another party (Down then skipped one).
    static func keepSelection(on party: UUID?, _ state: inout AppState) {
        guard let party, !state.showsRecontact,
              let index = state.view.callSheetRows.firstIndex(where: { $0.organisation.id == party }) else { return }
        state.selection[.callsheet] = index
    }
}

extension AppState {
    /// The party selected on the call-sheet, when it shows the parties.
    var selectedParty: UUID? {
        guard !showsRecontact, view.callSheetRows.indices.contains(selected(.callsheet)) else { return nil }
        return view.callSheetRows[selected(.callsheet)].organisation.id
    }
}
