import Foundation
import Testing
import DeskCore
@testable import DeskConfig

@Suite struct ContinuityPlanFileTests {
    static let demoFile = repositoryRoot.appendingPathComponent("Plans/demo-continuity-plan.toml")

    /// A small valid plan; each bad-file test breaks one thing in it.
    static let valid = """
    title = "Plan"
    organisation = "Host"
    last_reviewed = 2026-01-15

    [[people]]
    name = "Ann Lead"
    role = "Lead"
    phones = ["07700 900001"]

    [[people]]
    name = "Bo Deputy"
    role = "Deputy"
    phones = ["01632 960002"]
    email = "bo@example.org"

    [[functions]]
    name = "Booking"
    systems = ["Dental RMS"]
    responsible = "Ann Lead"
    deputy = "Bo Deputy"
    impact = "high"
    likelihood = "low"
    recovery_timeframe = "4h"
    data_recovery = "Back-enter."
    runbook = ["Declare", "Phone 111"]

    [functions.resources]
    staff = "Two"

    [[functions.escalations]]
    after = "2h"
    action = "Tell the commissioner"
    contact = ["Bo Deputy"]
    """

    func problems(_ text: String) -> [ConfigError] {
        do { _ = try ContinuityPlanFile.parse(text: text, file: "plan.toml"); return [] }
        catch { return error.problems }
    }

    @Test func theShippedDemoPlanIsValidAndCoversTheDemoSystem() throws {
        let plan = try ContinuityPlanFile.load(file: Self.demoFile)
        #expect(plan.functions.count == 2)
        let booking = try #require(plan.function(forSystem: "dental rms"))
        #expect(booking.responsible == "Priya Castellane")
        #expect(booking.escalations.map(\.after.description) == ["2h", "4h", "1d"])
        #expect(booking.runbook.count == 8)
        #expect(booking.doneByDesk == [booking.runbook[1]: .outageDeclared, booking.runbook[6]: .restorationDeclared])
        #expect(booking.personnel.map(\.part) == ["responsible", "deputy", "key personnel", "key personnel"])
        // Demo data never reaches a real person: drama-range numbers and example.org only.
        for person in plan.people {
            #expect(person.phones.allSatisfy { $0.description.hasPrefix("01632 960") || $0.description.hasPrefix("07700 900") })
            #expect(person.email.hasSuffix(".example.org") || person.email.hasSuffix("@example.org"))
        }
    }

    @Test func aValidPlanReadsEveryField() throws {
        let plan = try ContinuityPlanFile.parse(text: Self.valid, file: "plan.toml")
        #expect(plan.lastReviewed == LocalDate(iso: "2026-01-15"))
        let function = plan.functions[0]
        #expect(function.recoveryTimeframe.seconds == 4 * 3600)
        #expect(function.resources == [.init(label: "staff", text: "Two")])
        #expect(function.escalations == [Escalation(after: PlanDuration(seconds: 7200), action: "Tell the commissioner", contact: ["Bo Deputy"])])
        #expect(plan.person(named: "bo deputy")?.email == "bo@example.org")
    }

    @Test func missingFieldsAreEachNamedWithTheirLine() {
        let text = Self.valid.replacingOccurrences(of: "deputy = \"Bo Deputy\"\n", with: "")
            .replacingOccurrences(of: "data_recovery = \"Back-enter.\"\n", with: "")
        let found = problems(text)
        #expect(found.count == 2)
        #expect(found.contains { $0.key == "functions[1] (Booking).deputy" && $0.message == "is missing" && $0.line == 16 })
        #expect(found.contains { $0.key == "functions[1] (Booking).data_recovery" && $0.message == "is missing" })
    }

    @Test func badDurationsSayHowToWriteThem() {
        let found = problems(Self.valid.replacingOccurrences(of: "recovery_timeframe = \"4h\"", with: "recovery_timeframe = \"four hours\"")
            .replacingOccurrences(of: "after = \"2h\"", with: "after = \"2x\""))
        #expect(found.map(\.message).filter { $0.contains("is not a duration; write it as 30m, 4h, 2d or 1h30m") }.count == 2)
        let after = found.first { $0.key?.hasSuffix("escalations[1].after") == true }
        #expect(after?.line == 31)
    }

    @Test func unknownPeopleAreRefusedWherePeopleAreNamed() {
        let found = problems(Self.valid.replacingOccurrences(of: "responsible = \"Ann Lead\"", with: "responsible = \"Zed Nobody\"")
            .replacingOccurrences(of: "contact = [\"Bo Deputy\"]", with: "contact = [\"Ghost\"]"))
        #expect(found.map(\.message).sorted() == ["Ghost is not among the [[people]]", "Zed Nobody is not among the [[people]]"])
        #expect(found.first { $0.message.hasPrefix("Zed") }?.line == 19)
    }

