/// A terminal colour: the terminal's default, one of the 256 indexed colours.
public enum Colour: Hashable, Sendable {
    case terminalDefault
    case indexed(Int)

    static let names: [String: Int] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "bright-black": 8, "gray": 8, "grey": 8, "bright-red": 9, "bright-green": 10, "bright-yellow": 11,
        "bright-blue": 12, "bright-magenta": 13, "bright-cyan": 14, "bright-white": 15,
    ]

    /// `default`, a colour name, a 0–255 index, or `#rrggbb` (mapped to the nearest of the 256).
    public init?(name: String) {
        let lower = name.lowercased()
        if lower == "default" || lower == "reset" { self = .terminalDefault; return }
        if let index = Colour.names[lower] { self = .indexed(index); return }
        if let index = Int(lower), (0...255).contains(index) { self = .indexed(index); return }
        if lower.hasPrefix("#"), lower.count == 7, let value = Int(lower.dropFirst(), radix: 16) {
            self = .indexed(Colour.nearest256(r: value >> 16 & 0xFF, g: value >> 8 & 0xFF, b: value & 0xFF)); return
        }
        return nil
    }

    /// The xterm 6×6×6 cube or grey ramp entry nearest to an RGB value.
    static func nearest256(r: Int, g: Int, b: Int) -> Int {
        let steps = [0, 95, 135, 175, 215, 255]
        func cube(_ v: Int) -> Int { steps.indices.min { abs(steps[$0] - v) < abs(steps[$1] - v) }! }
        let (cr, cg, cb) = (cube(r), cube(g), cube(b))
        let cubeError = [(steps[cr], r), (steps[cg], g), (steps[cb], b)].reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        let grey = max(0, min(23, ((r + g + b) / 3 - 8) / 10))
        let greyValue = 8 + grey * 10
        let greyError = [r, g, b].reduce(0) { $0 + ($1 - greyValue) * ($1 - greyValue) }
        return greyError < cubeError ? 232 + grey : 16 + 36 * cr + 6 * cg + cb
    }

    /// The same colour on a terminal with only the 8 basic colours.
    public var basic: Colour {
        guard case .indexed(let index) = self, index >= 8 else { return self }
        if index < 16 { return .indexed(index - 8) }
        if index >= 232 { return .indexed(index < 244 ? 0 : 7) }
        let n = index - 16, r = n / 36, g = n / 6 % 6, b = n % 6
        return .indexed((r >= 3 ? 1 : 0) | (g >= 3 ? 2 : 0) | (b >= 3 ? 4 : 0))
    }
}

/// Text attributes, which also carry meaning on terminals without colour.
public enum Attribute: String, CaseIterable, Hashable, Sendable {
    case bold, dim, underline, reverse, blink, standout, italic
}

/// How one role is drawn. Nil colours mean "inherit from the parent role".
public struct Style: Equatable, Sendable {
    public var foreground: Colour?
    public var background: Colour?
    public var attributes: Set<Attribute>

    public init(foreground: Colour? = nil, background: Colour? = nil, attributes: Set<Attribute> = []) {
        self.foreground = foreground; self.background = background; self.attributes = attributes
    }
}

/// A loaded theme: role names to styles, resolved with dotted fallback.
public struct Theme: Equatable, Sendable {
    public var name: String
    public var styles: [String: Style]

    public init(name: String, styles: [String: Style]) {
        self.name = name; self.styles = styles
    }

    /// `slot.conflict` → `slot` → `ui`; colours not set on the role come from its parents.
    public func style(for role: Role) -> Style {
        var chain: [String] = []
        var parts = role.rawValue.split(separator: ".").map(String.init)
        while !parts.isEmpty { chain.append(parts.joined(separator: ".")); parts.removeLast() }
        if role != .ui { chain.append("ui") }
        var result = Style()
        var attributesSet = false
        for name in chain {
            guard let style = styles[name] else { continue }
            if result.foreground == nil { result.foreground = style.foreground }
            if result.background == nil { result.background = style.background }
            if !attributesSet && !style.attributes.isEmpty { result.attributes = style.attributes; attributesSet = true }
        }
        return result
    }

    /// Used when no theme file could be read: attributes only, so it works everywhere.
    public static let builtInFallback = Theme(name: "built-in", styles: [
        "ui": Style(foreground: .terminalDefault, background: .terminalDefault),
        "banner": Style(attributes: [.reverse]),
        "banner.outage": Style(attributes: [.reverse, .bold]),
        "pane.focus": Style(attributes: [.bold]),
        "selection": Style(attributes: [.reverse]),
        "slot.conflict": Style(attributes: [.bold, .underline]),
        "booking.unseen": Style(attributes: [.bold]),
        "status": Style(attributes: [.reverse]),
    ])
}
