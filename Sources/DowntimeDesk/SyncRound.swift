import Foundation
import DeskCore
import DeskStore
import DeskHub

/// One round of sync, shared by `sync`, `sync --watch` and the desk: bind, push what waits, pull what is new.
enum SyncRound {
    struct Result: Sendable {
        var pushed = 0
        var pulled = PullReport()
    }

    /// One round from synchronous code (a command, the sync worker's thread), holding the file's sync lock: a
    /// desk and `sync --watch` on one file take turns rather than apply one pull twice.
    static func runLocked(store: DeskStore, url: HubURL, now: Date) throws -> Result {
        // Invented patients must never reach a real network.
        if try store.holdsDemoNetwork() {
            throw DeskFailure("\(store.path) holds the demo network (made by 'downtime-desk demo'): its patients are "
                + "invented, and a demo database never syncs with a hub")
        }
        let lock = try SyncFileLock(beside: store.path)
        defer { lock.release() }
        return try HubBlocking.run { try await run(store: store, url: url, now: now) }
    }

    /// A file is bound as soon as its directory holds the login's organisation; an empty file pulls its directory
    /// (and everything else it may read) first and is bound after, so one `sync` sets up a new site.
    static func run(store: DeskStore, url: HubURL, now: Date) async throws -> Result {
        try await HubConnection.using(url) { hub in
            guard let me = try await HubSync.myOrganisation(hub) else {
                throw HubError.refused("\(url.user) is not a site of this hub (removed, or never added)")
            }
            var result = Result()
            let knowsItself = try store.organisations().contains { $0.id == me }
            if knowsItself {
                try store.bindToHub(organisationID: me, at: now)
                result.pulled.problems += try await adopt(store, hub, me: me)
                result.pushed += try await push(store, hub, now: now)
            }
            result.pulled = try await pull(store, hub, me: me, now: now)
            if !knowsItself {
                guard try store.organisations().contains(where: { $0.id == me }) else {
                    throw Refusal.rule("the hub has no directory entry for this site yet: the host sends its "
                                       + "directory with its own sync first")
                }
                try store.bindToHub(organisationID: me, at: now)
                let adopted = try await adopt(store, hub, me: me)
                result.pulled.problems += adopted
                result.pushed += try await push(store, hub, now: now)
            }
            return result
        }
    }

    /// Takes in this site's own changes the hub has from another file of it (a backup restored here, a second
    /// machine), so this file's chain continues the hub's and what was made here goes after; its problems, in words.
    static func adopt(_ store: DeskStore, _ hub: HubConnection, me: UUID) async throws -> [String] {
        guard let site = try store.organisations().first(where: { $0.id == me }) else { return [] }
        var problems: [String] = []
        while true {
            let batch = try await HubSync.own(after: try store.ownPushedThrough(), from: hub)
            let parked = try store.hasParkedOutgoing()
            guard !batch.isEmpty || parked else { break }
            problems += try store.adoptOwn(batch, me: site).problems
            if batch.count < 500 { break }
        }
        return problems
    }

    /// Pushes what waits, in order, recording each as the hub takes it.
    static func push(_ store: DeskStore, _ hub: HubConnection, now: Date) async throws -> Int {
        var pushed = 0
        while case let batch = try store.waitingForHub(), !batch.isEmpty {
            let outgoing = batch.map { operation in
                HubSync.Outgoing(position: operation.hubPosition, hash: operation.local.hash,
                                 previousHash: operation.local.previousHash, kind: operation.local.kind.rawValue,
                                 audience: operation.audience, record: operation.local.record)
            }
            let places: [Int]
            do { places = try await HubSync.push(batch: outgoing, to: hub) } catch HubError.refused(let why) {
                try store.recordRefusal(why)
                throw HubError.refused(why)
            }
            try store.markPushed(zip(batch, places).map { ($0.local.position, $1) })
            // A change is what a person made; the slots it holds travel beside it, uncounted.
            pushed += batch.filter { $0.local.kind != .holdSlots }.count
        }
        try store.recordPush(at: now)
        return pushed
    }

    /// Takes every operation after the cursor, a batch at a time, and tells the hub how far this site is.
    static func pull(_ store: DeskStore, _ hub: HubConnection, me: UUID, now: Date) async throws -> PullReport {
        let origins = Dictionary(try await HubSync.sites(hub).compactMap { site -> (UUID, Organisation)? in
            guard let kind = OrganisationKind(rawValue: site.kind) else { return nil }
            return (site.id, Organisation(id: site.id, name: site.name, kind: kind))
        }, uniquingKeysWith: { first, _ in first })
        var total = PullReport()
        let batchSize = 500
        while true {
            let batch = try await HubSync.pull(after: try store.pulledThrough(), limit: batchSize, from: hub)
            let report = try store.receive(batch, me: me, origins: origins, at: now)
            total.received += report.received
            total.applied += report.applied
            total.conflicts += report.conflicts
            total.waiting = report.waiting
            total.problems += report.problems
            if batch.count < batchSize { break }
        }
        try store.recordPull(at: now)
        try await HubSync.pulled(through: try store.pulledThrough(), hub: hub)
        return total
    }

    /// What `sync` prints: one line for the round, then one for each change refused or not checking out.
    static func sentences(site: String, _ result: Result, pending: Int) -> [String] {
        func changes(_ count: Int) -> String { count == 1 ? "1 change" : "\(count) changes" }
        let pulled = result.pulled
        var lines: [String] = []
        if result.pushed == 0 && pending == 0 && pulled.applied == 0 && pulled.problems.isEmpty {
            lines.append("\(site) is up to date with the hub: nothing to send, nothing new.")
        } else {
            var line = "\(site): \(changes(result.pushed)) sent to the hub, \(pending) waiting; "
                + "\(changes(pulled.applied)) from other sites applied"
            if pulled.conflicts > 0 {
                line += ", \(pulled.conflicts == 1 ? "1 booking" : "\(pulled.conflicts) bookings") in a slot "
                    + "already booked here (CONFLICT: both kept, resolve at the desk)"
            }
            lines.append(line + ".")
        }
        if pulled.waiting > 0 {
            lines.append("\(changes(pulled.waiting)) from other sites wait for what they build on (see sync status).")
        }
        lines += pulled.problems.map { "Not applied: \($0)." }
        return lines
    }
}
