import Foundation
import Testing
import GRDB
import DeskCore
@testable import DeskStore

@Suite struct BookingRuleTests {
    let day = LocalDate(iso: "2026-11-21")!

    func setUp() throws -> (TemporaryDatabase, Organisation) {
        let db = try TemporaryDatabase()
        try db.store.seedDemo(now: testNow, zone: london, actor: testActor)
        return (db, try db.store.organisation(matching: "Kestrel Dental Practice"))
    }

    func details(_ name: String) throws -> ValidBooking {
        try BookingDraft(patientName: name, phone: "07700 900777").validate(today: day, resolveED: { _ in nil }).get()
    }

    @Test func aFreeSlotBooksAndAnOccupiedOneIsRefusedWithTheNames() throws {
        let (db, practice) = try setUp()
        let time = TimeOfDay(parsing: "09:30")!
        try db.store.book(practice: practice, day: day, start: time, details: try details("Ann Example"), overbook: false, actor: testActor, at: testNow)
        do {
            try db.store.book(practice: practice, day: day, start: time, details: try details("Bob Example"), overbook: false, actor: testActor, at: testNow)
            Issue.record("expected a refusal")
        } catch let refusal as Refusal {
            #expect(refusal == .slotTaken(start: time, day: day, holders: ["Ann Example"]))
            #expect(refusal.description.contains("already booked for Ann Example"))
        }
        #expect(try db.store.bookings(practiceID: practice.id, day: day).count == 1, "nothing overwritten, nothing added")
    }

    @Test func overbookingKeepsBothAndShowsAConflict() throws {
        let (db, practice) = try setUp()
        let time = TimeOfDay(parsing: "09:30")!
        try db.store.book(practice: practice, day: day, start: time, details: try details("Ann Example"), overbook: false, actor: testActor, at: testNow)
        try db.store.book(practice: practice, day: day, start: time, details: try details("Bob Example"), overbook: true, actor: testActor, at: testNow)
        let view = try db.store.loadView(practiceID: practice.id, day: day)
        let row = try #require(view.slots.first { $0.slot.start == time })
        #expect(row.status == .conflict)
        #expect(row.bookings.map(\.patient.name) == ["Ann Example", "Bob Example"])
        // Cancelling one resolves the conflict.
        try db.store.setStatus(of: row.bookings[1].id.uuidString, to: .cancelled, reason: "duplicate", actor: testActor, at: testNow)
        #expect(try db.store.loadView(practiceID: practice.id, day: day).slots.first { $0.slot.start == time }?.status == .booked)
    }

    /// An import asks only whether a booking holds the slot: a cancelled one does not, so the imported booking is
    /// no conflict there; a booked one does, and the imported booking is added beside it as a conflict.
    @Test func anImportIsAConflictOnlyWhereABookingStillHoldsTheSlot() throws {
        let (db, practice) = try setUp()
        let (nine, ten) = (TimeOfDay(parsing: "09:00")!, TimeOfDay(parsing: "10:00")!)
        try db.store.book(practice: practice, day: day, start: nine, details: try details("Ann Kept"), overbook: false,
                          actor: testActor, at: testNow)
        let gone = try db.store.book(practice: practice, day: day, start: ten, details: try details("Bob Gone"),
                                     overbook: false, actor: testActor, at: testNow)
        try db.store.setStatus(of: gone.id.uuidString, to: .cancelled, reason: "rang to cancel", actor: testActor,
                               at: testNow)
        func imported(_ start: TimeOfDay, _ reference: String) throws -> ImportedBooking {
            ImportedBooking(practiceName: practice.name, day: day, start: start, details: try details("Cy Central"),
                            status: .booked, centralReference: reference, place: "line 2")
        }
        let outcome = try db.store.apply(.importBookings(.init(bookings: [try imported(nine, "C-1"),
                                                                          try imported(ten, "C-2")])), as: hostActor)
        guard case .bookingsImported(let summary) = outcome else { Issue.record("\(outcome)"); return }
        #expect(summary.added == 2)
        #expect(summary.conflicts == ["Kestrel Dental Practice 2026-11-21 09:00"])
    }

    /// An import gets a larger page cache for its one change (so pages pushed out are not written to the WAL over
    /// and over); the writer's cache is back as it was afterwards, whether the import was saved or refused.
    @Test func anImportsLargerCacheLastsOnlyForItsChange() throws {
        let (db, practice) = try setUp()
        func cache() throws -> Int {
            try db.store.pool.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA cache_size") ?? 0 }
        }
        let before = try cache()
        let booking = ImportedBooking(practiceName: practice.name, day: day, start: TimeOfDay(parsing: "09:00")!,
                                      details: try details("Cy Central"), status: .booked, centralReference: "C-1",
                                      place: "line 2")
        try db.store.apply(.importBookings(.init(bookings: [booking])), as: hostActor)
        #expect(try cache() == before)
        var unknown = booking
        unknown.practiceName = "No Such Practice"
        unknown.centralReference = "C-2"
        #expect(throws: Refusal.self) { try db.store.apply(.importBookings(.init(bookings: [unknown])), as: hostActor) }
        #expect(try cache() == before)
        #expect(before != -65536, "the default is not the import's")
    }

