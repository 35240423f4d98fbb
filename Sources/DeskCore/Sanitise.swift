/// Makes text from files, the database or a user safe to show: no control characters reach a terminal or a header.
public enum Sanitise {
    /// Replaces C0/C1 controls (ESC, CR, LF, BEL …) and other invisible format characters with `·`.
    public static func visible(_ text: String) -> String {
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
        // Bidirectional overrides and isolates can reorder what a person reads.
        if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) { return true }
        return false
    }

    public static func containsControl(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: isControl)
    }
}
