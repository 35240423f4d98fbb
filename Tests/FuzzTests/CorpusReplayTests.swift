import Foundation
import Testing
import DeskCore
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

    /// What libFuzzer found: Foundation's DateFormatter stopped the program on a combining mark after a digit, which
    /// a `--since`, an ETA or a reply's Date header could carry. No text that is not ASCII reaches a formatter now.
    @Test func aDateWithACombiningMarkIsNotADateAndNotACrash() {
        let text = "7\u{0337}1\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}0212/6"
        #expect(Instant.parse(text, zone: TimeZone(identifier: "Europe/London")!) == nil)
        #expect(MailDate.parse(text) == nil)
        #expect(MailDate.parse("Sat, 21 Nov 2026 10:02:11 +0000") != nil, "the forms mail programs write still read")
    }

    /// What libFuzzer found next: an operation's instant in another form ("-026-11-21T10:05:00Z") was taken, and
    /// written back as another day. Only the form operations are written in is read.
    @Test func anOperationsInstantIsReadOnlyInTheFormItIsWritten() throws {
        let good = try String(contentsOf: Self.corpus.appendingPathComponent("operation/demo-3.json"), encoding: .utf8)
        #expect(throws: Never.self) { try OperationRecord.decode(json: good) }
        for other in ["-026-11-21T10:05:00Z", "2026-11-21T10:05:00+00:00", "2026-11-21T10:05:00.5Z",
                      "2026-11-21T10:05"] {
            let bad = good.replacingOccurrences(of: "\"at\":\"2026-11-21T10:05:00Z\"", with: "\"at\":\"\(other)\"")
            #expect(bad != good)
            do { _ = try OperationRecord.decode(json: bad); Issue.record("\(other) was read") } catch {
                #expect(OperationRecord.unreadable(error).contains("is not a UTC instant written as"), "\(error)")
            }
        }
    }

    /// Found next: a year far outside the stored form's was read from an option and written back as text nothing
    /// reads; and an unknown operation kind was quoted raw, control characters and all, in Foundation's words.
    @Test func anInstantTheStoredFormCannotHoldIsNotReadAndAnUnknownKindIsSaidInWords() throws {
        #expect(Instant.parse("-3317581-07-30T10:05:00Z", zone: TimeZone(identifier: "UTC")!) == nil)
        #expect(Instant.parse("2026-11-21T10:05:00+01:00", zone: TimeZone(identifier: "UTC")!) != nil)
        let good = try String(contentsOf: Self.corpus.appendingPathComponent("operation/demo-3.json"), encoding: .utf8)
        let bad = good.replacingOccurrences(of: "outage.update", with: "call.lo\\u001b[2J")
        do { _ = try OperationRecord.decode(json: bad); Issue.record("an unknown kind was read") } catch {
            #expect(OperationRecord.unreadable(error) == "operation.op has a value this version does not know")
        }
    }

    /// Found in the slot templates' CSV, shared by every importer: an unknown column's name was quoted raw in the
    /// warning, so a control character in a header reached the terminal.
    @Test func anUnknownColumnIsNamedInVisibleCharacters() throws {
        let csv = "practice,weekday,start,end,slot_minutes,type,valid_from,valid_to,\u{1B}[2Jx\n"
            + "Kestrel Dental Practice,mon,08:30,12:30,30,urgent,2026-01-01,,\n"
        let read = try SlotTemplateImport.parse(Array(csv.utf8), resolvePractice: { _ in UUID() })
        #expect(read.warnings == ["line 1: ignoring unknown column ·[2jx"], "headers are read in lower case")
    }

    /// Found in the operation decoder: a runbook step's text is a key of the plan's JSON, and a refusal naming the
    /// field quoted it raw, control characters and all.
    @Test func aFieldPathIsNamedInVisibleCharacters() throws {
        let file = Self.corpus.appendingPathComponent("operation/crash-control-in-a-field-path.json")
        let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        do { _ = try OperationRecord.decode(json: text); Issue.record("read") }
        catch {
            let said = OperationRecord.unreadable(error)
            #expect(!said.unicodeScalars.contains { Sanitise.isControl($0) }, "\(said.debugDescription)")
            #expect(said.hasPrefix("operation.plan.functions.Index 0.doneByDesk."), "\(said)")
        }
    }
}
