import Foundation

/// When the resolver group works an incident of each severity (seed 003's table: severities 1 and 2 around the
/// clock; 3 to 5 from 06:30 to 20:30 every day, bank holidays included). A site's settings may say otherwise.
public struct SupportHours: Equatable, Sendable {
    /// One severity's hours: always, or a daily window on some weekdays, with or without bank holidays.
    public enum Hours: Equatable, Sendable {
        case always
        /// `from` to `to` local time; a window that ends before it starts runs past midnight into the next day.
        /// `weekdays` are ISO (1 = Monday); the day is the one the window opens on.
        case window(from: TimeOfDay, to: TimeOfDay, weekdays: Set<Int>, bankHolidays: Bool)
    }

    public var bySeverity: [Int: Hours]
    public var bankHolidays: Set<LocalDate>

    public init(bySeverity: [Int: Hours], bankHolidays: Set<LocalDate> = []) {
        self.bySeverity = bySeverity; self.bankHolidays = bankHolidays
    }

    public static let seed003: SupportHours = {
        let day = Hours.window(from: TimeOfDay(minutes: 6 * 60 + 30)!, to: TimeOfDay(minutes: 20 * 60 + 30)!,
                               weekdays: Set(1...7), bankHolidays: true)
        return SupportHours(bySeverity: [1: .always, 2: .always, 3: day, 4: day, 5: day])
    }()

    public func hours(for severity: Int) -> Hours { bySeverity[severity] ?? .always }

    /// Whether the resolver group is working an incident of this severity at `instant`.
    public func isInHours(severity: Int, at instant: Date, zone: TimeZone) -> Bool {
        guard case .window(let from, let to, let weekdays, let holidays) = hours(for: severity) else { return true }
        let day = LocalDate(instant, in: zone), minute = TimeOfDay(instant, in: zone).minutes
        func opens(on date: LocalDate) -> Bool {
            weekdays.contains(date.weekday) && (holidays || !bankHolidays.contains(date))
        }
        if from.minutes < to.minutes { return opens(on: day) && minute >= from.minutes && minute < to.minutes }
        // Past midnight: the evening part opens today, the early part belongs to yesterday's window.
        return (minute >= from.minutes && opens(on: day)) || (minute < to.minutes && opens(on: day.adding(days: -1)))
    }

    /// When the resolver group next starts working this severity after `instant` (nil if it always works or never
    /// does within a fortnight).
    public func nextInHours(severity: Int, after instant: Date, zone: TimeZone) -> Date? {
        guard case .window(let from, _, _, _) = hours(for: severity) else { return nil }
        let today = LocalDate(instant, in: zone)
        for offset in 0...14 {
            let start = today.adding(days: offset).instant(at: from, in: zone)
            if start > instant, isInHours(severity: severity, at: start, zone: zone) { return start }
        }
        return nil
    }

    /// "06:30–20:30 every day, bank holidays too", "around the clock".
    public func words(for severity: Int) -> String {
        guard case .window(let from, let to, let weekdays, let holidays) = hours(for: severity) else {
            return "around the clock"
        }
        let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let days = weekdays.count == 7 ? "every day" : weekdays.sorted().map { names[$0 - 1] }.joined(separator: ", ")
        return "\(from)–\(to) \(days), " + (holidays ? "bank holidays too" : "not on bank holidays")
    }

    /// The incident's line: whether the resolver group is working it now, and if not, when it next is.
    public func sentence(severity: Int, at instant: Date, zone: TimeZone) -> String {
        let rule = "severity \(severity): \(words(for: severity))"
        if isInHours(severity: severity, at: instant, zone: zone) { return "Resolver group: in hours now (\(rule))" }
        let next = nextInHours(severity: severity, after: instant, zone: zone)
            .map { " until \(Instant.readable($0, zone: zone))" } ?? ""
        return "Resolver group: OUT OF HOURS\(next) (\(rule))"
    }
}

extension SupportHours {
    /// Reads one severity's hours as a site writes them: "24x7", or "06:30-20:30 Sun-Sat including bank holidays"
    /// (days as a range or a list: Mon-Fri, Sat,Sun; "excluding bank holidays" to leave them out).
    public static func parse(_ text: String) -> Hours? {
        let words = text.lowercased().split(separator: " ").map(String.init)
        if words == ["24x7"] || words == ["24*7"] { return .always }
        guard let times = words.first?.split(separator: "-"), times.count == 2,
              let from = TimeOfDay(parsing: String(times[0])), let to = TimeOfDay(parsing: String(times[1])),
              from != to else { return nil }
        var rest = Array(words.dropFirst())
        var weekdays = Set(1...7)
        if let days = rest.first, !days.hasPrefix("including"), !days.hasPrefix("excluding") {
            guard let parsed = Self.days(days) else { return nil }
            weekdays = parsed
            rest.removeFirst()
        }
        let holidays: Bool
        switch rest.joined(separator: " ") {
        case "", "including bank holidays", "inc bh": holidays = true
        case "excluding bank holidays", "exc bh": holidays = false
        default: return nil
        }
        return .window(from: from, to: to, weekdays: weekdays, bankHolidays: holidays)
    }

    static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// "mon-fri", "sun-sat" (every day), "sat,sun".
    static func days(_ text: String) -> Set<Int>? {
        if text.contains(",") {
            let days = text.split(separator: ",").compactMap { dayNames.firstIndex(of: String($0)).map { $0 + 1 } }
            return days.count == text.split(separator: ",").count ? Set(days) : nil
        }
        let ends = text.split(separator: "-").map(String.init)
        guard ends.count == 2, let first = dayNames.firstIndex(of: ends[0]), let last = dayNames.firstIndex(of: ends[1])
        else { return dayNames.firstIndex(of: text).map { [$0 + 1] } }
        var days = Set<Int>(), day = first
        while true {
            days.insert(day + 1)
            if day == last { return days }
            day = (day + 1) % 7
        }
    }
}
