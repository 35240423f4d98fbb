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
        let bytes = Array(text.utf8)
        let forbidden = Array(Self.forbidden.utf8)
        guard !bytes.isEmpty, bytes.allSatisfy({ $0 > 32 && $0 < 127 && !forbidden.contains($0) }),
              let at = bytes.lastIndex(of: UInt8(ascii: "@")), at > 0 else { return nil }
        let domain = bytes[(at + 1)...]
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && $0.first != UInt8(ascii: "-") && $0.last != UInt8(ascii: "-") })
        else { return nil }
        guard domain.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else { return text }
        let lowered = domain.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }
        return String(decoding: bytes[...at] + lowered, as: UTF8.self)
    }

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
