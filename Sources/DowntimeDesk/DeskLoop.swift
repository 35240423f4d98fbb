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
    let composer: NoticeComposer
    /// Set on the host's terminal, which delivers the notice emails.
    let courier: BackgroundCourier?
    /// Set when a hub is configured: keeps this site in step with it, off the drawing loop.
    let sync: SyncWorker?
    /// The settings: where the public status page goes when this desk declares or restores.
    var settings = DeskSettings()
    /// Short enough that another terminal's booking shows well within a second.
    static let pollMilliseconds = 250
    /// The change token when the screen last read everything: the poll reloads when the journal's head moves past
    /// it, and while it holds a day switch reads only the day.
    final class ShownToken { var value: String? }
    let shown = ShownToken()
    /// The last draft that could not be saved because another program held the file: saved once it lets go. `clear`:
    /// a closed form's draft is to be removed once the worker's change is done.
    final class PendingDraft { var form: BookingForm?; var clear = false }
    let pendingDraft = PendingDraft()
    /// Declaring, restoring and sending an update compose a round for every party: they run here, off the loop.
    let worker = OperationWorker()
    /// How often the loop looks for a change the worker finished: well within a frame of its end.
    static let workerPollMilliseconds = 15

    func run(_ state: inout AppState) throws {
        // Quitting (or a hang-up) waits for a change already under way: it is saved whole or not at all, never cut.
        defer { worker.waitUntilIdle() }
        shown.value = try? store.changeToken()
        if let draft = leftoverDraft(for: state.actor) { _ = Reducer.reduce(&state, .draftFound(draft)) }
        terminal.draw(Screen.render(state, glyphs: terminal.glyphs))
        // Read → reduce → run each effect → reduce its result (which may ask for more: a reload) → draw.
        while terminationRequested == 0 {
            // A change the worker finished is taken before the next key, as if it had been done here.
            let done = worker.collect()
            var effects = done.isEmpty ? nextEffects(&state)
                : done.flatMap { finished($0.effect, asked: $0.asked, result: $0.result, &state) }
            state.busy = worker.busyWords
            if !done.isEmpty, !worker.isBusy, state.writeTrouble == nil { keepDraftAfterWorker(&state) }
            // Whether the screen still has to show the state: a draft's write draws first, and then only what
            // changes after it needs the frame at the end.
            var framePending = true
            while !effects.isEmpty {
                let effect = effects.removeFirst()
                let isDraftWrite = effect.isDraftSave || effect == .clearDraft
                if isDraftWrite, framePending {
                    terminal.draw(Screen.render(state, glyphs: terminal.glyphs))
                    framePending = false
                }
                if !isDraftWrite { framePending = true }
                if let words = effect.busyWords {
                    // Said on screen before the work starts, and gone when it is done.
                    state.busy = words
                    terminal.draw(Screen.render(state, glyphs: terminal.glyphs))
                }
                defer { state.busy = worker.busyWords }
                switch effect {
                case .quit: return
                case .reload(let practiceID, let day):
                    reload(&state, practiceID: practiceID, day: day)
                case .refresh:
                    shown.value = nil
                    reload(&state, practiceID: state.view.practice?.id, day: state.view.day)
                // A draft's write waits for the disk, so what the key changed was drawn before it (above); the write
                // shows nothing unless it fails, and then it is drawn again.
                case .saveDraft(let form):
                    if saveDraft(form, &state) { framePending = true }
                case .clearDraft:
                    // While the worker holds the write lock, removing the draft waits for it to finish, not here.
                    if worker.isBusy { pendingDraft.form = nil; pendingDraft.clear = true }
                    else { try? store.clearDraft(owner: draftOwner(state.actor)) }
                case .search(let query, let scope):
                    search(query, scope, &state)
                default:
                    guard let asked = effect.operation(in: state) else { continue }
                    if case .success(let operation) = asked, effect.changesOutageState || worker.isBusy {
                        let (store, composer, actor, now) = (store, composer, state.actor, state.now)
                        worker.submit(effect, operation) { Self.apply($0, to: store, composer: composer, as: actor,
                                                                      at: now) }
                        continue
                    }
                    let result = asked.flatMap { Self.apply($0, to: store, composer: composer, as: state.actor,
                                                            at: state.now) }
                    effects += finished(effect, asked: asked, result: result, &state)
                }
            }
            if framePending { terminal.draw(Screen.render(state, glyphs: terminal.glyphs)) }
        }
    }

    /// A change done (here or by the worker): the reducer hears how it went, and the hub, the courier and the
    /// public status page hear of it now rather than at their next look.
    private func finished(_ effect: Effect, asked: Result<DeskOperation, ChangeFailure>,
                          result: Result<Outcome, ChangeFailure>, _ state: inout AppState) -> [Effect] {
        let effects = Reducer.reduce(&state, .finished(effect, result))
        if case .success = result { sync?.poke() }
        if case .success(.declareOutage) = asked { courier?.poke() }
        if case .success(.restoreOutage) = asked { courier?.poke() }
        if case .success(.postUpdate) = asked { courier?.poke() }
        if case .success = result, effect.changesOutageState,
           let warning = StatusPageWriter.refresh(store, settings: settings, now: state.now, zone: state.zone) {
            state.message = warning
        }
        return effects
    }

    /// Applies one operation; what it did, or why not in the desk's words, goes back to the reducer.
    private static func apply(_ operation: DeskOperation, to store: DeskStore, composer: NoticeComposer,
                              as actor: Actor, at now: Date) -> Result<Outcome, ChangeFailure> {
        do {
            return .success(try store.apply(OperationRecord(at: now, actor: actor, operation: operation),
                                            composer: composer))
        } catch StoreError.busy(let why) {
            return .failure(.busy(why))
        } catch let error as StoreError {
            return .failure(.refused(error.description))
        } catch let refusal as Refusal {
            if case .slotTaken = refusal { return .failure(.slotTaken(refusal.description)) }
            return .failure(.refused(refusal.description))
        } catch {
            return .failure(.failed(StorageFailure.explain(error, path: store.path) ?? "\(error)"))
        }
    }

    /// One practice's (or one site's) bookings by index: quick enough to answer each key typed in the search.
    private func search(_ query: BookingQuery, _ scope: BookingSearchScope, _ state: inout AppState) {
        do {
            let found = try store.searchBookings(query, scope: scope, today: LocalDate(state.now, in: state.zone))
            _ = Reducer.reduce(&state, .searchFound(found, for: query.text))
        } catch {
            _ = Reducer.reduce(&state, .readFailed(StorageFailure.explain(error, path: store.path) ?? "\(error)"))
        }
    }

    /// Keeps the half-filled form; while another program holds the file it waits here, so typing never does.
    /// True when it had something to say (the state changed and needs drawing).
    @discardableResult
    private func saveDraft(_ form: BookingForm, _ state: inout AppState) -> Bool {
        guard state.writeTrouble?.kind != .locked else { pendingDraft.form = form; return false }
        // The worker holds the write lock for its change: the draft is kept once it is done, not waited for here.
        guard !worker.isBusy else { pendingDraft.form = form; pendingDraft.clear = false; return false }
        guard let body = try? String(decoding: JSONEncoder().encode(form), as: UTF8.self) else { return false }
        do {
            try store.saveDraft(owner: draftOwner(state.actor), body: body, at: state.now)
            pendingDraft.form = nil
            return false
        } catch StoreError.busy(let why) {
            pendingDraft.form = form
            _ = Reducer.reduce(&state, .writeBlocked(.locked, why))
        } catch {
            _ = Reducer.reduce(&state, .draftNotKept("\(error)"))
        }
        return true
    }

    /// The worker is done: the draft written or removed meanwhile, the last word of the two, is kept now.
    private func keepDraftAfterWorker(_ state: inout AppState) {
        if pendingDraft.clear {
            pendingDraft.clear = false
            try? store.clearDraft(owner: draftOwner(state.actor))
        }
        if let form = pendingDraft.form, state.form != nil { saveDraft(form, &state) }
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
        // While the worker runs a change, the loop looks for its end often; a key still wakes it at once.
        switch terminal.readEvent(timeout: worker.isBusy ? Self.workerPollMilliseconds : Self.pollMilliseconds) {
        case .key(let key)?:
            return typeAhead(after: Reducer.reduce(&state, .key(key)), &state)
        case .resize(let width, let height)?:
            return Reducer.reduce(&state, .resize(width: width, height: height))
        case nil:
            let now = (try? context.now()) ?? Date()
            var effects = Reducer.reduce(&state, .tick(now))
            retryBlockedWrites(&state)
            if let hub = sync?.state, hub != state.hub { effects += Reducer.reduce(&state, .hubChanged(hub)) }
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
