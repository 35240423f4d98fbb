import Foundation
import GRDB
import DeskCore

extension DeskStore {
    /// Books a patient into a practice's slot. An occupied slot is refused unless `overbook` is set, and then both
    /// bookings stay and the slot shows as a conflict. During an active outage the booking gets a downtime reference.
    @discardableResult
    /// `paperReference` enters a booking made on paper with a reference from the printed day sheet.
    func book(practice: Organisation, day: LocalDate, start: TimeOfDay, details: ValidBooking, overbook: Bool,
                     paperReference: String? = nil, id: UUID = UUID(), actor: Actor, at now: Date) throws -> Booking {
        try write(actor: actor, at: now) { db, changes in
            let slot = try Self.slotFor(practice: practice, day: day, start: start, overbook: overbook, ignoring: nil,
                                        db: db)
            var booking = Booking(id: id, practiceID: practice.id, slotID: slot?.id, day: day, start: start,
                                  patient: details.patient, triage: details.triage, source: details.source,
                                  notes: details.notes, createdAt: now, createdBy: actor.user,
                                  createdSite: actor.site.isEmpty ? nil : actor.site)
            // Another site's paper reference that does not fit here gives way to one of this file's own.
            let paperReference = Self.receiving == nil ? paperReference
                : try paperReference.flatMap { try Self.fitsHere($0, practice: practice, day: day, db: db) ? $0 : nil }
            if let paper = paperReference?.uppercased() {
                let prefix = DowntimeReference.prefix(code: practice.code, day: day)
                guard paper.hasPrefix(prefix), Int(paper.dropFirst(prefix.count)) != nil else {
                    throw Refusal.rule(
                        "'\(Sanitise.visible(paper))' is not one of this practice's references "
                            + "for \(day.iso) (\(prefix)N)")
                }
                if try Row.fetchOne(db, sql: "SELECT 1 FROM booking WHERE downtime_ref = ?", arguments: [paper]) != nil {
                    throw Refusal.rule("\(paper) is already used by another booking")
                }
                booking.downtimeReference = paper
            } else if try Self.activeOutage(db) != nil {
                booking.downtimeReference = try Self.nextDowntimeReference(practice: practice, day: day, db: db)
            }
            try Self.insert(booking, db: db)
            changes.append(Change(action: "booking.create", entity: "booking", entityID: booking.id,
                                  detail: [("practice", practice.name), ("day", day.iso), ("start", "\(start)"),
                                           ("source", booking.source.code), ("overbook", overbook ? "yes" : "no"),
                                           ("downtime_ref", booking.downtimeReference ?? "")]))
            return booking
        }
    }

    /// Moves a booking along its life (arrived, completed, did not attend, cancelled, entered in error).
    @discardableResult
    func setStatus(of reference: String, to status: BookingStatus, reason: String?, actor: Actor,
                   at now: Date) throws -> Booking {
        if (status == .cancelled || status == .enteredInError) && (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            let words = "a reason is required to mark a booking \(status.label)"
            throw Refusal.rule(words, commandLine: words + " (--reason)")
        }
        return try write(actor: actor, at: now) { db, changes in
            var booking = try Self.booking(matching: reference, db: db)
            guard booking.status.canMove(to: status) else {
                throw Refusal.rule("a booking that is \(booking.status.label) cannot be marked \(status.label)")
            }
            let before = booking.status
            booking.status = status
            try db.execute(sql: "UPDATE booking SET status = ?, status_reason = ? WHERE id = ?",
                           arguments: [status.rawValue, reason, booking.id.uuidText])
            changes.append(Change(action: "booking.status", entity: "booking", entityID: booking.id,
                                  detail: [("from", before.rawValue), ("to", status.rawValue), ("reason", reason ?? "")]))
            return booking
        }
    }

    /// Moves a booking to another slot, under the same rules as a new booking.
    @discardableResult
    func move(_ reference: String, to day: LocalDate, start: TimeOfDay, overbook: Bool, actor: Actor,
              at now: Date) throws -> Booking {
        try write(actor: actor, at: now) { db, changes in
            let booking = try Self.booking(matching: reference, db: db)
            return try Self.move(booking, to: day, start: start, overbook: overbook, db: db, changes: &changes)
        }
    }

    static func move(_ booking: Booking, to day: LocalDate, start: TimeOfDay, overbook: Bool, db: Database, changes: inout [Change]) throws -> Booking {
        var booking = booking
        guard booking.status == .booked else {
            throw Refusal.rule("only a booked appointment can be moved; this one is \(booking.status.label)")
        }
        guard let practice = try Row.fetchOne(db, sql: "\(Self.selectOrganisations) WHERE id = ?",
                                              arguments: [booking.practiceID.uuidText])
            .flatMap(Self.organisation) else {
            throw StoreError.notFound("practice for booking \(booking.id)")
        }
        let slot = try slotFor(practice: practice, day: day, start: start, overbook: overbook, ignoring: booking.id,
                               db: db)
        let from = "\(booking.day.iso) \(booking.start)"
        booking.day = day; booking.start = start; booking.slotID = slot?.id
        try db.execute(sql: "UPDATE booking SET day = ?, start_minute = ?, slot_id = ? WHERE id = ?",
                       arguments: [day.iso, start.minutes, slot?.id.uuidText, booking.id.uuidText])
        changes.append(Change(action: "booking.move", entity: "booking", entityID: booking.id,
                              detail: [("from", from), ("to", "\(day.iso) \(start)"), ("overbook", overbook ? "yes" : "no")]))
        return booking
    }

