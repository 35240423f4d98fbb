import Foundation
import GRDB
import DeskCore

/// The directory as the desk shows it (every organisation; the contacts of the parties asked about so far), kept
/// between reloads while the file's directory mark (migration v8) stays the same. Most reloads follow a booking, an
/// acknowledgment or a call, which leave the directory as it was.
final class DirectoryCache: @unchecked Sendable {
    struct Entry {
        var mark: Int64
        var organisations: [Organisation]
        /// The participating parties, in the directory's order: the call-sheet when no round is out.
        var parties: [Organisation]
    }

    private let lock = NSLock()
    private var entry: Entry?
    /// Contacts read so far, by organisation, as of `entry`'s mark; `generation` moves whenever the entry does, so a
    /// read that began before a change never lays its rows over the changed directory.
    private var contacts: [UUID: [Contact]] = [:]
    private var generation = 0
    /// Past this many parties at once, reading every contact is cheaper than naming each party.
    private static let wholeTableAbove = 200

    /// The directory as of `db`'s transaction: the kept one while the mark matches, else read afresh.
    func directory(_ db: Database) throws -> Entry {
        let mark = try Int64.fetchOne(db.cachedStatement(sql: "SELECT mark FROM directory_version WHERE id = 1")) ?? 0
        if let kept = lock.withLock({ entry }), kept.mark == mark { return kept }
        let organisations = try DeskStore.organisations(db)
        let fresh = Entry(mark: mark, organisations: organisations,
                          parties: organisations.filter { $0.kind != .host && $0.participating })
        lock.withLock {
            entry = fresh; contacts = [:]; generation += 1
        }
        return fresh
    }

    /// The contacts of the organisations with these ids, read from `pool` for those not read before.
    func contacts(of ids: [UUID], pool: any DatabaseReader) throws -> [UUID: [Contact]] {
        let (known, missing, asOf) = lock.withLock { () -> ([UUID: [Contact]], [UUID], Int) in
            var known: [UUID: [Contact]] = [:], missing: [UUID] = []
            for id in ids {
                if let kept = contacts[id] { known[id] = kept } else { missing.append(id) }
            }
            return (known, missing, generation)
        }
        guard !missing.isEmpty else { return known }
        let read = try pool.read { db in
            missing.count > Self.wholeTableAbove
                ? try DeskStore.contactsByOrganisation(db) : try DeskStore.contacts(ofOrganisations: missing, db: db)
        }
        lock.withLock {
            guard generation == asOf else { return }
            for id in missing { contacts[id] = read[id] ?? [] }
        }
        return known.merging(missing.map { ($0, read[$0] ?? []) }, uniquingKeysWith: { kept, _ in kept })
    }
}
