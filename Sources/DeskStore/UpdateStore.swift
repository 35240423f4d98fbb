import Foundation
import GRDB
import DeskCore

extension DeskStore {
    /// Records an update on the active outage and queues one email to every party with an address and every
    /// subscriber the incident concerns. Nothing waits on mail; no one is asked to acknowledge.
    func postUpdate(_ op: DeskOperation.PostUpdate, composer: NoticeComposer, actor: Actor,
                    at now: Date) throws -> (update: OutageUpdate, outage: Outage, queued: Int, subscribers: Int) {
        let message = Self.lines(op.message).trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = OutageUpdate.problem(message: message, eta: op.eta, now: now) {
            throw Refusal.rule(problem, commandLine: problem.replacingOccurrences(of: "the ETA", with: "--eta"))
        }
        return try write(actor: actor, at: now) { db, changes in
            let outage = try Self.activeOutage(system: op.system, doing: "update", db: db)
            let update = OutageUpdate(id: op.updateID, outageID: outage.id, message: message, eta: op.eta, at: now,
                                      by: actor.user)
            try db.execute(sql: """
                INSERT INTO outage_update (id, outage_id, message, eta, at, by, reference) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [update.id.uuidText, outage.id.uuidText, message, op.eta.map(Codecs.instant),
                                 Codecs.instant(now), actor.user, update.reference])
            if let incident = try Self.incident(ofOutage: outage, db: db) {
                let eta = op.eta.map { " (ETA \(Instant.readable($0, zone: composer.zone)))" } ?? ""
                try Self.addEntry(incident, kind: .note, text: "Update \(update.reference) sent: \(message)\(eta)",
                                  actor: actor, now: now, db: db)
            }
            let (queued, subscribers) = Self.receiving == nil
                ? try Self.queueUpdateMail(update, outage: outage, composer: composer, now: now, db: db) : (0, 0)
            changes.append(Change(action: "outage.update", entity: "outage_update", entityID: update.id,
                                  detail: [("system", outage.system), ("reference", update.reference),
                                           ("queued", "\(queued)")]))
            return (update, outage, queued, subscribers)
        }
    }

    /// The active outage of `system`, or the only one; refused in words when there is none or several.
    static func activeOutage(system: String?, doing: String, db: Database) throws -> Outage {
        let active = try activeOutages(system: system, db: db)
        guard let outage = active.first else {
            let which = system.map { " of \($0)" } ?? ""
            throw Refusal.rule("no outage\(which) is active, so there is nothing to \(doing)")
        }
        guard active.count == 1 else {
            let which = "several outages are active (\(active.map(\.system).joined(separator: ", ")))"
            throw Refusal.rule(which + "; say which system", commandLine: which + "; name one with --system")
        }
        return outage
    }

    /// The active outages, oldest first, of `system` (any case) or all.
    static func activeOutages(system: String?, db: Database) throws -> [Outage] {
        try Row.fetchAll(db, sql: "SELECT * FROM outage WHERE restored_at IS NULL ORDER BY since")
            .compactMap(Self.outage).filter { system == nil || $0.system.lowercased() == system!.lowercased() }
    }

    /// Queues the update's emails; how many in all, and how many of them to subscribers.
    private static func queueUpdateMail(_ update: OutageUpdate, outage: Outage, composer: NoticeComposer, now: Date,
                                        db: Database) throws -> (queued: Int, subscribers: Int) {
        let directory = try organisations(db)
        let contactEmails = try contactEmailsByOrganisation(db)
        let roundDirectory = NoticeComposer.RoundDirectory(directory)
        var addressees: [(addressee: NoticeComposer.Addressee, party: UUID?, subscriber: EmailAddress?)] = []
        for party in participatingParties(directory) {
            let recipients = NoticeComposer.recipients(of: party, contactEmails: contactEmails[party.id] ?? [])
            guard !recipients.isEmpty else { continue }
            addressees.append((.party(party, recipients: recipients), party.id, nil))
        }
        for subscriber in try subscribersConcerned(by: outage, db: db) {
            addressees.append((.subscriber(subscriber), nil, subscriber.email))
        }
        let mail = QueuedMail.update(update, outage: outage)
        let shared = composer.sharedValues(mail, directory: roundDirectory)
        for (position, entry) in addressees.enumerated() {
            let envelope = composer.envelope(mail, to: entry.addressee,
                                             reference: update.reference(forRecipientAt: position), shared: shared,
                                             directory: roundDirectory)
            try queue(envelope, noticeID: nil, updateID: update.id, partyID: entry.party, subscriber: entry.subscriber,
                      now: now, db: db)
        }
        return (addressees.count, addressees.filter { $0.subscriber != nil }.count)
    }

    /// Every party a round goes to, in the order they are told: NHS 111 and EDs first, then practices.
    static func participatingParties(_ directory: [Organisation]) -> [Organisation] {
        directory.filter { $0.kind != .host && $0.participating }.sorted {
            ($0.kind.notifyOrder, $0.name.lowercased()) < ($1.kind.notifyOrder, $1.name.lowercased())
        }
    }

    /// Queues one email without its body, which is composed when it is sent (`composeClaimed`).
    static func queue(_ envelope: MailEnvelope, noticeID: UUID?, updateID: UUID?, partyID: UUID?,
                      subscriber: EmailAddress?, now: Date, db: Database) throws {
        try db.cachedExecute("""
            INSERT INTO outbox (id, notice_id, update_id, organisation_id, subscriber, reference, message_id,
                                recipients, subject, status, queued_at, next_attempt_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)
            """, [UUID().uuidText, noticeID?.uuidText, updateID?.uuidText, partyID?.uuidText,
                  subscriber?.value, envelope.reference, envelope.messageID, Codecs.emails(envelope.recipients),
                  envelope.subject, Codecs.instant(now), Codecs.instant(now)])
    }

    /// The subscribers an outage's emails go to: everyone for all outages, and those for HSSIs when its
    /// incident is one (as it stands when the email is made).
    static func subscribersConcerned(by outage: Outage, db: Database) throws -> [Subscriber] {
        let hssi = try incident(ofOutage: outage, db: db)?.isHighSeverity ?? false
        return try subscribers(db).filter { $0.hears(hssi: hssi) }
    }

    static func incident(ofOutage outage: Outage, db: Database) throws -> Incident? {
        try Row.fetchOne(db, sql: "SELECT * FROM incident WHERE outage_id = ?", arguments: [outage.id.uuidText])
            .flatMap(Self.incident)
    }

    /// Every update on an outage, oldest first.
    public func updates(of outage: Outage) throws -> [OutageUpdate] {
        try pool.read { db in try Self.updates(of: outage.id, db: db) }
    }

    static func updates(of outageID: UUID, db: Database) throws -> [OutageUpdate] {
        try Row.fetchAll(db, sql: "SELECT * FROM outage_update WHERE outage_id = ? ORDER BY at, rowid",
                         arguments: [outageID.uuidText]).compactMap(Self.outageUpdate)
    }

    static func outageUpdate(_ row: Row) -> OutageUpdate? {
        guard let id = Codecs.uuid(row["id"]), let outageID = Codecs.uuid(row["outage_id"]),
              let at = Codecs.instant(row["at"] as String?) else { return UnreadableRows.skip("outage_update", row) }
        return OutageUpdate(id: id, outageID: outageID, message: row["message"],
                            eta: Codecs.instant(row["eta"] as String?), at: at, by: row["by"],
                            reference: row["reference"])
    }
}
