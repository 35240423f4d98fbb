import DeskCore
import DeskConfig

/// Bookings for this practice, newest first; unseen ones say NEW until someone marks them seen.
public enum IncomingPane: PaneRenderer {
    public static func render(_ state: AppState, into canvas: inout Canvas, at rect: Rect) {
        let view = state.view
        let unseen = view.unseenCount
        let title = "Incoming bookings" + (unseen > 0 ? " (\(unseen) new)" : "")
        let inner = PaneFrame.draw(.incoming, title: title, state: state, into: &canvas, at: rect)
        if view.incoming.isEmpty {
            canvas.write("No bookings yet.", x: inner.x + 1, y: inner.y, role: .muted, limit: inner.width - 1)
            return
        }
        let selected = state.selected(.incoming)
        let offset = PaneFrame.scrollOffset(selected: selected, count: view.incoming.count, visible: inner.height)
        for (row, index) in (offset..<min(view.incoming.count, offset + inner.height)).enumerated() {
            let booking = view.incoming[index]
            let y = inner.y + row
            let isNew = booking.seenAt == nil
            let dueIn = dueText(booking, state)
            let head = (isNew ? "NEW " : "    ") + Clock.time(booking.createdAt, state.zone) + " "
                + TextWidth.fit(booking.source.description, to: 7) + " " + booking.start.description + " "
            let tail = " " + dueIn
            let nameWidth = max(4, inner.width - TextWidth.of(head) - TextWidth.of(tail))
            let line = head + TextWidth.fit(shownName(booking, state), to: nameWidth) + tail
            canvas.write(TextWidth.fit(line, to: inner.width), x: inner.x, y: y, role: isNew ? .bookingUnseen : .ui, limit: inner.width)
            if index == selected && state.focus == .incoming { canvas.paint(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selection) }
        }
    }

    /// Patient details stay with the practice (and the site that made the booking): another terminal sees which
    /// practice the booking is at, never who the patient is.
    static func shownName(_ booking: Booking, _ state: AppState) -> String {
        state.showsPatient(booking) ? booking.patient.name : "at " + state.practiceName(of: booking)
    }

    /// How soon the patient is due, relative to the clock: "in 40m", "due", "past", or the day for later dates.
    static func dueText(_ booking: Booking, _ state: AppState) -> String {
        let today = LocalDate(state.now, in: state.zone)
        if booking.day != today { return booking.day < today ? "past" : booking.day.iso.suffix(5).description }
        if booking.status != .booked { return booking.status == .arrived ? "here" : booking.status.rawValue }
        let minutes = booking.start.minutes - TimeOfDay(state.now, in: state.zone).minutes
        if minutes < -30 { return "late" }
        if minutes <= 0 { return "due" }
        return "in " + Clock.duration(Double(minutes * 60))
    }
}
