import Foundation
import GRDB
import DeskCore

extension DeskStore {
    /// Makes a recontact list from the practice's booked appointments between `from` and `to` (inclusive):
    /// each patient to phone, in slot order. A practice makes its own; the host and commissioners may make any.
    @discardableResult
    func createRecontactList(practiceID: UUID, from: LocalDate, to: LocalDate, reason: String, actor: Actor,
                             at now: Date) throws -> RecontactList {
        let reason = reason.trimmingCharacters(in: .whitespaces)
        guard !reason.isEmpty, reason.count <= 200, !Sanitise.containsControl(reason) else {
            throw Refusal.rule("say why the patients are to be recontacted, 1 to 200 printable "
                                                + "characters",
                                             commandLine: "say why the patients are to be recontacted (--reason), 1 to "
                                                + "200 printable characters")
        }
        guard from <= to else { throw Refusal.rule("the range is backwards: \(from.iso) is after \(to.iso)") }
        guard to.dayNumber - from.dayNumber <= 31 else {
            throw Refusal.rule("a recontact list covers at most 31 days at a time")
        }
        let id = try write(actor: actor, at: now) { db, changes -> UUID in
            guard let practice = try Row.fetchOne(db, sql: "\(Self.selectOrganisations) WHERE id = ?",
                                                  arguments: [practiceID.uuidText]).flatMap(Self.organisation),
                  practice.kind == .practice else { throw StoreError.notFound("practice") }
            let bookings = try Row.fetchAll(db, sql: """
                SELECT \(Self.bookingColumns) FROM booking WHERE practice_id = ? AND day BETWEEN ? AND ? AND status = 'booked' ORDER BY day, start_minute
                """, arguments: [practiceID.uuidText, from.iso, to.iso]).compactMap(Self.booking)
            guard !bookings.isEmpty else {
                throw Refusal.rule("\(practice.name) has no booked appointments from \(from.iso) to \(to.iso)")
            }
            let id = UUID()
            try db.execute(sql: "INSERT INTO recontact_list (id, practice_id, from_day, to_day, reason, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           arguments: [id.uuidText, practiceID.uuidText, from.iso, to.iso, reason,
                                       Codecs.instant(now), actor.user])
            for (position, booking) in bookings.enumerated() {
                try db.execute(sql: """
                    INSERT INTO recontact_item (id, list_id, booking_id, position, original_day, original_start) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [UUID().uuidText, id.uuidText, booking.id.uuidText, position, booking.day.iso,
                                     booking.start.minutes])
            }
            changes.append(Change(action: "recontact.create", entity: "recontact_list", entityID: id,
                                  detail: [("practice", practice.name), ("from", from.iso), ("to", to.iso), ("patients", "\(bookings.count)"), ("reason", reason)]))
            return id
        }
        return try pool.read { db in
            guard let list = try Self.recontactLists(practiceID: practiceID, listID: id, db: db).first else { throw StoreError.notFound("recontact list \(id)") }
            return list
        }
    }

    public func recontactLists(practiceID: UUID?) throws -> [RecontactList] {
        try pool.read { db in try Self.recontactLists(practiceID: practiceID, db: db) }
    }

    /// Newest list first (or only `listID`); each item carries its booking as it stands now.
    static func recontactLists(practiceID: UUID?, listID: UUID? = nil, db: Database) throws -> [RecontactList] {
        let lists = try Row.fetchAll(db, sql: """
            SELECT l.*, o.name AS practice_name FROM recontact_list l JOIN organisation o ON o.id = l.practice_id
            WHERE (? IS NULL OR l.practice_id = ?) AND (? IS NULL OR l.id = ?) ORDER BY l.created_at DESC, l.rowid DESC
            """, arguments: [practiceID?.uuidText, practiceID?.uuidText, listID?.uuidText, listID?.uuidText])
        return try lists.compactMap { row -> RecontactList? in
            let listID: String = row["id"]
            let calls = Dictionary(grouping: try Row.fetchAll(db, sql: """
                SELECT c.* FROM recontact_call c JOIN recontact_item i ON i.id = c.item_id WHERE i.list_id = ? ORDER BY c.at, c.rowid
                """, arguments: [listID]).compactMap(Self.recontactCall), by: \.itemID)
            let items = try Row.fetchAll(db, sql: """
                SELECT \(Self.bookingColumns(of: "b")), i.id AS item_id, i.original_day, i.original_start
                FROM recontact_item i JOIN booking b ON b.id = i.booking_id
                WHERE i.list_id = ? ORDER BY i.position
                """, arguments: [listID]).compactMap { item -> RecontactItem? in
                guard let booking = Self.booking(item), let id = Codecs.uuid(item["item_id"]), let day = LocalDate(iso: item["original_day"]),
                      let start = TimeOfDay(minutes: item["original_start"]) else { return nil }
                return RecontactItem(id: id, booking: booking, originalDay: day, originalStart: start, calls: calls[id] ?? [])
            }
            guard let id = Codecs.uuid(row["id"]), let practiceID = Codecs.uuid(row["practice_id"]),
                  let from = LocalDate(iso: row["from_day"]), let to = LocalDate(iso: row["to_day"]) else {
                return UnreadableRows.skip("recontact_list", row)
            }
            return RecontactList(id: id, practiceID: practiceID, practiceName: row["practice_name"],
                                 from: from, to: to, reason: row["reason"],
                                 createdAt: Codecs.instant(row["created_at"] as String?) ?? .distantPast, createdBy: row["created_by"], items: items)
        }
    }

    static func recontactCall(_ row: Row) -> RecontactCall? {
        guard let id = Codecs.uuid(row["id"]), let itemID = Codecs.uuid(row["item_id"]) else {
            return UnreadableRows.skip("recontact_call", row)
        }
        return RecontactCall(id: id, itemID: itemID, at: Codecs.instant(row["at"] as String?) ?? .distantPast,
                      by: row["by"], outcome: RecontactOutcome(rawValue: row["outcome"]) ?? .noAnswer, note: row["note"], movedTo: row["moved_to"])
    }

    /// Logs a call to a patient on a recontact list. `rearranged` needs `moveTo`: the booking moves to that slot in
    /// the same transaction, so the grid and the list never disagree.
    @discardableResult
    func logRecontactCall(itemID: UUID, outcome: RecontactOutcome, note: String, moveTo: (day: LocalDate,
                                                                                          start: TimeOfDay)? = nil,
                                 actor: Actor, at now: Date) throws -> RecontactCall {
        let note = note.trimmingCharacters(in: .whitespaces)
        guard note.count <= 200, !Sanitise.containsControl(note) else {
            throw Refusal.rule("the note must be printable text, at most 200 characters")
        }
        if outcome == .rearranged && moveTo == nil {
            throw Refusal.rule("a rearranged patient needs the new slot",
                                             commandLine: "a rearranged patient needs the new slot "
                                                + "(--to \"YYYY-MM-DD HH:MM\")")
        }
        if outcome != .rearranged && moveTo != nil {
            throw Refusal.rule("only a rearranged patient is moved to a new slot")
        }
        return try write(actor: actor, at: now) { db, changes in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT i.booking_id, l.practice_id, o.name AS practice_name FROM recontact_item i JOIN recontact_list l ON l.id = i.list_id
                JOIN organisation o ON o.id = l.practice_id WHERE i.id = ?
                """, arguments: [itemID.uuidText]) else { throw StoreError.notFound("recontact list entry \(itemID)") }
            var movedTo: String?
            let bookingID: String = row["booking_id"]
            if let moveTo {
                let booking = try Self.booking(matching: bookingID, db: db)
                let moved = try Self.move(booking, to: moveTo.day, start: moveTo.start, overbook: false, db: db, changes: &changes)
                movedTo = "\(moved.day.iso) \(moved.start)"
            }
            let call = RecontactCall(itemID: itemID, at: now, by: actor.user, outcome: outcome, note: note, movedTo: movedTo)
            try db.execute(sql: "INSERT INTO recontact_call (id, item_id, at, by, outcome, note, moved_to) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           arguments: [call.id.uuidText, itemID.uuidText, Codecs.instant(now), actor.user,
                                       outcome.rawValue, note, movedTo])
            changes.append(Change(action: "recontact.call", entity: "booking", entityID: Codecs.uuid(bookingID),
                                  detail: [("outcome", outcome.rawValue), ("note", note), ("moved_to", movedTo ?? "")]))
            return call
        }
    }
}
