import Foundation
import DeskCore
import DeskStore
import DeskUI
import DeskTerminal

/// The event loop: read a key (or time out), reduce, perform effects, draw. Other terminals' changes are
/// noticed by polling the journal's change token between keys, so they show within a second.
struct DeskLoop {
    let terminal: Terminal
    let store: DeskStore
    let context: DeskContext
    /// Short enough that another terminal's booking shows well within a second.
    static let pollMilliseconds = 250

    func run(_ state: inout AppState) throws {
        var token = (try? store.changeToken()) ?? 0
        terminal.draw(Screen.render(state, glyphs: terminal.glyphs))
        while terminationRequested == 0 {
            for effect in nextEffects(&state, token: &token) {
                let (actor, now) = (state.actor, state.now)
                switch effect {
                case .quit: return
                case .reload(let practiceID, let day):
                    reload(&state, practiceID: practiceID, day: day)
                case .setStatus(let id, let status):
                    perform(&state, done: "Marked \(status.label).") {
                        try store.setStatus(of: id.uuidString, to: status, reason: nil, actor: actor, at: now)
                    }
                case .markSeen(let ids):
                    perform(&state, done: ids.count == 1 ? "Marked seen." : "Marked \(ids.count) bookings seen.") {
                        try store.markSeen(ids, actor: actor, at: now)
                    }
                }
            }
            terminal.draw(Screen.render(state, glyphs: terminal.glyphs))
        }
    }

    private func reload(_ state: inout AppState, practiceID: UUID?, day: LocalDate) {
        do { _ = Reducer.reduce(&state, .loaded(try store.loadView(practiceID: practiceID, day: day))) }
        catch { state.message = "Could not read the database: \(error)" }
    }

    /// Writes a change, then shows the result (or why it was refused) and the fresh data.
    private func perform(_ state: inout AppState, done: String, _ write: () throws -> Void) {
        do {
            try write()
            reload(&state, practiceID: state.view.practice?.id, day: state.view.day)
            state.message = done
        } catch {
            state.message = "Not saved: \(error)"
        }
    }

    /// One turn: Ctrl-C, a key, a resize, or (on time-out) the clock and other terminals' changes.
    private func nextEffects(_ state: inout AppState, token: inout Int64) -> [Effect] {
        if interruptRequested != 0 {
            interruptRequested = 0
            return Reducer.run("quit", &state)
        }
        switch terminal.readEvent(timeout: Self.pollMilliseconds) {
        case .key(let key)?:
            return Reducer.reduce(&state, .key(key))
        case .resize(let width, let height)?:
            return Reducer.reduce(&state, .resize(width: width, height: height))
        case nil:
            let now = (try? context.now()) ?? Date()
            let wasToday = state.view.day == LocalDate(state.now, in: state.zone)
            var effects = Reducer.reduce(&state, .tick(now))
            let today = LocalDate(now, in: state.zone)
            // At midnight a desk showing "today" moves on to the new day.
            if wasToday && state.view.day != today {
                effects.append(.reload(practiceID: state.view.practice?.id, day: today))
            } else if let latest = try? store.changeToken(), latest != token {
                token = latest
                effects.append(.reload(practiceID: state.view.practice?.id, day: state.view.day))
            }
            return effects
        }
    }
}
