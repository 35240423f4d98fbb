import Foundation
import GRDB
import DeskCore

extension DeskStore {
    public func saveTemplates(_ templates: [SlotTemplate], actor: Actor, at now: Date) throws {
        try write(actor: actor, at: now) { db, changes in
            for template in templates {
                try Self.insert(template, db: db)
                changes.append(Change(action: "slot-template.create", entity: "slot_template", entityID: template.id,
                                      detail: [("weekday", "\(template.weekday)"), ("start", "\(template.start)"),
                                               ("end", "\(template.end)")]))
            }
        }
    }

    /// Makes each named practice's templates exactly `templates`; unchanged patterns are left alone, so importing
    /// the same file twice changes nothing. Returns how many were added and removed.
    ///
    /// A pattern that would leave a booking (anything not cancelled or entered in error) on no slot of its day is
    /// refused whole, naming each such booking, unless `keepOffTemplate`: then the bookings stay and every view shows
    /// them on OFF-TEMPLATE rows for a person to move. `offTemplate` names them either way.
    @discardableResult
    func replaceTemplates(for practices: Set<UUID>, with templates: [SlotTemplate],
                                 keepOffTemplate: Bool = false,
                                 actor: Actor, at now: Date) throws -> (added: Int, removed: Int,
                                                                        offTemplate: [String]) {
        try write(actor: actor, at: now) { db, changes in
            var added = 0, removed = 0
            for practiceID in practices {
                let existing = try Row.fetchAll(db, sql: "SELECT \(Self.templateColumns) FROM slot_template WHERE practice_id = ?",
                                                arguments: [practiceID.uuidText]).compactMap(Self.template)
                let wanted = templates.filter { $0.practiceID == practiceID }
                for old in existing where !wanted.contains(where: { SlotTemplateImport.samePattern($0, old) }) {
                    try db.execute(sql: "DELETE FROM slot_template WHERE id = ?", arguments: [old.id.uuidText])
                    changes.append(Change(action: "slot-template.delete", entity: "slot_template", entityID: old.id,
                                          detail: [("weekday", "\(old.weekday)"), ("start", "\(old.start)"), ("end", "\(old.end)")]))
                    removed += 1
                }
                for new in wanted where !existing.contains(where: { SlotTemplateImport.samePattern($0, new) }) {
                    try Self.insert(new, db: db)
                    changes.append(Change(action: "slot-template.create", entity: "slot_template", entityID: new.id,
                                          detail: [("weekday", "\(new.weekday)"), ("start", "\(new.start)"), ("end", "\(new.end)")]))
                    added += 1
                }
            }
            let stranded = try practices.sorted { $0.uuidText < $1.uuidText }.flatMap {
                try Self.offTemplateBookings(practiceID: $0, db: db)
            }
            let named = try Self.describe(stranded, db: db)
            if !stranded.isEmpty && !keepOffTemplate {
                throw Refusal.rule("the new pattern leaves \(stranded.count) "
                    + "booking\(stranded.count == 1 ? "" : "s") on no slot of "
                    + "\(stranded.count == 1 ? "its" : "their") day: \(named.joined(separator: "; ")). Move or cancel "
                    + "\(stranded.count == 1 ? "it" : "them") first, or import with --keep-off-template to keep "
                    + "\(stranded.count == 1 ? "it" : "them") on rows marked OFF-TEMPLATE; nothing was changed")
            }
            for booking in stranded {
                changes.append(Change(action: "booking.off-template", entity: "booking", entityID: booking.id,
                                      detail: [("day", booking.day.iso), ("start", "\(booking.start)")]))
            }
            return (added, removed, named)
        }
    }

