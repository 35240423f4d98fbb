import Foundation
import GRDB
import DeskCore

extension DeskStore {
    public func saveTemplates(_ templates: [SlotTemplate], actor: Actor, at now: Date) throws {
        try write(actor: actor, at: now) { db, changes in
            for template in templates {
                try db.execute(sql: """
                    INSERT INTO slot_template (id, practice_id, weekday, start_minute, end_minute, slot_minutes, type, valid_from, valid_to)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [template.id.uuidString, template.practiceID.uuidString, template.weekday,
                                     template.start.minutes, template.end.minutes, template.slotMinutes, template.type,
                                     template.validFrom?.iso, template.validTo?.iso])
                changes.append(Change(action: "slot-template.create", entity: "slot_template", entityID: template.id,
                                      detail: [("weekday", "\(template.weekday)"), ("start", "\(template.start)"),
                                               ("end", "\(template.end)")]))
            }
        }
    }

    /// A day's slots for one practice: generated from its templates, with that day's extra or blocked slots laid over.
    public func slots(practiceID: UUID, day: LocalDate) throws -> [Slot] {
        try pool.read { db in try Self.slots(practiceID: practiceID, day: day, db: db) }
    }

    static func slots(practiceID: UUID, day: LocalDate, db: Database) throws -> [Slot] {
        let templates = try Row.fetchAll(db, sql: "SELECT * FROM slot_template WHERE practice_id = ? AND weekday = ?",
                                         arguments: [practiceID.uuidString, day.weekday]).compactMap(template)
        var byStart = Dictionary(Slot.generate(from: templates, on: day).map { ($0.start, $0) }, uniquingKeysWith: { a, _ in a })
        for row in try Row.fetchAll(db, sql: "SELECT * FROM slot WHERE practice_id = ? AND day = ?",
                                    arguments: [practiceID.uuidString, day.iso]) {
            guard let start = TimeOfDay(minutes: row["start_minute"]) else { continue }
            byStart[start] = Slot(id: Codecs.uuid(row["id"])!, practiceID: practiceID, day: day, start: start,
                                  minutes: row["minutes"], type: row["type"], blockedReason: row["blocked_reason"])
        }
        return byStart.values.sorted { $0.start < $1.start }
    }

    static func template(_ row: Row) -> SlotTemplate? {
        guard let start = TimeOfDay(minutes: row["start_minute"]), let end = TimeOfDay(minutes: row["end_minute"]) else { return nil }
        return SlotTemplate(id: Codecs.uuid(row["id"])!, practiceID: Codecs.uuid(row["practice_id"])!, weekday: row["weekday"],
                            start: start, end: end, slotMinutes: row["slot_minutes"], type: row["type"],
                            validFrom: (row["valid_from"] as String?).flatMap(LocalDate.init(iso:)),
                            validTo: (row["valid_to"] as String?).flatMap(LocalDate.init(iso:)))
    }
}
