import Foundation
import Testing

/// Notice rounds through real parts: msmtp talking SMTP to a local sink, a Maildir of real replies, and the
/// mistakes a service can make in its settings and templates.
@Suite(.serialized) struct NoticeMailTests {
    func demo(config: String? = nil) throws -> (Sandbox, [String]) {
        let sandbox = try Sandbox()
        #expect(try sandbox.run(["demo", "--db", sandbox.database]).status == 0)
        try FileManager.default.createDirectory(atPath: sandbox.folder + "/config/downtime-desk/Templates", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: sandbox.folder + "/spool", withIntermediateDirectories: true)
        _ = sandbox.write("config/downtime-desk/config.toml",
                          Array((config ?? "[mail]\nsendmail = \"cat > '\(sandbox.folder)/spool/'$$.eml\"\n").utf8))
        return (sandbox, ["--db", sandbox.database])
    }

    func spooled(_ sandbox: Sandbox) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: sandbox.folder + "/spool").sorted()
            .map { try String(contentsOfFile: sandbox.folder + "/spool/" + $0, encoding: .utf8) }
    }

    func header(_ name: String, in message: String) -> String? {
        var value: String?
        // Only the header block: the first blank line ends it, whether lines end in CR LF (as SMTP has them) or LF.
        let unix = message.replacingOccurrences(of: "\r", with: "")
        let block = unix.components(separatedBy: "\n\n")[0].replacingOccurrences(of: "\n ", with: " ")
        for line in block.split(separator: "\n")
        where line.lowercased().hasPrefix(name.lowercased() + ":") { value = String(line.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces) }
        return value
    }

    /// A local SMTP server (aiosmtpd) that writes each message it receives as JSON into `inbox`, on a free port.
    static func startSink(_ sandbox: Sandbox) throws -> (Process, port: String, inbox: String) {
        let inbox = sandbox.folder + "/inbox"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let sink = Process()
        sink.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/smtp_sink.py").path
        sink.arguments = ["python3", script, inbox, sandbox.folder + "/port", "60"]
        try sink.run()
        var port = ""
        let deadline = Date().addingTimeInterval(20)
        while port.isEmpty && Date() < deadline {
            port = (try? String(contentsOfFile: sandbox.folder + "/port", encoding: .utf8)) ?? ""
            Thread.sleep(forTimeInterval: 0.05)
        }
        if port.isEmpty { kill(sink.processIdentifier, SIGKILL); sink.waitUntilExit() }
        try #require(!port.isEmpty, "the SMTP sink did not start")
        return (sink, port, inbox)
    }

    /// Every message the sink received, as aiosmtpd handed it over (`rcpt_tos`, `data`).
    static func received(_ inbox: String) throws -> [[String: Any]] {
        try FileManager.default.contentsOfDirectory(atPath: inbox).filter { $0.hasSuffix(".json") }.map {
            let data = try Data(contentsOf: URL(fileURLWithPath: inbox + "/" + $0))
            return try JSONSerialization.jsonObject(with: data) as! [String: Any]
        }
    }

    static var realMailParts: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/msmtp")
            && (try? { let p = Process(); p.executableURL = URL(fileURLWithPath: "/usr/bin/env"); p.arguments = ["python3", "-c", "import aiosmtpd"]
                       p.standardError = FileHandle.nullDevice; try p.run(); p.waitUntilExit(); return p.terminationStatus == 0 }()) == true
    }

    /// In CI the parts are installed by .ci/run, so their absence there is a failure, not a skip.
    @Test func ciHasTheRealMailParts() {
        if ProcessInfo.processInfo.environment["CI"] == "true" { #expect(Self.realMailParts, "install msmtp and aiosmtpd (.ci/run does)") }
    }

    @Test(.enabled(if: NoticeMailTests.realMailParts)) func everyPartysAddressReceivesExactlyOneWellFormedNoticeOverSMTP() throws {
        let (sandbox, db) = try demo()
        let (sink, port, inbox) = try Self.startSink(sandbox)
        defer { kill(sink.processIdentifier, SIGKILL); sink.waitUntilExit() }
        #expect(try sandbox.run(["outage", "declare", "--system", "Dental RMS", "--reason",
                                 "Hosting fault — data centre", "--site", "Referral Systems Hosting"] + db).status == 0)
        let msmtp = "msmtp --host=127.0.0.1 --port=\(port) --auth=off --tls=off --from=support@referral-host.example.org -t"
        let sent = try sandbox.run(["notify", "send", "--site", "Referral Systems Hosting", "--sendmail", msmtp] + db)
        #expect(sent.status == 0 && sent.out.contains("Sent 18 emails."), "\(sent.out)\(sent.err)")

        let listing = try JSONSerialization.jsonObject(with: Data(try sandbox.run(["notify", "list", "--format", "json"] + db).out.utf8)) as! [[String: Any]]
        let received = try Self.received(inbox)
        #expect(received.count == 18 && listing.count == 18)
        for party in listing {
            let reference = party["reference"] as! String
            let messages = received.filter { header("X-Downtime-Desk-Reference", in: $0["data"] as! String) == reference }
            #expect(messages.count == 1, "\(party["party"]!): exactly one message")
            guard let message = messages.first else { continue }
            let rcpt = Set(message["rcpt_tos"] as! [String])
            #expect(rcpt == Set(party["to"] as! [String]), "\(party["party"]!): every address, nobody else")
            let data = message["data"] as! String
            #expect(data.unicodeScalars.allSatisfy { $0.isASCII })
            for name in ["Date", "From", "To", "Message-ID", "Subject", "MIME-Version", "Content-Type"] {
                #expect(header(name, in: data) != nil, "\(name) header in \(reference)")
            }
            #expect(header("Subject", in: data)?.contains("[\(reference)]") == true)
            #expect(data.contains("=E2=80=94 data centre"), "UTF-8 body, quoted-printable")
        }
        // Two practices share one mailbox: it gets one message for each, each with its own reference.
        let shared = received.filter { ($0["rcpt_tos"] as! [String]).contains("marshlane.dental@example.org") }
        #expect(shared.count == 2)
        #expect(try sandbox.run(["notify", "send", "--site", "Referral Systems Hosting", "--sendmail",
                                 msmtp] + db).out.contains("Nothing to send"), "nothing goes twice")
    }

    @Test func repliesInAMaildirAcknowledgeOnceAndTheRestIsReported() throws {
        let (sandbox, db) = try demo()
        #expect(try sandbox.run(["outage", "declare", "--system", "Dental RMS", "--site",
                                 "Referral Systems Hosting"] + db).status == 0)
        #expect(try sandbox.run(["notify", "send", "--site", "Referral Systems Hosting"] + db).status == 0)
        let listing = try JSONSerialization.jsonObject(with: Data(try sandbox.run(["notify", "list", "--format", "json"] + db).out.utf8)) as! [[String: Any]]
        func entry(_ party: String) -> [String: Any] { listing.first { $0["party"] as? String == party }! }
        let kestrel = entry("Kestrel Dental Practice"), oakfield = entry("Oakfield Dental Care"), vale = entry("Vale Dental Care")
        let maildir = sandbox.folder + "/Maildir"
        for sub in ["new", "cur", "tmp"] { try FileManager.default.createDirectory(atPath: maildir + "/" + sub, withIntermediateDirectories: true) }
        func deliver(_ name: String, _ text: String, into sub: String = "new") {
            FileManager.default.createFile(atPath: "\(maildir)/\(sub)/\(name)", contents: Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8))
        }
        deliver("1700000001.M1P1.host", """
            Return-Path: <reception@kestreldental.example.org>
            From: Kestrel Reception <reception@kestreldental.example.org>
            To: support@referral-host.example.org
            Subject: Re: [\(kestrel["reference"]!)] OUTAGE: Dental RMS unavailable
            Date: Sat, 21 Nov 2026 10:09:30 +0000
            Message-ID: <reply-1@kestreldental.example.org>

            Received and understood.
            """)
        deliver("1700000002.M2P1.host:2,S", """
            From: oakfield.dental@example.org
            Subject: ok
            In-Reply-To: <\(oakfield["message_id"]!)>
            Date: Sat, 21 Nov 2026 10:11:00 +0000

            noted
            """, into: "cur")
        deliver("1700000003.M3P1.host", """
            From: Mail Delivery System <MAILER-DAEMON@mx.toothcare.example.org>
            Subject: Undelivered Mail Returned to Sender
            Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

            --b1
            The message [\(vale["reference"]!)] could not be delivered.
            --b1--
            """)
        deliver("1700000004.M4P1.host", "From: offers@shop.example.org\nSubject: Winter sale\n\nBuy now.\n")
        deliver("1700000005.M5P1.host", "From: someone@example.org\nSubject: Re: [\(vale["reference"]!)] OUT")
        FileManager.default.createFile(atPath: maildir + "/tmp/1700000006.M6P1.host", contents: Data("half-written".utf8))

        let scan = try sandbox.run(["acks", "scan", "--site", "Referral Systems Hosting", maildir] + db)
        #expect(scan.status == 0, "\(scan.err)")
        #expect(scan.out.contains("acknowledged  Kestrel Dental Practice") && scan.out.contains("from Kestrel Reception <reception@kestreldental.example.org>"))
        #expect(scan.out.contains("acknowledged  Oakfield Dental Care"))
        #expect(scan.out.contains("1700000003.M3P1.host: bounce"))
        #expect(scan.out.contains("1700000004.M4P1.host: unrelated: no notice reference in it"))
        #expect(scan.out.contains("1700000005.M5P1.host: malformed: the message ends inside its headers (cut short?)"))
        #expect(scan.out.contains("5 messages read: 2 acknowledgments recorded, 0 duplicate, 3 ignored, 0 already scanned."), "tmp/ is never read")
        let again = try sandbox.run(["acks", "scan", "--site", "Referral Systems Hosting", maildir] + db)
        #expect(again.out.contains("5 messages read: 0 acknowledgments recorded, 0 duplicate, 0 ignored, 5 already scanned."))
        // A mail reader moving the reply from new/ to cur/ does not make it new.
        try FileManager.default.moveItem(atPath: maildir + "/new/1700000001.M1P1.host", toPath: maildir + "/cur/1700000001.M1P1.host:2,S")
        #expect(try sandbox.run(["acks", "scan", "--site", "Referral Systems Hosting",
                                 maildir] + db).out.contains("0 acknowledgments recorded"))
        let status = try sandbox.run(["outage", "status", "--format", "json"] + db).out
        #expect(status.contains("\"acknowledged\" : 2"))
        let report = try sandbox.run(["report", "outage"] + db).out
        #expect(report.contains("10:09  Kestrel Dental Practice acknowledged the outage notice by email (Kestrel Reception <reception@kestreldental.example.org>)"),
                "the reply's own time is the acknowledgment's time")
    }

    /// Anyone who has seen one notice can quote a party's reference: a reply counts only from the party's own address.
    @Test func aReplyFromAnAddressThePartyDoesNotHaveIsKeptUnverifiedAndThePartyStaysOnTheCallSheet() throws {
        let (sandbox, db) = try demo()
        #expect(try sandbox.run(["outage", "declare", "--system", "Dental RMS", "--site",
                                 "Referral Systems Hosting"] + db).status == 0)
        #expect(try sandbox.run(["notify", "send", "--site", "Referral Systems Hosting"] + db).status == 0)
        let listing = try JSONSerialization.jsonObject(with: Data(try sandbox.run(["notify", "list", "--format",
                                                                                   "json"] + db).out.utf8)) as! [[String: Any]]
        let kestrel = listing.first { $0["party"] as? String == "Kestrel Dental Practice" }!
        let maildir = sandbox.folder + "/Maildir"
        for sub in ["new", "cur",
                    "tmp"] { try FileManager.default.createDirectory(atPath: maildir + "/" + sub,
                                                                     withIntermediateDirectories: true) }
        FileManager.default.createFile(atPath: maildir + "/new/1700000011.M1P1.host", contents: Data("""
            From: Helpful Stranger <stranger@elsewhere.example.org>
            Subject: Re: [\(kestrel["reference"]!)] OUTAGE: Dental RMS unavailable
            Date: Sat, 21 Nov 2026 10:09:30 +0000

            Got it.
            """.replacingOccurrences(of: "\n", with: "\r\n").utf8))
        let scan = try sandbox.run(["acks", "scan", "--site", "Referral Systems Hosting", maildir] + db)
        #expect(scan.status == 0, "\(scan.err)")
        #expect(scan.out.contains("unverified    Kestrel Dental Practice (DD-"), "\(scan.out)")
        #expect(scan.out.contains("): reply from stranger@elsewhere.example.org, not a known address: confirm by phone"))
        #expect(scan.out.contains("0 acknowledgments recorded") && scan.out.contains("1 unverified (still on the "
            + "call-sheet)."))
        let status = try sandbox.run(["outage", "status", "--format", "json"] + db).out
        #expect(status.contains("\"acknowledged\" : 0"), "\(status)")
        let report = try sandbox.run(["report", "outage"] + db).out
        #expect(report.contains("Kestrel Dental Practice: reply from stranger@elsewhere.example.org, not a known "
            + "address: confirm by phone"),
                "\(report)")

        // Tall enough that the whole call-sheet is on screen, narrow enough that the warning wraps.
        let commissioner = try TmuxTerminal(width: 120, height: 150, environment: sandbox.environment)
        try commissioner.launch("--site 'Coastal Commissioning' " + db.map { "'\($0)'" }.joined(separator: " "))
        let (shown,
             screen) = try commissioner.waitFor("⚠ reply from stranger@elsewhere.example.org, not a known")
        #expect(shown, "\(screen)")
        #expect(screen.contains("    address: confirm by phone"), "wrapped, never cut: \(screen)")
        #expect(screen.contains("Kestrel Dental Practice"))
        try commissioner.press("q")
        #expect(try commissioner.waitForExit() == 0)
    }

    /// Messages give times as the screen does, in the person's local time, never as ISO UTC.
    @Test func timesInsideMessagesAreLocal() throws {
        let (sandbox, db) = try demo()
        #expect(try sandbox.run(["outage", "declare", "--system", "Dental RMS", "--site",
                                 "Referral Systems Hosting"] + db).status == 0)
        #expect(try sandbox.run(["ack", "Kestrel", "--via", "app", "--site",
                                 "Referral Systems Hosting"] + db).status == 0)
        let again = try sandbox.run(["call", "Kestrel", "--outcome", "no-answer", "--site",
                                     "Coastal Commissioning"] + db)
        #expect(again.status != 0)
        #expect(again.err.contains("already acknowledged at Sat 21 Nov 2026 10:05 by app"), "\(again.err)")
        #expect(!again.err.contains("T10:05:00Z"))
        let future = try sandbox.run(["outage", "declare", "--system", "Other", "--since", "23:59", "--site",
                                      "Referral Systems Hosting"] + db)
        #expect(!future.err.contains("Z)") && future.err.contains("Sat 21 Nov 2026 23:59"), "\(future.err)")
    }

    @Test func aFailingOrHangingMailerLeavesEveryNoticeQueuedAndSaysWhy() throws {
        let (sandbox, db) = try demo(config: "[mail]\nsendmail = \"sleep 30\"\ntimeout_seconds = 1\n")
        let declared = try sandbox.run(["outage", "declare", "--system", "Dental RMS", "--site",
                                        "Referral Systems Hosting"] + db)
        #expect(declared.status == 0 && declared.out.contains("18 emails queued"), "declaring does not wait on mail")
        let started = Date()
        let hung = try sandbox.run(["notify", "send", "--site", "Referral Systems Hosting"] + db)
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(hung.status == 2)
        #expect(hung.out.contains("'sleep 30' did not finish within 1 s and was stopped; the message stays in the outbox"))
        #expect(hung.out.contains("17 not tried after the time-out; they stay in the outbox."))
        let failing = try sandbox.run(["notify", "send", "--site", "Referral Systems Hosting", "--sendmail",
                                       "echo 'sendmail: connection refused' >&2; exit 75"] + db)
        #expect(failing.status == 2 && failing.out.contains("exited with status 75: sendmail: connection refused"))
        let list = try sandbox.run(["notify", "list"] + db).out
        #expect(list.contains("failed") && !list.contains("  sent "))
        #expect(list.contains("exited with status 75: sendmail: connection refused; next try"))
        #expect(try sandbox.run(["outage", "status"] + db).out.contains("ACTIVE   Dental RMS"), "the outage stands whatever the mail does")
        let fixed = try sandbox.run(["notify", "send", "--site", "Referral Systems Hosting", "--sendmail",
                                     "cat > /dev/null"] + db)
        #expect(fixed.out.contains("Sent 18 emails."))
    }

    @Test func aBadTemplateIsFoundByPreviewAndNeverStopsADeclaration() throws {
        let (sandbox, db) = try demo()
        _ = sandbox.write("config/downtime-desk/Templates/outage-notice.txt", Array("Subject: [{{reference}}] {{system}} down\n\nThe {{sytem}} is down.\n".utf8))
        let preview = try sandbox.run(["notify", "preview"] + db)
        #expect(preview.status != 0)
        #expect(preview.err.contains("outage-notice.txt line 3: unknown placeholder {{sytem}}; known: deadline, duration,"))
        let declared = try sandbox.run(["outage", "declare", "--system", "Dental RMS", "--site",
                                        "Referral Systems Hosting"] + db)
        #expect(declared.status == 0)
        #expect(declared.err.contains("warning:") && declared.err.contains("using the shipped template"))
        #expect(try sandbox.run(["notify", "send", "--site", "Referral Systems Hosting"] + db).status == 0)
        #expect(try spooled(sandbox).allSatisfy { $0.contains("PLEASE ACKNOWLEDGE") }, "the shipped text went out")
    }

    @Test func nothingInANameOrTheReasonCanAddAHeaderOrARecipient() throws {
        let (sandbox, db) = try demo()
        _ = sandbox.write("config/downtime-desk/Templates/outage-notice.txt",
                          Array("Subject: [{{reference}}] {{system}}: {{reason}} ({{party}})\n\n{{reason}}\n".utf8))
        let hostile = "Fault\r\nBcc: evil@attacker.example.org\r\nX-Injected: yes"
        #expect(try sandbox.run(["outage", "declare", "--system", "Dental RMS", "--reason", hostile, "--site",
                                 "Referral Systems Hosting"] + db).status == 0)
        #expect(try sandbox.run(["notify", "send", "--site", "Referral Systems Hosting"] + db).status == 0)
        let messages = try spooled(sandbox)
        #expect(messages.count == 18)
        for message in messages {
            #expect(header("Bcc", in: message) == nil && header("X-Injected", in: message) == nil)
            #expect(!(header("To", in: message) ?? "").contains("attacker"))
            #expect(header("Subject", in: message)?.contains("Fault Bcc: evil@attacker.example.org X-Injected: yes") == true)
        }
        let badSystem = try sandbox.run(["outage", "declare", "--system", "RMS\nBcc: x@y.org", "--site",
                                         "Referral Systems Hosting"] + db)
        #expect(badSystem.status != 0 && badSystem.err.contains("the system name must be 1 to 80 printable characters"))
    }

    @Test func badChainInputGetsAClearErrorAndChangesNothing() throws {
        let (sandbox, db) = try demo()
        let notDeclared = try sandbox.run(["ack", "Kestrel", "--via", "app", "--site", "Kestrel"] + db)
        #expect(notDeclared.status != 0 && notDeclared.err.contains("no outage has been declared, so there is no notice to acknowledge"))
        #expect(try sandbox.run(["outage", "declare", "--system", "Dental RMS"] + db).err.contains("only the service host declares an outage"))
        #expect(try sandbox.run(["outage", "declare", "--system", "Dental RMS", "--since", "23:59", "--site",
                                 "Referral Systems Hosting"] + db).err.contains("cannot start in the future"))
        #expect(try sandbox.run(["outage", "declare", "--system", "Dental RMS", "--since", "soon", "--site",
                                 "Referral Systems Hosting"] + db).err.contains("--since 'soon' is not a time"))
        #expect(try sandbox.run(["outage", "declare", "--system", "Dental RMS", "--since", "09:40", "--site",
                                 "Referral Systems Hosting"] + db).status == 0)
        let other = try sandbox.run(["ack", "Oakfield", "--via", "app", "--site", "Kestrel"] + db)
        #expect(other.status != 0 && other.err.contains("it can acknowledge only for Kestrel Dental Practice"))
        #expect(try sandbox.run(["ack", "Nowhere Dental", "--via", "app"] + db).err.contains("no organisation"))
        #expect(try sandbox.run(["ack", "Kestrel", "--via", "pigeon"] + db).status != 0)
        #expect(try sandbox.run(["call", "Kestrel", "--outcome", "maybe", "--site",
                                 "Coastal Commissioning"] + db).err.contains("--outcome 'maybe' is not one of"))
        #expect(try sandbox.run(["call", "Kestrel", "--outcome", "busy", "--number", "12", "--site",
                                 "Coastal Commissioning"] + db).err.contains("--number"))
        #expect(try sandbox.run(["call", "Kestrel", "--outcome", "busy", "--site", "Kestrel"] + db).err.contains("calls are logged by the commissioner or the service host"))
        #expect(try sandbox.run(["acks", "scan", "--site", "Referral Systems Hosting",
                                 sandbox.folder + "/nowhere"] + db).err.contains("no such folder"))
        #expect(try sandbox.run(["acks", "scan", "--site", "Referral Systems Hosting",
                                 sandbox.folder + "/spool"] + db).err.contains("is not a Maildir"))
        _ = sandbox.write("config/downtime-desk/config.toml", Array("[mail]\nsendmial = \"msmtp -t\"\n".utf8))
        let badConfig = try sandbox.run(["notify", "send", "--site", "Referral Systems Hosting"] + db)
        #expect(badConfig.status != 0 && badConfig.err.contains("config.toml:2 [mail.sendmial]: unknown key"))
        let status = try sandbox.run(["outage", "status", "--format", "json"] + db).out
        #expect(status.contains("\"acknowledged\" : 0") && status.contains("\"parties\" : 18"), "nothing was recorded by the refused commands")
    }

    @Test func theCallSheetPrintsAndExportsAndTheReportTellsTheWholeChain() throws {
        let (sandbox, db) = try demo()
        #expect(try sandbox.run(["outage", "declare", "--system", "Dental RMS", "--since", "09:40", "--site",
                                 "Referral Systems Hosting"] + db).status == 0)
        #expect(try sandbox.run(["notify", "send", "--site", "Referral Systems Hosting"] + db).status == 0)
        #expect(try sandbox.run(["ack", "Kestrel", "--via", "app", "--site", "Kestrel"] + db).status == 0)
        let later = ["DOWNTIME_DESK_NOW": "2026-11-21T10:50:00Z"]
        #expect(try sandbox.run(["call", "Shoreline 111", "--outcome", "acknowledged", "--note", "Dana", "--site",
                                 "Coastal Commissioning"] + db, extraEnvironment: later).status == 0)
        #expect(try sandbox.run(["call", "Oakfield", "--outcome", "wrong-number", "--site",
                                 "Coastal Commissioning"] + db, extraEnvironment: later).out
            .contains("01632 960105 is flagged as wrong for Oakfield Dental Care"))
        let text = try sandbox.run(["calls"] + db, extraEnvironment: later).out
        #expect(text.hasPrefix("Outage notice DD-") && text.contains("acks 2/18 (16 overdue); 16 to call"))
        #expect(text.contains("OVERDUE 15m  Coastal Commissioning (Commissioner)"), "most overdue first")
        #expect(text.contains("01632 960105  main  ** reported WRONG: correct the directory **"))
        #expect(!text.contains("Shoreline 111") && !text.contains("Kestrel"))
        let csv = try sandbox.run(["calls", "--format", "csv"] + db, extraEnvironment: later).out
        #expect(csv.hasPrefix("party,kind,overdue,next_call_due,numbers,emails,calls,last_outcome\r\nCoastal Commissioning,commissioner,yes,"))
        let paper = try sandbox.run(["print", "callsheet"] + db, extraEnvironment: later).out
        #expect(paper.contains("[ ] Coastal Commissioning (Commissioner)") && paper.contains("      _____  _______________  _______"))
        #expect(paper.split(separator: "\n").allSatisfy { $0.count <= 80 }, "fits 80 columns")

        let restore = ["DOWNTIME_DESK_NOW": "2026-11-21T12:10:00Z"]
        #expect(try sandbox.run(["book", "--site", "Kestrel Dental Practice", "--practice", "kestrel", "--time",
                                 "11:00",
                                 "--patient", "Ann Example", "--phone", "07700900777"] + db,
                                extraEnvironment: later).status == 0)
        #expect(try sandbox.run(["outage", "restore", "--at", "12:00", "--site", "Referral Systems Hosting",
                                 "--send"] + db, extraEnvironment: restore).out.contains("Sent 18 emails."))
        #expect(try sandbox.run(["ack", "Kestrel", "--via", "email", "--by", "Gwen", "--site",
                                 "Referral Systems Hosting"] + db, extraEnvironment: restore).out.contains("restoration notice"))
        let report = try sandbox.run(["report", "outage"] + db, extraEnvironment: restore)
        #expect(report.status == 0)
        for line in ["Down:      Sat 21 Nov 2026 09:40", "Restored:  Sat 21 Nov 2026 12:00", "Duration:  2h 20m",
                     "Outage notice      DD-", "2/18 acknowledged (1 by app, 1 by phone)", "Restoration notice DD-", "1/18 acknowledged (1 by email)",
                     "Parties reached by phone: 1", "Downtime bookings: 1; back-entered 0, still to back-enter 1",
                     "10:05  Outage declared by alice", "10:50  alice called Shoreline 111 on 01632 960020: acknowledged (Dana)",
                     "10:50  Downtime booking DT-KDP-20261121-1 at 2026-11-21 11:00 (booked)", "12:00  Dental RMS restored",
                     "12:10  Restoration notice DD-"] {
            #expect(report.out.contains(line), "report line: \(line)\n\(report.out)")
        }
        let json = try sandbox.run(["report", "outage", "--format", "json"] + db, extraEnvironment: restore).out
        #expect(json.contains("\"parties_reached_by_phone\" : 1") && json.contains("\"downtime_bookings\" : 1"))
    }
}
