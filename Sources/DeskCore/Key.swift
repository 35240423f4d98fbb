/// A key a person pressed, independent of any terminal library; keymaps name keys in this vocabulary.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case char(Character)
    case ctrl(Character)
    case tab, backTab, enter, escape, space, backspace, delete, insert
    case up, down, left, right, pageUp, pageDown, home, end
    case function(Int)
    /// A bracketed paste, taken as one input so a big paste is one edit, not thousands of keys.
    case paste(String)
    /// An escape sequence or Alt-combination the desk does not know; it does nothing, so a terminal's reply to a
    /// query or a key pressed with Alt can never run the letters inside it.
    case unrecognised

    /// Parses a keymap name: `q`, `?`, `Tab`, `S-Tab`, `C-c`, `PgUp`, `F1`, `Esc`, `Enter`, `Space`.
    public init?(name: String) {
        let named: [String: Key] = [
            "tab": .tab, "s-tab": .backTab, "backtab": .backTab, "enter": .enter, "return": .enter,
            "esc": .escape, "escape": .escape, "space": .space, "backspace": .backspace, "del": .delete,
            "delete": .delete, "ins": .insert, "insert": .insert, "up": .up, "down": .down, "left": .left,
            "right": .right, "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown,
            "home": .home, "end": .end,
        ]
        if name.count == 1, let char = name.first, !char.isWhitespace, !(char.asciiValue.map { $0 < 32 || $0 == 127 } ?? false) {
            self = .char(char); return
        }
        if let key = named[name.lowercased()] { self = key; return }
        let lower = name.lowercased()
        if lower.hasPrefix("c-"), name.count == 3, let char = lower.last, char.isLetter, char.isASCII {
            self = .ctrl(char); return
        }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...12).contains(n) { self = .function(n); return }
        return nil
    }

    /// The name as a keymap or the help overlay writes it.
    public var description: String {
        switch self {
        case .char(let c): return String(c)
        case .ctrl(let c): return "C-\(c)"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .space: return "Space"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .insert: return "Insert"
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .function(let n): return "F\(n)"
        case .paste: return "a paste"
        case .unrecognised: return "an unrecognised key"
        }
    }
}
