import Foundation
import Testing
import PropertyBased
@testable import DeskCore
import DeskFuzzTargets

/// The journal hashes an operation's JSON and the hub compares it across sites, so the fast writer must give
/// exactly the bytes JSONEncoder gave (sorted keys, unescaped slashes, dates as stored instants).
@Suite struct OperationJSONTests {
    @Test func everyKeptOperationWritesAsFoundationWrites() throws {
        let folder = CorpusReplayTests.corpus.appendingPathComponent("operation")
        var compared = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            let text = String(decoding: try Data(contentsOf: folder.appendingPathComponent(name)), as: UTF8.self)
            guard let record = try? OperationRecord.decode(json: text) else { continue }
            #expect(try record.json() == FoundationJSON.string(record), "\(name)")
            compared += 1
        }
        #expect(compared >= 3, "the corpus's readable operations were compared")
    }

    /// The bulk operations, made from the corpus's directory, slot template and bookings files.
    @Test func importsWriteAsFoundationWrites() throws {
        func corpus(_ target: String) throws -> [[UInt8]] {
            let folder = CorpusReplayTests.corpus.appendingPathComponent(target)
            return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
                .map { Array(try Data(contentsOf: folder.appendingPathComponent($0))) }
        }
        let actor = Actor(user: "tester", terminal: "/dev/pts/9", site: "Referral Systems Hosting", role: .host)
        let now = Instant.parse("2026-11-21T10:05:00Z", zone: TimeZone(identifier: "UTC")!)!
        let zone = TimeZone(identifier: "Europe/London")!
        var operations: [DeskOperation] = []
        for bytes in try corpus("directory-csv") {
            if let parsed = try? DirectoryImport.parse(bytes) {
                operations.append(.importDirectory(.init(entries: parsed.entries)))
            }
        }
        for bytes in try corpus("bookings-csv") {
            let ed = UUID()
            if let parsed = try? BookingImport.parse(bytes, today: LocalDate(now, in: zone), zone: zone,
                                                     resolveED: { _ in ed }) {
                operations.append(.importBookings(.init(bookings: parsed)))
            }
        }
        for bytes in try corpus("slot-template-csv") {
            let practice = UUID()
            if let parsed = try? SlotTemplateImport.parse(bytes, resolvePractice: { _ in practice }) {
                operations.append(.replaceTemplates(.init(practiceIDs: Array(parsed.practices),
                                                          templates: parsed.templates, keepOffTemplate: true)))
            }
        }
        #expect(operations.count >= 3, "each bulk kind was made from the corpus")
        for operation in operations {
            let record = OperationRecord(at: now, actor: actor, operation: operation)
            #expect(try record.json() == FoundationJSON.string(record), "\(operation.kind)")
        }
    }

    /// Imported bookings and the slots they hold write themselves; generated ones, with text that needs escaping,
    /// dates of birth and NHS numbers there or not and every source and status, write as JSONEncoder writes them.
    @Test func importedBookingsAndHoldsWriteThemselvesAsFoundationWrites() async throws {
        let alphabet = ["a", "Z", "'", "\"", "\\", "/", "\n", "\u{1}", "é", "😀", " ", "-"]
        let text = FastPathTests.text(alphabet, length: 0...6)
        let nhs = try NHSNumber(parsing: "9434765919"), ed = UUID()
        let sources: [BookingSource] = [.nhs111, .ed(nil), .ed(ed), .phone, .walkIn, .central]
        let sample = zip(text, text, Gen.int(in: 0...1_000_000), Gen.int(in: 0...(24 * 60 - 1)))
        await propertyCheck(count: FastPathTests.count, input: sample) { first, second, number, minutes in
            let day = LocalDate(year: 1900 + number % 200, month: 1 + number % 12, day: 1 + number % 28)!
            let patient = Patient(name: first, phone: PhoneNumber(stored: "0\(7_700_900_000 + number)")!,
                                  dateOfBirth: number % 3 == 0 ? nil : day, nhsNumber: number % 2 == 0 ? nil : nhs)
            let details = ValidBooking(patient: patient, triage: number % 5 == 0 ? .routine : .urgent,
                                       source: sources[number % sources.count], notes: second)
            let status = BookingStatus.allCases[number % BookingStatus.allCases.count]
            let booking = ImportedBooking(practiceName: second + first, day: day, start: TimeOfDay(minutes: minutes)!,
                                          details: details, status: status, centralReference: first + "/\(number)",
                                          place: "line \(number)")
            let hold = DeskOperation.HoldSlots.Hold(bookingID: UUID(), practiceID: UUID(), day: day,
                                                    start: TimeOfDay(minutes: minutes)!, status: status)
            for value in [booking as any Encodable, hold, [booking, booking], DeskOperation.importBookings(
                .init(bookings: [booking]))] {
                let fast = try? CanonicalJSON.string(value), general = try? FoundationJSON.string(value)
                #expect(fast != nil && fast == general, "\(first.debugDescription) \(number)")
            }
        }
    }

    struct Sample: Codable {
        var text: String
        var keyed: [String: Double]
        var list: [Int?]
        var when: Date
        var flag: Bool?
    }

    @Test func textKeysAndNumbersAreWrittenAsFoundationWritesThem() async {
        let alphabet = ["a", "B", "_", "é", "e\u{301}", "\"", "\\", "/", "\n", "\r", "\t", "\u{8}", "\u{C}", "\u{1}",
                        "\u{1F}", "\u{7F}", "\u{2028}", "😀", "～", " ", "0"]
        let text = FastPathTests.text(alphabet, length: 0...8)
        let sample = zip(text, text, Gen.double(in: -1e22...1e22), Gen.int(in: -1_000_000...1_000_000))
        await propertyCheck(count: FastPathTests.count, input: sample) { first, second, number, whole in
            let keyed = Dictionary([(first, number), (second + "x", Double(whole)), ("k", 0.1 * number)],
                                   uniquingKeysWith: { kept, _ in kept })
            let value = Sample(text: first, keyed: keyed,
                               list: [whole, nil], when: Date(timeIntervalSince1970: Double(whole) * 997),
                               flag: whole % 3 == 0 ? nil : whole % 2 == 0)
            let fast = try? CanonicalJSON.string(value), general = try? FoundationJSON.string(value)
            #expect(fast != nil && fast == general, "\(first.debugDescription) \(second.debugDescription) \(number)")
        }
    }
}
