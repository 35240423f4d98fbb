import Foundation
import Synchronization
import GRDB
import GRDBSQLite
import DeskCore

/// The local SQLite database: one file in WAL mode that several terminals open at once.
/// Every write goes through `write(actor:at:)` so it lands in the journal in the same transaction.
public final class DeskStore: Sendable {
    public let path: String
    let pool: any DatabaseWriter
    let directoryCache = DirectoryCache()
    /// Set when the file could be opened only for reading (a full disk): why, in words. Every write is refused with
    /// it, and the desk says so, but the grid can still be read.
    public let readOnlyReason: String?

    /// Opens (creating if needed) the database at `path`. The parent folder must exist. `busyTimeout` is how long a
    /// write waits for another program's lock: the command line waits; the desk, which must answer keys, does not.
    public init(path: String, busyTimeout: TimeInterval = 10) throws {
        self.path = path
        try Self.requireFolder(of: path)
        if !FileManager.default.fileExists(atPath: path) {
            // Patient data: readable by the owner only. SQLite gives the -wal and -shm files the same mode.
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        var config = Configuration()
        // Another terminal may be writing; wait for it rather than failing with "database is locked".
        config.busyMode = .timeout(busyTimeout)
        config.label = "downtime-desk"
        do {
            do {
                try Self.refuseNewerOrDamagedSchema(at: path)
                pool = try Self.openForWriting(path: path, config: config)
                readOnlyReason = nil
            } catch let error as DatabaseError where StorageFailure.isOutOfSpace(error, path: path) {
                // A full disk must not keep the day's grid from being read: open for reading, refuse each write.
                pool = try Self.openReadOnly(path: path, config: config, failure: error)
                readOnlyReason = (StorageFailure.explain(error, path: path) ?? "the disk is full: nothing was saved")
                    + "; until then the file is open read-only (it can be read, nothing can be saved)"
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StoreError.notADatabase(path, error.message ?? error.description)
        } catch let error as DatabaseError {
            throw StoreError.storage(StorageFailure.explain(error, path: path) ?? error.description)
        }
        Self.lastOpenedPath = path
    }

    private static func openForWriting(path: String, config: Configuration) throws -> DatabasePool {
        let pool = try DatabasePool(path: path, configuration: config)
        // GRDB sets synchronous=NORMAL on the writer; a saved booking must survive a power cut.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        try Migrations.migrator.migrate(pool)
        return pool
    }

    /// Reading without writing a byte. WAL needs a -shm file it can grow, which a full disk refuses; when the -wal
    /// holds nothing, every row is in the main file, so the desk reads a snapshot of it taken into memory (marked
    /// as a rollback-journal file, so no -shm is wanted). Otherwise `failure` stands.
    private static func openReadOnly(path: String, config: Configuration,
                                     failure: DatabaseError) throws -> any DatabaseWriter {
        var readOnly = config
        readOnly.readonly = true
        func checked(_ database: any DatabaseWriter) throws -> any DatabaseWriter {
            let (complete, unknown) = try database.read { db in
                (try Migrations.migrator.hasCompletedMigrations(db), try Migrations.unknownApplied(db))
            }
            if !unknown.isEmpty { throw StoreError.newerSchema(path, unknown) }
            guard complete else { throw failure }
            return database
        }
        if let pool = try? checked(DatabasePool(path: path, configuration: readOnly)) { return pool }
        let walBytes = ((try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? NSNumber)?.intValue ?? 0
        guard walBytes == 0, var bytes = FileManager.default.contents(atPath: path), bytes.count >= 100 else {
            throw failure
        }
        // Header bytes 18 and 19: file format versions, 2 for WAL, 1 for a rollback journal.
        bytes[18] = 1; bytes[19] = 1
        let snapshot = try DatabaseQueue(configuration: config)
        try snapshot.writeWithoutTransaction { db in
            guard let buffer = sqlite3_malloc64(UInt64(bytes.count))?.assumingMemoryBound(to: UInt8.self) else {
                throw failure
            }
            bytes.copyBytes(to: buffer, count: bytes.count)
            let flags = UInt32(SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE)
            guard sqlite3_deserialize(db.sqliteConnection, "main", buffer, Int64(bytes.count), Int64(bytes.count),
                                      flags) == SQLITE_OK
            else { throw failure }
        }
        // The copy is private, so a file from before this version's migrations can be brought up to date in memory.
        if try snapshot.read({ try Migrations.unknownApplied($0) }).isEmpty {
            try Migrations.migrator.migrate(snapshot)
        }
        try snapshot.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA query_only = ON") }
        return try checked(snapshot)
    }

    /// A warning, in words, when the database can be read by other users of this machine: it holds patient details.
    public static func exposureWarning(for path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 != 0 else { return nil }
        let octal = String(mode, radix: 8)
        let who = mode & 0o007 != 0 ? "every user of this machine" : "its group"
        return "\(path) can be read by \(who) (permissions \(octal)) and it holds patient details. If only you use it: "
            + "chmod 600 '\(path)'. If a group of desk users shares it: chmod 660 and keep that group to them."
    }

    /// The database this process opened last, so a failure raised far from the store can still name its file and
    /// disk. A command opens one database; the desk one for its whole life. Behind a lock: stores are opened on
    /// several threads (the desk's sync worker, concurrent tests), and the thread sanitizer found the bare global
    /// written by two at once.
    public internal(set) static var lastOpenedPath: String? {
        get { lastOpened.withLock { $0 } }
        set { lastOpened.withLock { $0 = newValue } }
    }
    private static let lastOpened = Mutex<String?>(nil)

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
        if let readOnlyReason { throw StoreError.storage(readOnlyReason) }
        do {
            // BEGIN and COMMIT through cached statements: GRDB's inTransaction prepares both afresh each time,
            // which was a measurable share of a booking's commit.
            return try pool.writeWithoutTransaction { db in
                // Another site's operation need not reach the disk before the next: if power fails, it and the
                // pull cursor go together and the next pull brings it again. This file's own changes stay FULL.
                let relaxed = Self.receiving != nil
                if relaxed { try Self.relaxSync(db) }
                defer { if relaxed { Self.restoreSync(db) } }
                try db.cachedStatement(sql: "BEGIN IMMEDIATE TRANSACTION").execute()
                do {
                    var changes: [Change] = []
                    // Applying an operation: who may make it is checked here, under the write lock, and the
                    // operation itself is journaled with the first change it makes.
                    let pending = Self.applying?.claim()
                    try pending?.check(db)
                    pending?.encodeAheadIfBulk()
                    // A bulk change touches more pages than SQLite's 2 MB cache holds, and each page pushed out
                    // mid-change is written to the WAL again when next changed: 100,000 bookings wrote a second of
                    // system time more. The cache goes back once the change is over.
                    let keptCache = pending?.isBulk == true ? try Self.enlargeCache(db) : nil
                    defer { if let keptCache { try? db.execute(sql: "PRAGMA cache_size = \(keptCache)") } }
                    let result = try body(db, &changes)
                    let operation = changes.isEmpty ? nil : try pending?.json()
                    // The newest hash read once and carried from entry to entry: an import writes thousands.
                    var head = changes.isEmpty ? JournalChain.origin : try JournalChain.head(db)
                    for (index, change) in changes.enumerated() {
                        head = try Journal.append(change, actor: actor, at: now,
                                                  operation: index == 0 ? operation : nil, after: head, in: db)
                    }
                    if let pending, let operation, pending.received == nil {
                        try OutgoingChain.append(pending.record, json: operation, in: db)
                    }
                    try pending?.received?.commit(db)
                    try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
                    return result
                } catch {
                    if db.isInsideTransaction { try? db.cachedStatement(sql: "ROLLBACK TRANSACTION").execute() }
                    throw error
                }
            }
        } catch let error as DatabaseError where error.resultCode != .SQLITE_CONSTRAINT {
            throw storeError(error)
        }
    }

    /// One write transaction for what a pull keeps (a link, a cursor, a held or refused operation), committed
    /// without waiting for the disk, as a received operation's is: lost to a power cut, it is pulled again.
    func receivedWrite<T>(_ body: (Database) throws -> T) throws -> T {
        try explained {
            try pool.writeWithoutTransaction { db in
                try Self.relaxSync(db)
                defer { Self.restoreSync(db) }
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw StoreError.invalid("a pull's write gave no result") }
                return result
            }
        }
    }

    /// 64 MB of page cache for one bulk change; returns the size to go back to.
    private static func enlargeCache(_ db: Database) throws -> Int {
        let kept = try Int.fetchOne(db.cachedStatement(sql: "PRAGMA cache_size")) ?? -2000
        try db.cachedStatement(sql: "PRAGMA cache_size = -65536").execute()
        return kept
    }

    /// For one transaction of what another site sent: committed without waiting for the disk.
    private static func relaxSync(_ db: Database) throws {
        try db.cachedStatement(sql: "PRAGMA synchronous = NORMAL").execute()
    }

    /// Back to FULL, which every change made here needs.
    private static func restoreSync(_ db: Database) {
        try? db.cachedStatement(sql: "PRAGMA synchronous = FULL").execute()
    }

    /// SQLite's failures from a write outside `write(actor:at:)` in the same words: busy, or explained.
    func explained<T>(_ body: () throws -> T) throws -> T {
        if let readOnlyReason { throw StoreError.storage(readOnlyReason) }
        do { return try body() } catch let error as DatabaseError { throw storeError(error) }
    }

    /// A failed write in words: busy (another program holds the lock, so trying later may work), or why it failed.
    private func storeError(_ error: DatabaseError) -> StoreError {
        let words = StorageFailure.explain(error, path: path) ?? error.description
        return error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED ? .busy(words) : .storage(words)
    }

    /// Whether a write could start now: takes and drops the write lock, waiting no longer than the busy timeout.
    public func canWrite() -> Bool {
        guard readOnlyReason == nil else { return false }
        do {
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE TRANSACTION")
                try db.execute(sql: "ROLLBACK TRANSACTION")
            }
            return true
        } catch { return false }
    }

    /// A token that changes whenever any terminal commits a change: the journal's head hash. Not its last sequence
    /// number: a restore can bring back a journal exactly as long as the one it replaced, with other contents.
    public func changeToken() throws -> String {
        // The pull's cursor too: what other sites sent moves it even where it journals nothing (slots they hold).
        try pool.read { db in
            try JournalChain.head(db) + ":"
                + String(try Int.fetchOne(db.cachedStatement(sql: "SELECT pulled_through FROM incoming_cursor")) ?? 0)
        }
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
