import Foundation
import Testing

/// Bookings from the central system while it is up: FHIR R4 or CSV, idempotent, clashes shown, never overwritten.
@Suite struct ImportBookingsTests {
    func demo() throws -> Sandbox {
        let sandbox = try Sandbox()
        sandbox.environment["DOWNTIME_DESK_DB"] = sandbox.database
        #expect(try sandbox.run(["demo"]).status == 0)
        return sandbox
    }

    func bundle(_ appointments: [(id: String, start: String, status: String)], practice: String = "Kestrel Dental Practice") -> [UInt8] {
        var entries: [[String: Any]] = [[
            "fullUrl": "urn:uuid:p1",
            "resource": ["resourceType": "Patient", "id": "p1", "name": [["given": ["Gina"], "family": "Central"]],
                         "telecom": [["system": "phone", "value": "07700 900321"]], "birthDate": "1984-05-06",
                         "identifier": [["system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9434765919"]]],
        ]]
        for a in appointments {
            entries.append(["resource": [
                "resourceType": "Appointment", "id": a.id, "status": a.status, "start": a.start,
                "identifier": [["system": "https://rms.example.org/appointment", "value": a.id]],
                "participant": [["actor": ["reference": "urn:uuid:p1"], "status": "accepted"],
                                ["actor": ["display": practice], "status": "accepted"]],
            ]])
        }
        let object: [String: Any] = ["resourceType": "Bundle", "type": "collection", "entry": entries]
        return Array(try! JSONSerialization.data(withJSONObject: object))
    }

