import Foundation
import GRDB
import DeskCore

extension DeskStore {
    /// Matches a reply to a notice (its party's token, In-Reply-To/References, or the round's token and a
    /// sender address that belongs to exactly one party) and records the acknowledgment by email.
    /// `key` identifies the message across scans (its Message-ID, else its Maildir name).
    func recordReply(_ mail: InboundMail, key: String, actor: Actor, at now: Date) throws -> ReplyOutcome {
        try write(actor: actor, at: now) { db, changes in
            if try Row.fetchOne(db, sql: "SELECT 1 FROM mail_seen WHERE key = ?", arguments: [key]) != nil { return .alreadyScanned }
            let outcome = try Self.match(mail, now: now, db: db, changes: &changes)
            let word: String
            switch outcome {
            case .acknowledged: word = "acknowledged"
            case .alreadyAcknowledged: word = "duplicate"
            case .unverified: word = "unverified"
            case .noted: word = "noted"
            case .unsubscribed: word = "unsubscribed"
            case .alreadyScanned: word = "seen"
            case .ignored(let why): word = why
            }
            try db.execute(sql: "INSERT INTO mail_seen (key, scanned_at, outcome) VALUES (?, ?, ?)", arguments: [key, Codecs.instant(now), word])
            return outcome
        }
    }

    /// Remembers an unreadable file so later scans do not report it again.
    func recordUnreadable(key: String, reason: String, actor: Actor, at now: Date) throws -> ReplyOutcome {
        try write(actor: actor, at: now) { db, _ in
            if try Row.fetchOne(db, sql: "SELECT 1 FROM mail_seen WHERE key = ?", arguments: [key]) != nil { return .alreadyScanned }
            try db.execute(sql: "INSERT INTO mail_seen (key, scanned_at, outcome) VALUES (?, ?, ?)", arguments: [key, Codecs.instant(now), "malformed: \(reason)"])
            return .ignored("malformed: \(reason)")
        }
    }

    /// Every address the directory gives a party: the organisation's own and each of its contacts'.
    static func partyAddresses(_ organisationID: UUID, db: Database) throws -> Set<String> {
        let lists = try String.fetchAll(db, sql: """
            SELECT emails FROM organisation WHERE id = ? UNION ALL SELECT emails FROM contact WHERE organisation_id = ?
            """, arguments: [organisationID.uuidText, organisationID.uuidText])
        return Set(lists.flatMap { Codecs.emails($0).map(\.normalised) })
    }

