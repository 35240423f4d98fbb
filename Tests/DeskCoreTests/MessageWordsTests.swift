import Foundation
import Testing
@testable import DeskCore

/// Each message says what is actually wrong: the trial found several that named the wrong fault.
@Suite struct MessageWordsTests {
    let today = LocalDate(iso: "2026-12-01")!
    let london = TimeZone(identifier: "Europe/London")!

    func problems(_ draft: BookingDraft) -> [BookingDraft.Field: String] {
        guard case .failure(let problems) = draft.validate(today: today, resolveED: { _ in nil }) else { return [:] }
        return problems.byField
    }

    @Test func aDateOfBirthThatDoesNotExistIsCalledNotARealDate() {
        let base = BookingDraft(patientName: "Ann Example", phone: "07700900123")
        var draft = base
        draft.dateOfBirth = "31/02/1980"
        #expect(problems(draft)[.dateOfBirth] == "date of birth 31/02/1980 is not a real date")
        draft.dateOfBirth = "1980-02-30"
        #expect(problems(draft)[.dateOfBirth] == "date of birth 1980-02-30 is not a real date")
        draft.dateOfBirth = "31st Feb"
        #expect(problems(draft)[.dateOfBirth] == "date of birth must be DD/MM/YYYY or YYYY-MM-DD")
    }

    @Test func invisibleCharactersInANameAreRefusedByCodePoint() {
        for (name, code) in [("Ann\u{2028}Example", "U+2028"), ("Ann\u{200B}Example", "U+200B"),
                             ("Ann\u{2029}x", "U+2029"),
                             ("\u{FEFF}Ann", "U+FEFF"), ("Ann\u{202E}x", "U+202E")] {
            let draft = BookingDraft(patientName: name, phone: "07700900123")
            #expect(problems(draft)[.patientName] == "name contains an invisible or direction-changing character "
                + "(\(code))", "\(code)")
        }
        #expect(Sanitise.visible("A\u{200B}B") == "A·B", "never shown raw either")
    }

    @Test func anOrganisationThatLooksTheSameIsTheSameOrRefused() throws {
        let header = DirectoryImport.columns.joined(separator: ",") + "\n"
        let composed = "Caf\u{E9} Dental,practice,,,01632 960101,,\n"
        let decomposed = "Cafe\u{301} Dental,practice,,,01632 960101,,\n"
        let result = try DirectoryImport.parse(Array((header + composed + decomposed).utf8))
        #expect(result.entries.count == 1, "one organisation however the accent was typed")
        #expect(result.entries[0].name.unicodeScalars.count == "Caf\u{E9} Dental".unicodeScalars.count, "stored as NFC")
        let hidden = "Kestrel\u{200B} Dental Practice,practice,,,01632 960102,,\n"
        #expect(throws: InputError(line: 2, field: "organisation",
                                   "contains an invisible or direction-changing character (U+200B)")) {
            try DirectoryImport.parse(Array((header + hidden).utf8))
        }
    }

    @Test func bookingFilesSayWhatKindOfWrongTheyAre() {
        func message(_ bytes: [UInt8]) -> String {
            do { _ = try BookingImport.parse(bytes, today: today, zone: london,
                                             resolveED: { _ in nil }); return "accepted" }
            catch { return error.description }
        }
        #expect(message(Array("[{\"resourceType\": \"Appointment\"}]".utf8)).contains("is a JSON array, not a FHIR Bundle"))
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "practice,date,time\n".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(message(utf16).contains("the file is UTF-16 text, not UTF-8"))
        let deep = "{\"resourceType\": \"Bundle\", \"x\": " + String(repeating: "[",
                                                                     count: 600) + String(repeating: "]",
                                                                         count: 600) + "}"
        #expect(message(Array(deep.utf8)).contains("the JSON is nested 601 levels deep"),
                "\(message(Array(deep.utf8)))")
        let control = """
            {"resourceType": "Bundle", "entry": [{"resource": {"resourceType": "Appointment", "identifier": [{"value": "RMS\\u00071"}],
             "start": "2026-12-01T10:00:00Z"}}]}
            """
        #expect(message(Array(control.utf8)).contains("its identifier value contains a control character"),
                "\(message(Array(control.utf8)))")
    }
}
