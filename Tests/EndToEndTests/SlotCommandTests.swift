import Foundation
import Testing

@Suite struct SlotCommandTests {
    func demo() throws -> Sandbox {
        let sandbox = try Sandbox()
        sandbox.environment["DOWNTIME_DESK_DB"] = sandbox.database
        #expect(try sandbox.run(["demo"]).status == 0)
        return sandbox
    }

    let header = "practice,weekday,start,end,slot_minutes,type,valid_from,valid_to\n"

    @Test func importReplacesAPracticesPatternAndIsIdempotent() throws {
        let sandbox = try demo()
        let file = sandbox.write("slots.csv", Array((header + """
        Kestrel Dental Practice,Saturday,09:00,10:00,20,urgent,,
        Kestrel Dental Practice,sun,09:00,10:00,20,urgent,2026-01-01,2026-12-31

        """).utf8))
        let first = try sandbox.run(["import", "slots", "--site", "Referral Systems Hosting", file])
        #expect(first.status == 0, "\(first.err)")
        #expect(first.out.contains("2 templates added, 14 removed"))
        #expect(try sandbox.run(["import", "slots", "--site", "Referral Systems Hosting",
                                 file]).out.contains("No changes"))
        let grid = try sandbox.run(["today", "--site", "Kestrel Dental Practice", "--practice", "kestrel"]).out
        #expect(grid.contains("09:00  free") && grid.contains("09:40  free") && grid.contains("3 slots, 3 free"))
        #expect(try sandbox.run(["today", "--site", "Oakfield Dental Care", "--practice",
                                 "oakfield"]).out.contains("14 slots"), "other practices untouched")
    }

    @Test("bad slot files are refused with the line and nothing changes", arguments: [
        ("Nowhere Dental,Mon,09:00,10:00,20,urgent,,\n", "line 2, column 'practice': no practice named 'Nowhere Dental'"),
        ("Kestrel Dental Practice,Funday,09:00,10:00,20,urgent,,\n", "line 2, column 'weekday'"),
        ("Kestrel Dental Practice,Mon,10:00,09:00,20,urgent,,\n", "line 2, column 'end': the end 09:00 is not after the start 10:00"),
        ("Kestrel Dental Practice,Mon,09:00,10:00,0,urgent,,\n", "line 2, column 'slot_minutes'"),
        ("Kestrel Dental Practice,Mon,09:00,10:00,20,urgent,,\nKestrel Dental Practice,Mon,09:30,11:00,20,urgent,,\n", "line 3: overlaps the slots on line 2"),
        ("Kestrel Dental Practice,Mon,09:00,10:00,20,urgent,2026-02-30,\n", "line 2, column 'valid_from'"),
    ])
    func refused(_ body: String, _ expected: String) throws {
        let sandbox = try demo()
        let before = try sandbox.run(["today", "--site", "Kestrel Dental Practice", "--practice", "kestrel",
                                      "--format", "json"]).out
        let result = try sandbox.run(["import", "slots", "--site", "Referral Systems Hosting", sandbox.write("bad.csv",
            Array((header + body).utf8))])
        #expect(result.status != 0)
        #expect(result.err.contains(expected), "\(result.err)")
        #expect(try sandbox.run(["today", "--site", "Kestrel Dental Practice", "--practice", "kestrel", "--format",
                                 "json"]).out == before)
    }

    @Test func extraAndBlockedSlotsForOneDay() throws {
        let sandbox = try demo()
        #expect(try sandbox.run(["slot", "add", "--site", "Kestrel Dental Practice", "--practice", "kestrel", "--time",
                                 "13:00"]).status == 0)
        #expect(try sandbox.run(["slot", "block", "--site", "Kestrel Dental Practice", "--practice", "kestrel",
                                 "--time", "09:00", "--reason", "clinician off"]).status == 0)
        let grid = try sandbox.run(["today", "--site", "Kestrel Dental Practice", "--practice", "kestrel"]).out
        #expect(grid.contains("13:00  free"))
        #expect(grid.contains("09:00  blocked    clinician off"))
        let refused = try sandbox.run(["book", "--site", "Kestrel Dental Practice", "--practice", "kestrel", "--time",
                                       "09:00", "--patient", "A", "--phone", "07700900777"])
        #expect(refused.status != 0 && refused.err.contains("is blocked: clinician off"))
        #expect(try sandbox.run(["slot", "unblock", "--site", "Kestrel Dental Practice", "--practice", "kestrel",
                                 "--time", "09:00"]).status == 0)
        #expect(try sandbox.run(["today", "--site", "Kestrel Dental Practice", "--practice",
                                 "kestrel"]).out.contains("09:00  free"))
        #expect(try sandbox.run(["today", "--site", "Kestrel Dental Practice", "--practice", "kestrel", "--date",
                                 "2026-11-22"]).out.contains("14 slots, 14 free"), "only that day")
    }
    /// A new pattern must never hide a booking: 45-minute slots leave the demo's 09:00 and 11:00 on no slot.
    @Test func aPatternThatStrandsABookingIsRefusedNamingItOrKeptOnOffTemplateRows() throws {
        let sandbox = try demo()
        let file = sandbox.write("slots.csv", Array((header + """
        Copperfield Dental Practice,Saturday,08:30,17:00,45,urgent,,

        """).utf8))
        let before = try sandbox.run(["today", "--site", "Copperfield Dental Practice", "--practice", "copperfield",
                                      "--format", "json"]).out
        let refused = try sandbox.run(["import", "slots", "--site", "Referral Systems Hosting", file])
        #expect(refused.status != 0)
        #expect(refused.err.contains("Copperfield Dental Practice Sat 21 Nov 2026 09:00 Bram Demo-Kettering"),
                "\(refused.err)")
        #expect(refused.err.contains("Sat 21 Nov 2026 11:00 Dev Demo-Lowther") && refused.err.contains("11:00 Esme Demo-Varga"))
        #expect(refused.err.contains("--keep-off-template") && refused.err.contains("nothing was changed"))
        #expect(try sandbox.run(["today", "--site", "Copperfield Dental Practice", "--practice", "copperfield",
                                 "--format", "json"]).out == before,
                "nothing changed")

        let kept = try sandbox.run(["import", "slots", "--site", "Referral Systems Hosting", file,
                                    "--keep-off-template"])
        #expect(kept.status == 0, "\(kept.err)")
        #expect(kept.out.contains("OFF-TEMPLATE: Copperfield Dental Practice Sat 21 Nov 2026 09:00 Bram "
            + "Demo-Kettering is on no slot now"))
        let grid = try sandbox.run(["today", "--site", "Copperfield Dental Practice", "--practice", "copperfield"]).out
        #expect(grid.contains("09:00  OFF-TEMPLATE Bram Demo-Kettering"), "\(grid)")
        #expect(grid.contains("11:00  OFF-TEMPLATE Dev Demo-Lowther + Esme Demo-Varga"))
        #expect(grid.contains("09:15  free"))
        #expect(grid.contains("OFF-TEMPLATE (no slot at that time any more: move each booking)"))
        let sheet = try sandbox.run(["print", "day", "--site", "Copperfield Dental Practice", "--practice",
                                     "copperfield"]).out
        #expect(sheet.contains("09:00  OFF-TEMPLATE Bram Demo-Kettering"), "\(sheet)")
        let capacity = try sandbox.run(["capacity"]).out
        #expect(capacity.contains("OFF-TEMPLATE: to move"), "\(capacity)")
        // Moved to a real slot, the booking leaves its OFF-TEMPLATE row.
        let dev = try sandbox.tool("sqlite3",
                                   [sandbox.database,
                                    "SELECT id FROM booking WHERE patient_name = 'Dev Demo-Lowther'"]).out
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let moved = try sandbox.run(["booking", "move", "--site", "Copperfield Dental Practice", dev, "--time",
                                     "11:30"])
        #expect(moved.status == 0, "\(moved.err)")
        let after = try sandbox.run(["today", "--site", "Copperfield Dental Practice", "--practice", "copperfield"]).out
        #expect(after.contains("11:30  booked     Dev Demo-Lowther") && after.contains("11:00  OFF-TEMPLATE Esme Demo-Varga "), "\(after)")
    }

    @Test func blockingASlotWithADidNotAttendBookingIsRefused() throws {
        let sandbox = try demo()
        #expect(try sandbox.run(["book", "--site", "Kestrel Dental Practice", "--practice", "kestrel", "--time",
                                 "09:00", "--patient", "Dee Example",
                                 "--phone", "07700900777"]).status == 0)
        let id = try sandbox.tool("sqlite3",
                                  [sandbox.database, "SELECT id FROM booking WHERE patient_name = 'Dee Example'"]).out
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try sandbox.run(["booking", "dna", "--site", "Kestrel Dental Practice", id]).status == 0)
        let refused = try sandbox.run(["slot", "block", "--site", "Kestrel Dental Practice", "--practice", "kestrel",
                                       "--time", "09:00", "--reason",
                                       "clinician off"])
        #expect(refused.status != 0 && refused.err.contains("move or cancel the booking before blocking it"),
                "\(refused.err)")
        #expect(try sandbox.run(["today", "--site", "Kestrel Dental Practice", "--practice",
                                 "kestrel"]).out.contains("09:00  DNA        Dee Example"))
    }

}

