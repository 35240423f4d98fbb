import Foundation
import TOMLKit

/// Reads theme files: `inherits`, a `[palette]` of named colours, and `[roles]` of `{ fg, bg, modifiers }`.
public enum ThemeLoader {
    /// Parses one file's text. Unknown roles and keys are warnings; a bad colour is an error.
    public static func parse(text: String, file: String) throws(ConfigError) -> (inherits: String?, styles: [String: Style], warnings: [ConfigError]) {
        let doc = try TOMLDocument(file: file, text: text)
        var warnings: [ConfigError] = []
        var palette: [String: Colour] = [:]
        var inherits: String?
        for (key, value) in doc.root {
            switch key {
            case "inherits":
                guard let name = value.string else { throw doc.error(key, in: nil, "must be a theme name in quotes") }
                inherits = name
            case "palette", "roles", "name", "description":
                continue
            default:
                warnings.append(doc.error(key, in: nil, "unknown key, ignored (expected inherits, [palette], [roles])"))
            }
        }
        if let table = doc.root["palette"]?.table {
            for (name, value) in table {
                guard let text = value.string, let colour = Colour(name: text) else {
                    throw doc.error(name, in: "palette", "not a colour: use a name (red), 0–255, or #rrggbb")
                }
                palette[name] = colour
            }
        }
        var styles: [String: Style] = [:]
        if let table = doc.root["roles"]?.table {
            for (role, value) in table {
                guard Role.knownNames.contains(role) else {
                    warnings.append(doc.error(role, in: "roles", "unknown role, ignored"))
                    continue
                }
                guard let spec = value.table else {
                    throw doc.error(role, in: "roles", "must be a table such as { fg = \"white\", bg = \"red\", modifiers = [\"bold\"] }")
                }
                var style = Style()
                for (field, fieldValue) in spec {
                    switch field {
                    case "fg", "bg":
                        guard let text = fieldValue.string, let colour = palette[text] ?? Colour(name: text) else {
                            throw doc.error(role, in: "roles", "\(field) '\(fieldValue.string ?? "?")' is not a colour or palette name")
                        }
                        if field == "fg" { style.foreground = colour } else { style.background = colour }
                    case "modifiers":
                        guard let array = fieldValue.array else { throw doc.error(role, in: "roles", "modifiers must be a list") }
                        for item in array {
                            guard let name = item.string, let attribute = Attribute(rawValue: name) else {
                                throw doc.error(role, in: "roles", "unknown modifier; use \(Attribute.allCases.map(\.rawValue).joined(separator: ", "))")
                            }
                            style.attributes.insert(attribute)
                        }
                    default:
                        warnings.append(doc.error(role, in: "roles", "unknown field '\(field)', ignored"))
                    }
                }
                styles[role] = style
            }
        }
        return (inherits, styles, warnings)
    }

    /// Loads `name` from the search folders (the bundled one, then the user's layered over it), following `inherits`.
    public static func load(name: String, bundled: URL?, user: URL?) throws(ConfigError) -> (Theme, [ConfigError]) {
        let files = LayeredFiles<[String: Style]>(
            kind: "theme", bundled: bundled, user: user, empty: [:],
            parse: { (text, file) throws(ConfigError) in
                let parsed = try parse(text: text, file: file)
                return (parsed.inherits, parsed.styles, parsed.warnings)
            },
            layer: { lower, upper in lower.merging(upper) { _, own in own } })
        let (styles, warnings) = try files.resolve(name)
        return (Theme(name: name, styles: styles), warnings)
    }
}
