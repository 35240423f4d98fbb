import Foundation
import ArgumentParser
import DeskCore
import DeskStore
import DeskHub

/// `downtime-desk sync [status]`: this site's exchange with the hub. This version pushes; pulling other sites'
/// operations is the next step.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Send this site's changes to the hub (the first sync binds the file to the site).",
        subcommands: [Round.self, Status.self], defaultSubcommand: Round.self)

    struct HubOption: ParsableArguments {
        @Option(help: "The hub's URL for this site (default: $DOWNTIME_DESK_HUB, else [hub] url in the settings).")
        var hub: String?

        func url(_ context: DeskContext) throws -> HubURL {
            let settings = try context.settings()
            guard let text = hub ?? context.environment["DOWNTIME_DESK_HUB"] ?? settings.hubURL else {
                throw DeskFailure("no hub is configured: give --hub URL, set DOWNTIME_DESK_HUB, or write [hub] url in "
                                  + "the settings file (the URL 'hub add-site' printed for this site)")
            }
            do { return try HubURL(parsing: text) } catch { throw DeskFailure("the hub URL: \(error)") }
        }
    }

    struct Round: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "round",
            abstract: "One round: push this site's changes the hub does not have.")
        @OptionGroup var options: DeskOptions
        @OptionGroup var hub: HubOption
        @Option(help: "text or json") var format: OutputFormat = .text

        func run() throws {
            let context = DeskContext(options: options)
            let url = try hub.url(context)
            let store = try context.openStore()
            let now = try context.now()
            let waitingBefore = try store.waitingForHubCount()
            let pushed: Int
            do {
                pushed = try HubBlocking.run { try await Self.round(store: store, url: url, now: now) }
            } catch let error as HubError {
                let waiting = try store.waitingForHubCount()
                let left = waiting == 0 ? "nothing waits here"
                    : waiting == 1 ? "1 change waits here and goes when it is back"
                    : "\(waiting) changes wait here and go when it is back"
                throw DeskFailure("\(error); \(left)")
            } catch let refusal as Refusal {
                throw DeskFailure(refusal.withCommandLineHint)
            }
            let pending = try store.waitingForHubCount()
            switch format {
            case .json: print(try JSONOutput.encode(SyncRoundJSON(pushed: pushed, pulled: 0, pending: pending,
                                                                  conflicts: 0)))
            case .text:
                let site = try store.hubBinding()?.organisation.name ?? "this site"
                print(pushed == 0 && waitingBefore == 0 ? "\(site) is up to date with the hub: nothing to send."
                      : "\(site): \(pushed) change\(pushed == 1 ? "" : "s") sent to the hub, \(pending) waiting.")
            }
        }

        /// Binds the file on its first sync, then pushes what waits, in order, recording each as the hub takes it.
        static func round(store: DeskStore, url: HubURL, now: Date) async throws -> Int {
            try await HubConnection.using(url) { hub in
                guard let organisation = try await HubSync.myOrganisation(hub) else {
                    throw HubError.refused("\(url.user) is not a site of this hub (removed, or never added)")
                }
                try store.bindToHub(organisationID: organisation, at: now)
                var pushed = 0
                while case let batch = try store.waitingForHub(), !batch.isEmpty {
                    for operation in batch {
                        let outgoing = HubSync.Outgoing(position: operation.hubPosition, hash: operation.local.hash,
                                                        previousHash: operation.local.previousHash,
                                                        kind: operation.local.kind.rawValue,
                                                        audience: operation.audience, record: operation.local.record)
                        let place = try await HubSync.push(outgoing, to: hub)
                        try store.markPushed(position: operation.local.position, hubSequence: place)
                        pushed += 1
                    }
                }
                try store.recordPush(at: now)
                return pushed
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status",
            abstract: "This site, its changes waiting for the hub, and its last push.")
        @OptionGroup var options: DeskOptions
        @Option(help: "text or json") var format: OutputFormat = .text

        func run() throws {
            let context = DeskContext(options: options)
            let store = try context.openStore()
            let binding = try store.hubBinding()
            let pending = try store.waitingForHubCount()
            switch format {
            case .json:
                print(try JSONOutput.encode(SyncStatusJSON(site: OrNull(binding?.organisation.name), pending: pending,
                                                           last_push: OrNull(binding?.lastPush.map(Instant.iso)))))
            case .text:
                guard let binding else {
                    print("This file has not synced with a hub yet: downtime-desk sync --hub URL binds it to its site.")
                    return
                }
                let last = binding.lastPush.map { Instant.readable($0, zone: context.zone) } ?? "never"
                print("\(binding.organisation.name): \(pending) change\(pending == 1 ? "" : "s") waiting for the hub; "
                      + "last push \(last).")
            }
        }
    }
}

/// `sync --format json`.
struct SyncRoundJSON: Encodable {
    let pushed: Int, pulled: Int, pending: Int, conflicts: Int
}

/// `sync status --format json`.
struct SyncStatusJSON: Encodable {
    let site: OrNull<String>, pending: Int, last_push: OrNull<String>
}
