import Foundation
import ArgumentParser
import DeskCore
import DeskStore
import DeskConfig
import DeskMail

/// `downtime-desk notify list|send|preview`: the outbox of notice emails.
struct NotifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "notify", abstract: "The outbox of notice emails: list, send, preview.",
                                                    subcommands: [List.self, Send.self, Preview.self])

    struct List: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Every notice email with its state: queued, sent or failed (with the error).")
        @OptionGroup var options: DeskOptions
        @Option(help: "text or json") var format: OutputFormat = .text

        var terminal: String { "cli" }

        func run(_ session: Session) throws {
            let context = session.context
            let store = session.store
            let names = Dictionary(try store.organisations().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            let messages = try store.outbox()
            switch format {
            case .json:
                print(try JSONOutput.encode(messages.map {
                    OutboxMessageJSON($0, party: $0.organisationID.flatMap { names[$0] } ?? "")
                }))
            case .text:
                if messages.isEmpty { print("The outbox is empty: no notice has been sent.") }
                for m in messages {
                    let status = m.status.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
                    var line = "\(m.reference)  \(status)  \(Sanitise.visible(m.addressee(names: names)))"
                        + "  <\(m.recipients.map(\.value).joined(separator: ", "))>"
                    if m.status == .failed, let error = m.lastError {
                        line += "\n    failed \(m.attempts)×: \(error); next try \(TimeOfDay(m.nextAttemptAt, in: context.zone))"
                    }
                    print(line)
                }
            }
        }
    }

    struct Send: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "send",
            abstract: "Deliver every notice email not yet sent through the sendmail command (failed ones are retried).")
        @OptionGroup var options: DeskOptions
        @Option(help: "The sendmail-compatible command (default: [mail] sendmail in config.toml, else \"sendmail -t -oi\").") var sendmail: String?
        @Option(help: "text or json") var format: OutputFormat = .text

        var terminal: String { "cli" }

        func run(_ session: Session) throws {
            let context = session.context
            let (store, actor, _, _) = session.parts
            let settings = try context.settings()
            if let sendmail, sendmail.trimmingCharacters(in: .whitespaces).isEmpty || Sanitise.containsControl(sendmail) {
                throw DeskFailure("--sendmail must be a command on one line")
            }
            let report = try context.courier(settings, store: store, actor: actor, sendmail: sendmail)
                .deliver(everything: true) { (try? context.now()) ?? Date() }
            switch format {
            case .json:
                print(try JSONOutput.encode(DeliveryJSON(sent: report.sent, failed: report.failed.map {
                    ["reference": $0.reference, "error": $0.error]
                }, not_tried: report.notTried)))
            case .text: Self.printReport(report)
            }
            if !report.failed.isEmpty || !report.notTried.isEmpty { throw ExitCode(2) }
        }

        static func printReport(_ report: Courier.Report) {
            if report.sent.isEmpty && report.failed.isEmpty { print("Nothing to send: every notice email has gone.") }
            if !report.sent.isEmpty { print("Sent \(report.sent.count) email\(report.sent.count == 1 ? "" : "s").") }
            for failure in report.failed { print("NOT SENT \(failure.reference): \(failure.error)") }
            if !report.notTried.isEmpty { print("\(report.notTried.count) not tried after the time-out; they stay in the outbox.") }
            if !report.failed.isEmpty { print("\(report.failed.count) failed email\(report.failed.count == 1 ? " stays" : "s stay") in the outbox and will be retried.") }
        }
    }

    struct Preview: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "preview",
            abstract: "Check the notice templates and print the email one party would get (nothing is sent or saved).")
        @OptionGroup var options: DeskOptions
        @Option(help: "outage, update or restoration") var notice: PreviewedEmail = .outage
        @Option(help: "The party, by name (default: the first practice).") var party: String?
        @Option(help: "A template file to check instead of the configured one.") var template: String?

        var terminal: String { "cli" }

        func run(_ session: Session) throws {
            let context = session.context
            let store = session.store
            let settings = try context.settings()
            var composer = context.composer(settings)
            if let template {
                do {
                    let checked = try NoticeTemplates.read(URL(fileURLWithPath: template))
                    switch notice {
                    case .outage: composer.outageTemplate = checked
                    case .restoration: composer.restorationTemplate = checked
                    case .update: composer.updateTemplate = checked
                    }
                } catch { throw DeskFailure("\(error)") }
            } else if let warning = notice.kind.map({ NoticeTemplates.load($0, paths: context.paths).warning })
                        ?? NoticeTemplates.loadUpdate(paths: context.paths).warning {
                throw DeskFailure(warning)
            }
            let directory = try store.organisations()
            let target: Organisation
            if let party { target = try CommandInputs.party(party, store: store, option: "--party") }
            else if let first = directory.first(where: { $0.kind == .practice }) { target = first }
            else { throw DeskFailure("the directory is empty: import one first (downtime-desk import directory FILE)") }
            let now = session.now
            var outage = Outage(system: settings.system, since: now.addingTimeInterval(-25 * 60), reason: "", declaredAt: now, declaredBy: "preview")
            if notice == .restoration { outage.restoredAt = now }
            let known = NoticeComposer.recipients(of: target, contacts: (try store.contacts())[target.id] ?? [])
            let recipients = known.isEmpty ? [try EmailAddress(parsing: "no-address@example.invalid")] : known
            let mail: OutgoingMail
            if let kind = notice.kind {
                let round = Notice(outageID: outage.id, kind: kind, createdAt: now,
                                   deadline: now.addingTimeInterval(composer.acknowledgeWithin))
                mail = composer.compose(outage: outage, notice: round, party: target, position: 0,
                                        recipients: recipients, directory: directory, now: now)
            } else {
                let update = OutageUpdate(outageID: outage.id, message: "What is known now, and what to do.",
                                          eta: now.addingTimeInterval(3600), at: now, by: "preview")
                mail = composer.compose(update: update, outage: outage, to: .party(target, recipients: recipients),
                                        position: 0, directory: .init(directory), now: now)
            }
            // Readable rather than as sent (the body goes quoted-printable); --format raw is not needed to check wording.
            print("From: \(HeaderText.mailbox(name: mail.fromName, address: mail.from))\nTo: \(mail.to.map(\.value).joined(separator: ", "))\n"
                  + "Subject: \(mail.subject)\n\n\(HeaderText.plainBody(mail.body))")
        }
    }
}

