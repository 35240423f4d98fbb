import Foundation
import Testing
import GRDB
import DeskCore
@testable import DeskStore

@Suite struct DurabilityTests {
    @Test func walModeAndFullSynchronousHoldAfterOpening() throws {
        let db = try TemporaryDatabase()
        #expect(try db.store.journalMode() == "wal")
        // GRDB's pool sets NORMAL on its writer; FULL must survive that.
        #expect(try db.store.writerSynchronousLevel() == 2)
        try db.store.seedDemo(now: testNow, zone: london, actor: testActor)
        #expect(try db.store.writerSynchronousLevel() == 2)
    }

    @Test func databaseFileIsReadableByItsOwnerOnly() throws {
        let db = try TemporaryDatabase()
        let mode = try FileManager.default.attributesOfItem(atPath: db.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func missingFolderIsAClearError() {
        #expect(throws: StoreError.directoryMissing("/nonexistent-desk-folder")) {
            try DeskStore(path: "/nonexistent-desk-folder/desk.sqlite")
        }
    }

    @Test func aFileThatIsNotADatabaseIsRefusedAndLeftAlone() throws {
        let folder = NSTemporaryDirectory() + "desk-notdb-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/notes.sqlite"
        let junk = Data(repeating: 0x41, count: 4096)
        FileManager.default.createFile(atPath: path, contents: junk)
        #expect(throws: StoreError.self) { try DeskStore(path: path) }
        #expect(FileManager.default.contents(atPath: path) == junk)
    }

    @Test func databaseFromANewerVersionIsRefused() throws {
        let db = try TemporaryDatabase()
        try db.store.pool.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-future')") }
        #expect(throws: StoreError.newerSchema(db.path, ["v99-future"])) { try DeskStore(path: db.path) }
    }
}

@Suite struct JournalTests {
    @Test func everyWriteIsJournalledWithItsActor() throws {
        let db = try TemporaryDatabase()
        try db.store.seedDemo(now: testNow, zone: london, actor: testActor)
        let entries = try db.store.journal(limit: 1000)
        #expect(entries.contains { $0.action == "booking.create" })
        #expect(entries.allSatisfy { $0.actor == testActor && $0.at == testNow })
    }

    @Test func theJournalRefusesUpdateAndDelete() throws {
        let db = try TemporaryDatabase()
        try db.store.seedDemo(now: testNow, zone: london, actor: testActor)
        #expect(throws: DatabaseError.self) { try db.store.pool.write { try $0.execute(sql: "UPDATE journal SET user = 'mallory'") } }
        #expect(throws: DatabaseError.self) { try db.store.pool.write { try $0.execute(sql: "DELETE FROM journal") } }
        #expect(try db.store.journal(limit: 1).first?.actor.user == "tester")
    }

    @Test func theHashChainShowsAnEntryChangedOrRemovedAroundTheTriggers() throws {
        let db = try TemporaryDatabase()
        try db.store.seedDemo(now: testNow, zone: london, actor: testActor)
        let intact = try db.store.verifyJournal()
        #expect(intact.isIntact && intact.entries > 10)
        #expect(intact.entries == (try db.store.journal(limit: 100_000).count))
        // Someone with the file and sqlite3 lifts the triggers and rewrites history.
        let raw = try DatabaseQueue(path: db.path)
        try raw.write { db in
            try db.execute(sql: "DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete")
            try db.execute(sql: "UPDATE journal SET user = 'mallory' WHERE seq = 5")
        }
        let edited = try db.store.verifyJournal()
        #expect(edited.breaks.map(\.entry.seq) == [5], "only the changed entry breaks: the next one follows its stored hash")
        #expect(edited.breaks.first?.entry.user == "mallory" && edited.breaks.first?.problem.contains("no longer matches its hash") == true)
        try raw.write { db in try db.execute(sql: "DELETE FROM journal WHERE seq = 8") }
        let removed = try db.store.verifyJournal()
        #expect(removed.breaks.map(\.entry.seq) == [5, 9, 9])
        #expect(removed.breaks.map(\.problem).contains("entries 8…8 are missing"))
        #expect(removed.head == intact.head, "cutting entries off the end needs the paper anchor: the head")
    }

