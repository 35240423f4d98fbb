import Foundation

/// JSON output. A value that cannot be encoded is an error with one line saying so, never an empty `{}` that a
/// script would read as "nothing there".
enum JSONOutput {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do { return String(decoding: try encoder.encode(value), as: UTF8.self) }
        catch { throw DeskFailure("the JSON output could not be written: \(error)") }
    }

    /// One value on one line: a stream of them (`sync --watch --format json`) is JSON lines.
    static func encodeLine<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do { return String(decoding: try encoder.encode(value), as: UTF8.self) }
        catch { throw DeskFailure("the JSON output could not be written: \(error)") }
    }
}

/// A key the documented shape always carries, written `null` when there is no value (a plain optional property
/// would leave the key out, which is the documented shape only where the README marks a key with `?`).
struct OrNull<Value: Encodable>: Encodable {
    let value: Value?
    init(_ value: Value?) { self.value = value }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }
}
