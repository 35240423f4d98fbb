import Foundation
import GRDB
import DeskCore

/// What one pull did, for `sync` to say.
public struct PullReport: Equatable, Sendable {
    /// Operations taken from the hub this time (the cursor moved past them).
    public var received = 0
    /// Other sites' operations applied here, including ones that waited from an earlier pull.
    public var applied = 0
    /// Bookings that arrived in a slot this file already had booked: both kept, shown as a CONFLICT.
    public var conflicts = 0
    /// Operations waiting for what they build on (an organisation or booking this file does not have yet).
    public var waiting = 0
    /// What was refused or did not check out this time, a sentence each.
    public var problems: [String] = []

    public init() {}
}

/// The link of a received operation, committed in the transaction that applies it (or holds or refuses it).
final class IncomingLink: @unchecked Sendable {
    let operation: IncomingOperation
    /// Applying one that waited: its waiting row goes; its link and the cursor moved when it was received.
    let releasesHeld: Bool
    /// This site's own change, made in another file of it: it becomes the next link of this file's own chain, as
    /// taken by the hub, and the cursor (other sites' changes) does not move.
    let isOwn: Bool
    var landedInTakenSlot = false

    init(_ operation: IncomingOperation, releasesHeld: Bool = false, isOwn: Bool = false) {
        self.operation = operation; self.releasesHeld = releasesHeld; self.isOwn = isOwn
    }

    func commit(_ db: Database) throws {
        if isOwn { return try OwnHistory.link(operation, db) }
        try DeskStore.passedLinks?.write(db)
        if releasesHeld {
            try db.execute(sql: "DELETE FROM incoming_held WHERE hub_seq = ?", arguments: [operation.hubSequence])
            return
        }
        try Self.advance(operation, db)
    }

    /// The origin's chain moves to this operation, and the cursor past it.
    static func advance(_ operation: IncomingOperation, _ db: Database) throws {
        try setHead(of: operation.origin, position: operation.position, hash: operation.hash, db)
        try moveCursor(past: operation.hubSequence, db)
    }

    /// The last link of `origin`'s chain this file has checked.
    static func setHead(of origin: UUID, position: Int, hash: String, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO incoming (origin, position, hash) VALUES (?, ?, ?)
            ON CONFLICT(origin) DO UPDATE SET position = excluded.position, hash = excluded.hash
            """, arguments: [origin.uuidText, position, hash])
    }

    static func moveCursor(past hubSequence: Int, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO incoming_cursor (id, pulled_through) VALUES (1, ?)
            ON CONFLICT(id) DO UPDATE SET pulled_through = max(pulled_through, excluded.pulled_through)
            """, arguments: [hubSequence])
    }
}

/// Links a pull only passes (this site's own changes coming back, changes it may not read) and the cursor past
/// them, kept in memory and written with the pull's next write: thousands of them cost one transaction, not one
/// each. Cleared only once written and committed, so a write that rolls back leaves them to the next.
final class PendingLinks: @unchecked Sendable {
    var heads: [UUID: (position: Int, hash: String)] = [:]
    var cursor = 0

    var isEmpty: Bool { heads.isEmpty && cursor == 0 }

    func pass(_ operation: IncomingOperation, link: Bool) {
        if link { heads[operation.origin] = (operation.position, operation.hash) }
        cursor = max(cursor, operation.hubSequence)
    }

    func write(_ db: Database) throws {
        for (origin, head) in heads {
            try IncomingLink.setHead(of: origin, position: head.position, hash: head.hash, db)
        }
        if cursor > 0 { try IncomingLink.moveCursor(past: cursor, db) }
    }

    func clear() { heads = [:]; cursor = 0 }
}

/// Why a received operation was not applied now: it waits for what it builds on, or it is refused for good.
enum ReceiveFailure {
    case waits(String)
    case refused(String)

