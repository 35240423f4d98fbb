import Foundation

/// A value that writes its canonical JSON itself: the bytes `CanonicalJSON` writes from its `Encodable` form, without
/// a box per object and a member per field. An import writes each booking three times (the journal's operation, the
/// parts sent per practice, the slots held), and through the boxes that was most of an import's work.
/// `OperationJSONTests` hold each writer to JSONEncoder's bytes on generated values.
protocol CanonicalJSONWriting {
    func writeCanonicalJSON(to out: inout [UInt8])
}

/// The pieces of an object written field by field. Fields are given in JSONEncoder's sorted order (UTF-8 bytes),
/// which each writer spells out.
enum CanonicalFields {
    static func open(_ out: inout [UInt8]) { out.append(UInt8(ascii: "{")) }
    static func close(_ out: inout [UInt8]) { out.append(UInt8(ascii: "}")) }

    /// `"key":`, after a comma unless it is the object's first field.
    static func key(_ key: StaticString, _ out: inout [UInt8], first: Bool = false) {
        if !first { out.append(UInt8(ascii: ",")) }
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        out.append(UInt8(ascii: "\""))
        out.append(UInt8(ascii: ":"))
    }

    static func text(_ name: StaticString, _ value: String, _ out: inout [UInt8], first: Bool = false) {
        key(name, &out, first: first)
        JSONLeaf.writeString(value, to: &out)
    }
}

extension ImportedBooking: CanonicalJSONWriting {
    func writeCanonicalJSON(to out: inout [UInt8]) {
        CanonicalFields.open(&out)
        CanonicalFields.text("centralReference", centralReference, &out, first: true)
        CanonicalFields.text("day", day.iso, &out)
        CanonicalFields.key("details", &out)
        details.writeCanonicalJSON(to: &out)
        CanonicalFields.text("place", place, &out)
        CanonicalFields.text("practiceName", practiceName, &out)
        CanonicalFields.text("start", start.description, &out)
        CanonicalFields.text("status", status.rawValue, &out)
        CanonicalFields.close(&out)
    }
}

extension ValidBooking: CanonicalJSONWriting {
    func writeCanonicalJSON(to out: inout [UInt8]) {
        CanonicalFields.open(&out)
        CanonicalFields.text("notes", notes, &out, first: true)
        CanonicalFields.key("patient", &out)
        patient.writeCanonicalJSON(to: &out)
        CanonicalFields.text("source", source.code, &out)
        CanonicalFields.text("triage", triage.rawValue, &out)
        CanonicalFields.close(&out)
    }
}

extension Patient: CanonicalJSONWriting {
    /// A date of birth or NHS number not known is left out, as the synthesised `encode(to:)` leaves out a nil.
    func writeCanonicalJSON(to out: inout [UInt8]) {
        CanonicalFields.open(&out)
        if let dateOfBirth { CanonicalFields.text("dateOfBirth", dateOfBirth.iso, &out, first: true) }
        CanonicalFields.text("name", name, &out, first: dateOfBirth == nil)
        if let nhsNumber { CanonicalFields.text("nhsNumber", nhsNumber.digits, &out) }
        CanonicalFields.text("phone", phone.digits, &out)
        CanonicalFields.close(&out)
    }
}

extension DeskOperation.HoldSlots.Hold: CanonicalJSONWriting {
    func writeCanonicalJSON(to out: inout [UInt8]) {
        CanonicalFields.open(&out)
        CanonicalFields.text("bookingID", bookingID.uuidText, &out, first: true)
        CanonicalFields.text("day", day.iso, &out)
        CanonicalFields.text("practiceID", practiceID.uuidText, &out)
        CanonicalFields.text("start", start.description, &out)
        CanonicalFields.text("status", status.rawValue, &out)
        CanonicalFields.close(&out)
    }
}
