import Foundation
import Testing
@testable import DeskCore

@Suite struct PaperAndExportTests {
    let london = TimeZone(identifier: "Europe/London")!
    let day = LocalDate(iso: "2026-06-30")!
    let practice = Organisation(name: "Kestrel Dental Practice", kind: .practice, code: "KDP", phones: [try! PhoneNumber(parsing: "01632 960102")])

    func booking(_ name: String, at time: String, status: BookingStatus = .booked, ref: String? = "DT-KDP-20260630-1") throws -> Booking {
        Booking(practiceID: practice.id, slotID: nil, day: day, start: TimeOfDay(parsing: time)!,
                patient: Patient(name: name, phone: try PhoneNumber(parsing: "07700900777"), nhsNumber: try NHSNumber(parsing: "9434765919")),
                source: .nhs111, status: status, downtimeReference: ref, createdAt: Date(timeIntervalSince1970: 1_782_800_000), createdBy: "ann")
    }

    @Test func theDaySheetFitsEightyColumnsAndPaginates() throws {
        let slots = (0..<40).map { Slot(practiceID: practice.id, day: day, start: TimeOfDay(minutes: 8 * 60 + 15 * $0)!, minutes: 15) }
        var rows = slots.map { SlotRow(slot: $0, bookings: []) }
        rows[1] = SlotRow(slot: slots[1], bookings: [try booking("Ann Example", at: "08:15")])
        rows[2].slot.blockedReason = "clinician off"
        rows[2] = SlotRow(slot: rows[2].slot, bookings: [])
        let sheet = DaySheet.render(practice: practice, day: day, rows: rows, spareReferences: ["DT-KDP-20260630-2", "DT-KDP-20260630-3"],
                                    patientInformation: String(repeating: "Please phone us rather than calling in. ", count: 6),
                                    printedAt: "2026-06-30 18:00", printedBy: "ann")
        let pages = sheet.split(separator: "\u{0C}")
        #expect(pages.count == 3)
        for (index, page) in pages.enumerated() {
            let lines = page.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count <= DaySheet.pageLines + 1)
            #expect(lines[0].hasSuffix("page \(index + 1) of 3"))
        }
        #expect(sheet.split(whereSeparator: { $0 == "\n" || $0 == "\u{0C}" }).allSatisfy { $0.count <= 80 }, "a form feed takes no column")
        #expect(sheet.contains("08:15  booked     Ann Example  07700 900777  NHS 111  DT-KDP-20260630-1"))
        #expect(sheet.contains("08:30  BLOCKED    clinician off"))
        #expect(sheet.contains("08:00  free       Name: ______________________________  Phone: _______________"))
        #expect(sheet.contains("DT-KDP-20260630-2  DT-KDP-20260630-3"))
        #expect(sheet.contains("Practice phone: 01632 960102"))
        #expect(sheet.contains("CONTAINS PATIENT DETAILS"))
    }

    @Test func csvNeutralisesFormulasInEveryCell() throws {
        let csv = BackEntryExport.csv([try booking("=cmd|' /C calc'!A0", at: "10:30"), try booking("@SUM(1)", at: "11:00")],
                                      practices: [practice.id: practice], minutes: { _ in 30 })
        let records = try CSV.parse(Array(csv.utf8))
        #expect(records[0].fields == BackEntryExport.csvColumns)
        #expect(records[1].fields[5] == "'=cmd|' /C calc'!A0")
        #expect(records[2].fields[5] == "'@SUM(1)")
        #expect(records.dropFirst().allSatisfy { $0.fields.allSatisfy { !["=", "+", "-", "@"].contains($0.first.map(String.init) ?? "") } })
    }

    @Test func theFHIRBundleHasWhatR4Requires() throws {
        let bookings = [try booking("Ann Example", at: "10:30"), try booking("Bob Example", at: "11:00", status: .didNotAttend)]
        let bundle = BackEntryExport.fhirBundle(bookings, practices: [practice.id: practice], minutes: { _ in 30 }, zone: london,
                                                now: Date(timeIntervalSince1970: 1_782_800_000))
        // Round-trip through JSON, as a receiving system would read it.
        let json = try #require(try JSONSerialization.jsonObject(with: JSONSerialization.data(withJSONObject: bundle)) as? [String: Any])
        #expect(json["resourceType"] as? String == "Bundle")
        #expect(json["type"] as? String == "collection")
        let entries = try #require(json["entry"] as? [[String: Any]])
        #expect(entries.count == 2)
        let idPattern = try Regex("^[A-Za-z0-9\\-\\.]{1,64}$")
        let allowed: Set<String> = ["proposed", "pending", "booked", "arrived", "fulfilled", "cancelled", "noshow", "entered-in-error", "checked-in", "waitlist"]
        for entry in entries {
            let appointment = try #require(entry["resource"] as? [String: Any])
            #expect(appointment["resourceType"] as? String == "Appointment")
            #expect((appointment["id"] as? String)?.wholeMatch(of: idPattern) != nil)
            #expect(allowed.contains(appointment["status"] as? String ?? ""))
            // app-2: start and end together; app-3: only proposed or cancelled may lack them.
            #expect(appointment["start"] is String && appointment["end"] is String)
            #expect(appointment["minutesDuration"] as? Int == 30)
            let participants = try #require(appointment["participant"] as? [[String: Any]])
            #expect(participants.count == 2 && participants.allSatisfy { $0["status"] as? String == "accepted" })
            let identifiers = try #require(appointment["identifier"] as? [[String: Any]])
            #expect((identifiers.first?["value"] as? String)?.hasPrefix("DT-KDP-") == true)
            #expect((entry["fullUrl"] as? String)?.hasPrefix("urn:uuid:") == true)
        }
        let first = try #require(entries[0]["resource"] as? [String: Any])
        // 10:30 on 30 June in London is 09:30 UTC (BST).
        #expect(first["start"] as? String == "2026-06-30T09:30:00Z")
        #expect(first["end"] as? String == "2026-06-30T10:00:00Z")
        #expect((entries[1]["resource"] as? [String: Any])?["status"] as? String == "noshow")
    }
}
