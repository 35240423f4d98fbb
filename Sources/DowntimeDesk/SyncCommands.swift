import Foundation
import ArgumentParser
import DeskCore
import DeskStore
import DeskHub
import DeskConfig

/// `downtime-desk sync [status]`: this site's exchange with the hub.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Exchange changes with the hub (the first sync binds the file to the site).",
        subcommands: [Round.self, Status.self], defaultSubcommand: Round.self)

    /// What a person does about a refusal. This program made the change, so its own permission table allowed it: a
    /// hub that says this kind of site may not make it has rules from an older version (a new kind of change).
    static func remedy(for refused: String) -> String {
        if refused.contains("which may not make a") {
            return "The hub's rules are older than this program: the host runs 'downtime-desk hub init' there again, "
                + "and the waiting changes go at the next sync."
        }
        return "Nothing after it goes until a person puts it right (restore a backup of this file from before it)."
    }

    struct HubOption: ParsableArguments {
        @Option(help: "The hub's URL for this site (default: $DOWNTIME_DESK_HUB, else [hub] url in the settings).")
        var hub: String?

        func url(_ context: DeskContext) throws -> HubURL {
            guard let url = try configured(context) else {
                throw DeskFailure("no hub is configured: give --hub URL, set DOWNTIME_DESK_HUB, or write [hub] url in "
                                  + "the settings file (the URL 'hub add-site' printed for this site)")
            }
            return url
        }

        /// The hub named by --hub, DOWNTIME_DESK_HUB or the settings, in that order; nil when none is.
        func configured(_ context: DeskContext, settings: DeskSettings? = nil) throws -> HubURL? {
            let settings = try settings ?? context.settings()
            guard let text = hub ?? context.environment["DOWNTIME_DESK_HUB"].flatMap({ $0.isEmpty ? nil : $0 })
                    ?? settings.hubURL else { return nil }
            do { return try HubURL(parsing: text) } catch { throw DeskFailure("the hub URL: \(error)") }
        }
    }

    struct Round: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "round",
            abstract: "One round: send this site's changes, then take the other sites' it may see.")
        @OptionGroup var options: DeskOptions
        @OptionGroup var hub: HubOption
        @Option(help: "text or json") var format: OutputFormat = .text
        @Flag(help: ArgumentHelp("Keep syncing until stopped (SIGTERM or Ctrl-C): on every push the hub announces, "
                                 + "every change made here, and every 30 s; retries with back-off while offline.",
                                 discussion: "For a service manager: see docs/downtime-desk-sync.service."))
        var watch = false

        func run() throws {
            let context = DeskContext(options: options)
            let url = try hub.url(context)
            let store = try context.openStore()
            if watch { return try SyncWatch.run(store: store, url: url, context: context, format: format) }
            let now = try context.now()
            let result: SyncRound.Result
            do {
                result = try SyncRound.runLocked(store: store, url: url, now: now)
            } catch let error as HubError {
                let waiting = try store.waitingForHubCount()
                let changes = waiting == 1 ? "1 change waits" : "\(waiting) changes wait"
                let left: String
                if waiting == 0 { left = "nothing waits here" }
                else if case .refused(let why) = error {
                    left = "\(changes) here and " + (waiting == 1 ? "goes" : "go") + " only when the hub takes "
                        + (waiting == 1 ? "it" : "them") + ". " + SyncCommand.remedy(for: why)
                }
                else { left = "\(changes) here and " + (waiting == 1 ? "goes" : "go") + " when it is back" }
                throw DeskFailure("\(error); \(left)")
            } catch let refusal as Refusal {
                throw DeskFailure(refusal.withCommandLineHint)
            }
            let pending = try store.waitingForHubCount()
            let pulled = result.pulled
            switch format {
            case .json:
                print(try JSONOutput.encode(SyncRoundJSON(pushed: result.pushed, pulled: pulled.applied,
                                                          pending: pending, conflicts: pulled.conflicts,
                                                          waiting: pulled.waiting, problems: pulled.problems)))
            case .text:
                let site = try store.hubBinding()?.organisation.name ?? "this site"
                for line in SyncRound.sentences(site: site, result, pending: pending) { print(line) }
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status",
            abstract: "This site, its changes waiting for the hub, its last push and pull, and what was not applied.")
        @OptionGroup var options: DeskOptions
        @Option(help: "text or json") var format: OutputFormat = .text

        func run() throws {
            let context = DeskContext(options: options)
            let store = try context.openStore()
            let binding = try store.hubBinding()
            let pending = try store.waitingForHubCount()
            let waiting = try store.waitingIncomingCount()
            let problems = try store.incomingProblems()
            let lastPull = try store.lastPull()
            switch format {
            case .json:
                print(try JSONOutput.encode(SyncStatusJSON(
                    site: OrNull(binding?.organisation.name), pending: pending,
                    last_push: OrNull(binding?.lastPush.map(Instant.iso)), last_pull: OrNull(lastPull.map(Instant.iso)),
                    pulled_through: try store.pulledThrough(), waiting: waiting,
                    problems: problems.map(\.sentence), refused: OrNull(binding?.refused))))
            case .text:
                guard let binding else {
                    print("This file has not synced with a hub yet: downtime-desk sync --hub URL binds it to its site.")
                    return
                }
                func readable(_ date: Date?) -> String {
                    date.map { Instant.readable($0, zone: context.zone) } ?? "never"
                }
                print("\(binding.organisation.name): \(pending) change\(pending == 1 ? "" : "s") waiting for the hub; "
                      + "last push \(readable(binding.lastPush)), last pull \(readable(lastPull)).")
                if let refused = binding.refused {
                    print("The hub refused this site's next change: \(refused). " + SyncCommand.remedy(for: refused))
                }
                if waiting > 0 {
                    print("\(waiting) change\(waiting == 1 ? "" : "s") from other sites wait for what they build on.")
                }
                for problem in problems { print("Not applied: \(problem.sentence).") }
            }
        }
    }
}

/// `sync --format json`.
struct SyncRoundJSON: Encodable {
    let pushed: Int, pulled: Int, pending: Int, conflicts: Int, waiting: Int, problems: [String]
}

/// `sync status --format json`.
struct SyncStatusJSON: Encodable {
    let site: OrNull<String>, pending: Int, last_push: OrNull<String>, last_pull: OrNull<String>
    let pulled_through: Int, waiting: Int, problems: [String]
    /// Why the hub refused this site's next change, until a push goes through.
    let refused: OrNull<String>
}
