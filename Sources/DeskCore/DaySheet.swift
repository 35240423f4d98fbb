import Foundation

/// The paper day sheet: every slot with its booking or blank lines to write on, the day's spare downtime
/// references, the practice's numbers and the patient information. Plain text, 80 columns, pages split by form feeds,
/// so `lp` prints it and it is the whole plan if every computer fails.
public enum DaySheet {
    public static let width = 80
    public static let pageLines = 60

    public static func render(practice: Organisation, day: LocalDate, rows: [SlotRow], spareReferences: [String],
                              patientInformation: String, printedAt: String, printedBy: String) -> String {
        var body: [String] = []
        body.append("Practice phone: " + (practice.phones.map(\.description).joined(separator: ", ")))
        body.append("Printed \(printedAt) by \(Sanitise.visible(printedBy)).")
        body.append("CONTAINS PATIENT DETAILS: keep it secure; shred it once all is back-entered.")
        body.append(String(repeating: "=", count: width))
        body.append("Time   Status     Patient, phone, source, downtime ref")
        body.append(String(repeating: "-", count: width))
        for row in rows {
            let live = row.bookings.filter { $0.status != .cancelled && $0.status != .enteredInError }
            if row.status == .blocked {
                body.append("\(row.slot.start)  BLOCKED    \(Sanitise.visible(row.slot.blockedReason ?? ""))")
            } else if live.isEmpty {
                body.append("\(row.slot.start)  free       Name: ______________________________  Phone: _______________")
                body.append("                  Triage: urgent / routine  Source: ________  DT ref: _________")
            } else {
                for booking in live {
                    let shared = row.status == .conflict || row.status == .offTemplate
                    let line = "\(row.slot.start)  \(pad(shared ? row.status.label : booking.status.label, 10)) "
                        + "\(Sanitise.visible(booking.patient.name))  \(booking.patient.phone)  \(booking.source)"
                        + (booking.downtimeReference.map { "  \($0)" } ?? "")
                    body += Paper.wrapped(line, hang: 19)
                }
            }
            body.append("")
        }
        body.append(String(repeating: "-", count: width))
        if !spareReferences.isEmpty {
            body.append("Downtime references for paper bookings today (use in order; cross out each):")
            body += TextWidth.wrap(spareReferences.joined(separator: "  "), width: width)
            body.append("")
        }
        body += Paper.reflowed(patientInformation, width: width)
        return Paper.paginate(heading: "DAY SHEET: \(practice.name), \(day.longDescription)", body: body)
    }

    /// Pads to the column; a longer word is kept whole, since paper must not cut a status.
    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

}
