import DeskCore
import DeskConfig

/// The back-entry worklist in the incoming pane's place: this practice's downtime bookings not yet in the central
/// system, oldest first, until there are none (on other terminals every practice's, without the patients).
public enum BackEntryPane: PaneRenderer {
    public static func render(_ state: AppState, into canvas: inout Canvas, at rect: Rect) {
        let rows = state.view.backEntry
        let inner = PaneFrame.draw(.incoming, title: "Back-entry (\(rows.count) left)", state: state, into: &canvas, at: rect)
        if rows.isEmpty {
            canvas.write("Nothing to back-enter. B shows incoming bookings.", x: inner.x + 1, y: inner.y, role: .muted, limit: inner.width - 1)
            return
        }
        let selected = state.selected(.incoming)
        let offset = PaneFrame.scrollOffset(selected: selected, count: rows.count, visible: inner.height)
        for (line, index) in (offset..<min(rows.count, offset + inner.height)).enumerated() {
            let booking = rows[index]
            let y = inner.y + line
            let head = TextWidth.fit(booking.downtimeReference ?? "", to: 20) + " " + booking.day.iso.suffix(5) + " " + booking.start.description + " "
            let text = head + IncomingPane.who(booking, state)
            canvas.write(TextWidth.fit(text, to: inner.width), x: inner.x, y: y, role: .slotDowntime, limit: inner.width)
            if index == selected && state.focus == .incoming { canvas.paint(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selection) }
        }
    }
}
