import Foundation
import DeskCore
import DeskUI

/// Applies the desk's changes that take a moment (a notice round for a thousand parties) on a thread of its own,
/// one at a time and in the order asked, so the drawing loop answers keys meanwhile. While one runs, every later
/// change queues behind it: made on the loop, it would wait there for the write lock the first one holds.
final class OperationWorker: @unchecked Sendable {
    struct Finished {
        var effect: Effect
        var asked: Result<DeskOperation, ChangeFailure>
        var result: Result<Outcome, ChangeFailure>
    }

    private let queue = DispatchQueue(label: "downtime-desk.operations")
    private let lock = NSLock()
    /// Asked for and not yet collected, oldest first.
    private var pending: [Effect] = []
    private var finished: [Finished] = []

    var isBusy: Bool { lock.withLock { !pending.isEmpty } }

    /// What the status line says while changes wait here: the first one's words.
    var busyWords: String? {
        lock.withLock { pending.first.map { $0.busyWords ?? "Saving…" } }
    }

    func submit(_ effect: Effect, _ operation: DeskOperation,
                apply: @escaping @Sendable (DeskOperation) -> Result<Outcome, ChangeFailure>) {
        lock.withLock { pending.append(effect) }
        queue.async { [self] in
            let result = apply(operation)
            lock.withLock { finished.append(Finished(effect: effect, asked: .success(operation), result: result)) }
        }
    }

    /// The changes done since the last call, in the order they were asked for.
    func collect() -> [Finished] {
        lock.withLock {
            let done = finished
            finished = []
            pending.removeFirst(done.count)
            return done
        }
    }

    /// Returns once every change asked for is done: the desk never quits in the middle of one.
    func waitUntilIdle() { queue.sync {} }
}
