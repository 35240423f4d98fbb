import Foundation
import CNcurses
import DeskCore
import DeskConfig
import DeskUI

/// Why the full-screen interface could not start.
public struct TerminalError: Error, CustomStringConvertible {
    public var description: String
}

/// The one place that talks to ncurses: start-up, colours, drawing a canvas, reading keys, restoring the terminal.
public final class Terminal {
    public private(set) var width: Int
    public private(set) var height: Int
    public let glyphs: Glyphs
    public let colourMode: ColourMode
    private var styleCache: [Role: (attr_t, Int16)] = [:]
    private var screen: OpaquePointer?
    private var stopped = false

    /// `monochrome` is drawn instead of `theme` when colour is off (NO_COLOR, or a terminal without colours), so
    /// the outage banner still stands apart in reverse video rather than in a colour nobody sees.
    public init(environment: [String: String], theme: Theme, monochrome: Theme) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw TerminalError(description: "downtime-desk needs a terminal to draw on; for scripts use 'downtime-desk today' (see --help)")
        }
        let term = environment["TERM"] ?? ""
        if term.isEmpty || term == "dumb" {
            throw TerminalError(description: "TERM is \(term.isEmpty ? "not set" : "'dumb'"); the full-screen desk needs a real terminal type such as xterm-256color (set TERM, or use 'downtime-desk today')")
        }
        glyphs = Terminal.chooseCharacterSet()
        guard let screen = dd_newterm() else {
            throw TerminalError(description: "unknown terminal type '\(term)'; set TERM to one this machine knows, such as xterm-256color")
        }
        self.screen = screen
        set_term(screen)
        Terminal.installSignalHandlers()
        cbreak()
        noecho()
        nonl()
        keypad(dd_stdscr(), true)
        intrflush(dd_stdscr(), false)
        // ncurses waits a full second after Esc by default to see if a sequence follows; 10 ms is what tmux itself
        // now waits (escape-time), and keeps Esc within a frame. A slow link can set ESCDELAY (ms) to wait longer.
        if environment["ESCDELAY"] == nil { set_escdelay(10) }
        curs_set(0)
        // Bracketed paste: the terminal marks a paste, so it arrives as one input rather than as thousands of keys.
        Terminal.writeControl("\u{1B}[?2004h")
        var colours = 0
        if has_colors() {
            start_color()
            use_default_colors()
            colours = Int(dd_colors())
        }
        colourMode = ColourPolicy.mode(environment: environment, terminalColours: colours)
        width = Int(dd_cols())
        height = Int(dd_lines())
        prepareStyles(colourMode == .none ? monochrome : theme)
    }

    deinit { stop() }

    /// Puts the terminal back as it was. Safe to call more than once.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        // Terminals without an alternate screen (vt100) would otherwise leave the desk under the shell prompt.
        werase(dd_stdscr())
        wrefresh(dd_stdscr())
        Terminal.writeControl("\u{1B}[?2004l")
        endwin()
        if let screen { delscreen(screen) }
        screen = nil
    }

    /// Uses the user's locale for characters; falls back to C.UTF-8, and to ASCII borders if no UTF-8 is to be had.
    private static func chooseCharacterSet() -> Glyphs {
        setlocale(LC_ALL, "")
        if isUTF8() { return .unicode }
        if setlocale(LC_CTYPE, "C.UTF-8") != nil, isUTF8() { return .unicode }
        return .ascii
    }

    private static func isUTF8() -> Bool { dd_is_utf8_codeset() != 0 }

    private func prepareStyles(_ theme: Theme) {
        var pairs: [String: Int16] = [:]
        for role in Role.allCases {
            let style = theme.style(for: role)
            var attributes = dd_a_normal()
            for attribute in style.attributes {
                switch attribute {
                case .bold: attributes |= dd_a_bold()
                case .dim: attributes |= dd_a_dim()
                case .underline: attributes |= dd_a_underline()
                case .reverse: attributes |= dd_a_reverse()
                case .blink: attributes |= dd_a_blink()
                case .standout: attributes |= dd_a_standout()
                case .italic: attributes |= dd_a_italic()
                }
            }
            var pair: Int16 = 0
            if colourMode != .none {
                let fg = number(style.foreground), bg = number(style.background)
                if fg != -1 || bg != -1 {
                    let key = "\(fg)/\(bg)"
                    if let existing = pairs[key] { pair = existing }
                    else if pairs.count + 1 < Int(dd_color_pairs()) {
                        pair = Int16(pairs.count + 1)
                        init_pair(pair, fg, bg)
                        pairs[key] = pair
                    }
                }
            } else if style.attributes.isEmpty && (role == .selection || role == .status) {
                attributes |= dd_a_reverse()
            }
            styleCache[role] = (attributes, pair)
        }
    }

    private func number(_ colour: Colour?) -> Int16 {
        guard let colour else { return -1 }
        let shown = colourMode == .basic ? colour.basic : colour
        switch shown {
        case .terminalDefault: return -1
        case .indexed(let index): return Int16(index)
        }
    }

    /// The canvas last copied to ncurses' screen, while that screen still holds it (a resize forgets it).
    private var shown: Canvas?

    /// Copies the canvas to the screen; ncurses sends only what changed. Only the cells that differ from the last
    /// canvas are handed to ncurses: handing it all 4,800 cells of a frame cost more than working the frame out.
    public func draw(_ canvas: Canvas) {
        let rows = min(canvas.height, height), columns = min(canvas.width, width)
        // Unwrapped once: binding an optional canvas per cell copied the whole canvas each time.
        let hasPrevious = shown.map { $0.width == canvas.width && $0.height == canvas.height } ?? false
        let previous = hasPrevious ? shown ?? canvas : canvas
        var buffer = [wchar_t](repeating: 0, count: 8)
        for y in 0..<rows {
            for x in 0..<columns {
                let cell = canvas[x, y]
                if cell.isContinuation { continue }
                // A wide character's right half changing still needs its left half written again.
                if hasPrevious, previous[x, y] == cell,
                   x + 1 >= columns || previous[x + 1, y].isContinuation == canvas[x + 1, y].isContinuation { continue }
                let (attributes, pair) = styleCache[cell.role] ?? (dd_a_normal(), 0)
                var count = 0
                for scalar in cell.character.unicodeScalars where count < 5 {
                    buffer[count] = wchar_t(bitPattern: scalar.value); count += 1
                }
                buffer[count] = 0
                _ = dd_put_cell(Int32(y), Int32(x), buffer, attributes, pair)
            }
        }
        wnoutrefresh(dd_stdscr())
        doupdate()
        shown = rows == canvas.height && columns == canvas.width ? canvas : nil
    }

    private static func writeControl(_ sequence: String) {
        let bytes = Array(sequence.utf8)
        _ = bytes.withUnsafeBufferPointer { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    /// A unit read past the end of an escape sequence (a second Esc), handed out next.
    private var pendingInput: RawInput?
    /// How long a sequence already begun may wait for its next byte (a paste over a slow link comes in pieces).
    private static let sequenceWaitMilliseconds: Int32 = 50

    /// Waits up to `timeout` milliseconds for a key; nil on timeout.
    public func readEvent(timeout: Int) -> TerminalEvent? {
        // A resize read in the middle of the last escape sequence, or just now, is reported as itself.
        if pendingResize { pendingResize = false; return .resize(width: width, height: height) }
        let next = pendingInput ?? rawUnit(timeout: Int32(timeout))
        pendingInput = nil
        if pendingResize, next == .key(.unrecognised) {
            pendingResize = false
            return .resize(width: width, height: height)
        }
        guard let unit = next else { return nil }
        guard case .character(let value) = unit else {
            if case .key(let key) = unit { return .key(key) }
            return nil
        }
        if value == 27 || (0x80...0x9F).contains(value) {
            // ncurses has already waited ESCDELAY for a known sequence, so what follows is waiting in its buffer.
            var first = true
            var decoder = KeySequenceDecoder { [weak self] in
                let wait = first ? 0 : Terminal.sequenceWaitMilliseconds
                first = false
                return self?.rawUnit(timeout: wait)
            }
            let key = value == 27 ? decoder.afterEscape() : decoder.afterC1(value)
            pendingInput = decoder.leftover
            return .key(key)
        }
        return Terminal.characterKey(value).map(TerminalEvent.key)
    }

    /// A resize read from the terminal, still to be reported (after the sequence it interrupted, if any).
    private var pendingResize = false

    /// One unit from ncurses: a character, or a key it recognised. A resize records the new size, sets
    /// `pendingResize` and reads as an unknown key, so a sequence it interrupts goes on unharmed.
    private func rawUnit(timeout: Int32) -> RawInput? {
        wtimeout(dd_stdscr(), timeout)
        var code: wint_t = 0
        let result = dd_get_key(&code)
        if result == dd_err() { return nil }
        if result == dd_key_code_yes() {
            if Int32(code) == KEY_RESIZE {
                width = Int(dd_cols()); height = Int(dd_lines()); pendingResize = true; shown = nil
            }
            return .key(Terminal.functionKey(Int32(code)) ?? .unrecognised)
        }
        return .character(UInt32(code))
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_BTAB: return .backTab
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        default:
            for n in 1...12 where code == dd_key_f(Int32(n)) { return .function(n) }
            return nil
        }
    }

    static func characterKey(_ value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 32: return .space
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(value + 96)!))
        case 0..<32: return nil
        default: return Unicode.Scalar(value).map { .char(Character($0)) }
        }
    }

    /// Ctrl-C becomes the quit command (which asks first if work is unsaved); hang-up and termination end
    /// the loop cleanly; crash signals restore the terminal before dying.
    private static func installSignalHandlers() {
        signal(SIGINT) { _ in interruptRequested = 1 }
        for sig in [SIGTERM, SIGHUP] {
            signal(sig) { _ in terminationRequested = 1 }
        }
        for sig in [SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGABRT] {
            signal(sig) { sig in
                endwin()
                signal(sig, SIG_DFL)
                raise(sig)
            }
        }
    }
}

/// Set from signal handlers; the event loop checks them between keys.
nonisolated(unsafe) public var terminationRequested: sig_atomic_t = 0
nonisolated(unsafe) public var interruptRequested: sig_atomic_t = 0
