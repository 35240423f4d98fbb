import Foundation
import Testing

/// The clinical safety case is checked like code: every control in the hazard log must name a test that exists.
@Suite struct HazardLogTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let folder = root.appendingPathComponent("docs/clinical-safety")

    @Test func everyHazardHasAControlProvenByAnExistingTest() throws {
        let log = try String(contentsOf: Self.folder.appendingPathComponent("hazard-log.md"), encoding: .utf8)
        let summary = try String(contentsOf: Self.folder.appendingPathComponent("safety-case.md"), encoding: .utf8)
        let tests = try TestInventory(testsFolder: Self.root.appendingPathComponent("Tests"))
        let hazards = HazardLog(markdown: log)
        let problems = SafetyCaseCheck.problems(log: hazards, logName: "hazard-log.md", tests: tests, summary: summary, summaryName: "safety-case.md")
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        #expect(hazards.hazards.count >= 11, "the issue's eleven hazards at least")
        #expect(tests.names.count > 200, "the inventory found the repository's tests")
    }

    @Test func theReadmeLinksToTheSafetyCase() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let linksSafetyCase = readme.contains("(docs/clinical-safety/safety-case.md)")
        let linksHazardLog = readme.contains("(docs/clinical-safety/hazard-log.md)")
        #expect(linksSafetyCase && linksHazardLog)
    }

    // The checker itself must be able to fail; these feed it logs that are wrong in each way it looks for.

    static let at = "@"   // so this file's own fixture text is never read as a test
    static let fixtureTests = TestInventory(sources: [(module: "CoreTests", text: """
        \(at)Suite struct RuleTests {
            \(at)Test func slotsAreNeverShared() {}
            \(at)Test("with arguments", arguments: [
                1, 2,
            ])
            func numbersCheck(_ n: Int) {}
            // \(at)Test func commentedOut() {}
        }
        extension RuleTests {
            \(at)Test func inAnExtension() {}
        }
        """.replacingOccurrences(of: "\n    ", with: "\n"))])

    static func hazard(_ id: String, initial: String = "severity Major, likelihood High, risk 4",
                       residual: String = "severity Major, likelihood Low, risk 3", controls: String) -> String {
        """
        ## \(id) · Something goes wrong
        - **Cause:** a cause
        - **Effect on the patient:** an effect
        - **Initial risk:** \(initial)

        | Control | Proven by |
        | --- | --- |
        \(controls)

        - **Residual risk:** \(residual) — because
        """
    }

    static func problems(_ log: String, summary: String) -> [String] {
        SafetyCaseCheck.problems(log: HazardLog(markdown: log), logName: "log", tests: fixtureTests, summary: summary, summaryName: "summary")
    }

    @Test func theInventoryFindsTestsAsSwiftTestListNamesThem() {
        #expect(Self.fixtureTests.names == ["CoreTests.RuleTests/slotsAreNeverShared", "CoreTests.RuleTests/numbersCheck",
                                            "CoreTests.RuleTests/inAnExtension"])
    }

    @Test func aGoodLogPasses() {
        let log = Self.hazard("HAZ-01", controls: "| Slots refuse a second booking | `CoreTests.RuleTests/slotsAreNeverShared` |")
        #expect(Self.problems(log, summary: "| 3 | HAZ-01 | Something |").isEmpty)
    }

    @Test func aControlNamingATestThatDoesNotExistFails() {
        let log = Self.hazard("HAZ-01", controls: "| Slots refuse | `CoreTests.RuleTests/slotsAreNeverShared`, `CoreTests.RuleTests/commentedOut` |")
        let problems = Self.problems(log, summary: "| 3 | HAZ-01 | Something |")
        #expect(problems.count == 1)
        #expect(problems.first?.contains("log:8: HAZ-01: `CoreTests.RuleTests/commentedOut` is not a test") == true)
    }

    @Test func aHazardWithNoControlProvenByATestFails() {
        let untested = Self.hazard("HAZ-01", controls: "| Staff training | |")
        #expect(Self.problems(untested, summary: "| 3 | HAZ-01 | x |").contains("log:1: HAZ-01: no control is proven by a test"))
        let bare = Self.hazard("HAZ-01", controls: "")
        #expect(Self.problems(bare, summary: "| 3 | HAZ-01 | x |").contains("log:1: HAZ-01: no controls (a '| Control | Proven by |' table)"))
    }

    @Test func risksMustFollowTheMatrixAndControlsMustNotRaiseThem() {
        let wrongRating = Self.hazard("HAZ-01", residual: "severity Major, likelihood Low, risk 2", controls: "| c | `CoreTests.RuleTests/inAnExtension` |")
        #expect(Self.problems(wrongRating, summary: "| 2 | HAZ-01 | x |") == ["log:10: HAZ-01: Major × Low is risk 3, not 2"])
        let raised = Self.hazard("HAZ-01", initial: "severity Minor, likelihood Low, risk 1", controls: "| c | `CoreTests.RuleTests/inAnExtension` |")
        #expect(Self.problems(raised, summary: "| 3 | HAZ-01 | x |") == ["log:1: HAZ-01: the residual risk (3) is above the initial risk (1)"])
        let unacceptable = Self.hazard("HAZ-01", residual: "severity Catastrophic, likelihood Medium, risk 4", controls: "| c | `CoreTests.RuleTests/inAnExtension` |")
        #expect(Self.problems(unacceptable, summary: "| 4 | HAZ-01 | x |").contains("log:1: HAZ-01: a residual risk of 4 is unacceptable; add controls"))
        let unknownWord = Self.hazard("HAZ-01", residual: "severity Awful, likelihood Low, risk 3", controls: "| c | `CoreTests.RuleTests/inAnExtension` |")
        #expect(Self.problems(unknownWord, summary: "| 3 | HAZ-01 | x |").first?.hasPrefix("log:10: HAZ-01: severity is one of Minor") == true)
    }

    @Test func theSummaryMustListEveryHazardWithItsResidualRiskHighestFirst() {
        let log = Self.hazard("HAZ-01", controls: "| c | `CoreTests.RuleTests/inAnExtension` |") + "\n"
            + Self.hazard("HAZ-02", initial: "severity Minor, likelihood Low, risk 1", residual: "severity Minor, likelihood Low, risk 1",
                          controls: "| c | `CoreTests.RuleTests/inAnExtension` |")
        #expect(Self.problems(log, summary: "| 3 | HAZ-01 | a |\n| 1 | HAZ-02 | b |").isEmpty)
        #expect(Self.problems(log, summary: "| 3 | HAZ-01 | a |") == ["summary: HAZ-02 is in the hazard log but not in the table of hazards by residual risk"])
        #expect(Self.problems(log, summary: "| 1 | HAZ-02 | b |\n| 3 | HAZ-01 | a |") == ["summary: the hazards are listed highest residual risk first"])
        #expect(Self.problems(log, summary: "| 3 | HAZ-01 | a |\n| 2 | HAZ-02 | b |\n| 1 | HAZ-09 | c |")
                == ["summary:2: HAZ-02 has residual risk 1 in the log, not 2", "summary:3: HAZ-09 is not in the hazard log"])
    }

    @Test func duplicateIdsAndMissingFieldsAreNamed() {
        let control = "| c | `CoreTests.RuleTests/inAnExtension` |"
        let log = Self.hazard("HAZ-01", controls: control) + "\n" + Self.hazard("HAZ-01", controls: control).replacingOccurrences(of: "- **Cause:** a cause\n", with: "")
        let problems = Self.problems(log, summary: "| 3 | HAZ-01 | a |")
        #expect(problems.contains("log:11: HAZ-01: the id is used twice"))
        #expect(problems.contains("log:11: HAZ-01: no '- **Cause:**' line"))
    }
}
