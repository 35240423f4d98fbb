import Foundation
import DeskCore
import DeskStore
import DeskHub

/// Keeps a site in step with the hub on its own thread, for `sync --watch` and an open desk: a round at start, then
/// one whenever the hub notifies a push (LISTEN), a change waits here to go, or the timer runs out; while the hub
/// cannot be reached it retries with back-off. It never touches the screen: the desk reads `state` between keys.
final class SyncWorker: @unchecked Sendable {
    /// A round at least this often, notifications or not (a notification can be lost with its connection).
    static let interval: TimeInterval = 30
    /// Back-off while offline doubles from one second up to this.
    static let longestBackOff: TimeInterval = 60

    private let store: DeskStore
    private let url: HubURL
    private let now: @Sendable () -> Date
    /// Called on the worker's thread after each round, with what it did (nil when it failed).
    private let roundEnded: @Sendable (HubState, SyncRound.Result?) -> Void
    private let wake = Waker()
    private let lock = NSLock()
    private var stopped = false
    private var current: HubState = .connecting
    private var listener: Task<Void, Never>?
    private var finished = DispatchSemaphore(value: 0)

    init(store: DeskStore, url: HubURL, now: @escaping @Sendable () -> Date,
         roundEnded: @escaping @Sendable (HubState, SyncRound.Result?) -> Void = { _, _ in }) {
        self.store = store; self.url = url; self.now = now; self.roundEnded = roundEnded
    }

    var state: HubState { locked { current } }

    func start() {
        let thread = Thread { [self] in
            run()
            finished.signal()
        }
        thread.name = "downtime-desk sync"
        thread.start()
    }

    /// Something changed here, or the hub said something changed there: a round now, not at the timer.
    func poke() { wake.poke() }

    /// Stops after the round under way, if any, and waits up to `seconds` for it.
    func stop(waiting seconds: TimeInterval = 5) {
        let task = locked { () -> Task<Void, Never>? in stopped = true; return listener }
        task?.cancel()
        wake.poke()
        _ = finished.wait(timeout: .now() + seconds)
    }

    private var isStopped: Bool { locked { stopped } }

    private func locked<T>(_ body: () -> T) -> T { lock.lock(); defer { lock.unlock() }; return body() }

    private func run() {
        var backOff: TimeInterval = 1
        var offlineSince: Date?
        while !isStopped {
            let store = self.store, url = self.url, now = self.now
            let next: TimeInterval
            let state: HubState
            var result: SyncRound.Result?
            do {
                result = try SyncRound.runLocked(store: store, url: url, now: now())
                offlineSince = nil; backOff = 1
                state = .upToDate(at: now(), notApplied: (try? store.incomingProblems().count) ?? 0)
                listen()
                next = Self.interval
            } catch HubError.unreachable(let endpoint, let why) {
                let since = offlineSince ?? now()
                offlineSince = since
                state = .offline(since: since, waiting: (try? store.waitingForHubCount()) ?? 0,
                                 why: "cannot reach the hub at \(endpoint): \(why)")
                next = backOff
                backOff = min(backOff * 2, Self.longestBackOff)
            } catch let refusal as Refusal {
                state = .refused(why: refusal.description, waiting: (try? store.waitingForHubCount()) ?? 0)
                next = Self.longestBackOff
            } catch {
                state = .refused(why: "\(error)", waiting: (try? store.waitingForHubCount()) ?? 0)
                next = Self.longestBackOff
            }
            locked { current = state }
            roundEnded(state, result)
            waitForWork(upTo: next, inStep: result != nil)
        }
    }

    /// Sleeps until poked or `seconds` pass. In step with the hub, it also wakes when a change made here by another
    /// program (the command line, another terminal) waits to go, looking once a second.
    private func waitForWork(upTo seconds: TimeInterval, inStep: Bool) {
        let deadline = Date().addingTimeInterval(seconds)
        while !isStopped {
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return }
            if wake.wait(seconds: min(1, left)) { return }
            if inStep, ((try? store.waitingForHubCount()) ?? 0) > 0 { return }
        }
    }

    private func listenerEnded() { locked { listener = nil } }

    /// A listening connection beside the rounds, started again after a round whenever it has ended.
    private func listen() {
        locked {
            guard listener == nil, !stopped else { return }
            let url = self.url
            let wake = self.wake
            listener = Task { [weak self] in
                try? await HubSync.listen(url) { wake.poke() }
                // The connection ended: a round at once finds out whether the hub is gone, not at the timer.
                self?.listenerEnded()
                wake.poke()
            }
        }
    }
}

/// Wakes the worker; any number of pokes before it wakes count as one, so a burst of notifications (a site pushing
/// a thousand changes) makes one round, not a thousand.
final class Waker: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var poked = false

    func poke() {
        lock.lock(); defer { lock.unlock() }
        guard !poked else { return }
        poked = true
        semaphore.signal()
    }

    /// Whether it was poked within `seconds`.
    func wait(seconds: TimeInterval) -> Bool {
        guard semaphore.wait(timeout: .now() + seconds) == .success else { return false }
        lock.lock(); poked = false; lock.unlock()
        return true
    }
}
