import Foundation

/// An organisation as a directory file describes it, with its contacts, before it is saved.
public struct DirectoryEntry: Equatable, Codable, Sendable {
    public var name: String
    public var kind: OrganisationKind
    public var phones: [PhoneNumber]
    public var emails: [EmailAddress]
    public var notes: String
    public var contacts: [DirectoryContact]
    public var line: Int
    /// The organisation's id once an operation carries the entry, so every site that applies it gives the
    /// organisation the same id; nil as read from a file.
    public var id: UUID? = nil
}

public struct DirectoryContact: Equatable, Codable, Sendable {
    public var name: String
    public var role: String
    public var phones: [PhoneNumber]
    public var emails: [EmailAddress]
    public var notes: String
    /// As for the entry: the contact's id, the same at every site.
    public var id: UUID? = nil
}

/// Reads the directory CSV (`organisation,kind,contact,role,phones,emails,notes`) into entries,
/// checking every row before anything is saved, so a bad file changes nothing.
public enum DirectoryImport {
    public static let columns = ["organisation", "kind", "contact", "role", "phones", "emails", "notes"]
    static let maxFieldLength = 1000

    public struct Result: Equatable, Sendable {
        public var entries: [DirectoryEntry]
        public var warnings: [String]
    }

    public static func parse(_ bytes: [UInt8]) throws(InputError) -> Result {
        let table = try CSVTable(bytes, columns: columns)
        var entries: [DirectoryEntry] = []
        var indexByName: [String: Int] = [:]
        var contactLines: [String: Int] = [:]
        for (index, record) in table.rows.enumerated() {
            ProgressReport.step("Reading the directory", index + 1, of: table.rows.count)
            try table.check(record)
            func value(_ column: String) throws(InputError) -> String {
                let text = CSV.unneutralise(table.value(column, in: record)!)
                if let problem = Sanitise.controlProblem(text) {
                    throw InputError(line: record.line, field: column, problem)
                }
                if text.count > maxFieldLength { throw InputError(line: record.line, field: column, "is longer than \(maxFieldLength) characters") }
                return Sanitise.normalisedName(text)
            }
            let orgName = try value("organisation")
            if orgName.isEmpty { throw InputError(line: record.line, field: "organisation", "is empty") }
            let kindText = try value("kind")
            guard let kind = OrganisationKind(parsing: kindText) else {
                throw InputError(line: record.line, field: "kind", "'\(kindText)' is not one of \(OrganisationKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let phones = try splitList(try value("phones")).map { (text) throws(InputError) -> PhoneNumber in
                do { return try PhoneNumber(parsing: text) } catch { throw InputError(line: record.line, field: "phones", "'\(text)': \(error)") }
            }
            let emails = try splitList(try value("emails")).map { (text) throws(InputError) -> EmailAddress in
                do { return try EmailAddress(parsing: text) } catch { throw InputError(line: record.line, field: "emails", "'\(text)': \(error)") }
            }
            let contactName = try value("contact"), role = try value("role"), notes = try value("notes")

            let key = orgName.lowercased()
            let index: Int
            if let existing = indexByName[key] {
                index = existing
                guard entries[index].kind == kind else {
                    throw InputError(line: record.line, field: "kind", "'\(orgName)' was given kind \(entries[index].kind.rawValue) on line \(entries[index].line)")
                }
            } else {
                index = entries.count
                indexByName[key] = index
                entries.append(DirectoryEntry(name: orgName, kind: kind, phones: [], emails: [], notes: "", contacts: [], line: record.line))
            }
            if contactName.isEmpty {
                entries[index].phones.appendUnique(phones)
                entries[index].emails.appendUnique(emails)
                if !notes.isEmpty { entries[index].notes = entries[index].notes.isEmpty ? notes : entries[index].notes + "; " + notes }
            } else {
                let contactKey = key + "\u{0}" + contactName.lowercased()
                if let first = contactLines[contactKey] {
                    throw InputError(line: record.line, field: "contact", "'\(contactName)' at '\(orgName)' is already on line \(first)")
                }
                contactLines[contactKey] = record.line
                entries[index].contacts.append(DirectoryContact(name: contactName, role: role, phones: phones, emails: emails, notes: notes))
            }
        }
        return Result(entries: entries, warnings: table.warnings)
    }

    /// Several values in one cell, separated by `;` or `,`.
    static func splitList(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == ";" || $0 == "," }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The CSV text for a directory, one row per contact and one for each organisation's own details.
    public static func export(organisations: [Organisation], contacts: [UUID: [Contact]]) -> String {
        var out = CSV.row(columns)
        for org in organisations {
            let own = contacts[org.id] ?? []
            if !org.phones.isEmpty || !org.emails.isEmpty || !org.notes.isEmpty || own.isEmpty {
                out += CSV.row([org.name, org.kind.rawValue, "", "", org.phones.map(\.description).joined(separator: "; "),
                                org.emails.map(\.value).joined(separator: "; "), org.notes])
            }
            for contact in own.sorted(by: { $0.position < $1.position }) {
                out += CSV.row([org.name, org.kind.rawValue, contact.name, contact.role,
                                contact.phones.map(\.description).joined(separator: "; "),
                                contact.emails.map(\.value).joined(separator: "; "), contact.notes])
            }
        }
        return out
    }
}

extension Array where Element: Hashable {
    /// Appends the elements not already present, keeping order.
    mutating func appendUnique(_ others: [Element]) {
        for item in others where !contains(item) { append(item) }
    }
}
