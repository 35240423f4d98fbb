import Foundation
import Testing
@testable import DeskCore

/// On paper nothing is cut: words wrap, a phone number stays on one line, a paragraph stays on one page.
@Suite struct PaperWordsTests {
    let day = LocalDate(iso: "2026-06-30")!
    let practice = Organisation(name: "Kestrel Dental Practice", kind: .practice, code: "KDP",
                                phones: [try! PhoneNumber(parsing: "01632 960102")])

    func booking(_ name: String, status: BookingStatus) throws -> Booking {
        Booking(practiceID: practice.id, slotID: nil, day: day, start: TimeOfDay(parsing: "09:00")!,
                patient: Patient(name: name,
                                 phone: try PhoneNumber(parsing: "07700900777")), source: .nhs111, status: status,
                createdAt: Date(timeIntervalSince1970: 1_782_800_000), createdBy: "ann")
    }

    @Test func theDaySheetPrintsDidNotAttendWholeAndNeverCutsALine() throws {
        let slot = Slot(practiceID: practice.id, day: day, start: TimeOfDay(parsing: "09:00")!, minutes: 30)
        let long = String(repeating: "Longname ", count: 8) + "Example"
        let sheet = DaySheet.render(practice: practice, day: day,
                                    rows: [SlotRow(slot: slot, bookings: [try booking(long, status: .didNotAttend)])],
                                    spareReferences: [], patientInformation: "", printedAt: "2026-06-30 18:00", printedBy: "ann")
        #expect(sheet.contains("09:00  did not attend Longname"), "\(sheet)")
        #expect(!sheet.contains("did not at "))
        #expect(!sheet.contains("…"), "nothing is cut")
        #expect(sheet.contains("07700 900777"), "the phone number is whole on one line")
    }

    @Test func theShippedPatientInformationReflowsWithoutOrphans() throws {
        let text = try String(contentsOf: Binary.repository.appendingPathComponent("Templates/patient-information.txt"), encoding: .utf8)
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 }, "the shipped file itself fits 80 columns")
        // The same words written 99 columns wide reflow to the same page: no 80-then-19 fragments.
        let wide = Paper.reflowed(text.replacingOccurrences(of: "\n  ", with: " "), width: 80)
        let lines = Paper.reflowed(text, width: 80)
        #expect(wide == lines)
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(lines.contains("- If NHS 111 or a hospital gave you an appointment with us, please come at the"),
                "\(lines)")
        #expect(lines.contains("  time you were given. We have a paper record of today's appointments."))
        #expect(lines.allSatisfy { $0.isEmpty || $0.count > 20 || $0.hasSuffix(".") || $0 == "INFORMATION FOR PATIENTS" },
                "no orphan fragments: \(lines)")
    }

    @Test func aPhoneNumberIsNeverSplitAndAParagraphStaysOnItsPage() {
        let line = "    Marcus Fennimore (responsible for the urgent dental booking line) 01632 960011, 07700 900011"
        let wrapped = Paper.wrapped(line, hang: 4)
        #expect(wrapped.allSatisfy { $0.count <= 80 })
        #expect(wrapped.contains { $0.contains("01632 960011") } && wrapped.contains { $0.contains("07700 900011") },
                "\(wrapped)")
        let filler = (0..<55).map { "line \($0)" }
        let paragraph = ["", "STEP ONE", "  first", "  second", "  third", "  fourth"]
        let pages = Paper.paginate(heading: "H", body: filler + paragraph).split(separator: "\u{0C}")
        #expect(pages.count == 2)
        #expect(pages[1].contains("STEP ONE") && pages[1].contains("fourth") && !pages[0].contains("STEP ONE"))
        let long = Paper.paginate(heading: "H", body: [String(repeating: "word ", count: 40)])
        #expect(!long.contains("…") && long.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }
}

/// The repository, to read shipped files.
enum Binary {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
