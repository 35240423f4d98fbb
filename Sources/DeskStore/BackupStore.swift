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
            throw Refusal.rule("\(path) already exists; choose another name",
                                             commandLine: "\(path) already exists; choose another name or give --force "
                                                + "to replace it")
        }
        Self.removeStalePartials(of: path)
        let partial = path + ".partial-" + UUID().uuidText.prefix(8)
        defer { Self.remove(partial) }
        // Patient data: the copy is owner-only from its first byte.
        guard FileManager.default.createFile(atPath: partial, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw StoreError.invalid("cannot write \(partial)")
        }
        let copy = try DatabaseQueue(path: partial)
        try pool.backup(to: copy, pagesPerStep: Self.pagesPerStep) { step in
            ProgressReport.step("Copying the database", step.completedPageCount, of: step.totalPageCount, every: 1)
        }
        // One self-contained file: no -wal or -shm needed beside it, so it can be read from read-only media.
        try copy.writeWithoutTransaction { db in _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE") }
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
    func restore(from path: String, actor: Actor, at now: Date) throws -> BackupSummary {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.notFound("backup file \(path)") }
        // The backup is read through a private copy beside this database: opening it where it lies would need to
        // write -wal/-shm files there, which a read-only mount, a CD or a write-protected stick refuses, and would
        // leave them behind on a writable one.
        let working = self.path + ".restoring-" + UUID().uuidText.prefix(8)
        defer { Self.remove(working) }
        do {
            guard FileManager.default.createFile(atPath: working, contents: nil,
                                                 attributes: [.posixPermissions: 0o600]),
                  let input = FileHandle(forReadingAtPath: path), let output = FileHandle(forWritingAtPath: working) else {
                throw StoreError.invalid("cannot read \(path), or cannot write beside \(self.path)")
            }
            defer { try? input.close(); try? output.close() }
            while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty { try output.write(contentsOf: chunk) }
        } catch let error as StoreError { throw error }
        catch { throw StoreError.invalid("cannot copy \(path) to read it: \(error.localizedDescription)") }
        let source: DatabaseQueue
        do { source = try DatabaseQueue(path: working) }
        catch { throw StoreError.notADatabase(path, "\(error)") }
        defer { try? source.close() }
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
        try source.backup(to: pool, pagesPerStep: Self.pagesPerStep) { step in
            ProgressReport.step("Restoring the database", step.completedPageCount, of: step.totalPageCount, every: 1)
        }
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

    /// A file and the journal files SQLite may have made beside it.
    static func remove(_ file: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: file + suffix) }
    }

    /// Copies left by a backup that was killed mid-way: each is a whole copy of patient data that nothing else cleans.
    static func removeStalePartials(of path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let prefix = (path as NSString).lastPathComponent + ".partial-"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
        for name in names where name.hasPrefix(prefix) {
            try? FileManager.default.removeItem(atPath: (folder.isEmpty ? "" : folder + "/") + name)
        }
    }

    /// Copied in steps of about 4 MB, so a long copy can show how far it has got.
    static let pagesPerStep: CInt = 1024

    private static func size(of path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}
