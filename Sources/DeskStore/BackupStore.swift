import Foundation
import GRDB
import DeskCore

/// What a backup or a restore copied, for the person who ran it.
public struct BackupSummary: Equatable, Sendable {
    public var path: String
    public var bytes: Int
    public var bookings: Int
    public var journal: JournalVerification
}

extension DeskStore {
    /// Copies the database into a new file with SQLite's online backup, from one read snapshot, so terminals can
    /// keep working meanwhile. The copy is checked (integrity and journal chain) before it takes its name, so a
    /// file at `path` is always a whole, good backup.
    public func backup(to path: String, replacing: Bool = false) throws -> BackupSummary {
        try Self.requireFolder(of: path)
        if FileManager.default.fileExists(atPath: path) && !replacing {
            throw StoreError.refused("\(path) already exists; choose another name or give --force to replace it")
        }
        let partial = path + ".partial-" + UUID().uuidString.prefix(8)
        defer { try? FileManager.default.removeItem(atPath: partial) }
        // Patient data: the copy is owner-only from its first byte.
        guard FileManager.default.createFile(atPath: partial, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw StoreError.invalid("cannot write \(partial)")
        }
        let copy = try DatabaseQueue(path: partial)
        try pool.backup(to: copy)
        let summary = try Self.check(copy, path: path)
        try copy.close()
        if replacing { try? FileManager.default.removeItem(atPath: path) }
        try FileManager.default.moveItem(atPath: partial, toPath: path)
        return BackupSummary(path: path, bytes: Self.size(of: path), bookings: summary.bookings, journal: summary.journal)
    }

    /// Replaces this database's contents with a backup's, through the same online backup (so terminals that have
    /// the file open see the restored data at their next read), then brings it up to this version's schema and
    /// journals who restored what. A backup whose journal chain is broken is still restored (it may be all there
    /// is), and the restore entry says so.
    public func restore(from path: String, actor: Actor, at now: Date) throws -> BackupSummary {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.notFound("backup file \(path)") }
        var configuration = Configuration()
        configuration.readonly = true
        let source: DatabaseQueue
        do { source = try DatabaseQueue(path: path, configuration: configuration) }
        catch { throw StoreError.notADatabase(path, "\(error)") }
        let checked: (bookings: Int, journal: JournalVerification)
        do {
            let (applied, unknown) = try source.read { db in
                (try Migrations.migrator.appliedIdentifiers(db), try Migrations.unknownApplied(db))
            }
            if !unknown.isEmpty { throw StoreError.newerSchema(path, unknown) }
            if applied.isEmpty { throw StoreError.notADatabase(path, "it holds no Downtime Desk data") }
            checked = try Self.check(source, path: path)
        } catch let error as StoreError { throw error }
        catch let error as DatabaseError { throw StoreError.notADatabase(path, error.message ?? "\(error)") }
        try source.backup(to: pool)
        try source.close()
        try Migrations.migrator.migrate(pool)
        try write(actor: actor, at: now) { _, changes in
            changes.append(Change(action: "database.restore", entity: "database", entityID: nil,
                                  detail: [("from", path), ("bookings", "\(checked.bookings)"), ("journal_head", checked.journal.head),
                                           ("journal_intact", checked.journal.isIntact ? "yes" : "no")]))
        }
        return BackupSummary(path: path, bytes: Self.size(of: path), bookings: checked.bookings, journal: try verifyJournal())
    }

    private static func check(_ database: DatabaseQueue, path: String) throws -> (bookings: Int, journal: JournalVerification) {
        try database.read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            guard integrity == ["ok"] else {
                throw StoreError.notADatabase(path, "integrity check: \(integrity.prefix(3).joined(separator: "; "))")
            }
            let bookings = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM booking") ?? 0
            let hasChain = try db.columns(in: "journal").contains { $0.name == "hash" }
            let journal = hasChain ? try JournalChain.verify(db)
                : JournalVerification(entries: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM journal") ?? 0, head: JournalChain.origin, breaks: [])
            return (bookings, journal)
        }
    }

    private static func size(of path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}
