import Foundation
import Testing
@testable import DeskCore

@Suite struct LocalDateTests {
    @Test func dayNumbersRoundTripAndWeekdaysAreRight() {
        let day = LocalDate(iso: "2026-11-21")!
        #expect(day.weekday == 6)  // a Saturday
        #expect(LocalDate(dayNumber: day.dayNumber) == day)
        #expect(LocalDate(iso: "2024-02-28")!.adding(days: 1).iso == "2024-02-29")
        #expect(LocalDate(iso: "2026-12-31")!.adding(days: 1).iso == "2027-01-01")
        #expect(LocalDate(iso: "1970-01-01")!.dayNumber == 0)
    }

    @Test("malformed dates are refused", arguments: ["2026-02-29", "2026-13-01", "26-11-21", "2026-1-01", "tomorrow"])
    func refused(_ text: String) { #expect(LocalDate(iso: text) == nil) }

    @Test func localDayFollowsTheZone() {
        let instant = Instant.parse("2026-06-30T23:30:00Z", zone: TimeZone(identifier: "UTC")!)!
        #expect(LocalDate(instant, in: TimeZone(identifier: "Europe/London")!).iso == "2026-07-01")
        #expect(LocalDate(instant, in: TimeZone(identifier: "UTC")!).iso == "2026-06-30")
    }
}

@Suite struct SlotTests {
    let practice = UUID()

    @Test func templatesYieldWholeSlotsOnTheirWeekdayOnly() {
        let template = SlotTemplate(practiceID: practice, weekday: 6, start: TimeOfDay(parsing: "09:00")!,
                                    end: TimeOfDay(parsing: "10:45")!, slotMinutes: 30)
        let saturday = LocalDate(iso: "2026-11-21")!
        #expect(Slot.generate(from: [template], on: saturday).map(\.start.description) == ["09:00", "09:30", "10:00"])
        #expect(Slot.generate(from: [template], on: saturday.adding(days: 1)).isEmpty)
    }

    @Test func slotIDsAreStableAcrossTerminals() {
        let day = LocalDate(iso: "2026-11-21")!, time = TimeOfDay(parsing: "09:00")!
        #expect(Slot.stableID(practiceID: practice, day: day, start: time) == Slot.stableID(practiceID: practice, day: day, start: time))
        #expect(Slot.stableID(practiceID: practice, day: day, start: time) != Slot.stableID(practiceID: practice, day: day.adding(days: 1), start: time))
        // Bookings already saved name their slot by this id: the value must never change between versions.
        let known = UUID(uuidString: "6F9619FF-8B86-D011-B42D-00C04FC964FF")!
        #expect(Slot.stableID(practiceID: known, day: LocalDate(iso: "2026-11-23")!, start: TimeOfDay(parsing: "10:30")!)
                == UUID(uuidString: "ECA3472B-3226-8F6F-B6F5-04F33C0F9068"))
    }

    func booking(_ status: BookingStatus) throws -> Booking {
        Booking(practiceID: practice, slotID: nil, day: LocalDate(iso: "2026-11-21")!, start: TimeOfDay(parsing: "09:00")!,
                patient: Patient(name: "P", phone: try PhoneNumber(parsing: "07700900000")), source: .phone,
                status: status, createdAt: Date(), createdBy: "t")
    }

    @Test func twoLiveBookingsInOneSlotAreAConflict() throws {
        let slot = Slot(practiceID: practice, day: LocalDate(iso: "2026-11-21")!, start: TimeOfDay(parsing: "09:00")!, minutes: 30)
        #expect(SlotRow(slot: slot, bookings: [try booking(.booked), try booking(.booked)]).status == .conflict)
        #expect(SlotRow(slot: slot, bookings: [try booking(.booked), try booking(.cancelled)]).status == .booked)
        #expect(SlotRow(slot: slot, bookings: [try booking(.cancelled)]).status == .free)
        #expect(SlotRow(slot: slot, bookings: []).status == .free)
    }
}

