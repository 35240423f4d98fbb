import Foundation
import DeskCore

/// The slot grid's commands, beside its drawing: stepping through practices and days, booking, moving and each step
/// in a booking's life. `Reducer.run` sends each command here by name.
extension SlotGridPane {
    /// Commands that work on one practice's bookings, which a capacity-board terminal does not show.
    static let practiceCommands: Set<CommandID> = [.book, .markArrived, .markCompleted, .markDna, .cancelBooking,
                                                   .markError, .moveBooking, .nextPractice, .prevPractice]

    static func stepPractice(_ command: CommandID, _ state: inout AppState) -> [Effect] {
        let practices = state.view.practices
        guard !practices.isEmpty else { state.message = "No practices in the directory yet."; return [] }
        let current = practices.firstIndex { $0.id == state.view.practice?.id } ?? 0
        let step = command == .nextPractice ? 1 : practices.count - 1
        let next = practices[(current + step) % practices.count]
        state.selection[.slots] = 0
        state.selection[.incoming] = 0
        return [.reload(practiceID: next.id, day: state.view.day)]
    }

    static func stepDay(_ command: CommandID, _ state: inout AppState) -> [Effect] {
        let day = command == .goToday ? LocalDate(state.now, in: state.zone)
            : state.view.day.adding(days: command == .nextDay ? 1 : -1)
        state.selection[.slots] = 0
        return [.reload(practiceID: state.view.practice?.id, day: day)]
    }

    static func goToDate(_ state: inout AppState) -> [Effect] {
        state.overlay = .reason(ReasonPrompt(bookingID: UUID(), purpose: .goToDate, question: "Show which day's slots?",
                                             label: "Date"))
        return []
    }

    static func pickUpToMove(_ state: inout AppState) -> [Effect] {
        guard state.view.slots.indices.contains(state.selected(.slots)) else { return [] }
        let row = state.view.slots[state.selected(.slots)]
        let live = row.bookings.filter {
            $0.status == .booked && !$0.isHeldElsewhere && (state.chosenBookingID ?? $0.id) == $0.id
        }
        if live.isEmpty, let refusal = heldElsewhereRefusal(row) { state.message = refusal; return [] }
        guard live.count == 1 else {
            state.message = live.isEmpty ? "No booked appointment in the \(row.slot.start) slot to move."
                : "Pick one: this slot holds a conflict; cancel one booking first."
            return []
        }
        state.moving = live[0]
        state.message = "Moving \(Sanitise.visible(live[0].patient.name)): choose the new slot (any day) and press "
            + "Enter; Esc keeps it where it is."
        return []
    }

    /// Enter on a slot: put down the booking being moved, or open the booking form.
    static func book(_ state: inout AppState) -> [Effect] {
        guard let practice = state.view.practice, state.view.slots.indices.contains(state.selected(.slots)) else {
            state.message = "Choose a slot in the slot grid first."
            return []
        }
        let row = state.view.slots[state.selected(.slots)]
        if let waiting = state.formAwaitingSlot {
            return BookingForm.place(waiting, in: row, practice: practice, &state)
        }
        if let moving = state.moving {
            let rearranging = state.rearranging
            state.moving = nil
            state.rearranging = nil
            guard moving.practiceID == practice.id else {
                state.message = "A booking moves within its own practice."
                return []
            }
            if let rearranging {
                return [.rearrange(itemID: rearranging, day: state.view.day, start: row.slot.start,
                                   note: state.rearrangeNote)]
            }
            return [.move(bookingID: moving.id, day: state.view.day, start: row.slot.start)]
        }
        if row.status == .blocked {
            state.message = "The \(row.slot.start) slot is blocked: \(row.slot.blockedReason ?? "")"
            return []
        }
        if row.status == .offTemplate {
            state.message = "\(row.slot.start) is no longer a slot (the template changed): M moves the booking "
                + "to one."
            return []
        }
        state.form = BookingForm(practiceID: practice.id, practiceName: practice.name, day: state.view.day,
                                 start: row.slot.start)
        if row.status != .free { state.message = "That slot is taken; saving will ask before overbooking." }
        return []
    }

    static func markDidNotAttend(_ state: inout AppState) -> [Effect] {
        // Did-not-attend goes on the patient's record, so one stray key does not make it: it asks first.
        guard let effect = statusEffect(&state, .didNotAttend).first, case .setStatus(let id, _, _) = effect,
              let booking = state.view.slots.flatMap(\.bookings).first(where: { $0.id == id }) else { return [] }
        state.overlay = .confirm(question: "Mark \(Sanitise.visible(booking.patient.name))'s \(booking.start) "
            + "booking as did not attend?", effect: effect)
        return []
    }

    /// Cancelling and marking in error ask for the reason first.
    static func askWhy(_ status: BookingStatus, _ state: inout AppState) -> [Effect] {
        guard case .setStatus(let id, _, _)? = statusEffect(&state, status).first,
              let booking = state.view.slots.flatMap(\.bookings).first(where: { $0.id == id }) else { return [] }
        let verb = status == .cancelled ? "cancelling" : "marking entered in error"
        let question = "Why are you \(verb) \(Sanitise.visible(booking.patient.name))'s \(booking.start) booking?"
        state.overlay = .reason(ReasonPrompt(bookingID: id, purpose: .status(status), question: question))
        return []
    }

    /// A slot held only by a booking another site made (this site may not read it) is that practice's to change.
    static func heldElsewhereRefusal(_ row: SlotRow) -> String? {
        guard row.bookings.contains(where: \.isHeldElsewhere) else { return nil }
        return "The \(row.slot.start) slot was booked at another site; only its practice can change that booking."
    }

    /// The selected slot's live booking moved to `status`, if the lifecycle allows it; otherwise say why here.
    static func statusEffect(_ state: inout AppState, _ status: BookingStatus) -> [Effect] {
        guard state.view.slots.indices.contains(state.selected(.slots)) else { return [] }
        let row = state.view.slots[state.selected(.slots)]
        // In a conflict slot the chooser has named the booking; the same moves are allowed on it as anywhere.
        let live = row.bookings.filter {
            ($0.status.holdsSlot || $0.status == .didNotAttend) && !$0.isHeldElsewhere
                && (state.chosenBookingID ?? $0.id) == $0.id
        }
        if live.isEmpty, let refusal = heldElsewhereRefusal(row) { state.message = refusal; return [] }
        guard let booking = live.first(where: { $0.status.canMove(to: status) }) else {
            state.message = live.isEmpty ? "No booking in the \(row.slot.start) slot."
                : "A booking that is \(live[0].status.label) cannot be marked \(status.label)."
            return []
        }
        return [.setStatus(bookingID: booking.id, status: status, reason: nil)]
    }
}
