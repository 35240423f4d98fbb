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
        try db.cachedRows("SELECT * FROM booking WHERE practice_id = ? AND day = ? ORDER BY start_minute, created_at",
                          [practiceID.uuidString, day.iso]).compactMap(booking)
    }

    /// The bookings in one slot, in the order they were made. Left to itself, SQLite picks the practice's
    /// created_at index to save the sort and walks every booking the practice ever had (5 ms on five years).
    static func bookings(practiceID: UUID, day: LocalDate, start: TimeOfDay, db: Database) throws -> [Booking] {
        try db.cachedRows("SELECT * FROM booking INDEXED BY booking_day WHERE practice_id = ? AND day = ? AND start_minute = ? ORDER BY created_at",
                          [practiceID.uuidString, day.iso, start.minutes]).compactMap(booking)
    }

    /// The newest bookings made for a practice, newest first.
    static func incoming(practiceID: UUID, limit: Int, db: Database) throws -> [Booking] {
        try db.cachedRows("SELECT * FROM booking WHERE practice_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?",
                          [practiceID.uuidString, limit]).compactMap(booking)
    }

    static func insert(_ b: Booking, db: Database) throws {
        try db.cachedExecute("""
            INSERT INTO booking (id, practice_id, slot_id, day, start_minute, patient_name, patient_phone, patient_dob,
                nhs_number, triage, source, notes, status, downtime_ref, central_ref, created_at, created_by, seen_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [b.id.uuidString, b.practiceID.uuidString, b.slotID?.uuidString, b.day.iso, b.start.minutes,
                             b.patient.name, b.patient.phone.digits, b.patient.dateOfBirth?.iso, b.patient.nhsNumber?.digits,
                             b.triage.rawValue, b.source.code, b.notes, b.status.rawValue, b.downtimeReference,
                             b.centralReference, Codecs.instant(b.createdAt), b.createdBy, b.seenAt.map(Codecs.instant)])
    }

    /// A row that no longer decodes (edited by hand, say) is skipped rather than crashing the desk.
    static func booking(_ row: Row) -> Booking? {
        guard let id = Codecs.uuid(row["id"]), let practiceID = Codecs.uuid(row["practice_id"]),
              let day = LocalDate(iso: row["day"]), let start = TimeOfDay(minutes: row["start_minute"]),
              let phone = try? PhoneNumber(parsing: row["patient_phone"]),
              let createdAt = Codecs.instant(row["created_at"] as String?) else { return nil }
        let patient = Patient(name: row["patient_name"], phone: phone,
                              dateOfBirth: (row["patient_dob"] as String?).flatMap(LocalDate.init(iso:)),
                              nhsNumber: (row["nhs_number"] as String?).flatMap { try? NHSNumber(parsing: $0) })
        return Booking(id: id, practiceID: practiceID, slotID: Codecs.uuid(row["slot_id"]), day: day, start: start,
                       patient: patient, triage: Triage(rawValue: row["triage"]) ?? .urgent,
                       source: BookingSource(code: row["source"]) ?? .phone, notes: row["notes"],
                       status: BookingStatus(rawValue: row["status"]) ?? .booked, downtimeReference: row["downtime_ref"],
                       centralReference: row["central_ref"], createdAt: createdAt, createdBy: row["created_by"],
                       seenAt: Codecs.instant(row["seen_at"] as String?))
    }
}
