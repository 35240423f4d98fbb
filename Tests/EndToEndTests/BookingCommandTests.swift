import Foundation
import Testing

/// A receptionist's day from the command line: book, refuse a double booking, overbook, an outage, back-entry.
@Suite struct BookingCommandTests {
    func demo() throws -> Sandbox {
        let sandbox = try Sandbox()
        sandbox.environment["DOWNTIME_DESK_DB"] = sandbox.database
        #expect(try sandbox.run(["demo"]).status == 0)
        return sandbox
    }

    @Test func bookingPrintsTheIdAndShowsInTheGrid() throws {
        let sandbox = try demo()
        let booked = try sandbox.run(["book", "--site", "Kestrel Dental Practice", "--practice", "kestrel", "--time",
                                      "10:30", "--patient", "Ann Example",
                                      "--phone", "+44 7700 900777", "--nhs-number", "943 476 5919", "--triage", "routine"])
        #expect(booked.status == 0, "\(booked.err)")
        #expect(UUID(uuidString: booked.out.trimmingCharacters(in: .whitespacesAndNewlines)) != nil)
        let grid = try sandbox.run(["today", "--site", "Kestrel Dental Practice", "--practice",
                                    "Kestrel Dental Practice"])
        #expect(grid.out.contains("10:30  booked     Ann Example"))
        let list = try sandbox.run(["bookings", "--site", "Kestrel Dental Practice", "--practice", "kestrel",
                                    "--format", "json"])
        #expect(list.err.contains("this JSON contains patient details"), "an export says what it holds")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [[String: Any]])
        #expect(json.first?["nhs_number"] as? String == "9434765919")
        #expect(json.first?["phone"] as? String == "07700900777")
        #expect(json.first?["triage"] as? String == "routine")
    }

    @Test func aBookingMadeAtNHS111OrAnEDComesFromThereUnlessSaidOtherwise() throws {
        let sandbox = try demo()
        for (site, time, expected) in [("Shoreline 111", "10:30", "nhs111"), ("Northgate Hospital ED", "11:30", "ed:"),
                                       ("Kestrel Dental Practice", "12:00", "phone")] {
            let booked = try sandbox.run(["book", "--site", site, "--practice", "Kestrel Dental Practice", "--time",
                                          time, "--patient", "Sam Source", "--phone", "07700900777", "--format",
                                          "json"])
            #expect(booked.status == 0 && booked.out.contains("\"source\" : \"\(expected)"), "\(site): \(booked.out)")
        }
        let said = try sandbox.run(["book", "--site", "Shoreline 111", "--practice", "Kestrel Dental Practice",
                                    "--time", "14:00", "--patient", "Pat Phoned", "--phone", "07700900777",
                                    "--source", "phone", "--format", "json"])
        #expect(said.out.contains("\"source\" : \"phone\""), "the call handler's word stands: \(said.out)")
    }

