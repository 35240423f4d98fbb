import Foundation

/// Makes text from files, the database or a user safe to show: no control characters reach a terminal or a header.
public enum Sanitise {
    /// Replaces C0/C1 controls (ESC, CR, LF, BEL …) and other invisible format characters with `·`.
    public static func visible(_ text: String) -> String {
        // Printable ASCII has nothing to replace: every frame shows hundreds of names, most of them such.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        return visibleScalars(text)
    }

    static func visibleScalars(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if isControl(scalar) { out.append("·") } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return true }
        if v < 0xA0 { return false }
        // Bidirectional overrides and isolates can reorder what a person reads; zero-width and other format
        // characters (Unicode category Cf) and the line and paragraph separators are invisible, so two names that
        // look the same could differ by one of them.
        switch scalar.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    /// `text` without the spaces and tabs at either end: what Foundation's `trimmingCharacters(in: .whitespaces)`
    /// gives, without its bridging, which cost 20,000 instructions a call.
    public static func trimmingSpaces<S: StringProtocol>(_ text: S) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) }) ?? first
        // Scalar boundaries are UTF-8 boundaries: the bytes between them are copied whole.
        return String(decoding: text.utf8[first..<scalars.index(after: last)], as: UTF8.self)
    }

    /// `text` without whitespace and line breaks at either end, as Foundation trims them; text that begins and ends
    /// with a visible ASCII character (most notes, or none) has nothing to trim and is not bridged to be told so.
    public static func trimmingSpacesAndNewlines(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        if (0x21..<0x7F).contains(first) && (0x21..<0x7F).contains(last) { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Foundation's set on this platform: category Zs, tab, and the zero-width space U+200B.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || scalar == "\t" }
        return scalar.value == 0x200B || scalar.properties.generalCategory == .spaceSeparator
    }

    public static func containsControl(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: isControl)
    }

    /// What a field holding a control character is told: C0/C1 controls by that name, an invisible or
    /// direction-changing character by its code point, so the person can find it.
    public static func controlProblem(_ text: String) -> String? {
        guard let scalar = text.unicodeScalars.first(where: isControl) else { return nil }
        if scalar.value < 0xA0 { return "contains a control character" }
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "contains an invisible or direction-changing character "
            + "(U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex))"
    }

    /// A name as it is stored and compared: Unicode NFC, so "é" typed as one character or as e plus an accent is one
    /// name, not two that look alike.
    public static func normalisedName(_ text: String) -> String {
        // ASCII is its own NFC: most names are, and Foundation's mapping cost 16,000 instructions a name.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        return text.precomposedStringWithCanonicalMapping
    }
}
