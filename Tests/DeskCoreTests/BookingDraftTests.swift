import Foundation
import Testing
@testable import DeskCore

@Suite struct BookingDraftTests {
    let today = LocalDate(iso: "2026-11-21")!
    func check(_ draft: BookingDraft) -> Result<ValidBooking, BookingProblems> { draft.validate(today: today, resolveED: { $0 == "Northgate" ? UUID() : nil }) }

    @Test func aGoodDraftValidates() throws {
        let valid = try check(BookingDraft(patientName: "  Ann Example ", phone: "+44 7700 900123", dateOfBirth: "07/03/1980",
                                           nhsNumber: "943 476 5919", triage: "routine", source: "ed:Northgate", notes: "swelling")).get()
        #expect(valid.patient.name == "Ann Example")
        #expect(valid.patient.phone.digits == "07700900123")
        #expect(valid.patient.dateOfBirth?.iso == "1980-03-07")
        #expect(valid.triage == .routine)
        if case .ed(let id) = valid.source { #expect(id != nil) } else { Issue.record("expected an ED source") }
    }

    @Test func everyBadFieldIsReportedAtOnceAgainstItsField() {
        let draft = BookingDraft(patientName: "", phone: "123", dateOfBirth: "31/02/1980", nhsNumber: "9434765918",
                                 triage: "soon", source: "pigeon", notes: "x\u{1B}[2J")
        guard case .failure(let problems) = check(draft) else { Issue.record("expected problems"); return }
        #expect(Set(problems.byField.keys) == Set(BookingDraft.Field.allCases))
        #expect(problems.byField[.patientName] == "patient name is required")
        #expect(problems.byField[.nhsNumber] == "NHS number check digit does not match; check for a typing error")
    }

    @Test("hostile names are refused", arguments: [String(repeating: "A", count: 10_000), "Eve\u{1B}]0;pwned\u{07}", "Tab\tName"])
    func hostileNames(_ name: String) {
        guard case .failure(let problems) = check(BookingDraft(patientName: name, phone: "07700900123")) else {
            Issue.record("expected a refusal"); return
        }
        #expect(problems.byField[.patientName] != nil)
    }

    @Test func futureDatesOfBirthAreRefused() {
        guard case .failure(let problems) = check(BookingDraft(patientName: "A", phone: "07700900123", dateOfBirth: "2027-01-01")) else {
            Issue.record("expected a refusal"); return
        }
        #expect(problems.byField[.dateOfBirth] == "date of birth is in the future")
    }

    @Test func statusMovesFollowTheLifecycle() {
        #expect(BookingStatus.booked.canMove(to: .arrived))
        #expect(!BookingStatus.booked.canMove(to: .completed))
        #expect(BookingStatus.completed.canMove(to: .enteredInError))
        #expect(!BookingStatus.enteredInError.canMove(to: .booked))
        #expect(!BookingStatus.cancelled.canMove(to: .booked))
    }

    @Test func downtimeReferencesArePrintable() {
        #expect(DowntimeReference.make(code: "MLDS", day: today, number: 12) == "DT-MLDS-20261121-12")
    }
}
