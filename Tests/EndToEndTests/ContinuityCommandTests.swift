import Foundation
import Testing

/// The incident, plan, hand-over and recontact commands as a script or a person on a phone ssh uses them.
@Suite struct ContinuityCommandTests {
    func declared() throws -> Sandbox {
        let sandbox = try Sandbox()
        #expect(try sandbox.run(["demo", "--db", sandbox.database]).status == 0)
        let declared = try sandbox.run(["outage", "declare", "--db", sandbox.database, "--site",
                                        "Referral Systems Hosting", "--system", "Dental RMS", "--since", "09:00"])
        #expect(declared.status == 0, "\(declared.err)")
        return sandbox
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func incidentShowGivesNumberSeverityAndHSSIAndTheSeverityCanChangeWithAReason() throws {
        let sandbox = try declared()
        let db = ["--db", sandbox.database]
        var shown = try json(try sandbox.run(["incident", "show", "--format", "json"] + db).out)
        #expect(shown["number"] as? String == "INC-2026-0001")
        #expect(shown["severity"] as? Int == 3)
        #expect(shown["hssi"] as? Bool == true)
        #expect(shown["function"] as? String == "Urgent dental booking")
        #expect((shown["runbook"] as? [[String: Any]])?.count == 11)

        let single = try sandbox.run(["incident", "impact", "--sites", "one", "--reason", "Only Kestrel", "--site",
                                      "Referral Systems Hosting"] + db)
        #expect(single.status == 0 && single.out.contains("not an HSSI"), "\(single.err)")
        let raised = try sandbox.run(["incident", "severity", "2", "--reason", "Past the recovery timeframe", "--site",
                                      "Referral Systems Hosting"] + db)
        #expect(raised.out == "INC-2026-0001 is now severity 2, HSSI (severity 2).\n")
        shown = try json(try sandbox.run(["incident", "show", "--format", "json"] + db).out)
        #expect(shown["severity"] as? Int == 2 && shown["hssi"] as? Bool == true)
        let timeline = try #require(shown["timeline"] as? [[String: Any]])
        #expect(timeline.last?["text"] as? String == "Severity 3 → 2; now an HSSI: Past the recovery timeframe")
        #expect(timeline.last?["by"] as? String == "alice")

        // Bad input: a clear error, and nothing changes.
        let noReason = try sandbox.run(["incident", "severity", "1", "--reason", " ", "--site",
                                        "Referral Systems Hosting"] + db)
        #expect(noReason.status != 0 && noReason.err.contains("give a reason (--reason)"))
        let outOfRange = try sandbox.run(["incident", "severity", "9", "--reason", "x", "--site",
                                          "Referral Systems Hosting"] + db)
        #expect(outOfRange.status != 0 && outOfRange.err.contains("severity must be 1 (highest) to 5 (lowest), not 9"))
        let practice = try sandbox.run(["incident", "severity", "1", "--reason", "x", "--site", "Kestrel"] + db)
        #expect(practice.status != 0 && practice.err.contains("only the service host or a commissioner"))
        let unknown = try sandbox.run(["incident", "show", "--incident", "INC-2026-0042"] + db)
        #expect(unknown.status != 0 && unknown.err.contains("INC-2026-0042"))
        #expect(try json(try sandbox.run(["incident", "show", "--format", "json"] + db).out)["severity"] as? Int == 2)

        let note = try sandbox.run(["incident", "note", "Supplier ticket SUP-42", "--site", "Kestrel"] + db)
        #expect(note.status == 0)
        #expect(try sandbox.run(["incident", "show"] + db).out.contains("alice: Supplier ticket SUP-42 (Kestrel Dental Practice)"))
    }

    @Test func closureIsAgreedWithTheReporterAndRefusedWhileTheOutageIsActiveUnlessOverridden() throws {
        let sandbox = try declared()
        let db = ["--db", sandbox.database]
        let early = try sandbox.run(["incident", "close", "--agreed-by", "Priya", "--site",
                                     "Referral Systems Hosting"] + db)
        #expect(early.status != 0)
        #expect(early.err.contains("INC-2026-0001 cannot be closed: its outage is still active; close it anyway with --override REASON"))
        #expect(try sandbox.run(["outage", "restore", "--site", "Referral Systems Hosting"] + db).status == 0)
        let closed = try sandbox.run(["incident", "close", "--agreed-by", "Priya Castellane", "--site",
                                      "Referral Systems Hosting"] + db)
        #expect(closed.out == "INC-2026-0001 closed, agreed with Priya Castellane.\n", "\(closed.err)")
        let list = try sandbox.run(["incident", "list", "--format", "json"] + db)
        let first = try #require((try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [[String: Any]])?.first)
        #expect(first["open"] as? Bool == false && first["agreed_by"] as? String == "Priya Castellane")

        // The next outage takes the next number; an override closes it early and says why.
        #expect(try sandbox.run(["outage", "declare", "--site", "Referral Systems Hosting", "--system",
                                 "Dental RMS"] + db).status == 0)
        let override = try sandbox.run(["incident", "close", "--agreed-by", "Marcus", "--override",
                                        "Declared by mistake", "--site", "Coastal Commissioning"] + db)
        #expect(override.out == "INC-2026-0002 closed, agreed with Marcus (override: Declared by mistake).\n", "\(override.err)")
    }

    @Test func planCheckListsEveryProblemWithItsLineAndInstallMakesItTheOneFollowed() throws {
        let sandbox = try Sandbox()
        let shipped = Binary.repositoryRoot.appendingPathComponent("Plans/demo-continuity-plan.toml").path
        let good = try sandbox.run(["plan", "check", shipped])
        #expect(good.status == 0 && good.out.contains("valid — 2 critical functions, 5 key people"), "\(good.err)")

        let text = try String(contentsOfFile: shipped, encoding: .utf8)
            .replacingOccurrences(of: "recovery_timeframe = \"4h\"", with: "recovery_timeframe = \"about four hours\"")
            .replacingOccurrences(of: "deputy = \"Tomasz Whitlock\"\nimpact = \"high\"", with: "deputy = \"Nobody Known\"\nimpact = \"high\"")
            .replacingOccurrences(of: "data_recovery = \"Nothing to recover", with: "unused = \"Nothing to recover")
        let bad = sandbox.write("bad-plan.toml", Array(text.utf8))
        let checked = try sandbox.run(["plan", "check", bad])
        #expect(checked.status != 0)
        #expect(checked.err.contains(": 4 problems:"), "\(checked.err)")
        #expect(checked.err.contains("bad-plan.toml:50 [functions[1] (Urgent dental booking).recovery_timeframe]: \"about four hours\" is not a duration"))
        #expect(checked.err.contains("deputy]: Nobody Known is not among the [[people]]"))
        #expect(checked.err.contains("data_recovery]: is missing"))
        let missing = try sandbox.run(["plan", "check", sandbox.folder + "/nope.toml"])
        #expect(missing.status != 0 && missing.err.contains("cannot be read"))

        // A refused install leaves the plan that was installed in place.
        #expect(try sandbox.run(["demo", "--db", sandbox.database]).status == 0)
        #expect(try sandbox.run(["plan", "install", bad, "--db", sandbox.database, "--site",
                                 "Referral Systems Hosting"]).status != 0)
        let status = try json(try sandbox.run(["plan", "status", "--format", "json", "--db", sandbox.database]).out)
        #expect(status["title"] as? String == "Business continuity plan: urgent dental booking")
        #expect(status["review_overdue"] as? Bool == false && status["review_due"] as? String == "2027-03-02")
    }

    @Test func theYearlyReviewFallsOverdueAndRecordingOneClearsIt() throws {
        let sandbox = try Sandbox(now: "2027-03-03T09:00:00Z")
        let db = ["--db", sandbox.database]
        #expect(try sandbox.run(["demo"] + db).status == 0)
        let overdue = try sandbox.run(["plan", "status"] + db)
        #expect(overdue.out.contains("Review OVERDUE: last reviewed 2026-03-02, due by 2027-03-02."))
        let recorded = try sandbox.run(["plan", "review", "--note", "Walked through with both commissioners", "--site",
                                        "Referral Systems Hosting"] + db)
        #expect(recorded.out == "Review recorded for 2027-03-03; next due by 2028-03-03.\n", "\(recorded.err)")
        let status = try json(try sandbox.run(["plan", "status", "--format", "json"] + db).out)
        #expect(status["review_overdue"] as? Bool == false && status["last_reviewed"] as? String == "2027-03-03")
        let journal = try sandbox.run(["plan", "review", "--on", "2030-01-01", "--site",
                                       "Referral Systems Hosting"] + db)
        #expect(journal.status != 0 && journal.err.contains("future"))
    }

    @Test func theHandoverAndThePlanPrintOnPaper() throws {
        let sandbox = try declared()
        let db = ["--db", sandbox.database]
        #expect(try sandbox.run(["runbook", "tick", "1", "--site", "Referral Systems Hosting"] + db).status == 0)
        #expect(try sandbox.run(["incident", "note", "Supplier says two hours", "--site",
                                 "Referral Systems Hosting"] + db).status == 0)
        let handover = try sandbox.run(["print", "handover", "--site", "Referral Systems Hosting"] + db,
                                       extraEnvironment: ["DOWNTIME_DESK_NOW": "2026-11-21T11:30:00Z"])
        #expect(handover.status == 0, "\(handover.err)")
        let page = handover.out
        #expect(page.hasPrefix("SHIFT HAND-OVER · INC-2026-0001"))
        for expected in ["OUTAGE: Dental RMS DOWN since Sat 21 Nov 2026 09:00 (2h 30m)", "INC-2026-0001 · severity 3 · HSSI (several sites affected)",
                         "Outage notice DD-", "Still to acknowledge: 18; calls due now: 18",
                         "RUNBOOK: URGENT DENTAL BOOKING (RUNBOOK 2/8 · 1 ESCALATION DUE)",
                         "Done: 1, 2 (who and when: downtime-desk runbook show)", "9. [!] after 2 hours",
                         "Priya Castellane (responsible) 07700 900001",
                         "Still to back-enter, all practices: 0", "alice: Supplier says two hours"] {
            #expect(page.contains(expected), "\(expected)")
        }
        #expect(page.split(whereSeparator: { $0 == "\n" || $0 == "\u{0C}" }).allSatisfy { $0.count <= 80 }, "80 columns for paper")
        #expect(!page.contains("\u{0C}"), "one page")

        let plan = try sandbox.run(["print", "plan"] + db)
        #expect(plan.out.hasPrefix("CONTINUITY PLAN: Business continuity plan: urgent dental booking"))
        for expected in ["KEY PERSONNEL", "CRITICAL FUNCTION 1: Urgent dental booking", "Responsible: Priya Castellane  07700 900001",
                         "Impact if interrupted: high   Likelihood: low   Recovery timeframe: 4 hours", "If likely to extend beyond 4 hours:",
                         "[ ] 1. Confirm the central system is down", "Recovering and updating data:"] {
            #expect(plan.out.contains(expected), "\(expected)")
        }
        #expect(plan.out.split(whereSeparator: { $0 == "\n" || $0 == "\u{0C}" }).allSatisfy { $0.count <= 80 })
    }

    @Test func recontactCommandsRefuseBadInputClearly() throws {
        let sandbox = try declared()
        let db = ["--db", sandbox.database]
        let backwards = try sandbox.run(["recontact", "create", "--practice", "Kestrel", "--from", "2026-11-22",
                                         "--to", "2026-11-21", "--reason", "x", "--site",
                                         "Kestrel Dental Practice"] + db)
        #expect(backwards.status != 0 && backwards.err.contains("the range is backwards"))
        let empty = try sandbox.run(["recontact", "create", "--practice", "Kestrel", "--from", "2026-12-25",
                                     "--reason", "Closed", "--site", "Kestrel Dental Practice"] + db)
        #expect(empty.status != 0 && empty.err.contains("no booked appointments"))
        let none = try sandbox.run(["recontact", "call", "1", "--outcome", "informed", "--practice", "Kestrel",
                                    "--site", "Kestrel Dental Practice"] + db)
        #expect(none.status != 0 && none.err.contains("has no recontact list"))
    }
}

