import Foundation
import Testing
import GRDB
import DeskCore
@testable import DeskStore

/// Each change made at this file is kept, in the same transaction, as the next link of its outgoing chain: what the
/// hub receives from this site, in order, provably unchanged.
@Suite struct OutgoingChainTests {
    @Test func eachSharedChangeMadeHereIsTheNextLinkAndTheChainVerifies() throws {
        let db = try OperationStoreTests.networkFile()
        let kestrel = try db.store.organisation(matching: "Kestrel Dental Practice")
        let start = try #require(try db.store.slots(practiceID: kestrel.id, day: OperationStoreTests.day).first).start
        try db.store.apply(.book(.init(practiceID: kestrel.id, day: OperationStoreTests.day, start: start,
                                       details: try OperationStoreTests.details("Ann Example"), overbook: false)),
                           as: kestrelActor)
        let waiting = try db.store.pendingOutgoing()
        // The booking is followed by the slot it holds, without the patient, for the sites that may not read it.
        #expect(waiting.map(\.kind) == [.importDirectory, .replaceTemplates, .book, .holdSlots])
        #expect(waiting.map(\.position) == [1, 2, 3, 4])
        #expect(waiting[0].previousHash == JournalChain.origin && waiting[1].previousHash == waiting[0].hash)
        #expect(try db.store.outgoingChainBreak() == nil)
        let journaled = try db.store.journaledOperations()
        #expect(try waiting.filter { $0.kind != .holdSlots }.map { try OperationRecord.decode(json: $0.record) }
                    == journaled, "the chain carries the journal's own operations")
        let held = try OperationRecord.decode(json: waiting[3].record)
        guard case .holdSlots(let holds) = held.operation, case .book(let book) = journaled[2].operation else {
            Issue.record("the fourth link holds the booked slot"); return
        }
        #expect(holds.holds == [.init(bookingID: book.bookingID, practiceID: kestrel.id, day: OperationStoreTests.day,
                                      start: start, status: .booked)])
        #expect(!waiting[3].record.contains("Ann Example"), "no patient in it")

        try db.store.markPushed(position: 1, hubSequence: 41)
        #expect(try db.store.pendingOutgoing().map(\.position) == [2, 3, 4])
        #expect(try db.store.pendingOutgoingCount() == 3)
    }

    /// An import's held slots are read a few hundred bookings at a time: every booking of a file longer than one
    /// batch is there, once for each time the file lists it, in the file's order.
    @Test func anImportLongerThanOneBatchHoldsEveryBookingsSlotInTheFilesOrder() throws {
        let db = try OperationStoreTests.networkFile()
        let kestrel = try db.store.organisation(matching: "Kestrel Dental Practice")
        let details = try OperationStoreTests.details("Cy Central")
        let starts = try db.store.slots(practiceID: kestrel.id, day: OperationStoreTests.day).map(\.start)
        let count = InList.size * 2 + 1
        var file = (0..<count).map { index in
            ImportedBooking(practiceName: kestrel.name, day: OperationStoreTests.day,
                            start: starts[index % starts.count], details: details,
                            status: index % 7 == 0 ? .cancelled : .booked, centralReference: "C-\(index)",
                            place: "line \(index + 2)")
        }
        file.append(file[3])
        try db.store.apply(.importBookings(.init(bookings: file)), as: hostActor)
        let held = try #require(try db.store.pendingOutgoing().last)
        guard case .holdSlots(let holds) = try OperationRecord.decode(json: held.record).operation else {
            Issue.record("the last link holds the imported slots"); return
        }
        #expect(holds.holds.map(\.bookingID) == file.map { DeskStore.importedBookingID($0.centralReference) })
        #expect(holds.holds.map(\.start) == file.map(\.start) && holds.holds.map(\.status) == file.map(\.status))
        #expect(Set(holds.holds.map(\.practiceID)) == [kestrel.id])
    }

    @Test func aRefusedChangeOrOneThatChangesNothingAddsNoLink() throws {
        let db = try OperationStoreTests.networkFile()
        let before = try db.store.pendingOutgoingCount()
        #expect(throws: Refusal.self) {
            try db.store.apply(.declareOutage(.init(system: "Dental RMS", since: testNow, reason: "",
                                                    instructions: "")), as: kestrelActor)
        }
        let entries = try DirectoryImport.parse(Array(DemoNetwork.directoryCSV.utf8)).entries
        try db.store.apply(.importDirectory(.init(entries: entries)), as: hostActor)
        #expect(try db.store.pendingOutgoingCount() == before, "refused, or the directory already matched")
    }

    @Test func anOperationChangedInTheFileBreaksTheChainWhereItWasChanged() throws {
        let db = try OperationStoreTests.networkFile()
        #expect(try db.store.outgoingChainBreak() == nil)
        try db.store.pool.write { db in
            try db.execute(sql: "UPDATE outgoing SET record = replace(record, 'Kestrel', 'Kestrez') WHERE position = 1")
        }
        #expect(try db.store.outgoingChainBreak() == 1)
    }
}
