import Foundation
import ArgumentParser
import DeskCore
import DeskStore

/// What a command against the store is given: the store open, who is at this terminal, and the time now.
struct Session {
    let context: DeskContext
    let store: DeskStore
    let actor: Actor
    let site: Organisation?
    let now: Date

    var parts: (store: DeskStore, actor: Actor, site: Organisation?, now: Date) { (store, actor, site, now) }

    /// Applies one operation as this terminal; a refusal becomes one line, with the command line's hint.
    @discardableResult
    func apply(_ operation: DeskOperation, composer: NoticeComposer = NoticeComposer()) throws -> Outcome {
        try perform {
            try store.apply(OperationRecord(at: now, actor: actor, operation: operation), composer: composer)
        }
    }

    /// Applies one operation and prints what it did: the same sentence the desk shows for it.
    @discardableResult
    func applyAndSay(_ operation: DeskOperation, composer: NoticeComposer = NoticeComposer()) throws -> Outcome {
        let outcome = try apply(operation, composer: composer)
        if let sentence = operation.successSentence(outcome, zone: context.zone) { print(sentence) }
        return outcome
    }
}

/// A command against the store. The runner opens the store and works out who is at this terminal (once, here, for
/// every command), runs the command with that session, and turns what it throws into one line for standard error
/// and a non-zero exit: a refusal in the permission table's words with the command line's hint, a store error
/// explained in words.
protocol StoreCommand: ParsableCommand {
    var options: DeskOptions { get }
    /// The terminal journaled with a change: the device by default; reading commands say `cli`.
    var terminal: String { get }
    func run(_ session: Session) throws
}

extension StoreCommand {
    var terminal: String { DeskContext.terminalName }

    func run() throws {
        try Session.with(options, terminal: terminal) { try run($0) }
    }
}

extension Session {
    /// The runner: opens the store, works out who is at this terminal, runs `body` as them, and turns what it
    /// throws into one line. A command that must check its input before touching the store (a dry run, a
    /// missing --force) calls this itself once the input is good.
    static func with<T>(_ options: DeskOptions, terminal: String = DeskContext.terminalName,
                        _ body: (Session) throws -> T) throws -> T {
        let context = DeskContext(options: options)
        let (store, actor, site, now) = try context.openSession(terminal: terminal)
        do {
            return try body(Session(context: context, store: store, actor: actor, site: site, now: now))
        } catch let refusal as Refusal {
            throw DeskFailure(refusal.withCommandLineHint)
        } catch let error as StoreError {
            throw DeskFailure(error.description)
        }
    }
}
