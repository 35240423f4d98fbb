import Foundation
import ArgumentParser
import DeskCore
import DeskStore
import DeskConfig

/// Writes the status folder: index.html, status.json and feed.atom, each whole (a temporary file, then a rename),
/// readable by a web server, so a reader never sees half a page.
enum StatusPageWriter {
    static let files = ["index.html", "status.json", "feed.atom"]

    static func page(_ store: DeskStore, now: Date, zone: TimeZone) throws -> StatusPage {
        let organisations = try store.organisations()
        let practices = organisations.filter { $0.kind == .practice && $0.participating }
            .map { StatusPage.Practice(name: $0.name, phones: $0.phones) }
        let host = organisations.first { $0.kind == .host }?.name ?? "The service host"
        let outages = try store.outages()
        return StatusPage(host: host, outages: outages, practices: practices,
                          updates: try outages.flatMap { try store.updates(of: $0) }, writtenAt: now, zone: zone)
    }

    static func write(_ page: StatusPage, to folder: String) throws {
        let manager = FileManager.default
        if !manager.fileExists(atPath: folder) {
            do {
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                            attributes: [.posixPermissions: 0o755])
            } catch { throw DeskFailure("cannot make the status folder \(folder): \(error.localizedDescription)") }
        }
        for (name, text) in zip(files, [page.html, page.json, page.atom]) {
            let target = folder + "/" + name
            let partial = folder + "/." + name + ".partial-" + UUID().uuidText.prefix(8)
            // A public page: readable by the web server, whatever the program's owner-only umask.
            guard manager.createFile(atPath: partial, contents: Data(text.utf8),
                                     attributes: [.posixPermissions: 0o644]) else {
                throw DeskFailure("cannot write \(partial): check the status folder exists and is writable")
            }
            guard rename(partial, target) == 0 else {
                let why = String(cString: strerror(errno))
                try? manager.removeItem(atPath: partial)
                throw DeskFailure("cannot replace \(target): \(why)")
            }
        }
    }

    /// After the state changes at a site whose settings name a status folder: written there, and a failure said
    /// as a warning (the outage is declared whatever happens to the page).
    static func refresh(_ store: DeskStore, settings: DeskSettings, now: Date, zone: TimeZone) -> String? {
        guard let folder = settings.statusFolder else { return nil }
        do {
            try write(try page(store, now: now, zone: zone), to: folder)
            return nil
        } catch {
            return "warning: the status page in \(folder) was not updated: \(error)"
        }
    }
}

extension StatusPageWriter {
    static func say(_ warning: String?) {
        if let warning { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
    }
}

/// `downtime-desk status-page write DIR`: the status folder on demand (from cron, say).
struct StatusPageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status-page", abstract: "Write the public status page, its JSON and its Atom feed.",
        subcommands: [Write.self])

    struct Write: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "write",
            abstract: "Write index.html, status.json and feed.atom into DIR, each whole (no patient detail in them).",
            discussion: "With [status_page] folder in the settings file, declaring and restoring write it too.")
        @OptionGroup var options: DeskOptions
        @Argument(help: "The folder a web server serves (made if missing).") var folder: String
        var terminal: String { "cli" }

        func run(_ session: Session) throws {
            let page = try StatusPageWriter.page(session.store, now: session.now, zone: session.context.zone)
            try StatusPageWriter.write(page, to: folder)
            print("Status page written to \(folder): \(page.headline).")
        }
    }
}
