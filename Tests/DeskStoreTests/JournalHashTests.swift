import Testing
@testable import DeskStore

/// Every database already holds a chain of these hashes: the bytes hashed must never change between versions.
@Suite struct JournalHashTests {
    @Test func anEntryHashesTheSameBytesAsEveryEarlierVersion() {
        // SHA-256 of "0"×64 + "3:abc" + "-" + "5:été" + "0:", worked out outside Swift.
        #expect(JournalChain.hash(previous: JournalChain.origin, values: ["abc", nil, "été", ""])
                == "8627f55aa8eb2707361de3e7f11826b3b862e3a4759d5c7a8c8c39c01ebfbf0f")
        // Lengths of more than one digit (an import's operation runs to megabytes): "1234:" + a×1234 + "10:0123456789"
        // + "-", worked out with Python's hashlib.
        #expect(JournalChain.hash(previous: JournalChain.origin,
                                  values: [String(repeating: "a", count: 1234), "0123456789", nil])
                == "25a5cadae4334317f8f260e8fc28e2937e658817ffca62096a448ca8a2060451")
    }
}
