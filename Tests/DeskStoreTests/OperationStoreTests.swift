import Foundation
import Testing
import DeskCore
@testable import DeskStore

/// The store applies operations: permission, rules, change and a journal entry recording the operation, in one
/// transaction; and a journal's operations, applied in order to a second file, give the same records.
@Suite struct OperationStoreTests {
    static let day = LocalDate(testNow, in: london)
    static let nobody = Actor(user: "setup", terminal: "cli", site: "", role: .practice)
    static let shoreline = Actor(user: "nia", terminal: "/dev/pts/6", site: "Shoreline 111", role: .nhs111)

    static func details(_ name: String) throws -> ValidBooking {
        ValidBooking(patient: Patient(name: name, phone: try PhoneNumber(parsing: "07700900777")), triage: .urgent,
                     source: .phone, notes: "")
    }

    /// A fresh file given the demo directory and its slot patterns as operations.
    static func networkFile() throws -> TemporaryDatabase {
        let db = try TemporaryDatabase()
        let entries = try DirectoryImport.parse(Array(DemoNetwork.directoryCSV.utf8)).entries
        try db.store.apply(.importDirectory(.init(entries: entries)), as: nobody)
        let practices = try db.store.organisations().filter { $0.kind == .practice }
        try db.store.apply(.replaceTemplates(.init(practiceIDs: practices.map(\.id),
                                                   templates: practices.flatMap { DemoNetwork.templates(for: $0.id) },
                                                   keepOffTemplate: false)), as: hostActor)
        return db
    }

    /// What a person sees: each practice's day, the round's acknowledgments and calls, the outages, back-entry.
    static func screens(_ store: DeskStore) throws -> [String] {
        var lines: [String] = []
        for practice in try store.organisations() where practice.kind == .practice {
            for booking in try store.bookings(practiceID: practice.id, day: day) {
                lines.append("\(practice.name) \(booking.start) \(booking.patient.name) \(booking.status.rawValue) "
                             + "\(booking.downtimeReference ?? "-") \(booking.centralReference ?? "-") \(booking.id) "
                             + "made by \(booking.createdSite ?? "?")")
            }
        }
        for outage in try store.outages() {
            lines.append("outage \(outage.system) \(outage.since) restored \(String(describing: outage.restoredAt))")
            for round in try store.rounds(of: outage) {
                for party in round.parties {
                    let ack = round.acknowledgments[party.id].map { "\($0.via.rawValue) at \($0.at) by \($0.by)" }
                    lines.append("\(round.notice.kind.rawValue) \(party.name): \(ack ?? "silent")")
                }
                lines += round.calls.map { "call \($0.organisationID) \($0.number) \($0.outcome.rawValue) \($0.at)" }
            }
        }
        lines += try store.backEntryWorklist().map { "back-enter \($0.downtimeReference ?? "")" }
        return lines
    }

    @Test func theJournalRecordsEachOperationAndStillVerifies() throws {
        let db = try Self.networkFile()
        let kestrel = try db.store.organisation(matching: "Kestrel Dental Practice")
        let start = try #require(try db.store.slots(practiceID: kestrel.id, day: Self.day).first).start
        let booking = DeskOperation.book(.init(practiceID: kestrel.id, day: Self.day, start: start,
                                               details: try Self.details("Ann Example"), overbook: false))
        let made = try #require(try db.store.apply(booking, as: kestrelActor).booking)
        let recorded = try db.store.journaledOperations()
        #expect(recorded.map(\.operation.kind) == [.importDirectory, .replaceTemplates, .book])
        #expect(recorded.last?.operation == booking && recorded.last?.actor == kestrelActor)
        #expect(made.createdSite == "Kestrel Dental Practice")
        #expect(try db.store.verifyJournal().isIntact)
        // Each of an operation's changes is journaled; the operation itself rides on the first only.
        let withOperation = try db.store.journal(limit: 1000).count
        #expect(withOperation > recorded.count)
    }

