import Foundation
import Testing
import GRDB
import DeskCore
@testable import DeskStore

/// A plan like the shipped demo's, built here because the store's tests do not read TOML.
let testPlan = ContinuityPlan(
    title: "Test plan", organisation: "Referral Systems Hosting", lastReviewed: LocalDate(iso: "2026-01-10")!,
    people: [KeyPerson(name: "Priya Castellane", role: "On-call lead", phones: [try! PhoneNumber(parsing: "07700 900001")]),
             KeyPerson(name: "Tomasz Whitlock", role: "Deputy", phones: [try! PhoneNumber(parsing: "07700 900002")])],
    functions: [CriticalFunction(name: "Urgent dental booking", systems: ["Dental RMS"], responsible: "Priya Castellane", deputy: "Tomasz Whitlock",
                                 impact: .high, likelihood: .low, recoveryTimeframe: PlanDuration(seconds: 14_400), resources: [],
                                 dataRecovery: "Back-entry", runbook: ["Declare the outage", "Phone 111"],
                                 escalations: [Escalation(after: PlanDuration(seconds: 7200), action: "Tell the commissioner")])])

@Suite struct IncidentStoreTests {
    let day = LocalDate(iso: "2026-11-21")!

    func declared(plan: Bool = true) throws -> TemporaryDatabase {
        let db = try TemporaryDatabase()
        try db.store.seedDemo(now: testNow, zone: london, actor: testActor)
        if plan { try db.store.installPlan(testPlan, source: "# test", actor: hostActor, at: testNow) }
        try db.store.declareOutage(system: "Dental RMS", since: testNow.addingTimeInterval(-600), reason: "", instructions: "", actor: hostActor, at: testNow)
        return db
    }

    func journalActions(_ db: TemporaryDatabase) throws -> [String] { try db.store.journal(limit: 200).map(\.action) }

    @Test func everyOutageOpensAnIncidentWithANumberNeverUsedTwice() throws {
        let db = try declared()
        let first = try db.store.incidentDetail()
        #expect(first.incident.number == "INC-2026-0001")
        #expect(first.incident.severity == 3 && first.incident.isHighSeverity, "a central system outage affects several sites")
        #expect(first.incident.reporter == "oncall" && first.incident.function == "Urgent dental booking")
        #expect(first.entries.map(\.kind) == [.opened])
        try db.store.restoreOutage(system: nil, at: testNow.addingTimeInterval(60), actor: hostActor, now: testNow.addingTimeInterval(60))
        try db.store.closeIncident(agreedBy: "oncall", override: nil, actor: hostActor, at: testNow.addingTimeInterval(120))
        try db.store.declareOutage(system: "Dental RMS", since: testNow.addingTimeInterval(180), reason: "", instructions: "", actor: hostActor,
                                   at: testNow.addingTimeInterval(200))
        #expect(try db.store.incidentDetail().incident.number == "INC-2026-0002")
        #expect(try db.store.incidents().map(\.number) == ["INC-2026-0002", "INC-2026-0001"])
        // Even a row removed behind the program's back does not free its number.
        try db.store.pool.write { try $0.execute(sql: "DELETE FROM incident_entry; DELETE FROM runbook_tick; DELETE FROM incident") }
        try db.store.restoreOutage(system: nil, at: testNow.addingTimeInterval(300), actor: hostActor, now: testNow.addingTimeInterval(300))
        try db.store.declareOutage(system: "Dental RMS", since: testNow.addingTimeInterval(400), reason: "", instructions: "", actor: hostActor,
                                   at: testNow.addingTimeInterval(400))
        #expect(try db.store.incidentDetail().incident.number == "INC-2026-0003")
    }

