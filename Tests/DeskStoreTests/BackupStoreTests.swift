import Foundation
import Testing
import GRDB
import DeskCore
@testable import DeskStore

@Suite struct BackupStoreTests {
    @Test func aRestoreMovesTheChangeTokenEvenWhenTheJournalIsJustAsLong() throws {
        let db = try TemporaryDatabase()
        try db.store.seedDemo(now: testNow, zone: london, actor: testActor)
        let backup = db.folder + "/backup.sqlite"
        let made = try db.store.backup(to: backup)
        #expect(made.journal.isIntact && made.bookings > 0)
        let unseen = try #require(try db.store.loadView(practiceID: nil, day: LocalDate(testNow, in: london)).incoming.first { $0.seenAt == nil })
        try db.store.markSeen([unseen.id], actor: testActor, at: testNow)
        #expect(try db.store.verifyJournal().entries == made.journal.entries + 1, "one entry since the backup")
        let beforeRestore = try db.store.changeToken()
        let restored = try db.store.restore(from: backup, actor: hostActor, at: testNow)
        #expect(restored.journal.entries == made.journal.entries + 1, "as long as before the restore: the backup's entries and the restore's own")
        #expect(try db.store.changeToken() != beforeRestore, "other terminals must notice the restore")
        #expect(try db.store.journal(limit: 1).first?.action == "database.restore")
    }

    @Test func aBackupFromANewerVersionIsRefusedAndNothingChanges() throws {
        let db = try TemporaryDatabase()
        try db.store.seedDemo(now: testNow, zone: london, actor: testActor)
        let backup = db.folder + "/newer.sqlite"
        try db.store.backup(to: backup)
        try DatabaseQueue(path: backup).write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-future')") }
        let token = try db.store.changeToken()
        #expect(throws: StoreError.newerSchema(backup, ["v99-future"])) { try db.store.restore(from: backup, actor: hostActor, at: testNow) }
        #expect(try db.store.changeToken() == token)
    }
}
