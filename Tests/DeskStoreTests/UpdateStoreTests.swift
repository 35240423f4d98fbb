import Foundation
import Testing
import GRDB
import DeskCore
@testable import DeskStore

/// Updates between the notices and the communications list: who is emailed, what counts, what never mixes.
@Suite struct UpdateStoreTests {
    static let icb = try! EmailAddress(parsing: "icb.oncall@example.nhs.uk")
    static let owner = try! EmailAddress(parsing: "owner@example.org")

    /// The demo, two subscribers (one for HSSIs only) and a declared outage, as the host's file holds them.
    func declared(hssi: Bool = true) throws -> (TemporaryDatabase, Outage, Notice) {
        let db = try TemporaryDatabase()
        try db.store.seedDemo(now: testNow, zone: london, actor: testActor)
        try db.store.apply(.addSubscriber(.init(email: Self.icb, name: "ICB on-call", scope: .hssi)), as: hostActor)
        try db.store.apply(.addSubscriber(.init(email: Self.owner, name: "Practice owner", scope: .all)), as: hostActor)
        let (outage, notice, _) = try db.store.declareOutage(system: "Dental RMS",
                                                             since: testNow.addingTimeInterval(-1200),
                                                             reason: "Hosting fault", instructions: "",
                                                             actor: hostActor, at: testNow)
        if !hssi {
            try db.store.changeIncidentImpact(IncidentImpact(multipleSites: false), reason: "one practice",
                                              actor: hostActor, at: testNow)
        }
        return (db, outage, notice)
    }

    func update(_ db: TemporaryDatabase, _ message: String, eta: Date? = nil,
                at: Date = testNow.addingTimeInterval(600),
                as actor: Actor = hostActor) throws -> (OutageUpdate, queued: Int) {
        guard case .updatePosted(let update, _, let queued, _) = try db.store.apply(
            .postUpdate(.init(message: message, eta: eta)), as: actor, at: at) else {
            throw Refusal.rule("not posted")
        }
        return (update, queued)
    }

    @Test func anUpdateGoesToEveryPartyAndEverySubscriberTheIncidentConcerns() throws {
        let (db, outage, notice) = try declared()
        let round = try #require(try db.store.currentRound())
        let noticeMail = try db.store.outbox(noticeID: notice.id)
        #expect(noticeMail.filter { $0.organisationID != nil }.count == round.total)
        #expect(Set(noticeMail.compactMap(\.subscriber)) == [Self.icb, Self.owner], "an HSSI: both subscribers")
        let (update, queued) = try update(db, "Supplier is replacing a disk", eta: testNow.addingTimeInterval(4 * 3600))
        #expect(update.reference.hasPrefix("DU-"))
        let mail = try db.store.outbox().filter { $0.updateID == update.id }
        #expect(queued == round.total + 2 && mail.count == queued)
        #expect(Set(mail.map(\.reference)).count == mail.count, "every email's reference is its own")
        #expect(mail.allSatisfy { $0.raw == nil }, "bodies are composed when sent")
        let composed = try db.store.composeClaimed(mail, composer: NoticeComposer(), actor: hostActor, at: testNow)
        let party = try #require(composed.first { $0.organisationID != nil }?.raw)
        #expect(party.contains("UPDATE: Dental RMS still unavailable"))
        #expect(party.contains("No acknowledgment is needed"))
        #expect(!party.contains("List-Unsubscribe"), "a party cannot leave the chain")
        let copy = try #require(composed.first { $0.subscriber == Self.owner }?.raw)
        #expect(copy.contains("List-Unsubscribe: <mailto:"))
        #expect(copy.contains("UNSUBSCRIBE"))
        #expect(try db.store.updates(of: outage).map(\.message) == ["Supplier is replacing a disk"])
        // The round is untouched: no one owes an acknowledgment of an update.
        #expect(try db.store.currentRound()?.notice.id == notice.id)
        #expect(try db.store.currentRound()?.total == round.total)
        // The restoration goes to the list too, after the parties, and never joins the round.
        let (_, restoration, _) = try db.store.restoreOutage(system: nil, at: testNow.addingTimeInterval(3600),
                                                             actor: hostActor, now: testNow.addingTimeInterval(3600))
        let restored = try db.store.outbox(noticeID: restoration.id)
        #expect(Set(restored.compactMap(\.subscriber)) == [Self.icb, Self.owner])
        #expect(try db.store.currentRound()?.total == round.total)
    }

