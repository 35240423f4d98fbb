import Foundation
import DeskCore

/// The patient search (`/`): what has been typed, the bookings it found, and the one selected to go to.
public struct SearchPanel: Equatable, Sendable {
    public var text = ""
    public var results: [Booking] = []
    public var selected = 0
    /// The text the results are for: while it differs from `text`, they are the last search's.
    public var searched = ""
    /// The most a search holds, typed or pasted.
    public static let maxLength = 60

    public init() {}
}

/// Finding a patient's booking across days, and going to its day and slot.
enum SearchRoom {
    static func open(_ state: inout AppState) -> [Effect] {
        if case .failure(let refusal) = scope(state) {
            state.message = "No search here: \(refusal)."
            return []
        }
        state.overlay = .search(SearchPanel())
        return []
    }

    /// Whose bookings this terminal may search, from its site (never from anything typed).
    static func scope(_ state: AppState) -> Result<BookingSearchScope, SiteRefusal> {
        let own = state.view.practices.first { $0.name == state.actor.site }?.id
        let kind: OrganisationKind? = state.actor.site.isEmpty ? .practice : OrganisationKind(state.actor.role)
        return BookingSearchScope.for(site: state.actor.site, kind: kind, practiceID: own ?? state.view.practice?.id)
    }

    static func handle(_ key: Key, _ panel: inout SearchPanel, _ state: inout AppState) -> [Effect] {
        var edited = false
        switch key {
        case .escape:
            state.overlay = nil
            return []
        case .enter:
            guard panel.results.indices.contains(panel.selected) else {
                state.message = panel.text.count < BookingQuery.minimumLength
                    ? "Type at least \(BookingQuery.minimumLength) characters." : "No booking matches."
                state.overlay = .search(panel)
                return []
            }
            return goTo(panel.results[panel.selected], &state)
        case .up: panel.selected = max(0, panel.selected - 1)
        case .down: panel.selected = min(max(0, panel.results.count - 1), panel.selected + 1)
        case .pageUp: panel.selected = max(0, panel.selected - 10)
        case .pageDown: panel.selected = min(max(0, panel.results.count - 1), panel.selected + 10)
        case .paste(let text):
            let (value, leftOut) = PastedText.append(text, to: panel.text, limit: SearchPanel.maxLength)
            panel.text = value
            state.message = PastedText.message(leftOut: leftOut, limit: SearchPanel.maxLength)
            edited = true
        default: edited = TypedLine.edit(&panel.text, key, limit: SearchPanel.maxLength)
        }
        state.overlay = .search(panel)
        guard edited else { return [] }
        guard let query = BookingQuery(panel.text), case .success(let scope) = scope(state) else {
            panel.results = []; panel.selected = 0; panel.searched = panel.text
            state.overlay = .search(panel)
            return []
        }
        return [.search(query, scope)]
    }

    /// The store's answer; an answer for text since changed is dropped (the newer search is on its way).
    static func found(_ bookings: [Booking], for text: String, _ state: inout AppState) {
        guard case .search(var panel)? = state.overlay, panel.text.trimmingCharacters(in: .whitespaces) == text
        else { return }
        panel.results = bookings.filter { state.showsPatient($0) && !$0.isHeldElsewhere }
        panel.selected = 0
        panel.searched = panel.text
        state.overlay = .search(panel)
    }

    /// Enter on a result: that practice's grid on that day, with the booking's slot selected.
    static func goTo(_ booking: Booking, _ state: inout AppState) -> [Effect] {
        state.overlay = nil
        let when = "\(booking.day.longDescription) at \(booking.start)"
        let name = Sanitise.visible(booking.patient.name)
        if state.view.capacity != nil {
            // The capacity board stands in for grids here: the answer is the words, whole.
            state.overlay = .notice(title: "\(name): \(when)", lines: [
                "at \(state.practiceName(of: booking)) (\(booking.status.label)), phone \(booking.patient.phone)."])
            return []
        }
        state.focus = .slots
        state.zoomed = state.zoomed && state.arrangement.main == .slots
        state.slotToSelect = booking.id
        // The grid's title says the day and its selection the slot; the message must fit beside who is here.
        state.message = "\(name) at \(booking.start), \(booking.status.label)."
        return [.reload(practiceID: booking.practiceID, day: booking.day)]
    }

    /// After the grid is read: the row holding the booking searched for.
    static func selectFoundSlot(_ state: inout AppState) {
        guard let id = state.slotToSelect else { return }
        state.slotToSelect = nil
        if let row = state.view.slots.firstIndex(where: { $0.bookings.contains { $0.id == id } }) {
            state.selection[.slots] = row
        }
    }
}