    @Test func severityChangesNeedAReasonAreJournaledAndTheFlagFollows() throws {
        let db = try declared()
        try db.store.changeIncidentImpact(IncidentImpact(multipleSites: false), reason: "Only one practice affected", actor: hostActor, at: testNow)
        #expect(!(try db.store.incidentDetail().incident.isHighSeverity))
        let raised = try db.store.changeIncidentSeverity(to: 2, reason: "Past the recovery timeframe", actor: hostActor, at: testNow)
        #expect(raised.isHighSeverity)
        let detail = try db.store.incidentDetail(number: "inc-2026-0001")
        #expect(detail.entries.last?.text == "Severity 3 → 2; now an HSSI: Past the recovery timeframe")
        #expect(try journalActions(db).prefix(2) == ["incident.severity", "incident.impact"])
        #expect(throws: Refusal.self) {
            try db.store.changeIncidentSeverity(to: 6, reason: "x", actor: hostActor, at: testNow)
        }
        #expect(throws: Refusal.self) {
            try db.store.changeIncidentSeverity(to: 1, reason: "  ", actor: hostActor, at: testNow)
        }
        #expect(throws: Refusal.self) {
            try db.store.apply(.changeIncidentSeverity(.init(severity: 1, reason: "mine")), as: kestrelActor)
        }
        #expect(throws: StoreError.self) { try db.store.changeIncidentSeverity(to: 1, reason: "x", number: "INC-2026-0099", actor: hostActor, at: testNow) }
        #expect(try db.store.incidentDetail().incident.severity == 2, "refused changes change nothing")
    }

    @Test func closureWaitsForRestorationAndBackEntryUnlessOverridden() throws {
        let db = try declared()
        let kestrel = try db.store.organisation(matching: "Kestrel Dental Practice")
        let details = try BookingDraft(patientName: "Ann Example", phone: "07700 900777").validate(today: day, resolveED: { _ in nil }).get()
        let booking = try db.store.book(practice: kestrel, day: day, start: TimeOfDay(parsing: "16:00")!, details: details, overbook: false,
                                        actor: testActor, at: testNow.addingTimeInterval(30))
        #expect(booking.downtimeReference != nil)
        do {
            try db.store.closeIncident(agreedBy: "Gwen", override: nil, actor: hostActor, at: testNow)
            Issue.record("closed while the outage is active")
        } catch let refusal as Refusal {
            #expect(refusal.description.contains(
                "its outage is still active and 1 downtime booking is still to be back-entered"))
            // The desk's words name no flag; the command line's own words do.
            #expect(!refusal.description.contains("--") && refusal.withCommandLineHint.contains("--override REASON"))
        }
        let later = testNow.addingTimeInterval(600)
        try db.store.restoreOutage(system: nil, at: later, actor: hostActor, now: later)
        #expect(throws: Refusal.self) {
            try db.store.closeIncident(agreedBy: "Gwen", override: nil, actor: hostActor, at: later)
        }
        #expect(throws: Refusal.self) {
            try db.store.closeIncident(agreedBy: " ", override: nil, actor: hostActor, at: later)
        }
        #expect(try db.store.incidentDetail().incident.closedAt == nil)
        try db.store.markBackEntered(booking.downtimeReference!, centralReference: "C-1", actor: testActor, at: later)
        let closed = try db.store.closeIncident(agreedBy: "Gwen Tallis", override: nil, actor: hostActor, at: later)
        #expect(closed.agreedBy == "Gwen Tallis" && closed.closeOverride == nil && closed.closedBy == "oncall")
        #expect(try db.store.incidentDetail().entries.last?.text == "Closed, agreed with Gwen Tallis")
        #expect(throws: Refusal.self) {
            try db.store.closeIncident(agreedBy: "Gwen", override: nil, actor: hostActor, at: later)
        }
    }

    @Test func anOverrideClosesAnActiveIncidentAndSaysSo() throws {
        let db = try declared()
        let closed = try db.store.closeIncident(agreedBy: "Marcus", override: "Duplicate of INC-2025-0042", actor: commissionerActor, at: testNow)
        #expect(closed.closeOverride == "Duplicate of INC-2025-0042")
        #expect(try db.store.incidentDetail().entries.last?.text == "Closed, agreed with Marcus — OVERRIDE although its outage is still active: Duplicate of INC-2025-0042")
        #expect(try journalActions(db).first == "incident.close")
    }

    @Test func notesComeFromAnyoneAndTheRunbookIsTickedByTheOnCall() throws {
        let db = try declared()
        try db.store.addIncidentNote("Our phones are down too", actor: testActor, at: testNow)
        #expect(try db.store.incidentDetail().entries.last?.text == "Our phones are down too (Test Practice)")
        #expect(throws: Refusal.self) { try db.store.addIncidentNote("   ", actor: testActor, at: testNow) }
        let item = try db.store.tickRunbook(position: 1, actor: hostActor, at: testNow)
        #expect(item.text == "Declare the outage" && item.tick?.by == "oncall")
        #expect(throws: Refusal.self) { try db.store.tickRunbook(position: 1, actor: hostActor, at: testNow) }
        #expect(throws: Refusal.self) { try db.store.tickRunbook(position: 9, actor: hostActor, at: testNow) }
        #expect(throws: Refusal.self) {
            try db.store.apply(.tickRunbook(.init(position: 2, undo: false)), as: kestrelActor)
        }
        let detail = try db.store.incidentDetail()
        let runbook = try #require(detail.runbook(at: testNow.addingTimeInterval(7200)))
        #expect(runbook.stepsDone == 1 && runbook.dueEscalations.map(\.text) == ["Tell the commissioner"])
        #expect(detail.keyPersonnel.map(\.part) == ["responsible", "deputy"])
        try db.store.tickRunbook(position: 1, undo: true, actor: hostActor, at: testNow)
        #expect(try db.store.incidentDetail().runbook(at: testNow)?.stepsDone == 0)
    }

    /// The plan says which steps the desk does itself: declaring ticks its step, restoring ticks the other, and
    /// the email round ticks 'notices sent' once every email has gone; a person cannot untick them.
    @Test func stepsTheDeskDoesTickThemselvesAndStayTicked() throws {
        let db = try TemporaryDatabase()
        try db.store.seedDemo(now: testNow, zone: london, actor: testActor)
        var plan = testPlan
        plan.functions[0].runbook = ["Declare the outage", "Send the notices", "Declare the restoration"]
        plan.functions[0].doneByDesk = ["Declare the outage": .outageDeclared, "Send the notices": .noticesSent,
                                        "Declare the restoration": .restorationDeclared]
        try db.store.installPlan(plan, source: "# test", actor: hostActor, at: testNow)
        try db.store.declareOutage(system: "Dental RMS", since: testNow.addingTimeInterval(-600), reason: "",
                                   instructions: "", actor: hostActor, at: testNow)
        var runbook = try #require(try db.store.incidentDetail().runbook(at: testNow))
        #expect(runbook.items.prefix(3).map(\.isDone) == [true, false, false], "the emails are queued, not yet sent")
        #expect(runbook.items[0].tick?.by == "Downtime Desk" && runbook.items[0].tick?.at == testNow)
        do {
            _ = try db.store.tickRunbook(position: 1, undo: true, actor: hostActor, at: testNow)
            Issue.record("a desk's tick was unticked")
        } catch let refusal as Refusal {
            #expect(refusal.description.hasPrefix("item 1 ticked itself: Downtime Desk did it at "), "\(refusal)")
        }
        let sent = testNow.addingTimeInterval(30)
        try db.store.pool.write { db in
            try db.execute(sql: "UPDATE outbox SET status = 'sent', sent_at = ?", arguments: [Codecs.instant(sent)])
        }
        runbook = try #require(try db.store.incidentDetail().runbook(at: testNow))
        #expect(runbook.items[1].tick?.by == "Downtime Desk" && runbook.items[1].tick?.at == sent)
        try db.store.restoreOutage(system: nil, at: testNow.addingTimeInterval(60), actor: hostActor,
                                   now: testNow.addingTimeInterval(60))
        runbook = try #require(try db.store.incidentDetail().runbook(at: testNow.addingTimeInterval(60)))
        #expect(runbook.progress == "runbook 3/3")
    }

    @Test func withoutAPlanTheIncidentHasNoRunbook() throws {
        let db = try declared(plan: false)
        let detail = try db.store.incidentDetail()
        #expect(detail.function == nil && detail.runbook(at: testNow) == nil)
        #expect(detail.entries.first?.text.contains("no plan function covers Dental RMS") == true)
        #expect(throws: Refusal.self) { try db.store.tickRunbook(position: 1, actor: hostActor, at: testNow) }
    }

    @Test func theReviewIsRecordedAndRestartsTheYear() throws {
        let db = try TemporaryDatabase()
        #expect(throws: Refusal.self) {
            try db.store.recordPlanReview(day: day, note: "", actor: hostActor, at: testNow)
        }
        try db.store.installPlan(testPlan, source: "# test", actor: hostActor, at: testNow)
        var status = try db.store.planStatus()
        #expect(status.lastReviewed == LocalDate(iso: "2026-01-10") && !status.isOverdue(today: day))
        #expect(status.isOverdue(today: LocalDate(iso: "2027-01-11")!))
        try db.store.recordPlanReview(day: day, note: "Yearly review with the commissioners", actor: hostActor, at: testNow)
        status = try db.store.planStatus()
        #expect(status.lastReviewed == day && !status.isOverdue(today: LocalDate(iso: "2027-01-11")!))
        #expect(try journalActions(db).first == "plan.review")
        #expect(throws: Refusal.self) { try db.store.apply(.installPlan(.init(plan: testPlan, source: "")),
                                                           as: kestrelActor) }
    }

    @Test func aRecontactCallRearrangesThePatientIntoANewSlotInOneStep() throws {
        let db = try declared()
        let practice = try db.store.organisations().first { $0.kind == .practice }!
        let clinic = Actor(user: "gwen", terminal: "/dev/pts/3", site: practice.name, role: .practice)
        let list = try db.store.createRecontactList(practiceID: practice.id, from: day, to: day, reason: "Flooded surgery", actor: clinic, at: testNow)
        let booked = try db.store.bookings(practiceID: practice.id, day: day).filter { $0.status == .booked }
        #expect(list.items.count == booked.count && list.remaining == booked.count && !booked.isEmpty)
        let item = list.items[0]
        let tomorrow = day.adding(days: 1)
        try db.store.logRecontactCall(itemID: item.id, outcome: .noAnswer, note: "", actor: clinic, at: testNow)
        try db.store.logRecontactCall(itemID: item.id, outcome: .rearranged, note: "Happy with tomorrow", moveTo: (tomorrow, TimeOfDay(parsing: "09:00")!),
                                      actor: clinic, at: testNow)
        let moved = try db.store.booking(matching: item.booking.id.uuidString)
        #expect(moved.day == tomorrow && moved.start == TimeOfDay(parsing: "09:00"))
        let after = try #require(try db.store.recontactLists(practiceID: practice.id).first)
        #expect(after.remaining == list.remaining - 1)
        #expect(after.items[0].calls.map(\.outcome) == [.noAnswer, .rearranged] && after.items[0].calls.last?.movedTo == "\(tomorrow.iso) 09:00")
        #expect(after.items[0].originalDay == day, "the list remembers the slot the patient had")
        // A taken slot refuses the move, and the call is not logged either.
        let second = after.items[1]
        #expect(throws: Refusal.self) {
            try db.store.logRecontactCall(itemID: second.id, outcome: .rearranged, note: "", moveTo: (tomorrow, TimeOfDay(parsing: "09:00")!), actor: clinic, at: testNow)
        }
        #expect(try db.store.recontactLists(practiceID: practice.id).first?.items[1].calls.isEmpty == true)
        #expect(throws: Refusal.self) {
            try db.store.logRecontactCall(itemID: second.id, outcome: .rearranged, note: "", actor: clinic, at: testNow)
        }
        #expect(throws: Refusal.self) {
            try db.store.apply(.logRecontactCall(.init(itemID: second.id, outcome: .informed, note: "")), as: valeActor)
        }
        #expect(throws: Refusal.self) {
            try db.store.createRecontactList(practiceID: practice.id, from: day, to: day.adding(days: -1), reason: "x",
                                             actor: clinic, at: testNow)
        }
        #expect(throws: Refusal.self) {
            try db.store.createRecontactList(practiceID: practice.id, from: day, to: day, reason: "",
                                             actor: clinic, at: testNow)
        }
    }
}
