import Foundation

/// A UK telephone number, held as its digits in national form (leading 0).
public struct PhoneNumber: Hashable, Codable, Sendable, CustomStringConvertible {
    public let digits: String

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case empty
        case invalidCharacter(Character)
        case wrongLength(Int)
        case notNational

        public var description: String {
            switch self {
            case .empty: return "phone number is empty"
            case .invalidCharacter(let c): return "phone number has an invalid character '\(Sanitise.visible(String(c)))'"
            case .wrongLength(let n): return "phone number has \(n) digits; a UK number has 10 or 11"
            case .notNational: return "phone number must start with 0 or +44"
            }
        }
    }

    /// Accepts what people write: spaces, dashes, dots, brackets, `+44` or `0044`, `(0)`.
    public init(parsing text: String) throws(Problem) {
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
        if digits.hasPrefix("+44") { digits = "0" + digits.dropFirst(3) }
        else if digits.hasPrefix("0044") { digits = "0" + digits.dropFirst(4) }
        if digits.hasPrefix("+") || !digits.hasPrefix("0") { throw .notNational }
        guard digits.count == 10 || digits.count == 11 else { throw .wrongLength(digits.count) }
        self.digits = digits
    }

    /// Grouped as people read UK numbers: `020 7946 0000`, `0113 496 0000`, `01632 960123`.
    public var description: String {
        let d = Array(digits)
        func group(_ sizes: [Int]) -> String {
            var parts: [String] = [], start = 0
            for size in sizes where start < d.count {
                let end = min(start + size, d.count)
                parts.append(String(d[start..<end])); start = end
            }
            if start < d.count { parts.append(String(d[start...])) }
            return parts.joined(separator: " ")
        }
        guard d.count == 11 else { return group([5, 5]) }
        if d[1] == "2" { return group([3, 4, 4]) }
        if d[1] == "1" && (d[2] == "1" || d[3] == "1") { return group([4, 3, 4]) }
        if d[1] == "3" || d[1] == "8" || d[1] == "9" { return group([4, 3, 4]) }
        return group([5, 6])
    }
}
