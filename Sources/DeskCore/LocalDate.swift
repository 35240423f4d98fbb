import Foundation
import Synchronization

/// A calendar day in the practice's local time, with no time zone attached.
/// Slots are stored by local day and minute so that reading a day never converts per row.
public struct LocalDate: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let year: Int, month: Int, day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...LocalDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// Parses `YYYY-MM-DD` exactly.
    public init?(iso text: String) {
        guard let (y, m, d) = Self.isoParts(text) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The numbers of text shaped `YYYY-MM-DD`, whether or not they name a real day.
    /// Read on bytes: every stored day is read this way, and splitting it into strings cost 15,000 instructions.
    static func isoParts(_ text: String) -> (year: Int, month: Int, day: Int)? {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
                  let y = FixedDigits.read(bytes, at: 0, count: 4), let m = FixedDigits.read(bytes, at: 5, count: 2),
                  let d = FixedDigits.read(bytes, at: 8, count: 2) else { return nil }
            return (y, m, d)
        }
    }

    /// The local day on which `instant` falls in `zone`.
    public init(_ instant: Date, in zone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        self.year = c.year!; self.month = c.month!; self.day = c.day!
    }

    public var iso: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10)
        FixedDigits.append(year, width: 4, to: &bytes); bytes.append(UInt8(ascii: "-"))
        FixedDigits.append(month, width: 2, to: &bytes); bytes.append(UInt8(ascii: "-"))
        FixedDigits.append(day, width: 2, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
    public var description: String { iso }

    public static func < (a: LocalDate, b: LocalDate) -> Bool { a.dayNumber < b.dayNumber }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
    public static func daysIn(month: Int, year: Int) -> Int {
        [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    /// Days since 1970-01-01 (proleptic Gregorian), by Howard Hinnant's days-from-civil.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0); self.month = m; self.day = d
    }

    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    /// The same day `months` calendar months later; the 31st becomes the month's last day where it is shorter.
    public func addingMonths(_ months: Int) -> LocalDate {
        let index = year * 12 + (month - 1) + months
        let y = index / 12, m = index % 12 + 1
        return LocalDate(year: y, month: m, day: min(day, LocalDate.daysIn(month: m, year: y)))!
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Int { ((dayNumber % 7 + 7 + 3) % 7) + 1 }

    public var weekdayName: String { ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][weekday - 1] }

    /// e.g. "Sat 21 Nov 2026".
    public var longDescription: String {
        "\(weekdayName.prefix(3)) \(day) \(monthAbbreviation) \(year)"
    }

    /// "Jan" … "Dec", as dates are written on paper and in mail headers.
    public var monthAbbreviation: String {
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][month - 1]
    }
}

/// A time of day in minutes after local midnight.
public struct TimeOfDay: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let minutes: Int

    public init?(minutes: Int) {
        guard (0..<24 * 60).contains(minutes) else { return nil }
        self.minutes = minutes
    }

    /// Parses `H:MM` or `HH:MM`.
    public init?(parsing text: String) {
        let parts = Sanitise.trimmingSpaces(text).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        self.minutes = h * 60 + m
    }

    public init(_ instant: Date, in zone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.hour, .minute], from: instant)
        self.minutes = c.hour! * 60 + c.minute!
    }

    public var description: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(5)
        FixedDigits.append(minutes / 60, width: 2, to: &bytes); bytes.append(UInt8(ascii: ":"))
        FixedDigits.append(minutes % 60, width: 2, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.minutes < b.minutes }
}

