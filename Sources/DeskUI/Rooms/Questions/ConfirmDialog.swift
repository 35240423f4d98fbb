import DeskCore
import DeskConfig

/// A small centred question that must be answered before anything else.
public enum ConfirmDialog {
    public static func render(question: String, hint: String, into canvas: inout Canvas, within rect: Rect) {
        let width = min(rect.width - 4, max(TextWidth.of(question), TextWidth.of(hint)) + 6)
        let box = Rect(x: rect.x + (rect.width - width) / 2, y: rect.y + rect.height / 2 - 2, width: width, height: 5)
        canvas.fill(box, role: .dialog)
        canvas.box(box, role: .dialog)
        canvas.write(question, x: box.x + 3, y: box.y + 1, role: .dialog, limit: box.width - 6)
        canvas.write(hint, x: box.x + 3, y: box.y + 3, role: .dialog, limit: box.width - 6)
    }
}
