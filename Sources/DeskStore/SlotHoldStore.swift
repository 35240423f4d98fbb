import Foundation
import GRDB
import DeskCore

/// Which slots bookings hold, without their patients: made beside each change to bookings that travels to the hub
/// (so sites outside a booking's audience still count a practice's free slots), and kept where it arrives.
extension DeskStore {
    /// Keeps the slots other sites' bookings hold. A booking this file has itself (its practice, its maker) is
    /// read from the booking, never from here.
    func holdSlots(_ holds: [DeskOperation.HoldSlots.Hold], actor: Actor, at now: Date) throws -> Int {
        try write(actor: actor, at: now) { db, _ in
            var kept = 0
            for hold in holds {
                if try db.cachedRow("SELECT 1 FROM booking WHERE id = ?", [hold.bookingID.uuidText]) != nil {
                    continue
                }
                try db.cachedExecute("""
                    INSERT INTO booking_elsewhere (booking_id, practice_id, day, start_minute, status)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(booking_id) DO UPDATE SET practice_id = excluded.practice_id, day = excluded.day,
                        start_minute = excluded.start_minute, status = excluded.status
                    """, [hold.bookingID.uuidText, hold.practiceID.uuidText, hold.day.iso, hold.start.minutes,
                          hold.status.rawValue])
                kept += 1
            }
            // Not journaled: these are counts another site's chain proves, not a record of care, and a week of them
            // would double the journal. The pull's cursor moves with them all the same.
            return kept
        }
    }

    /// The start times of a practice's day held by bookings this file knows only as held slots.
    static func heldElsewhere(practiceID: UUID, day: LocalDate, db: Database) throws -> Set<Int> {
        let statuses = statusList(\.holdsSlot)
        return Set(try Int.fetchAll(db.cachedStatement(sql: """
            SELECT start_minute FROM booking_elsewhere WHERE practice_id = ? AND day = ? AND status IN (\(statuses))
            AND booking_id NOT IN (SELECT id FROM booking)
            """), arguments: [practiceID.uuidText, day.iso]))
    }

    /// A practice's day's bookings this file knows only as held slots, for the grid: taken, never named.
    static func heldElsewhereBookings(practiceID: UUID, day: LocalDate, db: Database) throws -> [Booking] {
        let placeholder = try PhoneNumber(parsing: "01632960000")
        return try Row.fetchAll(db.cachedStatement(sql: """
            SELECT booking_id, start_minute, status FROM booking_elsewhere WHERE practice_id = ? AND day = ?
            AND booking_id NOT IN (SELECT id FROM booking)
            """), arguments: [practiceID.uuidText, day.iso]).compactMap { row in
            guard let id = Codecs.uuid(row["booking_id"]),
                  let start = TimeOfDay(minutes: row["start_minute"] as Int? ?? -1),
                  let status = BookingStatus(rawValue: row["status"] as String? ?? "") else { return nil }
            return Booking.held(id: id, practiceID: practiceID, day: day, start: start, status: status,
                                placeholderPhone: placeholder)
        }
    }

    /// The slots held, after `record`'s change, by the bookings it changed: linked next in the outgoing chain, with
    /// no audience. Nil for an operation that changes no booking.
    static func holds(after record: OperationRecord, db: Database) throws -> OperationRecord? {
        var ids: [UUID] = []
        switch record.operation {
        case .book(let op): ids = [op.bookingID]
        case .changeStatus(let op): ids = [op.bookingID]
        case .move(let op): ids = [op.bookingID]
        case .importBookings(let op): ids = op.bookings.map { importedBookingID($0.centralReference) }
        case .logRecontactCall(let op):
            ids = try String.fetchAll(db, sql: "SELECT booking_id FROM recontact_item WHERE id = ?",
                                      arguments: [op.itemID.uuidText]).compactMap(UUID.init(uuidString:))
        default: return nil
        }
        let holds = try Self.holds(of: ids, db: db)
        guard !holds.isEmpty else { return nil }
        return OperationRecord(at: record.at, actor: record.actor, operation: .holdSlots(.init(holds: holds)))
    }

    /// The slots the bookings `ids` hold, in the order of `ids`; a booking not here (or not readable) is left out.
    /// Read a few hundred at a time: an import's hundred thousand, one query each, were a tenth of the import.
    static func holds(of ids: [UUID], db: Database) throws -> [DeskOperation.HoldSlots.Hold] {
        var found: [UUID: DeskOperation.HoldSlots.Hold] = [:]
        found.reserveCapacity(ids.count)
        for part in InList.batches(ids) {
            let sql = "SELECT id, practice_id, day, start_minute, status FROM booking WHERE id IN ("
                + InList.marks(part.count) + ")"
            // Kept for the sizes that recur (one booking, a full batch), not for every import's last batch.
            let statement = part.count == 1 || part.count == InList.size ? try db.cachedStatement(sql: sql)
                : try db.makeStatement(sql: sql)
            let rows = try Row.fetchCursor(statement, arguments: StatementArguments(part.map(\.uuidText)))
            while let row = try rows.next() {
                guard let id = Codecs.uuid(row[0]), let practice = Codecs.uuid(row[1]),
                      let day = LocalDate(iso: row[2] as String? ?? ""),
                      let start = TimeOfDay(minutes: row[3] as Int? ?? -1),
                      let status = BookingStatus(rawValue: row[4] as String? ?? "") else { continue }
                found[id] = .init(bookingID: id, practiceID: practice, day: day, start: start, status: status)
            }
        }
        return ids.compactMap { found[$0] }
    }
}
