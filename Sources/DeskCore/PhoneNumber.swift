import Foundation

/// A UK telephone number, held as its digits in national form (leading 0).
public struct PhoneNumber: Hashable, Codable, Sendable, CustomStringConvertible {
    public let digits: String

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case empty
        case invalidCharacter(Character)
        case wrongLength(Int)
        case notNational
        case dialsAbroad

        public var description: String {
            switch self {
            case .empty: return "phone number is empty"
            case .invalidCharacter(let c): return "phone number has an invalid character '\(Sanitise.visible(String(c)))'"
            case .wrongLength(let n): return "phone number has \(n) digits; a UK number has 10 or 11"
            case .notNational: return "phone number must start with 0 or +44"
            case .dialsAbroad: return "phone number dials abroad (00); start with 0 or +44"
            }
        }
    }

    /// Accepts what people write: spaces, dashes, dots, brackets, `+44` or `0044`, `(0)`.
    public init(parsing text: String) throws(Problem) {
        if let digits = Self.alreadyNational(text) { self.digits = digits; return }
        self.digits = try Self.normalise(text)
    }

    /// A number as the desk wrote it, read back as it was written. Earlier versions took some numbers today's rules
    /// refuse (one starting 00, say); a booking or contact holding one must still read, not drop out of the day.
    public init?(stored digits: String) {
        guard !digits.isEmpty, Self.allDigits(digits.utf8) else { return nil }
        self.digits = digits
    }

    /// The national form (10 or 11 digits from a 0 that is not the 00 of dialling abroad) is taken as it is, without
    /// the general path's trimming and copying.
    static func alreadyNational(_ text: String) -> String? {
        let utf8 = text.utf8
        guard utf8.count == 10 || utf8.count == 11, utf8.first == UInt8(ascii: "0"),
              utf8.dropFirst().first != UInt8(ascii: "0"), allDigits(utf8) else { return nil }
        return text
    }

    static func allDigits(_ utf8: String.UTF8View) -> Bool {
        utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    static func normalise(_ text: String) throws(Problem) -> String {
        var raw = text.trimmingCharacters(in: .whitespaces)
        if raw.isEmpty { throw .empty }
        raw = raw.replacingOccurrences(of: "(0)", with: "")
        var digits = ""
        for (index, char) in raw.enumerated() {
            if char.isASCII, char.isNumber { digits.append(char); continue }
            if char == "+" && index == 0 { digits.append("+"); continue }
            if " -.()/".contains(char) { continue }
            throw .invalidCharacter(char)
        }
        if let afterCountry = ["+44", "0044"].first(where: digits.hasPrefix).map({ digits.dropFirst($0.count) }) {
            // People write the national 0 after the country code ("+44 020 …"); it is the same number.
            digits = "0" + (afterCountry.hasPrefix("0") ? afterCountry.dropFirst() : afterCountry)
        }
        if digits.hasPrefix("+") || !digits.hasPrefix("0") { throw .notNational }
        // A number still starting 00 dials abroad. Taken as national, it was saved as digits that later read as
        // another number or none (fuzzing found "0044 0441 121122" saved as 00441121122).
        if digits.hasPrefix("00") { throw .dialsAbroad }
        guard digits.count == 10 || digits.count == 11 else { throw .wrongLength(digits.count) }
        return digits
    }

    /// Grouped as people read UK numbers: `020 7946 0000`, `0113 496 0000`, `01632 960123`.
    public var description: String {
        let d = Array(digits.utf8)
        func group(_ sizes: [Int]) -> String {
            var parts: [String] = [], start = 0
            for size in sizes where start < d.count {
                let end = min(start + size, d.count)
                parts.append(String(decoding: d[start..<end], as: UTF8.self)); start = end
            }
            if start < d.count { parts.append(String(decoding: d[start...], as: UTF8.self)) }
            return parts.joined(separator: " ")
        }
        guard d.count == 11 else { return group([5, 5]) }
        let (one, two, three) = (UInt8(ascii: "1"), UInt8(ascii: "2"), UInt8(ascii: "3"))
        if d[1] == two { return group([3, 4, 4]) }
        if d[1] == one && (d[2] == one || d[3] == one) { return group([4, 3, 4]) }
        if d[1] == three || d[1] == UInt8(ascii: "8") || d[1] == UInt8(ascii: "9") { return group([4, 3, 4]) }
        return group([5, 6])
    }
}
