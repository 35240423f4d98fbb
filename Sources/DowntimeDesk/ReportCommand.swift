import Foundation
import ArgumentParser
import DeskCore
import DeskStore

/// `downtime-desk report outage [ID]`: the timeline and summary for the incident review.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Reports for the incident review.", subcommands: [Outage.self])

    struct Outage: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "outage",
            abstract: "An outage's timeline (notices, deliveries, acknowledgments, calls, restoration, bookings) and summary.")
        @OptionGroup var options: DeskOptions
        @Argument(help: "The outage's id, or its system's name (default: the latest outage).") var outage: String?
        @Option(help: "text or json") var format: OutputFormat = .text
        @Option(help: "Write to this file instead of standard output.") var output: String?

        var terminal: String { "cli" }

        func run(_ session: Session) throws {
            let context = session.context
            let store = session.store
            let now = session.now
            let all = try store.outages()
            let chosen: DeskCore.Outage
            if let outage {
                let key = outage.lowercased()
                // An id's beginning matches too (the whole id is its own beginning).
                guard let found = all.first(where: { $0.id.uuidText.lowercased().hasPrefix(key) })
                        ?? all.first(where: { $0.system.lowercased() == key }) else {
                    throw DeskFailure("no outage '\(outage)' (downtime-desk outage status --format json lists their ids)")
                }
                chosen = found
            } else {
                guard let latest = all.first else { throw DeskFailure("no outage has been declared, so there is nothing to report") }
                chosen = latest
            }
            let report = try store.outageReport(chosen, zone: context.zone, now: now)
            // The journal's head on the report is the paper anchor: entries cut off later no longer reach it.
            let journal = try store.verifyJournal()
            switch format {
            case .text:
                let anchor = "Audit journal: \(journal.entries) entries, \(journal.isIntact ? "intact" : "BROKEN (downtime-desk journal verify)"), head \(journal.head)\n"
                try OutputFile.write(report.text(zone: context.zone, now: now) + "\n" + anchor, to: output)
            case .json:
                let json = OutageReportJSON(report, journal: .init(entries: journal.entries, intact: journal.isIntact,
                                                                    head: journal.head))
                try OutputFile.write(try JSONOutput.encode(json) + "\n", to: output)
            }
        }
    }
}

/// `report outage --format json`: the outage, each round's summary, the timeline and the journal's head.
struct OutageReportJSON: Encodable {
    struct OutageKeys: Encodable {
        let id: String, system: String, since: String, declared_at: String, declared_by: String
        let restored_at: OrNull<String>, reason: String
    }
    struct Round: Encodable {
        let kind: String, reference: String, parties: Int, acknowledged: Int
        let seconds_to_full_acknowledgment: OrNull<Int>, by_channel: [String: Int], calls: Int, emails_sent: Int
        let failed_deliveries: Int, not_acknowledged: [String]
    }
    struct Summary: Encodable {
        let rounds: [Round], parties_reached_by_phone: Int, downtime_bookings: Int, back_entered: Int
        /// Apart from the rounds: the communications list's emails and replies that counted for nothing.
        let subscriber_emails: Int, subscriber_emails_sent: Int, replies_noted: Int
    }
    struct Event: Encodable { let at: String, kind: String, text: String }
    struct Journal: Encodable { let entries: Int, intact: Bool, head: String }

    let outage: OutageKeys, summary: Summary, updates: [UpdateJSON], timeline: [Event], journal: Journal

    init(_ report: OutageReport, journal: Journal) {
        let o = report.outage
        outage = OutageKeys(id: o.id.uuidText, system: o.system, since: Instant.iso(o.since),
                            declared_at: Instant.iso(o.declaredAt), declared_by: o.declaredBy,
                            restored_at: OrNull(o.restoredAt.map(Instant.iso)), reason: o.reason)
        let rounds = report.rounds.map { r in
            Round(kind: r.kind.rawValue, reference: r.reference, parties: r.parties, acknowledged: r.acknowledged,
                  seconds_to_full_acknowledgment: OrNull(r.timeToFullAcknowledgment.map { Int($0) }),
                  by_channel: Dictionary(uniqueKeysWithValues: r.byChannel.map { ($0.key.rawValue, $0.value) }),
                  calls: r.calls, emails_sent: r.sent, failed_deliveries: r.failedDeliveries,
                  not_acknowledged: r.outstanding)
        }
        summary = Summary(rounds: rounds, parties_reached_by_phone: report.reachedByPhone,
                          downtime_bookings: report.downtimeBookings, back_entered: report.backEntered,
                          subscriber_emails: report.beyond.subscriberEmails,
                          subscriber_emails_sent: report.beyond.subscriberSent,
                          replies_noted: report.beyond.notedReplies.count)
        updates = report.beyond.updates.map(UpdateJSON.init)
        timeline = report.events.map { Event(at: Instant.iso($0.at), kind: $0.kind, text: $0.text) }
        self.journal = journal
    }
}
