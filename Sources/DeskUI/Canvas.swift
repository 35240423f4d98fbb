import DeskCore
import DeskConfig

/// One character cell: what is drawn and the role that says how.
public struct Cell: Equatable, Sendable {
    public var character: Character
    public var role: Role
    /// The right half of a double-width character, drawn by its left neighbour.
    public var isContinuation: Bool

    public static let blank = Cell(character: " ", role: .ui, isContinuation: false)
}

/// A rectangle of the screen.
public struct Rect: Equatable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public func inset(by n: Int) -> Rect { Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n) }
}

/// An in-memory grid of cells that every pane renders into; only the terminal module copies it to the screen,
/// and tests read it as text. Writes outside the grid are clipped, never drawn.
public struct Canvas: Equatable, Sendable {
    public let width: Int, height: Int
    public private(set) var cells: [Cell]
    /// Box-drawing characters, or plain ASCII when the terminal cannot show UTF-8.
    public var glyphs: Glyphs

    public init(width: Int, height: Int, glyphs: Glyphs = .unicode) {
        self.width = max(0, width); self.height = max(0, height)
        self.cells = Array(repeating: .blank, count: self.width * self.height)
        self.glyphs = glyphs
    }

    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < width, y < height else { return .blank }
        return cells[y * width + x]
    }

    public mutating func fill(_ rect: Rect, role: Role, character: Character = " ") {
        for y in max(0, rect.y)..<min(height, rect.maxY) where rect.maxY > 0 {
            for x in max(0, rect.x)..<min(width, rect.maxX) where rect.maxX > 0 {
                cells[y * width + x] = Cell(character: character, role: role, isContinuation: false)
            }
        }
    }

    /// Writes `text` from (x, y), at most `limit` columns, never past the canvas edge. Control characters
    /// are shown as `·` so nothing from the database or a file reaches the terminal raw. Returns columns used.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, role: Role, limit: Int? = nil) -> Int {
        guard y >= 0, y < height else { return 0 }
        let end = min(width, limit.map { x + max(0, $0) } ?? width)
        // Most of a frame is ASCII: a byte is then a character a column wide, with no grapheme breaking to do.
        if TextWidth.isByteCharacters(text) {
            return writeASCII(text, x: x, y: y, role: role, end: end)
        }
        return writeCharacters(text, x: x, y: y, role: role, end: end)
    }

    mutating func writeASCII(_ text: String, x: Int, y: Int, role: Role, end: Int) -> Int {
        var column = x
        for byte in text.utf8 {
            if column + 1 > end { break }
            if column >= 0 {
                let shown: Character = byte < 0x20 || byte == 0x7F ? "·" : Character(Unicode.Scalar(byte))
                cells[y * width + column] = Cell(character: shown, role: role, isContinuation: false)
            }
            column += 1
        }
        return max(0, column - x)
    }

    mutating func writeCharacters(_ text: String, x: Int, y: Int, role: Role, end: Int) -> Int {
        var column = x
        for character in text {
            let shown: Character = character.unicodeScalars.contains(where: isControlScalar) ? "·" : character
            let w = TextWidth.of(shown)
            if w == 0 { continue }
            if column + w > end { break }
            if column >= 0 {
                cells[y * width + column] = Cell(character: shown, role: role, isContinuation: false)
                if w == 2 { cells[y * width + column + 1] = Cell(character: " ", role: role, isContinuation: true) }
            }
            column += w
        }
        return max(0, column - x)
    }

    /// Changes the role of a run of cells, keeping their characters (used for the selection bar).
    public mutating func paint(_ rect: Rect, role: Role) {
        for y in max(0, rect.y)..<min(height, rect.maxY) where rect.maxY > 0 {
            for x in max(0, rect.x)..<min(width, rect.maxX) where rect.maxX > 0 { cells[y * width + x].role = role }
        }
    }

    public mutating func box(_ rect: Rect, role: Role) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let g = glyphs
        // The lines are filled, not written a glyph at a time (a string made and measured per cell, every frame).
        fill(Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1), role: role, character: g.horizontal)
        fill(Rect(x: rect.x + 1, y: rect.maxY - 1, width: rect.width - 2, height: 1), role: role,
             character: g.horizontal)
        fill(Rect(x: rect.x, y: rect.y + 1, width: 1, height: rect.height - 2), role: role, character: g.vertical)
        fill(Rect(x: rect.maxX - 1, y: rect.y + 1, width: 1, height: rect.height - 2), role: role,
             character: g.vertical)
        write(String(g.topLeft), x: rect.x, y: rect.y, role: role)
        write(String(g.topRight), x: rect.maxX - 1, y: rect.y, role: role)
        write(String(g.bottomLeft), x: rect.x, y: rect.maxY - 1, role: role)
        write(String(g.bottomRight), x: rect.maxX - 1, y: rect.maxY - 1, role: role)
    }

    /// The text of one row, trailing spaces removed.
    public func line(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var out = ""
        for x in 0..<width where !cells[y * width + x].isContinuation { out.append(cells[y * width + x].character) }
        while out.last == " " { out.removeLast() }
        return out
    }

    /// The whole canvas as lines of text, as a person would read the screen.
    public var text: String { (0..<height).map(line).joined(separator: "\n") }

    private func isControlScalar(_ s: Unicode.Scalar) -> Bool { s.value < 0x20 || (0x7F...0x9F).contains(s.value) }
}

/// The characters used for borders and markers.
public struct Glyphs: Equatable, Sendable {
    public var horizontal: Character, vertical: Character
    public var topLeft: Character, topRight: Character, bottomLeft: Character, bottomRight: Character
    public var bullet: Character, warning: Character, separator: Character

    public static let unicode = Glyphs(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐",
                                       bottomLeft: "└", bottomRight: "┘", bullet: "●", warning: "⚠", separator: "·")
    public static let ascii = Glyphs(horizontal: "-", vertical: "|", topLeft: "+", topRight: "+",
                                     bottomLeft: "+", bottomRight: "+", bullet: "*", warning: "!", separator: "-")
}
