import Foundation
import DeskCore
import DeskUI

/// The terminal's key reader: what follows an Esc (CSI, SS3, OSC and the other strings, Alt-keys, bracketed
/// paste), as ncurses hands it over, a character or a key it recognised at a time, with pauses where the bytes say.
enum KeyTarget {
    /// How the bytes become what ncurses hands over: 0xFE is a pause (nothing more within the reader's wait), 0xFD
    /// and 0xFC keys ncurses recognised itself (Enter, Up); anything else is UTF-8, as ncurses decodes it.
    static func units(_ bytes: [UInt8]) -> [RawInput?] {
        var units: [RawInput?] = []
        var text: [UInt8] = []
        func flush() {
            for scalar in String(decoding: text, as: UTF8.self).unicodeScalars {
                units.append(.character(scalar.value))
            }
            text = []
        }
        for byte in bytes {
            switch byte {
            case 0xFE: flush(); units.append(nil)
            case 0xFD: flush(); units.append(.key(.enter))
            case 0xFC: flush(); units.append(.key(.up))
            default: text.append(byte)
            }
        }
        flush()
        return units
    }

    /// Every unit is read once and the reading ends; a paste keeps at most the limit; and an Esc sequence yields
    /// one key, so keys never outnumber the units.
    static func decode(_ bytes: [UInt8]) throws(FuzzViolation) {
        let units = units(bytes)
        var position = 0
        var pending: RawInput?
        var keys: [Key] = []
        var steps = 0
        func take() -> RawInput?? {
            if let held = pending { pending = nil; return .some(held) }
            guard position < units.count else { return nil }
            defer { position += 1 }
            return .some(units[position])
        }
        while let unit = take() {
            steps += 1
            try Invariant.that(steps <= units.count + 2, "the reader went round more often than there is input")
            guard case .character(let code)? = unit else {
                if case .key(let key)? = unit { keys.append(key) }
                continue
            }
            guard code == 27 || (0x80...0x9F).contains(code) else {
                keys.append(Unicode.Scalar(code).map { .char(Character($0)) } ?? .unrecognised)
                continue
            }
            var decoder = KeySequenceDecoder {
                guard position < units.count else { return nil }
                defer { position += 1 }
                return units[position]
            }
            let key = code == 27 ? decoder.afterEscape() : decoder.afterC1(code)
            pending = decoder.leftover
            keys.append(key)
            if case .paste(let text) = key {
                try Invariant.that(text.unicodeScalars.count <= KeySequenceDecoder.pasteLimit, "a paste over the limit")
            }
        }
        try Invariant.that(position >= units.count, "input was left unread")
        try Invariant.that(keys.count <= units.count, "more keys than input: \(keys.count) from \(units.count)")
    }
}
