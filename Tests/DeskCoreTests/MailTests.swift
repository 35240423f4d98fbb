import Foundation
import Testing
@testable import DeskCore

@Suite struct OutgoingMailTests {
    let utc = TimeZone(identifier: "UTC")!
    let date = Instant.parse("2026-11-21T10:00:00Z", zone: TimeZone(identifier: "UTC")!)!

    func mail(subject: String = "[DD-ABC123-01] OUTAGE", body: String = "Hello", fromName: String = "Downtime Desk") -> OutgoingMail {
        OutgoingMail(from: try! EmailAddress(parsing: "oncall@host.example.org"), fromName: fromName,
                     to: [try! EmailAddress(parsing: "a@x.example.org"), try! EmailAddress(parsing: "b@y.example.org")],
                     subject: subject, body: body, messageID: "dd-abc123-01.1@host.example.org", date: date, zone: utc, reference: "DD-ABC123-01")
    }

    func headers(_ text: String) -> [String] {
        String(text[..<text.range(of: "\n\n")!.lowerBound]).split(separator: "\n").map(String.init)
    }

    @Test func aNoticeIsProperRFC5322() throws {
        let text = mail().rendered
        let lines = headers(text)
        #expect(lines.contains("Date: Sat, 21 Nov 2026 10:00:00 +0000"))
        #expect(lines.contains("From: \"Downtime Desk\" <oncall@host.example.org>"))
        #expect(lines.contains("To: a@x.example.org, b@y.example.org"))
        #expect(lines.contains("Message-ID: <dd-abc123-01.1@host.example.org>"))
        #expect(lines.contains("Content-Type: text/plain; charset=utf-8"))
        #expect(lines.allSatisfy { $0.count <= 78 }, "no header line over 78 characters")
        let parsed = try InboundMail(parsing: text)
        #expect(parsed.subject == "[DD-ABC123-01] OUTAGE")
    }

    @Test("line breaks in a subject or a name cannot add a header", arguments: ["Fault\r\nBcc: evil@example.org", "Fault\nBcc: evil@example.org", "Fault\u{85}Bcc: evil@example.org"])
    func headerInjectionIsNeutralised(_ hostile: String) throws {
        let text = mail(subject: "[DD-ABC123-01] \(hostile)", fromName: hostile).rendered
        let parsed = try InboundMail(parsing: text)
        #expect(parsed.header("bcc") == nil)
        #expect(!headers(text).contains { $0.lowercased().hasPrefix("bcc:") })
        #expect(parsed.subject.contains("Bcc: evil@example.org"), "the text survives, on the subject's own line")
    }

    @Test func nonASCIISubjectsAndBodiesAreEncodedAndComeBackIntact() throws {
        let subject = "[DD-ABC123-01] Ymgynghoriad — système hors service ✓ " + String(repeating: "é", count: 60)
        let body = "Café ☕ line one\n.\nFrom the desk\nA line that is long enough to need a soft break because it goes well past seventy-six characters of width"
        let text = mail(subject: subject, body: body).rendered
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII }, "7-bit clean on the wire")
        let parsed = try InboundMail(parsing: text)
        #expect(parsed.subject == subject)
        #expect(QuotedPrintable.decode(parsed.body).trimmingCharacters(in: .newlines) == body)
        #expect(!parsed.body.split(separator: "\n").contains("."), "a lone dot is encoded so no transport ends the message early")
        #expect(parsed.body.split(separator: "\n").allSatisfy { $0.count <= 76 })
    }

    @Test func aQuotedNameIsEscaped() {
        #expect(HeaderText.mailbox(name: "The \"Desk\"", address: try! EmailAddress(parsing: "a@b.org")) == "\"The \\\"Desk\\\"\" <a@b.org>")
    }
}

