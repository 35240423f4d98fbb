import Foundation

/// A recurring pattern of appointment slots for a practice on one weekday.
public struct SlotTemplate: Identifiable, Equatable, Codable, Sendable {
    public var id: UUID
    public var practiceID: UUID
    /// ISO weekday, 1 = Monday … 7 = Sunday.
    public var weekday: Int
    public var start: TimeOfDay
    public var end: TimeOfDay
    public var slotMinutes: Int
    public var type: String
    public var validFrom: LocalDate?
    public var validTo: LocalDate?

    public init(id: UUID = UUID(), practiceID: UUID, weekday: Int, start: TimeOfDay, end: TimeOfDay,
                slotMinutes: Int, type: String = "urgent", validFrom: LocalDate? = nil, validTo: LocalDate? = nil) {
        self.id = id; self.practiceID = practiceID; self.weekday = weekday
        self.start = start; self.end = end; self.slotMinutes = slotMinutes; self.type = type
        self.validFrom = validFrom; self.validTo = validTo
    }

    public func applies(on day: LocalDate) -> Bool {
        day.weekday == weekday && (validFrom.map { day >= $0 } ?? true) && (validTo.map { day <= $0 } ?? true)
    }

    /// The slot start times this template yields; a slot that would run past `end` is not offered.
    public var startTimes: [TimeOfDay] {
        guard slotMinutes > 0 else { return [] }
        return stride(from: start.minutes, through: end.minutes - slotMinutes, by: slotMinutes)
            .compactMap(TimeOfDay.init(minutes:))
    }
}

/// One bookable appointment slot at a practice on a local day.
public struct Slot: Identifiable, Equatable, Codable, Sendable {
    public var id: UUID
    public var practiceID: UUID
    public var day: LocalDate
    public var start: TimeOfDay
    public var minutes: Int
    public var type: String
    /// Set when the slot is taken out of use for the day (e.g. clinician off).
    public var blockedReason: String?

    public init(id: UUID = UUID(), practiceID: UUID, day: LocalDate, start: TimeOfDay, minutes: Int,
                type: String = "urgent", blockedReason: String? = nil) {
        self.id = id; self.practiceID = practiceID; self.day = day; self.start = start
        self.minutes = minutes; self.type = type; self.blockedReason = blockedReason
    }

    public var end: TimeOfDay { TimeOfDay(minutes: min(start.minutes + minutes, 24 * 60 - 1))! }

    /// The day's slots from a practice's templates, in time order, without duplicates; with `only`, just the one
    /// starting then (if any), as the full list would have it.
    public static func generate(from templates: [SlotTemplate], on day: LocalDate, only: TimeOfDay? = nil) -> [Slot] {
        var seen = Set<Int>()
        var slots: [Slot] = []
        for template in templates where template.applies(on: day) {
            let ids = StableIDs(practiceID: template.practiceID)
            for time in template.startTimes where (only == nil || only == time) && seen.insert(time.minutes).inserted {
                slots.append(Slot(id: ids.id(day: day, start: time),
                                  practiceID: template.practiceID, day: day, start: time,
                                  minutes: template.slotMinutes, type: template.type))
            }
        }
        return slots.sorted { $0.start < $1.start }
    }
}

extension Slot {
    /// The same id on every terminal for a template slot, so bookings can name it without storing it first.
    public static func stableID(practiceID: UUID, day: LocalDate, start: TimeOfDay) -> UUID {
        StableIDs(practiceID: practiceID).id(day: day, start: start)
    }
}

/// FNV-1a (two seeds) of `PRACTICE-UUID|YYYY-MM-DD|MINUTES`, made into a version-8 UUID. The practice part is hashed
/// once and its state reused for each slot: writing the UUID as text for every slot cost a share of each booking.
struct StableIDs {
    private static let prime: UInt64 = 0x100000001b3
    private let first: UInt64, second: UInt64

    init(practiceID: UUID) {
        (first, second) = Self.hash(Array("\(practiceID.uuidText)|".utf8),
                                    from: (0xcbf29ce484222325, 0x84222325cbf29ce4))
    }

    private static func hash(_ bytes: [UInt8], from seeds: (UInt64, UInt64)) -> (UInt64, UInt64) {
        var (a, b) = seeds
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* prime
            b = (b ^ UInt64(byte)) &* prime
        }
        return (a, b)
    }

    func id(day: LocalDate, start: TimeOfDay) -> UUID {
        var key = Array(day.iso.utf8)
        key.append(UInt8(ascii: "|"))
        FixedDigits.append(start.minutes, width: 1, to: &key)
        let (a, b) = Self.hash(key, from: (first, second))
        var bytes = withUnsafeBytes(of: a.bigEndian, Array.init) + withUnsafeBytes(of: b.bigEndian, Array.init)
        bytes[6] = (bytes[6] & 0x0F) | 0x80  // version 8: custom, name-based
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
