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
        return isoFormatter.date(from: text)
    }
    nonisolated(unsafe) private static let isoFormatter: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter
    }()

    static func uuid(_ text: String?) -> UUID? { text.flatMap(UUID.init(uuidString:)) }

    /// A JSON object from string pairs, for journal details.
    static func json(_ pairs: [(String, String)]) -> String {
        let object = Dictionary(pairs, uniquingKeysWith: { _, last in last })
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
