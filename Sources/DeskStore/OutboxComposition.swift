import Foundation
import GRDB
import DeskCore

extension DeskStore {
    /// Composes the claimed messages that have no body yet, from the templates and directory as they are now, and
    /// keeps each body, so a retry sends the same bytes and what was sent can be read back. The facts are read in
    /// one read and the bodies kept in one write, outside the claim, so other terminals' writes never wait on it.
    public func composeClaimed(_ messages: [OutboxMessage], composer: NoticeComposer, actor: Actor,
                               at now: Date) throws -> [OutboxMessage] {
        let waiting = messages.filter { $0.raw == nil }
        guard !waiting.isEmpty else { return messages }
        let composed = try pool.read { db in try Self.compose(waiting, composer: composer, now: now, db: db) }
        try write(actor: actor, at: now) { db, _ in
            for (id, mail) in composed {
                try db.cachedExecute("UPDATE outbox SET raw = ?, subject = ? WHERE id = ? AND raw IS NULL",
                                     [mail.rendered, mail.subject, id.uuidText])
            }
        }
        return messages.map { message in
            guard let mail = composed[message.id] else { return message }
            var filled = message
            filled.raw = mail.rendered
            filled.subject = mail.subject
            return filled
        }
    }

    private static func compose(_ messages: [OutboxMessage], composer: NoticeComposer, now: Date,
                                db: Database) throws -> [UUID: OutgoingMail] {
        let directory = try organisations(db)
        let roundDirectory = NoticeComposer.RoundDirectory(directory)
        let parties = Dictionary(directory.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let subscribers = Dictionary(try Self.subscribers(db).map { ($0.email.normalised, $0) },
                                     uniquingKeysWith: { first, _ in first })
        var kinds: [UUID: QueuedMail] = [:]
        var composed: [UUID: OutgoingMail] = [:]
        for message in messages {
            guard let source = message.noticeID ?? message.updateID else { continue }
            if kinds[source] == nil { kinds[source] = try queuedMail(message, db: db) }
            guard let mail = kinds[source], let addressee = addressee(of: message, parties, subscribers) else {
                continue
            }
            let envelope = MailEnvelope(reference: message.reference, messageID: message.messageID,
                                        recipients: message.recipients, subject: message.subject)
            composed[message.id] = composer.compose(mail, envelope: envelope, to: addressee,
                                                    directory: roundDirectory, now: now)
        }
        return composed
    }

    /// The notice or update an email belongs to, with its outage; nil when the rows cannot be read.
    private static func queuedMail(_ message: OutboxMessage, db: Database) throws -> QueuedMail? {
        if let noticeID = message.noticeID {
            guard let notice = try Row.fetchOne(db, sql: "SELECT * FROM notice WHERE id = ?",
                                                arguments: [noticeID.uuidText]).flatMap(Self.notice),
                  let outage = try outage(id: notice.outageID, db: db) else { return nil }
            return .notice(notice, outage: outage)
        }
        guard let updateID = message.updateID,
              let update = try Row.fetchOne(db, sql: "SELECT * FROM outage_update WHERE id = ?",
                                            arguments: [updateID.uuidText]).flatMap(Self.outageUpdate),
              let outage = try outage(id: update.outageID, db: db) else { return nil }
        return .update(update, outage: outage)
    }

    private static func outage(id: UUID, db: Database) throws -> Outage? {
        try Row.fetchOne(db, sql: "SELECT * FROM outage WHERE id = ?", arguments: [id.uuidText]).flatMap(Self.outage)
    }

    /// A party by its organisation; a subscriber as listed, or (taken off since it was queued) by the address alone.
    private static func addressee(of message: OutboxMessage, _ parties: [UUID: Organisation],
                                  _ subscribers: [String: Subscriber]) -> NoticeComposer.Addressee? {
        if let organisationID = message.organisationID {
            return parties[organisationID].map { .party($0, recipients: message.recipients) }
        }
        guard let address = message.subscriber else { return nil }
        return .subscriber(subscribers[address.normalised]
            ?? Subscriber(email: address, name: "", scope: .all, addedAt: .distantPast, addedBy: ""))
    }
}
