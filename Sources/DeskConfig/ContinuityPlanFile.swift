import Foundation
import TOMLKit
import DeskCore

/// Reads and checks a continuity plan file (TOML; the format is in the README and `Plans/demo-continuity-plan.toml`).
/// Every problem is reported, each with its line, so one run of `plan check` shows everything to fix.
public enum ContinuityPlanFile {
    public struct Problems: Error, Equatable, CustomStringConvertible {
        public var problems: [ConfigError]
        public var description: String { problems.map(\.description).joined(separator: "\n") }
    }

    static let topKeys: Set<String> = ["title", "organisation", "last_reviewed", "people", "functions"]
    static let personKeys: Set<String> = ["name", "role", "phones", "email"]
    static let functionKeys: Set<String> = ["name", "systems", "responsible", "deputy", "impact", "likelihood", "recovery_timeframe",
                                            "resources", "data_recovery", "key_personnel", "runbook", "escalations",
                                            "update_every", "update_every_hssi"]
    static let resourceKeys = ["staff", "data", "premises", "communications", "equipment", "supplies"]
    static let escalationKeys: Set<String> = ["after", "action", "contact"]

    public static func load(file: URL) throws -> ContinuityPlan {
        let text: String
        do { text = try String(contentsOf: file, encoding: .utf8) } catch {
            throw Problems(problems: [ConfigError(file: file.path, "cannot be read as UTF-8 text (\(error.localizedDescription))")])
        }
        return try parse(text: text, file: file.path)
    }

    public static func parse(text: String, file: String) throws(Problems) -> ContinuityPlan {
        let doc: TOMLDocument
        do { doc = try TOMLDocument(file: file, text: text) } catch { throw Problems(problems: [error]) }
        var reader = PlanReader(doc: doc)
        let plan = reader.plan()
        guard reader.problems.isEmpty, let plan else { throw Problems(problems: reader.problems) }
        return plan
    }
}

/// Walks the document, collecting problems instead of stopping at the first.
struct PlanReader {
    let doc: TOMLDocument
    let lines: [Substring]
    var problems: [ConfigError] = []

