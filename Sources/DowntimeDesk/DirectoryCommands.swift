import Foundation
import ArgumentParser
import DeskCore
import DeskStore

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import data from files.", subcommands: [ImportDirectory.self, ImportSlots.self, ImportBookings.self])
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export data to files.", subcommands: [ExportDirectory.self, ExportBackEntry.self])
}

/// `downtime-desk import directory FILE.csv`: all or nothing, and idempotent.
struct ImportDirectory: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "directory",
        abstract: "Import organisations and contacts from a CSV file (organisation,kind,contact,role,phones,emails,notes).")

    @OptionGroup var options: DeskOptions

    @Argument(help: "The CSV file, or - for standard input.")
    var file: String

    @Flag(help: "Check the file and say what would change, without saving.")
    var dryRun = false

    @Option(help: "text or json")
    var format: OutputFormat = .text

    func run() throws {
        let bytes = try InputFile.read(file)
        let parsed: DirectoryImport.Result
        do { parsed = try DirectoryImport.parse(bytes) } catch { throw DeskFailure("\(file): \(error); nothing was imported") }
        for warning in parsed.warnings { FileHandle.standardError.write(Data("warning: \(file): \(warning)\n".utf8)) }
        let contacts = parsed.entries.reduce(0) { $0 + $1.contacts.count }
        if dryRun {
            print("\(file) is valid: \(parsed.entries.count) organisations, \(contacts) contacts. Nothing saved (--dry-run).")
            return
        }
        let operation = DeskOperation.importDirectory(.init(entries: parsed.entries))
        guard case .directoryImported(let summary) = try Session.with(options, { try $0.apply(operation) })
        else { return }
        switch format {
        case .json:
            print(try JSONOutput.encode([
                "organisations_added": summary.organisationsAdded, "organisations_updated": summary.organisationsUpdated,
                "contacts_added": summary.contactsAdded, "contacts_updated": summary.contactsUpdated,
            ]))
        case .text:
            if summary.isEmpty { print("No changes: the directory already matches \(file).") }
            else {
                print("Imported \(file): \(summary.organisationsAdded) organisations added, \(summary.organisationsUpdated) updated; "
                      + "\(summary.contactsAdded) contacts added, \(summary.contactsUpdated) updated.")
            }
        }
    }
}

/// `downtime-desk export directory`: the same CSV the importer reads, so it round-trips.
struct ExportDirectory: StoreCommand {
    static let configuration = CommandConfiguration(
        commandName: "directory", abstract: "Write the directory as CSV (or JSON) to standard output or a file.")

    @OptionGroup var options: DeskOptions

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    @Option(help: "csv or json")
    var format: DirectoryFormat = .csv

    enum DirectoryFormat: String, ExpressibleByArgument { case csv, json }

    var terminal: String { "cli" }

    func run(_ session: Session) throws {
        let store = session.store
        let text: String
        switch format {
        case .csv: text = try store.exportDirectory()
        case .json:
            let contacts = try store.contacts()
            text = try JSONOutput.encode(try store.organisations().map { org in
                DirectoryJSON(organisation: org, contacts: contacts[org.id] ?? [])
            }) + "\n"
        }
        try OutputFile.write(text, to: output)
    }
}

/// The JSON shape of one organisation in `export directory --format json`.
struct DirectoryJSON: Encodable {
    var id: String, name: String, kind: String, code: String, participating: Bool
    var phones: [String], emails: [String], notes: String
    var contacts: [ContactJSON]

    struct ContactJSON: Encodable {
        var id: String, name: String, role: String, phones: [String], emails: [String], notes: String
    }

    init(organisation o: Organisation, contacts: [Contact]) {
        id = o.id.uuidText; name = o.name; kind = o.kind.rawValue; code = o.code; participating = o.participating
        phones = o.phones.map(\.digits); emails = o.emails.map(\.value); notes = o.notes
        self.contacts = contacts.map {
            ContactJSON(id: $0.id.uuidText, name: $0.name, role: $0.role, phones: $0.phones.map(\.digits),
                        emails: $0.emails.map(\.value), notes: $0.notes)
        }
    }
}
