import Foundation
import Testing
import PropertyBased
@testable import DeskCore
@testable import DeskStore

/// The desk reads and writes dates, numbers, addresses and journal details through short paths written for speed;
/// each must give exactly what the general path (or Foundation) gives, for the inputs it takes, on generated input.
@Suite struct FastPathTests {
    /// Text drawn from `alphabet`, so the generated strings sit near the boundaries the parsers decide on.
    static func text(_ alphabet: [String], length: ClosedRange<Int>) -> Generator<String, some SendableMetatype & Sequence> {
        Gen.uint8().array(of: length).map { bytes in bytes.map { alphabet[Int($0) % alphabet.count] }.joined() }
    }

    static let count = 3_000

    @Test func aPhoneNumberParsesTheSameEitherWay() async {
        let alphabet = ["0", "0", "0", "1", "2", "4", "7", "9", "+", "4", " ", "-", "(", ")", "a", "٣", "\u{00A0}"]
        await propertyCheck(count: Self.count, input: Self.text(alphabet, length: 0...16)) { text in
            let general = Result { () throws(PhoneNumber.Problem) in try PhoneNumber.normalise(text) }
            let parsed = Result { () throws(PhoneNumber.Problem) in try PhoneNumber(parsing: text).digits }
            #expect(parsed == general, "\(text.debugDescription)")
        }
    }

    @Test func anEmailAddressParsesTheSameEitherWay() async {
        let alphabet = ["a", "B", "z", "@", "@", ".", ".", "-", "_", "+", " ", "<", "\"", "é", "\t", "\u{7F}", "\u{1}", ":", "N", "9"]
        await propertyCheck(count: Self.count, input: Self.text(alphabet, length: 0...14)) { text in
            let general = Result { () throws(EmailAddress.Problem) in try EmailAddress.validate(text) }
            let parsed = Result { () throws(EmailAddress.Problem) in try EmailAddress(parsing: text).value }
            #expect(parsed == general, "\(text.debugDescription)")
        }
    }

