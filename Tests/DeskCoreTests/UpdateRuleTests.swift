import Foundation
import Testing
@testable import DeskCore

/// The rules of updates and the communications list, without a database.
@Suite struct UpdateRuleTests {
    let utc = TimeZone(identifier: "UTC")!
    let declared = Instant.parse("2026-11-21T10:05:00Z", zone: TimeZone(identifier: "UTC")!)!

    func function(every: Int?, hssi: Int?) -> CriticalFunction {
        CriticalFunction(name: "Booking", systems: ["Dental RMS"], responsible: "A", deputy: "B", impact: .high,
                         likelihood: .low, recoveryTimeframe: PlanDuration(seconds: 14_400), resources: [],
                         dataRecovery: "x", runbook: ["Declare"], escalations: [],
                         updateEvery: every.map { PlanDuration(seconds: $0) },
                         updateEveryHSSI: hssi.map { PlanDuration(seconds: $0) })
    }

    @Test func anUpdateFallsDueAfterTheIntervalFromTheLastOneOrTheDeclaration() {
        let cadence = UpdateCadence(every: 3600, everyHSSI: 1800)
        #expect(cadence.due(declaredAt: declared, lastUpdate: nil, hssi: false) == declared.addingTimeInterval(3600))
        #expect(cadence.due(declaredAt: declared, lastUpdate: nil, hssi: true) == declared.addingTimeInterval(1800))
        let last = declared.addingTimeInterval(2000)
        #expect(cadence.due(declaredAt: declared, lastUpdate: last, hssi: true) == last.addingTimeInterval(1800))
        #expect(UpdateCadence(every: 7200).interval(hssi: true) == 7200, "an HSSI without its own takes the general")
        #expect(UpdateCadence().due(declaredAt: declared, lastUpdate: nil, hssi: true) == nil, "none said: none due")
    }

