import DeskCore

/// One unit as the terminal library hands it over: a character, or a key it has already recognised.
public enum RawInput: Equatable, Sendable {
    case character(UInt32)
    case key(Key)
}

/// Turns what follows an Esc into one key. Everything the desk does not know — CSI, SS3, OSC, DCS, APC, PM and
/// SOS strings, Alt-combinations — is consumed whole and becomes `.unrecognised`, so no letter inside it runs a
/// command; a bracketed paste becomes `.paste`. Pure, so every sequence is tested without a terminal.
public struct KeySequenceDecoder {
    /// The most of one paste kept; the rest is still read (so it never spills out as keys) but dropped.
    public static let pasteLimit = 1_000_000
    /// A string sequence left unterminated stops here rather than swallowing input for ever.
    static let sequenceLimit = 4096

    private let next: () -> RawInput?
    /// Input read too far (a second Esc), handed back as the next unit.
    public private(set) var leftover: RawInput?

    /// `next` returns the next unit already waiting, or nil once none comes within the reader's short wait.
    public init(next: @escaping () -> RawInput?) { self.next = next }

    /// Decodes after an Esc that has just been read.
    public mutating func afterEscape() -> Key {
        guard let first = next() else { return .escape }
        guard case .character(let code) = first else {
            // Esc then a key the library recognised (Alt-arrow on some terminals): both are one unknown key.
            return .unrecognised
        }
        switch code {
        case 27:
            leftover = first
            return .escape
        case 0x5B: return csi()                       // [
        case 0x4F: _ = next(); return .unrecognised   // O: SS3 takes one final character
        case 0x5D, 0x50, 0x5F, 0x5E, 0x58: return string()  // ] P _ ^ X
        default: return .unrecognised                 // Alt plus a key
        }
    }

    /// Decodes an 8-bit C1 control that starts a sequence (U+009B is CSI, U+0090 DCS, U+009D OSC, …).
    public mutating func afterC1(_ code: UInt32) -> Key {
        switch code {
        case 0x9B: return csi()
        case 0x8F: _ = next(); return .unrecognised
        case 0x90, 0x9D, 0x9E, 0x9F, 0x98: return string()
        default: return .unrecognised
        }
    }

    /// CSI: parameter and intermediate bytes, then one final byte (0x40–0x7E). `200~` opens a paste.
    private mutating func csi() -> Key {
        var parameters = ""
        while parameters.count < Self.sequenceLimit, let unit = next() {
            guard case .character(let code) = unit else { return .unrecognised }
            if (0x40...0x7E).contains(code) {
                if code == 0x7E && parameters == "200" { return paste() }
                return .unrecognised
            }
            guard (0x20...0x3F).contains(code) else {
                // Not a CSI byte: the sequence was cut short; whatever it was, it is not a command.
                if code == 27 { leftover = unit }
                return .unrecognised
            }
            parameters.unicodeScalars.append(Unicode.Scalar(code) ?? " ")
        }
        return .unrecognised
    }

    /// OSC, DCS, APC, PM and SOS run to the string terminator (Esc \, or the BEL xterm also accepts).
    private mutating func string() -> Key {
        var read = 0
        var afterEscape = false
        while read < Self.sequenceLimit * 16, let unit = next() {
            read += 1
            guard case .character(let code) = unit else { afterEscape = false; continue }
            if code == 7 || code == 0x9C || (afterEscape && code == 0x5C) { return .unrecognised }
            afterEscape = code == 27
        }
        return .unrecognised
    }

    /// Everything up to `Esc [ 201 ~`; keys the library recognised inside it are dropped.
    private mutating func paste() -> Key {
        let end: [UInt32] = [27, 0x5B, 0x32, 0x30, 0x31, 0x7E]
        var text = String.UnicodeScalarView()
        var pending: [UInt32] = []
        var kept = 0
        func keep(_ code: UInt32) {
            guard kept < Self.pasteLimit, let scalar = Unicode.Scalar(code) else { return }
            text.append(scalar); kept += 1
        }
        while let unit = next() {
            guard case .character(let code) = unit else {
                pending.forEach(keep); pending = []
                if case .key(.enter) = unit { keep(10) }
                if case .key(.tab) = unit { keep(9) }
                continue
            }
            pending.append(code)
            if pending == end { return .paste(String(text)) }
            if !end.starts(with: pending) {
                // Not the end marker after all: keep what was held back, except an Esc that may open it.
                let last = pending.removeLast()
                pending.forEach(keep); pending = []
                if last == 27 { pending = [27] } else { keep(last) }
            }
        }
        pending.forEach(keep)
        return .paste(String(text))
    }
}
