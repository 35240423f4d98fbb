import Foundation
import ArgumentParser
import DeskCore
import DeskStore
import DeskConfig

/// `downtime-desk calls`: the call-sheet of the current notice round.
struct CallsCommand: StoreCommand {
    static let configuration = CommandConfiguration(commandName: "calls",
        abstract: "Every party yet to acknowledge the current notice, most overdue first, with every number to try.")
    @OptionGroup var options: DeskOptions
    @Option(help: "text, csv or json") var format: Format = .text

    enum Format: String, ExpressibleByArgument { case text, csv, json }

    var terminal: String { "cli" }

    func run(_ session: Session) throws {
        let context = session.context
        let store = session.store
        let now = session.now
        let view = try store.networkView(now: now, zone: context.zone)
        guard let round = view.round else {
            if format == .json { print(try JSONOutput.encode(CallSheetJSON(notice: nil, system: nil, parties: []))) }
            else if format == .text { print("No notice round is waiting for acknowledgments: nobody to call.") }
            else { print(CallSheetText.csv([], now: now), terminator: "") }
            return
        }
        let rows = view.callSheetRows
        try CallSheetRow.readReach(of: rows)
        switch format {
        case .json:
            let parties = rows.map { CallSheetText.json($0, round: round, now: now) }
            let sheet = CallSheetJSON(notice: NoticeRoundJSON(round, now: now), system: round.outage.system,
                                      parties: parties)
            print(try JSONOutput.encode(sheet))
        case .csv: print(CallSheetText.csv(rows, now: now), terminator: "")
        case .text: print(CallSheetText.text(rows, round: round, now: now, zone: context.zone), terminator: "")
        }
    }
}

/// `downtime-desk call ORG --outcome …`: logs one call, as the call-sheet's form does.
struct CallCommand: StoreCommand {
    static let configuration = CommandConfiguration(commandName: "call",
        abstract: "Log a call to a party on the call-sheet (commissioner or host); 'acknowledged' records its acknowledgment by phone.")
    @OptionGroup var options: DeskOptions
    @Argument(help: "The party, by name (case-insensitive) or id.") var organisation: String
    @Option(help: "acknowledged, no-answer, voicemail, busy, wrong-number or other.") var outcome: String
    @Option(help: "The number dialled (default: the party's first number).") var number: String?
    @Option(help: "A note.") var note = ""

