import Foundation

/// Writes a value as JSONEncoder does with sorted keys, unescaped slashes and dates as `Instant.iso` (the form the
/// journal hashes and the hub carries), byte for byte, in about a fifth fewer instructions (an import writes every
/// booking's JSON twice, a quarter of its work each time). `OperationJSONTests` hold the two to the same bytes.
public enum CanonicalJSON {
    public static func string<T: Encodable>(_ value: T) throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        try member(value).write(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A value as a leaf written at once, or a box its own `encode(to:)` fills.
    static func member<T: Encodable>(_ value: T) throws -> JSONMember {
        if let leaf = try leaf(value) { return .leaf(leaf) }
        let box = JSONBox()
        try value.encode(to: CanonicalEncoder(box: box))
        return .box(box)
    }

    /// Values written directly rather than through their own `encode(to:)`. Checked by type, not by casting
    /// (most of an operation is strings and ids).
    static func leaf<T: Encodable>(_ value: T) throws -> JSONLeaf? {
        if T.self == String.self { return .text(unsafeBitCast(value, to: String.self)) }
        if T.self == UUID.self { return .text(UUIDText.upper(unsafeBitCast(value, to: UUID.self))) }
        if T.self == Date.self { return .text(Instant.iso(unsafeBitCast(value, to: Date.self))) }
        if T.self == Int.self { return .raw(String(unsafeBitCast(value, to: Int.self))) }
        if T.self == Bool.self { return .raw(unsafeBitCast(value, to: Bool.self) ? "true" : "false") }
        if T.self == Double.self { return .raw(try number(unsafeBitCast(value, to: Double.self))) }
        if let writing = value as? any CanonicalJSONWriting {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(256)
            writing.writeCanonicalJSON(to: &bytes)
            return .written(bytes)
        }
        // Every other number here, so none reaches its own `encode(to:)`, which would hand it straight back.
        if let number = value as? any BinaryInteger { return .raw(String(describing: number)) }
        if let float = value as? Float { return .raw(try number(Double(float), text: float.description)) }
        return nil
    }

    static func number(_ number: Double, text: String? = nil) throws -> String {
        guard number.isFinite else {
            throw EncodingError.invalidValue(number, .init(codingPath: [], debugDescription: "not a finite number"))
        }
        let text = text ?? number.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}

enum JSONLeaf {
    case text(String)
    case raw(String)
    /// JSON a `CanonicalJSONWriting` value wrote itself.
    case written([UInt8])

    func write(to out: inout [UInt8]) {
        switch self {
        case .text(let text): Self.writeString(text, to: &out)
        case .raw(let raw): out.append(contentsOf: raw.utf8)
        case .written(let bytes): out.append(contentsOf: bytes)
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// JSONEncoder's escapes: quote, backslash, the five named controls, other controls as \u00xx; nothing else.
    static func writeString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most text needs no escape: copied whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out.append(contentsOf: text.utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\\")); out.append(byte)
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(byte)
            case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
            case 0x08: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "f"))
            case 0..<0x20:
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                        hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

enum JSONMember {
    case leaf(JSONLeaf)
    case box(JSONBox)

    func write(to out: inout [UInt8]) throws {
        switch self {
        case .leaf(let leaf): leaf.write(to: &out)
        case .box(let box): try box.write(to: &out)
        }
    }
}

/// One object, array or single value being filled by the containers handed out for it.
final class JSONBox {
    enum Shape { case empty, object, array, single }
    var shape = Shape.empty
    var keys: [String] = []
    var members: [JSONMember] = []

    func write(to out: inout [UInt8]) throws {
        switch shape {
        case .single: try members.last?.write(to: &out)
        case .array:
            out.append(UInt8(ascii: "["))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                try member.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object, .empty:
            out.append(UInt8(ascii: "{"))
            // JSONEncoder's sorted keys are in UTF-8 byte order (not String's canonical order).
            let order = keys.indices.sorted { Self.precedes(keys[$0], keys[$1]) }
            for (position, index) in order.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                JSONLeaf.writeString(keys[index], to: &out)
                out.append(UInt8(ascii: ":"))
                try members[index].write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// UTF-8 byte order, compared as contiguous bytes where the strings have them (native strings do).
    static func precedes(_ first: String, _ second: String) -> Bool {
        var first = first, second = second
        return first.withUTF8 { a in
            second.withUTF8 { b in
                let common = min(a.count, b.count)
                if common > 0, let base = a.baseAddress, let other = b.baseAddress {
                    let order = memcmp(base, other, common)
                    if order != 0 { return order < 0 }
                }
                return a.count < b.count
            }
        }
    }

    func add(_ member: JSONMember, key: String) {
        keys.append(key)
        members.append(member)
    }

    func nested(_ shape: Shape, key: String?) -> JSONBox {
        let child = JSONBox()
        child.shape = shape
        if let key { add(.box(child), key: key) } else { members.append(.box(child)) }
        return child
    }
}

/// The error paths of encoding are not kept: nothing an operation holds can fail to encode but a number that is
/// not finite, and that error says so.
private struct CanonicalEncoder: Encoder {
    let box: JSONBox
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        box.shape = .object
        return KeyedEncodingContainer(KeyedContainer<Key>(box: box))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        box.shape = .array
        return UnkeyedContainer(box: box)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        box.shape = .single
        return SingleContainer(box: box)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: JSONBox
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { box.add(.leaf(.raw("null")), key: key.stringValue) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        box.add(try CanonicalJSON.member(value), key: key.stringValue)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(KeyedContainer<NestedKey>(box: box.nested(.object, key: key.stringValue)))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        UnkeyedContainer(box: box.nested(.array, key: key.stringValue))
    }

    mutating func superEncoder() -> any Encoder { CanonicalEncoder(box: box.nested(.empty, key: "super")) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        CanonicalEncoder(box: box.nested(.empty, key: key.stringValue))
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let box: JSONBox
    var codingPath: [any CodingKey] { [] }
    var count: Int { box.members.count }

    mutating func encodeNil() throws { box.members.append(.leaf(.raw("null"))) }

    mutating func encode<T: Encodable>(_ value: T) throws { box.members.append(try CanonicalJSON.member(value)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(KeyedContainer<NestedKey>(box: box.nested(.object, key: nil)))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedContainer(box: box.nested(.array, key: nil))
    }

    mutating func superEncoder() -> any Encoder { CanonicalEncoder(box: box.nested(.empty, key: nil)) }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let box: JSONBox
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { box.members = [.leaf(.raw("null"))] }

    mutating func encode<T: Encodable>(_ value: T) throws { box.members = [try CanonicalJSON.member(value)] }
}

extension UUID {
    /// `uuidString`, written without Foundation's formatting (a `snprintf` per byte: 6,000 instructions an id, and
    /// every read and write of the store binds ids). `FastPathTests` hold the two to the same text.
    public var uuidText: String { UUIDText.upper(self) }
}

/// A UUID as `uuidString` writes it (upper-case hex, dashes after 4, 6, 8 and 10 bytes), without Foundation's
/// formatting, which cost more than the rest of writing an id.
public enum UUIDText {
    private static let digits = Array("0123456789ABCDEF".utf8)

    public static func upper(_ id: UUID) -> String {
        withUnsafeBytes(of: id.uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { buffer in
                var index = 0
                for (position, byte) in bytes.enumerated() {
                    if position == 4 || position == 6 || position == 8 || position == 10 {
                        buffer[index] = UInt8(ascii: "-"); index += 1
                    }
                    buffer[index] = digits[Int(byte >> 4)]
                    buffer[index + 1] = digits[Int(byte & 0x0F)]
                    index += 2
                }
                return index
            }
        }
    }
}
