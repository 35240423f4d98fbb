import Testing
import PropertyBased
import DeskConfig
@testable import DeskUI

/// Text of ASCII bytes is written to the canvas a byte at a time; it must land exactly as the character-by-character
/// path puts it, controls shown as `·`, cut at the limit and the canvas edge alike.
@Suite struct CanvasFastPathTests {
    @Test func asciiIsWrittenAsCharacterByCharacter() async {
        let alphabet: [UInt8] = [0x41, 0x7A, 0x20, 0x7E, 0x30, 0x0A, 0x09, 0x01, 0x1B, 0x7F, 0x2E]
        let text = Gen.int(in: 0..<alphabet.count).array(of: 0...14)
            .map { String(decoding: $0.map { alphabet[$0] }, as: UTF8.self) }
        await propertyCheck(count: 3_000, input: text, Gen.int(in: -4...22), Gen.int(in: -2...20)) { text, x, limit in
            var fast = Canvas(width: 16, height: 2), general = Canvas(width: 16, height: 2)
            let end = min(16, x + max(0, limit))
            let fastColumns = fast.writeASCII(text, x: x, y: 1, role: .ui, end: end)
            let generalColumns = general.writeCharacters(text, x: x, y: 1, role: .ui, end: end)
            #expect(fastColumns == generalColumns, "\(text.debugDescription) at \(x), limit \(limit)")
            #expect((0..<16).allSatisfy { fast[$0, 1] == general[$0, 1] }, "\(text.debugDescription) at \(x)")
        }
    }
}
