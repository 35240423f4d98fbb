import Foundation

/// Updates and the communications list's copies, composed beside the notices so every email a round sends is made
/// by one composer from the same directory facts.
extension NoticeComposer {
    /// Who one email goes to: a party (its name, the template's `{{party}}`), or a subscriber.
    public struct Addressee: Sendable {
        public var name: String
        public var recipients: [EmailAddress]
        public var isSubscriber: Bool

        public static func party(_ party: Organisation, recipients: [EmailAddress]) -> Addressee {
            Addressee(name: party.name, recipients: recipients, isSubscriber: false)
        }

        public static func subscriber(_ subscriber: Subscriber) -> Addressee {
            Addressee(name: subscriber.name.isEmpty ? subscriber.email.value : subscriber.name,
                      recipients: [subscriber.email], isSubscriber: true)
        }
    }

    /// A subscriber's copy of a notice: the party's text, said to need no acknowledgment, with how to leave the list.
    public func compose(outage: Outage, notice: Notice, subscriber: Subscriber, position: Int,
                        directory: RoundDirectory, now: Date) -> OutgoingMail {
        compose(.notice(notice, outage: outage), to: .subscriber(subscriber),
                reference: notice.reference(forPartyAt: position), directory: directory, now: now)
    }

    /// One recipient's email of an update.
    public func compose(update: OutageUpdate, outage: Outage, to addressee: Addressee, position: Int,
                        directory: RoundDirectory, now: Date) -> OutgoingMail {
        compose(.update(update, outage: outage), to: addressee, reference: update.reference(forRecipientAt: position),
                directory: directory, now: now)
    }

    /// A Message-ID in the sender's domain, unique to this email and naming its reference.
    func messageID(reference: String, directory: RoundDirectory) -> String {
        let domain = sender(directory).value.split(separator: "@").last.map(String.init) ?? "downtime-desk.invalid"
        return "\(reference.lowercased()).\(UUID().uuidText.lowercased())@\(domain)"
    }

    func sender(_ directory: RoundDirectory) -> EmailAddress {
        from ?? directory.host?.emails.first ?? Self.fallbackSender
    }

    func mail(_ text: (subject: String, body: String), to addressee: Addressee, reference: String,
              directory: RoundDirectory, now: Date) -> OutgoingMail {
        let sender = sender(directory)
        var body = text.body
        if addressee.isSubscriber {
            let host = directory.host?.name ?? "the service host"
            body = "(Your copy as one of \(host)'s communications list: no acknowledgment is needed from you.)\n\n"
                + body + "\n\n-- \n"
                + Subscriber.leavingLine(host: host, hostPhone: directory.host?.phones.first?.description ?? "")
        }
        var mail = OutgoingMail(from: sender, fromName: fromName, to: addressee.recipients, subject: text.subject,
                                body: body, messageID: messageID(reference: reference, directory: directory), date: now,
                                zone: zone, reference: reference)
        if addressee.isSubscriber { mail.unsubscribeTo = sender }
        return mail
    }
}
