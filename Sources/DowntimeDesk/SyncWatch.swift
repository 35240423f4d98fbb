import Foundation
import DeskCore
import DeskStore
import DeskHub

/// `sync --watch`: the sync worker in the foreground, for a service manager. It prints a line when where it stands
/// changes (in step, offline, refused) and one for each round that moved anything, and stops cleanly on SIGTERM or
/// SIGINT after the round under way.
enum SyncWatch {
    nonisolated(unsafe) static var stopRequested: sig_atomic_t = 0

    static func run(store: DeskStore, url: HubURL, context: DeskContext, format: OutputFormat) throws {
        for sig in [SIGTERM, SIGINT, SIGHUP] { signal(sig) { _ in SyncWatch.stopRequested = 1 } }
        let zone = context.zone
        let site: @Sendable () -> String = { (try? store.hubBinding()?.organisation.name) ?? nil ?? "this site" }
        let said = LastSaid()
        let pinned = context.environment["DOWNTIME_DESK_NOW"].flatMap { $0.isEmpty ? nil : try? context.now() }
        let worker = SyncWorker(store: store, url: url, now: { pinned ?? Date() }) { state, result in
            let pending = (try? store.waitingForHubCount()) ?? 0
            if let result, result.pushed > 0 || result.pulled.applied > 0 || !result.pulled.problems.isEmpty {
                switch format {
                case .json:
                    let pulled = result.pulled
                    let line = SyncRoundJSON(pushed: result.pushed, pulled: pulled.applied, pending: pending,
                                             conflicts: pulled.conflicts, waiting: pulled.waiting,
                                             problems: pulled.problems)
                    if let json = try? JSONOutput.encodeLine(line) { print(json) }
                case .text:
                    for line in SyncRound.sentences(site: site(), result, pending: pending) { print(line) }
                }
            }
            let words = Self.words(state, zone: zone)
            if format == .text, said.changed(to: words) { print(words) }
            // Lines go out as they are written, even into a service manager's pipe.
            fflush(nil)
        }
        worker.start()
        while stopRequested == 0 { usleep(100_000) }
        worker.stop(waiting: 30)
        if format == .text { print("Stopped; \(pending(store)) waiting for the hub.") }
    }

    private static func pending(_ store: DeskStore) -> String {
        let count = (try? store.waitingForHubCount()) ?? 0
        return count == 1 ? "1 change" : "\(count) changes"
    }

    /// The status line's words, and on a refusal or an outage of the hub why, which the log should keep.
    static func words(_ state: HubState, zone: TimeZone) -> String {
        switch state {
        case .offline(_, _, let why), .refused(let why, _): return state.sentence(zone: zone) + ": " + why
        default: return state.sentence(zone: zone).replacingOccurrences(of: #" \d\d:\d\d"#, with: "",
                                                                         options: .regularExpression)
        }
    }

    /// The last state line printed, so an unchanged state is not printed every round.
    final class LastSaid: @unchecked Sendable {
        private var last: String?
        private let lock = NSLock()
        func changed(to words: String) -> Bool {
            lock.lock(); defer { lock.unlock() }
            guard words != last else { return false }
            last = words
            return true
        }
    }
}
