import DeskCore

/// A CONFLICT slot holds two or more bookings; every booking action there first asks which one it is for, so a
/// person can move or cancel either and so resolve the conflict at the desk.
enum ConflictChooser {
    /// The grid's booking actions: each needs one booking.
    static let bookingCommands: Set<CommandID> = [.markArrived, .markCompleted, .markDna, .cancelBooking, .markError,
                                                  .moveBooking]

    /// Opens the chooser if `command` acts on a booking of a conflict slot and none is chosen yet.
    static func opens(for command: CommandID, _ state: inout AppState) -> Bool {
        guard state.chosenBookingID == nil, bookingCommands.contains(command),
              state.view.slots.indices.contains(state.selected(.slots)) else { return false }
        let row = state.view.slots[state.selected(.slots)]
        guard row.status == .conflict || row.status == .offTemplate else { return false }
        let candidates = choices(in: row)
        guard candidates.count > 1 else { return false }
        state.overlay = .chooseBooking(BookingChooser(command: command, bookings: candidates))
        return true
    }

    /// The bookings a person may act on in the slot, oldest first (as they were made).
    static func choices(in row: SlotRow) -> [Booking] {
        row.bookings.filter { ($0.status.holdsSlot || $0.status == .didNotAttend) && !$0.isHeldElsewhere }
            .sorted { $0.createdAt < $1.createdAt }
    }

    static func handle(_ key: Key, _ chooser: inout BookingChooser, _ state: inout AppState) -> [Effect] {
        let command = state.keymap.commandID(for: key, in: .pane(state.focus))
        switch key {
        case .escape:
            state.overlay = nil
            state.message = "Nothing changed."
            return []
        case .enter:
            guard chooser.bookings.indices.contains(chooser.selected) else { state.overlay = nil; return [] }
            state.overlay = nil
            state.chosenBookingID = chooser.bookings[chooser.selected].id
            defer { state.chosenBookingID = nil }
            return Reducer.run(chooser.command, &state)
        case .up: chooser.selected = max(0, chooser.selected - 1)
        case .down: chooser.selected = min(chooser.bookings.count - 1, chooser.selected + 1)
        default:
            switch command {
            case .moveUp?: chooser.selected = max(0, chooser.selected - 1)
            case .moveDown?: chooser.selected = min(chooser.bookings.count - 1, chooser.selected + 1)
            case .cancel?, .quit?:
                state.overlay = nil
                state.message = "Nothing changed."
                return []
            default: break
            }
        }
        state.overlay = .chooseBooking(chooser)
        return []
    }

    /// What each command does, in the chooser's question.
    static func verb(_ command: CommandID) -> String {
        switch command {
        case .markArrived: return "mark arrived"
        case .markCompleted: return "mark done"
        case .markDna: return "mark did not attend"
        case .cancelBooking: return "cancel"
        case .markError: return "mark entered in error"
        case .moveBooking: return "move"
        default: return command.rawValue
        }
    }
}
