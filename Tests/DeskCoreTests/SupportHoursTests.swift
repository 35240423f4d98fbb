import Foundation
import Testing
@testable import DeskCore

/// Seed 003's support hours by severity, and a site's own, across midnight and on a bank holiday.
@Suite struct SupportHoursTests {
    static let zone = TimeZone(identifier: "Europe/London")!
    func at(_ text: String) -> Date { Instant.parse(text, zone: Self.zone)! }

    @Test func seed003WorksSeverities1And2AlwaysAnd3To5From0630To2030EveryDay() {
        let hours = SupportHours.seed003
        #expect(hours.isInHours(severity: 1, at: at("2026-12-25T03:00:00Z"), zone: Self.zone))
        #expect(hours.isInHours(severity: 3, at: at("2026-12-25T06:30:00Z"), zone: Self.zone), "Christmas, 06:30")
        #expect(!hours.isInHours(severity: 3, at: at("2026-12-25T06:29:00Z"), zone: Self.zone))
        #expect(!hours.isInHours(severity: 5, at: at("2026-11-21T20:30:00Z"), zone: Self.zone), "20:30 is the end")
        #expect(hours.nextInHours(severity: 4, after: at("2026-11-21T22:00:00Z"), zone: Self.zone)
                    == at("2026-11-22T06:30:00Z"))
        #expect(hours.sentence(severity: 3, at: at("2026-11-21T22:00:00Z"), zone: Self.zone)
                    == "Resolver group: OUT OF HOURS until Sun 22 Nov 2026 06:30 (severity 3: 06:30–20:30 every day, "
                        + "bank holidays too)")
        #expect(hours.sentence(severity: 2, at: at("2026-11-21T22:00:00Z"), zone: Self.zone)
                    == "Resolver group: in hours now (severity 2: around the clock)")
    }

    @Test func aWindowPastMidnightBelongsToTheDayItOpensAndBankHolidaysCanBeLeftOut() throws {
        let night = try #require(SupportHours.parse("20:00-08:00 Mon-Fri excluding bank holidays"))
        let christmas = LocalDate(iso: "2026-12-25")!  // a Friday
        let hours = SupportHours(bySeverity: [3: night], bankHolidays: [christmas])
        #expect(hours.isInHours(severity: 3, at: at("2026-12-22T23:00:00Z"), zone: Self.zone), "Tuesday night")
        #expect(hours.isInHours(severity: 3, at: at("2026-12-23T07:59:00Z"), zone: Self.zone), "Wednesday, before 8")
        #expect(!hours.isInHours(severity: 3, at: at("2026-12-23T12:00:00Z"), zone: Self.zone), "the day is out")
        #expect(!hours.isInHours(severity: 3, at: at("2026-12-25T21:00:00Z"), zone: Self.zone), "not Christmas night")
        #expect(!hours.isInHours(severity: 3, at: at("2026-12-26T07:00:00Z"), zone: Self.zone),
                "nor its early hours, which belong to Christmas Day's window")
        #expect(hours.isInHours(severity: 3, at: at("2026-12-24T23:30:00Z"), zone: Self.zone), "Christmas Eve night")
        #expect(!hours.isInHours(severity: 3, at: at("2026-12-27T01:00:00Z"), zone: Self.zone), "Saturday night")
        #expect(hours.nextInHours(severity: 3, after: at("2026-12-25T12:00:00Z"), zone: Self.zone)
                    == at("2026-12-28T20:00:00Z"), "Monday evening")
    }

    @Test func hoursAreReadAsSitesWriteThem() {
        #expect(SupportHours.parse("24x7") == .always)
        #expect(SupportHours.parse("06:30-20:30 Sun-Sat including bank holidays")
                    == .window(from: TimeOfDay(parsing: "06:30")!, to: TimeOfDay(parsing: "20:30")!,
                               weekdays: Set(1...7), bankHolidays: true))
        #expect(SupportHours.parse("09:00-17:00 Sat,Sun")
                    == .window(from: TimeOfDay(parsing: "09:00")!, to: TimeOfDay(parsing: "17:00")!,
                               weekdays: [6, 7], bankHolidays: true))
        for bad in ["", "always", "9-5", "09:00-09:00", "09:00-17:00 Funday", "09:00-17:00 Mon-Fri sometimes"] {
            #expect(SupportHours.parse(bad) == nil, "\(bad)")
        }
    }
}