    init(doc: TOMLDocument) {
        self.doc = doc
        lines = doc.text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Where an entry of an array of tables begins, and ends (the next `[[name]]` or the end).
    func blocks(_ header: String, within range: Range<Int>? = nil) -> [Range<Int>] {
        let range = range ?? 0..<lines.count
        let starts = range.filter { lines[$0].trimmingCharacters(in: .whitespaces).hasPrefix("[[\(header)]]") }
        let parentHeader = header.split(separator: ".").first.map(String.init) ?? header
        return starts.map { start in
            let end = (start + 1..<range.upperBound).first { index in
                let line = lines[index].trimmingCharacters(in: .whitespaces)
                return line.hasPrefix("[[\(header)]]") || (header == parentHeader && line.hasPrefix("[[\(parentHeader)]]"))
            } ?? range.upperBound
            return start..<end
        }
    }

    /// The line (1-based) of `key = …` inside a block, else the block's header line.
    func line(of key: String, in block: Range<Int>?) -> Int? {
        guard let block else { return doc.line(of: key, in: nil) }
        for index in block {
            let line = lines[index].trimmingCharacters(in: .whitespaces)
            for candidate in ["\"\(key)\"", key] where line.hasPrefix(candidate) {
                if line.dropFirst(candidate.count).trimmingCharacters(in: .whitespaces).hasPrefix("=") { return index + 1 }
            }
        }
        return block.lowerBound + 1
    }

    mutating func problem(_ key: String, _ place: String, _ block: Range<Int>?, _ message: String) {
        problems.append(ConfigError(file: doc.file, line: line(of: key, in: block), key: place.isEmpty ? key : "\(place).\(key)", message))
    }

    mutating func text(_ table: TOMLTable, _ key: String, _ place: String, _ block: Range<Int>?, required: Bool = true, multiline: Bool = false) -> String {
        guard let value = table[key] else {
            if required { problem(key, place, block, "is missing") }
            return ""
        }
        guard let string = value.string?.trimmingCharacters(in: .whitespacesAndNewlines), !string.isEmpty else {
            problem(key, place, block, "must be non-empty text in quotes"); return ""
        }
        let flat = multiline ? string.replacingOccurrences(of: "\n", with: " ") : string
        if Sanitise.containsControl(flat) { problem(key, place, block, "must be printable text\(multiline ? "" : " on one line")"); return "" }
        return string
    }

    mutating func texts(_ table: TOMLTable, _ key: String, _ place: String, _ block: Range<Int>?, required: Bool) -> [String] {
        guard let value = table[key] else {
            if required { problem(key, place, block, "is missing") }
            return []
        }
        guard let array = value.array else { problem(key, place, block, "must be a list of texts, e.g. [\"one\", \"two\"]"); return [] }
        var result: [String] = []
        for item in array {
            guard let string = item.string?.trimmingCharacters(in: .whitespaces), !string.isEmpty, !Sanitise.containsControl(string) else {
                problem(key, place, block, "must be a list of non-empty texts"); return []
            }
            result.append(string)
        }
        if required && result.isEmpty { problem(key, place, block, "must list at least one") }
        return result
    }

    /// The runbook: each step a text, or `{ step = "…", done_when = "outage-declared" }` for a step Downtime Desk
    /// does itself, which then ticks itself when it happens.
    mutating func steps(_ table: TOMLTable, _ place: String, _ block: Range<Int>?) -> ([String], [String: DeskEvent]) {
        guard let value = table["runbook"] else { problem("runbook", place, block, "is missing"); return ([], [:]) }
        guard let array = value.array else {
            problem("runbook", place, block, "must be a list of steps, e.g. [\"one\", \"two\"]")
            return ([], [:])
        }
        var steps: [String] = [], byDesk: [String: DeskEvent] = [:]
        let events = DeskEvent.allCases.map(\.rawValue).joined(separator: ", ")
        for item in array {
            if let step = item.table {
                for (key, _) in step where key != "step" && key != "done_when" {
                    problem("runbook", place, block, "a step's table takes step and done_when, not \(key)")
                }
                guard let text = step["step"]?.string?.trimmingCharacters(in: .whitespaces), !text.isEmpty,
                      !Sanitise.containsControl(text) else {
                    problem("runbook", place, block, "a step's table needs step = \"what to do\""); continue
                }
                guard let name = step["done_when"]?.string, let event = DeskEvent(rawValue: name) else {
                    problem("runbook", place, block, "done_when must be one of \(events)"); continue
                }
                steps.append(text); byDesk[text] = event
            } else if let text = item.string?.trimmingCharacters(in: .whitespaces), !text.isEmpty,
                      !Sanitise.containsControl(text) {
                steps.append(text)
            } else {
                problem("runbook", place, block,
                        "must be a list of non-empty texts (or { step = …, done_when = … })")
                return ([], [:])
            }
        }
        if steps.isEmpty { problem("runbook", place, block, "must list at least one") }
        return (steps, byDesk)
    }

    mutating func plan() -> ContinuityPlan? {
        let root = doc.root
        for (key, _) in root where !ContinuityPlanFile.topKeys.contains(key) {
            problem(key, "", nil, "unknown key; the plan takes \(ContinuityPlanFile.topKeys.sorted().joined(separator: ", "))")
        }
        let title = text(root, "title", "", nil)
        let organisation = text(root, "organisation", "", nil)
        var reviewed: LocalDate?
        if let value = root["last_reviewed"] {
            if let date = value.date { reviewed = LocalDate(year: date.year, month: date.month, day: date.day) }
            else if let string = value.string { reviewed = LocalDate(iso: string) }
            if reviewed == nil { problem("last_reviewed", "", nil, "must be a date, YYYY-MM-DD") }
        } else { problem("last_reviewed", "", nil, "is missing (the date the plan was last reviewed, YYYY-MM-DD)") }

        let people = readPeople()
        let known = Set(people.map { $0.name.lowercased() })
        let functions = readFunctions(known: known)
        guard let reviewed else { return nil }
        return ContinuityPlan(title: title, organisation: organisation, lastReviewed: reviewed, people: people, functions: functions)
    }

    mutating func readPeople() -> [KeyPerson] {
        guard let value = doc.root["people"] else { problem("people", "", nil, "is missing: list the key personnel as [[people]] entries"); return [] }
        guard let array = value.array else { problem("people", "", nil, "must be [[people]] entries"); return [] }
        let blocks = blocks("people")
        var people: [KeyPerson] = []
        var seen = Set<String>()
        for (index, item) in array.enumerated() {
            let block = blocks.indices.contains(index) ? blocks[index] : nil
            let place = "people[\(index + 1)]"
            guard let table = item.table else { problem("people", "", nil, "entry \(index + 1) must be a table"); continue }
            for (key, _) in table where !ContinuityPlanFile.personKeys.contains(key) {
                problem(key, place, block, "unknown key; a person takes \(ContinuityPlanFile.personKeys.sorted().joined(separator: ", "))")
            }
            let name = text(table, "name", place, block)
            let role = text(table, "role", place, block)
            var phones: [PhoneNumber] = []
            for raw in texts(table, "phones", place, block, required: true) {
                do { phones.append(try PhoneNumber(parsing: raw)) } catch { problem("phones", place, block, "\"\(raw)\": \(error)") }
            }
            let email = text(table, "email", place, block, required: false)
            if !email.isEmpty, (try? EmailAddress(parsing: email)) == nil { problem("email", place, block, "\"\(email)\" is not an email address") }
            if !name.isEmpty && !seen.insert(name.lowercased()).inserted { problem("name", place, block, "\(name) is listed twice") }
            people.append(KeyPerson(name: name, role: role, phones: phones, email: email))
        }
        return people
    }

    mutating func readFunctions(known: Set<String>) -> [CriticalFunction] {
        guard let value = doc.root["functions"] else { problem("functions", "", nil, "is missing: describe each critical function as a [[functions]] entry"); return [] }
        guard let array = value.array else { problem("functions", "", nil, "must be [[functions]] entries"); return [] }
        let blocks = blocks("functions")
        var functions: [CriticalFunction] = []
        var systemsSeen: [String: String] = [:]
        for (index, item) in array.enumerated() {
            let block = blocks.indices.contains(index) ? blocks[index] : nil
            guard let table = item.table else { problem("functions", "", nil, "entry \(index + 1) must be a table"); continue }
            let name = text(table, "name", "functions[\(index + 1)]", block)
            let place = "functions[\(index + 1)]" + (name.isEmpty ? "" : " (\(name))")
            for (key, _) in table where !ContinuityPlanFile.functionKeys.contains(key) {
                problem(key, place, block, "unknown key; a function takes \(ContinuityPlanFile.functionKeys.sorted().joined(separator: ", "))")
            }
            func person(_ key: String, _ who: String) -> String {
                if !who.isEmpty && !known.contains(who.lowercased()) { problem(key, place, block, "\(who) is not among the [[people]]") }
                return who
            }
            let systems = texts(table, "systems", place, block, required: false)
            for system in systems {
                if let other = systemsSeen[system.lowercased()] { problem("systems", place, block, "\(system) is already covered by \(other)") }
                systemsSeen[system.lowercased()] = name
            }
            let responsible = person("responsible", text(table, "responsible", place, block))
            let deputy = person("deputy", text(table, "deputy", place, block))
            func level(_ key: String) -> PlanLevel {
                let raw = text(table, key, place, block)
                if raw.isEmpty { return .medium }
                guard let level = PlanLevel(rawValue: raw.lowercased()) else { problem(key, place, block, "\"\(raw)\" must be low, medium or high"); return .medium }
                return level
            }
            let impact = level("impact"), likelihood = level("likelihood")
            let timeframe = duration(table, "recovery_timeframe", place, block)
            var resources: [CriticalFunction.Resource] = []
            if let value = table["resources"] {
                if let resourceTable = value.table {
                    for (key, _) in resourceTable where !ContinuityPlanFile.resourceKeys.contains(key) {
                        problem(key, place + ".resources", block, "unknown resource; use \(ContinuityPlanFile.resourceKeys.joined(separator: ", "))")
                    }
                    for key in ContinuityPlanFile.resourceKeys where resourceTable[key] != nil {
                        resources.append(.init(label: key, text: text(resourceTable, key, place + ".resources", block, multiline: true)))
                    }
                } else { problem("resources", place, block, "must be a table: [functions.resources] with staff, data, premises, …") }
            } else { problem("resources", place, block, "is missing: [functions.resources] with staff, data, premises, communications, equipment, supplies") }
            let dataRecovery = text(table, "data_recovery", place, block, multiline: true)
            let keyPersonnel = texts(table, "key_personnel", place, block, required: false).map { person("key_personnel", $0) }
            let (runbook, doneByDesk) = steps(table, place, block)
            let escalations = readEscalations(table, place: place, function: block, known: known)
            functions.append(CriticalFunction(name: name, systems: systems, responsible: responsible, deputy: deputy, impact: impact,
                                              likelihood: likelihood, recoveryTimeframe: timeframe ?? PlanDuration(seconds: 60), resources: resources,
                                              dataRecovery: dataRecovery, keyPersonnel: keyPersonnel, runbook: runbook,
                                              escalations: escalations,
                                              doneByDesk: doneByDesk.isEmpty ? nil : doneByDesk,
                                              updateEvery: duration(table, "update_every", place, block,
                                                                    required: false),
                                              updateEveryHSSI: duration(table, "update_every_hssi", place, block,
                                                                        required: false)))
        }
        if functions.isEmpty { problem("functions", "", nil, "must describe at least one critical function") }
        return functions
    }

    mutating func duration(_ table: TOMLTable, _ key: String, _ place: String, _ block: Range<Int>?,
                           required: Bool = true) -> PlanDuration? {
        let raw = text(table, key, place, block, required: required)
        guard !raw.isEmpty else { return nil }
        guard let parsed = PlanDuration(parsing: raw) else {
            problem(key, place, block, "\"\(raw)\" is not a duration; write it as 30m, 4h, 2d or 1h30m")
            return nil
        }
        return parsed
    }

    mutating func readEscalations(_ table: TOMLTable, place: String, function: Range<Int>?, known: Set<String>) -> [Escalation] {
        guard let value = table["escalations"] else { return [] }
        guard let array = value.array else { problem("escalations", place, function, "must be [[functions.escalations]] entries"); return [] }
        let blocks = function.map { self.blocks("functions.escalations", within: $0) } ?? []
        var result: [Escalation] = []
        for (index, item) in array.enumerated() {
            let block = blocks.indices.contains(index) ? blocks[index] : function
            let here = "\(place).escalations[\(index + 1)]"
            guard let entry = item.table else { problem("escalations", place, function, "entry \(index + 1) must be a table"); continue }
            for (key, _) in entry where !ContinuityPlanFile.escalationKeys.contains(key) {
                problem(key, here, block, "unknown key; an escalation takes after, action, contact")
            }
            let after = duration(entry, "after", here, block)
            let action = text(entry, "action", here, block, multiline: true)
            let contact = texts(entry, "contact", here, block, required: false)
            for who in contact where !known.contains(who.lowercased()) { problem("contact", here, block, "\(who) is not among the [[people]]") }
            if let after { result.append(Escalation(after: after, action: action, contact: contact)) }
        }
        let thresholds = result.map(\.after.seconds)
        if thresholds != thresholds.sorted() { problem("escalations", place, function, "list the escalations in order of time, shortest first") }
        return result
    }
}