@Suite struct CapacityCommandTests {
    @Test func capacityListsPracticesWithRoomFirstAndTheirNumbers() throws {
        let sandbox = try Sandbox()
        sandbox.environment["DOWNTIME_DESK_DB"] = sandbox.database
        try sandbox.run(["demo"])
        let text = try sandbox.run(["capacity"])
        #expect(text.status == 0)
        #expect(text.out.hasPrefix("Free urgent slots, Sat 21 Nov 2026 from 10:05:"))
        #expect(text.out.contains("Oakfield Dental Care") && text.out.contains("01632 960105, 01632 960106"))
        let json = try sandbox.run(["capacity", "--date", "2026-11-22", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]])
        #expect(rows.count == 13)
        #expect(rows.allSatisfy { ($0["free_urgent"] as? [String])?.count == 14 }, "another day: every slot counts")
    }

    @Test func anNHS111TerminalOpensOnTheCapacityBoard() throws {
        let sandbox = try Sandbox()
        try sandbox.run(["demo", "--db", sandbox.database])
        let terminal = try TmuxTerminal(environment: sandbox.environment)
        try terminal.launch("--db '\(sandbox.database)' --site 'Shoreline 111'")
        let (ok, screen) = try terminal.waitFor("Capacity board · free urgent slots")
        #expect(ok, "\(screen)")
        #expect(screen.contains("13 of 13 practices have a free urgent slot."))
        #expect(screen.contains("(nhs111)"))
        try terminal.press("q")
        #expect(try terminal.waitForExit() == 0)
    }

}