extension NoticeKind: ExpressibleByArgument {}

/// Which email `notify preview` shows: a notice of either kind, or an update.
enum PreviewedEmail: String, ExpressibleByArgument, CaseIterable {
    case outage, update, restoration

    var kind: NoticeKind? { NoticeKind(rawValue: rawValue) }
}

/// `notify send --format json`: what was handed to the mail command, what it refused, what was not tried.
struct DeliveryJSON: Encodable {
    let sent: [String], failed: [[String: String]], not_tried: [String]
}

/// `notify list --format json`: one notice email. `error` and `sent_at` are null until there is one;
/// `next_attempt_at` is null once it is sent.
struct OutboxMessageJSON: Encodable {
    let reference: String, about: String, party: String, subscriber: OrNull<String>, to: [String], subject: String
    let message_id: String, status: String
    let attempts: Int, error: OrNull<String>, queued_at: String, sent_at: OrNull<String>
    let next_attempt_at: OrNull<String>

    init(_ message: OutboxMessage, party: String) {
        reference = message.reference; self.party = party; to = message.recipients.map(\.value)
        about = message.updateID == nil ? "notice" : "update"; subscriber = OrNull(message.subscriber?.value)
        subject = message.subject; message_id = message.messageID; status = message.status.rawValue
        attempts = message.attempts; error = OrNull(message.lastError); queued_at = Instant.iso(message.queuedAt)
        sent_at = OrNull(message.sentAt.map(Instant.iso))
        next_attempt_at = OrNull(message.status == .sent ? nil : Instant.iso(message.nextAttemptAt))
    }
}