    static func match(_ mail: InboundMail, now: Date, db: Database, changes: inout [Change]) throws -> ReplyOutcome {
        if let kind = mail.automaticKind { return .ignored(kind) }
        if let leaving = try unsubscribe(mail, db: db, changes: &changes) { return leaving }
        let tokens = NoticeToken.all(in: mail.subject) + NoticeToken.all(in: mail.header("x-downtime-desk-reference") ?? "")
        var found: Row?
        for token in tokens where found == nil {
            found = try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE upper(reference) = ?", arguments: [token])
        }
        for id in mail.repliesTo where found == nil {
            found = try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE message_id = ?", arguments: [id])
        }
        // A reply to an update, or to a subscriber's copy, is kept and counts for nothing.
        if let found, found["update_id"] as String? != nil || found["subscriber"] as String? != nil {
            return try note(mail, reference: found["reference"], now: now, db: db, changes: &changes)
        }
        var target = found.map {
            (noticeID: $0["notice_id"] as String, organisationID: $0["organisation_id"] as String)
        }
        if target == nil, let sender = mail.fromAddress {
            // A round's token without the party's number: the sender's address must point at exactly one party.
            for token in tokens where target == nil {
                let rows = try Row.fetchAll(db, sql: """
                    SELECT outbox.* FROM outbox
                    LEFT JOIN notice ON notice.id = outbox.notice_id
                    LEFT JOIN outage_update u ON u.id = outbox.update_id
                    WHERE upper(notice.reference) = ? OR upper(u.reference) = ?
                    """, arguments: [String(token.prefix(9)), String(token.prefix(9))])
                let matches = rows.filter { Codecs.emails($0["recipients"]).contains { $0.normalised == sender } }
                let parties = matches.filter {
                    $0["update_id"] as String? == nil && $0["organisation_id"] as String? != nil
                }
                if parties.count == 1 { target = (parties[0]["notice_id"], parties[0]["organisation_id"]) }
                else if parties.count > 1 {
                    return .ignored("unrelated: \(token) and \(sender) fit several parties; acknowledge by hand")
                }
                else if !matches.isEmpty {
                    return try note(mail, reference: String(token.prefix(9)), now: now, db: db, changes: &changes)
                }
            }
        }
        guard let target, let noticeRow = try Row.fetchOne(db, sql: "SELECT * FROM notice WHERE id = ?", arguments: [target.noticeID]),
              let organisationID = Codecs.uuid(target.organisationID) else {
            return .ignored("unrelated: no notice reference in it")
        }
        guard let notice = notice(noticeRow) else {
            return .ignored("unreadable: its notice could not be read from the database")
        }
        guard let outageRow = try Row.fetchOne(db, sql: "SELECT * FROM outage WHERE id = ?",
                                               arguments: [notice.outageID.uuidText]),
              let outage = outage(outageRow) else {
            return .ignored("unrelated: its notice's outage is gone")
        }
        let round = try round(notice: notice, outage: outage, db: db)
        // The sender's own date, unless it is implausible (before the notice, or far in the future).
        var at = now
        if let sent = mail.header("date").flatMap(MailDate.parse), sent >= notice.createdAt.addingTimeInterval(-60), sent <= now.addingTimeInterval(3600) { at = sent }
        let sender = Sanitise.visible(String(mail.from.prefix(200)))
        let subject = Sanitise.visible(String(mail.subject.prefix(120)))
        let partyName = round.parties.first { $0.id == organisationID }?.name ?? "?"
        // Anyone who has seen one notice can quote its reference: only the party's own addresses speak for it.
        let known = try Self.partyAddresses(organisationID, db: db)
        guard let address = mail.fromAddress, known.contains(address) else {
            if round.hasAcknowledged(organisationID) { return .alreadyAcknowledged(party: partyName,
                                                                                   notice: notice.reference) }
            let shownAddress = Sanitise.visible(String((mail.fromAddress ?? mail.from).prefix(200)))
            let id = UUID()
            try db.execute(sql: """
                INSERT INTO unverified_reply (id, notice_id, organisation_id, sender, subject, received_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [id.uuidText, notice.id.uuidText, organisationID.uuidText, shownAddress, subject,
                                 Codecs.instant(at)])
            changes.append(Change(action: "notice.unverified-reply", entity: "unverified_reply", entityID: id,
                                  detail: [("party", partyName), ("notice", notice.reference), ("from", shownAddress)]))
            return .unverified(party: partyName, notice: notice.reference, sender: shownAddress)
        }
        switch try acknowledge(organisationID: organisationID, round: round, via: .email, by: sender, note: "reply: \(subject)", at: at, db: db, changes: &changes) {
        case .recorded(let ack, let updated):
            let name = updated.parties.first { $0.id == organisationID }?.name ?? "?"
            try shareAcknowledgment(ack, kind: notice.kind, now: now, db: db)
            return .acknowledged(party: name, notice: notice.reference, sender: sender)
        case .already(_, let updated):
            return .alreadyAcknowledged(party: updated.parties.first { $0.id == organisationID }?.name ?? "?", notice: notice.reference)
        }
    }

    /// Keeps a reply that counts for nothing, for the outage report, against the outage it was about.
    private static func note(_ mail: InboundMail, reference: String, now: Date, db: Database,
                             changes: inout [Change]) throws -> ReplyOutcome {
        let outageID = try String.fetchOne(db, sql: """
            SELECT coalesce(n.outage_id, u.outage_id) FROM outbox o LEFT JOIN notice n ON n.id = o.notice_id
            LEFT JOIN outage_update u ON u.id = o.update_id WHERE upper(o.reference) = upper(?)
            UNION ALL SELECT outage_id FROM notice WHERE upper(reference) = upper(?)
            UNION ALL SELECT outage_id FROM outage_update WHERE upper(reference) = upper(?) LIMIT 1
            """, arguments: [reference, reference, reference])
        let sender = Sanitise.visible(String((mail.fromAddress ?? mail.from).prefix(200)))
        let subject = Sanitise.visible(String(mail.subject.prefix(120)))
        let id = UUID()
        try db.execute(sql: """
            INSERT INTO noted_reply (id, reference, sender, subject, received_at, outage_id) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [id.uuidText, reference, sender, subject, Codecs.instant(now), outageID])
        changes.append(Change(action: "reply.noted", entity: "noted_reply", entityID: id,
                              detail: [("reference", reference), ("from", sender)]))
        return .noted(from: sender, reference: reference)
    }

    /// A subscriber who writes UNSUBSCRIBE in the subject, from the address on the list, is taken off it.
    private static func unsubscribe(_ mail: InboundMail, db: Database,
                                    changes: inout [Change]) throws -> ReplyOutcome? {
        guard mail.subject.uppercased().contains("UNSUBSCRIBE"), let sender = mail.fromAddress,
              let address = try? EmailAddress(parsing: sender),
              try removeSubscriber(address, db: db, changes: &changes) else { return nil }
        return .unsubscribed(address.value)
    }

    /// Reading a reply is the host's own work (its mailbox, its outbox); what other sites need from it is the
    /// acknowledgment it recorded, so that is what goes to the hub, as the host's.
    /// The row is tied to that operation, so its place at the hub decides whether it counted first.
    private static func shareAcknowledgment(_ ack: Acknowledgment, kind: NoticeKind, now: Date,
                                            db: Database) throws {
        guard let reading = applying?.record, receiving == nil else { return }
        let shared = OperationRecord(at: now, actor: reading.actor, operation: .acknowledge(.init(
            organisationID: ack.organisationID, kind: kind, via: .email, by: ack.by, note: ack.note,
            acknowledgedAt: ack.at)))
        try OutgoingChain.append(shared, json: try shared.json(), in: db)
        try db.execute(sql: "UPDATE acknowledgment SET operation_id = ? WHERE id = ?",
                       arguments: [shared.id.uuidText, ack.id.uuidText])
    }
}
