import Foundation
import DeskCore

/// The booking form's state: where the booking goes, what has been typed, which field has the cursor.
/// It is Codable so a half-filled form can be saved as a draft and offered back after a crash.
public struct BookingForm: Equatable, Codable, Sendable {
    public var practiceID: UUID
    public var practiceName: String
    public var day: LocalDate
    public var start: TimeOfDay
    public var draft = BookingDraft()
    public var field: BookingDraft.Field = .patientName
    /// Fields the person has left; their problems show. All show after a save attempt.
    public var visited: Set<BookingDraft.Field> = []
    public var submitted = false
    public var question: Question?
    /// Why the slot could not be had, naming who holds it in full: shown with the overbook question.
    public var takenWords: String?

    /// A yes/no the form is waiting for.
    public enum Question: String, Codable, Sendable {
        case abandon, overbook
    }

    public init(practiceID: UUID, practiceName: String, day: LocalDate, start: TimeOfDay) {
        self.practiceID = practiceID; self.practiceName = practiceName; self.day = day; self.start = start
    }

    /// Nothing typed yet: closing it loses nothing.
    public var isEmpty: Bool { draft == BookingDraft() }

    static let choiceFields: Set<BookingDraft.Field> = [.triage, .source]
    static let maxInput = 1000

    public func text(_ field: BookingDraft.Field) -> String {
        switch field {
        case .patientName: return draft.patientName
        case .phone: return draft.phone
        case .dateOfBirth: return draft.dateOfBirth
        case .nhsNumber: return draft.nhsNumber
        case .triage: return draft.triage
        case .source: return draft.source
        case .notes: return draft.notes
        }
    }

    mutating func setText(_ field: BookingDraft.Field, _ value: String) {
        let value = String(value.prefix(Self.maxInput))
        switch field {
        case .patientName: draft.patientName = value
        case .phone: draft.phone = value
        case .dateOfBirth: draft.dateOfBirth = value
        case .nhsNumber: draft.nhsNumber = value
        case .triage: draft.triage = value
        case .source: draft.source = value
        case .notes: draft.notes = value
        }
    }

    mutating func moveField(by step: Int) {
        let fields = BookingDraft.Field.allCases
        visited.insert(field)
        field = fields[(fields.firstIndex(of: field)! + step + fields.count) % fields.count]
    }

    /// Triage and source are choices: Space, Left and Right step through them.
    mutating func cycle(by step: Int, sources: [String]) {
        let options = field == .triage ? ["urgent", "routine"] : sources
        guard !options.isEmpty else { return }
        let current = options.firstIndex(of: text(field)) ?? -1
        setText(field, options[((current + step) % options.count + options.count) % options.count])
    }

    /// The choices for the source field: the fixed ones, then each ED by name.
    public static func sources(edNames: [String]) -> [String] {
        ["phone", "nhs111", "walk-in", "central", "ed"] + edNames.map { "ed:\($0)" }
    }

    /// Handles one key; returns true if the draft changed (so it should be saved).
    mutating func handle(_ key: Key, sources: [String]) -> Bool {
        let before = draft
        switch key {
        case .tab, .down: moveField(by: 1)
        case .backTab, .up: moveField(by: -1)
        case .left where Self.choiceFields.contains(field): cycle(by: -1, sources: sources)
        case .right where Self.choiceFields.contains(field), .space where Self.choiceFields.contains(field):
            cycle(by: 1, sources: sources)
        case .backspace: setText(field, String(text(field).dropLast()))
        case .ctrl("u"): setText(field, "")
        case .space: setText(field, text(field) + " ")
        case .char(let c) where !Self.choiceFields.contains(field): setText(field, text(field) + String(c))
        default: break
        }
        return draft != before
    }

    /// The most a paste puts into a field: what the field may hold when saved.
    static func pasteLimit(_ field: BookingDraft.Field) -> Int {
        switch field {
        case .patientName: return BookingDraft.maxNameLength
        case .notes: return BookingDraft.maxNotesLength
        default: return 64
        }
    }

    /// Puts pasted text into the field at the cursor, cut to the field's limit. Returns how many characters were
    /// left out (0 if all fitted), or nil if the field takes no text (a choice).
    mutating func paste(_ pasted: String) -> Int? {
        guard !Self.choiceFields.contains(field) else { return nil }
        let (value, leftOut) = PastedText.append(pasted, to: text(field), limit: Self.pasteLimit(field))
        setText(field, value)
        return leftOut
    }

    /// Problems to show now: only for fields already left or once saving was tried.
    public func shownProblems(today: LocalDate, resolveED: (String) -> UUID?) -> [BookingDraft.Field: String] {
        guard case .failure(let problems) = draft.validate(today: today, resolveED: resolveED) else { return [:] }
        return submitted ? problems.byField : problems.byField.filter { visited.contains($0.key) }
    }
}

/// The slot was taken by the time the form was saved: the same form can go to another slot, chosen on the grid.
extension BookingForm {
    static func chooseAnotherSlot(_ state: inout AppState) -> [Effect] {
        guard var form = state.form else { return [] }
        form.question = nil
        form.takenWords = nil
        state.formAwaitingSlot = form
        state.form = nil
        state.moving = nil
        state.focus = .slots
        let who = form.draft.patientName.isEmpty ? "this booking" : Sanitise.visible(form.draft.patientName)
        state.message = "Choose another slot for \(who) (any day) and press Enter; Esc goes back to the form."
        return []
    }

    /// Enter on a slot while a form waits for one: the form comes back there, whole, to be saved.
    static func place(_ waiting: BookingForm, in row: SlotRow, practice: Organisation,
                      _ state: inout AppState) -> [Effect] {
        guard practice.id == waiting.practiceID else {
            state.message = "This booking is for \(waiting.practiceName): choose one of its slots ([ and ] change "
                + "practice)."
            return []
        }
        guard row.status != .blocked, row.status != .offTemplate else {
            state.message = "The \(row.slot.start) slot cannot be booked; choose another."
            return []
        }
        var form = waiting
        form.day = state.view.day
        form.start = row.slot.start
        state.formAwaitingSlot = nil
        state.form = form
        state.message = row.status == .free ? "Now \(form.start) \(form.day.longDescription): Enter saves."
            : "That slot is taken too; saving will ask again."
        return [.saveDraft(form)]
    }
}
