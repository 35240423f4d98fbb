import Foundation
import Testing
@testable import DeskCore

@Suite struct IncidentRuleTests {
    let opened = Date(timeIntervalSince1970: 1_790_000_000)

    func incident(severity: Int, sites: Bool = false, clinical: Bool = false, ig: Bool = false) -> Incident {
        Incident(number: "INC-2026-0001", outageID: nil, severity: severity,
                 impact: IncidentImpact(multipleSites: sites, clinicalSafety: clinical, informationGovernance: ig), openedAt: opened, reporter: "host")
    }

    @Test func hssiFollowsSeedThreesRule() {
        #expect(incident(severity: 1).isHighSeverity)
        #expect(incident(severity: 2).isHighSeverity)
        #expect(!incident(severity: 3).isHighSeverity)
        #expect(!incident(severity: 5).isHighSeverity)
        #expect(incident(severity: 4, sites: true).hssiReasons == ["several sites affected"])
        #expect(incident(severity: 5, clinical: true).hssiReasons == ["clinical-safety impact"])
        #expect(incident(severity: 5, ig: true).isHighSeverity)
        #expect(incident(severity: 2, sites: true).badge == "INC-2026-0001 sev 2 HSSI")
        #expect(incident(severity: 3).badge == "INC-2026-0001 sev 3")
    }

    @Test func theFlagFollowsASeverityChange() {
        var single = incident(severity: 3)
        #expect(!single.isHighSeverity)
        single.severity = 2
        #expect(single.isHighSeverity)
        single.severity = 4
        #expect(!single.isHighSeverity)
    }

    @Test func closureWaitsForRestorationAndBackEntry() {
        #expect(Incident.closureBlockers(outageActive: false, backEntryRemaining: 0).isEmpty)
        #expect(Incident.closureBlockers(outageActive: true, backEntryRemaining: 0) == ["its outage is still active"])
        #expect(Incident.closureBlockers(outageActive: false, backEntryRemaining: 1) == ["1 downtime booking is still to be back-entered"])
        #expect(Incident.closureBlockers(outageActive: true, backEntryRemaining: 3).count == 2)
    }

    @Test func incidentNumbersAreNormalised() {
        #expect(IncidentNumber.make(year: 2026, sequence: 7) == "INC-2026-0007")
        #expect(IncidentNumber.normalise("inc-2026-0007") == "INC-2026-0007")
        #expect(IncidentNumber.normalise("2026-7") == "INC-2026-0007")
        #expect(IncidentNumber.normalise("INC-26-0007") == nil)
        #expect(IncidentNumber.normalise("INC-2026-0000") == nil)
        #expect(IncidentNumber.normalise("banana") == nil)
    }

