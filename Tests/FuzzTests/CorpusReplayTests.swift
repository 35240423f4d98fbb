import Foundation
import Testing
import DeskFuzzTargets

/// Every input in `Fuzz/corpus/` (the seeds, and each crash the fuzzer found, kept once fixed) goes through its
/// target's checks on every test run, without libFuzzer: a parser that regresses on one fails here.
@Suite struct CorpusReplayTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/corpus")

    @Test(arguments: FuzzTarget.allCases)
    func everyKeptInputStillHolds(_ target: FuzzTarget) throws {
        let folder = Self.corpus.appendingPathComponent(target.rawValue)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }
        #expect(!names.isEmpty, "\(target.rawValue) has no seed in Fuzz/corpus")
        for name in names.sorted() {
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
            do { try target.check(bytes) } catch { Issue.record("\(target.rawValue)/\(name): \(error)") }
        }
    }
}
