import Foundation

/// A booking as typed, field by field, before it is valid. The interface form and the command line both
/// validate through this, so a rule cannot differ between them.
public struct BookingDraft: Equatable, Codable, Sendable {
    public var patientName = ""
    public var phone = ""
    public var dateOfBirth = ""
    public var nhsNumber = ""
    public var triage = "urgent"
    public var source = "phone"
    public var notes = ""

    public init(patientName: String = "", phone: String = "", dateOfBirth: String = "", nhsNumber: String = "",
                triage: String = "urgent", source: String = "phone", notes: String = "") {
        self.patientName = patientName; self.phone = phone; self.dateOfBirth = dateOfBirth
        self.nhsNumber = nhsNumber; self.triage = triage; self.source = source; self.notes = notes
    }

    public enum Field: String, CaseIterable, Codable, Sendable {
        case patientName = "patient", phone, dateOfBirth = "dob", nhsNumber = "nhs-number", triage, source, notes
    }

    public static let maxNameLength = 100
    public static let maxNotesLength = 1000

    /// The checked patient details, or every problem at once, each against its field.
    public func validate(today: LocalDate, resolveED: (String) -> UUID?) -> Result<ValidBooking, BookingProblems> {
        var problems: [Field: String] = [:]
        let name = Sanitise.trimmingSpaces(patientName)
        if name.isEmpty { problems[.patientName] = "patient name is required" }
        else if name.count > Self.maxNameLength { problems[.patientName] = "name is longer than \(Self.maxNameLength) characters" }
        else if let problem = Sanitise.controlProblem(name) { problems[.patientName] = "name \(problem)" }

        var parsedPhone: PhoneNumber?
        do { parsedPhone = try PhoneNumber(parsing: phone) } catch { problems[.phone] = error.description }

        var dob: LocalDate?
        let dobText = Sanitise.trimmingSpaces(dateOfBirth)
        if !dobText.isEmpty {
            if let parsed = LocalDate(iso: dobText) ?? LocalDate(ukSlashed: dobText) {
                if parsed > today { problems[.dateOfBirth] = "date of birth is in the future" }
                else if parsed.year < today.year - 130 { problems[.dateOfBirth] = "date of birth is more than 130 years ago" }
                else { dob = parsed }
            } else if let impossible = LocalDate.impossibleDate(dobText) {
                problems[.dateOfBirth] = "date of birth \(impossible) is not a real date"
            } else {
                problems[.dateOfBirth] = "date of birth must be DD/MM/YYYY or YYYY-MM-DD"
            }
        }

        var nhs: NHSNumber?
        let nhsText = Sanitise.trimmingSpaces(nhsNumber)
        if !nhsText.isEmpty {
            do { nhs = try NHSNumber(parsing: nhsText) } catch { problems[.nhsNumber] = error.description }
        }

        let parsedTriage = Triage(rawValue: triage.lowercased())
        if parsedTriage == nil { problems[.triage] = "triage must be urgent or routine" }

        let parsedSource = BookingDraft.source(source, resolveED: resolveED)
        if parsedSource == nil { problems[.source] = "source must be nhs111, ed or ed:NAME, phone, walk-in or central" }

        let cleanNotes = Sanitise.trimmingSpacesAndNewlines(notes)
        if cleanNotes.count > Self.maxNotesLength { problems[.notes] = "notes are longer than \(Self.maxNotesLength) characters" }
        else if cleanNotes.unicodeScalars.contains(where: { Sanitise.isControl($0) && $0 != "\n" }) {
            problems[.notes] = "notes contain a control character"
        }

        guard problems.isEmpty, let parsedPhone, let parsedTriage, let parsedSource else { return .failure(BookingProblems(problems)) }
        return .success(ValidBooking(patient: Patient(name: Sanitise.normalisedName(name), phone: parsedPhone,
                                                      dateOfBirth: dob, nhsNumber: nhs),
                                     triage: parsedTriage, source: parsedSource, notes: cleanNotes))
    }

    /// `nhs111`, `phone`, `walk-in`, `central`, `ed` or `ed:NAME` (an ED resolved by the caller).
    static func source(_ text: String, resolveED: (String) -> UUID?) -> BookingSource? {
        let trimmed = Sanitise.trimmingSpaces(text)
        let lower = trimmed.lowercased()
        switch lower {
        case "nhs111", "111", "nhs 111": return .nhs111
        case "phone", "direct", "direct phone": return .phone
        case "walk-in", "walkin": return .walkIn
        case "central": return .central
        case "ed": return .ed(nil)
        default:
            guard lower.hasPrefix("ed:") else { return nil }
            return resolveED(String(trimmed.dropFirst(3))).map { .ed($0) }
        }
    }
}

/// The validated parts of a booking; where and when come separately.
public struct ValidBooking: Equatable, Codable, Sendable {
    public var patient: Patient
    public var triage: Triage
    public var source: BookingSource
    public var notes: String

    public init(patient: Patient, triage: Triage, source: BookingSource, notes: String) {
        self.patient = patient; self.triage = triage; self.source = source; self.notes = notes
    }
}

/// Every field's problem, in form order.
public struct BookingProblems: Error, Equatable, Sendable, CustomStringConvertible {
    public var byField: [BookingDraft.Field: String]
    public init(_ byField: [BookingDraft.Field: String]) { self.byField = byField }
    public var description: String {
        BookingDraft.Field.allCases.compactMap { field in byField[field].map { "\(field.rawValue): \($0)" } }.joined(separator: "; ")
    }
}

extension LocalDate {
    /// `DD/MM/YYYY`, as dates of birth are written in the UK.
    public init?(ukSlashed text: String) {
        guard let (y, m, d) = Self.ukSlashedParts(text) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The numbers of text shaped `DD/MM/YYYY`, whether or not they name a real day.
    static func ukSlashedParts(_ text: String) -> (year: Int, month: Int, day: Int)? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].count == 4, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
              let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]) else { return nil }
        return (y, m, d)
    }

    /// For text in the right shape (DD/MM/YYYY or YYYY-MM-DD) naming a day that does not exist, such as 31/02/1980:
    /// the text, so a message can say the date is not real rather than that its form is wrong. Nil otherwise.
    public static func impossibleDate(_ text: String) -> String? {
        guard let (y, m, d) = isoParts(text) ?? ukSlashedParts(text),
              LocalDate(year: y, month: m, day: d) == nil else { return nil }
        return Sanitise.visible(text)
    }
}

/// A downtime booking's paper reference: `DT-<practice code>-<YYYYMMDD>-<n>`, unique and never reused.
public enum DowntimeReference {
    public static func make(code: String, day: LocalDate, number: Int) -> String {
        "DT-\(code)-\(day.iso.replacingOccurrences(of: "-", with: ""))-\(number)"
    }

    /// The prefix shared by one practice's references for one day.
    public static func prefix(code: String, day: LocalDate) -> String {
        "DT-\(code)-\(day.iso.replacingOccurrences(of: "-", with: ""))-"
    }
}
