import Foundation

/// One record of a CSV file and the line it starts on.
public struct CSVRecord: Equatable, Sendable {
    public var line: Int
    public var fields: [String]
}

/// RFC 4180 reading and writing. Written here rather than taken from a library because every
/// error must name its line, and invalid UTF-8 must be refused rather than replaced.
public enum CSV {
    /// Parses UTF-8 bytes (a leading BOM is skipped). Blank lines are skipped.
    public static func parse(_ bytes: [UInt8]) throws(InputError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        var fields: [String] = []
        var field: [UInt8] = []
        var recordLine = 1
        var inQuotes = false, wasQuoted = false, quoteLine = 1

        func finishField() throws(InputError) {
            guard let text = String(validating: field, as: UTF8.self) else {
                throw InputError(line: recordLine, "text is not valid UTF-8 (save the file as UTF-8)")
            }
            fields.append(text)
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        func finishRecord() throws(InputError) {
            try finishField()
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(CSVRecord(line: recordLine, fields: fields)) }
            fields.removeAll()
        }

        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte); index += 2; continue
                    }
                    inQuotes = false
                    index += 1
                    if index < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(bytes[index]) {
                        throw InputError(line: line, "unexpected text after a closing quote; a quote inside a field must be doubled (\"\")")
                    }
                    continue
                }
                if byte == UInt8(ascii: "\n") { line += 1 }
                field.append(byte); index += 1; continue
            }
            switch byte {
            case UInt8(ascii: ","):
                try finishField()
            case UInt8(ascii: "\r"):
                // CRLF or a bare CR ends a record too.
                try finishRecord()
                if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
                line += 1; recordLine = line
            case UInt8(ascii: "\n"):
                try finishRecord()
                line += 1; recordLine = line
            case UInt8(ascii: "\""):
                guard field.isEmpty && !wasQuoted else {
                    throw InputError(line: line, "a quote inside an unquoted field; quote the whole field and double the quote")
                }
                inQuotes = true; wasQuoted = true; quoteLine = line
            default:
                field.append(byte)
            }
            index += 1
        }
        if inQuotes { throw InputError(line: quoteLine, "a quoted field is never closed (missing \")") }
        if !field.isEmpty || !fields.isEmpty || wasQuoted { try finishRecord() }
        return records
    }

    /// Characters that make a spreadsheet treat a cell as a formula.
    static let formulaLeaders: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// A field quoted when needed; a cell a spreadsheet would run as a formula is prefixed with `'`.
    public static func field(_ text: String) -> String {
        var value = text
        if let first = value.first, formulaLeaders.contains(first) { value = "'" + value }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || value != text {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }

    /// Undoes `field`'s formula guard, so an export re-imports as it was.
    public static func unneutralise(_ text: String) -> String {
        guard text.hasPrefix("'"), let second = text.dropFirst().first, formulaLeaders.contains(second) else { return text }
        return String(text.dropFirst())
    }

    public static func row(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\r\n" }
}

/// A CSV file with a header naming its columns: the shared front half of every importer. It requires `columns`
/// (in any order), allows `optional` ones, warns about the rest, and checks each row's width as it is read.
public struct CSVTable: Sendable {
    public let header: CSVRecord
    public let rows: ArraySlice<CSVRecord>
    public let warnings: [String]
    private let position: [String: Int]

    public init(_ bytes: [UInt8], columns: [String], optional: [String] = [], emptyMessage: String? = nil) throws(InputError) {
        let records = try CSV.parse(bytes)
        let expected = columns.joined(separator: ",")
        guard let header = records.first else {
            throw InputError(line: 1, emptyMessage ?? "the file is empty; the first line must be the header \(expected)")
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let missing = columns.filter { !names.contains($0) }
        if !missing.isEmpty {
            throw InputError(line: header.line, "the header lacks the column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")); expected \(expected)")
        }
        let extra = names.filter { !columns.contains($0) && !optional.contains($0) }
        // A header is the file's text: quoted back only as visible characters (the fuzzer found controls in one).
        let named = extra.map(Sanitise.visible).joined(separator: ", ")
        let plural = extra.count == 1 ? "" : "s"
        warnings = extra.isEmpty ? [] : ["line \(header.line): ignoring unknown column\(plural) \(named)"]
        position = Dictionary((columns + optional).compactMap { name in names.firstIndex(of: name).map { (name, $0) } },
                              uniquingKeysWith: { a, _ in a })
        self.header = header
        self.rows = records.dropFirst()
    }

    /// A row's fields, refused if it is wider or narrower than the header.
    public func check(_ record: CSVRecord) throws(InputError) {
        guard record.fields.count == header.fields.count else {
            throw InputError(line: record.line, "this row has \(record.fields.count) fields; the header has \(header.fields.count)")
        }
    }

    /// The trimmed text of `column` in `record`; nil only for an optional column the file does not have.
    public func value(_ column: String, in record: CSVRecord) -> String? {
        position[column].map { Self.trimmed(record.fields[$0]) }
    }

    /// Most fields have nothing to trim: a field that starts and ends with a printable ASCII byte is returned as it
    /// is, since Foundation's trimming was half of a large import's time. Anything else is trimmed as before.
    static func trimmed(_ field: String) -> String {
        let utf8 = field.utf8
        guard let first = utf8.first, let last = utf8.last else { return field }
        let plain = { (byte: UInt8) in byte > 0x20 && byte < 0x7F }
        return plain(first) && plain(last) ? field : field.trimmingCharacters(in: .whitespaces)
    }
}
