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
        #expect(waiting.map(\.kind) == [.importDirectory, .replaceTemplates, .book])
        #expect(waiting.map(\.position) == [1, 2, 3])
        #expect(waiting[0].previousHash == JournalChain.origin && waiting[1].previousHash == waiting[0].hash)
        #expect(try db.store.outgoingChainBreak() == nil)
        let journaled = try db.store.journaledOperations()
        #expect(try waiting.map { try OperationRecord.decode(json: $0.record) } == journaled,
                "the chain carries the journal's own operations")

        try db.store.markPushed(position: 1, hubSequence: 41)
        #expect(try db.store.pendingOutgoing().map(\.position) == [2, 3])
        #expect(try db.store.pendingOutgoingCount() == 2)
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
