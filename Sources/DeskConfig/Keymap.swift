import Foundation
import DeskCore

/// Keys to command names, per scope. A pane's own binding wins over a global one.
public struct Keymap: Equatable, Sendable {
    public var name: String
    public var bindings: [BindingScope: [Key: String]]

    public init(name: String, bindings: [BindingScope: [Key: String]]) {
        self.name = name; self.bindings = bindings
    }

    public func command(for key: Key, in pane: PaneID) -> String? { command(for: key, in: .pane(pane)) }

    /// A pane's or an overlay's own binding, else the global one.
    public func command(for key: Key, in scope: BindingScope) -> String? {
        bindings[scope]?[key] ?? bindings[.global]?[key]
    }

    /// The command a key runs in a scope, typed; nil when it runs none this version knows.
    public func commandID(for key: Key, in scope: BindingScope) -> CommandID? {
        command(for: key, in: scope).flatMap(CommandID.init(rawValue:))
    }

    /// The keys a hint on screen names for a command in a scope (its own keys, then global ones it does not
    /// shadow), `preferring` first where bound, then shortest, a letter once (y, not y and Y); nil when no key runs
    /// it there.
    public func hint(_ command: CommandID, in scope: BindingScope, limit: Int = 1, preferring: [Key] = []) -> String? {
        let own = bindings[scope] ?? [:]
        let inherited = scope == .global ? [] : keys(for: command.rawValue, in: .global).filter { own[$0] == nil }
        let bound = (keys(for: command.rawValue, in: scope) + inherited).map(\.description)
        var seen = Set<String>()
        let named = (preferring.map(\.description).filter(bound.contains) + bound.sorted(by: Keymap.hintOrder))
            .filter { seen.insert($0.lowercased()).inserted }
        return named.isEmpty ? nil : named.prefix(limit).joined(separator: " or ")
    }

    /// Every key bound to `command` in a scope, for the help overlay and status hints.
    public func keys(for command: String, in scope: BindingScope) -> [Key] {
        (bindings[scope] ?? [:]).filter { $0.value == command }.map(\.key)
            .sorted { Keymap.hintOrder($0.description, $1.description) }
    }

    /// Shortest first, a lower-case letter before its capital.
    static func hintOrder(_ one: String, _ other: String) -> Bool {
        (one.count, one.lowercased() == one ? 0 : 1, one) < (other.count, other.lowercased() == other ? 0 : 1, other)
    }

    /// An overlay command no key runs leaves its question unanswerable (a confirmation could only be refused).
    func unanswerableOverlays() -> [ConfigError] {
        Commands.all.compactMap { command -> ConfigError? in
            let overlays = command.scopes.compactMap { scope -> OverlayID? in
                if case .overlay(let overlay) = scope { return overlay } else { return nil }
            }
            guard overlays.count == command.scopes.count, let overlay = overlays.first,
                  hint(command.id, in: .overlay(overlay)) == nil else { return nil }
            return ConfigError(file: "keymap \(name)", key: overlay.rawValue,
                               "no key runs '\(command.name)', so \(overlay.title.lowercased()) it cannot be done")
        }
    }

    /// The overlay and README rows: each command in table order with its keys per scope.
    public func helpRows() -> [(scope: BindingScope, command: Command, keys: [Key])] {
        var rows: [(BindingScope, Command, [Key])] = []
        for scope in BindingScope.all {
            for command in Commands.all {
                let keys = self.keys(for: command.name, in: scope)
                if !keys.isEmpty { rows.append((scope, command, keys)) }
            }
        }
        return rows
    }
}

