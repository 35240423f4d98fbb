/// Zero-padded decimal text without `String(format:)`, which goes through Foundation's formatter on every call and
/// was a measurable share of each frame and each commit (dates, times and hashes are written thousands of times).
public enum FixedDigits {
    /// Appends `value` as exactly `width` digits (more if it needs them), zero-padded; negative values get a '-'.
    public static func append(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        let magnitude = value.magnitude
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var count = 1, scale: UInt = 1
        while magnitude / scale >= 10 { scale *= 10; count += 1 }
        for _ in count..<max(width, count) { bytes.append(UInt8(ascii: "0")) }
        // Most significant first, written in place: no array of digits to reverse.
        while scale > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude / scale % 10))
            scale /= 10
        }
    }

    /// Reads exactly `count` ASCII digits at `start`, or nil.
    static func read<Bytes: RandomAccessCollection>(_ bytes: Bytes, at start: Int, count: Int) -> Int?
    where Bytes.Element == UInt8, Bytes.Index == Int {
        guard start >= bytes.startIndex, start + count <= bytes.endIndex else { return nil }
        var value = 0
        for byte in bytes[start..<start + count] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    static let lowerHex = Array("0123456789abcdef".utf8)
}

/// Lower-case hex, two characters a byte: the journal's hash chain and escapes in its JSON.
public func lowercaseHex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
    var text: [UInt8] = []
    text.reserveCapacity(bytes.underestimatedCount * 2)
    for byte in bytes {
        text.append(FixedDigits.lowerHex[Int(byte >> 4)])
        text.append(FixedDigits.lowerHex[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
}