    /// A practice's bookings (not cancelled or mistaken) whose time is no slot of their day, on any day.
    static func offTemplateBookings(practiceID: UUID, db: Database) throws -> [Booking] {
        let days = try String.fetchAll(db, sql: """
            SELECT DISTINCT day FROM booking WHERE practice_id = ? AND status NOT IN ('cancelled', 'error') ORDER BY day
            """, arguments: [practiceID.uuidText]).compactMap(LocalDate.init(iso:))
        // The same rule every view uses to give such bookings their OFF-TEMPLATE rows.
        return try days.flatMap { day -> [Booking] in
            SlotRow.day(slots: try slots(practiceID: practiceID, day: day, db: db),
                        bookings: try bookings(practiceID: practiceID, day: day, db: db))
                .filter { $0.status == .offTemplate }.flatMap(\.bookings)
        }
    }

    /// "Kestrel Dental Practice Tue 24 Nov 2026 10:30 Ann Example", for refusals and warnings.
    static func describe(_ bookings: [Booking], db: Database) throws -> [String] {
        let names = Dictionary(try organisations(db).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        return bookings.map {
            "\(names[$0.practiceID] ?? "?") \($0.day.longDescription) \($0.start) \(Sanitise.visible($0.patient.name))"
        }
    }

    /// Adds an extra slot for one day, or blocks (or unblocks) one, with a reason.
    func setDaySlot(practice: Organisation, day: LocalDate, start: TimeOfDay, minutes: Int?, blockedReason: String?,
                           actor: Actor, at now: Date) throws {
        try write(actor: actor, at: now) { db, changes in
            let current = try Self.slots(practiceID: practice.id, day: day, db: db).first { $0.start == start }
            if let reason = blockedReason {
                guard let slot = current else {
                    throw Refusal.rule("\(practice.name) has no slot at \(start) on \(day.longDescription) to block")
                }
                let holders = try Self.bookings(practiceID: practice.id, day: day, db: db)
                    .filter { $0.start == start && $0.status.isVisibleOffTemplate }
                if !holders.isEmpty {
                    throw Refusal.rule("the \(start) slot is booked; move or cancel the booking before blocking it")
                }
                try Self.upsertDaySlot(Slot(id: slot.id, practiceID: practice.id, day: day, start: start, minutes: slot.minutes,
                                            type: slot.type, blockedReason: reason), db: db)
                changes.append(Change(action: "slot.block", entity: "slot", entityID: slot.id, detail: [("day", day.iso), ("start", "\(start)"), ("reason", reason)]))
            } else if let minutes {
                if current != nil {
                    throw Refusal.rule("there is already a slot at \(start) on \(day.longDescription)")
                }
                let slot = Slot(id: Slot.stableID(practiceID: practice.id, day: day, start: start), practiceID: practice.id, day: day,
                                start: start, minutes: minutes)
                try Self.upsertDaySlot(slot, db: db)
                changes.append(Change(action: "slot.add", entity: "slot", entityID: slot.id, detail: [("day", day.iso), ("start", "\(start)")]))
            } else {
                guard let slot = current, slot.blockedReason != nil else {
                    throw Refusal.rule("the \(start) slot is not blocked")
                }
                try db.execute(sql: "UPDATE slot SET blocked_reason = NULL WHERE practice_id = ? AND day = ? AND start_minute = ?",
                               arguments: [practice.id.uuidText, day.iso, start.minutes])
                changes.append(Change(action: "slot.unblock", entity: "slot", entityID: slot.id, detail: [("day", day.iso), ("start", "\(start)")]))
            }
        }
    }

    static func upsertDaySlot(_ slot: Slot, db: Database) throws {
        try db.execute(sql: """
            INSERT INTO slot (id, practice_id, day, start_minute, minutes, type, blocked_reason) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(practice_id, day, start_minute) DO UPDATE SET blocked_reason = excluded.blocked_reason
            """, arguments: [slot.id.uuidText, slot.practiceID.uuidText, slot.day.iso, slot.start.minutes, slot.minutes,
                             slot.type, slot.blockedReason])
    }

    static func insert(_ template: SlotTemplate, db: Database) throws {
        try db.execute(sql: """
            INSERT INTO slot_template (id, practice_id, weekday, start_minute, end_minute, slot_minutes, type, valid_from, valid_to)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [template.id.uuidText, template.practiceID.uuidText, template.weekday,
                             template.start.minutes, template.end.minutes, template.slotMinutes, template.type,
                             template.validFrom?.iso, template.validTo?.iso])
    }

    /// A day's slots for one practice: generated from its templates, with that day's extra or blocked slots laid over.
    public func slots(practiceID: UUID, day: LocalDate) throws -> [Slot] {
        try pool.read { db in try Self.slots(practiceID: practiceID, day: day, db: db) }
    }

    static func slots(practiceID: UUID, day: LocalDate, db: Database) throws -> [Slot] {
        let templates = try templates(practiceID: practiceID, weekday: day.weekday, db: db)
        var byStart = Dictionary(Slot.generate(from: templates, on: day).map { ($0.start, $0) }, uniquingKeysWith: { a, _ in a })
        for row in try db.cachedRows("SELECT * FROM slot WHERE practice_id = ? AND day = ?",
                                     [practiceID.uuidText, day.iso]) {
            guard let slot = daySlot(row, practiceID: practiceID, day: day) else { continue }
            byStart[slot.start] = slot
        }
        return byStart.values.sorted { $0.start < $1.start }
    }

    /// The one slot starting at `start`, exactly as `slots` would list it, without making the rest of the day.
    static func slot(practiceID: UUID, day: LocalDate, start: TimeOfDay, db: Database) throws -> Slot? {
        if let row = try db.cachedRow("SELECT * FROM slot WHERE practice_id = ? AND day = ? AND start_minute = ?",
                                      [practiceID.uuidText, day.iso, start.minutes]) {
            return daySlot(row, practiceID: practiceID, day: day)
        }
        return Slot.generate(from: try templates(practiceID: practiceID, weekday: day.weekday, db: db), on: day,
                             only: start).first
    }

    /// A slot added or blocked for one day.
    static func daySlot(_ row: Row, practiceID: UUID, day: LocalDate) -> Slot? {
        guard let start = TimeOfDay(minutes: row["start_minute"]), let id = Codecs.uuid(row["id"]) else { return nil }
        return Slot(id: id, practiceID: practiceID, day: day, start: start, minutes: row["minutes"], type: row["type"],
                    blockedReason: row["blocked_reason"])
    }

    static func templates(practiceID: UUID, weekday: Int, db: Database) throws -> [SlotTemplate] {
        try db.cachedRows("SELECT \(templateColumns) FROM slot_template WHERE practice_id = ? AND weekday = ?",
                          [practiceID.uuidText, weekday]).compactMap(template)
    }

    /// The columns `template(_:)` reads, by position (every booking reads its weekday's templates; finding columns by
    /// name lower-cased each name on every row).
    static let templateColumns = "id, practice_id, weekday, start_minute, end_minute, slot_minutes, type, valid_from, valid_to"

    static func template(_ row: Row) -> SlotTemplate? {
        guard let start = TimeOfDay(minutes: row[3]), let end = TimeOfDay(minutes: row[4]),
              let id = Codecs.uuid(row[0]), let practiceID = Codecs.uuid(row[1]) else { return nil }
        return SlotTemplate(id: id, practiceID: practiceID, weekday: row[2], start: start, end: end, slotMinutes: row[5], type: row[6],
                            validFrom: (row[7] as String?).flatMap(LocalDate.init(iso:)),
                            validTo: (row[8] as String?).flatMap(LocalDate.init(iso:)))
    }
}

extension DeskStore {
    /// Each booking's slot length, from its day's slots (templates and extras), for exports that need an end time.
    public func slotLengths(for bookings: [Booking]) throws -> [UUID: Int] {
        try pool.read { db in
            var lengths: [UUID: Int] = [:]
            var cache: [String: [Slot]] = [:]
            for b in bookings {
                let key = "\(b.practiceID)|\(b.day.iso)"
                let slots = try cache[key] ?? Self.slots(practiceID: b.practiceID, day: b.day, db: db)
                cache[key] = slots
                lengths[b.id] = slots.first { $0.start == b.start }?.minutes ?? 30
            }
            return lengths
        }
    }
}
