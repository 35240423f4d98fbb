import Foundation
import DeskCore

/// Keys to command names, per scope. A pane's own binding wins over a global one.
public struct Keymap: Equatable, Sendable {
    public var name: String
    public var bindings: [BindingScope: [Key: String]]

    public init(name: String, bindings: [BindingScope: [Key: String]]) {
        self.name = name; self.bindings = bindings
    }

    public func command(for key: Key, in pane: PaneID) -> String? {
        bindings[.pane(pane)]?[key] ?? bindings[.global]?[key]
    }

    /// Every key bound to `command` in a scope, for the help overlay and status hints.
    public func keys(for command: String, in scope: BindingScope) -> [Key] {
        (bindings[scope] ?? [:]).filter { $0.value == command }.map(\.key)
            .sorted { ($0.description.count, $0.description) < ($1.description.count, $1.description) }
    }

    /// The overlay and README rows: each command in table order with its keys per scope.
    public func helpRows() -> [(scope: BindingScope, command: Command, keys: [Key])] {
        let scopes: [BindingScope] = [.global] + PaneID.allCases.map(BindingScope.pane)
        var rows: [(BindingScope, Command, [Key])] = []
        for scope in scopes {
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
                warnings.append(doc.error(key, in: nil, "unknown section, ignored; use global, \(PaneID.allCases.map(\.rawValue).joined(separator: ", "))"))
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
        return (Keymap(name: name, bindings: bindings.mapValues { $0.filter { $0.value != "none" } }), warnings)
    }
}
