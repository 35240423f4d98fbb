import Foundation
import DeskCore
import DeskStore

/// Takes messages from the outbox and hands each to the sendmail command, recording what happened.
public struct Courier: Sendable {
    public var store: DeskStore
    public var sendmail: SendmailCommand
    public var actor: Actor
    /// Makes each email's body just before its first sending (the outbox keeps only its envelope until then).
    public var composer: NoticeComposer

    public init(store: DeskStore, sendmail: SendmailCommand, actor: Actor, composer: NoticeComposer) {
        self.store = store; self.sendmail = sendmail; self.actor = actor; self.composer = composer
    }

    public struct Report: Equatable, Sendable {
        public var sent: [String] = []
        public var failed: [(reference: String, error: String)] = []
        /// Left untried because the mail command hung on an earlier message; still in the outbox.
        public var notTried: [String] = []
        public static func == (a: Report, b: Report) -> Bool {
            a.sent == b.sent && a.notTried == b.notTried && a.failed.map(\.reference) == b.failed.map(\.reference) && a.failed.map(\.error) == b.failed.map(\.error)
        }
    }

    /// Delivers what is due (or, with `everything`, all that is not yet sent). `now` is asked for each record
    /// so a slow mailer's results carry the time they happened.
    public func deliver(everything: Bool, now: () -> Date) throws -> Report {
        var report = Report()
        // Asked before anything is claimed or sent: a mail handed over must be recorded as sent.
        let probe = OperationRecord(at: now(), actor: actor,
                                    operation: .recordDelivery(.init(messageID: UUID(), error: nil)))
        if let refusal = try store.refusal(probe) { throw refusal }
        // A claim older than two time-outs belongs to a sender that died mid-way.
        let claimed = try store.claimMessages(everything: everything, staleAfter: 2 * sendmail.timeout + 60,
                                              actor: actor, at: now())
        let messages = try store.composeClaimed(claimed, composer: composer, actor: actor, at: now())
        for (index, message) in messages.enumerated() {
            ProgressReport.step("Sending notices", index, of: messages.count, every: 1)
            // Its notice, update or party could not be read back: a failure the report and the outbox show.
            let result = message.raw.map(sendmail.deliver)
                ?? SendmailCommand.Result(error: "the email could not be composed: its notice or addressee "
                                            + "is unreadable")
            try store.apply(OperationRecord(at: now(), actor: actor,
                                            operation: .recordDelivery(.init(messageID: message.id,
                                                                             error: result.error))))
            if let error = result.error { report.failed.append((message.reference, error)) } else { report.sent.append(message.reference) }
            // A hung mailer will most likely hang again: hand the rest back rather than wait a time-out for each.
            if result.timedOut {
                let rest = Array(messages[(index + 1)...])
                try store.releaseClaims(rest.map(\.id), actor: actor, at: now())
                report.notTried = rest.map(\.reference)
                break
            }
        }
        return report
    }
}
