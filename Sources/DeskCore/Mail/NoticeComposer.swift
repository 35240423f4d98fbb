import Foundation

/// Turns a notice round into one email per party from the service's templates.
public struct NoticeComposer: Sendable {
    public var outageTemplate: NoticeTemplate
    public var restorationTemplate: NoticeTemplate
    public var updateTemplate: NoticeTemplate = .fallbackUpdate
    /// The sender; nil uses the service host's first address from the directory.
    public var from: EmailAddress?
    public var fromName: String
    public var zone: TimeZone
    /// How long parties have to acknowledge before they are overdue and called.
    public var acknowledgeWithin: TimeInterval

    public init(outageTemplate: NoticeTemplate = .fallbackOutage, restorationTemplate: NoticeTemplate = .fallbackRestoration,
                from: EmailAddress? = nil, fromName: String = "Downtime Desk", zone: TimeZone = .current,
                acknowledgeWithin: TimeInterval = 30 * 60) {
        self.outageTemplate = outageTemplate; self.restorationTemplate = restorationTemplate; self.from = from
        self.fromName = fromName; self.zone = zone; self.acknowledgeWithin = acknowledgeWithin
    }

    /// Who receives a party's notice: the organisation's addresses, then its contacts', each once.
    public static func recipients(of organisation: Organisation, contacts: [Contact]) -> [EmailAddress] {
        recipients(of: organisation, contactEmails: contacts.sorted { $0.position < $1.position }.map(\.emails))
    }

    /// The same, from each contact's addresses alone (in the contacts' order): what a round reads of them.
    public static func recipients(of organisation: Organisation, contactEmails: [[EmailAddress]]) -> [EmailAddress] {
        var seen = Set<String>()
        return (organisation.emails + contactEmails.joined()).filter { seen.insert($0.normalised).inserted }
    }

    /// What every party's notice in a round takes from the directory, worked out once per round: the practice
    /// phone list alone, written again for each of 1,000 parties, made a round take eleven seconds.
    public struct RoundDirectory: Sendable {
        public let host: Organisation?
        public let practicePhones: String

        public init(_ directory: [Organisation]) {
            host = directory.first { $0.kind == .host }
            practicePhones = directory.filter { $0.kind == .practice && $0.participating }.map {
                "  \($0.name): " + ($0.phones.isEmpty ? "(no number known)" : $0.phones.map(\.description).joined(separator: ", "))
            }.joined(separator: "\n")
        }
    }

    /// The values every email about this outage shares; `notice` nil for an update, which has no deadline.
    func values(outage: Outage, notice: Notice?, reference: String, directory: RoundDirectory) -> [String: String] {
        let host = directory.host
        let end = outage.restoredAt ?? notice?.createdAt ?? outage.since
        return [
            "reference": reference,
            "system": outage.system,
            "since": Instant.readable(outage.since, zone: zone),
            "restored_at": outage.restoredAt.map { Instant.readable($0, zone: zone) } ?? "",
            "duration": Instant.elapsed(end.timeIntervalSince(outage.since)),
            "reason": outage.reason.isEmpty ? "not yet known" : outage.reason,
            "instructions": outage.instructions,
            "practice_phones": directory.practicePhones,
            "host": host?.name ?? "the service host",
            "host_phone": host?.phones.first?.description ?? "",
            "deadline": notice.map { Instant.readable($0.deadline, zone: zone) } ?? "",
        ]
    }

    public func compose(outage: Outage, notice: Notice, party: Organisation, position: Int, recipients: [EmailAddress],
                        directory: [Organisation], now: Date) -> OutgoingMail {
        compose(outage: outage, notice: notice, party: party, position: position, recipients: recipients,
                directory: RoundDirectory(directory), now: now)
    }

    public func compose(outage: Outage, notice: Notice, party: Organisation, position: Int, recipients: [EmailAddress],
                        directory: RoundDirectory, now: Date) -> OutgoingMail {
        compose(.notice(notice, outage: outage), to: .party(party, recipients: recipients),
                reference: notice.reference(forPartyAt: position), directory: directory, now: now)
    }

    static let fallbackSender = try! EmailAddress(parsing: "downtime-desk@localhost.localdomain")
}

extension NoticeTemplate {
    /// Used only if no template file can be read at all: short, but it still carries the reference.
    public static let fallbackOutage = NoticeTemplate(
        subject: "[{{reference}}] OUTAGE: {{system}} unavailable since {{since}} - please acknowledge",
        body: "{{system}} is unavailable since {{since}}.\n\n{{instructions}}\n\nPlease reply to this email to acknowledge.\n\nPractice phone numbers:\n{{practice_phones}}",
        source: "built-in outage notice")
    public static let fallbackUpdate = NoticeTemplate(
        subject: "[{{reference}}] UPDATE: {{system}} still unavailable - {{update_at}}",
        body: "{{message}}\n\nExpected back: {{eta}}\n\nNo acknowledgment is needed for this update.",
        source: "built-in update notice")
    public static let fallbackRestoration = NoticeTemplate(
        subject: "[{{reference}}] RESTORED: {{system}} is available again - please acknowledge",
        body: "{{system}} was restored at {{restored_at}} after {{duration}}. Normal service may resume.\n\nPlease reply to this email to acknowledge.",
        source: "built-in restoration notice")
}

/// The reply-matching tokens: `DD-7F3A2C` for a round, `DD-7F3A2C-07` for one party's message in it; `DU-…` the
/// same for an update (whose replies are noted, never counted).
public enum NoticeToken {
    public static func all(in text: String) -> [String] {
        var found: [String] = []
        let chars = Array(text.uppercased())
        var i = 0
        while i + 9 <= chars.count {
            if chars[i] == "D", chars[i + 1] == "D" || chars[i + 1] == "U", chars[i + 2] == "-",
               chars[(i + 3)..<(i + 9)].allSatisfy(\.isHexDigit),
               i == 0 || !(chars[i - 1].isLetter || chars[i - 1].isNumber) {
                var end = i + 9
                if end + 1 < chars.count, chars[end] == "-", chars[end + 1].isASCII, chars[end + 1].isNumber {
                    end += 1
                    while end < chars.count, chars[end].isASCII, chars[end].isNumber { end += 1 }
                }
                found.append(String(chars[i..<end]))
                i = end
            } else { i += 1 }
        }
        return found
    }
}
