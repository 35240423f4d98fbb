import Foundation
import DeskCore
import DeskStore
import DeskUI
import DeskTerminal
import DeskConfig

/// The event loop: read a key (or time out), reduce, perform effects, draw. Other terminals' changes are
/// noticed by polling the journal's change token between keys, so they show within a second.
struct DeskLoop {
    let terminal: Terminal
    let store: DeskStore
    let context: DeskContext
    let settings: DeskSettings
    let composer: NoticeComposer
    /// Set on the host's terminal, which delivers the notice emails.
    let courier: BackgroundCourier?
    /// Short enough that another terminal's booking shows well within a second.
    static let pollMilliseconds = 250
    /// The change token when the screen last read everything: the poll reloads when the journal's head moves past
    /// it, and while it holds a day switch reads only the day.
    final class ShownToken { var value: String? }
    let shown = ShownToken()
    /// The last draft that could not be saved because another program held the file: saved once it lets go.
    final class PendingDraft { var form: BookingForm? }
    let pendingDraft = PendingDraft()

    func run(_ state: inout AppState) throws {
        shown.value = try? store.changeToken()
        if let draft = leftoverDraft(for: state.actor) { state.overlay = .offerDraft(draft) }
        terminal.draw(Screen.render(state, glyphs: terminal.glyphs))
        while terminationRequested == 0 {
            for effect in nextEffects(&state) {
                let (actor, now) = (state.actor, state.now)
                switch effect {
                case .quit: return
                case .reload(let practiceID, let day):
                    reload(&state, practiceID: practiceID, day: day)
                case .refresh:
                    shown.value = nil
                    reload(&state, practiceID: state.view.practice?.id, day: state.view.day)
                case .setStatus(let id, let status, let reason):
                    perform(&state, done: "Marked \(status.label).",
                            .changeStatus(.init(bookingID: id, status: status, reason: reason)))
                case .book(let form, let overbook):
                    book(&state, form: form, overbook: overbook)
                case .saveDraft(let form):
                    saveDraft(form, &state)
                case .clearDraft:
                    try? store.clearDraft(owner: draftOwner(actor))
                case .markBackEntered(let id, let reference):
                    perform(&state, done: "Back-entered as \(reference).",
                            .markBackEntered(.init(bookingID: id, centralReference: reference)))
                case .move(let id, let day, let start):
                    perform(&state, done: "Moved to \(day.longDescription) \(start).",
                            .move(.init(bookingID: id, day: day, start: start, overbook: false)))
                case .declareOutage(let system, let since, let reason, let instructions):
                    perform(&state, done: "Outage of \(system) declared; the outage notice goes to every party.",
                            .declareOutage(.init(system: system, since: since, reason: reason,
                                                 instructions: instructions)))
                    courier?.poke()
                case .restoreOutage(let system):
                    perform(&state, done: "\(system) restored; the restoration notice goes to every party.",
                            .restoreOutage(.init(system: system, restoredAt: now)))
                    courier?.poke()
                case .acknowledge(let id):
                    perform(&state, done: "Acknowledged for \(state.actor.site).",
                            .acknowledge(.init(organisationID: id, via: .app, by: actor.user)))
                case .logCall(let id, let number, let outcome, let note):
                    let done = outcome == .acknowledged ? "Acknowledged by phone; off the call-sheet."
                        : "Call logged: \(outcome.label)."
                    perform(&state, done: done, .logCall(.init(organisationID: id, number: number, outcome: outcome,
                                                               note: note, interval: settings.callInterval)))
                case .addIncidentNote(let number, let text):
                    perform(&state, done: "Noted on \(number).", .addIncidentNote(.init(number: number, text: text)))
                case .changeSeverity(let number, let severity, let reason):
                    perform(&state, done: "\(number) is now severity \(severity).",
                            .changeIncidentSeverity(.init(number: number, severity: severity, reason: reason)))
                case .closeIncident(let number, let agreedBy, let override):
                    perform(&state, done: "\(number) closed, agreed with \(agreedBy).",
                            .closeIncident(.init(number: number, agreedBy: agreedBy, override: override)))
                    if state.message?.hasPrefix("\(number) closed") == true { state.overlay = nil }
                case .tickRunbook(let number, let position, let undo):
                    perform(&state, done: undo ? "Unticked." : "Ticked as done by \(actor.user).",
                            .tickRunbook(.init(number: number, position: position, undo: undo)))
                case .logRecontactCall(let id, let outcome, let note):
                    perform(&state, done: "Call logged: \(outcome.label).",
                            .logRecontactCall(.init(itemID: id, outcome: outcome, note: note)))
                case .rearrange(let id, let day, let start, let note):
                    perform(&state, done: "Rearranged to \(day.longDescription) \(start); call logged.",
                            .logRecontactCall(.init(itemID: id, outcome: .rearranged, note: note, moveTo: (day,
                                start))))
                    state.focus = .callsheet
                case .markSeen(let ids):
                    perform(&state, done: ids.count == 1 ? "Marked seen." : "Marked \(ids.count) bookings seen.",
                            .markSeen(.init(bookingIDs: ids)))
                }
            }
            terminal.draw(Screen.render(state, glyphs: terminal.glyphs))
        }
    }

