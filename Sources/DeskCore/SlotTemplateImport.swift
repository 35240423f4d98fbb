import Foundation

/// Reads the slot template CSV (`practice,weekday,start,end,slot_minutes,type,valid_from,valid_to`), checking
/// every row before anything is saved. The file is the whole pattern for each practice it names.
public enum SlotTemplateImport {
    public static let columns = ["practice", "weekday", "start", "end", "slot_minutes", "type", "valid_from", "valid_to"]
    static let weekdays = ["mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7]

    public static func parse(_ bytes: [UInt8], resolvePractice: (String) -> UUID?) throws(InputError) -> (templates: [SlotTemplate], practices: Set<UUID>, warnings: [String]) {
        let table = try CSVTable(bytes, columns: columns)
        var templates: [(line: Int, template: SlotTemplate)] = []
        var practices = Set<UUID>()
        for record in table.rows {
            try table.check(record)
            func value(_ column: String) -> String { table.value(column, in: record)! }
            func fail(_ column: String, _ message: String) -> InputError { InputError(line: record.line, field: column, message) }

            let practiceName = value("practice")
            guard let practiceID = resolvePractice(practiceName) else {
                throw fail("practice", "no practice named '\(Sanitise.visible(practiceName))' in the directory (import the directory first)")
            }
            let weekdayText = value("weekday").lowercased()
            guard let weekday = Int(weekdayText).flatMap({ (1...7).contains($0) ? $0 : nil }) ?? weekdays[String(weekdayText.prefix(3))],
                  weekdayText.count >= 1 else {
                throw fail("weekday", "'\(Sanitise.visible(value("weekday")))' is not a weekday (Monday…Sunday, Mon…Sun or 1…7)")
            }
            guard let start = TimeOfDay(parsing: value("start")) else { throw fail("start", "'\(Sanitise.visible(value("start")))' is not a time HH:MM") }
            guard let end = TimeOfDay(parsing: value("end")) else { throw fail("end", "'\(Sanitise.visible(value("end")))' is not a time HH:MM") }
            guard start < end else { throw fail("end", "the end \(end) is not after the start \(start)") }
            guard let minutes = Int(value("slot_minutes")), (5...240).contains(minutes) else {
                throw fail("slot_minutes", "'\(Sanitise.visible(value("slot_minutes")))' is not a number of minutes from 5 to 240")
            }
            guard minutes <= end.minutes - start.minutes else { throw fail("slot_minutes", "a \(minutes)-minute slot does not fit between \(start) and \(end)") }
            let type = value("type").isEmpty ? "urgent" : value("type")
            guard !Sanitise.containsControl(type), type.count <= 40 else { throw fail("type", "must be a short word such as urgent") }
            func date(_ column: String) throws(InputError) -> LocalDate? {
                let text = value(column)
                if text.isEmpty { return nil }
                guard let day = LocalDate(iso: text) else { throw fail(column, "'\(Sanitise.visible(text))' is not a date YYYY-MM-DD") }
                return day
            }
            let from = try date("valid_from"), to = try date("valid_to")
            if let from, let to, to < from { throw fail("valid_to", "\(to) is before valid_from \(from)") }
            let template = SlotTemplate(practiceID: practiceID, weekday: weekday, start: start, end: end, slotMinutes: minutes,
                                        type: type, validFrom: from, validTo: to)
            if let clash = templates.first(where: { overlaps($0.template, template) }) {
                throw InputError(line: record.line, "overlaps the slots on line \(clash.line) (same practice, weekday and dates)")
            }
            templates.append((record.line, template))
            practices.insert(practiceID)
        }
        return (templates.map(\.template), practices, table.warnings)
    }

    static func overlaps(_ a: SlotTemplate, _ b: SlotTemplate) -> Bool {
        guard a.practiceID == b.practiceID, a.weekday == b.weekday, a.start < b.end, b.start < a.end else { return false }
        let aFrom = a.validFrom?.dayNumber ?? Int.min, aTo = a.validTo?.dayNumber ?? Int.max
        let bFrom = b.validFrom?.dayNumber ?? Int.min, bTo = b.validTo?.dayNumber ?? Int.max
        return aFrom <= bTo && bFrom <= aTo
    }

    /// Whether two templates describe the same pattern, ignoring their ids.
    public static func samePattern(_ a: SlotTemplate, _ b: SlotTemplate) -> Bool {
        a.practiceID == b.practiceID && a.weekday == b.weekday && a.start == b.start && a.end == b.end
            && a.slotMinutes == b.slotMinutes && a.type == b.type && a.validFrom == b.validFrom && a.validTo == b.validTo
    }
}
