import DeskCore

/// The incoming pane's commands, beside its drawing: new bookings seen, and the back-entry worklist it switches to.
extension IncomingPane {
    static func toggleBackEntry(_ state: inout AppState) -> [Effect] {
        state.showsBackEntry.toggle()
        state.focus = .incoming
        state.selection[.incoming] = 0
        state.message = state.showsBackEntry ? "Back-entry worklist: m marks the selected booking entered." : nil
        return []
    }

    /// Asks for the central system's reference of the selected downtime booking.
    static func markEntered(_ state: inout AppState) -> [Effect] {
        guard state.showsBackEntry, state.view.backEntry.indices.contains(state.selected(.incoming)) else {
            state.message = "Show the back-entry worklist first (B)."
            return []
        }
        let booking = state.view.backEntry[state.selected(.incoming)]
        let question = "Central system reference for \(booking.downtimeReference ?? "") "
            + "(\(Sanitise.visible(booking.patient.name)))?"
        state.overlay = .reason(ReasonPrompt(bookingID: booking.id, purpose: .backEntered, question: question,
                                             label: "Central reference"))
        return []
    }

    static func markSeen(_ state: inout AppState) -> [Effect] {
        if state.showsBackEntry {
            state.message = "This is the back-entry worklist; B shows incoming bookings."
            return []
        }
        guard state.view.incoming.indices.contains(state.selected(.incoming)) else { return [] }
        let booking = state.view.incoming[state.selected(.incoming)]
        guard booking.seenAt == nil else { state.message = "Already seen."; return [] }
        if state.isPracticeDesk && !state.isNew(booking) {
            state.message = "You made this booking, so it is not new to you."
            return []
        }
        return [.markSeen([booking.id])]
    }

    static func markAllSeen(_ state: inout AppState) -> [Effect] {
        let unseen = state.view.incoming.filter { state.isPracticeDesk ? state.isNew($0) : $0.seenAt == nil }.map(\.id)
        if unseen.isEmpty { state.message = "Nothing new to mark seen."; return [] }
        return [.markSeen(unseen)]
    }
}
