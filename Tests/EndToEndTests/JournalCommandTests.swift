import Foundation
import Testing

/// The audit trail from the command line: read it, and catch a change made behind the program's back.
@Suite struct JournalCommandTests {
    @Test func verifyCatchesAnEntryRewrittenWithSqlite3AndTheReportCarriesTheHead() throws {
        let sandbox = try Sandbox()
        try sandbox.run(["demo", "--db", sandbox.database])
        let intact = try sandbox.run(["journal", "verify", "--db", sandbox.database])
        #expect(intact.status == 0)
        #expect(intact.out.hasPrefix("Journal intact: "))
        let head = try #require(intact.out.split(separator: " ").last.map { String($0.dropLast(2)) })   // "….\n"
        #expect(head.count == 64)
        let shown = try sandbox.run(["journal", "show", "--db", sandbox.database, "--limit", "2"])
        #expect(shown.status == 0 && shown.out.split(separator: "\n").count == 2 && shown.out.contains("demo @"))

        try sandbox.run(["outage", "declare", "--db", sandbox.database, "--site", "Referral Systems Hosting",
                         "--system", "Dental RMS", "--since", "09:40"])
        let report = try sandbox.run(["report", "outage", "--db", sandbox.database])
        #expect(report.out.contains("Audit journal: ") && report.out.contains(", intact, head "))

        // Someone with the file lifts the trigger and rewrites who made a change.
        #expect(try sandbox.runTool("/usr/bin/env", ["sqlite3", sandbox.database,
                                                     "DROP TRIGGER journal_no_update; UPDATE journal SET user = 'mallory' WHERE seq = 3;"]) == 0)
        let broken = try sandbox.run(["journal", "verify", "--db", sandbox.database])
        #expect(broken.status == 1)
        #expect(broken.out.contains("Journal BROKEN in 1 place"))
        #expect(broken.out.contains("entry 3 (") && broken.out.contains("mallory @") && broken.out.contains("no longer matches its hash"))
        let json = try sandbox.run(["journal", "verify", "--db", sandbox.database, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        #expect(object["intact"] as? Bool == false && (object["breaks"] as? [[String: Any]])?.first?["seq"] as? Int == 3)
        #expect(try sandbox.run(["report", "outage", "--db", sandbox.database]).out.contains("BROKEN (downtime-desk journal verify)"))
    }

    @Test func badJournalInputIsRefusedClearly() throws {
        let sandbox = try Sandbox()
        try sandbox.run(["demo", "--db", sandbox.database])
        let zero = try sandbox.run(["journal", "show", "--db", sandbox.database, "--limit", "0"])
        #expect(zero.status != 0 && zero.err.contains("--limit must be 1 or more, not 0"))
        let missing = try sandbox.run(["journal", "verify", "--db", sandbox.folder + "/nowhere/desk.sqlite"])
        #expect(missing.status != 0 && !missing.err.isEmpty)
        #expect(try sandbox.run(["journal", "verify", "--db", sandbox.database]).status == 0, "nothing was changed by the bad calls")
    }
}