    @Test func templatesFillAsTheFoundationSearchDid() async {
        // The general path: Foundation's search for the braces and trim of the name, as templates were filled before.
        func general(_ text: String, _ value: (String) -> String?) -> String {
            var out = ""
            var rest = Substring(text)
            while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
                out += rest[..<open.lowerBound]
                out += value(rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)) ?? ""
                rest = rest[close.upperBound...]
            }
            return out + rest
        }
        let alphabet = ["{", "{", "}", "}", "{{", "}}", "party", "a", " ", "\t", "é", "😀", "\n", "x"]
        let values = ["party": "Kestrel {{x}}", "a": "", "x": "é"]
        await propertyCheck(count: Self.count, input: Self.text(alphabet, length: 0...14)) { text in
            let filled = NoticeTemplate.fill(text) { values[$0] }
            #expect(filled == general(text) { values[$0] }, "\(text.debugDescription)")
        }
    }

    @Test func textIsMeasuredAndCutAsCharacterByCharacter() async {
        func columns(_ text: String) -> Int { text.reduce(0) { $0 + TextWidth.of($1) } }
        // The general path: each character's width, as every text was measured and cut before.
        func cut(_ text: String, _ width: Int) -> String {
            guard width > 0 else { return "" }
            if columns(text) <= width { return text }
            var out = "", used = 0
            for character in text {
                if used + TextWidth.of(character) > width - 1 { break }
                out.append(character); used += TextWidth.of(character)
            }
            return out + "…"
        }
        let alphabet = ["a", "Z", " ", "~", "\r", "\n", "\r\n", "\t", "\u{1}", "\u{7F}", "é", "e\u{301}", "語",
                        "😀", "…", "\u{200B}"]
        await propertyCheck(count: Self.count, input: Self.text(alphabet, length: 0...12), Gen.int(in: 0...14)) {
            text, width in
            #expect(TextWidth.of(text) == columns(text), "\(text.debugDescription)")
            #expect(TextWidth.truncate(text, to: width) == cut(text, width), "\(text.debugDescription) to \(width)")
        }
    }

    @Test func printableASCIIIsShownAsItIs() async {
        let alphabet = ["a", "Z", " ", "~", "!", "\u{7F}", "\u{1B}", "\n", "\r\n", "é", "\u{200B}", "\u{85}"]
        await propertyCheck(count: Self.count, input: Self.text(alphabet, length: 0...10)) { text in
            #expect(Sanitise.visible(text) == Sanitise.visibleScalars(text), "\(text.debugDescription)")
        }
    }

    @Test func spacesAreTrimmedAsFoundationTrimsThem() async {
        let alphabet = [" ", "\t", "\u{00A0}", "\u{2003}", "\u{3000}", "\n", "\u{200B}", "a", "é", "e\u{301}", "😀",
                        "\u{85}", "\u{1680}", "\u{202F}"]
        await propertyCheck(count: Self.count, input: Self.text(alphabet, length: 0...10)) { text in
            let trimmed = Sanitise.trimmingSpaces(text)
            #expect(trimmed == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
        }
    }

    @Test func aDayIsReadOnBytesAsTheSplitReadIt() async {
        // The general path: split at the dashes, four and two and two ASCII digits.
        func general(_ text: String) -> [Int]? {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                  parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
                  let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
            return [y, m, d]
        }
        // Mostly digits in the shape of a day, so as many texts are days as are not.
        let digits = ["2", "0", "1", "9", "5", "7", "2", "0", "1", "9", "5", "7", "-", "٣", "e\u{301}", "\r\n", "a",
                      "+"]
        let dashes = ["-", "-", "-", "-", "-", "/", "--", "", "\u{2010}"]
        let dash = Self.text(dashes, length: 1...1)
        let day = zip(Self.text(digits, length: 3...5), dash, Self.text(digits, length: 1...3), dash,
                      Self.text(digits, length: 1...3)).map { $0 + $1 + $2 + $3 + $4 }
        await propertyCheck(count: Self.count, input: day) { text in
            #expect(LocalDate.isoParts(text).map { [$0.year, $0.month, $0.day] } == general(text),
                    "\(text.debugDescription)")
        }
        #expect(LocalDate.isoParts("2026-11-21").map { [$0.year, $0.month, $0.day] } == [2026, 11, 21])
    }

    @Test func zeroPaddedNumbersAreWrittenAsPrintfWritesThem() async {
        let values = Gen.int(in: -99_999...99_999)
        await propertyCheck(count: Self.count, input: zip(values, Gen.int(in: 0...6))) { value, width in
            var bytes: [UInt8] = []
            FixedDigits.append(value, width: width, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self)
                        == (value < 0 ? "-" : "") + String(value.magnitude).leftPadded(to: width), "\(value) \(width)")
        }
        for extreme in [Int.max, Int.min, 0, 9, 10, 1_000_000_000_000_000_000] {
            var bytes: [UInt8] = []
            FixedDigits.append(extreme, width: 2, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == (extreme < 0 ? "-" : "") + String(extreme.magnitude)
                        .leftPadded(to: 2))
        }
    }

    @Test func namesAreNormalisedAsFoundationNormalisesThem() async {
        let alphabet = ["a", "Z", " ", "'", "-", "e\u{301}", "é", "\u{301}", "Å", "A\u{30A}", "\u{212B}", "ﬁ",
                        "\u{7F}", "😀"]
        await propertyCheck(count: Self.count, input: Self.text(alphabet, length: 0...8)) { text in
            let normalised = Sanitise.normalisedName(text), foundation = text.precomposedStringWithCanonicalMapping
            #expect(normalised == foundation, "\(text.debugDescription)")
            #expect(Array(normalised.unicodeScalars) == Array(foundation.unicodeScalars),
                    "the same scalars, not only the same characters: \(text.debugDescription)")
        }
    }

    @Test func notesAreTrimmedAsFoundationTrimsThem() async {
        let alphabet = [" ", "\t", "\n", "\r", "\u{00A0}", "\u{2028}", "\u{85}", "\u{200B}", "a", "~", "!", "é",
                        "😀", "\u{7F}", "\u{1}"]
        await propertyCheck(count: Self.count, input: Self.text(alphabet, length: 0...8)) { text in
            let trimmed = Sanitise.trimmingSpacesAndNewlines(text)
            #expect(trimmed == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.debugDescription)")
        }
    }

    @Test func idsAreWrittenAsFoundationWritesThem() async {
        await propertyCheck(count: Self.count, input: Gen.uint8().array(of: 16...16)) { bytes in
            let id = UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                                 bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
            #expect(UUIDText.upper(id) == id.uuidString)
        }
    }

    @Test func instantsAreWrittenAndReadAsFoundationDoes() async {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        // Years 1900 to 2200, with fractions of a second, which both round down.
        await propertyCheck(count: Self.count, input: Gen.double(in: -2_208_988_800...7_258_118_400)) { seconds in
            let date = Date(timeIntervalSince1970: seconds)
            let written = Instant.iso(date)
            #expect(written == formatter.string(from: date))
            #expect(Instant.stored(written) == formatter.date(from: written))
        }
    }

    @Test func storedInstantsRefuseWhatTheyDoNotKnow() {
        for text in ["2026-11-21T09:30:00+01:00", "2026-11-21T09:30:00.5Z", "2026-02-30T09:30:00Z", "2026-11-21T24:00:00Z",
                     "2026-11-21 09:30:00Z", "２０２６-11-21T09:30:00Z", ""] {
            #expect(Instant.stored(text) == nil, "\(text)")
        }
        // Those in another form still read through the general path.
        #expect(Codecs.instant("2026-11-21T09:30:00+01:00") == Instant.stored("2026-11-21T08:30:00Z"))
    }

    @Test func journalDetailsAreTheJSONFoundationWrites() async {
        let keys = ["day", "start", "practice", "downtime_ref", "a", "z_z"]
        let values = ["a", "/", "\"", "\\", "\n", "\r", "\t", "\u{8}", "\u{C}", "\u{1}", "\u{1F}", "\u{7F}", "é", "\u{2028}", "😀", " "]
        let pairs = Gen.uint8().array(of: 0...6).map { picks in
            picks.map { pick in (keys[Int(pick) % keys.count], (0...Int(pick) % 5).map { values[($0 * 7 + Int(pick)) % values.count] }.joined()) }
        }
        await propertyCheck(count: Self.count, input: pairs) { pairs in
            let object = Dictionary(pairs, uniquingKeysWith: { _, last in last })
            let foundation = String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
            #expect(Codecs.json(pairs) == foundation)
        }
    }

    @Test func storedIDsReadAsFoundationReadsThem() async {
        await propertyCheck(count: Self.count, input: Gen.uint8().array(of: 16)) { bytes in
            let id = UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                                 bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
            #expect(Codecs.uuid(id.uuidString) == id)
            #expect(Codecs.uuid(id.uuidString.lowercased()) == id)
        }
        let alphabet = ["0", "9", "a", "F", "g", "-", "-", "{", " ", "é"]
        await propertyCheck(count: Self.count, input: Self.text(alphabet, length: 30...40)) { text in
            #expect(Codecs.uuid(text) == UUID(uuidString: text), "\(text)")
        }
        #expect(Codecs.uuid("6F9619FF-8B86-D011-B42D-00C04FC964FF ") == nil && Codecs.uuid(nil) == nil)
    }

    @Test func mailBodiesEncodeAndDecodeBackLineByLine() async {
        let alphabet = ["a", "Z", " ", " ", "\t", ".", "=", "\n", "\r", "é", "😀", "\u{1}", "\u{7F}", "\u{202E}", "From ", String(repeating: "x", count: 70)]
        await propertyCheck(count: Self.count, input: Self.text(alphabet, length: 0...40)) { text in
            #expect(HeaderText.plainBody(text) == HeaderText.plainBodySlowly(text), "\(text.debugDescription)")
            let body = HeaderText.plainBody(text)
            let encoded = QuotedPrintable.encode(body)
            #expect(QuotedPrintable.decode(encoded) == body, "\(text.debugDescription)")
            for line in encoded.split(separator: "\n", omittingEmptySubsequences: false) {
                #expect(line.utf8.count <= 76 && !line.hasPrefix(".") && !line.hasSuffix(" ") && !line.hasSuffix("\t"))
                #expect(line.utf8.allSatisfy { ($0 >= 32 && $0 < 127) || $0 == 9 })
            }
        }
    }

    @Test func mailDatesAreWrittenAsDateFormatterWritesThem() async {
        let zones = ["Europe/London", "UTC", "America/New_York", "Asia/Kolkata", "Pacific/Chatham", "America/St_Johns"]
            .compactMap(TimeZone.init(identifier:))
        let moments = Gen.double(in: 946_684_800...4_102_444_800)  // 2000 to 2100, across every clock change
        await propertyCheck(count: Self.count, input: moments) { seconds in
            let date = Date(timeIntervalSince1970: seconds.rounded(.down))
            for zone in zones {
                let formatter = DateFormatter()
                formatter.locale = Locale(identifier: "en_US_POSIX")
                formatter.timeZone = zone
                formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
                #expect(MailDate.format(date, zone: zone) == formatter.string(from: date), "\(seconds) \(zone.identifier)")
            }
        }
    }

    @Test func digitsAndHexAreWrittenInFull() {
        #expect(LocalDate(year: 7, month: 3, day: 9)!.iso == "0007-03-09")
        #expect(TimeOfDay(minutes: 65)!.description == "01:05")
        #expect(lowercaseHex([0x00, 0x0F, 0xA5, 0xFF]) == "000fa5ff")
        #expect(PhoneNumber(digitsForTest: "02079460000").description == "020 7946 0000")
    }
}

extension PhoneNumber {
    init(digitsForTest digits: String) { self = try! PhoneNumber(parsing: digits) }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
