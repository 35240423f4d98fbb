import DeskCore
import DeskConfig

/// Every party to ring, each with every number known for it in the order to try.
public enum CallSheetPane: PaneRenderer {
    public static func render(_ state: AppState, into canvas: inout Canvas, at rect: Rect) {
        let rows = state.view.callSheet
        let inner = PaneFrame.draw(.callsheet, title: "Call-sheet (\(rows.count) parties)", state: state, into: &canvas, at: rect)
        if rows.isEmpty {
            canvas.write("No parties in the directory.", x: inner.x + 1, y: inner.y, role: .muted, limit: inner.width - 1)
            return
        }
        // Each party is a block of lines: its name and kind, then one line per number.
        var lines: [(party: Int, text: String, role: Role)] = []
        for (index, row) in rows.enumerated() {
            let kind = row.organisation.kind.label
            let nameWidth = max(4, inner.width - TextWidth.of(kind) - 1)
            lines.append((index, TextWidth.fit(row.organisation.name, to: nameWidth) + " " + kind, .callsheetParty))
            if row.numbers.isEmpty { lines.append((index, "  no phone number known", .error)) }
            for number in row.numbers {
                lines.append((index, "  " + TextWidth.fit(number.number.description, to: 13) + " " + number.label, .ui))
            }
        }
        let selected = state.selected(.callsheet)
        let firstLine = lines.firstIndex { $0.party == selected } ?? 0
        let lastLine = lines.lastIndex { $0.party == selected } ?? 0
        var offset = 0
        if lastLine >= inner.height { offset = min(firstLine, lastLine - inner.height + 1) }
        for (row, index) in (offset..<min(lines.count, offset + inner.height)).enumerated() {
            let line = lines[index]
            let y = inner.y + row
            canvas.write(TextWidth.fit(line.text, to: inner.width), x: inner.x, y: y, role: line.role, limit: inner.width)
            if line.party == selected && state.focus == .callsheet && index == firstLine {
                canvas.paint(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selection)
            }
        }
    }
}
