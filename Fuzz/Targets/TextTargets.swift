import Foundation
import DeskCore

/// Texts read from outside: a reply in a Maildir, and a notice template a service edits.
enum TextTargets {
    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// A reply is read or refused in words; what the matching reads from it (tokens, sender, date) never fails,
    /// and a reference token is always of the form the outbox writes.
    static func mailMessage(_ bytes: [UInt8]) throws(FuzzViolation) {
        let mail: InboundMail
        do { mail = try InboundMail(parsing: text(bytes)) } catch {
            try Invariant.inWords("\(error)", "a mail message"); return
        }
        let tokens = NoticeToken.all(in: mail.subject)
            + NoticeToken.all(in: mail.header("x-downtime-desk-reference") ?? "")
        for token in tokens {
            try Invariant.that(token.hasPrefix("DD-") || token.hasPrefix("DU-"), "a token that is not one: \(token)")
            try Invariant.that(token.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 32 },
                               "a token with a character the outbox never writes: \(token.debugDescription)")
        }
        if let address = mail.fromAddress {
            try Invariant.that(address == address.lowercased(), "a sender address not lower-cased: \(address)")
        }
        _ = mail.automaticKind
        _ = mail.repliesTo
        _ = mail.header("date").flatMap(MailDate.parse)
        _ = QuotedPrintable.decode(mail.body)
    }

    /// A template is read or refused with its line; one that is read renders any values without a line break in
    /// the subject (a header), whatever the values hold.
    static func noticeTemplate(_ bytes: [UInt8]) throws(FuzzViolation) {
        let template: NoticeTemplate
        do { template = try NoticeTemplate(parsing: text(bytes), source: "fuzz.txt") } catch {
            try Invariant.inWords("\(error)", "a notice template"); return
        }
        let hostile = "x\r\nBcc: evil@example.org\u{85}\u{2028}"
        let values = Dictionary(uniqueKeysWithValues: NoticeTemplate.placeholders.keys.map { ($0, hostile) })
        let rendered = template.render(values)
        try Invariant.that(!rendered.subject.unicodeScalars.contains { Sanitise.isControl($0) },
                           "a rendered subject holds a line break: \(rendered.subject.debugDescription)")
        try Invariant.that(template.subject.contains("{{reference}}"), "a template accepted without {{reference}}")
    }
}
