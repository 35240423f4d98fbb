import Foundation
import GRDB
import DeskCore

extension DeskStore {
    /// Makes a notice round inside the declaring or restoring transaction: every participating party is listed,
    /// and each with an address gets one message in the outbox. Nothing here waits on mail.
    static func createRound(kind: NoticeKind, outage: Outage, composer: NoticeComposer, now: Date,
                            db: Database, changes: inout [Change]) throws -> (Notice, queued: Int) {
        let notice = Notice(outageID: outage.id, kind: kind, createdAt: now, deadline: now.addingTimeInterval(composer.acknowledgeWithin))
        try db.execute(sql: "INSERT INTO notice (id, outage_id, kind, created_at, reference, deadline) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [notice.id.uuidText, outage.id.uuidText, kind.rawValue, Codecs.instant(now),
                                   notice.reference,
                                   Codecs.instant(notice.deadline)])
        let directory = try organisations(db)
        let contactEmails = try contactEmailsByOrganisation(db)
        let parties = participatingParties(directory)
        let roundDirectory = NoticeComposer.RoundDirectory(directory)
        let mail = QueuedMail.notice(notice, outage: outage)
        let shared = composer.sharedValues(mail, directory: roundDirectory)
        var queued = 0
        for (position, party) in parties.enumerated() {
            try db.cachedExecute("INSERT INTO notice_party (notice_id, organisation_id, position) VALUES (?, ?, ?)",
                                 [notice.id.uuidText, party.id.uuidText, position])
            let recipients = NoticeComposer.recipients(of: party, contactEmails: contactEmails[party.id] ?? [])
            // Notices are mailed from the host's own file only; a round that arrives from the hub lists the parties.
            guard !recipients.isEmpty, receiving == nil else { continue }
            let envelope = composer.envelope(mail, to: .party(party, recipients: recipients),
                                             reference: notice.reference(forPartyAt: position), shared: shared,
                                             directory: roundDirectory)
            try queue(envelope, noticeID: notice.id, updateID: nil, partyID: party.id, subscriber: nil, now: now,
                      db: db)
            queued += 1
        }
        // The communications list's copies are numbered after the parties, so every reference stays unique.
        var subscribed = 0
        if receiving == nil {
            for (offset, subscriber) in try subscribersConcerned(by: outage, db: db).enumerated() {
                let envelope = composer.envelope(mail, to: .subscriber(subscriber),
                                                 reference: notice.reference(forPartyAt: parties.count + offset),
                                                 shared: shared, directory: roundDirectory)
                try queue(envelope, noticeID: notice.id, updateID: nil, partyID: nil, subscriber: subscriber.email,
                          now: now, db: db)
                subscribed += 1
            }
        }
        changes.append(Change(action: "notice.create", entity: "notice", entityID: notice.id,
                              detail: [("kind", kind.rawValue), ("reference", notice.reference),
                                       ("parties", "\(parties.count)"), ("queued", "\(queued)"),
                                       ("subscribers", "\(subscribed)")]))
        return (notice, queued)
    }

    /// The round a terminal works on: the latest notice of the latest outage, while the outage is active or the
    /// restoration round still waits for acknowledgments.
    public func currentRound() throws -> NoticeRound? {
        try pool.read { db in try Self.currentRound(latest: try Self.latestOutage(db), db: db) }
    }

    static func currentRound(latest: Outage?, db: Database) throws -> NoticeRound? {
        guard let latest, let notice = try latestNotice(of: latest, kind: nil, db: db) else { return nil }
        let round = try round(notice: notice, outage: latest, db: db)
        return latest.isActive || !round.isComplete ? round : nil
    }

    /// The newest notice of an outage, of `kind` or of either.
    static func latestNotice(of outage: Outage, kind: NoticeKind?, db: Database) throws -> Notice? {
        try Row.fetchOne(db, sql: """
            SELECT * FROM notice WHERE outage_id = ? AND (? IS NULL OR kind = ?) ORDER BY created_at DESC, rowid DESC LIMIT 1
            """, arguments: [outage.id.uuidText, kind?.rawValue, kind?.rawValue]).flatMap(notice)
    }

    static func latestOutage(_ db: Database) throws -> Outage? {
        try Row.fetchOne(db, sql: "SELECT * FROM outage ORDER BY declared_at DESC, rowid DESC LIMIT 1").flatMap(outage)
    }

    /// Every round of one outage, oldest first.
    public func rounds(of outage: Outage) throws -> [NoticeRound] {
        try pool.read { db in try Self.rounds(of: outage, db: db) }
    }

    static func rounds(of outage: Outage, db: Database) throws -> [NoticeRound] {
        try Row.fetchAll(db, sql: "SELECT * FROM notice WHERE outage_id = ? ORDER BY created_at, rowid",
                         arguments: [outage.id.uuidText])
            .compactMap { row in try notice(row).map { try round(notice: $0, outage: outage, db: db) } }
    }

    static func round(notice: Notice, outage: Outage, db: Database) throws -> NoticeRound {
        let parties = try Row.fetchAll(db, sql: """
            SELECT \(Self.organisationColumns(of: "organisation"))
            FROM notice_party JOIN organisation ON organisation.id = notice_party.organisation_id
            WHERE notice_party.notice_id = ? ORDER BY notice_party.position
            """, arguments: [notice.id.uuidText]).compactMap(organisation)
        let acks = try Row.fetchAll(db, sql: """
            SELECT * FROM acknowledgment WHERE notice_id = ? AND duplicate_of IS NULL
            """, arguments: [notice.id.uuidText]).compactMap(acknowledgment)
        let duplicates = try Row.fetchAll(db, sql: """
            SELECT * FROM acknowledgment WHERE notice_id = ? AND duplicate_of IS NOT NULL
            """, arguments: [notice.id.uuidText]).compactMap(acknowledgment)
        let calls = try Row.fetchAll(db, sql: "SELECT * FROM call_attempt WHERE notice_id = ?",
                                     arguments: [notice.id.uuidText]).compactMap(callAttempt)
        let unverified = try Row.fetchAll(db, sql: "SELECT * FROM unverified_reply WHERE notice_id = ?",
                                          arguments: [notice.id.uuidText]).compactMap { row -> UnverifiedReply? in
            guard let id = Codecs.uuid(row["organisation_id"]), let at = Codecs.instant(row["received_at"] as String?) else {
                return UnreadableRows.skip("unverified_reply", row)
            }
            return UnverifiedReply(organisationID: id, sender: row["sender"], subject: row["subject"], at: at)
        }
        return NoticeRound(notice: notice, outage: outage, parties: parties, acknowledgments: acks, calls: calls,
                           unverifiedReplies: unverified, duplicates: duplicates)
    }

    /// The round of `kind` (or the latest of either) of the latest outage: what an acknowledgment answers.
    static func roundToAnswer(kind: NoticeKind?, db: Database) throws -> NoticeRound {
        guard let latest = try latestOutage(db) else {
            throw Refusal.rule("no outage has been declared, so there is no notice to acknowledge")
        }
        guard let notice = try latestNotice(of: latest, kind: kind, db: db) else {
            throw Refusal.rule(
                "the \(latest.system) outage has no "
                    + (kind == .restoration ? "restoration notice yet: it has not been restored" : "notice"))
        }
        return try round(notice: notice, outage: latest, db: db)
    }

    public enum AcknowledgeResult: Equatable, Sendable {
        case recorded(Acknowledgment, NoticeRound)
        /// The party had already acknowledged this notice; the first one stands.
        case already(Acknowledgment, NoticeRound)
    }

    /// Records a party's acknowledgment of the current outage or restoration notice. The first one per party counts.
    @discardableResult
    func acknowledge(organisationID: UUID, kind: NoticeKind? = nil, via: AckChannel, by: String, note: String = "",
                            acknowledgedAt: Date? = nil, actor: Actor, at now: Date) throws -> AcknowledgeResult {
        try write(actor: actor, at: now) { db, changes in
            let round = try Self.roundToAnswer(kind: kind, db: db)
            return try Self.acknowledge(organisationID: organisationID, round: round, via: via, by: by, note: note,
                                        at: acknowledgedAt ?? now, db: db, changes: &changes)
        }
    }

    static func acknowledge(organisationID: UUID, round: NoticeRound, via: AckChannel, by: String, note: String, at: Date,
                            db: Database, changes: inout [Change]) throws -> AcknowledgeResult {
        guard let party = round.parties.first(where: { $0.id == organisationID }) else {
            throw Refusal.rule(
                "that organisation was not sent the \(round.notice.title) (it is the host or not participating)")
        }
        let arriving = receiving?.operation.hubSequence
        var counts = true
        if let existing = round.acknowledgments[organisationID] {
            // Made here, the first stands and a second changes nothing. Arriving from another site, the one that
            // reached the hub first counts and the other is kept as a duplicate.
            guard let arriving else { return .already(existing, round) }
            counts = try hubPlace(of: existing, db) > arriving
            if !counts {
                let duplicate = try insertAcknowledgment(organisationID: organisationID, round: round, via: via,
                                                         at: at, by: by, note: note, duplicateOf: existing.id, db: db)
                changes.append(Change(action: "notice.acknowledge-duplicate", entity: "acknowledgment",
                                      entityID: duplicate.id,
                                      detail: [("party", party.name), ("notice", round.notice.reference),
                                               ("via", via.rawValue), ("by", duplicate.by)]))
                return .already(existing, round)
            }
        }
        let ack = try insertAcknowledgment(organisationID: organisationID, round: round, via: via, at: at, by: by,
                                           note: note, duplicateOf: nil, db: db)
        if let existing = round.acknowledgments[organisationID], counts {
            try db.execute(sql: "UPDATE acknowledgment SET duplicate_of = ? WHERE id = ? OR duplicate_of = ?",
                           arguments: [ack.id.uuidText, existing.id.uuidText, existing.id.uuidText])
        }
        changes.append(Change(action: "notice.acknowledge", entity: "acknowledgment", entityID: ack.id,
                              detail: [("party", party.name), ("notice", round.notice.reference),
                                       ("via", via.rawValue), ("by", ack.by)]))
        var updated = round
        updated.acknowledgments[organisationID] = ack
        return .recorded(ack, updated)
    }

    @discardableResult
    private static func insertAcknowledgment(organisationID: UUID, round: NoticeRound, via: AckChannel, at: Date,
                                             by: String, note: String, duplicateOf: UUID?,
                                             db: Database) throws -> Acknowledgment {
        let cleanBy = Sanitise.visible(String(by.prefix(200))), cleanNote = Sanitise.visible(String(note.prefix(500)))
        let ack = Acknowledgment(noticeID: round.notice.id, organisationID: organisationID, via: via, at: at,
                                 by: cleanBy, note: cleanNote)
        try db.execute(sql: """
            INSERT INTO acknowledgment (id, notice_id, organisation_id, via, at, by, note, operation_id, hub_seq,
                                        duplicate_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [ack.id.uuidText, ack.noticeID.uuidText, organisationID.uuidText, via.rawValue,
                             Codecs.instant(at), cleanBy, cleanNote, applying?.record.id.uuidText,
                             receiving?.operation.hubSequence, duplicateOf?.uuidText])
        return ack
    }

    /// Where an acknowledgment stands in the hub's order: its place as received, or the place the hub gave the
    /// operation this file sent for it; one not at the hub yet comes after everything that is.
    private static func hubPlace(of ack: Acknowledgment, _ db: Database) throws -> Int {
        let row = try Row.fetchOne(db, sql: """
            SELECT a.hub_seq AS received, o.hub_seq AS sent, o.position AS waiting FROM acknowledgment a
            LEFT JOIN outgoing o ON o.operation_id = a.operation_id WHERE a.id = ?
            """, arguments: [ack.id.uuidText])
        if let received = row?["received"] as Int? { return received }
        if let sent = row?["sent"] as Int? { return sent }
        if row?["waiting"] as Int? != nil { return Int.max }
        // Recorded here before any site synced, by no operation that travels: it was first.
        return 0
    }

    /// Logs one call from the call-sheet. "Acknowledged" records the acknowledgment by phone; the next call for a
    /// party still silent comes due `interval` later.
    @discardableResult
    func logCall(organisationID: UUID, number: PhoneNumber, outcome: CallOutcome, note: String, interval: TimeInterval,
                        actor: Actor, at now: Date) throws -> CallAttempt {
        guard note.count <= 500 else { throw Refusal.rule("the note is over 500 characters") }
        return try write(actor: actor, at: now) { db, changes in
            let round = try Self.roundToAnswer(kind: nil, db: db)
            guard let party = round.parties.first(where: { $0.id == organisationID }) else {
                throw Refusal.rule("that organisation is not on the \(round.notice.title)'s call-sheet")
            }
            // A call logged at another site is kept whatever this file holds: its acknowledgment may be the first.
            if let ack = round.acknowledgments[organisationID], Self.receiving == nil {
                throw Refusal.rule("\(party.name) already acknowledged at "
                    + "\(Instant.readable(ack.at, zone: .current)) by \(ack.via.rawValue); no call needed")
            }
            let call = CallAttempt(noticeID: round.notice.id, organisationID: organisationID, number: number, outcome: outcome,
                                   note: Sanitise.visible(note), at: now, by: actor.user, nextCallAt: now.addingTimeInterval(interval))
            try db.execute(sql: """
                INSERT INTO call_attempt (id, notice_id, organisation_id, number, outcome, note, at, by, next_call_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [call.id.uuidText, round.notice.id.uuidText, organisationID.uuidText, number.digits,
                                 outcome.rawValue, call.note, Codecs.instant(now), actor.user,
                                 Codecs.instant(call.nextCallAt)])
            changes.append(Change(action: "call.log", entity: "call_attempt", entityID: call.id,
                                  detail: [("party", party.name), ("number", number.digits), ("outcome", outcome.rawValue)]))
            if outcome == .acknowledged {
                _ = try Self.acknowledge(organisationID: organisationID, round: round, via: .phone, by: actor.user,
                                         note: "call to \(number)" + (note.isEmpty ? "" : ": \(note)"), at: now, db: db, changes: &changes)
            }
            return call
        }
    }

    /// Numbers reported wrong on a call and still in the directory, per organisation: to be corrected.
    static func wrongNumbers(_ db: Database) throws -> [UUID: Set<PhoneNumber>] {
        var flagged: [UUID: Set<PhoneNumber>] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT DISTINCT organisation_id, number FROM call_attempt WHERE outcome = 'wrong-number'") {
            guard let id = Codecs.uuid(row["organisation_id"]),
                  let number = PhoneNumber(stored: row["number"] as String) else { continue }
            flagged[id, default: []].insert(number)
        }
        return flagged
    }

    /// Numbers a caller typed into the call form that the directory does not have (learned on the phone), latest
    /// call first, per organisation: the next caller sees them and need not ask again.
    static func learnedNumbers(_ db: Database) throws -> [UUID: [(number: PhoneNumber, at: Date)]] {
        var learned: [UUID: [(number: PhoneNumber, at: Date)]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT organisation_id, number, max(at) AS at FROM call_attempt WHERE outcome != 'wrong-number'
            GROUP BY organisation_id, number ORDER BY at DESC
            """) {
            guard let id = Codecs.uuid(row["organisation_id"]),
                  let number = PhoneNumber(stored: row["number"] as String),
                  let at = Codecs.instant(row["at"] as String?) else { continue }
            learned[id, default: []].append((number, at))
        }
        return learned
    }

    static func notice(_ row: Row) -> Notice? {
        guard let id = Codecs.uuid(row["id"]), let outageID = Codecs.uuid(row["outage_id"]) else {
            return UnreadableRows.skip("notice", row)
        }
        let created = Codecs.instant(row["created_at"] as String?) ?? .distantPast
        return Notice(id: id, outageID: outageID, kind: NoticeKind(rawValue: row["kind"]) ?? .outage,
                      createdAt: created, deadline: Codecs.instant(row["deadline"] as String?), reference: row["reference"])
    }

    static func acknowledgment(_ row: Row) -> Acknowledgment? {
        guard let id = Codecs.uuid(row["id"]), let noticeID = Codecs.uuid(row["notice_id"]),
              let organisationID = Codecs.uuid(row["organisation_id"]) else { return UnreadableRows.skip("acknowledgment", row) }
        return Acknowledgment(id: id, noticeID: noticeID, organisationID: organisationID,
                       via: AckChannel(rawValue: row["via"]) ?? .app, at: Codecs.instant(row["at"] as String?) ?? .distantPast,
                       by: row["by"], note: row["note"])
    }

    static func callAttempt(_ row: Row) -> CallAttempt? {
        guard let number = PhoneNumber(stored: row["number"] as String), let id = Codecs.uuid(row["id"]),
              let noticeID = Codecs.uuid(row["notice_id"]), let organisationID = Codecs.uuid(row["organisation_id"]) else {
            return UnreadableRows.skip("call_attempt", row)
        }
        let at = Codecs.instant(row["at"] as String?) ?? .distantPast
        return CallAttempt(id: id, noticeID: noticeID, organisationID: organisationID,
                           number: number, outcome: CallOutcome(rawValue: row["outcome"]) ?? .other, note: row["note"], at: at, by: row["by"],
                           nextCallAt: Codecs.instant(row["next_call_at"] as String?))
    }
}
