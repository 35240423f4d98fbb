import DeskCore
import DeskConfig

/// Every binding of the active keymap, generated from the command table so it can never drift.
public enum HelpOverlay: PaneRenderer {
    /// The overlay's lines; the README's key table is produced from the same rows. With a filter, only the bindings
    /// whose keys, command name or words hold it (any case), or whose section's title does, under their titles.
    public static func lines(_ keymap: Keymap, filter: String = "") -> [String] {
        let wanted = filter.trimmingCharacters(in: .whitespaces).lowercased()
        var out: [String] = []
        var lastScope: BindingScope?
        for row in keymap.helpRows() {
            let keys = row.keys.map(\.description).joined(separator: ", ")
            if !wanted.isEmpty {
                let haystack = [keys, row.command.name, row.command.help, scopeTitle(row.scope)].joined(separator: " ")
                guard haystack.lowercased().contains(wanted) else { continue }
            }
            if row.scope != lastScope {
                if lastScope != nil { out.append("") }
                out.append(scopeTitle(row.scope))
                lastScope = row.scope
            }
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

    /// Each binding's words wrap under themselves within `width`, never cut at the screen's edge.
    static func lines(_ keymap: Keymap, filter: String, width: Int) -> [String] {
        let indent = String(repeating: " ", count: 19)
        return lines(keymap, filter: filter).flatMap { line -> [String] in
            guard line.hasPrefix("  "), TextWidth.of(line) > width, width > 30 else { return [line] }
            let head = String(line.prefix(19)), words = String(line.dropFirst(19))
            return TextWidth.wrap(words, width: width - 19).enumerated()
                .map { ($0.offset == 0 ? head : indent) + $0.element }
        }
    }

    /// The rows the list has on this screen: the whole body, less the border and the footer.
    static func visibleRows(_ state: AppState) -> Int {
        guard let layout = Screen.layout(for: state) else { return 10 }
        return max(1, layout.status.y - layout.banner.maxY - 3)
    }

    /// The width the bindings' words have on this screen.
    static func textWidth(_ state: AppState) -> Int { state.width - 4 }

    static func maxScroll(_ help: HelpView, _ state: AppState) -> Int {
        max(0, lines(state.keymap, filter: help.filter, width: textWidth(state)).count - visibleRows(state))
    }

    /// Keys in the help: Up/Down/PgUp/PgDn scroll, Tab and S-Tab jump to the next or previous section, `/` narrows
    /// the list to what is typed, Esc clears that first and then closes.
    static func handle(_ key: Key, _ help: inout HelpView, _ state: inout AppState) -> [Effect] {
        if help.typing {
            switch key {
            case .enter: help.typing = false
            case .escape: help.typing = false; help.filter = ""
            case .backspace: help.filter = String(help.filter.dropLast())
            case .char(let c) where help.filter.count < 40: help.filter.append(c)
            case .space where help.filter.count < 40: help.filter += " "
            default: break
            }
            help.scroll = 0
            state.overlay = .help(help)
            return []
        }
        let all = lines(state.keymap, filter: help.filter, width: textWidth(state))
        let titles = all.indices.filter { !all[$0].isEmpty && !all[$0].hasPrefix(" ") }
        switch key {
        case .char("/"): help.typing = true
        case .tab: help.scroll = titles.first { $0 > help.scroll } ?? help.scroll
        case .backTab: help.scroll = titles.last { $0 < help.scroll } ?? 0
        case .escape where !help.filter.isEmpty: help.filter = ""; help.scroll = 0
        default:
            switch state.keymap.commandID(for: key, in: .pane(state.focus)) {
            case .moveDown?: help.scroll += 1
            case .moveUp?: help.scroll -= 1
            case .pageDown?: help.scroll += visibleRows(state) - 1
            case .pageUp?: help.scroll -= visibleRows(state) - 1
            case .first?: help.scroll = 0
            case .last?: help.scroll = maxScroll(help, state)
            case .help?, .cancel?, .quit?: state.overlay = nil; return []
            default: break
            }
        }
        help.scroll = max(0, min(help.scroll, maxScroll(help, state)))
        state.overlay = .help(help)
        return []
    }

    /// The whole body, so a page holds as many bindings as the screen does.
    public static func render(_ state: AppState, into canvas: inout Canvas, at rect: Rect) {
        guard case .help(let help) = state.overlay else { return }
        let box = rect
        canvas.fill(box, role: .help)
        canvas.box(box, role: .paneFocus)
        canvas.write(" Key bindings (keymap: \(state.keymap.name)) ", x: box.x + 2, y: box.y, role: .paneFocus,
                     limit: box.width - 4)
        let inner = box.inset(by: 1)
        let all = lines(state.keymap, filter: help.filter, width: textWidth(state))
        let rows = inner.height - 1
        for (row, line) in all.dropFirst(help.scroll).prefix(rows).enumerated() {
            let isTitle = !line.hasPrefix(" ") && !line.isEmpty
            canvas.write(line, x: inner.x + 1, y: inner.y + row, role: isTitle ? .paneTitle : .help,
                         limit: inner.width - 2)
        }
        if all.isEmpty {
            canvas.write("No key binding mentions '\(Sanitise.visible(help.filter))'.", x: inner.x + 1, y: inner.y,
                         role: .muted, limit: inner.width - 2)
        }
        let footer: String
        if help.typing { footer = "Find: \(help.filter)▏   Enter keeps it · Esc clears it" }
        else {
            let more = all.count - help.scroll > rows ? "Down/PgDn for more · " : ""
            let narrowed = help.filter.isEmpty ? "/ finds" : "showing '\(help.filter)' (Esc shows all)"
            footer = "\(more)Tab next section · \(narrowed) · Esc, ? or q closes"
        }
        canvas.write(footer, x: inner.x + 1, y: inner.maxY - 1, role: .muted, limit: inner.width - 2)
    }
}