@Suite struct CommandTableTests {
    @Test func namesAreUniqueAndEveryCommandHasHelp() {
        #expect(Set(Commands.all.map(\.name)).count == Commands.all.count)
        #expect(Commands.all.allSatisfy { !$0.help.isEmpty && !$0.scopes.isEmpty })
    }

    @Test func keyNamesRoundTrip() {
        for name in ["q", "?", "Tab", "S-Tab", "C-c", "PgUp", "PgDn", "F1", "Esc", "Enter", "Space", "Home", "End"] {
            #expect(Key(name: name)?.description == name)
        }
        #expect(Key(name: "Hyper-x") == nil)
    }
}

@Suite struct DemoNetworkTests {
    @Test func demoFollowsTheSeedShapeAndReachesNobodyReal() throws {
        let result = try DirectoryImport.parse(Array(DemoNetwork.directoryCSV.utf8))
        let byKind = Dictionary(grouping: result.entries, by: \.kind)
        #expect(byKind[.host]?.count == 1)
        #expect(byKind[.host]?.first?.contacts.count == 3)
        #expect(byKind[.commissioner]?.flatMap(\.contacts).count == 2)
        #expect(byKind[.nhs111]?.count == 1)
        #expect(byKind[.ed]?.count == 3)
        let practices = byKind[.practice] ?? []
        #expect(practices.count == 13)
        #expect(practices.contains { $0.phones.count == 2 })
        let emails = practices.flatMap(\.emails).map(\.value)
        #expect(emails.count != Set(emails).count, "two practices share one address")
        #expect(practices.contains { $0.phones.allSatisfy { $0.digits.hasPrefix("07") } })
        // Every number in Ofcom's drama ranges, every address under example.org.
        let phones = result.entries.flatMap { $0.phones + $0.contacts.flatMap(\.phones) }.map(\.digits)
        #expect(phones.allSatisfy { $0.hasPrefix("01632960") || $0.hasPrefix("07700900") })
        let allEmails = result.entries.flatMap { $0.emails + $0.contacts.flatMap(\.emails) }.map(\.value)
        #expect(allEmails.allSatisfy { $0.hasSuffix("example.org") })
    }
}

@Suite struct ClockChangeTests {
    let practice = UUID()
    let template = { (p: UUID, weekday: Int) in
        SlotTemplate(practiceID: p, weekday: weekday, start: TimeOfDay(parsing: "00:30")!, end: TimeOfDay(parsing: "03:30")!, slotMinutes: 60)
    }

    @Test func slotsOnTheDaysTheClocksChangeAreTheSameLocalTimes() {
        // Europe/London: 2026-03-29 has no 01:00–02:00, 2026-10-25 has it twice; slots are local times either way.
        let spring = LocalDate(iso: "2026-03-29")!, autumn = LocalDate(iso: "2026-10-25")!
        #expect(spring.weekday == 7 && autumn.weekday == 7)
        for day in [spring, autumn, spring.adding(days: 7)] {
            #expect(Slot.generate(from: [template(practice, 7)], on: day).map(\.start.description) == ["00:30", "01:30", "02:30"])
        }
    }

    @Test func theLocalDayAroundAClockChangeFollowsTheZone() {
        let london = TimeZone(identifier: "Europe/London")!
        // 00:30 UTC on 29 March is 00:30 GMT; 23:30 UTC on 28 March is still the 28th in London.
        #expect(LocalDate(Instant.parse("2026-03-29T00:30:00Z", zone: london)!, in: london).iso == "2026-03-29")
        #expect(LocalDate(Instant.parse("2026-03-28T23:30:00Z", zone: london)!, in: london).iso == "2026-03-28")
        // 23:30 UTC on 31 March is 00:30 BST on 1 April.
        #expect(LocalDate(Instant.parse("2026-03-31T23:30:00Z", zone: london)!, in: london).iso == "2026-04-01")
        #expect(TimeOfDay(Instant.parse("2026-03-31T23:30:00Z", zone: london)!, in: london).description == "00:30")
    }
}
