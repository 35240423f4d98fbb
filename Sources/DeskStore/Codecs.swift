import Foundation
import DeskCore

/// How core values are written into columns: lists as comma-joined text, instants as ISO 8601 UTC.
enum Codecs {
    static func phones(_ list: [PhoneNumber]) -> String { list.map(\.digits).joined(separator: ",") }
    static func phones(_ text: String) -> [PhoneNumber] {
        text.split(separator: ",").compactMap { try? PhoneNumber(parsing: String($0)) }
    }
    static func emails(_ list: [EmailAddress]) -> String { list.map(\.value).joined(separator: ",") }
    static func emails(_ text: String) -> [EmailAddress] {
        text.split(separator: ",").compactMap { try? EmailAddress(parsing: String($0)) }
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

    static func uuid(_ text: String?) -> UUID? { text.flatMap(UUID.init(uuidString:)) }

    /// A JSON object from string pairs, for journal details: keys sorted, the last of a repeated key kept, written
    /// as JSONSerialization with `.sortedKeys` writes it (which cost a tenth of a booking's commit).
    static func json(_ pairs: [(String, String)]) -> String {
        let object = Dictionary(pairs, uniquingKeysWith: { _, last in last })
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        for (index, key) in object.keys.sorted().enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendJSONString(key, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            appendJSONString(object[key]!, to: &bytes)
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
