import Foundation

/// An email address as it may appear in a To: header; validated so it can never carry a header break.
public struct EmailAddress: Hashable, Codable, Sendable, CustomStringConvertible {
    public let value: String

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case empty, missingAt, invalidCharacter(Character), missingLocalPart, invalidDomain(String)
        public var description: String {
            switch self {
            case .empty: return "email address is empty"
            case .missingAt: return "email address has no '@'"
            case .invalidCharacter(let c): return "email address has an invalid character '\(Sanitise.visible(String(c)))'"
            case .missingLocalPart: return "email address has nothing before '@'"
            case .invalidDomain(let d): return "email domain '\(Sanitise.visible(d))' is not a domain name"
            }
        }
    }

    public init(parsing text: String) throws(Problem) {
        if let value = Self.plainASCII(text) { self.value = value; return }
        self.value = try Self.validate(text)
    }

    /// The common case checked on bytes: printable ASCII with none of the forbidden characters, one local part and a
    /// dotted domain. It accepts exactly what `validate` accepts for such text (anything else goes the long way, which
    /// also names the problem); the desk reads every directory address on each reload.
    /// Characters that would let an address break out of a To: header or be read as more than one address.
    static let forbidden = "<>(),;:\"[]\\"

    static func plainASCII(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            // One pass, no copies: every byte allowed, where the last '@' is, whether the domain needs lowering.
            var at = -1
            for (index, byte) in bytes.enumerated() {
                guard byte > 32, byte < 127, !forbiddenBytes[Int(byte)] else { return nil }
                if byte == UInt8(ascii: "@") { at = index }
            }
            guard at > 0 else { return nil }
            var labels = 1, labelStart = at + 1, upper = false
            for index in (at + 1)...bytes.count {
                let byte = index < bytes.count ? bytes[index] : UInt8(ascii: ".")
                if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { upper = true }
                guard byte == UInt8(ascii: ".") else { continue }
                // A label: not empty, neither starting nor ending with '-'.
                guard index > labelStart, bytes[labelStart] != UInt8(ascii: "-"),
                      bytes[index - 1] != UInt8(ascii: "-") else { return nil }
                if index < bytes.count { labels += 1 }
                labelStart = index + 1
            }
            guard labels >= 2 else { return nil }
            guard upper else { return String(decoding: bytes, as: UTF8.self) }
            let lowered = bytes[(at + 1)...].map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }
            return String(decoding: bytes[...at] + lowered, as: UTF8.self)
        }
    }

    /// `forbidden` as a table indexed by byte.
    private static let forbiddenBytes: [Bool] = (0..<256).map { byte in forbidden.utf8.contains(UInt8(byte)) }

    static func validate(_ text: String) throws(Problem) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { throw .empty }
        for char in trimmed where char.isWhitespace || !char.isASCII || Self.forbidden.contains(char)
            || char.asciiValue.map({ $0 < 32 || $0 == 127 }) == true {
            throw .invalidCharacter(char)
        }
        guard let at = trimmed.lastIndex(of: "@") else { throw .missingAt }
        let local = trimmed[..<at], domain = trimmed[trimmed.index(after: at)...]
        if local.isEmpty { throw .missingLocalPart }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }),
              !domain.contains("@") else { throw .invalidDomain(String(domain)) }
        // Domains are case-insensitive; the local part is left as written (RFC 5321 §2.4).
        return local + "@" + domain.lowercased()
    }

    public var description: String { value }

    /// Case-insensitive identity, used to notice two organisations sharing one mailbox.
    public var normalised: String { value.lowercased() }
}
