import DeskCore
import DeskConfig

/// Every binding of the active keymap, generated from the command table so it can never drift.
public enum HelpOverlay: PaneRenderer {
    /// The overlay's lines; the README's key table is produced from the same rows.
    public static func lines(_ keymap: Keymap) -> [String] {
        var out: [String] = []
        var lastScope: BindingScope?
        for row in keymap.helpRows() {
            if row.scope != lastScope {
                if lastScope != nil { out.append("") }
                out.append(scopeTitle(row.scope))
                lastScope = row.scope
            }
            let keys = row.keys.map(\.description).joined(separator: ", ")
            out.append("  " + TextWidth.fit(keys, to: 16) + " " + row.command.help)
        }
        return out
    }

    /// The README's key table: one row per command and scope, from the same rows as the overlay.
    public static func markdown(_ keymap: Keymap) -> String {
        var out = "| Where | Keys | Command | What it does |\n| --- | --- | --- | --- |\n"
        for row in keymap.helpRows() {
            let keys = row.keys.map { "`\($0.description == "|" ? "\\|" : $0.description)`" }.joined(separator: ", ")
            out += "| \(scopeTitle(row.scope)) | \(keys) | `\(row.command.name)` | \(row.command.help) |\n"
        }
        return out
    }

    static func scopeTitle(_ scope: BindingScope) -> String {
        switch scope {
        case .global: return "Everywhere"
        case .pane(let pane): return "In the \(pane.title.lowercased())"
        case .overlay(let overlay): return overlay.title
        }
    }

    public static func render(_ state: AppState, into canvas: inout Canvas, at rect: Rect) {
        guard case .help(let scroll) = state.overlay else { return }
        let box = Rect(x: rect.x + 4, y: rect.y + 2, width: rect.width - 8, height: rect.height - 4)
        canvas.fill(box, role: .help)
        canvas.box(box, role: .paneFocus)
        canvas.write(" Key bindings (keymap: \(state.keymap.name)) ", x: box.x + 2, y: box.y, role: .paneFocus, limit: box.width - 4)
        let inner = box.inset(by: 1)
        let all = lines(state.keymap)
        for (row, line) in all.dropFirst(scroll).prefix(inner.height - 1).enumerated() {
            let isTitle = !line.hasPrefix(" ") && !line.isEmpty
            canvas.write(line, x: inner.x + 1, y: inner.y + row, role: isTitle ? .paneTitle : .help, limit: inner.width - 2)
        }
        let more = all.count - scroll > inner.height - 1 ? "Down for more · " : ""
        canvas.write("\(more)Esc, ? or q closes", x: inner.x + 1, y: inner.maxY - 1, role: .muted, limit: inner.width - 2)
    }
}