    func run(_ session: Session) throws {
        let context = session.context
        let store = session.store
        let settings = try context.settings()
        guard let result = CallOutcome(parsing: outcome) else {
            throw DeskFailure("--outcome '\(outcome)' is not one of: \(CallOutcome.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let party = try CommandInputs.party(organisation, store: store)
        let dialled: PhoneNumber
        if let number {
            do { dialled = try PhoneNumber(parsing: number) } catch { throw DeskFailure("--number: \(error)") }
        } else {
            let known = CallSheetRow.build(organisation: party, contacts: (try store.contacts())[party.id] ?? []).numbers
            guard let first = known.first else { throw DeskFailure("\(party.name) has no number in the directory; give the one you dialled with --number") }
            dialled = first.number
        }
        guard !Sanitise.containsControl(note) else { throw DeskFailure("--note must be printable text on one line") }
        let operation = DeskOperation.logCall(.init(organisationID: party.id, number: dialled, outcome: result,
                                                    note: note,
                                                interval: settings.callInterval))
        try session.applyAndSay(operation)
        if result == .wrongNumber { print("\(dialled) is flagged as wrong for \(party.name): correct the directory.") }
    }
}

/// The call-sheet as text, CSV and JSON, shared by `calls` and `print callsheet`.
enum CallSheetText {
    static let csvHeader = "party,kind,overdue,next_call_due,numbers,emails,calls,last_outcome"

    static func text(_ rows: [CallSheetRow], round: NoticeRound, now: Date, zone: TimeZone) -> String {
        var lines = ["\(round.notice.heading) \(round.notice.reference) (\(round.outage.system)): \(round.progress(at: now)); "
                     + "\(rows.count) to call; acknowledge by \(TimeOfDay(round.notice.deadline, in: zone))."]
        if rows.isEmpty { lines.append("Every party has acknowledged.") }
        for row in rows {
            let due = row.nextCallDue ?? round.notice.deadline
            let when = due <= now ? "OVERDUE \(Instant.elapsed(now.timeIntervalSince(due)))" : "call at \(TimeOfDay(due, in: zone))"
            lines.append("")
            lines.append("\(when)  \(Sanitise.visible(row.organisation.name)) (\(row.organisation.kind.label))")
            for number in row.numbers {
                lines.append("    \(number.number)  \(Sanitise.visible(number.label))" + (row.wrongNumbers.contains(number.number) ? "  ** reported WRONG: correct the directory **" : ""))
            }
            if row.numbers.isEmpty { lines.append("    no phone number known") }
            if !row.emails.isEmpty { lines.append("    email " + row.emails.map(\.value).joined(separator: ", ")) }
            for call in row.attempts {
                lines.append("    called \(TimeOfDay(call.at, in: zone)) on \(call.number): \(call.outcome.label) (\(Sanitise.visible(call.by)))"
                             + (call.note.isEmpty ? "" : " \(Sanitise.visible(call.note))"))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func csv(_ rows: [CallSheetRow], now: Date) -> String {
        var table = CSV.row(csvHeader.split(separator: ",").map(String.init))
        for row in rows {
            let due = row.nextCallDue ?? now
            table += CSV.row([row.organisation.name, row.organisation.kind.rawValue, due <= now ? "yes" : "no", Instant.iso(due),
                                   row.numbers.map { "\($0.number)" }.joined(separator: "; "), row.emails.map(\.value).joined(separator: "; "),
                                   "\(row.attempts.count)", row.attempts.last?.outcome.rawValue ?? ""])
        }
        return table
    }

    static func json(_ row: CallSheetRow, round: NoticeRound, now: Date) -> CallSheetJSON.Party {
        let due = row.nextCallDue ?? round.notice.deadline
        return .init(party: row.organisation.name, kind: row.organisation.kind.rawValue, overdue: due <= now,
                     next_call_due: Instant.iso(due),
                     numbers: row.numbers.map {
                         .init(label: $0.label, number: $0.number.description,
                               wrong: row.wrongNumbers.contains($0.number))
                     },
                     emails: row.emails.map(\.value),
                     calls: row.attempts.map {
                         ["at": Instant.iso($0.at), "number": $0.number.description, "outcome": $0.outcome.rawValue,
                          "by": $0.by, "note": $0.note]
                     })
    }

    /// The paper call-sheet: each party with its numbers and blank lines to write each call's outcome on.
    static func paper(_ rows: [CallSheetRow], round: NoticeRound, now: Date, zone: TimeZone, printedBy: String) -> String {
        let heading = "CALL-SHEET  \(round.notice.title.uppercased()) \(round.notice.reference)  \(round.outage.system). "
            + "Printed \(Instant.readable(now, zone: zone)) by \(printedBy). \(round.progress(at: now)). "
            + "Acknowledge by \(TimeOfDay(round.notice.deadline, in: zone)). "
            + "Outcome: ACK acknowledged, NA no answer, VM voicemail left, B busy, WN wrong number, O other. "
            + "Enter each call afterwards (downtime-desk call ORG --outcome ...) so the record is complete."
        var lines = TextWidth.wrap(Sanitise.visible(heading), width: 78) + [String(repeating: "=", count: 78)]
        for row in rows {
            lines.append("")
            lines.append("[ ] \(TextWidth.truncate(Sanitise.visible(row.organisation.name), to: 50)) (\(row.organisation.kind.label))")
            for number in row.numbers {
                lines.append("      \(number.number)  \(TextWidth.truncate(Sanitise.visible(number.label), to: 30))" + (row.wrongNumbers.contains(number.number) ? "  (reported wrong)" : ""))
            }
            if row.numbers.isEmpty { lines.append("      no phone number known") }
            lines.append("      Time   Number dialled   Outcome  Spoke to / note")
            for _ in 0..<3 { lines.append("      _____  _______________  _______  ___________________________________") }
        }
        if rows.isEmpty { lines.append("Every party has acknowledged: nobody to call.") }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// `calls --format json`: the round (null when none is out), its system, and each party to call.
struct CallSheetJSON: Encodable {
    struct Number: Encodable { let label: String, number: String, wrong: Bool }
    struct Party: Encodable {
        let party: String, kind: String, overdue: Bool, next_call_due: String, numbers: [Number], emails: [String]
        let calls: [[String: String]]
    }
    let notice: NoticeRoundJSON?, system: String?, parties: [Party]

    enum CodingKeys: String, CodingKey { case notice, system, parties }

    func encode(to encoder: Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(notice, forKey: .notice)
        if let system { try keyed.encode(system, forKey: .system) }
        try keyed.encode(parties, forKey: .parties)
    }
}
