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

    /// Loads `name` from the search folders (user folder first, then the bundled one), following `inherits`,
    /// with a user file of the same name as a bundled theme layered on top of it.
    public static func load(name: String, bundled: URL?, user: URL?) throws(ConfigError) -> (Theme, [ConfigError]) {
        var warnings: [ConfigError] = []
        var visited: Set<String> = []
        func resolve(_ name: String) throws(ConfigError) -> [String: Style] {
            guard visited.insert(name).inserted else {
                throw ConfigError(file: "\(name).toml", key: "inherits", "themes inherit from each other in a loop")
            }
            let files = [bundled, user].compactMap { $0?.appendingPathComponent("\(name).toml") }
                .filter { FileManager.default.fileExists(atPath: $0.path) }
            guard !files.isEmpty else {
                throw ConfigError(file: "\(name).toml", "no theme named '\(name)' (looked in \([bundled, user].compactMap { $0?.path }.joined(separator: ", ")))")
            }
            var styles: [String: Style] = [:]
            for file in files {
                let text: String
                do { text = try String(contentsOf: file, encoding: .utf8) }
                catch { throw ConfigError(file: file.path, "cannot be read as UTF-8 text") }
                let parsed = try parse(text: text, file: file.path)
                warnings += parsed.warnings
                if let parent = parsed.inherits { styles.merge(try resolve(parent)) { current, _ in current } }
                styles.merge(parsed.styles) { _, own in own }
            }
            return styles
        }
        return (Theme(name: name, styles: try resolve(name)), warnings)
    }
}