    @Test func anOccupiedSlotIsRefusedUntilOverbookedThenItIsAConflict() throws {
        let sandbox = try demo()
        let args = ["book", "--site", "Kestrel Dental Practice", "--practice", "kestrel", "--time", "10:30", "--phone",
                    "07700 900777"]
        #expect(try sandbox.run(args + ["--patient", "Ann Example"]).status == 0)
        let refused = try sandbox.run(args + ["--patient", "Bob Example"])
        #expect(refused.status != 0)
        #expect(refused.err.contains("already booked for Ann Example"))
        #expect(refused.err.contains("--overbook"))
        #expect(try sandbox.run(args + ["--patient", "Bob Example", "--overbook"]).status == 0)
        #expect(try sandbox.run(["today", "--site", "Kestrel Dental Practice", "--practice",
                                 "kestrel"]).out.contains("10:30  CONFLICT   Ann Example + Bob Example"))
    }

    @Test("bad booking input is refused field by field and nothing is saved", arguments: [
        (["--patient", "", "--phone", "07700900777"], "patient: patient name is required"),
        (["--patient", "Ann", "--phone", "12"], "phone: phone number"),
        (["--patient", "Ann", "--phone", "07700900777", "--nhs-number", "9434765918"], "nhs-number: NHS number check digit does not match"),
        (["--patient", "Ann", "--phone", "07700900777", "--dob", "31/02/1990"],
         "dob: date of birth 31/02/1990 is not a real date"),
        (["--patient", "Ann", "--phone", "07700900777", "--source", "ed:Nowhere General"], "source: source must be"),
        (["--patient", String(repeating: "N", count: 10_000), "--phone", "07700900777"], "patient: name is longer than 100"),
        (["--patient", "Eve\u{1B}[2J", "--phone", "07700900777"], "patient: name contains a control character"),
    ])
    func badInput(_ fields: [String], _ expected: String) throws {
        let sandbox = try demo()
        let before = try sandbox.run(["bookings", "--site", "Kestrel Dental Practice", "--practice", "kestrel",
                                      "--format", "json"]).out
        let result = try sandbox.run(["book", "--site", "Kestrel Dental Practice", "--practice", "kestrel", "--time",
                                      "10:30"] + fields)
        #expect(result.status != 0)
        #expect(result.err.contains(expected), "\(result.err)")
        #expect(!result.err.contains("\u{1B}"), "escape sequences never reach the terminal")
        #expect(try sandbox.run(["bookings", "--site", "Kestrel Dental Practice", "--practice", "kestrel", "--format",
                                 "json"]).out == before)
    }

    @Test func aDowntimeDayEndsWithAnEmptyBackEntryList() throws {
        let sandbox = try demo()
        #expect(try sandbox.run(["outage", "declare", "--system", "Dental RMS", "--since", "2026-11-21T09:40",
                                 "--site", "Referral Systems Hosting"]).status == 0)
        let booked = try sandbox.run(["book", "--site", "Kestrel Dental Practice", "--practice", "kestrel", "--time",
                                      "11:00", "--patient", "Ann Example", "--phone", "07700900777"])
        #expect(booked.err.contains("downtime booking DT-KDP-20261121-1"))
        #expect(try sandbox.run(["today", "--site", "Kestrel Dental Practice", "--practice",
                                 "kestrel"]).out.contains("DT-KDP-20261121-1"))
        #expect(try sandbox.run(["outage", "restore", "--site",
                                 "Referral Systems Hosting"]).out.contains("1 downtime booking to back-enter"))
        // Kestrel's own terminal: the demo file's own site is Copperfield, which is not shown Kestrel's patients.
        #expect(try sandbox.run(["backentry", "list", "--site", "Kestrel Dental Practice"]).out
                    .contains("DT-KDP-20261121-1  2026-11-21 11:00  Kestrel Dental Practice  Ann Example"))
        #expect(try sandbox.run(["backentry", "mark", "--site", "Kestrel Dental Practice", "DT-KDP-20261121-1",
                                 "--ref", "RMS-2231"]).status == 0)
        #expect(try sandbox.run(["backentry", "list"]).out.contains("Nothing to back-enter."))
        let again = try sandbox.run(["backentry", "mark", "--site", "Kestrel Dental Practice", "DT-KDP-20261121-1",
                                     "--ref", "RMS-9"])
        #expect(again.status != 0 && again.err.contains("already entered as RMS-2231"))
    }

    @Test func lifecycleStepsAndTheirRefusals() throws {
        let sandbox = try demo()
        let id = try sandbox.run(["book", "--site", "Kestrel Dental Practice", "--practice", "kestrel", "--time",
                                  "12:00", "--patient", "Ann", "--phone", "07700900777"])
            .out.trimmingCharacters(in: .whitespacesAndNewlines)
        let short = String(id.prefix(8))
        let tooEarly = try sandbox.run(["booking", "complete", "--site", "Kestrel Dental Practice", short])
        #expect(tooEarly.status != 0 && tooEarly.err.contains("a booking that is booked cannot be marked completed"))
        #expect(try sandbox.run(["booking", "arrived", "--site", "Kestrel Dental Practice", short]).status == 0)
        #expect(try sandbox.run(["booking", "complete", "--site", "Kestrel Dental Practice", id]).status == 0)
        #expect(try sandbox.run(["today", "--site", "Kestrel Dental Practice", "--practice",
                                 "kestrel"]).out.contains("12:00  done       Ann"))
        let missing = try sandbox.run(["booking", "cancel", "--site", "Kestrel Dental Practice", short])
        #expect(missing.status != 0 && missing.err.contains("--reason"))
        let unknown = try sandbox.run(["booking", "arrived", "--site", "Kestrel Dental Practice", "DT-NOPE-1"])
        #expect(unknown.status != 0 && unknown.err.contains("no booking 'DT-NOPE-1'"))
    }
}

