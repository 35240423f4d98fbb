import Foundation
import DeskCore

/// What other sites send through the hub: an operation's JSON. It decodes with every value checked, or is refused
/// in words naming the field; what decodes writes the same bytes every time and reads back as itself.
enum OperationTarget {
    static func decode(_ bytes: [UInt8]) throws(FuzzViolation) {
        let text = String(decoding: bytes, as: UTF8.self)
        let record: OperationRecord
        do { record = try OperationRecord.decode(json: text) } catch {
            try Invariant.inWords(OperationRecord.unreadable(error), "an operation"); return
        }
        let written: String
        do { written = try record.json() } catch {
            throw FuzzViolation("a decoded operation does not encode: \(error)")
        }
        let again: OperationRecord
        do { again = try OperationRecord.decode(json: written) } catch {
            let why = OperationRecord.unreadable(error)
            throw FuzzViolation("an operation as written does not read back: \(why)\n\(written)")
        }
        try Invariant.that(again == record, "an operation read back differs:\n\(written)")
        try Invariant.that((try? again.json()) == written, "an operation writes different bytes the second time")
        // The fast writer gives Foundation's bytes (the journal's hashes and other sites depend on them).
        try Invariant.that((try? FoundationJSON.string(record)) == written,
                           "an operation's JSON differs from JSONEncoder's:\n\(written)")
    }
}

/// What `CanonicalJSON` is held to: JSONEncoder with the options operations were written with before it (sorted
/// keys, unescaped slashes, dates as stored instants). Used by the fuzz target and by `OperationJSONTests`.
public enum FoundationJSON {
    public static func string<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var single = encoder.singleValueContainer()
            try single.encode(Instant.iso(date))
        }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
