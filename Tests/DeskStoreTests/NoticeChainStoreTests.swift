import Foundation
import Testing
import GRDB
import DeskCore
import DeskMail
@testable import DeskStore

@Suite struct NoticeChainStoreTests {
    func declared() throws -> (TemporaryDatabase, Outage, Notice) {
        let db = try TemporaryDatabase()
        try db.store.seedDemo(now: testNow, zone: london, actor: testActor)
        let (outage, notice, _) = try db.store.declareOutage(system: "Dental RMS", since: testNow.addingTimeInterval(-1200), reason: "Hosting fault",
                                                             instructions: "", actor: hostActor, at: testNow)
        return (db, outage, notice)
    }

    func org(_ db: TemporaryDatabase, _ name: String) throws -> Organisation { try db.store.organisation(matching: name) }

    @Test func declaringMakesARoundForEveryParticipatingPartyAndOneEmailEachWithAnAddress() throws {
        let (db, _, notice) = try declared()
        let round = try #require(try db.store.currentRound())
        let directory = try db.store.organisations()
        #expect(round.total == directory.filter { $0.kind != .host && $0.participating }.count)
        #expect(!round.parties.contains { $0.kind == .host })
        #expect(round.parties.first?.kind == .commissioner, "seed 000's order: commissioners first")
        let outbox = try db.store.outbox(noticeID: notice.id)
        #expect(outbox.count == round.total, "every demo party has an address")
        #expect(Set(outbox.map(\.reference)).count == outbox.count && outbox.allSatisfy { $0.status == .queued })
        let shoreline = try #require(outbox.first { $0.organisationID == (try? org(db, "Shoreline 111"))?.id })
        #expect(shoreline.recipients.map(\.value) == ["oncall.manager@shoreline111.example.org", "dana.okonkwo@shoreline111.example.org",
                                                        "rhys.penhallow@shoreline111.example.org"], "the organisation's address, then its contacts'")
        // The body waits for the sending; composed, it keeps the envelope made at the declaration.
        #expect(outbox.allSatisfy { $0.raw == nil }, "no body is composed when the outage is declared")
        let composed = try #require(try db.store.composeClaimed([shoreline], composer: NoticeComposer(),
                                                                 actor: hostActor, at: testNow).first)
        let raw = try #require(composed.raw)
        #expect(raw.contains("Subject: [\(shoreline.reference)] OUTAGE: Dental RMS"))
        #expect(raw.contains("Message-ID: <\(shoreline.messageID)>") && composed.subject == shoreline.subject)
        #expect(try db.store.outbox(noticeID: notice.id).first { $0.id == shoreline.id }?.raw == raw,
                "the body is kept, so a retry sends the same bytes")
    }

    @Test func aPartyAcknowledgesOnceAndTheRoundCountsIt() throws {
        let (db, _, _) = try declared()
        let kestrel = try org(db, "Kestrel Dental Practice")
        guard case .recorded(_, let round) = try db.store.acknowledge(organisationID: kestrel.id, via: .app,
                                                                      by: "Gwen", actor: kestrelActor, at: testNow) else {
            Issue.record("not recorded"); return
        }
        #expect(round.acknowledgedCount == 1)
        guard case .already(let first, _) = try db.store.acknowledge(organisationID: kestrel.id, via: .phone,
                                                                     by: "Other", actor: kestrelActor, at: testNow) else {
            Issue.record("a second acknowledgment was recorded"); return
        }
        #expect(first.via == .app && first.by == "Gwen")
        let host = try org(db, "Referral Systems Hosting")
        #expect(throws: Refusal.self, "the host is not a party") {
            try db.store.acknowledge(organisationID: host.id, via: .app, by: "x", actor: hostActor, at: testNow)
        }
    }

    @Test func aCallThatGetsAnAcknowledgmentTakesThePartyOffTheCallSheet() throws {
        let (db, _, _) = try declared()
        let marsh = try org(db, "Marsh Lane Dental Surgery")
        let number = try PhoneNumber(parsing: "01632 960101")
        #expect(throws: Refusal.self, "a practice does not log calls") {
            try db.store.apply(.logCall(.init(organisationID: marsh.id, number: number, outcome: .noAnswer, note: "",
                                              interval: 900)), as: kestrelActor)
        }
        let first = try db.store.logCall(organisationID: marsh.id, number: number, outcome: .noAnswer, note: "", interval: 900,
                                         actor: commissionerActor, at: testNow.addingTimeInterval(1900))
        #expect(first.nextCallAt == testNow.addingTimeInterval(2800))
        var view = try db.store.loadView(practiceID: nil, day: LocalDate(testNow, in: london))
        let row = try #require(view.callSheetRows.first { $0.organisation.id == marsh.id })
        #expect(row.attempts.count == 1 && row.nextCallDue == first.nextCallAt)
        #expect(view.callSheetRows.last?.organisation.id == marsh.id, "called a moment ago: the least overdue")
        try db.store.logCall(organisationID: marsh.id, number: number, outcome: .acknowledged, note: "spoke to Gwen", interval: 900,
                             actor: commissionerActor, at: testNow.addingTimeInterval(2900))
        view = try db.store.loadView(practiceID: nil, day: LocalDate(testNow, in: london))
        #expect(!view.callSheetRows.contains { $0.organisation.id == marsh.id })
        #expect(view.round?.acknowledgments[marsh.id]?.via == .phone)
        #expect(throws: Refusal.self, "no call needed once acknowledged") {
            try db.store.logCall(organisationID: marsh.id, number: number, outcome: .busy, note: "", interval: 900, actor: commissionerActor, at: testNow)
        }
    }

    @Test func aWrongNumberIsFlaggedOnTheCallSheet() throws {
        let (db, _, _) = try declared()
        let oakfield = try org(db, "Oakfield Dental Care")
        let wrong = try PhoneNumber(parsing: "01632 960105")
        try db.store.logCall(organisationID: oakfield.id, number: wrong, outcome: .wrongNumber, note: "a florist", interval: 900, actor: commissionerActor, at: testNow)
        let view = try db.store.loadView(practiceID: nil, day: LocalDate(testNow, in: london))
        let row = try #require(view.callSheetRows.first { $0.organisation.id == oakfield.id })
        #expect(row.wrongNumbers == [wrong])
    }

    /// A commissioner who learns a number on the phone types it into the call form: the next caller sees it first,
    /// and once it too is reported wrong nobody is offered it again.
    @Test func aNumberLearnedOnACallIsOfferedFirstUntilItIsReportedWrong() throws {
        let (db, _, _) = try declared()
        let oakfield = try org(db, "Oakfield Dental Care")
        let old = try PhoneNumber(parsing: "01632 960105"), learned = try PhoneNumber(parsing: "07700 900777")
        try db.store.logCall(organisationID: oakfield.id, number: old, outcome: .wrongNumber, note: "a florist",
                             interval: 900, actor: commissionerActor, at: testNow)
        try db.store.logCall(organisationID: oakfield.id, number: learned, outcome: .noAnswer, note: "new mobile",
                             interval: 900, actor: commissionerActor, at: testNow.addingTimeInterval(60))
        func row() throws -> CallSheetRow {
            let view = try db.store.loadView(practiceID: nil, day: LocalDate(testNow, in: london))
            return try #require(view.callSheetRows.first { $0.organisation.id == oakfield.id })
        }
        var numbers = try row().numbers
        #expect(numbers.first?.number == learned && numbers.first?.label == "learned on a call")
        #expect(try row().wrongNumbers == [old], "the directory's wrong number stays flagged")
        try db.store.logCall(organisationID: oakfield.id, number: learned, outcome: .wrongNumber, note: "not them",
                             interval: 900, actor: commissionerActor, at: testNow.addingTimeInterval(120))
        numbers = try row().numbers
        #expect(!numbers.map(\.number).contains(learned), "a learned number found wrong is not offered again")
    }

    @Test func afterRestorationTheCallSheetListsWhoHasNotAcknowledgedTheRestoration() throws {
        let (db, _, _) = try declared()
        let kestrel = try org(db, "Kestrel Dental Practice"), oakfield = try org(db, "Oakfield Dental Care")
        try db.store.acknowledge(organisationID: kestrel.id, via: .app, by: "Gwen", actor: kestrelActor, at: testNow)
        let later = testNow.addingTimeInterval(3600)
        try db.store.restoreOutage(system: nil, at: later, actor: hostActor, now: later)
        try db.store.acknowledge(organisationID: oakfield.id, kind: .restoration, via: .email, by: "Ola", actor: hostActor, at: later)
        let rows = try db.store.loadView(practiceID: nil, day: LocalDate(later, in: london)).callSheetRows
        let names = rows.map(\.organisation.name)
        #expect(names.contains("Kestrel Dental Practice"), "acknowledging the outage does not acknowledge the restoration")
        #expect(!names.contains("Oakfield Dental Care"), "a party that acknowledged the restoration is off the call-sheet")
        #expect(rows.count == (try db.store.currentRound())?.parties.count.advanced(by: -1))
    }

    @Test func restoringStartsTheRoundInReverseAndItStaysCurrentUntilAllAcknowledge() throws {
        let (db, _, _) = try declared()
        let (_, restoration, _) = try db.store.restoreOutage(system: nil, at: testNow.addingTimeInterval(3600), actor: hostActor, now: testNow.addingTimeInterval(3600))
        var round = try #require(try db.store.currentRound())
        #expect(round.notice.id == restoration.id && round.notice.kind == .restoration)
        for party in round.parties {
            try db.store.acknowledge(organisationID: party.id, kind: .restoration, via: .email, by: "x", actor: hostActor, at: testNow.addingTimeInterval(3700))
        }
        #expect(try db.store.currentRound() == nil, "a completed restoration round closes the chain")
        round = try #require(try db.store.rounds(of: try db.store.outages()[0]).last)
        #expect(round.isComplete)
    }

    @Test func theOutboxClaimsOnceRetriesFailuresLaterAndRecordsEveryTry() throws {
        let (db, _, notice) = try declared()
        let claimed = try db.store.claimMessages(everything: false, staleAfter: 120, actor: hostActor, at: testNow)
        let queued = try db.store.outbox(noticeID: notice.id).count
        #expect(claimed.count == queued)
        #expect(try db.store.claimMessages(everything: false, staleAfter: 120, actor: hostActor, at: testNow).isEmpty, "a claimed message is not sent twice")
        try db.store.recordDelivery(of: claimed[0].id, error: "exit 75: connection refused", actor: hostActor, at: testNow)
        for message in claimed.dropFirst() { try db.store.recordDelivery(of: message.id, error: nil, actor: hostActor, at: testNow) }
        let failed = try #require(try db.store.outbox().first { $0.id == claimed[0].id })
        #expect(failed.status == .failed && failed.attempts == 1 && failed.lastError == "exit 75: connection refused")
        #expect(failed.nextAttemptAt == testNow.addingTimeInterval(60))
        #expect(try db.store.claimMessages(everything: false, staleAfter: 120, actor: hostActor, at: testNow.addingTimeInterval(30)).isEmpty, "not yet due")
        #expect(try db.store.claimMessages(everything: false, staleAfter: 120, actor: hostActor, at: testNow.addingTimeInterval(61)).map(\.id) == [claimed[0].id])
        let view = try db.store.loadView(practiceID: nil, day: LocalDate(testNow, in: london))
        #expect(view.outboxWaiting == 1)
    }

    @Test func aSenderThatDiedMidWayHasItsClaimTakenOver() throws {
        let (db, _, _) = try declared()
        let first = try db.store.claimMessages(everything: true, staleAfter: 120, limit: 1, actor: hostActor, at: testNow)
        #expect(try db.store.claimMessages(everything: true, staleAfter: 120, actor: hostActor, at: testNow.addingTimeInterval(121)).contains { $0.id == first[0].id })
    }

    @Test func theCourierRecordsSuccessFailureAndATimeOutWithRealCommands() throws {
        let (db, _, notice) = try declared()
        let spool = db.folder + "/spool"
        try FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: true)
        func courier(_ command: String, timeout: TimeInterval) -> Courier {
            Courier(store: db.store, sendmail: SendmailCommand(command: command, timeout: timeout), actor: hostActor,
                    composer: NoticeComposer())
        }
        let good = courier("cat > '\(spool)'/$$.eml", timeout: 10)
        let failing = courier("echo 'relay refused' >&2; exit 75", timeout: 10)
        let hanging = courier("sleep 30", timeout: 0.5)
        let total = try db.store.outbox(noticeID: notice.id).count

        let failed = try failing.deliver(everything: true) { testNow }
        #expect(failed.sent.isEmpty && failed.failed.count == total)
        #expect(failed.failed[0].error == "'echo 'relay refused' >&2; exit 75' exited with status 75: relay refused")

        let started = Date()
        let hung = try hanging.deliver(everything: true) { testNow }
        #expect(Date().timeIntervalSince(started) < 10, "the hung try is stopped at its time limit")
        #expect(hung.failed.count == 1 && hung.failed[0].error.contains("did not finish within 1 s"))
        #expect(hung.notTried.count == total - 1, "after one time-out the rest wait for the next round")
        #expect(try db.store.outbox().allSatisfy { $0.status == .failed }, "still in the outbox, not lost")
        #expect(try db.store.outbox().map(\.attempts).sorted().last == 2)

        let sent = try good.deliver(everything: true) { testNow }
        #expect(sent.sent.count == total)
        let files = try FileManager.default.contentsOfDirectory(atPath: spool)
        #expect(files.count == total)
        let text = try String(contentsOfFile: spool + "/" + files[0], encoding: .utf8)
        #expect(try InboundMail(parsing: text).header("x-downtime-desk-reference")?.hasPrefix(notice.reference) == true)
        let kept = try db.store.outbox().first { text.contains("Message-ID: <\($0.messageID)>") }?.raw
        #expect(kept == text, "the body composed for the first try is the one sent and kept")
        #expect(try good.deliver(everything: true) { testNow }.sent.isEmpty, "nothing is sent twice")
    }

    /// The body is composed when the email is sent: if its notice can no longer be read (the file changed outside
    /// the program), each email is a failed delivery that says why, and stays in the outbox; none vanishes.
    @Test func anEmailThatCannotBeComposedWhenSentFailsInWordsAndStaysQueued() throws {
        let (db, _, notice) = try declared()
        var outside = Configuration()
        outside.foreignKeysEnabled = false
        try DatabaseQueue(path: db.path, configuration: outside).write { raw in
            try raw.execute(sql: "UPDATE notice SET outage_id = 'not an id' WHERE id = ?",
                            arguments: [notice.id.uuidString])
        }
        let courier = Courier(store: db.store, sendmail: SendmailCommand(command: "cat > /dev/null", timeout: 10),
                              actor: hostActor, composer: NoticeComposer())
        let report = try courier.deliver(everything: true) { testNow }
        let total = try db.store.outbox(noticeID: notice.id).count
        #expect(report.sent.isEmpty && report.failed.count == total && total > 0)
        #expect(report.failed.first?.error == "the email could not be composed: its notice or addressee is unreadable")
        #expect(try db.store.outbox(noticeID: notice.id).allSatisfy { $0.status == .failed && $0.raw == nil })
    }

    @Test func repliesAreMatchedByTokenOrInReplyToAndReadOnlyOnce() throws {
        let (db, _, notice) = try declared()
        let outbox = try db.store.outbox(noticeID: notice.id)
        // Each reply comes from one of its party's own addresses: only those count as the party's acknowledgment.
        let first = outbox[0].recipients[0].value, second = outbox[1].recipients[0].value
        let byToken = try InboundMail(parsing: "From: Gwen <\(first)>\nSubject: Re: [\(outbox[0].reference)] "
            + "OUTAGE\n\nReceived")
        guard case .acknowledged(let party, _, let sender) = try db.store.recordReply(byToken, key: "id:1", actor: hostActor, at: testNow) else {
            Issue.record("not matched"); return
        }
        #expect(party == (try db.store.organisations().first { $0.id == outbox[0].organisationID })?.name)
        #expect(sender == "Gwen <\(first)>")
        #expect(try db.store.recordReply(byToken, key: "id:1", actor: hostActor, at: testNow) == .alreadyScanned)
        let byHeader = try InboundMail(parsing: "From: \(second)\nSubject: got it\nIn-Reply-To: "
            + "<\(outbox[1].messageID)>\n\nok")
        guard case .acknowledged = try db.store.recordReply(byHeader, key: "id:2", actor: hostActor, at: testNow) else { Issue.record("In-Reply-To not matched"); return }
        let again = try InboundMail(parsing: "From: \(second)\nSubject: Re: [\(outbox[1].reference)]\n\nme too")
        guard case .alreadyAcknowledged = try db.store.recordReply(again, key: "id:3", actor: hostActor, at: testNow) else { Issue.record("counted twice"); return }
        let unrelated = try InboundMail(parsing: "From: newsletter@example.org\nSubject: Offers\n\nbuy")
        #expect(try db.store.recordReply(unrelated, key: "id:4", actor: hostActor, at: testNow) == .ignored("unrelated: no notice reference in it"))
        let bounce = try InboundMail(parsing: "From: MAILER-DAEMON@mx.example.org\nSubject: Undelivered: [\(outbox[2].reference)]\n\nfailed")
        #expect(try db.store.recordReply(bounce, key: "id:5", actor: hostActor, at: testNow) == .ignored("bounce"))
        #expect(try db.store.currentRound()?.acknowledgedCount == 2)
    }

    @Test func aReplyFromAnUnknownAddressIsKeptUnverifiedAndAContactsAddressCounts() throws {
        let (db, _, notice) = try declared()
        let outbox = try db.store.outbox(noticeID: notice.id)
        let forged = try InboundMail(parsing: "From: Mallory <mallory@elsewhere.example.org>\nSubject: Re: "
            + "[\(outbox[0].reference)]\n\nok")
        guard case .unverified(_, _, let sender) = try db.store.recordReply(forged, key: "id:9", actor: hostActor,
                                                                            at: testNow) else {
            Issue.record("a stranger's reply was taken as the party's"); return
        }
        #expect(sender == "mallory@elsewhere.example.org")
        let round = try #require(try db.store.currentRound())
        let party = try #require(outbox[0].organisationID)
        #expect(!round.hasAcknowledged(party))
        #expect(round.unverified(party).map(\.warning)
                == ["reply from mallory@elsewhere.example.org, not a known address: confirm by phone"])
        #expect(round.callSheet(directory: []).contains { $0.organisation.id == party },
                "still to call")
        let genuine = try InboundMail(parsing: "From: \(outbox[0].recipients.last!.value.uppercased())\nSubject: Re: "
            + "[\(outbox[0].reference)]\n\nok")
        guard case .acknowledged = try db.store.recordReply(genuine, key: "id:10", actor: hostActor, at: testNow) else {
            Issue.record("the party's own address, in capitals, did not count"); return
        }
        #expect(try db.store.currentRound()?.unverified(party).isEmpty == true)
    }
}
