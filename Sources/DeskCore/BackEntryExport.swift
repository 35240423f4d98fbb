import Foundation

/// The back-entry worklist as files: CSV for people, and a FHIR R4 Bundle of Appointments for systems.
public enum BackEntryExport {
    public static let csvColumns = ["downtime_reference", "practice", "date", "time", "minutes", "patient", "phone",
                                    "date_of_birth", "nhs_number", "triage", "source", "status", "notes", "created_at", "created_by"]

    /// Every cell goes through `CSV.field`, so nothing starting `=`, `+`, `-` or `@` runs as a spreadsheet formula.
    public static func csv(_ bookings: [Booking], practices: [UUID: Organisation], minutes: (Booking) -> Int) -> String {
        var out = CSV.row(csvColumns)
        for b in bookings {
            out += CSV.row([b.downtimeReference ?? "", practices[b.practiceID]?.name ?? "", b.day.iso, b.start.description,
                            "\(minutes(b))", b.patient.name, b.patient.phone.description, b.patient.dateOfBirth?.iso ?? "",
                            b.patient.nhsNumber?.digits ?? "", b.triage.rawValue, b.source.description, b.status.rawValue,
                            b.notes, Instant.iso(b.createdAt), b.createdBy])
        }
        return out
    }

    /// FHIR R4 Appointment status for a booking status.
    static func fhirStatus(_ status: BookingStatus) -> String {
        switch status {
        case .booked: return "booked"
        case .arrived: return "arrived"
        case .completed: return "fulfilled"
        case .didNotAttend: return "noshow"
        case .cancelled: return "cancelled"
        case .enteredInError: return "entered-in-error"
        }
    }

    /// A Bundle (type collection) of Appointment resources, one per booking, each carrying its downtime reference.
    public static func fhirBundle(_ bookings: [Booking], practices: [UUID: Organisation], minutes: (Booking) -> Int,
                                  zone: TimeZone, now: Date) -> [String: Any] {
        let entries: [[String: Any]] = bookings.map { b in
            let length = minutes(b)
            let start = b.day.instant(at: b.start, in: zone)
            var patient: [String: Any] = ["display": b.patient.name]
            if let nhs = b.patient.nhsNumber {
                patient["identifier"] = ["system": "https://fhir.nhs.uk/Id/nhs-number", "value": nhs.digits]
            }
            var appointment: [String: Any] = [
                "resourceType": "Appointment",
                "id": b.id.uuidText.lowercased(),
                "status": fhirStatus(b.status),
                "serviceType": [["text": "Urgent dental care"]],
                "appointmentType": ["coding": [[
                    "system": "http://terminology.hl7.org/CodeSystem/v2-0276",
                    "code": b.triage == .urgent ? "EMERGENCY" : "ROUTINE",
                    "display": b.triage == .urgent ? "Emergency appointment" : "Routine appointment",
                ]], "text": b.triage.label],
                "start": Instant.iso(start),
                "end": Instant.iso(start.addingTimeInterval(Double(length * 60))),
                "minutesDuration": length,
                "created": Instant.iso(b.createdAt),
                "participant": [
                    ["actor": patient, "status": "accepted"],
                    ["actor": ["display": practices[b.practiceID]?.name ?? "practice"], "status": "accepted"],
                ],
            ]
            if let ref = b.downtimeReference {
                appointment["identifier"] = [["system": "urn:downtime-desk:downtime-reference", "value": ref]]
            }
            let comment = ([b.notes] + (b.isDowntime ? ["Booked during central system downtime (\(b.source))"] : [])).filter { !$0.isEmpty }
            if !comment.isEmpty { appointment["comment"] = comment.joined(separator: " · ") }
            return ["fullUrl": "urn:uuid:\(b.id.uuidText.lowercased())", "resource": appointment]
        }
        return ["resourceType": "Bundle", "type": "collection", "timestamp": Instant.iso(now), "total": entries.count, "entry": entries]
    }
}
