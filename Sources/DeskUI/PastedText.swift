import DeskCore

/// What a paste becomes in a one-line field, and what the person is told when it did not all fit.
enum PastedText {
    /// Line breaks, tabs and other control characters become spaces: every field on the desk is one line.
    static func singleLine(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            out.append(scalar.properties.generalCategory == .control ? " " : scalar)
        }
        return String(out)
    }

    /// `value` with as much of `pasted`, made one line, as fits in `limit` characters, and how many were left out.
    static func append(_ pasted: String, to value: String, limit: Int) -> (value: String, leftOut: Int) {
        let flat = singleLine(pasted)
        let room = max(0, limit - value.count)
        return (value + String(flat.prefix(room)), max(0, flat.count - room))
    }

    static func message(leftOut: Int?, limit: Int) -> String? {
        guard let leftOut else {
            return "That field is a choice: Space or Left/Right change it; the paste was not used."
        }
        guard leftOut > 0 else { return nil }
        return "Pasted up to the field's limit of \(limit) characters; \(leftOut) more were left out."
    }
}

/// The keys that edit a one-line text field at its end: Backspace, C-u to clear, and typing up to its limit.
enum TypedLine {
    /// Applies `key` to `text`; whether the text changed (other keys are the field's owner's).
    @discardableResult
    static func edit(_ text: inout String, _ key: Key, limit: Int) -> Bool {
        let before = text
        switch key {
        case .backspace: text = String(text.dropLast())
        case .ctrl("u"): text = ""
        case .space where text.count < limit: text += " "
        case .char(let c) where text.count < limit: text.append(c)
        default: break
        }
        return text != before
    }
}
