import Foundation
import GRDB
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
                practices[practice.id.uuidString] = practice
            }
            for item in bookings {
                if try db.cachedRow("SELECT 1 FROM booking WHERE central_ref = ?", [item.centralReference]) != nil {
                    summary.unchanged += 1
                    continue
                }
                guard let practice = practices[item.practiceName.lowercased()] ?? practices[item.practiceName] else {
                    throw Refusal.rule(
                        "\(item.place): no practice named '\(Sanitise.visible(item.practiceName))'; "
                            + "nothing was imported")
                }
                let slot: Slot
                do { slot = try Self.openSlot(practice: practice, day: item.day, start: item.start, overbook: true, ignoring: nil, db: db) }
                catch { throw Refusal.rule("\(item.place): \(error); nothing was imported") }
                let occupied = try Self.bookings(practiceID: practice.id, day: item.day, start: item.start, db: db)
                    .contains { $0.status.holdsSlot }
                let booking = Booking(practiceID: practice.id, slotID: slot.id, day: item.day, start: item.start, patient: item.details.patient,
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
}
