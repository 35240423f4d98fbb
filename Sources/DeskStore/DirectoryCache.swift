import Foundation
import GRDB
import DeskCore

/// The directory as the call-sheet shows it (every organisation, each party's numbers and addresses), kept between
/// reloads while the file's directory mark (migration v8) stays the same. Reading 10,000 contacts took most of a
/// reload, and most reloads follow a booking, an acknowledgment or a call, which leave the directory as it was.
final class DirectoryCache: @unchecked Sendable {
    struct Entry {
        var mark: Int64
        var organisations: [Organisation]
        /// Participating parties with their numbers and addresses; wrong-number flags are laid on per reload.
        var parties: [CallSheetRow]
    }

    private let lock = NSLock()
    private var entry: Entry?

    /// The directory as of `db`'s transaction: the kept one while the mark matches, else read afresh.
    func directory(_ db: Database) throws -> Entry {
        let mark = try Int64.fetchOne(db.cachedStatement(sql: "SELECT mark FROM directory_version WHERE id = 1")) ?? 0
        if let kept = lock.withLock({ entry }), kept.mark == mark { return kept }
        let fresh = try Self.read(mark: mark, db)
        lock.withLock { entry = fresh }
        return fresh
    }

    private static func read(mark: Int64, _ db: Database) throws -> Entry {
        let organisations = try DeskStore.organisations(db)
        let contacts = try DeskStore.contactsByOrganisation(db)
        let parties = organisations.filter { $0.kind != .host && $0.participating }.map {
            CallSheetRow.build(organisation: $0, contacts: contacts[$0.id] ?? [])
        }
        return Entry(mark: mark, organisations: organisations, parties: parties)
    }
}
