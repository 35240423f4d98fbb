import Foundation

/// A booking read from the central system (FHIR) or a bookings CSV, checked and ready to save.
public struct ImportedBooking: Equatable, Codable, Sendable {
    public var practiceName: String
    public var day: LocalDate
    public var start: TimeOfDay
    public var details: ValidBooking
    public var status: BookingStatus
    /// The central system's identifier: importing the same appointment twice changes nothing.
    public var centralReference: String
    /// Where it came from in the file, for messages: "line 4" or "entry 3".
    public var place: String

    public init(practiceName: String, day: LocalDate, start: TimeOfDay, details: ValidBooking, status: BookingStatus,
                centralReference: String, place: String) {
        self.practiceName = practiceName; self.day = day; self.start = start; self.details = details
        self.status = status; self.centralReference = centralReference; self.place = place
    }
}

/// Reads bookings from the central system while it is up: a FHIR R4 Bundle of Appointments (with Patient entries
/// for phone and date of birth), or the CSV that `downtime-desk bookings --format csv` writes.
public enum BookingImport {
    public static let csvColumns = ["practice", "date", "time", "patient", "phone", "date_of_birth", "nhs_number", "triage",
                                    "source", "notes", "central_reference"]

    public static func parse(_ bytes: [UInt8], today: LocalDate, zone: TimeZone, resolveED: (String) -> UUID?) throws(InputError) -> [ImportedBooking] {
        let firstVisible = bytes.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }.first
        // UTF-16 (a spreadsheet's "Unicode text"): a byte-order mark, or a NUL in every other byte of the start.
        let start = bytes.prefix(64)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
            || (start.count >= 8 && start.filter({ $0 == 0 }).count * 3 >= start.count) {
            throw InputError("the file is UTF-16 text, not UTF-8: save it as CSV UTF-8 (or FHIR JSON in UTF-8) and "
                + "import it again")
        }
        if firstVisible == UInt8(ascii: "[") {
            throw InputError("the file is a JSON array, not a FHIR Bundle: a Bundle is one JSON object starting with { "
                             + "and \"resourceType\": \"Bundle\"")
        }
        if firstVisible == UInt8(ascii: "{") { return try fhir(bytes, today: today, zone: zone) }
        return try csv(bytes, today: today, resolveED: resolveED)
    }

    static func csv(_ bytes: [UInt8], today: LocalDate, resolveED: (String) -> UUID?) throws(InputError) -> [ImportedBooking] {
        // `status` is optional: without it every row is a booked appointment.
        let table = try CSVTable(bytes, columns: csvColumns, optional: ["status"],
                                 emptyMessage: "the file is empty; expected a FHIR Bundle or the header \(csvColumns.joined(separator: ","))")
        var seen: [String: Int] = [:]
        var out: [ImportedBooking] = []
        for (index, record) in table.rows.enumerated() {
            ProgressReport.step("Reading bookings", index + 1, of: table.rows.count, every: 1024)
            try table.check(record)
            func value(_ column: String) -> String { CSV.unneutralise(table.value(column, in: record)!) }
            guard let day = LocalDate(iso: value("date")) else { throw InputError(line: record.line, field: "date", "'\(Sanitise.visible(value("date")))' is not a date YYYY-MM-DD") }
            guard let start = TimeOfDay(parsing: value("time")) else { throw InputError(line: record.line, field: "time", "'\(Sanitise.visible(value("time")))' is not a time HH:MM") }
            // The practice is looked up by name later, and a name that is not found is quoted back to the terminal.
            guard !Sanitise.containsControl(value("practice")), value("practice").count <= 200 else {
                throw InputError(line: record.line, field: "practice", "is not a practice name (a control character, or over 200 characters)")
            }
            let reference = value("central_reference")
            guard !reference.isEmpty, reference.count <= 64, !Sanitise.containsControl(reference) else {
                throw InputError(line: record.line, field: "central_reference", "every booking needs the central system's reference (1–64 characters)")
            }
            if let first = seen[reference] { throw InputError(line: record.line, field: "central_reference", "\(reference) is already on line \(first)") }
            seen[reference] = record.line
            let draft = BookingDraft(patientName: value("patient"), phone: value("phone"), dateOfBirth: value("date_of_birth"),
                                     nhsNumber: value("nhs_number"), triage: value("triage").isEmpty ? "urgent" : value("triage"),
                                     source: value("source").isEmpty ? "central" : value("source"), notes: value("notes"))
            switch draft.validate(today: today, resolveED: resolveED) {
            case .failure(let problems): throw InputError(line: record.line, "\(problems)")
            case .success(let details):
                var status = BookingStatus.booked
                if let text = table.value("status", in: record), !text.isEmpty {
                    guard let parsed = BookingStatus(rawValue: text) else {
                        throw InputError(line: record.line, field: "status", "'\(Sanitise.visible(text))' is not one of \(BookingStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    status = parsed
                }
                out.append(ImportedBooking(practiceName: value("practice"), day: day, start: start, details: details, status: status,
                                           centralReference: reference, place: "line \(record.line)"))
            }
        }
        return out
    }

    /// Deeper than this is refused before parsing: a Bundle is a handful of levels, and the parser gives up
    /// somewhere past 500 with an error that reads like a syntax error.
    static let maxJSONDepth = 100

    /// The deepest nesting of objects and arrays, outside strings.
    static func jsonDepth(_ bytes: [UInt8]) -> Int {
        var depth = 0, deepest = 0, inString = false, escaped = false
        for byte in bytes {
            if inString {
                if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inString = false }
                continue
            }
            switch byte {
            case 0x22: inString = true
            case 0x7B, 0x5B: depth += 1; deepest = max(deepest, depth)
            case 0x7D, 0x5D: depth -= 1
            default: break
            }
        }
        return deepest
    }

    static func fhir(_ bytes: [UInt8], today: LocalDate, zone: TimeZone) throws(InputError) -> [ImportedBooking] {
        let depth = jsonDepth(bytes)
        if depth > maxJSONDepth {
            throw InputError("the JSON is nested \(depth) levels deep; a FHIR Bundle needs far fewer, and at most "
                + "\(maxJSONDepth) are read")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)), let bundle = object as? [String: Any] else {
            throw InputError("the file starts like JSON but is not valid JSON (a FHIR Bundle was expected)")
        }
        guard bundle["resourceType"] as? String == "Bundle" else {
            throw InputError("not a FHIR Bundle (resourceType is '\(Sanitise.visible(String(describing: bundle["resourceType"] ?? "missing")))')")
        }
        let entries = bundle["entry"] as? [[String: Any]] ?? []
        // Patients may be separate entries, referenced by fullUrl or Patient/id.
        var patients: [String: [String: Any]] = [:]
        for entry in entries {
            guard let resource = entry["resource"] as? [String: Any], resource["resourceType"] as? String == "Patient" else { continue }
            if let url = entry["fullUrl"] as? String { patients[url] = resource }
            if let id = resource["id"] as? String { patients["Patient/\(id)"] = resource }
        }
        var out: [ImportedBooking] = []
        var seen: [String: Int] = [:]
        for (index, entry) in entries.enumerated() {
            let number = index + 1
            guard let resource = entry["resource"] as? [String: Any], resource["resourceType"] as? String == "Appointment" else { continue }
            func fail(_ message: String) -> InputError { InputError("entry \(number) (Appointment): \(message)") }
            let identifiers = resource["identifier"] as? [[String: Any]] ?? []
            guard let reference = identifiers.compactMap({ $0["value"] as? String }).first, !reference.isEmpty else {
                throw fail("has no identifier value (needed so re-importing changes nothing)")
            }
            guard !Sanitise.containsControl(reference) else {
                throw fail("its identifier value contains a control character")
            }
            guard reference.count <= 64 else { throw fail("its identifier value is longer than 64 characters") }
            if let first = seen[reference] { throw fail("identifier \(reference) is already on entry \(first)") }
            seen[reference] = number
            guard let startText = resource["start"] as? String, let instant = Instant.parse(startText, zone: zone) else {
                throw fail("start is missing or not a FHIR instant")
            }
            let participants = resource["participant"] as? [[String: Any]] ?? []
            let actors = participants.compactMap { $0["actor"] as? [String: Any] }
            let patientActor = actors.first { ($0["reference"] as? String).map { patients[$0] != nil } ?? false }
                ?? actors.first { ($0["identifier"] as? [String: Any])?["system"] as? String == "https://fhir.nhs.uk/Id/nhs-number" }
            guard let patientActor else { throw fail("no participant is the patient (a Patient reference or an NHS number)") }
            let patient = (patientActor["reference"] as? String).flatMap { patients[$0] } ?? [:]
            let practiceName = actors.first { $0 as NSDictionary != patientActor as NSDictionary }?["display"] as? String ?? ""
            guard !Sanitise.containsControl(practiceName), practiceName.count <= 200 else {
                throw fail("the practice's display name is not a practice name (a control character, or over 200 characters)")
            }
            let name = patientName(patient) ?? patientActor["display"] as? String ?? ""
            let phone = (patient["telecom"] as? [[String: Any]] ?? []).first { $0["system"] as? String == "phone" }?["value"] as? String ?? ""
            let nhs = ((patient["identifier"] as? [[String: Any]] ?? []) + [patientActor["identifier"] as? [String: Any] ?? [:]])
                .first { $0["system"] as? String == "https://fhir.nhs.uk/Id/nhs-number" }?["value"] as? String ?? ""
            let triage = ((resource["appointmentType"] as? [String: Any])?["coding"] as? [[String: Any]] ?? [])
                .contains { $0["code"] as? String == "ROUTINE" } ? "routine" : "urgent"
            let draft = BookingDraft(patientName: name, phone: phone, dateOfBirth: patient["birthDate"] as? String ?? "", nhsNumber: nhs,
                                     triage: triage, source: "central", notes: resource["comment"] as? String ?? "")
            let status: BookingStatus
            switch resource["status"] as? String {
            case "booked", "pending", "proposed": status = .booked
            case "arrived", "checked-in": status = .arrived
            case "fulfilled": status = .completed
            case "noshow": status = .didNotAttend
            case "cancelled": status = .cancelled
            case "entered-in-error": status = .enteredInError
            default: throw fail("status '\(Sanitise.visible(String(describing: resource["status"] ?? "missing")))' is not an Appointment status")
            }
            switch draft.validate(today: today, resolveED: { _ in nil }) {
            case .failure(let problems): throw fail("\(problems)")
            case .success(let details):
                out.append(ImportedBooking(practiceName: practiceName, day: LocalDate(instant, in: zone), start: TimeOfDay(instant, in: zone),
                                           details: details, status: status, centralReference: reference, place: "entry \(number)"))
            }
        }
        if out.isEmpty && !entries.isEmpty { throw InputError("the Bundle holds no Appointment resources") }
        return out
    }

    /// "Given Family" from a FHIR HumanName, or its text.
    static func patientName(_ patient: [String: Any]) -> String? {
        guard let name = (patient["name"] as? [[String: Any]])?.first else { return nil }
        if let text = name["text"] as? String { return text }
        let parts = (name["given"] as? [String] ?? []) + [name["family"] as? String].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}