    @Test func durationsParseTheWayAPlanWritesThem() {
        #expect(PlanDuration(parsing: "30m")?.seconds == 1800)
        #expect(PlanDuration(parsing: "4h")?.seconds == 14_400)
        #expect(PlanDuration(parsing: "1h30m")?.description == "1h30m")
        #expect(PlanDuration(parsing: "2d")?.words == "2 days")
        #expect(PlanDuration(parsing: "1d 2h")?.words == "1 day 2 hours")
        for bad in ["", "4", "h", "30m1h", "0h", "4 hours", "-1h", "1.5h"] { #expect(PlanDuration(parsing: bad) == nil, "\(bad)") }
    }

    @Test func escalationsComeDueByElapsedTimeAndLeaveTheBannerWhenTicked() {
        let function = CriticalFunction(name: "Booking", systems: ["Dental RMS"], responsible: "A", deputy: "B", impact: .high, likelihood: .low,
                                        recoveryTimeframe: PlanDuration(seconds: 14_400), resources: [], dataRecovery: "x",
                                        runbook: ["Declare", "Phone"],
                                        escalations: [Escalation(after: PlanDuration(seconds: 7200), action: "Tell commissioner"),
                                                      Escalation(after: PlanDuration(seconds: 14_400), action: "Raise severity")])
        let since = opened
        let early = Runbook(function: function, since: since, now: since.addingTimeInterval(7199), ticks: [])
        #expect(early.dueEscalations.isEmpty)
        #expect(early.progress == "runbook 0/2")
        let atTwoHours = Runbook(function: function, since: since, now: since.addingTimeInterval(7200), ticks: [])
        #expect(atTwoHours.dueEscalations.map(\.text) == ["Tell commissioner"])
        let item = atTwoHours.dueEscalations[0]
        let ticked = Runbook(function: function, since: since, now: since.addingTimeInterval(14_400),
                             ticks: [RunbookTick(incidentID: UUID(), item: item.key, at: since, by: "on-call"),
                                     RunbookTick(incidentID: UUID(), item: "step: Declare", at: since, by: "on-call")])
        #expect(ticked.dueEscalations.map(\.text) == ["Raise severity"])
        #expect(ticked.progress == "runbook 1/2 · 1 escalation DUE")
    }

    /// Steps the program does itself tick themselves when it does them; a person's own tick stands.
    @Test func aStepTheDeskDoesTicksItselfWhenItHappens() {
        let function = CriticalFunction(name: "Booking", systems: ["Dental RMS"], responsible: "A", deputy: "B",
                                        impact: .high, likelihood: .low,
                                        recoveryTimeframe: PlanDuration(seconds: 14_400),
                                        resources: [], dataRecovery: "x", runbook: ["Declare", "Phone", "Restore"],
                                        escalations: [], doneByDesk: ["Declare": .outageDeclared,
                                                                      "Restore": .restorationDeclared])
        let declared = opened.addingTimeInterval(60)
        let runbook = Runbook(function: function, since: opened, now: opened.addingTimeInterval(600), ticks: [],
                              happened: [.outageDeclared: declared])
        #expect(runbook.progress == "runbook 1/3")
        #expect(runbook.items[0].tick?.isByDesk == true && runbook.items[0].tick?.at == declared)
        #expect(!runbook.items[2].isDone, "not restored yet")
        let lines = IncidentText.checklist(runbook, zone: TimeZone(identifier: "Europe/London")!)
        #expect(lines[0].hasPrefix("1. [x] Declare — done by Downtime Desk at "), "\(lines[0])")
        let byPerson = Runbook(function: function, since: opened, now: opened, ticks: [],
                               happened: [.outageDeclared: declared])
        #expect(byPerson.items[0].tick?.isByDesk == true)
        let ownTick = RunbookTick(incidentID: UUID(), item: "step: Declare", at: opened, by: "on-call")
        #expect(Runbook(function: function, since: opened, now: opened, ticks: [ownTick],
                        happened: [.outageDeclared: declared]).items[0].tick == ownTick)
    }

    @Test func theYearlyReviewFallsDueTwelveMonthsOn() {
        let reviewed = LocalDate(iso: "2025-11-21")!
        #expect(PlanReview.due(after: reviewed) == LocalDate(iso: "2026-11-21"))
        #expect(!PlanReview.isOverdue(lastReviewed: reviewed, today: LocalDate(iso: "2026-11-21")!))
        #expect(PlanReview.isOverdue(lastReviewed: reviewed, today: LocalDate(iso: "2026-11-22")!))
        #expect(LocalDate(iso: "2024-02-29")!.addingMonths(12) == LocalDate(iso: "2025-02-28"))
        #expect(LocalDate(iso: "2026-01-31")!.addingMonths(1) == LocalDate(iso: "2026-02-28"))
    }

    @Test func recontactOutcomesParseAndSettle() {
        #expect(RecontactOutcome(parsing: "no answer") == .noAnswer)
        #expect(RecontactOutcome(parsing: "wrong-number") == .wrongNumber)
        #expect(RecontactOutcome(parsing: "Rearranged") == .rearranged)
        #expect(RecontactOutcome(parsing: "maybe") == nil)
        #expect(RecontactOutcome.informed.settlesThePatient && !RecontactOutcome.noAnswer.settlesThePatient)
    }
}
