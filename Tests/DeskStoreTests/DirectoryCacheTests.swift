import Foundation
import Testing
import GRDB
import DeskCore
@testable import DeskStore

/// A desk keeps the directory it read until the file's directory mark moves. Whatever changes the directory
/// (this desk, another process writing the file directly, a restore) must show on the next reload.
@Suite struct DirectoryCacheTests {
    func callSheetNumbers(_ store: DeskStore, of name: String) throws -> [String] {
        let view = try store.loadView(practiceID: nil, day: LocalDate(testNow, in: london))
        return view.callSheet.first { $0.organisation.name == name }?.numbers.map(\.number.digits) ?? []
    }

    @Test func aContactChangedByAnotherProcessShowsOnTheNextReload() throws {
        let db = try TemporaryDatabase()
        try db.store.seedDemo(now: testNow, zone: london, actor: testActor)
        let ed = try #require(try db.store.loadView(practiceID: nil, day: LocalDate(testNow, in: london)).callSheet.first { $0.organisation.kind == .ed })
        let name = ed.organisation.name
        #expect(try !callSheetNumbers(db.store, of: name).contains("01632960999"))
        // Another terminal's process, writing the file with its own connection (no desk code, so no cache to clear).
        let other = try DatabaseQueue(path: db.path)
        try other.write { sql in
            try sql.execute(sql: "UPDATE contact SET phones = '01632960999' WHERE organisation_id = ?", arguments: [ed.organisation.id.uuidString])
        }
        #expect(try callSheetNumbers(db.store, of: name).contains("01632960999"))
        try other.write { sql in
            try sql.execute(sql: "DELETE FROM contact WHERE organisation_id = ?", arguments: [ed.organisation.id.uuidString])
            try sql.execute(sql: "UPDATE organisation SET name = 'Renamed ED' WHERE id = ?", arguments: [ed.organisation.id.uuidString])
        }
        #expect(try callSheetNumbers(db.store, of: name).isEmpty)
        #expect(try db.store.loadView(practiceID: nil, day: LocalDate(testNow, in: london)).callSheet.contains { $0.organisation.name == "Renamed ED" })
    }

    /// The desk's first frame must not wait on every contact in the directory: a view reads none, and a party's
    /// are read when its numbers are first asked for (the call-sheet asks for the parties it draws).
    @Test func aViewReadsAPartysContactsOnlyWhenItsNumbersAreAskedFor() throws {
        let db = try TemporaryDatabase()
        try db.store.seedDemo(now: testNow, zone: london, actor: testActor)
        let view = try db.store.loadView(practiceID: nil, day: LocalDate(testNow, in: london))
        let book = try #require(view.callSheet.first?.reachBook)
        #expect(book.partiesRead == 0)
        let ed = try #require(view.callSheet.first { $0.organisation.kind == .ed })
        let contacts = try db.store.contacts()[ed.organisation.id] ?? []
        #expect(!contacts.isEmpty)
        #expect(ed.numbers.map(\.number) == CallSheetRow.build(organisation: ed.organisation, contacts: contacts)
            .numbers.map(\.number))
        #expect(book.partiesRead == 1)
        try CallSheetRow.readReach(of: view.callSheet)
        #expect(book.partiesRead == view.callSheet.count)
    }

    @Test func aBookingLeavesTheDirectoryMarkWhereItWas() throws {
        let db = try TemporaryDatabase()
        try db.store.seedDemo(now: testNow, zone: london, actor: testActor)
        let mark = { try db.store.pool.read { try Int64.fetchOne($0, sql: "SELECT mark FROM directory_version") } }
        let before = try mark()
        let practice = try #require(try db.store.loadView(practiceID: nil, day: LocalDate(testNow, in: london)).practice)
        let day = LocalDate(testNow, in: london).adding(days: 2)
        let slot = try #require(try db.store.slots(practiceID: practice.id, day: day).first ?? db.store.slots(practiceID: practice.id, day: day.adding(days: 2)).first)
        let details = try BookingDraft(patientName: "Ann Example", phone: "07700900777").validate(today: slot.day, resolveED: { _ in nil }).get()
        try db.store.book(practice: practice, day: slot.day, start: slot.start, details: details, overbook: true, actor: testActor, at: testNow)
        #expect(try mark() == before)
        try db.store.pool.write { try $0.execute(sql: "UPDATE organisation SET notes = 'x' WHERE id = ?", arguments: [practice.id.uuidString]) }
        #expect(try mark() != before)
    }
}

/// A booking checks its one slot without making the whole day; that one slot must be exactly the day's.
@Suite struct SingleSlotTests {
    @Test func theOneSlotIsTheDaysSlotWithBlocksAndExtrasLaidOver() throws {
        let db = try TemporaryDatabase()
        try db.store.seedDemo(now: testNow, zone: london, actor: testActor)
        let practice = try #require(try db.store.loadView(practiceID: nil, day: LocalDate(testNow, in: london)).practice)
        let first = LocalDate(testNow, in: london)
        let weekday = try #require((8..<15).map { first.adding(days: $0) }.first { !(try db.store.slots(practiceID: practice.id, day: $0)).isEmpty })
        let usual = try db.store.slots(practiceID: practice.id, day: weekday)
        try db.store.setDaySlot(practice: practice, day: weekday, start: usual[0].start, minutes: nil, blockedReason: "clinician off",
                                actor: testActor, at: testNow)
        try db.store.setDaySlot(practice: practice, day: weekday, start: TimeOfDay(parsing: "07:05")!, minutes: 10, blockedReason: nil,
                                actor: testActor, at: testNow)
        for day in (0..<21).map({ first.adding(days: $0) }) {
            let all = try db.store.slots(practiceID: practice.id, day: day)
            let single = try db.store.pool.read { sql in
                try stride(from: 0, to: 24 * 60, by: 5).map { try DeskStore.slot(practiceID: practice.id, day: day, start: TimeOfDay(minutes: $0)!, db: sql) }
            }
            let expected = stride(from: 0, to: 24 * 60, by: 5).map { minutes in all.first { $0.start.minutes == minutes } }
            #expect(single == expected, "\(day)")
        }
        #expect(try db.store.slots(practiceID: practice.id, day: weekday).contains { $0.blockedReason == "clinician off" })
    }
}