    /// A file written before operations were journaled keeps verifying after the migration adds the column.
    @Test func entriesFromBeforeOperationsStillVerify() throws {
        let db = try Self.networkFile()
        // The demo's seeding writes entries with no operation, as every entry before this version was written.
        try db.store.seedDemo(now: testNow, zone: london, actor: Self.nobody)
        let verified = try db.store.verifyJournal()
        #expect(verified.isIntact && verified.entries > 10)
        let hasOperations = try db.store.pool.read {
            try Int.fetchOne($0, sql: "SELECT count(*) FROM journal WHERE operation IS NOT NULL")
        }
        #expect(hasOperations == 2)
        // An operation's JSON is part of its entry's hash: changing it breaks the chain.
        try db.store.pool.writeWithoutTransaction { db in
            let triggers = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'journal'
                """)
            for trigger in triggers { try db.execute(sql: "DROP TRIGGER \(trigger)") }
            try db.execute(sql: """
                UPDATE journal SET operation = replace(operation, 'slot.templates', 'slot.template')
                WHERE operation IS NOT NULL
                """)
        }
        #expect(try !db.store.verifyJournal().isIntact)
    }

    @Test func refusedOperationsChangeNothingAndJournalNothing() throws {
        let db = try Self.networkFile()
        let kestrel = try db.store.organisation(matching: "Kestrel Dental Practice")
        let start = try #require(try db.store.slots(practiceID: kestrel.id, day: Self.day).first).start
        let before = try db.store.journal(limit: 1000).count
        let booking = DeskOperation.book(.init(practiceID: kestrel.id, day: Self.day, start: start,
                                               details: try Self.details("Val Example"), overbook: false))
        #expect(throws: Refusal.notItsOwn(.book, site: "Vale Dental Care", owner: "Kestrel Dental Practice")) {
            try db.store.apply(booking, as: valeActor)
        }
        #expect(throws: Refusal.noSite(.book)) { try db.store.apply(booking, as: Self.nobody) }
        #expect(throws: Refusal.self) { try db.store.apply(booking, as: hostActor) }
        #expect(try db.store.journal(limit: 1000).count == before)
        #expect(try db.store.bookings(practiceID: kestrel.id, day: Self.day).isEmpty)
    }

    /// NHS 111 books into a practice's slot by phone and may change that booking, but not the practice's others.
    @Test func nhs111ChangesTheBookingsItMadeAndNoOthers() throws {
        let db = try Self.networkFile()
        let kestrel = try db.store.organisation(matching: "Kestrel Dental Practice")
        let starts = try db.store.slots(practiceID: kestrel.id, day: Self.day).map(\.start)
        func book(_ name: String, _ slot: Int, as actor: Actor) throws -> Booking {
            let operation = DeskOperation.book(.init(practiceID: kestrel.id, day: Self.day, start: starts[slot],
                                                     details: try Self.details(name), overbook: false))
            return try #require(try db.store.apply(operation, as: actor).booking)
        }
        let phoned = try book("By Phone", 0, as: Self.shoreline)
        let walkIn = try book("Walk In", 1, as: kestrelActor)
        try db.store.apply(.move(.init(bookingID: phoned.id, day: Self.day, start: starts[2], overbook: false)),
                           as: Self.shoreline)
        #expect(throws: Refusal.notItsOwn(.changeStatus, site: "Shoreline 111", owner: "Kestrel Dental Practice")) {
            try db.store.apply(.changeStatus(.init(bookingID: walkIn.id, status: .cancelled, reason: "x")),
                               as: Self.shoreline)
        }
        try db.store.apply(.changeStatus(.init(bookingID: phoned.id, status: .arrived, reason: nil)), as: kestrelActor)
    }

    /// The seed of the hub: a journal's operations replayed in order on a second file give the same screens.
    @Test func replayingAJournalOnASecondFileGivesTheSameScreens() throws {
        let first = try Self.networkFile()
        let store = first.store
        let kestrel = try store.organisation(matching: "Kestrel Dental Practice")
        let vale = try store.organisation(matching: "Vale Dental Care")
        let starts = try store.slots(practiceID: kestrel.id, day: Self.day).map(\.start)
        func book(_ name: String, _ slot: Int, as actor: Actor, at practice: Organisation = kestrel,
                  overbook: Bool = false) throws -> Booking {
            let starts = try store.slots(practiceID: practice.id, day: Self.day).map(\.start)
            return try #require(try store.apply(.book(.init(practiceID: practice.id, day: Self.day, start: starts[slot],
                                                     details: try Self.details(name), overbook: overbook)),
                                         as: actor).booking)
        }
        let ann = try book("Ann Example", 0, as: kestrelActor)
        _ = try book("Bob Example", 0, as: Self.shoreline, overbook: true)
        try store.apply(.declareOutage(.init(system: "Dental RMS", since: testNow.addingTimeInterval(-600),
                                             reason: "Hosting fault", instructions: "")), as: hostActor)
        let downtime = try book("Cat Downtime", 1, as: kestrelActor)
        _ = try book("Dai Vale", 2, as: valeActor, at: vale)
        try store.apply(.acknowledge(.init(organisationID: kestrel.id, via: .app, by: "gwen")), as: kestrelActor)
        try store.apply(.logCall(.init(organisationID: vale.id, number: try PhoneNumber(parsing: "01632 960104"),
                                       outcome: .acknowledged, note: "", interval: 900)), as: commissionerActor)
        try store.apply(.changeStatus(.init(bookingID: ann.id, status: .cancelled, reason: "patient rang")),
                        as: kestrelActor)
        try store.apply(.move(.init(bookingID: downtime.id, day: Self.day, start: starts[3], overbook: false)),
                        as: kestrelActor)
        try store.apply(.restoreOutage(.init(system: nil, restoredAt: testNow)), as: hostActor)
        try store.apply(.markBackEntered(.init(bookingID: downtime.id, centralReference: "RMS-2231")), as: kestrelActor)

        let second = try TemporaryDatabase()
        for record in try store.journaledOperations() { try second.store.apply(record) }
        let expected = try Self.screens(store), replayed = try Self.screens(second.store)
        #expect(expected.count > 30)
        #expect(replayed == expected)
        #expect(try second.store.verifyJournal().isIntact)
    }
}
