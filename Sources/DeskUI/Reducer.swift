import Foundation
import DeskCore

/// The pure update step: a state and an action give the next state and the effects to perform.
public enum Reducer {
    public static func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .resize(let width, let height):
            state.width = width; state.height = height
            if case .help(var help) = state.overlay {
                help.scroll = min(help.scroll, HelpOverlay.maxScroll(help, state))
                state.overlay = .help(help)
            }
            return []
        case .tick(let now):
            let wasToday = state.view.day == LocalDate(state.now, in: state.zone)
            state.now = now
            // At midnight a desk showing "today" moves on to the new day; one showing another day stays there.
            let today = LocalDate(now, in: state.zone)
            if wasToday && state.view.day != today { return [.reload(practiceID: state.view.practice?.id, day: today)] }
            return []
        case .loaded(let view):
            let party = state.selectedParty
            state.view = view
            CallSheetPane.keepSelection(on: state.nextPartyToCall ?? party, &state)
            state.nextPartyToCall = nil
            SearchRoom.selectFoundSlot(&state)
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
        case .hubChanged(let hub):
            state.hub = hub
            return []
        case .searchFound(let bookings, let text):
            SearchRoom.found(bookings, for: text, &state)
            return []
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
            case .enter: return submit(form, &state)
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
            return DocumentOverlay.handle(key, &state)
        case .chooseBooking(var chooser):
            return ConflictChooser.handle(key, &chooser, &state)
        case .notice:
            state.overlay = nil
            return []
        case .search(var panel):
            return SearchRoom.handle(key, &panel, &state)
        case .help(var help):
            return HelpOverlay.handle(key, &help, &state)
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
            form.takenWords = nil
            state.form = form
            if question == .overbook, key == .char("c") || key == .char("C") {
                return BookingForm.chooseAnotherSlot(&state)
            }
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

    /// Carries out one named command from the command table.
    public static func run(_ name: String, _ state: inout AppState) -> [Effect] {
        guard let command = CommandID(rawValue: name) else {
            state.message = "'\(Sanitise.visible(name))' is not a command of this version."
            return []
        }
        return run(command, &state)
    }

    /// Carries out one command: the one list of where each command's handler lives, in the room (pane or overlay)
    /// it belongs to. No default case, so a command without a handler does not compile.
    public static func run(_ command: CommandID, _ state: inout AppState) -> [Effect] {
        state.message = nil
        if state.view.capacity != nil && SlotGridPane.practiceCommands.contains(command) {
            state.message = "This \(state.actor.role.rawValue) terminal shows the capacity board; book with "
                + "downtime-desk book."
            return []
        }
        if ConflictChooser.opens(for: command, &state) { return [] }
        switch command {
        case .quit, .help, .cancel, .focusNext, .focusPrev, .focusSlots, .focusIncoming, .focusCallsheet, .refresh,
             .zoom:
            return global(command, &state)
        case .moveUp: move(&state, by: -1)
        case .moveDown: move(&state, by: 1)
        case .pageUp: move(&state, by: -pageSize(state))
        case .pageDown: move(&state, by: pageSize(state))
        case .first: state.selection[state.focus] = 0
        case .last: state.selection[state.focus] = max(0, state.rowCount(state.focus) - 1)
        case .nextPractice, .prevPractice: return SlotGridPane.stepPractice(command, &state)
        case .nextDay, .prevDay, .goToday: return SlotGridPane.stepDay(command, &state)
        case .goToDate: return SlotGridPane.goToDate(&state)
        case .book: return SlotGridPane.book(&state)
        case .moveBooking: return SlotGridPane.pickUpToMove(&state)
        case .markArrived: return SlotGridPane.statusEffect(&state, .arrived)
        case .markCompleted: return SlotGridPane.statusEffect(&state, .completed)
        case .markDna: return SlotGridPane.markDidNotAttend(&state)
        case .cancelBooking: return SlotGridPane.askWhy(.cancelled, &state)
        case .markError: return SlotGridPane.askWhy(.enteredInError, &state)
        case .toggleBackentry: return IncomingPane.toggleBackEntry(&state)
        case .markEntered: return IncomingPane.markEntered(&state)
        case .markSeen: return IncomingPane.markSeen(&state)
        case .markAllSeen: return IncomingPane.markAllSeen(&state)
        case .logCall: return CallSheetPane.logCall(&state)
        case .toggleRecontact: return CallSheetPane.toggleRecontact(&state)
        case .declareOutage: return BannerPane.declareOutage(&state)
        case .restoreOutage: return BannerPane.restoreOutage(&state)
        case .sendUpdate: return BannerPane.sendUpdate(&state)
        case .acknowledge: return BannerPane.acknowledge(&state)
        case .search: return SearchRoom.open(&state)
        case .showIncident: return DocumentOverlay.showIncident(&state)
        case .showRunbook: return DocumentOverlay.showRunbook(&state)
        case .showHandover: return DocumentOverlay.showHandover(&state)
        case .incidentNote: return DocumentOverlay.incidentNote(&state)
        case .incidentSeverity: return DocumentOverlay.incidentSeverity(&state)
        case .closeIncident: return DocumentOverlay.closeIncident(&state)
        case .tickStep, .yes, .restoreDraft, .discardDraft:
            // They answer an open view or question (handled there); bound elsewhere they have nothing to act on.
            state.message = "'\(command.rawValue)' works only while its view or question is open."
        }
        return []
    }

    /// The commands that belong to no one pane: quitting, help, closing, focus and reading afresh.
    static func global(_ command: CommandID, _ state: inout AppState) -> [Effect] {
        let panes = PaneID.allCases
        let focused = panes.firstIndex(of: state.focus) ?? 0
        switch command {
        case .quit:
            if state.hasUnsavedWork { state.overlay = .confirmQuit; return [] }
            return [.quit]
        case .help: state.overlay = .help(HelpView())
        case .cancel:
            if state.moving != nil { state.message = "Move abandoned; the booking stays where it was." }
            if let form = state.formAwaitingSlot {
                state.form = form
                state.formAwaitingSlot = nil
                state.message = "Back to the booking form; its slot is still \(form.start) \(form.day.longDescription)."
            }
            state.overlay = nil
            state.moving = nil
            state.rearranging = nil
        case .focusNext: state.focus = panes[(focused + 1) % panes.count]
        case .focusPrev: state.focus = panes[(focused + panes.count - 1) % panes.count]
        case .focusSlots: state.focus = .slots
        case .focusIncoming: state.focus = .incoming
        case .focusCallsheet: state.focus = .callsheet
        case .refresh: return [.refresh]
        case .zoom:
            state.zoomed.toggle()
            let key = state.keyHint(.zoom, in: .global)
            state.message = state.zoomed ? "\(state.focus.title) fills the screen; \(key) puts the panes back." : nil
        default: break
        }
        return []
    }

    /// Enter in a prompt form: the room that opened it checks it.
    static func submit(_ form: PromptForm, _ state: inout AppState) -> [Effect] {
        switch form.purpose {
        case .declareOutage: return BannerPane.submitDeclaration(form, &state)
        case .sendUpdate: return BannerPane.submitUpdate(form, &state)
        case .logCall(let id, _): return CallSheetPane.submitCall(form, organisationID: id, &state)
        case .recontactCall(let itemID, let bookingID):
            return CallSheetPane.submitRecontactCall(form, itemID: itemID, bookingID: bookingID, &state)
        case .incidentNote, .incidentSeverity, .closeIncident: return DocumentOverlay.submit(form, &state)
        }
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
}
