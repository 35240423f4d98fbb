import Foundation
import Testing
import DeskCore
@testable import DeskStore

/// Other sites' operations as a pull hands them to the store: checked link by link and against the permission table
/// as their origin, applied with the cursor, and never weakening how this file's own changes are kept.
@Suite struct IncomingStoreTests {
    static let day = OperationStoreTests.day

    func link(_ record: OperationRecord, from origin: Organisation, seq: Int, position: Int,
              after previous: String = JournalChain.origin) throws -> IncomingOperation {
        let json = try record.json()
        return IncomingOperation(hubSequence: seq, origin: origin.id, position: position,
                                 hash: OutgoingChain.hash(previous: previous, record: json), previousHash: previous,
                                 kind: record.operation.kind.rawValue, record: json)
    }

    func hold(_ practice: Organisation, at start: TimeOfDay, by actor: Actor) -> OperationRecord {
        OperationRecord(at: testNow, actor: actor, operation: .holdSlots(.init(holds: [
            .init(bookingID: UUID(), practiceID: practice.id, day: Self.day, start: start, status: .booked)])))
    }

    func free(_ store: DeskStore, _ practice: Organisation) throws -> Int {
        try store.capacity(day: Self.day, notBefore: nil)
            .first { $0.practice.id == practice.id }?.freeUrgent.count ?? -1
    }

    @Test func slotsAnotherSiteHoldsAreTakenOnTheBoardAndOwnWritesStayFull() throws {
        let db = try OperationStoreTests.networkFile()
        let kestrel = try db.store.organisation(matching: "Kestrel Dental Practice")
        let shoreline = try db.store.organisation(matching: "Shoreline 111")
        let vale = try db.store.organisation(matching: "Vale Dental Care")
        let start = try #require(try db.store.slots(practiceID: kestrel.id, day: Self.day)
            .first { $0.type.lowercased() == "urgent" }).start
        let before = try free(db.store, kestrel)
        let token = try db.store.changeToken()
        let report = try db.store.receive([try link(hold(kestrel, at: start, by: OperationStoreTests.shoreline),
                                                    from: shoreline, seq: 7, position: 1)],
                                          me: vale.id, origins: [:], at: testNow)
        #expect(report.problems.isEmpty && report.received == 1, "\(report.problems)")
        #expect(try free(db.store, kestrel) == before - 1, "taken, though this file holds no booking for it")
        #expect(try db.store.bookings(practiceID: kestrel.id, day: Self.day).isEmpty, "and no patient")
        let row = try #require(try db.store.loadView(practiceID: kestrel.id, day: Self.day).slots
            .first { $0.slot.start == start })
        #expect(row.status == .booked && row.bookings.allSatisfy(\.isHeldElsewhere)
                    && row.bookings.allSatisfy { $0.patient.name.isEmpty }, "the grid shows it taken, unnamed")
        #expect(try db.store.pulledThrough() == 7)
        #expect(try db.store.changeToken() != token, "an open desk sees the board change, though nothing is journaled")
        #expect(try db.store.writerSynchronousLevel() == 2, "this file's own changes are still kept FULL")
    }

    @Test func aPracticeCannotSayAnotherPracticesSlotsAreTaken() throws {
        let db = try OperationStoreTests.networkFile()
        let kestrel = try db.store.organisation(matching: "Kestrel Dental Practice")
        let vale = try db.store.organisation(matching: "Vale Dental Care")
        let start = try #require(try db.store.slots(practiceID: kestrel.id, day: Self.day).first).start
        let before = try free(db.store, kestrel)
        let report = try db.store.receive([try link(hold(kestrel, at: start, by: valeActor), from: vale, seq: 3,
                                                    position: 1)],
                                          me: kestrel.id, origins: [:], at: testNow)
        #expect(report.problems.count == 1 && report.problems[0].contains("Vale Dental Care's change 1"),
                "\(report.problems)")
        #expect(try free(db.store, kestrel) == before)
        #expect(try db.store.pulledThrough() == 3, "refused, kept to be shown, and not asked again")
    }
}