@Suite struct PaperCommandTests {
    @Test func theDaySheetPrintsAndPaperReferencesComeBackIn() throws {
        let sandbox = try Sandbox()
        sandbox.environment["DOWNTIME_DESK_DB"] = sandbox.database
        #expect(try sandbox.run(["demo"]).status == 0)
        let sheet = try sandbox.run(["print", "day", "--site", "Copperfield Dental Practice", "--practice",
                                     "Copperfield Dental Practice"])
        #expect(sheet.status == 0)
        #expect(sheet.out.hasPrefix("DAY SHEET: Copperfield Dental Practice, Sat 21 Nov 2026"))
        #expect(sheet.out.contains("DT-CDP-20261121-1  DT-CDP-20261121-2"))
        #expect(sheet.out.contains("INFORMATION FOR PATIENTS"), "the shipped patient information text")
        #expect(sheet.out.split(whereSeparator: { $0 == "\n" || $0 == "\u{0C}" }).allSatisfy { $0.count <= 80 })
        // A practice's own text replaces the shipped one.
        let own = sandbox.environment["XDG_CONFIG_HOME"]! + "/downtime-desk"
        try FileManager.default.createDirectory(atPath: own, withIntermediateDirectories: true)
        try "Ring 01632 960109 and we will fit you in.\n".write(toFile: own + "/patient-information.txt", atomically: true, encoding: .utf8)
        #expect(try sandbox.run(["print", "day", "--site", "Copperfield Dental Practice", "--practice",
                                 "copperfield"]).out.contains("Ring 01632 960109"))
        // A paper booking made with a printed reference is entered under that reference.
        let paper = try sandbox.run(["book", "--site", "Copperfield Dental Practice", "--practice", "copperfield",
                                     "--time", "09:30", "--patient", "Paper Person",
                                     "--phone", "07700900777", "--downtime-ref", "dt-cdp-20261121-2"])
        #expect(paper.status == 0, "\(paper.err)")
        let reused = try sandbox.run(["book", "--site", "Copperfield Dental Practice", "--practice", "copperfield",
                                      "--time", "10:30", "--patient", "Other",
                                      "--phone", "07700900777", "--downtime-ref", "DT-CDP-20261121-2"])
        #expect(reused.status != 0 && reused.err.contains("already used"))
        let csv = try sandbox.run(["export", "backentry"])
        #expect(csv.out.contains("DT-CDP-20261121-2,Copperfield Dental Practice,2026-11-21,09:30,30,Paper Person"))
        // Its standard output goes to a pipe here, as into a file or another program: it says what it holds.
        #expect(csv.err.contains("this CSV contains patient details"), "\(csv.err)")
        let file = sandbox.folder + "/backentry.json"
        let fhir = try sandbox.run(["export", "backentry", "--format", "fhir", "--output", file])
        #expect(fhir.err.contains("contains patient details"))
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let bundle = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
        #expect(bundle["total"] as? Int == 1)
    }
}