@Suite struct NoticeTemplateTests {
    @Test func theShippedTemplatesParse() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Templates")
        for name in ["outage-notice.txt", "restoration-notice.txt", "update-notice.txt"] {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let template = try NoticeTemplate(parsing: text, source: name)
            #expect(template.subject.contains("{{reference}}"))
        }
    }

    @Test func anUnknownPlaceholderIsNamedWithItsLine() {
        #expect(throws: NoticeTemplate.Problem(source: "t.txt", line: 4,
                                               message: "unknown placeholder {{sytem}}; known: \(NoticeTemplate.placeholders.keys.sorted().joined(separator: ", "))")) {
            try NoticeTemplate(parsing: "# comment\nSubject: [{{reference}}] down\n\nThe {{sytem}} is down", source: "t.txt")
        }
    }

    @Test("bad templates say what is wrong", arguments: [
        ("Subject: no token here\n\nbody", "must carry {{reference}}"),
        ("Hello\n\nbody", "must start with a 'Subject:' line"),
        ("Subject: [{{reference}}]\nbody straight after", "a blank line must follow the subject"),
        ("Subject: [{{reference}}]\n\nThe {{system is down", "'{{' is not closed"),
        ("Subject: [{{reference}}]\n\n", "the message body is empty"),
    ])
    func refused(_ text: String, _ expected: String) {
        do { _ = try NoticeTemplate(parsing: text, source: "t.txt"); Issue.record("accepted: \(text)") }
        catch { #expect(error.description.contains(expected), "\(error)") }
    }

    @Test func valuesGoIntoTheSubjectOnOneLine() {
        let template = NoticeTemplate(subject: "[{{reference}}] {{reason}}", body: "Reason:\n{{reason}}", source: "t")
        let rendered = template.render(["reference": "DD-1", "reason": "power\nBcc: x@y.org"])
        #expect(rendered.subject == "[DD-1] power Bcc: x@y.org")
        #expect(rendered.body == "Reason:\npower\nBcc: x@y.org", "the body may hold line breaks: it has no headers to break into")
    }
}

@Suite struct InboundMailTests {
    @Test func aReplyIsReadWithFoldedHeadersAndEncodedWords() throws {
        let mail = try InboundMail(parsing: """
            From: =?utf-8?B?R3dlbiBUw6FsbGlz?= <Gwen@Marsh.example.org>\r
            Subject: Re: [DD-ABC123-07] OUTAGE:\r
             Dental RMS\r
            In-Reply-To: <dd-abc123-07.1@host.example.org>\r
            References: <x@y> <dd-abc123-07.1@host.example.org>\r
            \r
            Received, thanks.\r
            """)
        #expect(mail.from == "Gwen Tállis <Gwen@Marsh.example.org>")
        #expect(mail.fromAddress == "gwen@marsh.example.org")
        #expect(mail.subject == "Re: [DD-ABC123-07] OUTAGE: Dental RMS")
        #expect(mail.repliesTo == ["dd-abc123-07.1@host.example.org", "x@y", "dd-abc123-07.1@host.example.org"])
        #expect(NoticeToken.all(in: mail.subject) == ["DD-ABC123-07"])
        #expect(mail.automaticKind == nil)
    }

    @Test func aCutShortMessageIsMalformed() {
        #expect(throws: InboundMail.Malformed.endsInHeaders) { try InboundMail(parsing: "From: a@b.org\nSubject: Re: [DD-ABC123-01] OUT") }
        #expect(throws: InboundMail.Malformed.notAHeader(line: 2)) { try InboundMail(parsing: "From: a@b.org\nthis is not a header\n\nbody") }
        #expect(throws: InboundMail.Malformed.missingFrom) { try InboundMail(parsing: "Subject: hi\n\nbody") }
        #expect(throws: InboundMail.Malformed.empty) { try InboundMail(parsing: "\n\n") }
    }

    @Test func bouncesAndAutomaticRepliesAreNotPeople() throws {
        let bounce = try InboundMail(parsing: "From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\nSubject: Undelivered: [DD-ABC123-01]\n\nbody")
        #expect(bounce.automaticKind == "bounce")
        let report = try InboundMail(parsing: "From: postmaster@x.org\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\n\nbody")
        #expect(report.automaticKind == "bounce")
        let away = try InboundMail(parsing: "From: a@b.org\nAuto-Submitted: auto-replied\nSubject: Re: [DD-ABC123-01]\n\nI am away")
        #expect(away.automaticKind == "automatic reply")
        let person = try InboundMail(parsing: "From: a@b.org\nAuto-Submitted: no\nSubject: Re: [DD-ABC123-01]\n\nGot it")
        #expect(person.automaticKind == nil)
    }

    @Test func tokensAreFoundOnlyWhole() {
        #expect(NoticeToken.all(in: "Re: [dd-abc123-07] and DD-FFFFFF") == ["DD-ABC123-07", "DD-FFFFFF"])
        #expect(NoticeToken.all(in: "ODD-ABC123 DD-12345 DD-GGGGGG").isEmpty)
    }

    @Test func mailDatesParseInTheCommonForms() {
        let expected = Instant.parse("2026-11-21T10:02:11Z", zone: TimeZone(identifier: "UTC")!)!
        #expect(MailDate.parse("Sat, 21 Nov 2026 10:02:11 +0000") == expected)
        #expect(MailDate.parse("21 Nov 2026 11:02:11 +0100 (CET)") == expected)
        #expect(MailDate.parse("yesterday") == nil)
    }
}
