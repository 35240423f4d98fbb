import DeskCore
import DeskConfig

/// Bookings newest first: at a practice its own, with the unseen ones marked NEW until someone marks them seen; on
/// any other terminal the latest at every practice, each saying which practice it is at.
public enum IncomingPane: PaneRenderer {
    public static func render(_ state: AppState, into canvas: inout Canvas, at rect: Rect) {
        let view = state.view
        let unseen = state.unseenCount
        let title = state.isPracticeDesk ? "Incoming bookings" + (unseen > 0 ? " (\(unseen) new)" : "")
            : PaneFrame.fitting(["Latest bookings \(canvas.glyphs.separator) every practice", "Latest bookings"],
                                .incoming, state: state, width: rect.width)
        let inner = PaneFrame.draw(.incoming, title: title, state: state, into: &canvas, at: rect)
        if view.incoming.isEmpty {
            canvas.write("No bookings yet.", x: inner.x + 1, y: inner.y, role: .muted, limit: inner.width - 1)
            return
        }
        let selected = state.selected(.incoming)
        let offset = PaneFrame.scrollOffset(selected: selected, count: view.incoming.count, visible: inner.height)
        let shown = Array(view.incoming[offset..<min(view.incoming.count, offset + inner.height)])
        let columns = Columns(shown, state: state, width: inner.width)
        for (row, booking) in shown.enumerated() {
            let y = inner.y + row
            canvas.write(columns.line(booking), x: inner.x, y: y,
                         role: state.isNew(booking) ? .bookingUnseen : .ui, limit: inner.width)
            if offset + row == selected && state.focus == .incoming {
                canvas.paint(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selection)
            }
        }
    }

    /// One line per booking. What a receptionist needs is who, when they are due and where the booking came from;
    /// on a narrow pane the time it was made goes first, then how long until the slot (the slot's time says it).
    struct Columns {
        let state: AppState
        let width: Int
        let showsMade: Bool
        let showsDueIn: Bool
        /// Narrower than this, a name is no longer told apart at a glance.
        static let wantedWho = 16

        init(_ bookings: [Booking], state: AppState, width: Int) {
            self.state = state; self.width = width
            let longest = bookings.map { TextWidth.of(IncomingPane.who($0, state)) }.max() ?? 0
            let wanted = min(longest, Columns.wantedWho)
            func whoRoom(made: Bool, dueIn: Bool) -> Int {
                width - Columns.headWidth(state, made: made) - (dueIn ? 8 : 0)
            }
            showsMade = whoRoom(made: true, dueIn: true) >= wanted
            showsDueIn = showsMade || whoRoom(made: false, dueIn: true) >= wanted
        }

        static func headWidth(_ state: AppState, made: Bool) -> Int {
            (state.isPracticeDesk ? 4 : 0) + (made ? 6 : 0) + 8 + 6
        }

        func line(_ booking: Booking) -> String {
            var head = state.isPracticeDesk ? (state.isNew(booking) ? "NEW " : "    ") : ""
            if showsMade { head += Clock.time(booking.createdAt, state.zone) + " " }
            head += TextWidth.fit(booking.source.description, to: 7) + " " + booking.start.description + " "
            let due = IncomingPane.dueText(booking, state, relative: showsDueIn)
            let tail = due.isEmpty ? "" : " " + due
            let whoWidth = max(4, width - TextWidth.of(head) - TextWidth.of(tail))
            return TextWidth.fit(head + TextWidth.fit(IncomingPane.who(booking, state), to: whoWidth) + tail, to: width)
        }
    }

    /// The patient where this terminal may see them; elsewhere the practice the booking is at, never the patient.
    static func who(_ booking: Booking, _ state: AppState) -> String {
        let practice = state.practiceName(of: booking)
        let patient = Sanitise.visible(booking.patient.name)
        if state.isPracticeDesk { return state.showsPatient(booking) ? patient : "at " + practice }
        return state.showsPatient(booking) ? "\(practice): \(patient)" : practice
    }

    /// How soon the patient is due, relative to the clock: "in 40m", "due", "past", or the day for later dates.
    /// Without `relative`, a booked slot today says nothing more than its time.
    static func dueText(_ booking: Booking, _ state: AppState, relative: Bool = true) -> String {
        let today = LocalDate(state.now, in: state.zone)
        if booking.day != today {
            return booking.day < today ? "past" : "\(booking.day.day) \(booking.day.monthAbbreviation)"
        }
        if booking.status != .booked { return booking.status == .arrived ? "here" : booking.status.rawValue }
        let minutes = booking.start.minutes - TimeOfDay(state.now, in: state.zone).minutes
        if minutes < -30 { return "late" }
        if !relative { return "" }
        if minutes <= 0 { return "due" }
        return "in " + Clock.duration(Double(minutes * 60))
    }
}

extension AppState {
    /// The terminal is a practice's reception: its incoming pane is its own bookings, to be marked seen.
    var isPracticeDesk: Bool { actor.role == .practice }

    /// NEW to a practice's reception: not yet seen, and not made by this person at this site (whoever booked it
    /// has seen it; a colleague's booking is still news at the next desk).
    func isNew(_ booking: Booking) -> Bool {
        let madeByMe = booking.createdSite == actor.site && booking.createdBy == actor.user
        return isPracticeDesk && booking.seenAt == nil && !madeByMe
    }

    var unseenCount: Int { view.incoming.filter(isNew).count }
}
