import Foundation
import DeskCore

/// The importers of outside files: the directory, slot templates, and the central system's bookings (CSV or FHIR).
enum ImporterTargets {
    static let today = LocalDate(iso: "2026-11-21")!
    static let zone = TimeZone(identifier: "Europe/London")!

    /// Accepted names are clean, and what is accepted writes out and reads back the same (`export directory`).
    static func directory(_ bytes: [UInt8]) throws(FuzzViolation) {
        let result: DirectoryImport.Result
        do { result = try DirectoryImport.parse(bytes) } catch {
            try Invariant.inWords(error.description, "directory CSV"); return
        }
        for entry in result.entries {
            try Invariant.clean(entry.name, "an organisation's name")
            for contact in entry.contacts { try Invariant.clean(contact.name + contact.role, "a contact") }
        }
        let (organisations, contacts) = asRecords(result.entries)
        let written = DirectoryImport.export(organisations: organisations, contacts: contacts)
        let again: DirectoryImport.Result
        do { again = try DirectoryImport.parse(Array(written.utf8)) } catch {
            throw FuzzViolation("the directory as exported does not read back: \(error.description)")
        }
        try Invariant.that(summary(again.entries) == summary(result.entries),
                           "the directory changed on export and import:\n\(summary(result.entries))\n"
                               + "became\n\(summary(again.entries))")
    }

    /// The entries as the store keeps them, so the store's own export writes them.
    static func asRecords(_ entries: [DirectoryEntry]) -> ([Organisation], [UUID: [Contact]]) {
        var organisations: [Organisation] = []
        var contacts: [UUID: [Contact]] = [:]
        for entry in entries {
            let organisation = Organisation(name: entry.name, kind: entry.kind, phones: entry.phones,
                                            emails: entry.emails, notes: entry.notes)
            organisations.append(organisation)
            contacts[organisation.id] = entry.contacts.enumerated().map { position, contact in
                Contact(organisationID: organisation.id, name: contact.name, role: contact.role, phones: contact.phones,
                        emails: contact.emails, notes: contact.notes, position: position)
            }
        }
        return (organisations, contacts)
    }

    /// What an import means, without the line numbers it was read from.
    static func summary(_ entries: [DirectoryEntry]) -> String {
        entries.map { entry in
            "\(entry.name)|\(entry.kind.rawValue)|\(entry.phones)|\(entry.emails.map(\.value))|\(entry.notes)"
                + entry.contacts.map { "\n  \($0.name)|\($0.role)|\($0.phones)|\($0.emails.map(\.value))|\($0.notes)" }
                    .joined()
        }.joined(separator: "\n")
    }

    static func slotTemplates(_ bytes: [UInt8]) throws(FuzzViolation) {
        let practice = UUID()
        let read: (templates: [SlotTemplate], practices: Set<UUID>, warnings: [String])
        do { read = try SlotTemplateImport.parse(bytes, resolvePractice: { $0.hasPrefix("Kestrel") ? practice : nil }) }
        catch { try Invariant.inWords(error.description, "slot template CSV"); return }
        for template in read.templates {
            try Invariant.that(template.start < template.end && template.slotMinutes > 0,
                               "a template accepted with no time in it: \(template)")
        }
        for warning in read.warnings { try Invariant.inWords(warning, "a slot template warning") }
    }

    /// Both forms the central system writes: the reader tells them apart by their first byte.
    static func bookings(_ bytes: [UInt8]) throws(FuzzViolation) {
        let bookings: [ImportedBooking]
        do { bookings = try BookingImport.parse(bytes, today: today, zone: zone, resolveED: { _ in nil }) }
        catch { try Invariant.inWords(error.description, "bookings file"); return }
        for booking in bookings {
            try Invariant.clean(booking.details.patient.name, "a patient's name")
            try Invariant.clean(booking.practiceName, "a practice's name")
            try Invariant.clean(booking.centralReference, "a central reference")
        }
    }
}
