import Testing
@testable import DeskCore

@Suite struct DirectoryImportTests {
    let header = "organisation,kind,contact,role,phones,emails,notes\n"

    func parse(_ body: String) throws(InputError) -> DirectoryImport.Result {
        try DirectoryImport.parse(Array((header + body).utf8))
    }

    @Test func organisationRowAndContactsGroupTogether() throws {
        let result = try parse("""
        Pitsea Dental,practice,,,"01632 960105, 01632 960106",pitsea@example.org,
        Pitsea Dental,practice,Ann Example,Manager,07700 900105,,
        Coastal Commissioning,commissioner,Ian Example,Commissioner,07700 900011; 01632 960011,ian@example.org,
        """)
        #expect(result.entries.count == 2)
        let pitsea = result.entries[0]
        #expect(pitsea.phones.map(\.digits) == ["01632960105", "01632960106"])
        #expect(pitsea.contacts.map(\.name) == ["Ann Example"])
        #expect(result.entries[1].contacts[0].phones.count == 2)
    }

    @Test func twoOrganisationsMayShareAnEmailAddress() throws {
        let result = try parse("A,practice,,,01632 960101,shared@example.org,\nB,practice,,,01632 960102,shared@example.org,\n")
        #expect(result.entries.map { $0.emails[0].value } == ["shared@example.org", "shared@example.org"])
    }

    @Test func extraColumnsAreIgnoredWithAWarning() throws {
        let result = try DirectoryImport.parse(Array("organisation,kind,contact,role,phones,emails,notes,fax\nA,ed,,,,,,01632\n".utf8))
        #expect(result.entries.count == 1)
        #expect(result.warnings == ["line 1: ignoring unknown column fax"])
    }

    @Test func emptyFileIsRefused() {
        #expect(throws: InputError.self) { try DirectoryImport.parse([]) }
    }

    @Test func missingColumnIsNamed() {
        do {
            _ = try DirectoryImport.parse(Array("organisation,kind,contact,role,phones,notes\n".utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 1)
            #expect(error.message.contains("emails"))
        }
    }

    @Test func unknownKindNamesLineAndColumn() {
        #expect(throws: InputError(line: 3, field: "kind", "'surgery' is not one of host, commissioner, nhs111, ed, practice")) {
            try parse("A,practice,,,,,\nB,surgery,,,,,\n")
        }
    }

    @Test func badPhoneNamesLineAndValue() {
        do {
            _ = try parse("A,practice,,,01632 960101; 12345,,\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 2)
            #expect(error.field == "phones")
            #expect(error.message.contains("'12345'"))
        }
    }

    @Test func conflictingKindsAndDuplicateContactsAreRefused() {
        #expect(throws: InputError.self) { try parse("A,practice,,,,,\nA,ed,,,,,\n") }
        #expect(throws: InputError.self) { try parse("A,practice,Ann,,,,\nA,practice,ann,,,,\n") }
    }

    @Test func exportReadsBackTheSame() throws {
        let first = try parse("A Dental,practice,,,01632 960101,a@example.org,=not a formula\nA Dental,practice,Ann,Lead,07700 900001,ann@example.org,\n")
        var orgs: [Organisation] = []
        var contacts: [UUID: [Contact]] = [:]
        for entry in first.entries {
            let org = Organisation(name: entry.name, kind: entry.kind, phones: entry.phones, emails: entry.emails, notes: entry.notes)
            orgs.append(org)
            contacts[org.id] = entry.contacts.enumerated().map {
                Contact(organisationID: org.id, name: $1.name, role: $1.role, phones: $1.phones, emails: $1.emails, notes: $1.notes, position: $0)
            }
        }
        let csv = DirectoryImport.export(organisations: orgs, contacts: contacts)
        #expect(!csv.contains("\n=not"))
        let again = try DirectoryImport.parse(Array(csv.utf8))
        #expect(again.entries.map(\.name) == first.entries.map(\.name))
        #expect(again.entries[0].notes == "=not a formula")
        #expect(again.entries[0].contacts == first.entries[0].contacts)
        #expect(again.entries[0].phones == first.entries[0].phones)
    }
}

import Foundation
