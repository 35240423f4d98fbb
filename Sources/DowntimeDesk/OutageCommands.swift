import Foundation
import ArgumentParser
import DeskCore
import DeskStore
import DeskConfig
import DeskMail

/// `downtime-desk outage declare|update|restore|status`: the host's side of the chain. Declaring and restoring queue a
/// notice round; `--send` also delivers it before returning (the host's open desk delivers it anyway).
struct OutageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outage", abstract: "Declare, restore or show an outage of the central system.",
        subcommands: [Declare.self, Update.self, Restore.self, Status.self])

    struct Declare: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "declare",
            abstract: "Declare an outage (service host only): bookings become downtime bookings and every party is sent the outage notice.")
        @OptionGroup var options: DeskOptions
        @Option(help: "The system that is down, e.g. \"Dental RMS\".") var system: String
        @Option(help: "When it went down: HH:MM today, YYYY-MM-DDTHH:MM or ISO 8601 (default now; may be earlier).") var since: String?
        @Option(help: "Why, if known.") var reason = ""
        @Option(help: "What to do instead (default: seed 000's instructions).") var instructions = ""
        @Flag(help: "Deliver the notices now, before returning (otherwise they wait in the outbox).") var send = false

        func run(_ session: Session) throws {
            let context = session.context
            let settings = try context.settings()
            let start = try context.time(since, option: "--since", now: session.now)
            let operation = DeskOperation.declareOutage(.init(system: system, since: start, reason: reason,
                                                              instructions: instructions))
            guard case let .outageDeclared(_, notice, queued)
                = try session.applyAndSay(operation, composer: context.composer(settings)) else { return }
            print("Down since \(Instant.readable(start, zone: context.zone)).")
            StatusPageWriter.say(StatusPageWriter.refresh(session.store, settings: settings, now: session.now,
                                                          zone: context.zone))
            try NoticeRoundOutput.report(notice, queued: queued, session: session, settings: settings, send: send)
        }
    }

    struct Restore: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "restore",
            abstract: "Declare the system restored (service host only) and send every party the restoration notice.")
        @OptionGroup var options: DeskOptions
        @Option(help: "Which system (needed only if several are down).") var system: String?
        @Option(help: "When it came back: HH:MM today, YYYY-MM-DDTHH:MM or ISO 8601 (default now).") var at: String?
        @Flag(help: "Deliver the notices now, before returning.") var send = false

        func run(_ session: Session) throws {
            let context = session.context
            let settings = try context.settings()
            let when = try context.time(at, option: "--at", now: session.now)
            guard case let .outageRestored(_, notice, queued)
                = try session.applyAndSay(.restoreOutage(.init(system: system, restoredAt: when)),
                                          composer: context.composer(settings)) else { return }
            let remaining = try session.store.backEntryWorklist().count
            print("Restored at \(Instant.readable(when, zone: context.zone)). \(remaining) downtime booking"
                  + "\(remaining == 1 ? "" : "s") to back-enter (downtime-desk backentry list).")
            StatusPageWriter.say(StatusPageWriter.refresh(session.store, settings: settings, now: session.now,
                                                          zone: context.zone))
            try NoticeRoundOutput.report(notice, queued: queued, session: session, settings: settings, send: send)
        }
    }

    struct Status: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "Show outages, their notice rounds and acknowledgments.")
        @OptionGroup var options: DeskOptions
        @Option(help: "text or json") var format: OutputFormat = .text

        var terminal: String { "cli" }

        func run(_ session: Session) throws {
            let context = session.context
            let store = session.store
            let now = session.now
            let outages = try store.outages()
            let rounds = try Dictionary(outages.map { ($0.id, try store.rounds(of: $0)) }, uniquingKeysWith: { a, _ in a })
            let updates = try Dictionary(outages.map { ($0.id, try store.updates(of: $0)) },
                                         uniquingKeysWith: { a, _ in a })
            switch format {
            case .json:
                print(try JSONOutput.encode(outages.map {
                    OutageJSON($0, rounds: rounds[$0.id] ?? [], updates: updates[$0.id] ?? [], now: now)
                }))
            case .text:
                if outages.isEmpty { print("No outages recorded.") }
                for o in outages {
                    print("\(o.isActive ? "ACTIVE  " : "restored") \(o.system) since \(Instant.readable(o.since, zone: context.zone))"
                          + (o.restoredAt.map { " until \(Instant.readable($0, zone: context.zone))" } ?? " (\(Instant.elapsed(now.timeIntervalSince(o.since))) so far)"))
                    for round in rounds[o.id] ?? [] {
                        print("  \(round.notice.title) \(round.notice.reference): \(round.progress(at: now))"
                              + (round.isComplete ? ", complete" : ", acknowledge by \(TimeOfDay(round.notice.deadline, in: context.zone))"))
                    }
                    for update in updates[o.id] ?? [] {
                        print("  update \(update.reference) \(Instant.readable(update.at, zone: context.zone)) by "
                              + "\(update.by): " + Sanitise.visible(update.summary(zone: context.zone)))
                    }
                }
            }
        }
    }
}

