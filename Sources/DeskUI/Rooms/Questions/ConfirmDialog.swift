import DeskCore
import DeskConfig

/// A small centred question that must be answered before anything else.
public enum ConfirmDialog {
    /// The question and the hint wrap rather than being cut: a name or a reference in them must be read whole.
    public static func render(question: String, hint: String, into canvas: inout Canvas, within rect: Rect) {
        let room = max(10, rect.width - 10)
        let width = min(rect.width - 4, max(TextWidth.of(question), TextWidth.of(hint)) + 6)
        let asked = TextWidth.wrap(question, width: min(room, width - 6))
        let hints = TextWidth.wrap(hint, width: min(room, width - 6))
        let height = min(rect.height, asked.count + hints.count + 3)
        let top = rect.y + max(0, min(rect.height / 2 - 2, rect.height - height))
        let box = Rect(x: rect.x + (rect.width - width) / 2, y: top, width: width, height: height)
        canvas.fill(box, role: .dialog)
        canvas.box(box, role: .dialog)
        for (index, line) in (asked + [""] + hints).enumerated() where index < height - 2 {
            canvas.write(line, x: box.x + 3, y: box.y + 1 + index, role: .dialog, limit: box.width - 6)
        }
    }
}
