import Foundation
import Testing

/// The scriptable command line, run as a script would run it.
@Suite struct CommandLineTests {
    /// As people used to git and psql write it: the common options before the subcommand work there too.
    @Test func commonOptionsBeforeTheSubcommandAreTakenAndVersionAnswers() throws {
        let sandbox = try Sandbox()
        #expect(try sandbox.run(["--db", sandbox.database, "demo"]).status == 0)
        let today = try sandbox.run(["--db=\(sandbox.database)", "--site", "Kestrel Dental Practice", "today"])
        #expect(today.status == 0 && today.out.hasPrefix("Kestrel Dental Practice — Sat 21 Nov 2026"),
                "\(today.out)\(today.err)")
        let file = sandbox.write("more.csv", Array(("organisation,kind,contact,role,phones,emails,notes\n"
            + "Hilltop Hospital ED,ed,,,01632 960034,ed@hilltop.example.org,\n").utf8))
        let imported = try sandbox.run(["--db", sandbox.database, "--site", "Referral Systems Hosting", "import",
                                        "directory", file])
        #expect(imported.status == 0, "\(imported.err)")
        let version = try sandbox.run(["--version"])
        #expect(version.status == 0 && version.out.hasPrefix("2026.12"), "\(version.out)")
    }

    /// `--patient "-2+3"` reads the value as an option: the error says how to give it.
    @Test func aValueStartingWithADashIsExplained() throws {
        let sandbox = try Sandbox()
        #expect(try sandbox.run(["demo", "--db", sandbox.database]).status == 0)
        let refused = try sandbox.run(["book", "--db", sandbox.database, "--time", "09:30", "--patient", "-2+3",
                                       "--phone", "07700 900111"])
        #expect(refused.status != 0)
        #expect(refused.err.contains("Missing value for '--patient <patient>'\nA value that starts with '-' is joined "
            + "to its option with '=': --patient=-2+3"), "\(refused.err)")
        let booked = try sandbox.run(["book", "--db", sandbox.database, "--time", "09:30", "--patient=-2+3",
                                      "--phone", "07700 900111"])
        #expect(booked.status == 0, "\(booked.err)")
    }

    @Test func todayPrintsTheDemoGridAsText() throws {
        let sandbox = try Sandbox()
        #expect(try sandbox.run(["demo", "--db", sandbox.database]).status == 0)
        let result = try sandbox.run(["today", "--db", sandbox.database])
        #expect(result.status == 0)
        #expect(result.out == """
        Copperfield Dental Practice — Sat 21 Nov 2026
        Time   Status     Patient                        Source    Downtime ref
        08:30  done       Alys Demo-Rowe                 NHS 111
        09:00  arrived    Bram Demo-Kettering            Phone
        09:30  free
        10:00  booked     Cleo Demo-Farrant              Walk-in
        10:30  free
        11:00  CONFLICT   Dev Demo-Lowther + Esme Demo-… ED
        11:30  free
        12:00  free
        14:00  free
        14:30  booked     Finn Demo-Abara                Central
        15:00  free
        15:30  free
        16:00  free
        16:30  free
        14 slots, 9 free

        """)
    }

    @Test func todayAsJSONHasStableKeys() throws {
        let sandbox = try Sandbox()
        try sandbox.run(["demo", "--db", sandbox.database])
        let result = try sandbox.run(["today", "--db", sandbox.database, "--site", "Oakfield Dental Care",
                                      "--practice", "oakfield", "--date", "2026-11-22", "--format", "json"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        #expect(Set(json.keys) == ["practice", "date", "slots"])
        #expect(json["date"] as? String == "2026-11-22")
        #expect((json["practice"] as? [String: Any])?["name"] as? String == "Oakfield Dental Care")
        let slots = try #require(json["slots"] as? [[String: Any]])
        #expect(slots.count == 14)
        #expect(Set(slots[0].keys) == ["id", "time", "end", "minutes", "type", "status", "bookings"])
    }

    @Test func theDayFollowsTheTimeZone() throws {
        for (zone, expected) in [("Europe/London", "Wed 1 Jul 2026"), ("UTC", "Tue 30 Jun 2026")] {
            let sandbox = try Sandbox(now: "2026-06-30T23:30:00Z", zone: zone)
            try sandbox.run(["demo", "--db", sandbox.database])
            let result = try sandbox.run(["today", "--db", sandbox.database])
            #expect(result.out.hasPrefix("Copperfield Dental Practice — \(expected)"), "\(zone): \(result.out.prefix(60))")
        }
    }

    @Test func directoryExportImportRoundTripsAndReimportChangesNothing() throws {
        let sandbox = try Sandbox()
        try sandbox.run(["demo", "--db", sandbox.database])
        let exported = try sandbox.run(["export", "directory", "--db", sandbox.database])
        #expect(exported.status == 0)
        let file = sandbox.write("directory.csv", Array(exported.out.utf8))
        let fresh = sandbox.folder + "/fresh.sqlite"
        let first = try sandbox.run(["import", "directory", file, "--db", fresh])
        #expect(first.status == 0)
        #expect(first.out.contains("18 organisations added") || first.out.contains("19 organisations added"))
        let again = try sandbox.run(["import", "directory", "--site", "Referral Systems Hosting", file, "--db", fresh])
        #expect(again.out.contains("No changes"))
        #expect(try sandbox.run(["export", "directory", "--db", fresh]).out == exported.out)
    }

    @Test func theDemoRefusesToOverwriteData() throws {
        let sandbox = try Sandbox()
        #expect(try sandbox.run(["demo", "--db", sandbox.database]).status == 0)
        let again = try sandbox.run(["demo", "--db", sandbox.database])
        #expect(again.status != 0)
        #expect(again.err.contains("already holds a directory; use --force"))
        #expect(try sandbox.run(["demo", "--db", sandbox.database, "--force"]).status == 0)
    }

    @Test func helpIsOnEveryCommand() throws {
        let sandbox = try Sandbox()
        for command in [[], ["demo"], ["today"], ["import", "directory"], ["export", "directory"], ["open"]] {
            let result = try sandbox.run(command + ["--help"])
            #expect(result.status == 0, "\(command)")
            #expect(result.out.contains("USAGE"), "\(command)")
        }
    }

    @Test func environmentAndFlagErrorsAreClear() throws {
        let sandbox = try Sandbox()
        let missing = try sandbox.run(["today", "--db", "/no/such/folder/desk.sqlite"])
        #expect(missing.status != 0)
        #expect(missing.err.contains("the folder /no/such/folder does not exist"))
        let clock = try sandbox.run(["today", "--db", sandbox.database], extraEnvironment: ["DOWNTIME_DESK_NOW": "yesterday"])
        #expect(clock.status != 0)
        #expect(clock.err.contains("DOWNTIME_DESK_NOW='yesterday' is not an ISO 8601 time"))
        try sandbox.run(["demo", "--db", sandbox.database])
        let date = try sandbox.run(["today", "--db", sandbox.database, "--date", "2026-02-30"])
        #expect(date.status != 0 && date.err.contains("--date '2026-02-30' is not a date"))
        let practice = try sandbox.run(["today", "--db", sandbox.database, "--practice", "Nowhere"])
        #expect(practice.status != 0 && practice.err.contains("no practice named 'Nowhere'"))
        let noTerminal = try sandbox.run(["--db", sandbox.database])
        #expect(noTerminal.status != 0 && noTerminal.err.contains("needs a terminal"))
    }

    @Test func theDefaultDatabaseLivesUnderXDGDataHome() throws {
        let sandbox = try Sandbox()
        #expect(try sandbox.run(["demo"]).status == 0)
        let path = sandbox.environment["XDG_DATA_HOME"]! + "/downtime-desk/desk.sqlite"
        #expect(FileManager.default.fileExists(atPath: path))
        let folderMode = try FileManager.default.attributesOfItem(atPath: sandbox.environment["XDG_DATA_HOME"]! + "/downtime-desk")[.posixPermissions] as? Int
        #expect(folderMode == 0o700)
        let viaEnvironment = try sandbox.run(["today"], extraEnvironment: ["DOWNTIME_DESK_DB": path])
        #expect(viaEnvironment.out.contains("Copperfield Dental Practice"))
    }
}

/// Bad directory files: each refused with its line named, and the database exactly as it was.
@Suite struct BadDirectoryInputTests {
    static let cases: [(name: String, bytes: [UInt8], expected: String)] = [
        ("missing column", Array("organisation,kind,contact,role,phones,notes\nA,practice,,,,\n".utf8),
         "line 1: the header lacks the column emails"),
        ("unknown kind", Array("organisation,kind,contact,role,phones,emails,notes\nA,practice,,,,,\nB,surgery,,,,,\n".utf8),
         "line 3, column 'kind': 'surgery' is not one of"),
        ("broken quote", Array("organisation,kind,contact,role,phones,emails,notes\nA,practice,,,,,\n\"B,practice,,,,,\nC,ed,,,,,\n".utf8),
         "line 3: a quoted field is never closed"),
        ("invalid UTF-8", Array("organisation,kind,contact,role,phones,emails,notes\nA,practice,,,,,\n".utf8) + [0x42, 0xC3, 0x28, 0x2C] + Array("ed,,,,,\n".utf8),
         "line 3: text is not valid UTF-8"),
        ("empty file", [], "line 1: the file is empty"),
    ]

    @Test("refused with the line named and nothing changed", arguments: 0..<5)
    func refused(_ index: Int) throws {
        let (name, bytes, expected) = Self.cases[index]
        let sandbox = try Sandbox()
        try sandbox.run(["demo", "--db", sandbox.database])
        let before = try sandbox.run(["export", "directory", "--db", sandbox.database, "--format", "json"]).out
        let journalBefore = try journalCount(sandbox)
        let file = sandbox.write("bad.csv", bytes)
        let result = try sandbox.run(["import", "directory", file, "--db", sandbox.database])
        #expect(result.status != 0, "\(name)")
        #expect(result.err.contains(expected), "\(name): \(result.err)")
        #expect(result.err.contains("nothing was imported"), "\(name)")
        #expect(try sandbox.run(["export", "directory", "--db", sandbox.database, "--format", "json"]).out == before, "\(name)")
        #expect(try journalCount(sandbox) == journalBefore, "\(name)")
    }

    func journalCount(_ sandbox: Sandbox) throws -> String {
        try sandbox.tool("sqlite3", [sandbox.database, "SELECT count(*) FROM journal"]).out
    }
}
