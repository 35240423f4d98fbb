import Foundation
import ArgumentParser
import DeskCore
import DeskStore

/// `downtime-desk ack ORG`: a party's acknowledgment, recorded by hand.
struct AckCommand: StoreCommand {
    static let configuration = CommandConfiguration(commandName: "ack",
        abstract: "Record that a party acknowledged the current outage or restoration notice.")
    @OptionGroup var options: DeskOptions
    @Argument(help: "The party, by name (case-insensitive) or id.") var organisation: String
    @Option(help: "How it reached you: app, phone or email.") var via: AckChannel
    @Option(help: "Which notice: outage or restoration (default: the latest).") var notice: NoticeKind?
    @Option(help: "Who acknowledged (default: you).") var by: String?
    @Option(help: "A note.") var note = ""

    func run(_ session: Session) throws {
        let party = try CommandInputs.party(organisation, store: session.store)
        let who = by ?? session.actor.user
        guard !Sanitise.containsControl(who), !Sanitise.containsControl(note) else { throw DeskFailure("--by and --note must be printable text on one line") }
        let operation = DeskOperation.acknowledge(.init(organisationID: party.id, kind: notice, via: via, by: who,
                                                        note: note))
        guard case .acknowledged(_, let round, let already) = try session.applyAndSay(operation) else { return }
        if !already { print("\(round.notice.heading) \(round.notice.reference): \(round.progress(at: session.now)).") }
    }
}

extension AckChannel: ExpressibleByArgument {}

/// `downtime-desk acks scan MAILDIR`: acknowledgments from email replies.
struct AcksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "acks", abstract: "Acknowledgments from email replies.", subcommands: [Scan.self])

    struct Scan: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "scan",
            abstract: "Read replies from a Maildir (new/ and cur/) and record the acknowledgments they carry. Safe to run again.")
        @OptionGroup var options: DeskOptions
        @Argument(help: "The Maildir folder, as fetchmail, getmail, offlineimap or an MTA delivers it.") var maildir: String
        @Option(help: "text or json") var format: OutputFormat = .text

        var terminal: String { "cli" }

        func run(_ session: Session) throws {
            let files = try MaildirReader.files(in: maildir)
            func read(_ reply: DeskOperation.RecordReply) throws -> ReplyOutcome {
                guard case .replyRead(let outcome) = try session.apply(.recordReply(reply)) else {
                    return .alreadyScanned
                }
                return outcome
            }
            var results: [(file: String, outcome: ReplyOutcome)] = []
            for file in files {
                let key = MaildirReader.key(for: file)
                let outcome: ReplyOutcome
                switch MaildirReader.read(file) {
                case .success(let mail):
                    outcome = try read(.init(key: mail.messageID.map { "id:" + $0 } ?? key, mail: mail))
                case .failure(let reason):
                    outcome = try read(.init(key: key, unreadable: reason.description))
                }
                results.append(((file as NSString).lastPathComponent, outcome))
            }
            switch format {
            case .json:
                print(try JSONOutput.encode(results.map { ScannedReplyJSON(file: $0.file, outcome: $0.outcome) }))
            case .text:
                var counts = (acknowledged: 0, duplicate: 0, seen: 0, ignored: 0, unverified: 0, noted: 0)
                for r in results {
                    switch r.outcome {
                    case .acknowledged(let party, let notice, let sender):
                        counts.acknowledged += 1; print("acknowledged  \(party) (\(notice)) from \(sender)")
                    case .alreadyAcknowledged(let party, _): counts.duplicate += 1; print("duplicate     \(party) had already acknowledged (\(r.file))")
                    case .unverified(let party, let notice, let sender):
                        counts.unverified += 1
                        print("unverified    \(party) (\(notice)): reply from \(sender), not a known address: "
                            + "confirm by phone")
                    case .noted(let sender, let reference):
                        counts.noted += 1
                        print("noted         \(sender) replied to \(reference) (not an acknowledgment)")
                    case .unsubscribed(let address):
                        counts.noted += 1
                        print("unsubscribed  \(address) asked to be taken off the communications list")
                    case .alreadyScanned: counts.seen += 1
                    case .ignored(let why): counts.ignored += 1; print("ignored       \(r.file): \(why)")
                    }
                }
                print("\(files.count) message\(files.count == 1 ? "" : "s") read: \(counts.acknowledged) acknowledgment\(counts.acknowledged == 1 ? "" : "s") recorded, "
                      + "\(counts.duplicate) duplicate, \(counts.ignored) ignored, \(counts.seen) already scanned"
                      + (counts.noted > 0 ? ", \(counts.noted) noted (not acknowledgments)" : "")
                      + (counts.unverified > 0 ? ", \(counts.unverified) unverified (still on the call-sheet)." : "."))
            }
        }
    }
}

/// Lists and reads the messages of a Maildir (new/ and cur/; tmp/ holds deliveries still being written).
enum MaildirReader {
    static func files(in folder: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DeskFailure("\(folder): no such folder")
        }
        let subfolders = ["new", "cur"].map { folder + "/" + $0 }.filter { FileManager.default.fileExists(atPath: $0) }
        guard !subfolders.isEmpty else { throw DeskFailure("\(folder) is not a Maildir: it has neither new/ nor cur/") }
        return subfolders.flatMap { sub in
            ((try? FileManager.default.contentsOfDirectory(atPath: sub)) ?? []).filter { !$0.hasPrefix(".") }.sorted().map { sub + "/" + $0 }
        }
    }

    /// A Maildir name stays the same when a reader moves it from new/ to cur/ and adds flags after ":2,".
    static func key(for file: String) -> String {
        "file:" + ((file as NSString).lastPathComponent.split(separator: ":").first.map(String.init) ?? file)
    }

    static func read(_ file: String) -> Result<InboundMail, ReadProblem> {
        guard let data = FileManager.default.contents(atPath: file) else { return .failure(ReadProblem("cannot be read")) }
        guard data.count <= 10_000_000 else { return .failure(ReadProblem("larger than 10 MB")) }
        // Mail is not always UTF-8; bytes that are not become U+FFFD and the headers can still be read.
        let text = String(data: data, encoding: .utf8) ?? String(decoding: data, as: UTF8.self)
        do { return .success(try InboundMail(parsing: text)) } catch { return .failure(ReadProblem(error.description)) }
    }

    struct ReadProblem: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

/// `acks scan --format json`: what became of each file; keys that do not apply to a result are left out.
struct ScannedReplyJSON: Encodable {
    let file: String, result: String
    var party: String?, notice: String?, sender: String?, reason: String?

    init(file: String, outcome: ReplyOutcome) {
        self.file = file
        switch outcome {
        case .acknowledged(let party, let notice, let sender):
            result = "acknowledged"; self.party = party; self.notice = notice; self.sender = sender
        case .alreadyAcknowledged(let party, let notice):
            result = "already-acknowledged"; self.party = party; self.notice = notice
        case .unverified(let party, let notice, let sender):
            result = "unverified"; self.party = party; self.notice = notice; self.sender = sender
            reason = "not a known address for \(party): confirm by phone"
        case .noted(let sender, let reference):
            result = "noted"; notice = reference; self.sender = sender
            reason = "a reply to an update or a subscriber's copy: kept, not an acknowledgment"
        case .unsubscribed(let address):
            result = "unsubscribed"; self.sender = address; reason = "taken off the communications list"
        case .alreadyScanned: result = "already-scanned"
        case .ignored(let why): result = "ignored"; reason = why
        }
    }
}