/// ISO 8601 instants as stored and exchanged: UTC with a `Z`.
public enum Instant {
    /// `2026-11-21T09:30:00Z`, as ISO8601DateFormatter's internet date-time writes it (ICU rounds to the millisecond,
    /// then drops the fraction of the second); by arithmetic, because that formatter rebuilds an ICU formatter per
    /// call and dominated a booking's commit.
    public static func iso(_ date: Date) -> String {
        let (day, second) = utcDayAndSecond(date)
        var bytes = Array(day.iso.utf8)
        bytes.append(UInt8(ascii: "T"))
        appendClock(second, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The UTC day `date` falls on and its second of that day, whole seconds as the ISO formatter takes them.
    static func utcDayAndSecond(_ date: Date) -> (day: LocalDate, second: Int) {
        let milliseconds = Int((date.timeIntervalSince1970 * 1000).rounded())
        let (days, second) = floorDivide(floorDivide(milliseconds, 1000).quotient, 86_400)
        return (LocalDate(dayNumber: days), second)
    }

    /// `HH:MM:SS` for a second of the day.
    static func appendClock(_ secondOfDay: Int, to bytes: inout [UInt8]) {
        FixedDigits.append(secondOfDay / 3600, width: 2, to: &bytes); bytes.append(UInt8(ascii: ":"))
        FixedDigits.append(secondOfDay / 60 % 60, width: 2, to: &bytes); bytes.append(UInt8(ascii: ":"))
        FixedDigits.append(secondOfDay % 60, width: 2, to: &bytes)
    }

    /// Reads exactly the form `iso` writes (`YYYY-MM-DDTHH:MM:SSZ`), or nil for anything else: the stored form,
    /// read for every booking on every reload.
    public static func stored(_ text: String) -> Date? {
        let bytes = Array(text.utf8)[...]
        guard bytes.count == 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "Z"),
              let year = FixedDigits.read(bytes, at: 0, count: 4), let month = FixedDigits.read(bytes, at: 5, count: 2),
              let day = FixedDigits.read(bytes, at: 8, count: 2), let hour = FixedDigits.read(bytes, at: 11, count: 2),
              let minute = FixedDigits.read(bytes, at: 14, count: 2), let second = FixedDigits.read(bytes, at: 17, count: 2),
              let date = LocalDate(year: year, month: month, day: day), hour < 24, minute < 60, second < 60 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(date.dayNumber * 86_400 + hour * 3600 + minute * 60 + second))
    }

    private static func floorDivide(_ a: Int, _ b: Int) -> (quotient: Int, remainder: Int) {
        let remainder = (a % b + b) % b
        return ((a - remainder) / b, remainder)
    }

    /// Accepts `2026-11-21T09:30:00Z`, an offset, fractional seconds, or a local `2026-11-21T09:30` in `zone`.
    public static func parse(_ text: String, zone: TimeZone) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = stored(trimmed) { return date }
        // Only instants the stored form can hold (years 0 to 9999): the fuzzer found year -3317581 read here and
        // written back as text nothing reads.
        return formatters.withLock { $0.parse(trimmed, zone: zone) }.flatMap { stored(iso($0)) == nil ? nil : $0 }
    }

    /// Foundation's formatters cost far more to make than to use (this path made five a call, which the fuzzer
    /// ran at 340 inputs a second); made once each and used under a lock, since one is not safe on two threads.
    private static let formatters = Mutex(GeneralFormatters())
}

/// The general path's formatters: the internet forms, then local forms in each zone asked for.
private final class GeneralFormatters {
    private static let forms: [ISO8601DateFormatter.Options] = [[.withInternetDateTime],
                                                                [.withInternetDateTime, .withFractionalSeconds]]
    private let internet: [ISO8601DateFormatter] = forms.map { options in
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = options
        return formatter
    }
    private var local: [TimeZone: [DateFormatter]] = [:]

    func parse(_ text: String, zone: TimeZone) -> Date? {
        // Every form is ASCII; and Foundation's DateFormatter stops the program on some other text (a combining
        // mark after a digit, found by the fuzzer), so nothing else reaches it.
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        for formatter in internet { if let date = formatter.date(from: text) { return date } }
        let patterns = ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm"]
        let formatters = local[zone] ?? patterns.map { pattern in
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = zone
            formatter.dateFormat = pattern
            return formatter
        }
        local[zone] = formatters
        for formatter in formatters { if let date = formatter.date(from: text) { return date } }
        return nil
    }
}

extension LocalDate {
    /// The instant at `time` on this day in `zone` (only exports need this; the grid stays in local time).
    public func instant(at time: TimeOfDay, in zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: time.minutes / 60, minute: time.minutes % 60))!
    }
}

extension Instant {
    /// "Sat 21 Nov 2026 09:40" in `zone`: how notices, reports and paper name a moment.
    public static func readable(_ date: Date, zone: TimeZone) -> String {
        "\(LocalDate(date, in: zone).longDescription) \(TimeOfDay(date, in: zone))"
    }

    /// "1h 29m", "12m", "now", "3d": an elapsed time as a person says it.
    public static func elapsed(_ seconds: TimeInterval) -> String {
        let minutes = Int(abs(seconds) / 60)
        if minutes == 0 { return "now" }
        if minutes < 60 { return "\(minutes)m" }
        if minutes < 48 * 60 { return "\(minutes / 60)h \(minutes % 60)m" }
        return "\(minutes / (24 * 60))d"
    }
}
