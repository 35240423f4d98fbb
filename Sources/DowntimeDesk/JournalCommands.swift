import Foundation
import ArgumentParser
import DeskCore
import DeskStore

/// `downtime-desk journal show|verify`: read the audit trail, and prove nobody changed it.
struct JournalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal", abstract: "Read the audit trail and check its hash chain.",
        subcommands: [Show.self, Verify.self])

    struct Show: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "The newest journal entries first: when, who, where, what.")
        @OptionGroup var options: DeskOptions
        @Option(help: "How many entries.") var limit = 50
        @Option(help: "text or json") var format: OutputFormat = .text

        var terminal: String { "cli" }

        func run(_ session: Session) throws {
            guard limit > 0 else { throw ValidationError("--limit must be 1 or more, not \(limit)") }
            let context = session.context
            let entries = try session.store.journal(limit: limit)
            switch format {
            case .json:
                print(try JSONOutput.encode(entries.map(JournalEntryJSON.init)))
            case .text:
                for entry in entries {
                    print("\(Instant.readable(entry.at, zone: context.zone))  \(Sanitise.visible(entry.actor.user)) @ \(Sanitise.visible(entry.actor.site)) (\(Sanitise.visible(entry.actor.terminal)))  \(entry.action)  \(Sanitise.visible(entry.detail))")
                }
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "verify",
            abstract: "Check every journal entry against the hash chain; exit status 1 if any was changed or removed.",
            discussion: "Keep the printed head hash (it is on the outage report too): if later entries are cut off the end, the head no longer matches it.")
        @OptionGroup var options: DeskOptions
        @Option(help: "text or json") var format: OutputFormat = .text

        func run() throws {
            let context = DeskContext(options: options)
            let store = try context.openStore()
            let result = try store.verifyJournal()
            // Other sites' chains, as this file received them from the hub: a change that did not check out.
            let received = try store.incomingProblems().filter(\.broken).map(\.sentence)
            switch format {
            case .json:
                print(try JSONOutput.encode(JournalVerificationJSON(result, otherSites: received)))
            case .text:
                if result.isIntact {
                    print("Journal intact: \(result.entries) entries, head \(result.head).")
                } else {
                    print("Journal BROKEN in \(result.breaks.count) place\(result.breaks.count == 1 ? "" : "s") (\(result.entries) entries, head \(result.head)):")
                    for broken in result.breaks {
                        let entry = broken.entry
                        print("  entry \(entry.seq) (\(entry.at), \(Sanitise.visible(entry.user)) @ \(Sanitise.visible(entry.site)), \(Sanitise.visible(entry.action))) \(broken.problem)")
                    }
                }
                if !received.isEmpty {
                    print("Other sites' changes that did not check out on their way here (not applied):")
                    for sentence in received { print("  \(sentence)") }
                }
            }
            if !result.isIntact || !received.isEmpty { throw ExitCode(1) }
        }
    }
}

/// `journal show --format json`: one entry. `entity_id` is null (not left out) for a change to no single record.
struct JournalEntryJSON: Encodable {
    let id: String, at: String, user: String, site: String, terminal: String, role: String, action: String
    let entity: String, entity_id: OrNull<String>, detail: String

    init(_ entry: JournalEntry) {
        id = entry.id.uuidText; at = Instant.iso(entry.at); user = entry.actor.user; site = entry.actor.site
        terminal = entry.actor.terminal; role = entry.actor.role.rawValue; action = entry.action
        entity = entry.entity; entity_id = OrNull(entry.entityID?.uuidText); detail = entry.detail
    }
}

/// `journal verify --format json`: whether the chain holds, its length and head, and every break.
struct JournalVerificationJSON: Encodable {
    struct Break: Encodable {
        let seq: Int64, at: String, user: String, site: String, action: String, problem: String
    }
    let intact: Bool, entries: Int, head: String, breaks: [Break]
    /// Other sites' changes received from the hub that did not check out (and were not applied), a sentence each.
    let other_sites: [String]

    init(_ result: JournalVerification, otherSites: [String]) {
        intact = result.isIntact; entries = result.entries; head = result.head; other_sites = otherSites
        breaks = result.breaks.map {
            Break(seq: $0.entry.seq, at: $0.entry.at, user: $0.entry.user, site: $0.entry.site, action: $0.entry.action,
                  problem: $0.problem)
        }
    }
}
