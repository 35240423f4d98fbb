import Foundation
import DeskCore
import DeskConfig

/// A `PromptForm` drawn over the panes: a label and value per field, the problem if Enter was refused.
public enum PromptOverlay {
    public static func render(_ form: PromptForm, into canvas: inout Canvas, within rect: Rect) {
        let width = min(rect.width - 4, 90)
        let height = min(rect.height, form.fields.count * 2 + 5)
        let box = Rect(x: rect.x + (rect.width - width) / 2, y: rect.y + max(0, (rect.height - height) / 2), width: width, height: height)
        canvas.fill(box, role: .dialog)
        canvas.box(box, role: .dialog)
        canvas.write(" \(form.title) ", x: box.x + 2, y: box.y, role: .paneFocus, limit: box.width - 4)
        let labelWidth = max(8, form.fields.map { TextWidth.of($0.label) }.max() ?? 8)
        let valueWidth = box.width - labelWidth - 8
        for (index, field) in form.fields.enumerated() {
            let y = box.y + 2 + index * 2
            let focused = index == form.focused
            canvas.write((focused ? "▶ " : "  ") + field.label, x: box.x + 2, y: y, role: focused ? .paneFocus : .dialog, limit: labelWidth + 2)
            let shown = field.choices.isEmpty ? field.value + (focused ? "▏" : "") : "◀ \(field.value) ▶"
            let tail = TextWidth.of(shown) > valueWidth ? "…" + String(shown.suffix(valueWidth - 1)) : shown
            canvas.fill(Rect(x: box.x + labelWidth + 5, y: y, width: valueWidth, height: 1), role: focused ? .selection : .ui)
            canvas.write(Sanitise.visible(tail), x: box.x + labelWidth + 5, y: y, role: focused ? .selection : .ui, limit: valueWidth)
        }
        let hint = form.problem.map { "✗ " + $0 } ?? "Tab moves · Left/Right choose · Enter saves · Esc cancels"
        canvas.write(hint, x: box.x + 2, y: box.maxY - 2, role: form.problem == nil ? .muted : .error, limit: box.width - 4)
    }
}
