import Foundation
import GRDB
import DeskCore

/// The local SQLite database: one file in WAL mode that several terminals open at once.
/// Every write goes through `write(actor:at:)` so it lands in the journal in the same transaction.
public final class DeskStore: Sendable {
    public let path: String
    let pool: DatabasePool
    let directoryCache = DirectoryCache()

    /// Opens (creating if needed) the database at `path`. The parent folder must exist.
    public init(path: String) throws {
        self.path = path
        try Self.requireFolder(of: path)
        if !FileManager.default.fileExists(atPath: path) {
            // Patient data: readable by the owner only. SQLite gives the -wal and -shm files the same mode.
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        var config = Configuration()
        // Another terminal may be writing; wait for it rather than failing with "database is locked".
        config.busyMode = .timeout(10)
        config.label = "downtime-desk"
        do {
            try Self.refuseNewerOrDamagedSchema(at: path)
            pool = try DatabasePool(path: path, configuration: config)
            // GRDB sets synchronous=NORMAL on the writer; a saved booking must survive a power cut.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            try Migrations.migrator.migrate(pool)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StoreError.notADatabase(path, error.message ?? error.description)
        } catch let error as DatabaseError {
            throw StoreError.storage(StorageFailure.explain(error, path: path) ?? error.description)
        }
        Self.lastOpenedPath = path
    }

    /// The database this process opened last, so a failure raised far from the store can still name its file and
    /// disk. A command opens one database; the desk one for its whole life.
    nonisolated(unsafe) public private(set) static var lastOpenedPath: String?

    /// Reads the schema and the applied migrations through a read-only connection before anything writes: opening a
    /// pool writes to the file (GRDB creates and drops a table to make the -wal file), and a newer program's file or
    /// a damaged one must be left exactly as it was found.
    static func refuseNewerOrDamagedSchema(at path: String) throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size > 0 else { return }
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(10)
        let queue = try DatabaseQueue(path: path, configuration: config)
        let unknown = try queue.read { db in
            _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")
            return try Migrations.unknownApplied(db)
        }
        if !unknown.isEmpty { throw StoreError.newerSchema(path, unknown) }
    }

    /// Refuses a path whose folder does not exist, rather than letting SQLite fail with "unable to open".
    static func requireFolder(of path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if !folder.isEmpty, !(FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) && isDirectory.boolValue) {
            throw StoreError.directoryMissing(folder)
        }
    }

    /// Runs `body` in one IMMEDIATE write transaction and journals each change it reports. IMMEDIATE takes the
    /// write lock before reading, so "is this slot free?" and the insert are one step even across processes.
    @discardableResult
    func write<T>(actor: Actor, at now: Date, _ body: (Database, inout [Change]) throws -> T) throws -> T {
        do {
            // BEGIN and COMMIT through cached statements: GRDB's inTransaction prepares both afresh each time,
            // which was a measurable share of a booking's commit.
            return try pool.writeWithoutTransaction { db in
                try db.cachedStatement(sql: "BEGIN IMMEDIATE TRANSACTION").execute()
                do {
                    var changes: [Change] = []
                    let result = try body(db, &changes)
                    for change in changes { try Journal.append(change, actor: actor, at: now, in: db) }
                    try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
                    return result
                } catch {
                    if db.isInsideTransaction { try? db.cachedStatement(sql: "ROLLBACK TRANSACTION").execute() }
                    throw error
                }
            }
        } catch let error as DatabaseError where error.resultCode != .SQLITE_CONSTRAINT {
            throw StoreError.storage(StorageFailure.explain(error, path: path) ?? error.description)
        }
    }

    /// A token that changes whenever any terminal commits a change: the journal's head hash. Not its last sequence
    /// number: a restore can bring back a journal exactly as long as the one it replaced, with other contents.
    public func changeToken() throws -> String {
        try pool.read { db in try JournalChain.head(db) }
    }

    /// The current `PRAGMA synchronous` of the writing connection (2 = FULL).
    public func writerSynchronousLevel() throws -> Int {
        try pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    public func journalMode() throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }
}

/// One change to record in the journal.
struct Change {
    var action: String
    var entity: String
    var entityID: UUID?
    var detail: [(String, String)] = []
}