    @Test func thePlansFunctionSaysHowOftenBeforeTheSettings() {
        let settings = UpdateCadence(every: 7200, everyHSSI: 3600)
        #expect(settings.overridden(by: function(every: 1800, hssi: nil))
                == UpdateCadence(every: 1800, everyHSSI: 3600))
        #expect(settings.overridden(by: function(every: nil, hssi: 900)) == UpdateCadence(every: 7200, everyHSSI: 900))
        #expect(settings.overridden(by: nil) == settings)
    }

    @Test func theDesksViewSaysWhenTheNextUpdateIsDueOnlyWhileAnOutageIsActive() {
        var view = DeskView(day: LocalDate(declared, in: utc))
        let cadence = UpdateCadence(every: 3600)
        #expect(view.nextUpdateDue(cadence: cadence) == nil)
        let outage = Outage(system: "Dental RMS", since: declared, declaredAt: declared, declaredBy: "oncall")
        view.activeOutage = outage
        #expect(view.nextUpdateDue(cadence: cadence) == declared.addingTimeInterval(3600))
        view.updates = [OutageUpdate(outageID: outage.id, message: "x", eta: nil, at: declared.addingTimeInterval(600),
                                     by: "oncall")]
        #expect(view.nextUpdateDue(cadence: cadence) == declared.addingTimeInterval(4200))
    }

    @Test func anUpdatesWordsAreCheckedAndItsLineSaysTheETA() {
        #expect(OutageUpdate.problem(message: " \n", eta: nil, now: declared)?.contains("write what") == true)
        #expect(OutageUpdate.problem(message: "fine\nsecond line", eta: nil, now: declared) == nil)
        #expect(OutageUpdate.problem(message: "a\u{1B}[2J", eta: nil, now: declared)?.contains("printable") == true)
        #expect(OutageUpdate.problem(message: "ok", eta: declared.addingTimeInterval(-3600), now: declared)?
            .contains("past") == true)
        let update = OutageUpdate(outageID: UUID(), message: "Disk replaced\nrestarting",
                                  eta: declared.addingTimeInterval(3600),
                                  at: declared, by: "oncall")
        #expect(update.line(zone: utc) == "10:05 Disk replaced restarting (ETA 11:05)")
        let overnight = OutageUpdate(outageID: UUID(), message: "Long job", eta: declared.addingTimeInterval(86_400),
                                     at: declared, by: "oncall")
        #expect(overnight.summary(zone: utc) == "Long job (ETA Sun 22 Nov 2026 10:05)", "another day names its day")
        #expect(update.reference.hasPrefix("DU-") && update.reference(forRecipientAt: 6).hasSuffix("-07"))
        #expect(NoticeToken.all(in: "Re: [\(update.reference(forRecipientAt: 0))]") == [update.reference + "-01"])
    }

    @Test func theHandoverCarriesEveryUpdateAndWhenTheNextIsDue() {
        var view = DeskView(day: LocalDate(declared, in: utc))
        let outage = Outage(system: "Dental RMS", since: declared, declaredAt: declared, declaredBy: "oncall")
        view.activeOutage = outage
        let cadence = UpdateCadence(every: 3600)
        let none = HandoverSheet.lines(view: view, now: declared.addingTimeInterval(4000), zone: utc,
                                       updateCadence: cadence)
        #expect(none.contains("  Updates: none sent yet; next OVERDUE since 11:05"))
        view.updates = [OutageUpdate(outageID: outage.id, message: "First", eta: nil,
                                     at: declared.addingTimeInterval(600), by: "oncall", reference: "DU-000001"),
                        OutageUpdate(outageID: outage.id, message: "Second", eta: declared.addingTimeInterval(7200),
                                     at: declared.addingTimeInterval(1200), by: "priya", reference: "DU-000002")]
        let lines = HandoverSheet.lines(view: view, now: declared.addingTimeInterval(1800), zone: utc,
                                        updateCadence: cadence)
        let start = lines.firstIndex(of: "  Updates sent, no acknowledgment asked; next due by 11:25:")
        #expect(start != nil, "\(lines)")
        if let start {
            #expect(Array(lines[(start + 1)...(start + 2)]) == ["    DU-000001 10:15 First (oncall)",
                                                                "    DU-000002 10:25 Second (ETA 12:05) (priya)"])
        }
    }

    @Test func aSubscriberForHSSIsHearsOnlyOfThem() {
        let hssi = Subscriber(email: try! EmailAddress(parsing: "icb@example.nhs.uk"), name: "ICB", scope: .hssi,
                              addedAt: declared, addedBy: "oncall")
        #expect(hssi.hears(hssi: true) && !hssi.hears(hssi: false))
        var all = hssi
        all.scope = .all
        #expect(all.hears(hssi: false))
    }

    /// The host's message goes into a template that may put it in the subject: a line break there adds no header.
    @Test(arguments: ["Fault\r\nBcc: evil@example.org", "Fault\nBcc: evil@example.org", "Fault\u{2028}Bcc: x@y.org"])
    func anUpdateMessageCannotAddAHeader(_ hostile: String) throws {
        var composer = NoticeComposer(zone: utc)
        composer.updateTemplate = NoticeTemplate(subject: "[{{reference}}] {{message}}", body: "{{message}}",
                                                 source: "test")
        let host = Organisation(name: "Referral Systems Hosting", kind: .host,
                                emails: [try EmailAddress(parsing: "oncall@host.example.org")])
        let outage = Outage(system: "Dental RMS", since: declared, declaredAt: declared, declaredBy: "oncall")
        let update = OutageUpdate(outageID: outage.id, message: hostile, eta: nil, at: declared, by: "oncall")
        let subscriber = Subscriber(email: try EmailAddress(parsing: "owner@example.org"), name: "Owner\nBcc: z@z.org",
                                    scope: .all, addedAt: declared, addedBy: "oncall")
        for addressee in [NoticeComposer.Addressee.subscriber(subscriber),
                          .party(Organisation(name: "Kestrel", kind: .practice), recipients: [subscriber.email])] {
            let mail = composer.compose(update: update, outage: outage, to: addressee, position: 0,
                                        directory: .init([host]), now: declared)
            let parsed = try InboundMail(parsing: mail.rendered)
            #expect(parsed.header("bcc") == nil, "\(mail.rendered)")
            #expect(parsed.subject.contains("Bcc:"), "the words stay, on the subject's line")
            #expect(parsed.header("to") == "owner@example.org")
        }
    }

    @Test func aSubscribersCopySaysItNeedsNoAcknowledgmentAndHowToLeave() throws {
        let composer = NoticeComposer(zone: utc)
        let host = Organisation(name: "Referral Systems Hosting", kind: .host,
                                phones: [try PhoneNumber(parsing: "01632 960001")],
                                emails: [try EmailAddress(parsing: "oncall@host.example.org")])
        let outage = Outage(system: "Dental RMS", since: declared, declaredAt: declared, declaredBy: "oncall")
        let notice = Notice(outageID: outage.id, kind: .outage, createdAt: declared)
        let subscriber = Subscriber(email: try EmailAddress(parsing: "owner@example.org"), name: "Owner", scope: .all,
                                    addedAt: declared, addedBy: "oncall")
        let mail = composer.compose(outage: outage, notice: notice, subscriber: subscriber, position: 18,
                                    directory: .init([host]), now: declared)
        #expect(mail.reference == notice.reference + "-19")
        let body = QuotedPrintable.decode(try InboundMail(parsing: mail.rendered).body)
        #expect(body.contains("no acknowledgment is needed from you"))
        #expect(body.replacingOccurrences(of: "\n", with: " ").contains("reply with UNSUBSCRIBE in the subject, or ask "
                                                                         + "Referral Systems Hosting on 01632 960001"))
        #expect(mail.rendered.contains("List-Unsubscribe: <mailto:oncall@host.example.org?subject=UNSUBSCRIBE>"))
    }
}
