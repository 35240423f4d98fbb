import Foundation
import GRDB
import DeskCore

extension DeskStore {
    /// Saves a parsed directory in one transaction: organisations matched by name, contacts by name within
    /// their organisation. Unchanged rows are left alone, so importing the same file twice changes nothing.
    @discardableResult
    func importDirectory(_ entries: [DirectoryEntry], actor: Actor, at now: Date) throws -> DirectoryImportSummary {
        try write(actor: actor, at: now) { db, changes in
            var summary = DirectoryImportSummary()
            var codes = try CodeAllocator(db)
            for (index, entry) in entries.enumerated() {
                ProgressReport.step("Saving organisations", index + 1, of: entries.count, every: 64)
                let key = entry.name.lowercased()
                var org: Organisation
                if let row = try Row.fetchOne(db, sql: "\(Self.selectOrganisations) WHERE name_key = ?",
                                              arguments: [key]),
                   let existing = Self.organisation(row) {
                    org = existing
                    org.name = entry.name; org.kind = entry.kind; org.phones = entry.phones
                    org.emails = entry.emails; org.notes = entry.notes
                    if org != existing {
                        try Self.save(org, db: db)
                        summary.organisationsUpdated += 1
                        changes.append(Change(action: "organisation.update", entity: "organisation", entityID: org.id,
                                              detail: [("name", org.name), ("kind", org.kind.rawValue)]))
                    }
                } else {
                    org = Organisation(id: entry.id ?? UUID(), name: entry.name, kind: entry.kind,
                                       code: codes.take(Organisation.derivedCode(from: entry.name)),
                                       phones: entry.phones, emails: entry.emails, notes: entry.notes)
                    try Self.save(org, db: db)
                    summary.organisationsAdded += 1
                    changes.append(Change(action: "organisation.create", entity: "organisation", entityID: org.id,
                                          detail: [("name", org.name), ("kind", org.kind.rawValue)]))
                }
                let existingContacts = try Self.contacts(of: org.id, db: db)
                for (position, planned) in entry.contacts.enumerated() {
                    if var contact = existingContacts.first(where: { $0.name.lowercased() == planned.name.lowercased() }) {
                        let before = contact
                        contact.name = planned.name; contact.role = planned.role; contact.phones = planned.phones
                        contact.emails = planned.emails; contact.notes = planned.notes; contact.position = position
                        if contact != before {
                            try Self.save(contact, db: db)
                            summary.contactsUpdated += 1
                            changes.append(Change(action: "contact.update", entity: "contact", entityID: contact.id,
                                                  detail: [("organisation", org.name), ("name", contact.name)]))
                        }
                    } else {
                        let contact = Contact(id: planned.id ?? UUID(), organisationID: org.id, name: planned.name,
                                              role: planned.role, phones: planned.phones,
                                              emails: planned.emails, notes: planned.notes, position: position)
                        try Self.save(contact, db: db)
                        summary.contactsAdded += 1
                        changes.append(Change(action: "contact.create", entity: "contact", entityID: contact.id,
                                              detail: [("organisation", org.name), ("name", contact.name)]))
                    }
                }
            }
            return summary
        }
    }

    /// Every organisation, by kind in chain order (host, commissioners, 111, EDs, practices), then name.
    public func organisations() throws -> [Organisation] {
        try pool.read { db in try Self.organisations(db) }
    }

    public func contacts() throws -> [UUID: [Contact]] {
        try pool.read { db in try Self.contactsByOrganisation(db) }
    }

    /// Every contact, by organisation, each organisation's in position order. Read through a cursor and sorted per
    /// organisation rather than by SQL: a directory of 10,000 contacts is read whole on the desk's first screen.
    static func contactsByOrganisation(_ db: Database) throws -> [UUID: [Contact]] {
        var contacts: [UUID: [Contact]] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT \(contactColumns) FROM contact")
        while let row = try rows.next() {
            guard let contact = Self.contact(row) else { continue }
            contacts[contact.organisationID, default: []].append(contact)
        }
        for id in contacts.keys { contacts[id]!.sort { $0.position < $1.position } }
        return contacts
    }