    @Test func aTimeWithNoSlotIsRefusedWithTheSlotTimes() throws {
        let (db, practice) = try setUp()
        #expect(throws: Refusal.self) {
            try db.store.book(practice: practice, day: day, start: TimeOfDay(parsing: "13:00")!, details: try details("Ann"),
                              overbook: false, actor: testActor, at: testNow)
        }
    }

    @Test func lifecycleFollowsItsRulesAndNeedsReasons() throws {
        let (db, practice) = try setUp()
        let booking = try db.store.book(practice: practice, day: day, start: TimeOfDay(parsing: "10:00")!, details: try details("Ann"),
                                        overbook: false, actor: testActor, at: testNow)
        #expect(throws: Refusal.self) {
            try db.store.setStatus(of: booking.id.uuidString, to: .completed, reason: nil,
                                   actor: testActor, at: testNow)
        }
        #expect(throws: Refusal.self) {
            try db.store.setStatus(of: booking.id.uuidString, to: .cancelled, reason: " ",
                                   actor: testActor, at: testNow)
        }
        try db.store.setStatus(of: String(booking.id.uuidString.prefix(8)), to: .arrived, reason: nil, actor: testActor, at: testNow)
        let done = try db.store.setStatus(of: booking.id.uuidString, to: .completed, reason: nil, actor: testActor, at: testNow)
        #expect(done.status == .completed)
        #expect(try db.store.journal(limit: 5).filter { $0.action == "booking.status" }.count == 2)
    }

    @Test func movingChecksTheTargetSlot() throws {
        let (db, practice) = try setUp()
        let ann = try db.store.book(practice: practice, day: day, start: TimeOfDay(parsing: "10:00")!, details: try details("Ann"),
                                    overbook: false, actor: testActor, at: testNow)
        try db.store.book(practice: practice, day: day, start: TimeOfDay(parsing: "10:30")!, details: try details("Bob"),
                          overbook: false, actor: testActor, at: testNow)
        #expect(throws: Refusal.self) {
            try db.store.move(ann.id.uuidString, to: day, start: TimeOfDay(parsing: "10:30")!, overbook: false, actor: testActor, at: testNow)
        }
        let moved = try db.store.move(ann.id.uuidString, to: day.adding(days: 1), start: TimeOfDay(parsing: "08:30")!, overbook: false,
                                      actor: testActor, at: testNow)
        #expect(moved.day == day.adding(days: 1))
        #expect(try db.store.bookings(practiceID: practice.id, day: day.adding(days: 1)).map(\.patient.name) == ["Ann"])
    }

    @Test func duringAnOutageBookingsGetUniqueDowntimeReferencesNeverReused() throws {
        let (db, practice) = try setUp()
        // The permission table's refusal, now that who-may-do-what is decided there (was StoreError).
        #expect(throws: Refusal.self, "only the host declares") {
            try db.store.apply(.declareOutage(.init(system: "Dental RMS", since: testNow, reason: "",
                                                    instructions: "")),
                               as: kestrelActor)
        }
        try db.store.declareOutage(system: "Dental RMS", since: testNow, reason: "", instructions: "", actor: hostActor, at: testNow)
        #expect(throws: Refusal.self) {
            try db.store.declareOutage(system: "dental rms", since: testNow, reason: "", instructions: "", actor: hostActor, at: testNow)
        }
        let first = try db.store.book(practice: practice, day: day, start: TimeOfDay(parsing: "10:00")!, details: try details("Ann"),
                                      overbook: false, actor: testActor, at: testNow)
        #expect(first.downtimeReference == "DT-KDP-20261121-1")
        try db.store.setStatus(of: "dt-kdp-20261121-1", to: .cancelled, reason: "patient rang back", actor: testActor, at: testNow)
        let second = try db.store.book(practice: practice, day: day, start: TimeOfDay(parsing: "10:00")!, details: try details("Bob"),
                                       overbook: false, actor: testActor, at: testNow)
        #expect(second.downtimeReference == "DT-KDP-20261121-2", "a cancelled booking's reference is not reused")

        try db.store.restoreOutage(system: nil, at: testNow.addingTimeInterval(3600), actor: hostActor, now: testNow.addingTimeInterval(3600))
        #expect(try db.store.backEntryWorklist().map(\.downtimeReference) == ["DT-KDP-20261121-2"])
        #expect(try db.store.loadView(practiceID: practice.id, day: day).backEntryRemaining == 1)
        let after = try db.store.book(practice: practice, day: day, start: TimeOfDay(parsing: "10:30")!, details: try details("Cat"),
                                      overbook: false, actor: testActor, at: testNow)
        #expect(after.downtimeReference == nil, "after restoration bookings are ordinary again")
        try db.store.markBackEntered("DT-KDP-20261121-2", centralReference: "RMS-4411", actor: testActor, at: testNow)
        #expect(throws: Refusal.self) {
            try db.store.markBackEntered("DT-KDP-20261121-2", centralReference: "RMS-9", actor: testActor, at: testNow)
        }
        #expect(try db.store.backEntryWorklist().isEmpty)
    }

    @Test func twoConnectionsRacingForOneSlotCannotBothWin() throws {
        let (db, practice) = try setUp()
        let other = try DeskStore(path: db.path)
        let time = TimeOfDay(parsing: "11:30")!
        let stores = [db.store, other]
        let results = ResultBox()
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            do {
                let details = try BookingDraft(patientName: "Racer \(i)", phone: "07700900777").validate(today: day, resolveED: { _ in nil }).get()
                try stores[i % 2].book(practice: practice, day: day, start: time, details: details, overbook: false, actor: testActor, at: testNow)
                results.add(true)
            } catch { results.add(false) }
        }
        #expect(results.wins == 1)
        #expect(try db.store.bookings(practiceID: practice.id, day: day).filter { $0.start == time }.count == 1)
    }
}

/// Collects outcomes from concurrent work.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var outcomes: [Bool] = []
    func add(_ outcome: Bool) { lock.lock(); outcomes.append(outcome); lock.unlock() }
    var wins: Int { lock.lock(); defer { lock.unlock() }; return outcomes.filter { $0 }.count }
}