    /// A step Downtime Desk does itself is a table naming what it does; anything else there is refused in words.
    @Test func aStepTheDeskDoesNamesWhenItIsDone() throws {
        let step = "{ step = \"Declare\", done_when = \"outage-declared\" }"
        let marked = Self.valid.replacingOccurrences(of: "runbook = [\"Declare\"", with: "runbook = [" + step)
        #expect(marked != Self.valid, "the test's plan has the step")
        let plan = try ContinuityPlanFile.parse(text: marked, file: "plan.toml")
        #expect(plan.functions[0].runbook.first == "Declare")
        #expect(plan.functions[0].doneByDesk == ["Declare": .outageDeclared])
        let wrong = marked.replacingOccurrences(of: "outage-declared", with: "when-we-feel-like-it")
        #expect(problems(wrong).map(\.message) == ["done_when must be one of outage-declared, notices-sent, "
            + "restoration-declared, restoration-notices-sent"])
        #expect(problems(marked.replacingOccurrences(of: "step = ", with: "stepp = ")).map(\.message)
            .contains("a step's table takes step and done_when, not stepp"))
    }

    @Test func otherMistakesAreCaughtToo() {
        #expect(problems(Self.valid.replacingOccurrences(of: "impact = \"high\"", with: "impact = \"severe\""))
            .map(\.message) == ["\"severe\" must be low, medium or high"])
        #expect(problems(Self.valid.replacingOccurrences(of: "last_reviewed = 2026-01-15", with: "last_reviewed = \"15/01/2026\""))
            .map(\.message) == ["must be a date, YYYY-MM-DD"])
        #expect(problems(Self.valid.replacingOccurrences(of: "phones = [\"07700 900001\"]", with: "phones = [\"12345\"]")).count == 1)
        #expect(problems(Self.valid.replacingOccurrences(of: "impact = \"high\"", with: "impact = \"high\"\nowner = \"x\""))
            .first?.message.hasPrefix("unknown key") == true)
        #expect(problems(Self.valid + "\n[[functions.escalations]]\nafter = \"1h\"\naction = \"Too early\"\n")
            .map(\.message) == ["list the escalations in order of time, shortest first"])
        #expect(problems("title = [").first?.message.hasPrefix("not valid TOML") == true)
    }
}

@Suite struct UpdateCadenceFileTests {
    @Test func aFunctionSaysHowOftenUpdatesAreDueAndABadIntervalIsNamed() throws {
        let text = ContinuityPlanFileTests.valid.replacingOccurrences(
            of: "recovery_timeframe = \"4h\"",
            with: "recovery_timeframe = \"4h\"\nupdate_every = \"1h\"\nupdate_every_hssi = \"30m\"")
        let function = try ContinuityPlanFile.parse(text: text, file: "plan.toml").functions[0]
        #expect(function.updateEvery == PlanDuration(seconds: 3600))
        #expect(function.updateEveryHSSI == PlanDuration(seconds: 1800))
        let demo = try ContinuityPlanFile.load(file: ContinuityPlanFileTests.demoFile)
        #expect(demo.function(forSystem: "Dental RMS")?.updateEveryHSSI == PlanDuration(seconds: 1800))
        let absent = try ContinuityPlanFile.parse(text: ContinuityPlanFileTests.valid, file: "plan.toml").functions[0]
        #expect(absent.updateEvery == nil, "optional: a plan without it is as valid as before")
        do {
            _ = try ContinuityPlanFile.parse(text: text.replacingOccurrences(of: "\"30m\"", with: "\"often\""),
                                             file: "plan.toml")
            Issue.record("accepted")
        } catch {
            #expect(error.problems.map(\.message) == ["\"often\" is not a duration; write it as 30m, 4h, 2d or 1h30m"])
            #expect(error.problems.first?.key == "functions[1] (Booking).update_every_hssi")
        }
    }

    @Test func theSettingsSayHowOftenWhereThePlanDoesNot() throws {
        let settings = try DeskSettings.parse(text: "[updates]\nevery = \"2h\"\nevery_hssi = \"1h\"\n", file: "c.toml")
        #expect(settings.updateCadence == UpdateCadence(every: 7200, everyHSSI: 3600))
        #expect(try DeskSettings.parse(text: "", file: "c.toml").updateCadence == UpdateCadence())
        do {
            _ = try DeskSettings.parse(text: "[updates]\nevery = \"hourly\"\n", file: "c.toml")
            Issue.record("accepted")
        } catch {
            #expect("\(error)".contains("every") && "\(error)".contains("must be a duration such as"), "\(error)")
        }
    }
}
