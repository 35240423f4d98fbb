import Foundation
import ArgumentParser
import DeskCore
import DeskStore

/// `downtime-desk backup FILE`: a consistent copy while terminals keep working.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup",
        abstract: "Copy the database to FILE with SQLite's online backup; terminals may stay open.",
        discussion: "The copy is checked (integrity and the journal's hash chain) before it takes its name, and is readable by its owner only: it holds patient details.")
    @OptionGroup var options: DeskOptions
    @Argument(help: "The backup file to write.") var file: String
    @Flag(help: "Replace FILE if it exists.") var force = false

    func run() throws {
        let store = try DeskContext(options: options).openStore()
        let summary = try perform { try store.backup(to: file, replacing: force) }
        print("Backed up \(store.path) to \(file): \(BackupText.describe(summary)).")
        print("It holds patient details; keep it where only you can read it. Restore with: downtime-desk restore '\(file)' --force")
    }
}

/// `downtime-desk restore FILE --force`: put a backup's contents back into the database.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restore",
        abstract: "Replace the database's contents with a backup's (journaled); open terminals see it at their next read.",
        discussion: "Everything written since the backup is lost, so --force is required. The backup is checked first; a damaged, foreign or newer-version file is refused and nothing changes.")
    @OptionGroup var options: DeskOptions
    @Argument(help: "The backup file to restore from.") var file: String
    @Flag(help: "Confirm that the current contents are to be replaced.") var force = false

    func run() throws {
        guard force else {
            throw DeskFailure("restoring replaces everything in the database with the backup's contents; add --force to go ahead")
        }
        try Session.with(options) { session in try restore(session) }
    }

    private func restore(_ session: Session) throws {
        guard case let .backupRestored(bookings, bytes, entries, head, intact)
                = try session.apply(.restoreBackup(.init(path: file))) else { return }
        let store = session.store
        let described = BackupText.describe(bytes: bytes, bookings: bookings, entries: entries, head: head,
                                            intact: intact)
        print("Restored \(store.path) from \(file): \(described).")
        if !intact {
            print("Warning: the backup's journal was already broken; `downtime-desk journal verify` lists where.")
        }
    }
}

enum BackupText {
    static func describe(_ summary: BackupSummary) -> String {
        describe(bytes: summary.bytes, bookings: summary.bookings, entries: summary.journal.entries,
                 head: summary.journal.head, intact: summary.journal.isIntact)
    }

    static func describe(bytes: Int, bookings: Int, entries: Int, head: String, intact: Bool) -> String {
        let size = ByteCountFormatter.string(fromByteCount: Int64(bytes), countStyle: .file)
        return "\(size), \(bookings) booking\(bookings == 1 ? "" : "s"), journal \(intact ? "intact" : "BROKEN") "
            + "(\(entries) entries, head \(head.prefix(16))…)"
    }
}