    @Test func theChainIsWrittenOverAnOlderDatabaseAndItsOutagesBecomeIncidents() throws {
        let folder = NSTemporaryDirectory() + "desk-migrate-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/old.sqlite"
        // A database as version 4 left it: an outage and journal entries without hashes.
        let old = try DatabaseQueue(path: path)
        try Migrations.migrator.migrate(old, upTo: "v4-notice-chain")
        try old.write { db in
            try db.execute(sql: """
                INSERT INTO outage (id, system, since, instructions, declared_at, declared_by)
                VALUES ('\(UUID().uuidString)', 'Dental RMS', '2026-03-02T09:00:00Z', 'phone', '2026-03-02T09:05:00Z', 'oncall');
                """)
            for n in 1...3 {
                try db.execute(sql: """
                    INSERT INTO journal (id, at, site, user, terminal, role, action, entity, detail)
                    VALUES (?, '2026-03-02T09:0\(n):00Z', 'Host', 'oncall', 'pts/1', 'host', 'outage.declare', 'outage', '{}')
                    """, arguments: [UUID().uuidString])
            }
        }
        try old.close()
        let store = try DeskStore(path: path)
        let verification = try store.verifyJournal()
        #expect(verification.isIntact && verification.entries == 3)
        #expect(try store.incidents().map(\.number) == ["INC-2026-0001"])
        try store.addIncidentNote("after the upgrade", number: "INC-2026-0001", actor: hostActor, at: testNow)
        #expect(try store.verifyJournal().isIntact && (try store.verifyJournal().entries) == 4, "new entries follow the written chain")
    }

    @Test func changeTokenMovesWithEveryCommit() throws {
        let db = try TemporaryDatabase()
        let before = try db.store.changeToken()
        try db.store.seedDemo(now: testNow, zone: london, actor: testActor)
        let after = try db.store.changeToken()
        #expect(after != before)
        // A second connection to the same file sees it too, as another terminal would.
        #expect(try DeskStore(path: db.path).changeToken() == after)
    }
}

@Suite struct DirectoryStoreTests {
    let csv = """
    organisation,kind,contact,role,phones,emails,notes
    Marsh Lane Dental,practice,,,01632 960101,marsh@example.org,
    Marsh Lane Dental,practice,Gwen Example,Manager,07700 900101,,
    Northgate ED,ed,Amara Example,Coordinator,01632 960031,amara@example.org,

    """

    func entries(_ text: String) throws -> [DirectoryEntry] { try DirectoryImport.parse(Array(text.utf8)).entries }

    @Test func reimportingTheSameFileChangesNothing() throws {
        let db = try TemporaryDatabase()
        let first = try db.store.importDirectory(try entries(csv), actor: testActor, at: testNow)
        #expect(first.organisationsAdded == 2 && first.contactsAdded == 2)
        let token = try db.store.changeToken()
        let second = try db.store.importDirectory(try entries(csv), actor: testActor, at: testNow)
        #expect(second.isEmpty)
        #expect(try db.store.changeToken() == token)
    }

    @Test func exportThenImportRoundTrips() throws {
        let db = try TemporaryDatabase()
        try db.store.seedDemo(now: testNow, zone: london, actor: testActor)
        let exported = try db.store.exportDirectory()
        let other = try TemporaryDatabase()
        try other.store.importDirectory(try entries(exported), actor: testActor, at: testNow)
        #expect(try other.store.exportDirectory() == exported)
        #expect(try db.store.importDirectory(try entries(exported), actor: testActor, at: testNow).isEmpty)
    }

    @Test func changedRowsUpdateInPlace() throws {
        let db = try TemporaryDatabase()
        try db.store.importDirectory(try entries(csv), actor: testActor, at: testNow)
        let id = try db.store.organisation(matching: "marsh lane dental").id
        let changed = csv.replacingOccurrences(of: "01632 960101", with: "01632 960199")
        let summary = try db.store.importDirectory(try entries(changed), actor: testActor, at: testNow)
        #expect(summary.organisationsUpdated == 1 && summary.organisationsAdded == 0)
        let org = try db.store.organisation(matching: id.uuidString)
        #expect(org.phones.map(\.digits) == ["01632960199"])
    }

