import Foundation
import ArgumentParser
import DeskCore
import DeskStore

/// `downtime-desk outage declare|restore|status` (minimal: notices and acknowledgments come with the outage-chain work).
struct OutageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outage", abstract: "Declare, restore or show an outage of the central system.",
        subcommands: [Declare.self, Restore.self, Status.self])

    struct Declare: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "declare", abstract: "Declare an outage: bookings become downtime bookings.")
        @OptionGroup var options: DeskOptions
        @Option(help: "The system that is down, e.g. \"Dental RMS\".") var system: String
        @Option(help: "When it went down (ISO 8601 or YYYY-MM-DDTHH:MM local; default now).") var since: String?
        @Option(help: "Why, if known.") var reason = ""
        @Option(help: "What to do instead (default: seed 000's instructions).") var instructions = ""

        func run() throws {
            let context = DeskContext(options: options)
            let (store, actor, _, now) = try context.openSession()
            let start = try since.map { text -> Date in
                guard let date = Instant.parse(text, zone: context.zone) else { throw DeskFailure("--since '\(text)' is not a time") }
                return date
            } ?? now
            do { try store.declareOutage(system: system, since: start, reason: reason, instructions: instructions, actor: actor, at: now) }
            catch { throw DeskFailure("\(error)") }
            print("Outage of \(system) declared, since \(Instant.iso(start)).")
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "restore", abstract: "Declare the system restored.")
        @OptionGroup var options: DeskOptions
        @Option(help: "Which system (needed only if several are down).") var system: String?
        @Option(help: "When it came back (default now).") var at: String?

        func run() throws {
            let context = DeskContext(options: options)
            let (store, actor, _, now) = try context.openSession()
            let when = try at.map { text -> Date in
                guard let date = Instant.parse(text, zone: context.zone) else { throw DeskFailure("--at '\(text)' is not a time") }
                return date
            } ?? now
            let outage: Outage
            do { outage = try store.restoreOutage(system: system, at: when, actor: actor, now: now) } catch { throw DeskFailure("\(error)") }
            let remaining = try store.backEntryWorklist().count
            print("\(outage.system) restored. \(remaining) downtime booking\(remaining == 1 ? "" : "s") to back-enter (downtime-desk backentry list).")
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "Show active and past outages.")
        @OptionGroup var options: DeskOptions
        @Option(help: "text or json") var format: OutputFormat = .text

        func run() throws {
            let store = try DeskContext(options: options).openStore()
            let outages = try store.outages()
            switch format {
            case .json:
                print(JSONOutput.encode(outages.map {
                    ["id": $0.id.uuidString, "system": $0.system, "since": Instant.iso($0.since), "reason": $0.reason,
                     "instructions": $0.instructions, "restored_at": $0.restoredAt.map(Instant.iso) ?? "", "active": $0.isActive ? "yes" : "no"]
                }))
            case .text:
                if outages.isEmpty { print("No outages recorded.") }
                for o in outages {
                    print("\(o.isActive ? "ACTIVE  " : "restored") \(o.system) since \(Instant.iso(o.since))"
                          + (o.restoredAt.map { " until \(Instant.iso($0))" } ?? ""))
                }
            }
        }
    }
}

/// `downtime-desk backentry list|mark`: the work of entering downtime bookings into the central system.
struct BackEntryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backentry", abstract: "Downtime bookings still to be entered into the central system.",
        subcommands: [List.self, Mark.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List downtime bookings not yet back-entered.")
        @OptionGroup var options: DeskOptions
        @Option(help: "text or json") var format: OutputFormat = .text

        func run() throws {
            let store = try DeskContext(options: options).openStore()
            let names = Dictionary(try store.organisations().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let list = try store.backEntryWorklist()
            switch format {
            case .json: print(JSONOutput.encode(list.compactMap { b in names[b.practiceID].map { BookingJSON(b, practice: $0) } }))
            case .text:
                print(list.isEmpty ? "Nothing to back-enter." : "\(list.count) downtime booking\(list.count == 1 ? "" : "s") to back-enter:")
                for b in list {
                    print("\(b.downtimeReference ?? "")  \(b.day.iso) \(b.start)  \(Sanitise.visible(names[b.practiceID]?.name ?? "?"))  "
                          + "\(Sanitise.visible(b.patient.name))  \(b.status.label)")
                }
            }
        }
    }

    struct Mark: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "mark", abstract: "Record a downtime booking as entered into the central system.")
        @OptionGroup var options: DeskOptions
        @Argument(help: "The DT- reference or the booking's id.") var booking: String
        @Option(help: "The central system's reference for it.") var ref: String

        func run() throws {
            let (store, actor, _, now) = try DeskContext(options: options).openSession()
            do { try store.markBackEntered(booking, centralReference: ref, actor: actor, at: now) }
            catch { throw DeskFailure("\(error)") }
            let remaining = try store.backEntryWorklist().count
            print("\(booking) entered as \(ref); \(remaining) left.")
        }
    }
}
