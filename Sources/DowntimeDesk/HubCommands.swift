import Foundation
import ArgumentParser
import DeskCore
import DeskHub

/// `downtime-desk hub init|add-site|remove-site|status`: the hub's set-up, run at the host with the hub database's
/// admin URL. The admin URL is the real credential here; these commands only read the host's directory.
struct HubCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hub",
        abstract: "Set up the PostgreSQL hub that sites sync through (at the host, with its admin URL).",
        subcommands: [Init.self, AddSite.self, RemoveSite.self, Status.self])

    struct Admin: ParsableArguments {
        @Option(help: "The hub database's admin URL, postgres://USER:PASSWORD@HOST:PORT/DATABASE[?sslmode=require].")
        var url: String

        /// Runs `work` against the hub and closes the connection; a hub failure is one line.
        func with<T: Sendable>(_ work: @escaping @Sendable (HubConnection) async throws -> T) throws -> T {
            let parsed: HubURL
            do { parsed = try HubURL(parsing: url) } catch { throw DeskFailure("--url: \(error)") }
            do {
                return try HubBlocking.run { try await HubConnection.using(parsed, work) }
            } catch let error as HubError { throw DeskFailure(error.description) }
        }
    }

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "init",
            abstract: "Create the hub's schema in that database; running it again changes nothing.")
        @OptionGroup var admin: Admin

        func run() throws {
            let existed = try admin.with { try await HubSchema.install($0) }
            print(existed ? "The hub's schema was already in place; it is up to date (version \(HubSchema.version))."
                  : "Hub schema created (version \(HubSchema.version)). Add each site with: "
                    + "downtime-desk hub add-site ORG --url ADMIN_URL")
        }
    }

    struct AddSite: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add-site",
            abstract: "Make ORG's login at the hub; prints the site's connection URL as the last line.")
        @OptionGroup var options: DeskOptions
        @OptionGroup var admin: Admin
        @Argument(help: "The organisation, by name or id, as the host's directory has it.") var organisation: String

        func run() throws {
            let site = try HubCommand.organisation(organisation, options: options)
            let (url, existed) = try admin.with { try await HubSites.add(site, hub: $0) }
            print(existed ? "\(site.name) had a login at the hub; it has a new password now and the old URL no longer "
                    + "works."
                  : "\(site.name) (\(site.kind.label)) can now sync with the hub. Give the site this URL, and keep it "
                    + "secret: it is the site's login.")
            print(url.full)
        }
    }

    struct RemoveSite: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove-site",
            abstract: "Take ORG's login away: it can no longer sync; what it sent stays.")
        @OptionGroup var options: DeskOptions
        @OptionGroup var admin: Admin
        @Argument(help: "The organisation, by name or id.") var organisation: String

        func run() throws {
            let site = try HubCommand.organisation(organisation, options: options)
            guard try admin.with({ try await HubSites.remove(site, hub: $0) }) else {
                throw DeskFailure("\(site.name) is not a site of this hub (or was removed already)")
            }
            print("\(site.name) can no longer sync with the hub; what it sent stays there.")
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status",
            abstract: "Every site with its last push and pull and how far behind it is.")
        @OptionGroup var admin: Admin
        @Option(help: "text or json") var format: OutputFormat = .text

        func run() throws {
            let sites = try admin.with { try await HubSites.status(hub: $0) }
            let zone = TimeZone.current
            switch format {
            case .json: print(try JSONOutput.encode(sites.map(HubSiteJSON.init)))
            case .text:
                if sites.isEmpty { print("No sites yet: downtime-desk hub add-site ORG --url ADMIN_URL") }
                for site in sites {
                    let push = site.lastPush.map { Instant.readable($0, zone: zone) } ?? "never"
                    let pull = site.lastPull.map { Instant.readable($0, zone: zone) } ?? "never"
                    print("\(site.removed ? "removed " : "")\(site.organisation) (\(site.kind)): last push \(push), "
                          + "last pull \(pull), \(site.behind) behind")
                }
            }
        }
    }

    /// The organisation named, from this machine's directory (the host's).
    static func organisation(_ name: String, options: DeskOptions) throws -> Organisation {
        let store = try DeskContext(options: options).openStore()
        return try perform { try store.organisation(matching: name) }
    }
}

/// `hub status --format json`: one site.
struct HubSiteJSON: Encodable {
    let organisation: String, kind: String, role: String, removed: Bool
    let last_push: OrNull<String>, last_pull: OrNull<String>, behind: Int

    init(_ site: HubSites.Status) {
        organisation = site.organisation; kind = site.kind; role = site.role; removed = site.removed
        last_push = OrNull(site.lastPush.map(Instant.iso)); last_pull = OrNull(site.lastPull.map(Instant.iso))
        behind = site.behind
    }
}
