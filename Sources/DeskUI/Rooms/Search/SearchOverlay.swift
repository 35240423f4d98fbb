import DeskCore
import DeskConfig

/// The search over the panes: the text typed, then one line per booking found, upcoming first.
enum SearchOverlay {
    static func render(_ panel: SearchPanel, state: AppState, into canvas: inout Canvas, within rect: Rect) {
        let box = rect
        canvas.fill(box, role: .dialog)
        canvas.box(box, role: .dialog)
        let inner = box.inset(by: 1)
        canvas.write(" Find a patient's booking ", x: box.x + 2, y: box.y, role: .paneFocus, limit: box.width - 4)
        canvas.write("Name, phone, NHS number or reference: " + panel.text + "▏", x: inner.x + 1, y: inner.y,
                     role: .dialog, limit: inner.width - 1)
        let listTop = inner.y + 2, visible = max(1, inner.height - 4)
        if panel.results.isEmpty {
            let words = panel.text.trimmingCharacters(in: .whitespaces).count < BookingQuery.minimumLength
                ? "Type at least \(BookingQuery.minimumLength) characters: part of a name, a phone or NHS number, "
                    + "or a DT- reference."
                : panel.searched == panel.text ? "No booking matches '\(Sanitise.visible(panel.text))'."
                : "Searching…"
            canvas.write(words, x: inner.x + 1, y: listTop, role: .muted, limit: inner.width - 1)
        }
        let offset = PaneFrame.scrollOffset(selected: panel.selected, count: panel.results.count, visible: visible)
        let today = LocalDate(state.now, in: state.zone)
        for (row, index) in (offset..<min(panel.results.count, offset + visible)).enumerated() {
            let y = listTop + row
            let line = self.line(panel.results[index], today: today, state: state)
            canvas.write((index == panel.selected ? "▶ " : "  ") + line, x: inner.x, y: y,
                         role: panel.results[index].day < today ? .muted : .dialog, limit: inner.width)
            if index == panel.selected {
                canvas.paint(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selection)
            }
        }
        let count = panel.results.count
        let found = count == 0 ? "" : "\(count) booking\(count == 1 ? "" : "s") · "
        canvas.write(found + "Up/Down choose · Enter goes to its day and slot · Esc closes", x: inner.x + 1,
                     y: inner.maxY - 1, role: .muted, limit: inner.width - 1)
    }

    /// Day and time first (what the caller asks), then who, their phone, and where the booking stands.
    static func line(_ booking: Booking, today: LocalDate, state: AppState) -> String {
        let day = booking.day == today ? "today          " : TextWidth.fit(booking.day.longDescription, to: 15)
        let reference = booking.downtimeReference.map { " · \($0)" } ?? ""
        let practice = state.actor.role == .practice ? "" : " · " + state.practiceName(of: booking)
        return "\(day) \(booking.start)  " + TextWidth.fit(Sanitise.visible(booking.patient.name), to: 24) + " "
            + booking.patient.phone.description + "  " + booking.status.label + reference + practice
    }
}
