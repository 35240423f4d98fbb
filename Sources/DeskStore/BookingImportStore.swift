import Foundation
import GRDB
import Crypto
import DeskCore

extension DeskStore {
    /// Saves central bookings in one transaction, or none if any is wrong. A booking whose central reference is
    /// already here is left alone; one that lands on an occupied slot is added as a visible conflict, never an overwrite.
    func importBookings(_ bookings: [ImportedBooking], actor: Actor, at now: Date) throws -> BookingImportSummary {
        try write(actor: actor, at: now) { db, changes in
            var summary = BookingImportSummary()
            var practices: [String: Organisation] = [:]
            for practice in try Self.organisations(db) where practice.kind == .practice {
                practices[practice.name.lowercased()] = practice
                practices[practice.id.uuidText] = practice
            }
            let templates = ImportSlots()
            // The references already here, and each one as it is saved (a file may list an appointment twice).
            var here = try Self.centralReferencesHere(bookings.map(\.centralReference), db: db)
            for (index, item) in bookings.enumerated() {
                ProgressReport.step("Saving bookings", index + 1, of: bookings.count, every: 512)
                guard here.insert(item.centralReference).inserted else {
                    summary.unchanged += 1
                    continue
                }
                guard let practice = practices[item.practiceName.lowercased()] ?? practices[item.practiceName] else {
                    throw Refusal.rule(
                        "\(item.place): no practice named '\(Sanitise.visible(item.practiceName))'; "
                            + "nothing was imported")
                }
                let occupied = try Self.slotHeld(practiceID: practice.id, day: item.day, start: item.start, db: db)
                let slot: Slot?
                do {
                    slot = try templates.slot(practice: practice, day: item.day, start: item.start, db: db)
                } catch { throw Refusal.rule("\(item.place): \(error); nothing was imported") }
                let booking = Booking(id: Self.importedBookingID(item.centralReference), practiceID: practice.id,
                                      slotID: slot?.id, day: item.day, start: item.start, patient: item.details.patient,
                                      triage: item.details.triage, source: .central, notes: item.details.notes, status: item.status,
                                      centralReference: item.centralReference, createdAt: now, createdBy: actor.user)
                try Self.insert(booking, db: db)
                if occupied && item.status.holdsSlot { summary.conflicts.append("\(practice.name) \(item.day.iso) \(item.start)") }
                summary.added += 1
                changes.append(Change(action: "booking.import", entity: "booking", entityID: booking.id,
                                      detail: [("central_ref", item.centralReference), ("day", item.day.iso), ("start", "\(item.start)"),
                                               ("conflict", occupied ? "yes" : "no")]))
            }
            return summary
        }
    }

    /// Which of `references` bookings here already carry, asked a few hundred at a time rather than one by one.
    static func centralReferencesHere(_ references: [String], db: Database) throws -> Set<String> {
        var here = Set<String>()
        for part in InList.batches(references) {
            here.formUnion(try String.fetchAll(db, sql: """
                SELECT central_ref FROM booking WHERE central_ref IN (\(InList.marks(part.count)))
                """, arguments: StatementArguments(Array(part))))
        }
        return here
    }

    /// An imported booking's id follows from its central reference, so every site that imports it (or receives
    /// the import) gives it the same id, and a change made to it at one site finds it at another.
    static func importedBookingID(_ centralReference: String) -> UUID {
        var bytes = Array(SHA256.hash(data: Array("central-booking:\(centralReference)".utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50   // a name-based UUID (version 5 layout, SHA-256 here)
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}

/// The slot an imported booking lands on, as `slotFor` finds it with overbooking allowed, with each practice's
/// weekday templates (a fifth of an import was re-reading them) and each day's added or blocked slots read once per
/// import rather than once per booking. An import adds bookings, never slots, so what is read stays true.
final class ImportSlots {
    private var kept: [String: [SlotTemplate]] = [:]
    /// A practice's day: its slot rows by start minute (nil where a row does not read as a slot).
    private var days: [String: [Int: Slot?]] = [:]

    /// The slot `DeskStore.slot(practiceID:day:start:db:)` finds: the day's own row at `start`, or the templates'.
    func slot(practiceID: UUID, day: LocalDate, start: TimeOfDay, db: Database) throws -> Slot? {
        let key = "\(practiceID.uuidText)|\(day.iso)"
        if days[key] == nil {
            var rows: [Int: Slot?] = [:]
            for row in try db.cachedRows("SELECT * FROM slot WHERE practice_id = ? AND day = ?",
                                         [practiceID.uuidText, day.iso]) {
                guard let minute = row["start_minute"] as Int? else { continue }
                rows[minute] = DeskStore.daySlot(row, practiceID: practiceID, day: day)
            }
            days[key] = rows
        }
        if let row = days[key]?[start.minutes] { return row }
        return Slot.generate(from: try templates(practiceID: practiceID, weekday: day.weekday, db: db), on: day,
                             only: start).first
    }

    func templates(practiceID: UUID, weekday: Int, db: Database) throws -> [SlotTemplate] {
        let key = "\(practiceID.uuidText)|\(weekday)"
        if let templates = kept[key] { return templates }
        let templates = try DeskStore.templates(practiceID: practiceID, weekday: weekday, db: db)
        kept[key] = templates
        return templates
    }

    func slot(practice: Organisation, day: LocalDate, start: TimeOfDay, db: Database) throws -> Slot? {
        // Another site's import arriving through the hub keeps the general path (it records where bookings landed).
        guard DeskStore.receiving == nil else {
            return try DeskStore.slotFor(practice: practice, day: day, start: start, overbook: true, ignoring: nil,
                                         db: db)
        }
        let found = try slot(practiceID: practice.id, day: day, start: start, db: db)
        // No slot there, or a blocked one: the general path says why, in its words.
        guard let slot = found, slot.blockedReason == nil else {
            return try DeskStore.openSlot(practice: practice, day: day, start: start, overbook: true, ignoring: nil,
                                          db: db)
        }
        return slot
    }
}
