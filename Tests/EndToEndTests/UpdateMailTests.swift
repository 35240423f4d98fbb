import Foundation
import Testing

/// Updates and the communications list through real parts: the real binary, msmtp speaking SMTP to a local sink.
@Suite(.serialized) struct UpdateMailTests {
    @Test(.enabled(if: NoticeMailTests.realMailParts))
    func anUpdateReachesEveryPartyAndSubscriberOnceAndNoMessageCanAddARecipient() throws {
        let mail = NoticeMailTests()
        let (sandbox, db) = try mail.demo()
        // A site's template that puts the host's words in the subject: the words must stay on its line.
        _ = sandbox.write("config/downtime-desk/Templates/update-notice.txt", Array("""
            Subject: [{{reference}}] UPDATE on {{system}}: {{message}}

            To: {{party}}

            {{message}}

            Expected back: {{eta}}
            """.utf8))
        let host = ["--site", "Referral Systems Hosting"]
        let badName = try sandbox.run(["subscriber", "add", "owner@example.org", "--name",
                                       "Owner\r\nBcc: evil@example.org"] + host + db)
        #expect(badName.status != 0 && badName.err.contains("--name must be at most 120 printable characters"))
        #expect(try sandbox.run(["subscriber", "list"] + db).out.hasPrefix("No one is on the communications list"))
        #expect(try sandbox.run(["subscriber", "add", "owner@example.org", "--name", "Practice owner"]
                                + host + db).status == 0)
        #expect(try sandbox.run(["subscriber", "add", "icb.oncall@example.nhs.uk", "--for", "hssi"]
                                + host + db).status == 0)
        let badAddress = try sandbox.run(["subscriber", "add", "owner@example.org>, evil@example.org"] + host + db)
        #expect(badAddress.status != 0 && badAddress.err.contains("invalid character"), "\(badAddress.err)")
        #expect(try sandbox.run(["outage", "declare", "--system", "Dental RMS"] + host + db).status == 0)
        let update = try sandbox.run(["outage", "update", "--message",
                                      "Disk fault\r\nBcc: evil@example.org\nCc: x@y.org",
                                      "--eta", "2099-01-01T12:00"] + host + db)
        #expect(update.status == 0, "\(update.err)")
        #expect(update.out.contains("20 emails queued, to 18 parties and 2 subscribers."), "\(update.out)")

        let (sink, port, inbox) = try NoticeMailTests.startSink(sandbox)
        defer { kill(sink.processIdentifier, SIGKILL); sink.waitUntilExit() }
        let msmtp = "msmtp --host=127.0.0.1 --port=\(port) --auth=off --tls=off "
            + "--from=support@referral-host.example.org -t"
        let sent = try sandbox.run(["notify", "send", "--sendmail", msmtp] + host + db)
        #expect(sent.status == 0 && sent.out.contains("Sent 40 emails."), "\(sent.out)\(sent.err)")

        let listing = try JSONSerialization.jsonObject(with: Data(try sandbox.run(["notify", "list", "--format", "json"]
                                                                                  + db).out.utf8)) as! [[String: Any]]
        let received = try NoticeMailTests.received(inbox)
        #expect(received.count == 40 && listing.count == 40,
                "18 parties and 2 subscribers, for the notice and the update")
        for message in received {
            let rcpt = message["rcpt_tos"] as! [String]
            #expect(!rcpt.contains { $0.contains("evil") || $0 == "x@y.org" }, "no message gained a recipient")
            let data = message["data"] as! String
            #expect(mail.header("Bcc", in: data) == nil && mail.header("Cc", in: data) == nil, "\(data)")
        }
        for entry in listing {
            let reference = entry["reference"] as! String
            let copies = received.filter {
                mail.header("X-Downtime-Desk-Reference", in: $0["data"] as! String) == reference
            }
            #expect(copies.count == 1, "\(reference): exactly one message")
            guard let copy = copies.first else { continue }
            #expect(Set(copy["rcpt_tos"] as! [String]) == Set(entry["to"] as! [String]))
            let data = copy["data"] as! String
            let isSubscriber = !(entry["subscriber"] is NSNull)
            #expect((mail.header("List-Unsubscribe", in: data) != nil) == isSubscriber, "\(reference)")
            #expect(data.contains("UNSUBSCRIBE") == isSubscriber, "\(reference): how to leave, only to subscribers")
            if entry["about"] as? String == "update" {
                #expect(reference.hasPrefix("DU-"))
                #expect(mail.header("Subject", in: data)?.contains("Disk fault  Bcc: evil@example.org") == true
                        || mail.header("Subject", in: data)?.contains("Disk fault Bcc: evil@example.org") == true,
                        "\(mail.header("Subject", in: data) ?? "")")
            }
        }
        let report = try sandbox.run(["report", "outage"] + db)
        #expect(report.out.contains("Updates: 1, the last at"), "\(report.out)")
        #expect(report.out.contains("Communications list: 4 emails to subscribers, 4 sent"), "\(report.out)")
        #expect(report.out.contains("Outage notice") && report.out.contains("0/18 acknowledged"))
        let removed = try sandbox.run(["subscriber", "remove", "owner@example.org"] + host + db)
        #expect(removed.out.contains("Took owner@example.org off the communications list."))
        #expect(try sandbox.run(["subscriber", "list"] + db).out
                == "icb.oncall@example.nhs.uk  (high-severity incidents only)\n")
    }

    @Test func theUpdateTemplateIsPreviewedAndABadOneIsNamedWithItsLine() throws {
        let (sandbox, db) = try NoticeMailTests().demo()
        let preview = try sandbox.run(["notify", "preview", "--notice", "update", "--party", "Kestrel"] + db)
        #expect(preview.status == 0, "\(preview.err)")
        #expect(preview.out.contains("UPDATE: Dental RMS still unavailable")
                && preview.out.contains("No acknowledgment is needed for this update."), "\(preview.out)")
        let bad = sandbox.write("bad-update.txt", Array("Subject: [{{reference}}] {{mesage}}\n\nBody\n".utf8))
        let checked = try sandbox.run(["notify", "preview", "--notice", "update", "--template", bad] + db)
        #expect(checked.status != 0 && checked.err.contains("line 1: unknown placeholder {{mesage}}"), "\(checked.err)")
    }
}
