import DeskCore
import DeskConfig

/// The conflict chooser: each booking in the slot with its patient, source, when and where it was made, one selected.
enum ChooserOverlay {
    static func render(_ chooser: BookingChooser, state: AppState, into canvas: inout Canvas, within rect: Rect) {
        let start = chooser.bookings.first?.start.description ?? ""
        let question = "The \(start) slot holds \(chooser.bookings.count) bookings. Which one to "
            + "\(ConflictChooser.verb(chooser.command))?"
        let hint = "Up/Down choose · Enter goes on · Esc changes nothing"
        let lines = chooser.bookings.map { line(for: $0, state: state) }
        let widest = ([question, hint] + lines.map { "▶ " + $0 }).map(TextWidth.of).max() ?? 0
        let width = min(rect.width - 2, widest + 6)
        let height = min(rect.height, lines.count + 6)
        let box = Rect(x: rect.x + (rect.width - width) / 2, y: rect.y + max(0, (rect.height - height) / 2),
                       width: width, height: height)
        canvas.fill(box, role: .dialog)
        canvas.box(box, role: .dialog)
        canvas.write(question, x: box.x + 2, y: box.y + 1, role: .dialog, limit: box.width - 4)
        for (index, text) in lines.enumerated() where box.y + 3 + index < box.maxY - 2 {
            let marker = index == chooser.selected ? "▶ " : "  "
            let y = box.y + 3 + index
            canvas.write(marker + text, x: box.x + 2, y: y, role: .dialog, limit: box.width - 4)
            if index == chooser.selected {
                canvas.paint(Rect(x: box.x + 1, y: y, width: box.width - 2, height: 1), role: .selection)
            }
        }
        canvas.write(hint, x: box.x + 2, y: box.maxY - 2, role: .dialog, limit: box.width - 4)
    }

    /// Patient first, whole: the person chooses by name.
    static func line(for booking: Booking, state: AppState) -> String {
        let made = TimeOfDay(booking.createdAt, in: state.zone).description
        let madeDay = LocalDate(booking.createdAt, in: state.zone)
        let today = LocalDate(state.now, in: state.zone)
        let when = madeDay == today ? made : "\(madeDay.day) \(madeDay.monthAbbreviation) \(made)"
        let site = booking.createdSite.map { " at " + Sanitise.visible($0) } ?? ""
        return Sanitise.visible(booking.patient.name) + " · \(booking.source) · made \(when)\(site)"
            + (booking.downtimeReference.map { " · \($0)" } ?? "") + (booking.status == .booked ? "" : " · \(booking.status.label)")
    }
}