/// What declaring and restoring print about the round they made, and the JSON shape of a round.
enum NoticeRoundOutput {
    static func report(_ notice: Notice, queued: Int, session: Session, settings: DeskSettings, send: Bool) throws {
        let (store, actor, context) = (session.store, session.actor, session.context)
        // The round just made is the current one.
        let parties = try store.currentRound().flatMap { $0.notice.id == notice.id ? $0.total : nil } ?? 0
        print("\(notice.heading) \(notice.reference): \(parties) parties, \(queued) email\(queued == 1 ? "" : "s") queued; "
              + "acknowledgments due by \(TimeOfDay(notice.deadline, in: context.zone)).")
        let copies = try store.subscriberCopies(noticeID: notice.id)
        if copies > 0 { print("\(copies) cop\(copies == 1 ? "y" : "ies") for the communications list queued too.") }
        if queued < parties { print("\(parties - queued) part\(parties - queued == 1 ? "y has" : "ies have") no email address: telephone them (downtime-desk calls).") }
        guard send else {
            print("The notices wait in the outbox: downtime-desk notify send delivers them (a host's open desk sends them by itself).")
            return
        }
        let report = try context.courier(settings, store: store, actor: actor)
            .deliver(everything: true) { (try? context.now()) ?? Date() }
        NotifyCommand.Send.printReport(report)
    }

}

/// One notice round in JSON (`outage status`, `calls`). `completed_at` is null until every party acknowledged.
struct NoticeRoundJSON: Encodable {
    let kind: String, reference: String, created_at: String, deadline: String, parties: Int, acknowledged: Int
    let overdue: Int, complete: Bool, completed_at: OrNull<String>

    init(_ round: NoticeRound, now: Date) {
        kind = round.notice.kind.rawValue; reference = round.notice.reference
        created_at = Instant.iso(round.notice.createdAt); deadline = Instant.iso(round.notice.deadline)
        parties = round.total; acknowledged = round.acknowledgedCount; overdue = round.overdueCount(at: now)
        complete = round.isComplete; completed_at = OrNull(round.completedAt.map(Instant.iso))
    }
}

/// `outage status --format json`: each outage with its notice rounds. `restored_at` is null while it is active.
struct OutageJSON: Encodable {
    let id: String, system: String, since: String, reason: String, instructions: String, declared_by: String
    let restored_at: OrNull<String>, active: Bool, notices: [NoticeRoundJSON], updates: [UpdateJSON]

    init(_ outage: Outage, rounds: [NoticeRound], updates: [OutageUpdate], now: Date) {
        id = outage.id.uuidText; system = outage.system; since = Instant.iso(outage.since); reason = outage.reason
        instructions = outage.instructions; declared_by = outage.declaredBy
        restored_at = OrNull(outage.restoredAt.map(Instant.iso)); active = outage.isActive
        notices = rounds.map { NoticeRoundJSON($0, now: now) }
        self.updates = updates.map(UpdateJSON.init)
    }
}

/// One update in JSON: `eta` is null when none was given.
struct UpdateJSON: Encodable {
    let reference: String, at: String, by: String, message: String, eta: OrNull<String>

    init(_ update: OutageUpdate) {
        reference = update.reference; at = Instant.iso(update.at); by = update.by; message = update.message
        eta = OrNull(update.eta.map(Instant.iso))
    }
}

/// `downtime-desk backentry list|mark`: the work of entering downtime bookings into the central system.
struct BackEntryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backentry", abstract: "Downtime bookings still to be entered into the central system.",
        subcommands: [List.self, Mark.self])

    /// Every practice's outstanding downtime bookings, so the host can chase them; a patient's name only where this
    /// site may see it (its practice, or the site that made the booking).
    struct List: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "list",
            abstract: "List downtime bookings not yet back-entered (patients only at their own practice).")
        @OptionGroup var options: DeskOptions
        @Option(help: "text or json (json lists only the bookings whose patient this site may see)")
        var format: OutputFormat = .text

        var terminal: String { "cli" }

        func run(_ session: Session) throws {
            let store = session.store
            let names = Dictionary(try store.organisations().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let list = try store.backEntryWorklist()
            func shows(_ booking: Booking) -> Bool {
                SiteRules.showsPatient(booking, practiceName: names[booking.practiceID]?.name,
                                       siteName: session.actor.site, siteKind: session.site?.kind)
            }
            switch format {
            case .json:
                print(try JSONOutput.encode(list.filter(shows).compactMap { b in
                    names[b.practiceID].map { BookingJSON(b, practice: $0) }
                }))
            case .text:
                print(list.isEmpty ? "Nothing to back-enter." : "\(list.count) downtime booking\(list.count == 1 ? "" : "s") to back-enter:")
                for b in list {
                    let patient = shows(b) ? Sanitise.visible(b.patient.name) : "(patient shown at the practice)"
                    print("\(b.downtimeReference ?? "")  \(b.day.iso) \(b.start)  \(Sanitise.visible(names[b.practiceID]?.name ?? "?"))  "
                          + "\(patient)  \(b.status.label)")
                }
            }
        }
    }

    struct Mark: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "mark", abstract: "Record a downtime booking as entered into the central system.")
        @OptionGroup var options: DeskOptions
        @Argument(help: "The DT- reference or the booking's id.") var booking: String
        @Option(help: "The central system's reference for it.") var ref: String

        func run(_ session: Session) throws {
            let id = try perform { try session.store.booking(matching: booking).id }
            try session.applyAndSay(.markBackEntered(.init(bookingID: id, centralReference: ref)))
            let remaining = try session.store.backEntryWorklist().count
            print("\(remaining) downtime booking\(remaining == 1 ? "" : "s") left to back-enter.")
        }
    }
}