    /// Keeps the half-filled form; while another program holds the file it waits here, so typing never does.
    private func saveDraft(_ form: BookingForm, _ state: inout AppState) {
        guard state.writeTrouble?.kind != .locked else { pendingDraft.form = form; return }
        guard let body = try? String(decoding: JSONEncoder().encode(form), as: UTF8.self) else { return }
        do {
            try store.saveDraft(owner: draftOwner(state.actor), body: body, at: state.now)
            pendingDraft.form = nil
        } catch let error as StoreError {
            if case .busy(let why) = error {
                pendingDraft.form = form
                _ = Reducer.reduce(&state, .writeBlocked(.locked, why))
            } else if state.writeTrouble == nil {
                state.message = "Could not keep the draft: \(error)"
            }
        } catch {
            state.message = "Could not keep the draft: \(error)"
        }
    }

    /// On a quiet tick while the file is locked: once a write can start, the waiting draft is saved.
    private func retryBlockedWrites(_ state: inout AppState) {
        guard state.writeTrouble?.kind == .locked, store.canWrite() else { return }
        _ = Reducer.reduce(&state, .writeResumed)
        if let form = pendingDraft.form, state.form != nil { saveDraft(form, &state) }
        else { pendingDraft.form = nil }
    }

    /// Drafts belong to a person at a site, so they come back wherever that person logs in next.
    func draftOwner(_ actor: Actor) -> String { "\(actor.user)|\(actor.site)" }

    /// The draft left by a crash or a killed terminal, if any.
    func leftoverDraft(for actor: Actor) -> BookingForm? {
        guard let body = try? store.loadDraft(owner: draftOwner(actor)) else { return nil }
        return try? JSONDecoder().decode(BookingForm.self, from: Data(body.utf8))
    }

    private func book(_ state: inout AppState, form: BookingForm, overbook: Bool) {
        guard case .success(let details) = form.draft.validate(today: LocalDate(state.now, in: state.zone),
                                                               resolveED: state.view.edID(named:)) else {
            state.message = "Not saved: fix the fields marked ✗."
            return
        }
        guard let practice = state.view.practices.first(where: { $0.id == form.practiceID }) else {
            state.message = "Not saved: the practice is no longer in the directory."
            return
        }
        do {
            let operation = DeskOperation.book(.init(practiceID: practice.id, day: form.day, start: form.start,
                                                     details: details, overbook: overbook))
            guard let booking = try store.apply(OperationRecord(at: state.now, actor: state.actor,
                                                                operation: operation)).booking else { return }
            state.form = nil
            try? store.clearDraft(owner: draftOwner(state.actor))
            reload(&state, practiceID: practice.id, day: state.view.day)
            state.message = "Booked \(details.patient.name) at \(form.start)" + (booking.downtimeReference.map { ", downtime ref \($0)" } ?? "") + "."
            if let reference = booking.downtimeReference {
                // The status line can cut a long message short; the reference must reach the paper record whole.
                state.overlay = .notice(title: "Downtime booking saved for \(Sanitise.visible(details.patient.name)) "
                    + "at \(form.start).",
                                        lines: ["Write its reference on the paper record: \(reference)"])
            }
        } catch let error as StoreError where !overbook && error.description.contains("already booked") {
            state.form?.question = .overbook
            state.message = "\(error)"
        } catch StoreError.busy(let why) {
            _ = Reducer.reduce(&state, .writeBlocked(.locked, why))
            state.message = "Not saved yet: the booking is still in the form; Enter tries again."
        } catch {
            state.message = "Not saved: \(error)"
        }
    }

