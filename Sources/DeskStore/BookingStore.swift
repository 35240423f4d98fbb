import Foundation
import GRDB
import DeskCore

extension DeskStore {
    /// Saves a new booking durably and journals it.
    public func insertBooking(_ booking: Booking, actor: Actor, at now: Date) throws {
        try write(actor: actor, at: now) { db, changes in
            try Self.insert(booking, db: db)
            changes.append(Change(action: "booking.create", entity: "booking", entityID: booking.id,
                                  detail: [("day", booking.day.iso), ("start", "\(booking.start)"),
                                           ("source", booking.source.code), ("status", booking.status.rawValue)]))
        }
    }

    /// One practice's bookings on one day, in slot order then the order they were made.
    public func bookings(practiceID: UUID, day: LocalDate) throws -> [Booking] {
        try pool.read { db in try Self.bookings(practiceID: practiceID, day: day, db: db) }
    }

    static func bookings(practiceID: UUID, day: LocalDate, db: Database) throws -> [Booking] {
        try db.cachedRows("SELECT \(Self.bookingColumns) FROM booking WHERE practice_id = ? AND day = ? ORDER BY start_minute, created_at",
                          [practiceID.uuidText, day.iso]).compactMap(booking)
    }

    /// The bookings in one slot, in the order they were made. Left to itself, SQLite picks the practice's
    /// created_at index to save the sort and walks every booking the practice ever had (5 ms on five years).
    static func bookings(practiceID: UUID, day: LocalDate, start: TimeOfDay, db: Database) throws -> [Booking] {
        try db.cachedRows("SELECT \(Self.bookingColumns) FROM booking INDEXED BY booking_day WHERE practice_id = ? AND day = ? AND start_minute = ? ORDER BY created_at",
                          [practiceID.uuidText, day.iso, start.minutes]).compactMap(booking)
    }

    /// Whether a booking here holds the slot at `start`: what an import asks of every row, without reading the
    /// bookings whole. A status this version does not know holds the slot, as `booking(_:)` reads it as booked.
    static func slotHeld(practiceID: UUID, day: LocalDate, start: TimeOfDay, db: Database) throws -> Bool {
        try db.cachedRow(slotHeldQuery, [practiceID.uuidText, day.iso, start.minutes]) != nil
    }

    private static let slotHeldQuery = """
        SELECT 1 FROM booking INDEXED BY booking_day WHERE practice_id = ? AND day = ? AND start_minute = ?
        AND status NOT IN (\(statusList { !$0.holdsSlot })) LIMIT 1
        """

    /// The statuses `included` picks, quoted for an SQL `IN (…)`.
    static func statusList(_ included: (BookingStatus) -> Bool) -> String {
        BookingStatus.allCases.filter(included).map { "'\($0.rawValue)'" }.joined(separator: ", ")
    }

    /// The newest bookings made for a practice, newest first.
    static func incoming(practiceID: UUID, limit: Int, db: Database) throws -> [Booking] {
        try db.cachedRows("SELECT \(Self.bookingColumns) FROM booking WHERE practice_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?",
                          [practiceID.uuidText, limit]).compactMap(booking)
    }

    /// The latest bookings at every practice, for terminals that watch the whole network.
    static func incomingEverywhere(limit: Int, db: Database) throws -> [Booking] {
        try db.cachedRows("SELECT \(Self.bookingColumns) FROM booking ORDER BY created_at DESC, rowid DESC LIMIT ?",
                          [limit]).compactMap(booking)
    }

    static func insert(_ b: Booking, db: Database) throws {
        try db.cachedExecute("""
            INSERT INTO booking (id, practice_id, slot_id, day, start_minute, patient_name, patient_phone, patient_dob,
                nhs_number, triage, source, notes, status, downtime_ref, central_ref, created_at, created_by, seen_at,
                created_site)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [b.id.uuidText, b.practiceID.uuidText, b.slotID?.uuidText, b.day.iso, b.start.minutes,
                             b.patient.name, b.patient.phone.digits, b.patient.dateOfBirth?.iso, b.patient.nhsNumber?.digits,
                             b.triage.rawValue, b.source.code, b.notes, b.status.rawValue, b.downtimeReference,
                             b.centralReference, Codecs.instant(b.createdAt), b.createdBy, b.seenAt.map(Codecs.instant),
                             b.createdSite])
    }

    /// The columns `booking(_:)` reads, by position: the grid, the rules and every list read bookings, and finding
    /// each column by name lower-cased the name on every row.
    static let bookingColumns = """
        id, practice_id, slot_id, day, start_minute, patient_name, patient_phone, patient_dob, nhs_number, triage, source, \
        notes, status, downtime_ref, central_ref, created_at, created_by, seen_at, created_site
        """

    /// The same columns from a table named `alias` in a join; any other columns go after them.
    static func bookingColumns(of alias: String) -> String {
        bookingColumns.split(separator: ",").map { "\(alias).\($0.trimmingCharacters(in: .whitespaces))" }.joined(separator: ", ")
    }

    /// A row that no longer decodes (edited by hand, say) is skipped rather than crashing the desk.
    static func booking(_ row: Row) -> Booking? {
        guard let id = Codecs.uuid(row[0]), let practiceID = Codecs.uuid(row[1]),
              let day = LocalDate(iso: row[3]), let start = TimeOfDay(minutes: row[4]),
              let phone = PhoneNumber(stored: row[6]),
              let createdAt = Codecs.instant(row[15] as String?) else { return UnreadableRows.skip("booking", row) }
        let patient = Patient(name: row[5], phone: phone,
                              dateOfBirth: (row[7] as String?).flatMap(LocalDate.init(iso:)),
                              nhsNumber: (row[8] as String?).flatMap { try? NHSNumber(parsing: $0) })
        return Booking(id: id, practiceID: practiceID, slotID: Codecs.uuid(row[2]), day: day, start: start,
                       patient: patient, triage: Triage(rawValue: row[9]) ?? .urgent,
                       source: BookingSource(code: row[10]) ?? .phone, notes: row[11],
                       status: BookingStatus(rawValue: row[12]) ?? .booked, downtimeReference: row[13],
                       centralReference: row[14], createdAt: createdAt, createdBy: row[16],
                       seenAt: Codecs.instant(row[17] as String?), createdSite: row[18])
    }
}
