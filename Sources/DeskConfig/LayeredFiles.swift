import Foundation

/// Finds and layers named config files the same way for themes and keymaps: the bundled file, then the user's file
/// of the same name over it, each able to start from another with `inherits`, loops refused.
struct LayeredFiles<Value> {
    /// "theme" or "keymap", for messages.
    let kind: String
    let bundled: URL?
    let user: URL?
    let empty: Value
    let parse: (_ text: String, _ file: String) throws(ConfigError) -> (inherits: String?, value: Value, warnings: [ConfigError])
    /// Lays `upper` over `lower`: what `upper` sets wins.
    let layer: (_ lower: Value, _ upper: Value) -> Value

    func resolve(_ name: String) throws(ConfigError) -> (Value, [ConfigError]) {
        var warnings: [ConfigError] = []
        // The names being loaded, outermost first: a loop is a name that is its own ancestor, not one reached twice
        // (a user's file and the bundled one of the same name may both inherit the same parent).
        var ancestry: [String] = []
        func load(_ name: String) throws(ConfigError) -> Value {
            guard !ancestry.contains(name) else {
                throw ConfigError(file: "\(name).toml", key: "inherits",
                                  "\(kind)s inherit from each other in a loop: " + (ancestry + [name]).joined(separator: " → "))
            }
            ancestry.append(name)
            defer { ancestry.removeLast() }
            let files = [bundled, user].compactMap { $0?.appendingPathComponent("\(name).toml") }
                .filter { FileManager.default.fileExists(atPath: $0.path) }
            guard !files.isEmpty else {
                let places = [bundled, user].compactMap { $0?.path }.joined(separator: ", ")
                throw ConfigError(file: "\(name).toml", "no \(kind) named '\(name)' (looked in \(places))")
            }
            var value = empty
            for file in files {
                let text: String
                do { text = try String(contentsOf: file, encoding: .utf8) }
                catch { throw ConfigError(file: file.path, "cannot be read as UTF-8 text") }
                let parsed = try parse(text, file.path)
                warnings += parsed.warnings
                // A parent fills in only what this layer has not already got from the bundled file.
                if let parent = parsed.inherits { value = layer(try load(parent), value) }
                value = layer(value, parsed.value)
            }
            return value
        }
        let value = try load(name)
        return (value, warnings)
    }
}
