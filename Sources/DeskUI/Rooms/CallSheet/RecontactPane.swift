import DeskCore
import DeskConfig

/// In the call-sheet's place: the practice's patients to recontact, those still to call first, each with their
/// phone, the slot they had, and how the last call went.
enum RecontactPane {
    static func render(_ state: AppState, into canvas: inout Canvas, at rect: Rect) {
        let lists = state.view.recontactLists
        let rows = state.view.recontactRows
        let remaining = rows.filter { !$0.isSettled }.count
        let practice = state.view.practice?.name ?? "practice"
        let title = "Recontact \(canvas.glyphs.separator) \(remaining) of \(rows.count) to call \(canvas.glyphs.separator) \(practice)"
        let inner = PaneFrame.draw(.callsheet, title: title, state: state, into: &canvas, at: rect)
        guard !lists.isEmpty else {
            canvas.write("No recontact list for \(practice). Make one with downtime-desk recontact create.", x: inner.x + 1, y: inner.y, role: .muted, limit: inner.width - 1)
            return
        }
        // Two lines a patient: the slot, name and phone; then the state of the calls.
        let visible = max(1, inner.height / 2)
        let selected = state.selected(.callsheet)
        let offset = PaneFrame.scrollOffset(selected: selected, count: rows.count, visible: visible)
        for (row, index) in (offset..<min(rows.count, offset + visible)).enumerated() {
            let item = rows[index]
            let y = inner.y + row * 2
            let slot = "\(item.originalDay == state.view.day ? "" : item.originalDay.iso + " ")\(item.originalStart)"
            let head = "\(slot) \(Sanitise.visible(item.booking.patient.name))"
            let phone = item.booking.patient.phone.description
            let nameWidth = max(4, inner.width - TextWidth.of(phone) - 2)
            let role: Role = item.isSettled ? .muted : .callsheetParty
            canvas.write(TextWidth.fit(head, to: nameWidth) + " " + phone, x: inner.x, y: y, role: role, limit: inner.width)
            var status = "  to call"
            if let last = item.lastCall {
                let mark = last.outcome.settlesThePatient ? "✓ " : ""
                status = "  \(mark)\(last.outcome.label)" + (last.movedTo.map { " → \($0)" } ?? "") + " \(Clock.time(last.at, state.zone))"
                    + (item.calls.count > 1 ? " (\(item.calls.count) calls)" : "")
            }
            if state.rearranging == item.id { status = "  choosing a new slot in the grid…" }
            canvas.write(status, x: inner.x, y: y + 1, role: item.lastCall?.outcome == .wrongNumber ? .error : .muted, limit: inner.width)
            if index == selected && state.focus == .callsheet {
                canvas.paint(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selection)
            }
        }
    }
}
