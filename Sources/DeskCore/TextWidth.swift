/// Terminal column widths without a C locale: combining marks take none, East Asian wide and emoji take two.
public enum TextWidth {
    public static func of(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        let v = first.value
        if v < 0x300 { return 1 }
        if first.properties.generalCategory == .nonspacingMark || first.properties.generalCategory == .enclosingMark
            || v == 0x200B || v == 0x200D { return 0 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v) || (0x1F900...0x1F9FF).contains(v)
            || (0x20000...0x3FFFD).contains(v) { return 2 }
        return 1
    }

    public static func of(_ text: String) -> Int { asciiColumns(text) ?? text.reduce(0) { $0 + of($1) } }

    /// Text of ASCII bytes alone takes a column a byte: every frame measures thousands of strings, and walking
    /// them character by character was a third of drawing one.
    static func asciiColumns(_ text: String) -> Int? { isByteCharacters(text) ? text.utf8.count : nil }

    /// Whether each byte of `text` is one character: ASCII without a CR (CR LF is one character of two bytes).
    /// Measuring, cutting and writing text take their byte-at-a-time paths on this one test.
    public static func isByteCharacters(_ text: String) -> Bool {
        let utf8 = text.utf8
        return utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "\r") }
        } ?? utf8.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "\r") }
    }

    /// Cuts `text` to `width` columns, marking the cut with `…`.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if let columns = asciiColumns(text) {
            return columns <= width ? text : String(decoding: text.utf8.prefix(width - 1), as: UTF8.self) + "…"
        }
        if of(text) <= width { return text }
        var out = "", used = 0
        for c in text {
            let w = of(c)
            if used + w > width - 1 { break }
            out.append(c); used += w
        }
        return out + "…"
    }

    /// Word-wraps at spaces into lines of at most `width` columns; runs of spaces are kept. A single word wider
    /// than the line is left for the caller to cut.
    public static func wrap(_ text: String, width: Int) -> [String] {
        if of(text) <= width { return [text] }
        var lines: [String] = [], current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if of(current) + of(String(word)) + 1 > width, !current.isEmpty { lines.append(current); current = "" }
            current += (current.isEmpty ? "" : " ") + word
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// The narrowest width at which no two of `texts` cut alike (their longest width when some never part), so two
    /// practices never look the same on a narrow pane.
    public static func distinguishing(_ texts: [String]) -> Int {
        let longest = texts.map { of($0) }.max() ?? 0
        var width = 1
        while width < longest, Set(texts.map { truncate($0, to: width) }).count < Set(texts).count { width += 1 }
        return width
    }

    /// The first of `texts` (richest first) that fits `width` whole, else the last one.
    public static func firstFitting(_ texts: [String], width: Int) -> String {
        texts.first { of($0) <= width } ?? texts[texts.count - 1]
    }

    /// Pads or cuts `text` to exactly `width` columns.
    public static func fit(_ text: String, to width: Int) -> String {
        let cut = truncate(text, to: width)
        return cut + String(repeating: " ", count: max(0, width - of(cut)))
    }
}
