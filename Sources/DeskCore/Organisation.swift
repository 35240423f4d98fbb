import Foundation

/// The kinds of party in the outage chain (seed 000's contact tables).
public enum OrganisationKind: String, CaseIterable, Codable, Sendable {
    case host, commissioner, nhs111, ed, practice

    /// The label a person reads in lists and on paper.
    public var label: String {
        switch self {
        case .host: return "Service host"
        case .commissioner: return "Commissioner"
        case .nhs111: return "NHS 111"
        case .ed: return "Emergency Dept"
        case .practice: return "Practice"
        }
    }

    /// Accepts the stored value, or a few spellings people type in a CSV.
    public init?(parsing text: String) {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "-", with: "")
        switch key {
        case "host", "servicehost", "rmsl": self = .host
        case "commissioner", "commissioners": self = .commissioner
        case "nhs111", "111", "ic24": self = .nhs111
        case "ed", "hospital", "emergencydepartment": self = .ed
        case "practice", "dentalpractice": self = .practice
        default: return nil
        }
    }
}

/// A party in the network: the host, a commissioner, NHS 111, an ED or a practice.
public struct Organisation: Identifiable, Equatable, Codable, Sendable {
    public var id: UUID
    public var name: String
    public var kind: OrganisationKind
    /// Short code used in downtime references (e.g. `SHR`); unique among practices.
    public var code: String
    /// Whether the party takes part in the urgent access service and so receives notices.
    public var participating: Bool
    /// The organisation's own numbers and addresses, in the order to try them.
    public var phones: [PhoneNumber]
    public var emails: [EmailAddress]
    public var notes: String

    public init(id: UUID = UUID(), name: String, kind: OrganisationKind, code: String = "",
                participating: Bool = true, phones: [PhoneNumber] = [], emails: [EmailAddress] = [],
                notes: String = "") {
        self.id = id
        self.name = name
        self.kind = kind
        self.code = code.isEmpty ? Organisation.derivedCode(from: name) : code
        self.participating = participating
        self.phones = phones
        self.emails = emails
        self.notes = notes
    }

    /// Initials of the significant words, at most four letters: "Sharrow Dental Surgery" → "SDS".
    public static func derivedCode(from name: String) -> String {
        let skip: Set<String> = ["the", "of", "and", "&"]
        let initials = name.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .filter { !skip.contains($0.lowercased()) }
            .compactMap { $0.first }
        let code = String(initials.prefix(4)).uppercased()
        return code.isEmpty ? "ORG" : code
    }
}

/// A person (or a named role such as "On-call manager") at an organisation.
public struct Contact: Identifiable, Equatable, Codable, Sendable {
    public var id: UUID
    public var organisationID: UUID
    public var name: String
    public var role: String
    public var phones: [PhoneNumber]
    public var emails: [EmailAddress]
    public var notes: String
    /// Position among the organisation's contacts, so calls go in a stable order.
    public var position: Int

    public init(id: UUID = UUID(), organisationID: UUID, name: String, role: String = "",
                phones: [PhoneNumber] = [], emails: [EmailAddress] = [], notes: String = "", position: Int = 0) {
        self.id = id
        self.organisationID = organisationID
        self.name = name
        self.role = role
        self.phones = phones
        self.emails = emails
        self.notes = notes
        self.position = position
    }
}
