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
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { throw .empty }
        for char in trimmed where char.isWhitespace || !char.isASCII || "<>(),;:\"[]\\".contains(char)
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
        value = local + "@" + domain.lowercased()
    }

    public var description: String { value }

    /// Case-insensitive identity, used to notice two organisations sharing one mailbox.
    public var normalised: String { value.lowercased() }
}