    /// Marks bookings as seen by someone at the practice, which ends their NEW highlight.
    @discardableResult
    func markSeen(_ ids: [UUID], actor: Actor, at now: Date) throws -> Int {
        try write(actor: actor, at: now) { db, changes in
            for id in ids {
                try db.execute(sql: "UPDATE booking SET seen_at = ? WHERE id = ? AND seen_at IS NULL",
                               arguments: [Codecs.instant(now), id.uuidText])
                if db.changesCount > 0 { changes.append(Change(action: "booking.seen", entity: "booking", entityID: id)) }
            }
            return changes.count
        }
    }

    /// Finds a booking by id, by a unique prefix of its id (8+ characters), or by its downtime reference.
    public func booking(matching reference: String) throws -> Booking {
        try pool.read { db in try Self.booking(matching: reference, db: db) }
    }

    static func booking(matching reference: String, db: Database) throws -> Booking {
        let text = reference.trimmingCharacters(in: .whitespaces)
        if text.uppercased().hasPrefix("DT-"),
           let row = try Row.fetchOne(db, sql: "SELECT \(Self.bookingColumns) FROM booking WHERE downtime_ref = ? COLLATE NOCASE", arguments: [text]),
           let booking = booking(row) { return booking }
        if text.count >= 8 {
            let rows = try Row.fetchAll(db, sql: "SELECT \(Self.bookingColumns) FROM booking WHERE id LIKE ? LIMIT 2", arguments: [text.uppercased() + "%"])
            if rows.count == 1, let booking = booking(rows[0]) { return booking }
            if rows.count > 1 {
                throw Refusal.rule("'\(Sanitise.visible(text))' matches several bookings; give more of the id")
            }
        }
        throw StoreError.notFound("booking '\(Sanitise.visible(text))' (give its id or its DT- reference)")
    }

    /// The slot a booking goes into. Made here, it is checked (`openSlot`). Made at another site while the two
    /// were apart, it is never refused: it lands where it was made, beside whatever holds the slot here (a
    /// CONFLICT a person resolves), in a blocked slot, or off the template when this file has no such slot.
    static func slotFor(practice: Organisation, day: LocalDate, start: TimeOfDay, overbook: Bool, ignoring: UUID?,
                        db: Database) throws -> Slot? {
        guard let arriving = receiving else {
            return try openSlot(practice: practice, day: day, start: start, overbook: overbook, ignoring: ignoring,
                                db: db)
        }
        let holders = try bookings(practiceID: practice.id, day: day, start: start, db: db)
            .filter { $0.status.holdsSlot && $0.id != ignoring }
        if !holders.isEmpty { arriving.landedInTakenSlot = true }
        return try slot(practiceID: practice.id, day: day, start: start, db: db)
    }

    /// Whether a paper reference from another site is one of this practice's for the day, and unused here.
    static func fitsHere(_ reference: String, practice: Organisation, day: LocalDate, db: Database) throws -> Bool {
        let paper = reference.uppercased(), prefix = DowntimeReference.prefix(code: practice.code, day: day)
        guard paper.hasPrefix(prefix), Int(paper.dropFirst(prefix.count)) != nil else { return false }
        return try Row.fetchOne(db, sql: "SELECT 1 FROM booking WHERE downtime_ref = ?", arguments: [paper]) == nil
    }

    /// The slot at `start`, checked: it exists, it is not blocked, and it is free unless overbooking.
    static func openSlot(practice: Organisation, day: LocalDate, start: TimeOfDay, overbook: Bool, ignoring: UUID?, db: Database) throws -> Slot {
        guard let slot = try slot(practiceID: practice.id, day: day, start: start, db: db) else {
            let slots = try slots(practiceID: practice.id, day: day, db: db)
            let times = slots.map(\.start.description).joined(separator: ", ")
            throw Refusal.rule("\(practice.name) has no slot at \(start) on \(day.longDescription)"
                                     + (slots.isEmpty ? " (no slots that day)" : "; its slots start at \(times)"))
        }
        if let reason = slot.blockedReason {
            throw Refusal.rule("the \(start) slot on \(day.longDescription) is blocked: \(reason)")
        }
        let holders = try bookings(practiceID: practice.id, day: day, start: start, db: db)
            .filter { $0.status.holdsSlot && $0.id != ignoring }
        if !holders.isEmpty && !overbook {
            throw Refusal.slotTaken(start: start, day: day,
                                       holders: holders.map { Sanitise.visible($0.patient.name) })
        }
        return slot
    }

    static func activeOutage(_ db: Database) throws -> Outage? {
        try db.cachedRow("SELECT * FROM outage WHERE restored_at IS NULL ORDER BY since DESC LIMIT 1").flatMap(outage)
    }

    /// The next `count` unused references for a day, to print for paper bookings.
    public func spareDowntimeReferences(practice: Organisation, day: LocalDate, count: Int) throws -> [String] {
        try pool.read { db in
            let next = try Self.nextDowntimeReference(practice: practice, day: day, db: db)
            let prefix = DowntimeReference.prefix(code: practice.code, day: day)
            let first = Int(next.dropFirst(prefix.count)) ?? 1
            return (first..<first + count).map { DowntimeReference.make(code: practice.code, day: day, number: $0) }
        }
    }

    /// The next number for the day's references: one past the highest ever issued, so none is reused.
    static func nextDowntimeReference(practice: Organisation, day: LocalDate, db: Database) throws -> String {
        let prefix = DowntimeReference.prefix(code: practice.code, day: day)
        let used = try String.fetchAll(db, sql: "SELECT downtime_ref FROM booking WHERE practice_id = ? AND downtime_ref LIKE ?",
                                       arguments: [practice.id.uuidText, prefix + "%"])
        let highest = used.compactMap { Int($0.dropFirst(prefix.count)) }.max() ?? 0
        return DowntimeReference.make(code: practice.code, day: day, number: highest + 1)
    }
}