/// Reads keymap files: one table per scope (`[global]`, `[slots]`, …) of `"key" = "command"`.
/// `inherits = "default"` starts from another keymap; `"x" = "none"` removes a binding.
public enum KeymapLoader {
    public static func parse(text: String, file: String) throws(ConfigError) -> (inherits: String?, bindings: [BindingScope: [Key: String]], warnings: [ConfigError]) {
        let doc = try TOMLDocument(file: file, text: text)
        var warnings: [ConfigError] = []
        var inherits: String?
        var bindings: [BindingScope: [Key: String]] = [:]
        for (key, value) in doc.root {
            if key == "inherits" {
                guard let name = value.string else { throw doc.error(key, in: nil, "must be a keymap name in quotes") }
                inherits = name
                continue
            }
            if key == "name" || key == "description" { continue }
            guard let scope = BindingScope(name: key) else {
                warnings.append(doc.error(key, in: nil, "unknown section, ignored; use "
                                             + BindingScope.all.map(\.description).joined(separator: ", ")))
                continue
            }
            guard let table = value.table else { throw doc.error(key, in: nil, "must be a table of \"key\" = \"command\"") }
            for (keyName, commandValue) in table {
                guard let key = Key(name: keyName) else {
                    throw doc.error(keyName, in: scope.description, "'\(keyName)' is not a key name (e.g. q, Tab, S-Tab, C-c, PgUp, F1)")
                }
                guard let commandName = commandValue.string else {
                    throw doc.error(keyName, in: scope.description, "the command must be a name in quotes")
                }
                if commandName == "none" { bindings[scope, default: [:]][key] = "none"; continue }
                guard let command = Commands.named(commandName) else {
                    throw doc.error(keyName, in: scope.description, "unknown command '\(commandName)'")
                }
                if !command.scopes.contains(scope) {
                    warnings.append(doc.error(keyName, in: scope.description, "command '\(commandName)' does not apply in [\(scope)]"))
                }
                bindings[scope, default: [:]][key] = commandName
            }
        }
        return (inherits, bindings, warnings)
    }

    public static func load(name: String, bundled: URL?, user: URL?) throws(ConfigError) -> (Keymap, [ConfigError]) {
        let files = LayeredFiles<[BindingScope: [Key: String]]>(
            kind: "keymap", bundled: bundled, user: user, empty: [:],
            parse: { (text, file) throws(ConfigError) in
                let parsed = try parse(text: text, file: file)
                return (parsed.inherits, parsed.bindings, parsed.warnings)
            },
            layer: { lower, upper in
                lower.merging(upper) { lowerKeys, upperKeys in lowerKeys.merging(upperKeys) { _, own in own } }
            })
        let (bindings, warnings) = try files.resolve(name)
        // "none" has done its work once layering is over: it hides an inherited binding.
        let keymap = Keymap(name: name, bindings: bindings.mapValues { $0.filter { $0.value != "none" } })
        return (keymap, warnings + keymap.unanswerableOverlays()
                    + replacedDefault(keymap, bundled: bundled, user: user))
    }

    /// A keymap file without `inherits` replaces the whole default, silently leaving keys such as q and ? doing
    /// nothing: say so, naming the default's keys it leaves unbound.
    static func replacedDefault(_ keymap: Keymap, bundled: URL?, user: URL?) -> [ConfigError] {
        guard keymap.name != "default" else { return [] }
        let files = [user, bundled].compactMap { $0?.appendingPathComponent("\(keymap.name).toml") }
            .filter { FileManager.default.fileExists(atPath: $0.path) }
        let inherits = files.contains { file in
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { return false }
            return (try? parse(text: text, file: file.path))?.inherits != nil
        }
        guard !inherits, let file = files.first,
              let (standard, _) = try? load(name: "default", bundled: bundled, user: nil) else { return [] }
        let lost = BindingScope.all.flatMap { scope in
            (standard.bindings[scope] ?? [:]).sorted { $0.value < $1.value }.compactMap { key, command in
                keymap.commandID(for: key, in: scope) == nil ? "\(key) (\(command))" : nil
            }
        }
        guard !lost.isEmpty else { return [] }
        let shown = lost.prefix(12).joined(separator: ", ") + (lost.count > 12 ? " and \(lost.count - 12) more" : "")
        return [ConfigError(file: file.path, key: "inherits",
                            "has no 'inherits = \"default\"', so it replaces the whole default keymap and leaves "
                                + "these keys unbound: \(shown); add the line to keep them")]
    }
}