    /// The contacts of these organisations only, each organisation's in position order: the call-sheet reads the
    /// parties it draws, not the whole directory.
    static func contacts(ofOrganisations ids: [UUID], db: Database) throws -> [UUID: [Contact]] {
        var contacts: [UUID: [Contact]] = [:]
        let marks = repeatElement("?", count: ids.count).joined(separator: ",")
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(contactColumns) FROM contact WHERE organisation_id IN (\(marks)) ORDER BY position, rowid
            """, arguments: StatementArguments(ids.map(\.uuidText)))
        while let row = try rows.next() {
            guard let contact = Self.contact(row) else { continue }
            contacts[contact.organisationID, default: []].append(contact)
        }
        return contacts
    }

    /// Each organisation's contacts' addresses, in the contacts' order: what a round's envelopes need, without
    /// reading and checking ten thousand contacts' phone numbers.
    static func contactEmailsByOrganisation(_ db: Database) throws -> [UUID: [[EmailAddress]]] {
        var emails: [UUID: [[EmailAddress]]] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT organisation_id, emails FROM contact WHERE emails != '' ORDER BY organisation_id, position, rowid
            """)
        while let row = try rows.next() {
            guard let organisationID = Codecs.uuid(row[0]) else { continue }
            emails[organisationID, default: []].append(Codecs.emails(row[1] as String))
        }
        return emails
    }

    public func exportDirectory() throws -> String {
        DirectoryImport.export(organisations: try organisations(), contacts: try contacts())
    }

    /// Finds an organisation by id or by name (case-insensitive; a unique prefix also works).
    public func organisation(matching text: String, kind: OrganisationKind? = nil) throws -> Organisation {
        let wanted = Sanitise.normalisedName(text.trimmingCharacters(in: .whitespaces))
        // Every command names its site: by id or whole name it is one indexed row, not the whole directory.
        if let exact = try pool.read({ db in try Self.organisation(exactly: wanted, db: db) }),
           kind == nil || exact.kind == kind {
            return exact
        }
        // A name's beginning (`--site kestrel`): those whose key (the name lowercased, as every save writes it)
        // starts with it, read and parsed alone.
        let all = try pool.read { db in
            try Row.fetchAll(db, sql: """
                \(Self.selectOrganisations) WHERE substr(name_key, 1, length(?1)) = ?1
                ORDER BY \(Self.kindOrder), name_key
                """, arguments: [wanted.lowercased()]).compactMap(Self.organisation)
        }.filter { kind == nil || $0.kind == kind }
        if let id = UUID(uuidString: wanted), let org = all.first(where: { $0.id == id }) { return org }
        if let org = all.first(where: { $0.name.lowercased() == wanted.lowercased() }) { return org }
        let prefixed = all.filter { $0.name.lowercased().hasPrefix(wanted.lowercased()) }
        if prefixed.count == 1 { return prefixed[0] }
        if prefixed.count > 1 { throw StoreError.ambiguous(wanted, prefixed.map(\.name)) }
        throw StoreError.notFound("\(kind?.label.lowercased() ?? "organisation") named '\(Sanitise.visible(wanted))'")
    }

    /// The organisation whose id, or else whose whole name (any case), is `wanted`.
    static func organisation(exactly wanted: String, db: Database) throws -> Organisation? {
        if let id = UUID(uuidString: wanted),
           let row = try Row.fetchOne(db, sql: "\(Self.selectOrganisations) WHERE id = ?", arguments: [id.uuidText]) {
            return organisation(row)
        }
        return try Row.fetchOne(db, sql: "\(Self.selectOrganisations) WHERE name_key = ?",
                                arguments: [wanted.lowercased()]).flatMap(organisation)
    }

    static let kindOrder = "CASE kind WHEN 'host' THEN 0 WHEN 'commissioner' THEN 1 WHEN 'nhs111' THEN 2 WHEN 'ed' THEN 3 ELSE 4 END"

    static func organisations(_ db: Database) throws -> [Organisation] {
        var organisations: [Organisation] = []
        let rows = try Row.fetchCursor(db, sql: "\(selectOrganisations) ORDER BY \(kindOrder), name_key")
        while let row = try rows.next() {
            if let organisation = Self.organisation(row) { organisations.append(organisation) }
        }
        return organisations
    }

    static func contacts(of organisationID: UUID, db: Database) throws -> [Contact] {
        try Row.fetchAll(db, sql: "SELECT \(contactColumns) FROM contact WHERE organisation_id = ? ORDER BY position",
                         arguments: [organisationID.uuidText]).compactMap(contact)
    }

    /// The columns `organisation(_:)` reads, by position, as with contacts: finding each column by name, for a
    /// thousand organisations, was a third of reading the directory at start.
    static let organisationColumns = "id, name, kind, code, participating, phones, emails, notes"
    static let selectOrganisations = "SELECT \(organisationColumns) FROM organisation"

    /// The same columns of a joined table named `table`.
    static func organisationColumns(of table: String) -> String {
        organisationColumns.split(separator: ", ").map { "\(table).\($0)" }.joined(separator: ", ")
    }

    static func organisation(_ row: Row) -> Organisation? {
        guard let id = Codecs.uuid(row[0]) else { return UnreadableRows.skip("organisation", row) }
        return Organisation(id: id, name: row[1], kind: OrganisationKind(rawValue: row[2]) ?? .practice,
                     code: row[3], participating: row[4], phones: Codecs.phones(row[5]),
                     emails: Codecs.emails(row[6]), notes: row[7])
    }

    /// The columns `contact(_:)` reads, by position: a directory holds thousands of contacts and finding each
    /// column by name, for every row, was a fifth of reading them.
    static let contactColumns = "id, organisation_id, name, role, phones, emails, notes, position"

    static func contact(_ row: Row) -> Contact? {
        guard let id = Codecs.uuid(row[0]), let organisationID = Codecs.uuid(row[1]) else {
            return UnreadableRows.skip("contact", row)
        }
        return Contact(id: id, organisationID: organisationID, name: row[2],
                role: row[3], phones: Codecs.phones(row[4]), emails: Codecs.emails(row[5]),
                notes: row[6], position: row[7])
    }

    static func save(_ org: Organisation, db: Database) throws {
        try db.execute(sql: """
            INSERT INTO organisation (id, name, name_key, kind, code, participating, phones, emails, notes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key, kind = excluded.kind,
                code = excluded.code, participating = excluded.participating, phones = excluded.phones,
                emails = excluded.emails, notes = excluded.notes
            """, arguments: [org.id.uuidText, org.name, org.name.lowercased(), org.kind.rawValue, org.code,
                             org.participating, Codecs.phones(org.phones), Codecs.emails(org.emails), org.notes])
    }

    static func save(_ contact: Contact, db: Database) throws {
        try db.execute(sql: """
            INSERT INTO contact (id, organisation_id, name, name_key, role, phones, emails, notes, position)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key, role = excluded.role,
                phones = excluded.phones, emails = excluded.emails, notes = excluded.notes, position = excluded.position
            """, arguments: [contact.id.uuidText, contact.organisationID.uuidText, contact.name,
                             contact.name.lowercased(), contact.role, Codecs.phones(contact.phones),
                             Codecs.emails(contact.emails), contact.notes, contact.position])
    }

    /// Downtime references carry the code, so it must be unique: a clash gets a number appended.
}

/// Organisation codes for one import: the code derived from the name, else it with the first free number from 2.
/// The codes in use are read once per import, and each base remembers where its numbers got to: reading them all
/// and counting up from 2 for every new organisation made a 20,000-practice import take minutes.
struct CodeAllocator {
    private var taken: Set<String>
    private var next: [String: Int] = [:]

    init(_ db: Database) throws { taken = Set(try String.fetchAll(db, sql: "SELECT code FROM organisation")) }

    mutating func take(_ base: String) -> String {
        var code = base
        if taken.contains(base) {
            var number = next[base] ?? 2
            while taken.contains("\(base)\(number)") { number += 1 }
            code = "\(base)\(number)"
            next[base] = number + 1
        }
        taken.insert(code)
        return code
    }
}