    @Test func organisationsResolveByNameIdOrUniquePrefix() throws {
        let db = try TemporaryDatabase()
        try db.store.seedDemo(now: testNow, zone: london, actor: testActor)
        let org = try db.store.organisation(matching: "OAKFIELD dental care")
        #expect(try db.store.organisation(matching: org.id.uuidString) == org)
        #expect(try db.store.organisation(matching: "oakf") == org)
        #expect(throws: StoreError.self) { try db.store.organisation(matching: "Harbour") }
        #expect(throws: StoreError.self) { try db.store.organisation(matching: "Nowhere Dental") }
    }
}

/// Numbers saved by an earlier version under looser rules: the rows holding them must still be read.
@Suite struct StoredNumberTests {
    /// The booking whose phone an earlier version saved as 00441121122 was skipped as unreadable, so it dropped out
    /// of the day and of the practice's list. It reads now, and so does a contact's number saved the same way.
    @Test func aBookingOrContactWhoseNumberTodaysRulesRefuseIsStillRead() throws {
        let db = try TemporaryDatabase()
        try db.store.seedDemo(now: testNow, zone: london, actor: testActor)
        let kestrel = try db.store.organisation(matching: "Kestrel Dental Practice")
        let day = LocalDate(iso: "2026-11-23")!
        let details = try BookingDraft(patientName: "Ada Abroad", phone: "07700 900444")
            .validate(today: day, resolveED: { _ in nil }).get()
        try db.store.book(practice: kestrel, day: day, start: TimeOfDay(parsing: "09:00")!, details: details,
                          overbook: false, actor: kestrelActor, at: testNow)
        let before = try db.store.bookings(practiceID: kestrel.id, day: day).count
        try db.store.pool.write { db in
            try db.execute(sql: "UPDATE booking SET patient_phone = '00441121122' WHERE patient_name = 'Ada Abroad'")
            try db.execute(sql: """
                UPDATE organisation SET phones = '00331234567,01632960001' WHERE name = 'Kestrel Dental Practice'
                """)
        }
        let after = try db.store.bookings(practiceID: kestrel.id, day: day)
        #expect(after.count == before)
        #expect(after.first { $0.patient.name == "Ada Abroad" }?.patient.phone.digits == "00441121122")
        let reread = try db.store.organisation(matching: "Kestrel Dental Practice")
        #expect(reread.phones.map(\.digits) == ["00331234567", "01632960001"])
    }
}

@Suite struct ViewStoreTests {
    @Test func demoViewShowsTodaysSlotsBookingsAndCallSheet() throws {
        let db = try TemporaryDatabase()
        try db.store.seedDemo(now: testNow, zone: london, actor: testActor)
        let view = try db.store.loadView(practiceID: nil, day: LocalDate(iso: "2026-11-21")!)
        #expect(view.practices.count == 13)
        #expect(view.slots.count == 14)
        #expect(view.slots.filter { $0.status == .conflict }.count == 1)
        #expect(view.incoming.count == 6)
        #expect(view.incoming.first?.patient.name == "Finn Demo-Abara", "newest first")
        #expect(view.unseenCount == 3)
        #expect(view.callSheet.count == 18, "everyone but the host")
        let oakfield = try #require(view.callSheet.first { $0.organisation.name == "Oakfield Dental Care" })
        #expect(oakfield.numbers.count == 2)
    }

    @Test func anotherDayHasSlotsButNoBookings() throws {
        let db = try TemporaryDatabase()
        try db.store.seedDemo(now: testNow, zone: london, actor: testActor)
        let view = try db.store.loadView(practiceID: nil, day: LocalDate(iso: "2026-11-22")!)
        #expect(view.slots.count == 14)
        #expect(view.slots.allSatisfy { $0.status == .free })
    }
}

/// Stores are opened on several threads at once (the desk's sync worker beside its loop; concurrent tests): the
/// name of the last file opened, kept for error messages, must not be a data race. The thread sanitizer found it one
/// (`swift test --sanitize=thread`); under it, this test fails without the lock.
@Suite struct ConcurrentOpenTests {
    @Test func storesOpenedOnSeveralThreadsAtOnceKeepTheLastPathWhole() throws {
        let folders = (0..<6).map { _ in NSTemporaryDirectory() + "desk-open-" + UUID().uuidString }
        defer { for folder in folders { try? FileManager.default.removeItem(atPath: folder) } }
        for folder in folders {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let paths = folders.map { $0 + "/desk.sqlite" }
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            _ = try? DeskStore(path: paths[index])
            _ = DeskStore.lastOpenedPath
        }
        // Other suites open stores at the same time, so which path is last is not known; that it is a whole one is.
        #expect(DeskStore.lastOpenedPath?.hasSuffix(".sqlite") == true)
    }
}