/// Seed 003's minimum data set, for logging the incident with a national service desk, and the resolver's hours.
@Suite struct IncidentExportTests {
    @Test func theMinimumDataSetHasEveryFieldAndNoPatient() throws {
        let sandbox = try Sandbox()
        #expect(try sandbox.run(["demo", "--db", sandbox.database]).status == 0)
        let db = ["--db", sandbox.database]
        #expect(try sandbox.run(["outage", "declare", "--system", "Dental RMS", "--since", "09:40", "--reason",
                                 "Hosting fault", "--site", "Referral Systems Hosting"] + db).status == 0)
        #expect(try sandbox.run(["book", "--site", "Kestrel Dental Practice", "--time", "11:00", "--patient",
                                 "Pat Example", "--phone", "07700 900123"] + db).status == 0)
        let form = try sandbox.run(["incident", "export"] + db)
        #expect(form.status == 0, "\(form.err)")
        for line in ["MINIMUM DATA SET · INC-2026-0001", "Severity:                       3 (1 highest, 5 lowest)",
                     "High Severity Service Incident: yes: several sites affected",
                     "Reporter contact:               01632 960001, support@referral-host.example.org",
                     "Organisation:                   Referral Systems Hosting",
                     "System affected:                Dental RMS", "Reason:                         Hosting fault",
                     "Sites affected:                 18", "Patient impact:                 1 appointment booked",
                     "Clinical-safety impact:         none recorded",
                     "Started:                        Sat 21 Nov 2026 09:40",
                     "Declared:                       Sat 21 Nov 2026 10:05", "Restored:                       not yet",
                     "Resolver hours:                 06:30–20:30 every day, bank holidays too",
                     "2. [x] Declare the outage in Downtime Desk", "TIMELINE"] {
            #expect(form.out.contains(line), "\(line) in:\n\(form.out)")
        }
        #expect(form.out.split(separator: "\n").allSatisfy { $0.count <= 80 }, "80 columns")
        let json = try sandbox.run(["incident", "export", "--format", "json"] + db)
        #expect(json.status == 0 && json.out.contains("\"downtime_bookings\" : 1")
                && json.out.contains("\"started\" : \"2026-11-21T09:40:00Z\"") && json.out.contains("\"hssi\" : true"),
                "\(json.out)")
        #expect(!form.out.contains("Pat Example") && !json.out.contains("Pat Example")
                && !json.out.contains("07700 900123"), "no patient")
        let show = try sandbox.run(["incident", "show"] + db)
        let hours = "Resolver group: in hours now (severity 3: 06:30–20:30 every day, bank holidays too)"
        #expect(show.out.contains(hours), "\(show.out)")
        let bad = try sandbox.run(["incident", "export", "--format", "pdf"] + db)
        #expect(bad.status != 0 && bad.err.contains("pdf"), "\(bad.err)")
    }
}
