import Foundation
import Testing
import GRDB
@testable import DeskStore

/// Organisation codes are given as before (the derived code, else it with the first free number from 2), now
/// without reading every code again for each new organisation.
@Suite struct CodeAllocatorTests {
    @Test func theAllocatorGivesTheSameCodesAsCountingUpFromTwo() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE organisation (code TEXT)")
            for code in ["KDP", "KDP2", "KDP4", "VDC3"] {
                try db.execute(sql: "INSERT INTO organisation (code) VALUES (?)", arguments: [code])
            }
        }
        var allocator = try queue.read { try CodeAllocator($0) }
        var taken: Set<String> = ["KDP", "KDP2", "KDP4", "VDC3"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<400 {
            let base = ["KDP", "VDC", "P0", "KDP2"].randomElement(using: &generator)!
            let naive = taken.contains(base) ? (2...).lazy.map { "\(base)\($0)" }.first { !taken.contains($0) }! : base
            taken.insert(naive)
            #expect(allocator.take(base) == naive)
        }
    }
}