    /// An error from applying, sorted; nil for one that must stop the pull (the disk, a lock), to repeat later.
    init?(_ error: any Error) {
        switch error {
        case Refusal.unknownSite(let name):
            self = .waits("\(Sanitise.visible(name)) is not in this file's directory yet")
        case let refusal as Refusal:
            self = .refused(refusal.description)
        case StoreError.notFound(let what):
            self = .waits("it is about \(what), which this file does not have yet")
        case StoreError.busy, StoreError.storage:
            return nil
        case let error as StoreError:
            self = .refused(error.description)
        case let error as OperationFormatError:
            self = .waits(error.description)
        case let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT:
            self = .refused("it clashes with a record here (\(error.message ?? "a constraint"))")
        case is DatabaseError:
            return nil
        case is DecodingError:
            self = .refused("it cannot be read as an operation (\(OperationRecord.unreadable(error)))")
        default:
            self = .refused("\(error)")
        }
    }
}

extension DeskStore {
    /// The links the pull under way has passed and not yet written (see `PendingLinks`).
    @TaskLocal static var passedLinks: PendingLinks?

    /// A pull's write: what it passed goes with it, and is forgotten once committed.
    func pullWrite<T>(_ body: (Database) throws -> T) throws -> T {
        let passed = Self.passedLinks
        let result = try receivedWrite { db in
            try passed?.write(db)
            return try body(db)
        }
        passed?.clear()
        return result
    }

    /// How far in the hub's order this file has pulled.
    public func pulledThrough() throws -> Int {
        try pool.read { db in
            try Int.fetchOne(db, sql: "SELECT pulled_through FROM incoming_cursor WHERE id = 1") ?? 0
        }
    }

    public func lastPull() throws -> Date? {
        try pool.read { db in
            Codecs.instant(try String.fetchOne(db, sql: "SELECT last_pull FROM incoming_cursor WHERE id = 1"))
        }
    }

    public func recordPull(at now: Date) throws {
        try receivedWrite { db in
            try IncomingLink.moveCursor(past: 0, db)
            try db.execute(sql: "UPDATE incoming_cursor SET last_pull = ?", arguments: [Codecs.instant(now)])
        }
    }

