import Foundation
import TOMLKit
import DeskCore

/// A parsed TOML file that can say on which line a key stands, so semantic errors point at the right place.
struct TOMLDocument {
    let file: String
    let text: String
    let root: TOMLTable

    init(file: String, text: String) throws(ConfigError) {
        self.file = file
        self.text = text
        try Self.refuseTableNamesTheParserCannotTake(text, file: file)
        try Self.refuseNulEscapes(text, file: file)
        try TOMLGuard.check(text, file: file)
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            // The parser quotes the character it stopped at, which may be an escape or a bidi override.
            throw ConfigError(file: file, line: error.source.begin.line, "not valid TOML: \(Sanitise.visible(error.description))")
        } catch {
            throw ConfigError(file: file, "not valid TOML: \(Sanitise.visible("\(error)"))")
        }
    }

    /// toml++ stops the whole program (an assertion) on a table header whose name starts with a control or
    /// non-ASCII character, such as `[é]`; a fuzz test found it. Such a name is never valid TOML, so it is refused
    /// here, in words and with its line, before the parser sees it.
    static func refuseTableNamesTheParserCannotTake(_ text: String, file: String) throws(ConfigError) {
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = raw.drop { $0 == " " || $0 == "\t" }
            guard rest.first == "[" else { continue }
            rest = rest.drop { $0 == "[" || $0 == " " || $0 == "\t" }
            guard let first = rest.unicodeScalars.first else { continue }
            if first.value < 0x20 || first.value >= 0x7F {
                throw ConfigError(file: file, line: index + 1,
                                  "not valid TOML: a table name must start with a letter, digit, '_', '-' or a quote")
            }
        }
    }

    /// TOMLKit reads a table's keys as C strings, so a key holding `\u0000` is cut short there and looking it up
    /// again stops the program (a forced unwrap in its iterator); the fuzzer found it with a table name. A NUL has no
    /// place in any of our files, so its escape is refused wherever it stands, with its line.
    static func refuseNulEscapes(_ text: String, file: String) throws(ConfigError) {
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where raw.contains("\\u0000") || raw.contains("\\U00000000") {
            var backslashes = 0
            let scalars = Array(raw.unicodeScalars)
            for (at, scalar) in scalars.enumerated() {
                if scalar == "\\" { backslashes += 1; continue }
                defer { backslashes = 0 }
                // An odd run of backslashes ends in an escape; an even one is escaped backslashes.
                guard backslashes % 2 == 1, scalar == "u" || scalar == "U" else { continue }
                let digits = scalar == "u" ? 4 : 8
                let following = scalars.dropFirst(at + 1).prefix(digits)
                if following.count == digits && following.allSatisfy({ $0 == "0" }) {
                    throw ConfigError(file: file, line: index + 1,
                                      "not valid here: a \\u0000 (NUL) escape; no setting can hold one")
                }
            }
        }
    }

    /// The line of `key` inside `[section]` (or at the top when `section` is nil), found by reading the text.
    func line(of key: String, in section: String?) -> Int? {
        var current: String? = nil
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") && !line.hasPrefix("[[") {
                current = line.dropFirst().prefix { $0 != "]" }.trimmingCharacters(in: .whitespaces)
                    .trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                if section == current && key.isEmpty { return index + 1 }
                continue
            }
            guard current == section else { continue }
            for candidate in ["\"\(key)\"", "'\(key)'", key] where line.hasPrefix(candidate) {
                let rest = line.dropFirst(candidate.count).trimmingCharacters(in: .whitespaces)
                if rest.hasPrefix("=") { return index + 1 }
            }
        }
        return nil
    }

    func error(_ key: String, in section: String?, _ message: String) -> ConfigError {
        ConfigError(file: file, line: line(of: key, in: section), key: section.map { "\($0).\(key)" } ?? key, message)
    }
}
