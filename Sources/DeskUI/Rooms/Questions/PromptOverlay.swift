import Foundation
import DeskCore
import DeskConfig

/// A `PromptForm` drawn over the panes: a label and value per field (a paragraph wrapped over its lines), the
/// problem if Enter was refused.
public enum PromptOverlay {
    public static func render(_ form: PromptForm, into canvas: inout Canvas, within rect: Rect) {
        let width = min(rect.width - 4, 90)
        let rows = form.fields.map { $0.isParagraph ? $0.lines : 1 }
        let height = min(rect.height, rows.reduce(0, +) + form.fields.count + 4)
        let box = Rect(x: rect.x + (rect.width - width) / 2, y: rect.y + max(0, (rect.height - height) / 2),
                       width: width, height: height)
        canvas.fill(box, role: .dialog)
        canvas.box(box, role: .dialog)
        canvas.write(" \(form.title) ", x: box.x + 2, y: box.y, role: .paneFocus, limit: box.width - 4)
        let labelWidth = max(8, form.fields.map { TextWidth.of($0.label) }.max() ?? 8)
        let valueWidth = box.width - labelWidth - 8
        var y = box.y + 2
        for (index, field) in form.fields.enumerated() {
            let focused = index == form.focused
            canvas.write((focused ? "▶ " : "  ") + field.label, x: box.x + 2, y: y,
                         role: focused ? .paneFocus : .dialog, limit: labelWidth + 2)
            let lines = field.isParagraph ? paragraph(field, focused: focused, width: valueWidth)
                : [oneLine(field, focused: focused, width: valueWidth)]
            for (row, text) in lines.enumerated() where y + row < box.maxY - 2 {
                let line = Rect(x: box.x + labelWidth + 5, y: y + row, width: valueWidth, height: 1)
                canvas.fill(line, role: focused ? .selection : .ui)
                canvas.write(text, x: line.x, y: line.y, role: focused ? .selection : .ui, limit: valueWidth)
            }
            y += lines.count + 1
        }
        let focusedField = form.fields[form.focused]
        let keys = focusedField.typeable ? "Left/Right choose a known one, or type another"
            : focusedField.isParagraph ? "Left/Right move in the text" : "Left/Right choose"
        let hint = form.problem.map { "✗ " + $0 } ?? "Tab moves · \(keys) · Enter saves · Esc cancels"
        canvas.write(hint, x: box.x + 2, y: box.maxY - 2, role: form.problem == nil ? .muted : .error,
                     limit: box.width - 4)
    }

    /// A one-line field: a choice between arrows, or text whose end (where typing happens) stays in view.
    static func oneLine(_ field: PromptForm.Field, focused: Bool, width: Int) -> String {
        let chosen = !field.choices.isEmpty && !field.isTyped
        let shown = chosen ? "◀ \(field.value) ▶" : Sanitise.visible(field.value) + (focused ? "▏" : "")
        return TextWidth.of(shown) > width ? "…" + String(shown.suffix(width - 1)) : shown
    }

    /// A paragraph wrapped to the field's width, the cursor drawn where it is, and the lines around it shown.
    static func paragraph(_ field: PromptForm.Field, focused: Bool, width: Int) -> [String] {
        var text = Sanitise.visible(field.value)
        if focused {
            let at = text.index(text.startIndex, offsetBy: min(field.cursor, text.count))
            text.insert("▏", at: at)
        }
        var wrapped = TextWidth.wrap(text, width: max(10, width - 1)).flatMap { line -> [String] in
            // A word longer than the line is cut into pieces rather than lost past the edge.
            stride(from: 0, to: max(1, line.count), by: max(1, width - 1)).map {
                String(Array(line)[$0..<min(line.count, $0 + max(1, width - 1))])
            }
        }
        if wrapped.isEmpty { wrapped = [""] }
        let cursorLine = wrapped.firstIndex { $0.contains("▏") } ?? 0
        let first = max(0, min(cursorLine - field.lines + 1, wrapped.count - field.lines))
        let shown = Array(wrapped.dropFirst(focused ? first : 0).prefix(field.lines))
        return shown + Array(repeating: "", count: max(0, field.lines - shown.count))
    }
}
