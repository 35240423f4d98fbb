import Foundation
import DeskCore

/// The pure update step: a state and an action give the next state and the effects to perform.
public enum Reducer {
    public static func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .resize(let width, let height):
            state.width = width; state.height = height
            if case .help(let scroll) = state.overlay { state.overlay = .help(scroll: min(scroll, maxHelpScroll(state))) }
            return []
        case .tick(let now):
            let wasToday = state.view.day == LocalDate(state.now, in: state.zone)
            state.now = now
            // At midnight a desk showing "today" moves on to the new day; one showing another day stays there.
            let today = LocalDate(now, in: state.zone)
            if wasToday && state.view.day != today { return [.reload(practiceID: state.view.practice?.id, day: today)] }
            return []
        case .loaded(let view):
            state.view = view
            state.readFailure = nil
            // Closed at another terminal: its views have nothing left to show.
            if view.incident == nil {
                switch state.overlay {
                case .incident?, .runbook?: state.overlay = nil
                default: break
                }
            }
            for pane in PaneID.allCases { clampSelection(&state, pane) }
            return []
        case .readFailed(let reason):
            state.readFailure = ReadFailure(since: state.readFailure?.since ?? state.now, reason: reason)
            return []
        case .writeBlocked(let kind, let reason):
            state.writeTrouble = WriteTrouble(kind: kind, since: state.writeTrouble?.since ?? state.now, reason: reason)
            return []
        case .writeResumed:
            if state.writeTrouble?.kind == .locked { state.message = "Saving works again." }
            state.writeTrouble = nil
            return []
        case .finished(let effect, let result):
            return finished(effect, result, &state)
        case .draftFound(let form):
            state.overlay = .offerDraft(form)
            return []
        case .draftNotKept(let why):
            if state.writeTrouble == nil { state.message = "Could not keep the draft: \(why)" }
            return []
        case .key(let key):
            return handle(key, &state)
        }
    }

    static func handle(_ key: Key, _ state: inout AppState) -> [Effect] {
        // An escape sequence the desk does not know is not a key: nothing moves, closes or changes.
        if key == .unrecognised { return [] }
        if state.overlay == nil, state.form != nil { return handleForm(key, &state) }
        switch state.overlay {
        case .prompt(var form):
            switch key {
            case .escape: state.overlay = nil; state.message = "Nothing changed."
            case .enter: return OutageChainCommands.submit(form, &state)
            case .paste(let text):
                let limit = form.fields[form.focused].maxLength
                state.message = PastedText.message(leftOut: form.paste(text), limit: limit)
                form.problem = nil; state.overlay = .prompt(form)
            default: form.handle(key); form.problem = nil; state.overlay = .prompt(form)
            }
            return []
        case .confirm(_, let effect):
            state.overlay = nil
            if state.answersYes(key) { return [effect] }
            state.message = "Nothing changed."
            return []
        case .reason(var prompt):
            switch key {
            case .escape:
                state.overlay = nil
                state.message = "Nothing changed."
            case .enter:
                let answer = prompt.text.trimmingCharacters(in: .whitespaces)
                guard !answer.isEmpty else { state.message = "\(prompt.label) is required."; return [] }
                state.overlay = nil
                switch prompt.purpose {
                case .status(let status): return [.setStatus(bookingID: prompt.bookingID, status: status, reason: answer)]
                case .backEntered: return [.markBackEntered(bookingID: prompt.bookingID, centralReference: answer)]
                case .goToDate:
                    guard let day = LocalDate(iso: answer) ?? LocalDate(ukSlashed: answer) else {
                        state.overlay = .reason(prompt)
                        state.message = "'\(answer)' is not a date: YYYY-MM-DD or DD/MM/YYYY."
                        return []
                    }
                    state.selection[.slots] = 0
                    return [.reload(practiceID: state.view.practice?.id, day: day)]
                }
            case .paste(let text):
                let (value, leftOut) = PastedText.append(text, to: prompt.text, limit: ReasonPrompt.maxLength)
                prompt.text = value
                state.message = PastedText.message(leftOut: leftOut, limit: ReasonPrompt.maxLength)
                state.overlay = .reason(prompt)
            case .backspace: prompt.text = String(prompt.text.dropLast()); state.overlay = .reason(prompt)
            case .space: prompt.text += " "; state.overlay = .reason(prompt)
            case .char(let c) where prompt.text.count < ReasonPrompt.maxLength: prompt.text.append(c); state.overlay = .reason(prompt)
            default: break
            }
            return []
        case .offerDraft(let form):
            switch state.keymap.commandID(for: key, in: .overlay(.draft)) {
            case .restoreDraft?:
                state.overlay = nil
                state.form = form
                state.message = "Draft restored; Enter saves it."
                return []
            case .discardDraft?:
                state.overlay = nil
                state.message = "Draft discarded."
                return [.clearDraft]
            default:
                state.message = state.draftOfferHint(restore: "restores the unsaved booking", discard: "discards it.")
                return []
            }
        case .confirmQuit:
            if state.answersYes(key) { return [.quit] }
            state.overlay = nil; state.message = "Quit cancelled."; return []
        case .incident, .runbook, .handover:
            return ContinuityCommands.handleView(key, &state)
        case .chooseBooking(var chooser):
            return ConflictChooser.handle(key, &chooser, &state)
        case .notice:
            state.overlay = nil
            return []
        case .help(let scroll):
            switch state.keymap.command(for: key, in: state.focus) {
            case "move-down": state.overlay = .help(scroll: min(scroll + 1, maxHelpScroll(state)))
            case "move-up": state.overlay = .help(scroll: max(0, scroll - 1))
            case "page-down": state.overlay = .help(scroll: min(scroll + 10, maxHelpScroll(state)))
            case "page-up": state.overlay = .help(scroll: max(0, scroll - 10))
            case "help", "cancel", "quit": state.overlay = nil
            default: break
            }
            return []
        case nil:
            if case .paste = key {
                state.message = "Pasted text goes into a form field; here it does nothing."
                return []
            }
            guard let command = state.keymap.command(for: key, in: state.focus) else {
                state.message = "\(key) is not bound here; ? lists the keys"
                return []
            }
            return run(command, &state)
        }
    }

    /// Keys while the booking form is open: its own fixed keys, since it takes text.
    static func handleForm(_ key: Key, _ state: inout AppState) -> [Effect] {
        guard var form = state.form else { return [] }
        if let question = form.question {
            form.question = nil
            state.form = form
            guard state.answersYes(key) else { return [] }
            switch question {
            case .abandon:
                state.form = nil
                state.message = "Booking form discarded."
                return [.clearDraft]
            case .overbook:
                return [.book(form, overbook: true)]
            }
        }
        switch key {
        case .escape:
            if form.isEmpty {
                state.form = nil
                return [.clearDraft]
            }
            state.form?.question = .abandon
            return []
        case .enter:
            state.form?.submitted = true
            if case .failure = form.draft.validate(today: LocalDate(state.now, in: state.zone), resolveED: state.view.edID(named:)) {
                state.message = "Not saved: fix the fields marked ✗."
                return []
            }
            return [.book(form, overbook: false)]
        case .paste(let text):
            let leftOut = form.paste(text)
            state.message = PastedText.message(leftOut: leftOut, limit: BookingForm.pasteLimit(form.field))
            let changed = form.draft != state.form?.draft
            state.form = form
            return changed ? [.saveDraft(form)] : []
        default:
            let changed = form.handle(key, sources: BookingForm.sources(edNames: state.view.edNames))
            state.form = form
            return changed ? [.saveDraft(form)] : []
        }
    }

    /// Commands that work on one practice's bookings, which a capacity-board terminal does not show.
    static let practiceCommands: Set<CommandID> = [.book, .markArrived, .markCompleted, .markDna, .cancelBooking,
                                                   .markError, .moveBooking, .nextPractice, .prevPractice]

    /// Carries out one named command from the command table.
    public static func run(_ name: String, _ state: inout AppState) -> [Effect] {
        guard let command = CommandID(rawValue: name) else {
            state.message = "'\(Sanitise.visible(name))' is not a command of this version."
            return []
        }
        return run(command, &state)
    }

    /// Carries out one command. No default case: every command has its handler here.
    public static func run(_ command: CommandID, _ state: inout AppState) -> [Effect] {
        state.message = nil
        if state.view.capacity != nil && practiceCommands.contains(command) {
            state.message = "This \(state.actor.role.rawValue) terminal shows the capacity board; book with downtime-desk book."
            return []
        }
        if ConflictChooser.opens(for: command.rawValue, &state) { return [] }
        let panes = PaneID.allCases
        switch command {
        case .quit:
            if state.hasUnsavedWork { state.overlay = .confirmQuit; return [] }
            return [.quit]
        case .help: state.overlay = .help(scroll: 0)
        case .cancel:
            if state.moving != nil { state.message = "Move abandoned; the booking stays where it was." }
            state.overlay = nil
            state.moving = nil
            state.rearranging = nil
        case .focusNext: state.focus = panes[(panes.firstIndex(of: state.focus)! + 1) % panes.count]
        case .focusPrev: state.focus = panes[(panes.firstIndex(of: state.focus)! + panes.count - 1) % panes.count]
        case .focusSlots: state.focus = .slots
        case .focusIncoming: state.focus = .incoming
        case .focusCallsheet: state.focus = .callsheet
        case .nextPractice, .prevPractice:
            let practices = state.view.practices
            guard !practices.isEmpty else { state.message = "No practices in the directory yet."; return [] }
            let current = practices.firstIndex { $0.id == state.view.practice?.id } ?? 0
            let step = command == .nextPractice ? 1 : practices.count - 1
            let next = practices[(current + step) % practices.count]
            state.selection[.slots] = 0
            state.selection[.incoming] = 0
            return [.reload(practiceID: next.id, day: state.view.day)]
        case .refresh: return [.refresh]
        case .nextDay, .prevDay, .goToday:
            let day = command == .goToday ? LocalDate(state.now, in: state.zone)
                : state.view.day.adding(days: command == .nextDay ? 1 : -1)
            state.selection[.slots] = 0
            return [.reload(practiceID: state.view.practice?.id, day: day)]
        case .goToDate:
            state.overlay = .reason(ReasonPrompt(bookingID: UUID(), purpose: .goToDate, question: "Show which day's slots?", label: "Date"))
        case .moveBooking:
            guard state.view.slots.indices.contains(state.selected(.slots)) else { return [] }
            let row = state.view.slots[state.selected(.slots)]
            let live = row.bookings.filter { $0.status == .booked && (state.chosenBookingID ?? $0.id) == $0.id }
            guard live.count == 1 else {
                state.message = live.isEmpty ? "No booked appointment in the \(row.slot.start) slot to move." : "Pick one: this slot holds a conflict; cancel one booking first."
                return []
            }
            state.moving = live[0]
            state.message = "Moving \(Sanitise.visible(live[0].patient.name)): choose the new slot (any day) and press Enter; Esc keeps it where it is."
        case .book:
            guard let practice = state.view.practice, state.view.slots.indices.contains(state.selected(.slots)) else {
                state.message = "Choose a slot in the slot grid first."
                return []
            }
            let row = state.view.slots[state.selected(.slots)]
            if let moving = state.moving {
                let rearranging = state.rearranging
                state.moving = nil
                state.rearranging = nil
                guard moving.practiceID == practice.id else { state.message = "A booking moves within its own practice."; return [] }
                if let rearranging { return [.rearrange(itemID: rearranging, day: state.view.day, start: row.slot.start, note: state.rearrangeNote)] }
                return [.move(bookingID: moving.id, day: state.view.day, start: row.slot.start)]
            }
            if row.status == .blocked { state.message = "The \(row.slot.start) slot is blocked: \(row.slot.blockedReason ?? "")"; return [] }
            if row.status == .offTemplate {
                state.message = "\(row.slot.start) is no longer a slot (the template changed): M moves the booking "
                    + "to one."
                return []
            }
            state.form = BookingForm(practiceID: practice.id, practiceName: practice.name, day: state.view.day, start: row.slot.start)
            if row.status != .free { state.message = "That slot is taken; saving will ask before overbooking." }
        case .markArrived: return statusEffect(&state, .arrived)
        case .markCompleted: return statusEffect(&state, .completed)
        case .markDna:
            // Did-not-attend goes on the patient's record, so one stray key does not make it: it asks first.
            guard let effect = statusEffect(&state, .didNotAttend).first, case .setStatus(let id, _, _) = effect,
                  let booking = state.view.slots.flatMap(\.bookings).first(where: { $0.id == id }) else { return [] }
            state.overlay = .confirm(question: "Mark \(Sanitise.visible(booking.patient.name))'s \(booking.start) "
                + "booking "
                                     + "as did not attend?", effect: effect)
        case .cancelBooking, .markError:
            let status: BookingStatus = command == .cancelBooking ? .cancelled : .enteredInError
            guard case .setStatus(let id, _, _)? = statusEffect(&state, status).first,
                  let booking = state.view.slots.flatMap(\.bookings).first(where: { $0.id == id }) else { return [] }
            let verb = status == .cancelled ? "cancelling" : "marking entered in error"
            state.overlay = .reason(ReasonPrompt(bookingID: id, purpose: .status(status),
                                                 question: "Why are you \(verb) \(Sanitise.visible(booking.patient.name))'s \(booking.start) booking?"))
        case .toggleBackentry:
            state.showsBackEntry.toggle()
            state.focus = .incoming
            state.selection[.incoming] = 0
            state.message = state.showsBackEntry ? "Back-entry worklist: m marks the selected booking entered." : nil
        case .markEntered:
            guard state.showsBackEntry, state.view.backEntry.indices.contains(state.selected(.incoming)) else {
                state.message = "Show the back-entry worklist first (B)."
                return []
            }
            let booking = state.view.backEntry[state.selected(.incoming)]
            state.overlay = .reason(ReasonPrompt(bookingID: booking.id, purpose: .backEntered,
                                                 question: "Central system reference for \(booking.downtimeReference ?? "") (\(Sanitise.visible(booking.patient.name)))?",
                                                 label: "Central reference"))
        case .markSeen:
            if state.showsBackEntry { state.message = "This is the back-entry worklist; B shows incoming bookings."; return [] }
            guard state.view.incoming.indices.contains(state.selected(.incoming)) else { return [] }
            let booking = state.view.incoming[state.selected(.incoming)]
            guard booking.seenAt == nil else { state.message = "Already seen."; return [] }
            return [.markSeen([booking.id])]
        case .markAllSeen:
            let unseen = state.view.incoming.filter { $0.seenAt == nil }.map(\.id)
            if unseen.isEmpty { state.message = "Nothing new to mark seen." ; return [] }
            return [.markSeen(unseen)]
        case .logCall where state.showsRecontact: return ContinuityCommands.logRecontactCall(&state)
        case .declareOutage, .restoreOutage, .acknowledge, .logCall:
            return OutageChainCommands.run(command, &state)
        case .showIncident, .showRunbook, .showHandover, .toggleRecontact, .incidentNote, .incidentSeverity,
             .closeIncident:
            return ContinuityCommands.run(command, &state)
        case .tickStep, .yes, .restoreDraft, .discardDraft:
            // They answer an open view or question; bound in another scope they have nothing to act on.
            state.message = "'\(command.rawValue)' works only while its view or question is open."
        case .moveUp: move(&state, by: -1)
        case .moveDown: move(&state, by: 1)
        case .pageUp: move(&state, by: -pageSize(state))
        case .pageDown: move(&state, by: pageSize(state))
        case .first: state.selection[state.focus] = 0
        case .last: state.selection[state.focus] = max(0, state.rowCount(state.focus) - 1)
        }
        return []
    }

    /// The selected slot's live booking moved to `status`, if the lifecycle allows it; otherwise say why here.
    static func statusEffect(_ state: inout AppState, _ status: BookingStatus) -> [Effect] {
        guard state.view.slots.indices.contains(state.selected(.slots)) else { return [] }
        let row = state.view.slots[state.selected(.slots)]
        // In a conflict slot the chooser has named the booking; the same moves are allowed on it as anywhere.
        let live = row.bookings.filter {
            ($0.status.holdsSlot || $0.status == .didNotAttend) && (state.chosenBookingID ?? $0.id) == $0.id
        }
        guard let booking = live.first(where: { $0.status.canMove(to: status) }) else {
            state.message = live.isEmpty ? "No booking in the \(row.slot.start) slot."
                : "A booking that is \(live[0].status.label) cannot be marked \(status.label)."
            return []
        }
        return [.setStatus(bookingID: booking.id, status: status, reason: nil)]
    }

    static func move(_ state: inout AppState, by delta: Int) {
        state.selection[state.focus] = state.selected(state.focus) + delta
        clampSelection(&state, state.focus)
    }

    static func clampSelection(_ state: inout AppState, _ pane: PaneID) {
        state.selection[pane] = max(0, min(state.selected(pane), state.rowCount(pane) - 1))
    }

    static func pageSize(_ state: AppState) -> Int {
        guard let layout = Screen.layout(for: state) else { return 10 }
        return max(1, layout.rect(for: state.focus).height - 4)
    }

    static func maxHelpScroll(_ state: AppState) -> Int {
        max(0, HelpOverlay.lines(state.keymap).count - max(1, state.height - 6))
    }
}
