import Foundation
import DeskCore

/// Why a change the desk asked for was not made, as the loop found it out, in words for the desk.
public enum ChangeFailure: Error, Equatable, Sendable {
    /// A rule or the permission table said no.
    case refused(String)
    /// The slot already holds a booking: the form asks whether to overbook on purpose.
    case slotTaken(String)
    /// Another program holds the file's write lock: nothing was saved yet, and it can be tried again.
    case busy(String)
    /// The booking form does not validate, or its practice has gone from the directory.
    case invalid(String)
    /// Anything else (the disk, the file), explained.
    case failed(String)
}

extension Effect {
    /// The operation a write effect asks for, or nil for an effect that changes nothing stored (reading, drafts,
    /// quitting). A booking form that does not validate is a failure the reducer reports.
    public func operation(in state: AppState) -> Result<DeskOperation, ChangeFailure>? {
        switch self {
        case .quit, .reload, .refresh, .saveDraft, .clearDraft, .search:
            return nil
        case .setStatus(let id, let status, let reason):
            return .success(.changeStatus(.init(bookingID: id, status: status, reason: reason)))
        case .markSeen(let ids):
            return .success(.markSeen(.init(bookingIDs: ids)))
        case .markBackEntered(let id, let reference):
            return .success(.markBackEntered(.init(bookingID: id, centralReference: reference)))
        case .move(let id, let day, let start):
            return .success(.move(.init(bookingID: id, day: day, start: start, overbook: false)))
        case .book(let form, let overbook):
            guard case .success(let details) = form.draft.validate(today: LocalDate(state.now, in: state.zone),
                                                                   resolveED: state.view.edID(named:)) else {
                return .failure(.invalid("fix the fields marked ✗."))
            }
            guard state.view.practices.contains(where: { $0.id == form.practiceID }) else {
                return .failure(.invalid("the practice is no longer in the directory."))
            }
            return .success(.book(.init(practiceID: form.practiceID, day: form.day, start: form.start,
                                        details: details, overbook: overbook)))
        case .declareOutage(let system, let since, let reason, let instructions):
            return .success(.declareOutage(.init(system: system, since: since, reason: reason,
                                                 instructions: instructions)))
        case .restoreOutage(let system):
            return .success(.restoreOutage(.init(system: system, restoredAt: state.now)))
        case .sendUpdate(let message, let eta):
            return .success(.postUpdate(.init(message: message, eta: eta)))
        case .acknowledge(let id):
            return .success(.acknowledge(.init(organisationID: id, via: .app, by: state.actor.user)))
        case .logCall(let id, let number, let outcome, let note):
            return .success(.logCall(.init(organisationID: id, number: number, outcome: outcome, note: note,
                                           interval: state.callInterval)))
        case .addIncidentNote(let number, let text):
            return .success(.addIncidentNote(.init(number: number, text: text)))
        case .changeSeverity(let number, let severity, let reason):
            return .success(.changeIncidentSeverity(.init(number: number, severity: severity, reason: reason)))
        case .closeIncident(let number, let agreedBy, let override):
            return .success(.closeIncident(.init(number: number, agreedBy: agreedBy, override: override)))
        case .tickRunbook(let number, let position, let undo):
            return .success(.tickRunbook(.init(number: number, position: position, undo: undo)))
        case .logRecontactCall(let id, let outcome, let note):
            return .success(.logRecontactCall(.init(itemID: id, outcome: outcome, note: note)))
        case .rearrange(let id, let day, let start, let note):
            let call = DeskOperation.LogRecontactCall(itemID: id, outcome: .rearranged, note: note, moveTo: (day,
                start))
            return .success(.logRecontactCall(call))
        }
    }
}

extension Reducer {
    /// A change came back: what the desk says, what closes, where the focus goes, and what to read afresh.
    static func finished(_ effect: Effect, _ result: Result<Outcome, ChangeFailure>,
                         _ state: inout AppState) -> [Effect] {
        if case .rearrange = effect { state.focus = .callsheet }
        switch result {
        case .failure(let failure):
            return failed(effect, failure, &state)
        case .success(let outcome):
            state.message = done(effect, outcome, state)
            let reload = Effect.reload(practiceID: state.view.practice?.id, day: state.view.day)
            switch effect {
            case .book(let form, _):
                state.form = nil
                if let booking = outcome.booking, let reference = booking.downtimeReference {
                    // The status line can cut a long message short; the reference must reach the paper whole.
                    state.overlay = .notice(title: "Downtime booking saved for "
                        + "\(Sanitise.visible(booking.patient.name)) at \(form.start).",
                                            lines: ["Write its reference on the paper record: \(reference)"])
                }
                return [.clearDraft, .reload(practiceID: form.practiceID, day: state.view.day)]
            case .closeIncident:
                state.overlay = nil
                return [reload]
            case .logCall:
                // A called party moves down the sheet or leaves it: the selection goes on to the next to call.
                let rows = state.view.callSheetRows, selected = state.selected(.callsheet)
                state.nextPartyToCall = rows.indices.contains(selected + 1) ? rows[selected + 1].organisation.id : nil
                return [reload]
            default:
                return [reload]
            }
        }
    }

    private static func failed(_ effect: Effect, _ failure: ChangeFailure, _ state: inout AppState) -> [Effect] {
        let isBooking: Bool
        if case .book = effect { isBooking = true } else { isBooking = false }
        switch failure {
        case .busy(let why):
            _ = reduce(&state, .writeBlocked(.locked, why))
            state.message = isBooking ? "Not saved yet: the booking is still in the form; Enter tries again."
                : "Not saved yet: try again in a moment."
        case .slotTaken(let words):
            if case .book(_, false) = effect {
                state.form?.question = .overbook
                state.form?.takenWords = words
                state.message = words
            }
            else { state.message = "Not saved: \(words)" }
        case .refused(let words), .invalid(let words), .failed(let words):
            state.message = "Not saved: \(words)"
        }
        return []
    }

    /// What the desk says when a change is made: the operation's own sentence, which the command line prints too.
    static func done(_ effect: Effect, _ outcome: Outcome, _ state: AppState) -> String {
        guard case .success(let operation)? = effect.operation(in: state) else { return "" }
        return operation.successSentence(outcome, zone: state.zone) ?? ""
    }
}