    @Test func aSubscriberForHSSIsOnlyHearsNothingOfAnOrdinaryOutage() throws {
        let (db, _, _) = try declared(hssi: false)
        let (update, _) = try update(db, "Still down")
        let copies = try db.store.outbox().filter { $0.updateID == update.id }.compactMap(\.subscriber)
        #expect(copies == [Self.owner])
    }

    @Test func updatesAreRefusedInWordsWithoutAnOutageFromAnyoneButTheHostOrWhenEmpty() throws {
        let db = try TemporaryDatabase()
        try db.store.seedDemo(now: testNow, zone: london, actor: testActor)
        #expect(throws: Refusal.rule("no outage is active, so there is nothing to update")) {
            try update(db, "anything")
        }
        let (declaredDB, _, _) = try declared()
        #expect(throws: Refusal.self, "a practice does not send updates") {
            try update(declaredDB, "not mine to say", as: kestrelActor)
        }
        for (message, words) in [("   ", "write what the update says"),
                                 (String(repeating: "x", count: 1001), "at most 1000"),
                                 ("bell\u{07}", "printable")] {
            do {
                _ = try update(declaredDB, message)
                Issue.record("\(words) was taken")
            } catch let refusal as Refusal {
                #expect(refusal.sentence.lowercased().contains(words), "\(refusal.sentence)")
            }
        }
        do {
            _ = try update(declaredDB, "back soon", eta: testNow.addingTimeInterval(-3600))
            Issue.record("an ETA in the past was taken")
        } catch let refusal as Refusal { #expect(refusal.sentence.contains("ETA is in the past")) }
        #expect(try declaredDB.store.outbox().allSatisfy { $0.updateID == nil }, "nothing refused reached the outbox")
    }

    @Test func aReplyToAnUpdateOrASubscribersCopyIsNotedAndNeverCounted() throws {
        let (db, outage, notice) = try declared()
        let (update, _) = try update(db, "Disk on its way")
        let mail = try db.store.outbox()
        let partyUpdate = try #require(mail.first { $0.updateID == update.id && $0.organisationID != nil })
        let sender = partyUpdate.recipients[0].value
        let reply = try InboundMail(parsing: "From: \(sender)\nSubject: Re: [\(partyUpdate.reference)] UPDATE\n\n"
                                    + "thanks")
        #expect(try db.store.recordReply(reply, key: "id:1", actor: hostActor, at: testNow.addingTimeInterval(700))
                == .noted(from: sender, reference: partyUpdate.reference))
        #expect(try db.store.currentRound()?.acknowledgedCount == 0, "a reply to an update acknowledges nothing")
        let subscriberCopy = try #require(mail.first { $0.noticeID == notice.id && $0.subscriber == Self.owner })
        let fromSubscriber = try InboundMail(parsing: "From: \(Self.owner.value)\nSubject: Re: "
                                             + "[\(subscriberCopy.reference)] OUTAGE\n\nnoted")
        guard case .noted = try db.store.recordReply(fromSubscriber, key: "id:2", actor: hostActor,
                                                     at: testNow.addingTimeInterval(710)) else {
            Issue.record("a subscriber's reply was not noted"); return
        }
        #expect(try db.store.currentRound()?.acknowledgedCount == 0)
        // The round's token alone, from the subscriber's address: still only noted.
        let bare = try InboundMail(parsing: "From: \(Self.owner.value)\nSubject: Re: [\(notice.reference)]\n\nok")
        guard case .noted = try db.store.recordReply(bare, key: "id:3", actor: hostActor,
                                                     at: testNow.addingTimeInterval(720)) else {
            Issue.record("a subscriber's reply with the round's token was not noted"); return
        }
        let report = try db.store.outageReport(outage, zone: london, now: testNow.addingTimeInterval(800))
        #expect(report.beyond.notedReplies.count == 3)
        #expect(report.rounds.first?.acknowledged == 0)
        let text = report.text(zone: london, now: testNow.addingTimeInterval(800))
        #expect(text.contains("Updates: 1, the last at"))
        #expect(text.contains("Replies noted, not counted (to updates, or from subscribers): 3"))
        #expect(text.contains("Update \(update.reference) sent by oncall: Disk on its way"))
    }

    @Test func aSubscriberWhoRepliesUnsubscribeIsTakenOffAndAPartysAddressIsNeverASubscriber() throws {
        let (db, _, _) = try declared()
        let leaving = try InboundMail(parsing: "From: Owner <\(Self.owner.value.uppercased())>\n"
                                      + "Subject: UNSUBSCRIBE\n\n")
        #expect(try db.store.recordReply(leaving, key: "id:9", actor: hostActor, at: testNow)
                == .unsubscribed(Self.owner.value))
        #expect(try db.store.subscribers().map(\.email) == [Self.icb])
        let kestrel = try db.store.organisation(matching: "Kestrel Dental Practice")
        let address = try #require(kestrel.emails.first)
        do {
            try db.store.apply(.addSubscriber(.init(email: address, name: "", scope: .all)), as: hostActor)
            Issue.record("a party's address was listed as a subscriber")
        } catch let refusal as Refusal {
            #expect(refusal.sentence.contains("is Kestrel Dental Practice's address in the directory"))
        }
        #expect(throws: Refusal.self, "only the host keeps the list") {
            try db.store.apply(.addSubscriber(.init(email: Self.owner, name: "", scope: .all)), as: commissionerActor)
        }
        // Adding an address again changes its name and scope; it is never listed twice.
        guard case .subscriberAdded(_, let replaced) = try db.store.apply(
            .addSubscriber(.init(email: try EmailAddress(parsing: "ICB.OnCall@example.nhs.uk"), name: "ICB",
                                 scope: .all)), as: hostActor) else { Issue.record("not added"); return }
        #expect(replaced)
        #expect(try db.store.subscribers().map(\.scope) == [.all])
        guard case .subscriberRemoved(let existed) = try db.store.apply(.removeSubscriber(.init(email: Self.owner)),
                                                                         as: hostActor) else { return }
        #expect(!existed, "already off the list")
    }

    @Test func subscribersCopiesNeverCountAsThePartiesEmailsSent() throws {
        let (db, outage, notice) = try declared()
        for message in try db.store.outbox(noticeID: notice.id) {
            try db.store.recordDelivery(of: message.id, error: nil, actor: hostActor,
                                        at: testNow.addingTimeInterval(60))
        }
        let report = try db.store.outageReport(outage, zone: london, now: testNow.addingTimeInterval(120))
        let round = try #require(try db.store.currentRound())
        #expect(report.rounds.first?.sent == round.total, "the parties' emails only")
        #expect(report.beyond.subscriberEmails == 2 && report.beyond.subscriberSent == 2)
    }

    /// A file from before version 22 keeps its outbox, deliveries and their links through the rebuild.
    @Test func theOutboxRebuildKeepsEveryEmailAndItsDeliveries() throws {
        let folder = NSTemporaryDirectory() + "desk-v22-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/old.sqlite"
        let old = try DatabaseQueue(path: path)
        try Migrations.migrator.migrate(old, upTo: "v21-demo-marker")
        let (org, outage, notice, mail) = (UUID().uuidString, UUID().uuidString, UUID().uuidString, UUID().uuidString)
        try old.write { db in
            try db.execute(sql: """
                INSERT INTO organisation (id, name, name_key, kind, code, emails)
                    VALUES (?, 'Kestrel', 'kestrel', 'practice', 'KDP', 'k@example.org');
                INSERT INTO outage (id, system, since, instructions, declared_at, declared_by)
                    VALUES (?, 'Dental RMS', '2026-03-02T09:00:00Z', 'phone', '2026-03-02T09:05:00Z', 'oncall');
                INSERT INTO notice (id, outage_id, kind, created_at, reference)
                    VALUES (?, ?, 'outage', '2026-03-02T09:05:00Z', 'DD-AAAAAA');
                INSERT INTO outbox (id, notice_id, organisation_id, reference, message_id, recipients, subject, raw,
                    status, attempts, queued_at, sent_at, next_attempt_at)
                    VALUES (?, ?, ?, 'DD-AAAAAA-01', 'm1@example.org', 'k@example.org', 'OUTAGE', 'raw', 'sent', 1,
                    '2026-03-02T09:05:00Z', '2026-03-02T09:06:00Z', '2026-03-02T09:05:00Z');
                INSERT INTO delivery (id, outbox_id, at, ok) VALUES (?, ?, '2026-03-02T09:06:00Z', 1);
                """, arguments: [org, outage, notice, outage, mail, notice, org, UUID().uuidString, mail])
        }
        try old.close()
        let store = try DeskStore(path: path)
        let outbox = try store.outbox()
        #expect(outbox.map(\.reference) == ["DD-AAAAAA-01"])
        #expect(outbox.first?.status == .sent && outbox.first?.organisationID?.uuidString == org)
        let problems = try store.pool.read { db in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") }
        #expect(problems.isEmpty, "\(problems)")
        let report = try store.outageReport(try #require(try store.outages().first), zone: london, now: testNow)
        #expect(report.rounds.first?.sent == 1, "the delivery still points at its email")
    }
}
