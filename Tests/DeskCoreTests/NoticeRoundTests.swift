import Foundation
import Testing
@testable import DeskCore

@Suite struct NoticeRoundTests {
    let t0 = Instant.parse("2026-11-21T10:00:00Z", zone: TimeZone(identifier: "UTC")!)!
    let practiceA = Organisation(name: "Alder Dental", kind: .practice)
    let practiceB = Organisation(name: "Birch Dental", kind: .practice)
    let ed = Organisation(name: "Northgate ED", kind: .ed)
    let commissioner = Organisation(name: "Coastal Commissioning", kind: .commissioner)

    func round(acks: [Acknowledgment] = [], calls: [CallAttempt] = []) -> NoticeRound {
        let outage = Outage(system: "Dental RMS", since: t0.addingTimeInterval(-600), declaredAt: t0, declaredBy: "host")
        let notice = Notice(outageID: outage.id, kind: .outage, createdAt: t0, deadline: t0.addingTimeInterval(1800))
        return NoticeRound(notice: notice, outage: outage, parties: [commissioner, ed, practiceB, practiceA], acknowledgments: acks, calls: calls)
    }

    @Test func progressCountsPartiesAndOverdueOnlyAfterTheDeadline() {
        let noticeID = round().notice.id
        let r = round(acks: [Acknowledgment(noticeID: noticeID, organisationID: ed.id, via: .email, at: t0.addingTimeInterval(60), by: "a")])
        #expect(r.progress(at: t0.addingTimeInterval(600)) == "acks 1/4")
        #expect(r.progress(at: t0.addingTimeInterval(1800)) == "acks 1/4 (3 overdue)")
        #expect(!r.isComplete && r.completedAt == nil)
    }

    @Test func theFirstAcknowledgmentOfAPartyIsTheOneThatCounts() {
        let id = round().notice.id
        let late = Acknowledgment(noticeID: id, organisationID: ed.id, via: .phone, at: t0.addingTimeInterval(900), by: "late")
        let early = Acknowledgment(noticeID: id, organisationID: ed.id, via: .email, at: t0.addingTimeInterval(120), by: "early")
        let r = round(acks: [late, early])
        #expect(r.acknowledgments[ed.id]?.by == "early")
        #expect(r.acknowledgedCount == 1)
    }

    @Test func completionIsTheLastPartysAcknowledgment() {
        let id = round().notice.id
        let acks = [commissioner, ed, practiceA, practiceB].enumerated().map { index, party in
            Acknowledgment(noticeID: id, organisationID: party.id, via: .app, at: t0.addingTimeInterval(Double(index + 1) * 60), by: "x")
        }
        let r = round(acks: acks)
        #expect(r.isComplete && r.completedAt == t0.addingTimeInterval(240))
        #expect(r.callSheet(directory: []).isEmpty, "nobody left to call")
    }

    @Test func theCallSheetPutsTheMostOverdueFirstThenSeedOrderThenName() {
        let id = round().notice.id
        // Birch was called and is due again later; everyone else is due at the deadline.
        let call = CallAttempt(noticeID: id, organisationID: practiceB.id, number: try! PhoneNumber(parsing: "01632 960101"), outcome: .noAnswer,
                               at: t0.addingTimeInterval(1900), by: "m", nextCallAt: t0.addingTimeInterval(2800))
        let ack = Acknowledgment(noticeID: id, organisationID: commissioner.id, via: .app, at: t0, by: "c")
        let rows = round(acks: [ack], calls: [call]).callSheet(directory: [])
        #expect(rows.map(\.organisation.name) == ["Northgate ED", "Alder Dental", "Birch Dental"])
        #expect(rows[2].attempts.count == 1 && rows[2].nextCallDue == t0.addingTimeInterval(2800))
        #expect(rows[0].nextCallDue == t0.addingTimeInterval(1800), "the deadline, for a party never called")
    }

    @Test func outcomesReadAsPeopleTypeThem() {
        #expect(CallOutcome(parsing: "No answer") == .noAnswer)
        #expect(CallOutcome(parsing: "wrong") == .wrongNumber)
        #expect(CallOutcome(parsing: "answered") == .acknowledged)
        #expect(CallOutcome(parsing: "maybe") == nil)
    }

    @Test func theReportTellsTheStoryInOrder() {
        let id = round().notice.id
        var r = round(acks: [Acknowledgment(noticeID: id, organisationID: ed.id, via: .phone, at: t0.addingTimeInterval(2000), by: "m")],
                      calls: [CallAttempt(noticeID: id, organisationID: ed.id, number: try! PhoneNumber(parsing: "01632 960031"), outcome: .acknowledged,
                                          at: t0.addingTimeInterval(2000), by: "marcus")])
        r.outage.restoredAt = t0.addingTimeInterval(7200)
        let report = OutageReport(outage: r.outage, rounds: [r],
                                  deliveries: [.init(noticeID: r.notice.id, reference: "DD-1", organisationID: ed.id, at: t0.addingTimeInterval(5), error: "exit 75"),
                                               .init(noticeID: r.notice.id, reference: "DD-1", organisationID: ed.id, at: t0.addingTimeInterval(65), error: nil)],
                                  downtimeBookings: [], zone: TimeZone(identifier: "UTC")!)
        #expect(report.events.map(\.kind) == ["down", "declared", "notice", "send-failed", "sent", "call", "ack", "restored"])
        #expect(report.reachedByPhone == 1)
        #expect(report.rounds[0].outstanding == ["Coastal Commissioning", "Birch Dental", "Alder Dental"])
        let text = report.text(zone: TimeZone(identifier: "UTC")!, now: t0)
        #expect(text.contains("10:33  marcus called Northgate ED on 01632 960031: acknowledged"))
        #expect(text.contains("Email DD-1 to Northgate ED failed: exit 75"))
        #expect(text.contains("Duration:  2h 10m"))
    }
}
