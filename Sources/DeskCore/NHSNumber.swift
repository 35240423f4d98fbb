/// A 10-digit NHS number whose last digit is the modulus-11 check digit.
public struct NHSNumber: Hashable, Codable, Sendable, CustomStringConvertible {
    public let digits: String

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case invalidCharacter(Character), wrongLength(Int), checkDigitInvalid, checkDigitMismatch
        public var description: String {
            switch self {
            case .invalidCharacter(let c): return "NHS number has an invalid character '\(Sanitise.visible(String(c)))'"
            case .wrongLength(let n): return "NHS number has \(n) digits; it needs 10"
            case .checkDigitInvalid: return "not a valid NHS number (no check digit can exist for it)"
            case .checkDigitMismatch: return "NHS number check digit does not match; check for a typing error"
            }
        }
    }

    /// Spaces and dashes are allowed, as printed on letters (`943 476 5919`).
    public init(parsing text: String) throws(Problem) {
        var digits: [Int] = []
        for char in text where !(char == " " || char == "-") {
            guard char.isASCII, let value = char.wholeNumberValue else { throw .invalidCharacter(char) }
            digits.append(value)
        }
        guard digits.count == 10 else { throw .wrongLength(digits.count) }
        guard let check = NHSNumber.checkDigit(for: Array(digits.prefix(9))) else { throw .checkDigitInvalid }
        guard check == digits[9] else { throw .checkDigitMismatch }
        self.digits = digits.map(String.init).joined()
    }

    /// Weights 10…2 over the first nine digits; 11 − (sum mod 11); 11 means 0 and 10 means no valid number.
    public static func checkDigit(for firstNine: [Int]) -> Int? {
        precondition(firstNine.count == 9)
        let sum = zip(firstNine, (2...10).reversed()).reduce(0) { $0 + $1.0 * $1.1 }
        switch 11 - sum % 11 {
        case 11: return 0
        case 10: return nil
        case let digit: return digit
        }
    }

    /// Printed 3-3-4 as on NHS correspondence.
    public var description: String {
        let d = Array(digits)
        return "\(String(d[0..<3])) \(String(d[3..<6])) \(String(d[6...]))"
    }
}
