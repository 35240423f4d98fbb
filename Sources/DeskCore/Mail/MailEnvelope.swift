import Foundation

/// What the outbox keeps of an email from the moment it is queued: who it goes to, its reference, its Message-ID and
/// its subject. The body is composed when the email is sent: with a thousand practices on the phone list each
/// notice is 45 KB, and composing and writing a round's 46 MB made declaring an outage take seconds.
public struct MailEnvelope: Equatable, Sendable {
    public var reference: String
    public var messageID: String
    public var recipients: [EmailAddress]
    public var subject: String

    public init(reference: String, messageID: String, recipients: [EmailAddress], subject: String) {
        self.reference = reference; self.messageID = messageID; self.recipients = recipients; self.subject = subject
    }
}

/// What an email in the outbox is, as the facts stood when it is composed: a round's notice or an update, to a
/// party or to a subscriber.
public enum QueuedMail: Sendable {
    case notice(Notice, outage: Outage)
    case update(OutageUpdate, outage: Outage)
}

extension NoticeComposer {
    /// The placeholders every email of one round (or one update) shares, worked out once for all its addressees.
    public func sharedValues(_ mail: QueuedMail, directory: RoundDirectory) -> [String: String] {
        switch mail {
        case let .notice(notice, outage):
            return values(outage: outage, notice: notice, reference: "", directory: directory)
        case let .update(update, outage):
            var values = values(outage: outage, notice: nil, reference: "", directory: directory)
            values["message"] = update.message
            values["update_at"] = Instant.readable(update.at, zone: zone)
            values["eta"] = update.eta.map { Instant.readable($0, zone: zone) } ?? "not yet known"
            values["duration"] = Instant.elapsed(update.at.timeIntervalSince(outage.since))
            return values
        }
    }

    func template(for mail: QueuedMail) -> NoticeTemplate {
        switch mail {
        case let .notice(notice, _): return notice.kind == .outage ? outageTemplate : restorationTemplate
        case .update: return updateTemplate
        }
    }

    /// One addressee's envelope, the subject filled in from `shared` (see `sharedValues`); no body is made.
    public func envelope(_ mail: QueuedMail, to addressee: Addressee, reference: String, shared: [String: String],
                         directory: RoundDirectory) -> MailEnvelope {
        var values = shared
        values["reference"] = reference
        values["party"] = addressee.name
        return MailEnvelope(reference: reference, messageID: messageID(reference: reference, directory: directory),
                            recipients: addressee.recipients, subject: template(for: mail).renderSubject(values))
    }

    /// The whole email for an envelope made earlier: the same reference, Message-ID and recipients, the text from
    /// the templates and directory as they are now, dated now.
    public func compose(_ mail: QueuedMail, envelope: MailEnvelope, to addressee: Addressee,
                        directory: RoundDirectory, now: Date) -> OutgoingMail {
        var composed = compose(mail, to: addressee, reference: envelope.reference, directory: directory, now: now)
        composed.messageID = envelope.messageID
        composed.to = envelope.recipients
        return composed
    }

    /// One addressee's email of a round or an update: every composer's way to the text.
    func compose(_ mail: QueuedMail, to addressee: Addressee, reference: String, directory: RoundDirectory,
                 now: Date) -> OutgoingMail {
        var values = sharedValues(mail, directory: directory)
        values["reference"] = reference
        values["party"] = addressee.name
        return self.mail(template(for: mail).render(values), to: addressee, reference: reference,
                         directory: directory, now: now)
    }
}