    @Test func aFHIRBundleImportsOnceAndAClashBecomesAConflict() throws {
        let sandbox = try demo()
        #expect(try sandbox.run(["book", "--site", "Kestrel Dental Practice", "--practice", "kestrel", "--time",
                                 "11:00", "--patient", "Local Person", "--phone", "07700900777"]).status == 0)
        let file = sandbox.write("central.json", bundle([("RMS-1", "2026-11-21T10:30:00Z", "booked"), ("RMS-2", "2026-11-21T11:00:00Z", "booked")]))
        let first = try sandbox.run(["import", "bookings", "--site", "Referral Systems Hosting", file])
        #expect(first.status == 0, "\(first.err)")
        #expect(first.out.contains("2 added, 0 already here"))
        #expect(first.err.contains("conflict: Kestrel Dental Practice 2026-11-21 11:00"))
        let grid = try sandbox.run(["today", "--site", "Kestrel Dental Practice", "--practice", "kestrel"]).out
        #expect(grid.contains("10:30  booked     Gina Central                   Central"))
        #expect(grid.contains("11:00  CONFLICT   Local Person + Gina Central"), "nothing overwritten")
        let again = try sandbox.run(["import", "bookings", "--site", "Referral Systems Hosting", file])
        #expect(again.out.contains("0 added, 2 already here"))
        let list = try sandbox.run(["bookings", "--site", "Kestrel Dental Practice", "--practice", "kestrel",
                                    "--format", "json"]).out
        let json = try #require(try JSONSerialization.jsonObject(with: Data(list.utf8)) as? [[String: Any]])
        let gina = try #require(json.first { $0["central_reference"] as? String == "RMS-1" })
        #expect(gina["nhs_number"] as? String == "9434765919" && gina["date_of_birth"] as? String == "1984-05-06")
        #expect(gina["seen"] as? Bool == false, "arrives as NEW in the incoming pane")
    }

    @Test("files that are not bookings are refused and nothing is saved", arguments: [
        ("{\"resourceType\": \"Patient\"}", "not a FHIR Bundle (resourceType is 'Patient')"),
        ("{\"resourceType\": \"Bundle\", \"entry\": [", "not valid JSON"),
        ("{\"resourceType\": \"Bundle\", \"entry\": [{\"resource\": {\"resourceType\": \"Observation\"}}]}", "holds no Appointment resources"),
        ("practice,date,time\nKestrel,2026-11-21,10:30\n", "the header lacks the columns patient, phone"),
    ])
    func refused(_ text: String, _ expected: String) throws {
        let sandbox = try demo()
        let before = try sandbox.run(["bookings", "--site", "Kestrel Dental Practice", "--practice", "kestrel",
                                      "--format", "json"]).out
        let result = try sandbox.run(["import", "bookings", "--site", "Referral Systems Hosting", sandbox.write("bad",
            Array(text.utf8))])
        #expect(result.status != 0)
        #expect(result.err.contains(expected), "\(result.err)")
        #expect(try sandbox.run(["bookings", "--site", "Kestrel Dental Practice", "--practice", "kestrel", "--format",
                                 "json"]).out == before)
    }

    @Test func oneBadAppointmentStopsTheWholeImport() throws {
        let sandbox = try demo()
        let file = sandbox.write("mixed.json", bundle([("RMS-1", "2026-11-21T10:30:00Z", "booked"), ("RMS-2", "2026-11-21T13:00:00Z", "booked")]))
        let result = try sandbox.run(["import", "bookings", "--site", "Referral Systems Hosting", file])
        #expect(result.status != 0)
        #expect(result.err.contains("entry 3: Kestrel Dental Practice has no slot at 13:00"))
        #expect(try sandbox.run(["bookings", "--site", "Kestrel Dental Practice", "--practice",
                                 "kestrel"]).out.contains(": 0 bookings"))
        let bad = sandbox.write("badstatus.json", bundle([("RMS-9", "2026-11-21T10:30:00Z", "maybe")]))
        #expect(try sandbox.run(["import", "bookings", "--site", "Referral Systems Hosting",
                                 bad]).err.contains("entry 2 (Appointment): status 'maybe'"))
    }

    /// Imports find their slot with each weekday's templates read once: a slot added for the day takes a booking,
    /// a blocked one refuses it in the same words as a booking made by hand, and nothing of that file is saved.
    @Test func anImportLandsOnAnAddedSlotAndABlockedSlotRefusesIt() throws {
        let sandbox = try demo()
        let kestrel = ["--site", "Kestrel Dental Practice", "--practice", "kestrel"]
        #expect(try sandbox.run(["slot", "add"] + kestrel + ["--time", "13:00"]).status == 0)
        #expect(try sandbox.run(["slot", "block"] + kestrel + ["--time", "09:00", "--reason", "clinician off"])
            .status == 0)
        let added = sandbox.write("added.json", bundle([("RMS-13", "2026-11-21T13:00:00Z", "booked")]))
        #expect(try sandbox.run(["import", "bookings", "--site", "Referral Systems Hosting", added]).status == 0)
        #expect(try sandbox.run(["today"] + kestrel).out.contains("13:00  booked"))
        let blocked = sandbox.write("blocked.json", bundle([("RMS-14", "2026-11-21T10:30:00Z", "booked"),
                                                             ("RMS-15", "2026-11-21T09:00:00Z", "booked")]))
        let result = try sandbox.run(["import", "bookings", "--site", "Referral Systems Hosting", blocked])
        #expect(result.status != 0 && result.err.contains("is blocked: clinician off"), "\(result.err)")
        #expect(!(try sandbox.run(["today"] + kestrel).out.contains("10:30  booked")), "nothing of that file saved")
    }

    @Test func theBookingsCSVRoundTripsIntoAnotherDatabase() throws {
        let sandbox = try demo()
        let csv = try sandbox.run(["bookings", "--site", "Copperfield Dental Practice", "--practice",
                                   "Copperfield Dental Practice", "--format", "csv"])
        #expect(csv.status == 0)
        let file = sandbox.write("bookings.csv", Array(csv.out.utf8))
        let other = sandbox.folder + "/other.sqlite"
        #expect(try sandbox.run(["demo", "--db", other]).status == 0)
        let imported = try sandbox.run(["import", "bookings", "--site", "Referral Systems Hosting", file, "--db",
                                        other])
        #expect(imported.status == 0, "\(imported.err)")
        #expect(imported.out.contains("6 added"))
        #expect(try sandbox.run(["import", "bookings", "--site", "Referral Systems Hosting", file, "--db",
                                 other]).out.contains("0 added, 6 already here"))
        // Statuses come across too. (The other database is a demo as well, so each copy sits beside its twin as a
        // conflict: an import never overwrites.)
        let list = try sandbox.run(["bookings", "--site", "Copperfield Dental Practice", "--practice", "copperfield",
                                    "--db", other, "--format", "json"]).out
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.utf8)) as? [[String: Any]])
        let copies = rows.filter { $0["central_reference"] is String }
        #expect(copies.count == 6)
        let statusByPatient = Dictionary(copies.map { ($0["patient"] as? String ?? "", $0["status"] as? String ?? "") }, uniquingKeysWith: { a, _ in a })
        #expect(statusByPatient["Alys Demo-Rowe"] == "completed")
        #expect(statusByPatient["Bram Demo-Kettering"] == "arrived")
    }
}