    /// How many received operations wait for what they build on.
    public func waitingIncomingCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM incoming_held") ?? 0 }
    }

    /// Every received operation that was refused or did not check out, oldest first, a sentence each.
    public func incomingProblems() throws -> [(broken: Bool, sentence: String)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT broken, problem FROM incoming_problem ORDER BY hub_seq").map {
                ((($0["broken"] as Int?) ?? 0) != 0, $0["problem"] as String? ?? "")
            }
        }
    }

    /// Takes a pull's operations in the hub's order: checks each origin's chain link by link, then applies each
    /// operation this site may read as its origin made it, holds one that builds on something not here yet, and
    /// reports one that is refused or does not check out. Each commits with the cursor, so repeating is harmless.
    /// `me` is the organisation the hub says this login is: its own operations coming back are checked against
    /// what this file sent, never applied again.
    public func receive(_ operations: [IncomingOperation], me: UUID, origins: [UUID: Organisation],
                        at now: Date) throws -> PullReport {
        var report = PullReport()
        var through = try pulledThrough()
        let binding = try hubBinding()
        let passed = PendingLinks()
        try Self.$passedLinks.withValue(passed) {
            for operation in operations where operation.hubSequence > through {
                try receiveOne(operation, me: me, origins: origins, binding: binding, at: now, report: &report)
                through = operation.hubSequence
                report.received += 1
            }
            if !passed.isEmpty { try pullWrite { _ in } }
        }
        try releaseWaiting(origins: origins, at: now, report: &report)
        report.waiting = try waitingIncomingCount()
        return report
    }

    private func receiveOne(_ operation: IncomingOperation, me: UUID, origins: [UUID: Organisation],
                            binding: HubBinding?,
                            at now: Date, report: inout PullReport) throws {
        let origin = try originSite(operation.origin, origins)
        let state = try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT position, hash, broken_at FROM incoming WHERE origin = ?",
                             arguments: [operation.origin.uuidText])
        }
        let passedHead = Self.passedLinks?.heads[operation.origin]
        let last = passedHead?.position ?? state?["position"] as Int? ?? 0
        let lastHash = passedHead?.hash ?? state?["hash"] as String? ?? JournalChain.origin
        let change = "\(origin.name)'s change \(operation.position) (\(operation.kind))"
        if let brokenAt = state?["broken_at"] as Int? {
            return try reject(operation, origin, broken: true, "\(change) is not applied: it follows \(origin.name)'s "
                              + "change \(brokenAt), which did not check out", report: &report)
        }
        if operation.position <= last {
            return Self.passedLinks?.pass(operation, link: false) ?? ()
        }
        var broken: String?
        if operation.position != last + 1 {
            broken = "\(origin.name)'s changes \(last + 1)…\(operation.position - 1) are missing at the hub"
        } else if operation.previousHash != lastHash {
            broken = "\(change) does not follow its change \(last): one of them was changed at the hub or on its way"
        } else if let record = operation.record,
                  OutgoingChain.hash(previous: operation.previousHash, record: record) != operation.hash {
            broken = "\(change) does not match its hash: it was changed at the hub or on its way"
        } else if let binding, operation.origin == binding.organisation.id,
                  try ownHash(at: operation.position + binding.firstPosition - 1) != operation.hash {
            // This site's own change from another file of it (a restored backup's later life, a second machine):
            // the next round takes it in before it sends (`adoptOwn`); here only the cursor moves.
            return Self.passedLinks?.pass(operation, link: false) ?? ()
        }
        if let broken {
            return try reject(operation, origin, broken: true, broken + "; it and what follows from "
                              + "\(origin.name) are not applied", report: &report)
        }
        let link = IncomingLink(operation)
        // This file's own operations come back; so do the links of ones this site may not read.
        guard operation.origin != me, let json = operation.record else {
            guard let passed = Self.passedLinks else { return try receivedWrite { db in try link.commit(db) } }
            return passed.pass(operation, link: true)
        }
        if try pool.read({ db in
            try Row.fetchOne(db, sql: "SELECT 1 FROM incoming_held WHERE origin = ?",
                             arguments: [operation.origin.uuidText]) != nil
        }) {
            return try hold(operation, json, "an earlier change of \(origin.name) waits", link: link)
        }
        try attempt(json, operation, origin, link: link, report: &report,
                    waits: { try hold(operation, json, $0, link: link) })
    }

    /// Decodes and applies one; sorts a failure into waiting (by `waits`) or refused.
    private func attempt(_ json: String, _ operation: IncomingOperation, _ origin: Organisation, link: IncomingLink,
                         report: inout PullReport, waits: (String) throws -> Void) throws {
        do {
            let record = try OperationRecord.decode(json: json)
            guard record.operation.kind.isShared, record.operation.kind.rawValue == operation.kind else {
                throw Refusal.rule("it is not a change that travels between sites")
            }
            let names = Set([origin.name.lowercased()] + ((try? originName(operation.origin)) ?? []))
            guard names.contains(record.actor.site.lowercased()) else {
                throw Refusal.rule("it says it was made at \(Sanitise.visible(record.actor.site)), but it came from "
                                   + "\(origin.name)'s login")
            }
            _ = try applyReceived(record, origin: origin, link: link)
            if record.operation.kind != .holdSlots { report.applied += 1 }
            if link.landedInTakenSlot { report.conflicts += 1 }
        } catch {
            guard let failure = ReceiveFailure(error) else { throw error }
            switch failure {
            case .waits(let why): try waits(why)
            case .refused(let why):
                try reject(operation, origin, broken: false, "\(origin.name)'s change \(operation.position) "
                           + "(\(operation.kind)) was not applied here: \(why)", link: link, report: &report)
            }
        }
    }

    private func hold(_ operation: IncomingOperation, _ json: String, _ why: String, link: IncomingLink) throws {
        try pullWrite { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO incoming_held (hub_seq, origin, position, record, waiting) VALUES (?, ?, ?, ?, ?)
                """, arguments: [operation.hubSequence, operation.origin.uuidText, operation.position, json, why])
            try link.commit(db)
        }
    }

    /// Keeps a refused or broken operation's words to show. A broken one stops its origin's chain here.
    private func reject(_ operation: IncomingOperation, _ origin: Organisation, broken: Bool, _ sentence: String,
                        link: IncomingLink? = nil, report: inout PullReport) throws {
        try pullWrite { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO incoming_problem
                    (hub_seq, origin, origin_name, position, kind, broken, problem, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [operation.hubSequence, operation.origin.uuidText, origin.name, operation.position,
                                 operation.kind, broken ? 1 : 0, sentence, Codecs.instant(Date())])
            if broken {
                try db.execute(sql: """
                    INSERT INTO incoming (origin, position, hash, broken_at) VALUES (?, 0, ?, ?)
                    ON CONFLICT(origin) DO UPDATE SET broken_at = coalesce(broken_at, excluded.broken_at)
                    """, arguments: [operation.origin.uuidText, JournalChain.origin, operation.position])
                try IncomingLink.moveCursor(past: operation.hubSequence, db)
            } else if let link {
                try link.commit(db)
            } else {
                try IncomingLink.moveCursor(past: operation.hubSequence, db)
            }
        }
        report.problems.append(sentence)
    }

    /// Tries again every operation that waited, in the hub's order, each origin's in its own order, until a round
    /// applies nothing more.
    private func releaseWaiting(origins: [UUID: Organisation], at now: Date, report: inout PullReport) throws {
        var progress = true
        while progress {
            progress = false
            var stuck = Set<String>()
            let held = try pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM incoming_held ORDER BY hub_seq") }
            for row in held {
                guard let originText = row["origin"] as String?, !stuck.contains(originText),
                      let originID = UUID(uuidString: originText), let json = row["record"] as String?,
                      let seq = row["hub_seq"] as Int?, let position = row["position"] as Int? else { continue }
                let kind = (try? OperationRecord.decode(json: json))?.operation.kind.rawValue ?? "?"
                let operation = IncomingOperation(hubSequence: seq, origin: originID, position: position, hash: "",
                                                  previousHash: "", kind: kind, record: json)
                let before = report.applied
                let link = IncomingLink(operation, releasesHeld: true)
                try attempt(json, operation, try originSite(originID, origins), link: link, report: &report,
                            waits: { why in
                    stuck.insert(originText)
                    try receivedWrite { db in
                        try db.execute(sql: "UPDATE incoming_held SET waiting = ? WHERE hub_seq = ?",
                                       arguments: [why, seq])
                    }
                })
                // Applied, or refused for good (its words kept): either way the next of its origin may go.
                if report.applied > before || !stuck.contains(originText) { progress = true }
            }
        }
    }

    /// The origin as this file's directory has it, else as the hub's login records it.
    private func originSite(_ id: UUID, _ origins: [UUID: Organisation]) throws -> Organisation {
        if let known = try pool.read({ db in try Self.organisation(in: db, id: id) }) { return known }
        guard let known = origins[id] else {
            throw Refusal.unknownSite("the hub's site \(id.uuidText.prefix(8))")
        }
        return known
    }

    private func originName(_ id: UUID) throws -> [String] {
        try pool.read { db in try Self.organisation(in: db, id: id).map { [$0.name.lowercased()] } ?? [] }
    }

    private func ownHash(at position: Int) throws -> String? {
        try pool.read { db in
            try String.fetchOne(db, sql: "SELECT hash FROM outgoing WHERE position = ?", arguments: [position])
        }
    }
}
