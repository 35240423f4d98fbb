import Foundation
import ArgumentParser
import DeskCore
import DeskStore

/// `downtime-desk recontact create|list|call`: patients to phone when a practice cannot keep their bookings (seed 004).
struct RecontactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "recontact", abstract: "Make a list of patients to phone, see it, and log each call.",
                                                    subcommands: [Create.self, List.self, Call.self])

    /// The practice's newest list: what `list`, `call` and `print recontact` number and show.
    static func newestList(_ practice: String?, site: Organisation?, store: DeskStore) throws -> RecontactList {
        let target = try CommandInputs.practice(practice, site: site, store: store)
        guard let list = try store.recontactLists(practiceID: target.id).first else {
            throw DeskFailure("\(target.name) has no recontact list; make one with `downtime-desk recontact create`")
        }
        return list
    }

    struct Create: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "List the practice's booked patients from --from to --to to phone them.")
        @OptionGroup var options: DeskOptions
        @Option(help: "The practice, by name or id (default: --site).") var practice: String?
        @Option(help: "First day, YYYY-MM-DD (default: today).") var from: String?
        @Option(help: "Last day, YYYY-MM-DD (default: the first day).") var to: String?
        @Option(help: "Why the bookings cannot be kept.") var reason: String

        func run(_ session: Session) throws {
            let context = session.context
            let (store, _, site, now) = session.parts
            let target = try CommandInputs.practice(practice, site: site, store: store)
            let first = try CommandInputs.day(from, now: now, zone: context.zone)
            let last = try to.map { try CommandInputs.day($0, now: now, zone: context.zone) } ?? first
            let operation = DeskOperation.createRecontactList(.init(practiceID: target.id, from: first, to: last,
                                                                    reason: reason))
            guard case .recontactListMade(let list) = try session.apply(operation) else { return }
            print("Recontact list for \(list.practiceName), \(list.range): \(list.items.count) patient\(list.items.count == 1 ? "" : "s") to phone.")
        }
    }

    struct List: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The practice's newest recontact list, numbered for `recontact call`.")
        @OptionGroup var options: DeskOptions
        @Option(help: "The practice, by name or id (default: --site).") var practice: String?
        @Option(help: "text or json") var format: OutputFormat = .text

        var terminal: String { "cli" }

        func run(_ session: Session) throws {
            let (store, _, site, _) = session.parts
            let list = try RecontactCommand.newestList(practice, site: site, store: store)
            switch format {
            case .json:
                print(try JSONOutput.encode(RecontactListJSON(list)))
            case .text:
                print("\(list.practiceName), \(list.range) (\(list.reason)): \(list.remaining) of \(list.items.count) still to call")
                for (index, item) in list.items.enumerated() {
                    let last = item.lastCall.map { " · \($0.outcome.label)" + ($0.movedTo.map { " to \($0)" } ?? "") } ?? ""
                    print(String(format: "%3d ", index + 1) + "\(item.originalDay.iso) \(item.originalStart)  \(Sanitise.visible(item.booking.patient.name))  \(item.booking.patient.phone)\(last)")
                }
            }
        }
    }

    struct Call: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "call", abstract: "Log a call to patient N of the newest list; `rearranged` moves the booking --to a new slot.")
        @OptionGroup var options: DeskOptions
        @Option(help: "The practice, by name or id (default: --site).") var practice: String?
        @Argument(help: "The patient's number on the list.") var position: Int
        @Option(help: "rearranged, informed, no-answer or wrong-number") var outcome: String
        @Option(help: "For rearranged: the new slot, \"YYYY-MM-DD HH:MM\" or HH:MM today.") var to: String?
        @Option(help: "A note.") var note = ""

        func run(_ session: Session) throws {
            let context = session.context
            let (store, _, site, now) = session.parts
            guard let parsed = RecontactOutcome(parsing: outcome) else {
                throw DeskFailure("--outcome '\(outcome)' is not one of \(RecontactOutcome.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let list = try RecontactCommand.newestList(practice, site: site, store: store)
            guard list.items.indices.contains(position - 1) else { throw DeskFailure("the list has patients 1 to \(list.items.count), not \(position)") }
            var slot: (LocalDate, TimeOfDay)?
            if let to {
                let parts = to.split(separator: " ").map(String.init)
                let day = parts.count == 2 ? try CommandInputs.day(parts[0], now: now, zone: context.zone) : LocalDate(now, in: context.zone)
                slot = (day, try CommandInputs.time(parts.last ?? ""))
            }
            let item = list.items[position - 1]
            let operation = DeskOperation.logRecontactCall(.init(itemID: item.id, outcome: parsed, note: note,
                                                                 moveTo: slot))
            try session.applyAndSay(operation)
        }
    }
}

/// `recontact list --format json`: the newest list, each patient in order with the calls made to them.
struct RecontactListJSON: Encodable {
    struct Patient: Encodable {
        let position: Int, name: String, phone: String, slot: String, now: String, settled: Bool
        let calls: [[String: String]]
    }
    let practice: String, from: String, to: String, reason: String, remaining: Int, patients: [Patient]

    init(_ list: RecontactList) {
        practice = list.practiceName; from = list.from.iso; to = list.to.iso; reason = list.reason
        remaining = list.remaining
        patients = list.items.enumerated().map { index, item in
            Patient(position: index + 1, name: item.booking.patient.name, phone: item.booking.patient.phone.description,
                    slot: "\(item.originalDay.iso) \(item.originalStart)",
                    now: "\(item.booking.day.iso) \(item.booking.start)", settled: item.isSettled,
                    calls: item.calls.map {
                        ["at": Instant.iso($0.at), "by": $0.by, "outcome": $0.outcome.rawValue, "note": $0.note,
                         "moved_to": $0.movedTo ?? ""]
                    })
        }
    }
}
