import Foundation
import DeskCore

/// How core values are written into columns: lists as comma-joined text, instants as ISO 8601 UTC.
enum Codecs {
    static func phones(_ list: [PhoneNumber]) -> String { list.map(\.digits).joined(separator: ",") }
    static func phones(_ text: String) -> [PhoneNumber] {
        commaSeparated(text).compactMap(PhoneNumber.init(stored:))
    }
    static func emails(_ list: [EmailAddress]) -> String { list.map(\.value).joined(separator: ",") }
    static func emails(_ text: String) -> [EmailAddress] {
        commaSeparated(text).compactMap { try? EmailAddress(parsing: $0) }
    }

    /// The non-empty parts between commas, split on bytes (a comma is never part of a multi-byte character).
    static func commaSeparated(_ text: String) -> [String] {
        // Most stored lists hold one item: the text itself, without splitting and copying.
        if !text.utf8.contains(UInt8(ascii: ",")) { return text.isEmpty ? [] : [text] }
        return text.utf8.split(separator: UInt8(ascii: ",")).map { String(decoding: $0, as: UTF8.self) }
    }

    static func instant(_ date: Date) -> String { Instant.iso(date) }
    static func instant(_ text: String?) -> Date? {
        guard let text else { return nil }
        return Instant.stored(text) ?? isoFormatter.date(from: text)
    }
    nonisolated(unsafe) private static let isoFormatter: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter
    }()

    /// Reads `8-4-4-4-12` hex digits on bytes; Foundation's reader goes through sscanf, a tenth of a directory read.
    static func uuid(_ text: String?) -> UUID? {
        guard var text, text.utf8.count == 36 else { return nil }
        let parsed: [UInt8]? = text.withUTF8 { utf8 in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(16)
            var index = 0
            while index < 36 {
                if index == 8 || index == 13 || index == 18 || index == 23 {
                    guard utf8[index] == UInt8(ascii: "-") else { return nil }
                    index += 1
                    continue
                }
                guard let high = hexValue(utf8[index]), let low = hexValue(utf8[index + 1]) else { return nil }
                bytes.append(high << 4 | low)
                index += 2
            }
            return bytes
        }
        guard let bytes = parsed else { return nil }
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    private static func hexValue(_ char: UInt8) -> UInt8? {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return char - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return char - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return char - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// A JSON object from string pairs, for journal details: keys sorted, the last of a repeated key kept, written
    /// as JSONSerialization with `.sortedKeys` writes it (which cost a tenth of a booking's commit).
    static func json(_ pairs: [(String, String)]) -> String {
        // A handful of pairs: sorted by key, the later of two with one key kept, as a dictionary would keep it
        // (building one cost more than writing the text).
        let ordered = pairs.indices.sorted { (pairs[$0].0, $0) < (pairs[$1].0, $1) }
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        for (position, index) in ordered.enumerated() {
            if position + 1 < ordered.count, pairs[ordered[position + 1]].0 == pairs[index].0 { continue }
            if bytes.count > 1 { bytes.append(UInt8(ascii: ",")) }
            appendJSONString(pairs[index].0, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            appendJSONString(pairs[index].1, to: &bytes)
        }
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func appendJSONString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += Array(#"\""#.utf8)
            case UInt8(ascii: "\\"): bytes += Array(#"\\"#.utf8)
            case UInt8(ascii: "/"): bytes += Array(#"\/"#.utf8)
            case 0x0A: bytes += Array(#"\n"#.utf8)
            case 0x0D: bytes += Array(#"\r"#.utf8)
            case 0x09: bytes += Array(#"\t"#.utf8)
            case 0x08: bytes += Array(#"\b"#.utf8)
            case 0x0C: bytes += Array(#"\f"#.utf8)
            case 0..<0x20: bytes += Array(#"\u00"#.utf8) + Array(lowercaseHex([byte]).utf8)
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
