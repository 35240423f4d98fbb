import Foundation
import DeskCore
import DeskConfig

/// The booking form drawn over the panes: each field with its value and, beside it, what is wrong with it.
public enum FormOverlay {
    static let labels: [BookingDraft.Field: String] = [
        .patientName: "Patient name*", .phone: "Phone*", .dateOfBirth: "Date of birth", .nhsNumber: "NHS number",
        .triage: "Triage", .source: "Source", .notes: "Notes",
    ]

    public static func render(_ form: BookingForm, state: AppState, into canvas: inout Canvas, within rect: Rect) {
        let width = min(rect.width - 4, 96)
        let box = Rect(x: rect.x + (rect.width - width) / 2, y: rect.y + max(0, (rect.height - 20) / 2), width: width, height: min(rect.height, 20))
        canvas.fill(box, role: .dialog)
        canvas.box(box, role: .dialog)
        let title = " Book \(form.start) \(form.day.longDescription) \(canvas.glyphs.separator) \(form.practiceName) "
        canvas.write(title, x: box.x + 2, y: box.y, role: .paneFocus, limit: box.width - 4)
        let problems = form.shownProblems(today: LocalDate(state.now, in: state.zone), resolveED: state.view.edID(named:))
        let labelWidth = 15, valueWidth = min(40, box.width - labelWidth - 6)
        for (index, field) in BookingDraft.Field.allCases.enumerated() {
            let y = box.y + 2 + index * 2
            let focused = form.field == field
            canvas.write((focused ? "▶ " : "  ") + (labels[field] ?? ""), x: box.x + 2, y: y, role: focused ? .paneFocus : .dialog, limit: labelWidth + 2)
            var value = form.text(field)
            if field == .triage { value = (Triage(rawValue: value)?.label).map { "\(value) (\($0))" } ?? value }
            let shown = BookingForm.choiceFields.contains(field) ? "◀ \(value) ▶" : value + (focused ? "▏" : "")
            // Long input scrolls so the end (where typing happens) stays in view.
            let tail = TextWidth.of(shown) > valueWidth ? "…" + String(shown.suffix(valueWidth - 1)) : shown
            canvas.fill(Rect(x: box.x + labelWidth + 4, y: y, width: valueWidth, height: 1), role: focused ? .selection : .ui)
            canvas.write(tail, x: box.x + labelWidth + 4, y: y, role: focused ? .selection : .ui, limit: valueWidth)
            if let problem = problems[field] {
                canvas.write("✗ " + problem, x: box.x + labelWidth + 4, y: y + 1, role: .error, limit: box.width - labelWidth - 6)
            }
        }
        let hint: String
        switch form.question {
        case .abandon?: hint = "Discard what you typed? " + state.confirmHint("discards")
        case .overbook?:
            hint = "That slot is taken."
        case nil: hint = "Tab/Up/Down move · Left/Right/Space choose · Enter saves · Esc cancels"
        }
        canvas.write(hint, x: box.x + 2, y: box.maxY - 2, role: form.question == nil ? .muted : .error, limit: box.width - 4)
        if form.question == .overbook {
            // Who holds the slot, in full, and both ways on: overbook, or the same form in another slot.
            let taken = form.takenWords.map { "Not saved: " + $0 + "." } ?? "That slot is taken."
            let hint = state.confirmHint("overbooks (both stay, shown as CONFLICT)",
                                         otherwise: "c chooses another slot for this booking \u{00B7} any other "
                                            + "key goes back")
            ConfirmDialog.render(question: taken, hint: hint, into: &canvas, within: rect)
        }
    }

}
