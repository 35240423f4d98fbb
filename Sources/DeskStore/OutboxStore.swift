import Foundation
import GRDB
import DeskCore

extension DeskStore {
    /// The outbox, newest round or update first, optionally one notice's messages only.
    public func outbox(noticeID: UUID? = nil) throws -> [OutboxMessage] {
        try pool.read { db in
            // Newest first by when its round or update was made; a party's copy before a subscriber's.
            try Row.fetchAll(db, sql: """
                SELECT outbox.* FROM outbox LEFT JOIN notice ON notice.id = outbox.notice_id
                LEFT JOIN outage_update u ON u.id = outbox.update_id
                WHERE (? IS NULL OR outbox.notice_id = ?)
                ORDER BY coalesce(notice.created_at, u.at) DESC, outbox.subscriber IS NOT NULL, outbox.reference
                """, arguments: [noticeID?.uuidText, noticeID?.uuidText]).compactMap(Self.outboxMessage)
        }
    }

    /// How many of a round's emails went to the communications list (counted, not read).
    public func subscriberCopies(noticeID: UUID) throws -> Int {
        try pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE notice_id = ? AND subscriber IS NOT NULL",
                             arguments: [noticeID.uuidText]) ?? 0
        }
    }

    /// Takes messages to deliver now and marks them `sending`, in one write so two terminals never send the same one.
    /// `everything` ignores the retry wait (a person asked to send now). A `sending` claim older than `staleAfter`
    /// belongs to a sender that died, and is taken over.
    public func claimMessages(everything: Bool, staleAfter: TimeInterval, limit: Int = 100, actor: Actor, at now: Date) throws -> [OutboxMessage] {
        try write(actor: actor, at: now) { db, _ in
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM outbox
                WHERE (status IN ('queued', 'failed') AND (? OR next_attempt_at <= ?)) OR (status = 'sending' AND claimed_at <= ?)
                ORDER BY queued_at, reference LIMIT ?
                """, arguments: [everything, Codecs.instant(now), Codecs.instant(now.addingTimeInterval(-staleAfter)), limit])
            let messages = rows.compactMap(Self.outboxMessage)
            for message in messages {
                try db.execute(sql: "UPDATE outbox SET status = 'sending', claimed_at = ? WHERE id = ?",
                               arguments: [Codecs.instant(now), message.id.uuidText])
            }
            return messages
        }
    }

    /// Hands claimed messages back untried, as they were before the claim.
    public func releaseClaims(_ ids: [UUID], actor: Actor, at now: Date) throws {
        guard !ids.isEmpty else { return }
        try write(actor: actor, at: now) { db, _ in
            for id in ids {
                try db.execute(sql: "UPDATE outbox SET status = CASE WHEN attempts > 0 THEN 'failed' ELSE 'queued' END, claimed_at = NULL WHERE id = ? AND status = 'sending'",
                               arguments: [id.uuidText])
            }
        }
    }

    /// Records one delivery try: sent, or failed with the error and a retry time.
    func recordDelivery(of messageID: UUID, error: String?, actor: Actor, at now: Date) throws {
        try write(actor: actor, at: now) { db, changes in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ?",
                                             arguments: [messageID.uuidText]) else {
                throw StoreError.notFound("message \(messageID) in the outbox")
            }
            guard let message = Self.outboxMessage(row) else {
                throw StoreError.notFound("a readable message \(messageID) in the outbox")
            }
            let attempts = message.attempts + 1
            let cleanError = error.map { Sanitise.visible(String($0.prefix(500))) }
            try db.execute(sql: "INSERT INTO delivery (id, outbox_id, at, ok, error) VALUES (?, ?, ?, ?, ?)",
                           arguments: [UUID().uuidText, messageID.uuidText, Codecs.instant(now), cleanError == nil,
                                       cleanError ?? ""])
            if let cleanError {
                try db.execute(sql: "UPDATE outbox SET status = 'failed', attempts = ?, last_error = ?, claimed_at = NULL, next_attempt_at = ? WHERE id = ?",
                               arguments: [attempts, cleanError, Codecs.instant(now.addingTimeInterval(OutboxMessage.retryDelay(afterAttempts: attempts))),
                                           messageID.uuidText])
            } else {
                try db.execute(sql: "UPDATE outbox SET status = 'sent', attempts = ?, last_error = NULL, claimed_at = NULL, sent_at = ? WHERE id = ?",
                               arguments: [attempts, Codecs.instant(now), messageID.uuidText])
            }
            changes.append(Change(action: cleanError == nil ? "mail.sent" : "mail.failed", entity: "outbox", entityID: messageID,
                                  detail: [("reference", message.reference)] + (cleanError.map { [("error", $0)] } ?? [])))
        }
    }

    /// The report's part that is not the parties' notices: updates, subscribers' emails, replies noted.
    static func beyondTheRounds(_ outage: Outage, db: Database) throws -> OutageReport.Beyond {
        let mail = try Row.fetchOne(db, sql: """
            SELECT count(*) AS total, coalesce(sum(o.status = 'sent'), 0) AS sent FROM outbox o
            LEFT JOIN notice n ON n.id = o.notice_id LEFT JOIN outage_update u ON u.id = o.update_id
            WHERE o.subscriber IS NOT NULL AND coalesce(n.outage_id, u.outage_id) = ?
            """, arguments: [outage.id.uuidText])
        let replies = try Row.fetchAll(db, sql: """
            SELECT received_at, sender, reference FROM noted_reply WHERE outage_id = ? ORDER BY received_at
            """, arguments: [outage.id.uuidText]).map { row in
            (at: Codecs.instant(row["received_at"] as String?) ?? .distantPast, from: row["sender"] as String,
             reference: row["reference"] as String)
        }
        return OutageReport.Beyond(updates: try updates(of: outage.id, db: db), subscriberEmails: mail?["total"] ?? 0,
                                   subscriberSent: mail?["sent"] ?? 0, notedReplies: replies)
    }

    static func outboxCounts(_ db: Database) throws -> (waiting: Int, failed: Int) {
        let row = try Row.fetchOne(db, sql: "SELECT count(*) AS waiting, COALESCE(SUM(status = 'failed'), 0) AS failed FROM outbox WHERE status != 'sent'")
        return (row?["waiting"] ?? 0, row?["failed"] ?? 0)
    }

    static func outboxMessage(_ row: Row) -> OutboxMessage? {
        let noticeID = Codecs.uuid(row["notice_id"]), updateID = Codecs.uuid(row["update_id"])
        let organisationID = Codecs.uuid(row["organisation_id"])
        let subscriber = (row["subscriber"] as String?).flatMap { try? EmailAddress(parsing: $0) }
        guard let id = Codecs.uuid(row["id"]), noticeID != nil || updateID != nil,
              organisationID != nil || subscriber != nil else {
            return UnreadableRows.skip("outbox", row)
        }
        return OutboxMessage(id: id, noticeID: noticeID, updateID: updateID, organisationID: organisationID,
                             subscriber: subscriber,
                      reference: row["reference"], messageID: row["message_id"], recipients: Codecs.emails(row["recipients"]),
                      subject: row["subject"], raw: row["raw"], status: DeliveryStatus(rawValue: row["status"]) ?? .queued,
                      attempts: row["attempts"], lastError: row["last_error"], queuedAt: Codecs.instant(row["queued_at"] as String?) ?? .distantPast,
                      sentAt: Codecs.instant(row["sent_at"] as String?), nextAttemptAt: Codecs.instant(row["next_attempt_at"] as String?) ?? .distantPast)
    }
}

extension DeskStore {
    /// Everything the outage report needs, read in one go.
    public func outageReport(_ outage: Outage, zone: TimeZone, now: Date) throws -> OutageReport {
        try pool.read { db in
            let rounds = try Self.rounds(of: outage, db: db)
            let deliveries = try Row.fetchAll(db, sql: """
                SELECT outbox.notice_id, outbox.reference, outbox.organisation_id, delivery.at, delivery.ok, delivery.error FROM delivery
                JOIN outbox ON outbox.id = delivery.outbox_id JOIN notice ON notice.id = outbox.notice_id
                WHERE notice.outage_id = ? AND outbox.organisation_id IS NOT NULL ORDER BY delivery.at
                """, arguments: [outage.id.uuidText]).compactMap { row -> OutageReport.Delivery? in
                guard let noticeID = Codecs.uuid(row["notice_id"]), let organisationID = Codecs.uuid(row["organisation_id"]) else {
                    return UnreadableRows.skip("delivery", row)
                }
                return OutageReport.Delivery(noticeID: noticeID, reference: row["reference"],
                                             organisationID: organisationID,
                                      at: Codecs.instant(row["at"] as String?) ?? .distantPast, error: (row["ok"] as Bool) ? nil : (row["error"] as String))
            }
            // Downtime bookings made while this outage was declared.
            let bookings = try Row.fetchAll(db, sql: """
                SELECT \(Self.bookingColumns) FROM booking WHERE downtime_ref IS NOT NULL AND created_at >= ? AND created_at <= ? ORDER BY created_at
                """, arguments: [Codecs.instant(outage.declaredAt), Codecs.instant(outage.restoredAt ?? now)]).compactMap(Self.booking)
            return OutageReport(outage: outage, rounds: rounds, deliveries: deliveries, downtimeBookings: bookings,
                                zone: zone, beyond: try Self.beyondTheRounds(outage, db: db))
        }
    }
}
