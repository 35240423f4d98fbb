import Foundation
import Testing
import DeskCore
@testable import DeskStore

/// "I have an appointment, when is it?": found by name, phone, NHS number or reference, on any day, within what
/// the terminal may see.
@Suite struct BookingSearchTests {
    let today = LocalDate(iso: "2026-11-21")!

    func booked() throws -> (TemporaryDatabase, Organisation, Organisation) {
        let db = try TemporaryDatabase()
        try db.store.seedDemo(now: testNow, zone: london, actor: testActor)
        let kestrel = try db.store.organisation(matching: "Kestrel Dental Practice")
        let vale = try db.store.organisation(matching: "Vale Dental Care")
        func book(_ practice: Organisation, _ day: String, _ time: String, _ draft: BookingDraft,
                  as actor: Actor) throws {
            let details = try draft.validate(today: today, resolveED: { _ in nil }).get()
            try db.store.book(practice: practice, day: LocalDate(iso: day)!, start: TimeOfDay(parsing: time)!,
                              details: details, overbook: false, actor: actor, at: testNow)
        }
        try book(kestrel, "2026-11-18", "09:00", BookingDraft(patientName: "Orla O'Hara", phone: "07700 900111"),
                 as: kestrelActor)
        try book(kestrel, "2026-11-25", "10:00", BookingDraft(patientName: "Orla O'Hara", phone: "07700 900111"),
                 as: kestrelActor)
        try book(kestrel, "2026-11-23", "11:00",
                 BookingDraft(patientName: "Piet 50% Pearce", phone: "01632 960999", nhsNumber: "943 476 5919"),
                 as: Actor(user: "nia", terminal: "pts/6", site: "Shoreline 111", role: .nhs111))
        try book(vale, "2026-11-24", "09:00", BookingDraft(patientName: "Orla Other", phone: "07700 900111"),
                 as: valeActor)
        return (db, kestrel, vale)
    }

    func names(_ found: [Booking]) -> [String] { found.map { "\($0.patient.name) \($0.day.iso)" } }

    @Test func aNameAnyCaseFindsEveryDayUpcomingFirstThenPast() throws {
        let (db, kestrel, _) = try booked()
        let found = try db.store.searchBookings(BookingQuery("orla")!, scope: .practice(kestrel.id), today: today)
        #expect(names(found) == ["Orla O'Hara 2026-11-25", "Orla O'Hara 2026-11-18"],
                "Vale's Orla is Vale's patient, not Kestrel's")
    }

    @Test func aPhoneInAnyFormAnNHSNumberOrAReferenceFindsTheBooking() throws {
        let (db, kestrel, _) = try booked()
        func find(_ text: String) throws -> [String] {
            names(try db.store.searchBookings(BookingQuery(text)!, scope: .practice(kestrel.id), today: today))
        }
        #expect(try find("+44 1632 960999") == ["Piet 50% Pearce 2026-11-23"])
        #expect(try find("960999") == ["Piet 50% Pearce 2026-11-23"], "part of a number")
        #expect(try find("9434765919") == ["Piet 50% Pearce 2026-11-23"])
        #expect(try find("943 476 5919") == ["Piet 50% Pearce 2026-11-23"])
        #expect(try find("50%") == ["Piet 50% Pearce 2026-11-23"], "a % is a character, not a wildcard")
        #expect(try find("%%").isEmpty && (try find("__")).isEmpty)
        let reference = "DT-TEST-0001"
        try db.store.pool.write { db in
            try db.execute(sql: "UPDATE booking SET downtime_ref = ? WHERE patient_name LIKE 'Piet%'",
                           arguments: [reference])
        }
        #expect(try find("dt-test") == ["Piet 50% Pearce 2026-11-23"])
    }

    @Test func nhs111FindsOnlyTheBookingsItMade() throws {
        let (db, _, _) = try booked()
        let found = try db.store.searchBookings(BookingQuery("Pearce")!, scope: .madeAt("Shoreline 111"), today: today)
        #expect(names(found) == ["Piet 50% Pearce 2026-11-23"])
        #expect(try db.store.searchBookings(BookingQuery("Orla")!, scope: .madeAt("Shoreline 111"), today: today)
            .isEmpty)
    }

    @Test func queriesReadAsTyped() {
        #expect(BookingQuery("a") == nil && BookingQuery("  ") == nil, "one letter matches half the list")
        let phone = BookingQuery("+44 7700 900111")!
        #expect(phone.phoneDigits == "07700900111" && phone.nhsNumber == nil && phone.reference == nil)
        #expect(BookingQuery("943 476 5919")!.nhsNumber == "9434765919")
        #expect(BookingQuery("dt-7f3a")!.reference == "DT-7F3A")
        let name = BookingQuery(" Mary-Jane ")!
        #expect(name.text == "Mary-Jane" && name.phoneDigits == nil)
        #expect(BookingSearchScope.for(site: "Referral Systems Hosting", kind: .host, practiceID: nil)
            == .failure(.noPatientsHere(site: "Referral Systems Hosting")))
    }
}
