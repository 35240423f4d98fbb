import Foundation
import TOMLKit

/// A parsed TOML file that can say on which line a key stands, so semantic errors point at the right place.
struct TOMLDocument {
    let file: String
    let text: String
    let root: TOMLTable

    init(file: String, text: String) throws(ConfigError) {
        self.file = file
        self.text = text
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(file: file, line: error.source.begin.line, "not valid TOML: \(error.description)")
        } catch {
            throw ConfigError(file: file, "not valid TOML: \(error)")
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