    private func reload(_ state: inout AppState, practiceID: UUID?, day: LocalDate) {
        do {
            let token = try store.changeToken()
            // Nothing changed since everything was read (and that read worked): only the day moved.
            let unchanged = token == shown.value && state.readFailure == nil
            let view = try store.deskView(for: state.actor, practiceID: practiceID, day: day, now: state.now, zone: state.zone,
                                          keeping: unchanged ? state.view : nil)
            shown.value = token
            _ = Reducer.reduce(&state, .loaded(view))
        } catch {
            shown.value = nil
            _ = Reducer.reduce(&state, .readFailed(StorageFailure.explain(error, path: store.path) ?? "\(error)"))
        }
    }

    /// Writes a change, then shows the result (or why it was refused) and the fresh data.
    /// Applies one operation as the desk's actor, now; what it did, or why not, goes on the status line.
    private func perform(_ state: inout AppState, done: String, _ operation: DeskOperation) {
        do {
            try store.apply(OperationRecord(at: state.now, actor: state.actor, operation: operation),
                            composer: composer)
            reload(&state, practiceID: state.view.practice?.id, day: state.view.day)
            state.message = done
        } catch StoreError.busy(let why) {
            _ = Reducer.reduce(&state, .writeBlocked(.locked, why))
            state.message = "Not saved yet: try again in a moment."
        } catch {
            state.message = "Not saved: \(error)"
        }
    }

    /// Keys already waiting (a paste from a terminal without bracketed paste, or fast typing) are taken before the
    /// next draw, and only the last draft of the run is saved: one disk write, not one per character. It stops at
    /// the first key that asks for anything else, so that effect runs before later keys are read.
    private func typeAhead(after first: [Effect], _ state: inout AppState) -> [Effect] {
        var effects = first
        var taken = 0
        reading: while taken < 4096, effects.allSatisfy(\.isDraftSave) {
            switch terminal.readEvent(timeout: 0) {
            case .key(let key)?: effects += Reducer.reduce(&state, .key(key))
            case .resize(let width, let height)?:
                effects += Reducer.reduce(&state, .resize(width: width, height: height))
            case nil: break reading
            }
            taken += 1
        }
        guard let lastDraft = effects.lastIndex(where: \.isDraftSave) else { return effects }
        return effects.enumerated().compactMap { index, effect in
            effect.isDraftSave && index != lastDraft ? nil : effect
        }
    }

    /// One turn: Ctrl-C, a key, a resize, or (on time-out) the clock and other terminals' changes.
    private func nextEffects(_ state: inout AppState) -> [Effect] {
        if interruptRequested != 0 {
            interruptRequested = 0
            return Reducer.run("quit", &state)
        }
        switch terminal.readEvent(timeout: Self.pollMilliseconds) {
        case .key(let key)?:
            return typeAhead(after: Reducer.reduce(&state, .key(key)), &state)
        case .resize(let width, let height)?:
            return Reducer.reduce(&state, .resize(width: width, height: height))
        case nil:
            let now = (try? context.now()) ?? Date()
            var effects = Reducer.reduce(&state, .tick(now))
            retryBlockedWrites(&state)
            if effects.isEmpty {
                do {
                    // After a failed read the screen is stale even if nothing changed since: read it afresh.
                    if try store.changeToken() != shown.value || state.readFailure != nil {
                        effects.append(.reload(practiceID: state.view.practice?.id, day: state.view.day))
                    }
                } catch {
                    let words = StorageFailure.explain(error, path: store.path) ?? "\(error)"
                    effects += Reducer.reduce(&state, .readFailed(words))
                }
            }
            return effects
        }
    }
}
