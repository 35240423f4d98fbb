import Foundation
import DeskCore
import DeskConfig

/// Our checks of the settings file and the continuity plan. The TOML parser under them (toml++) is kept in a
/// child process by the desk because it aborts on some malformed text, so here the bytes are turned into TOML that
/// always parses, and what is fuzzed is what we do with it: keys known and unknown, values of every type and text.
enum ConfigTargets {
    static let planSections = [nil, "[[people]]", "[[functions]]", "[functions.resources]", "[[functions.escalations]]"]
    static let planKeys = ["title", "organisation", "last_reviewed", "people", "functions", "name", "role", "phones",
                           "email", "systems", "responsible", "deputy", "impact", "likelihood", "recovery_timeframe",
                           "resources", "data_recovery", "key_personnel", "runbook", "escalations", "update_every",
                           "update_every_hssi", "staff", "data", "after", "action", "contact"]
    static let settingsSections = ["[mail]", "[acknowledgment]", "[outage]", "[terminal]", "[hub]", "[layout]",
                                   "[status_page]", "[support_hours]", "[updates]"]
    static var settingsSectionsOrNone: [String?] { settingsSections.map { Optional($0) } + [nil] }
    static let settingsKeys = ["sendmail", "from", "from_name", "timeout_seconds", "deadline_minutes",
                               "call_interval_minutes", "system", "site", "url", "practice", "host", "main_width",
                               "folder", "severity_1", "severity_3", "bank_holidays", "every", "every_hssi"]
    /// Texts the checks look for, so the fuzzer reaches past "unknown value".
    static let words = ["Ann Lead", "Bo Deputy", "Dental RMS", "high", "low", "4h", "30m", "1h30m", "outage-declared",
                        "24x7", "06:30-20:30 Mon-Fri excluding bank holidays", "slots", "callsheet", "desk@example.org",
                        "sendmail -t -oi", "2026-12-25", ""]

    static func continuityPlan(_ bytes: [UInt8]) throws(FuzzViolation) {
        var generator = TOMLFromBytes(bytes)
        let text = generator.document(sections: planSections, keys: planKeys)
        let plan: ContinuityPlan
        do { plan = try ContinuityPlanFile.parse(text: text, file: "fuzz.toml") }
        catch { try Invariant.inWords(error.description, "a continuity plan"); return }
        try Invariant.that(!plan.functions.isEmpty, "a plan accepted with no function")
        for person in plan.people { try Invariant.clean(person.name, "a key person's name") }
    }

    static func settings(_ bytes: [UInt8]) throws(FuzzViolation) {
        var generator = TOMLFromBytes(bytes)
        let text = generator.document(sections: settingsSectionsOrNone, keys: settingsKeys)
        let settings: DeskSettings
        do { settings = try DeskSettings.parse(text: text, file: "fuzz.toml") }
        catch { try Invariant.inWords(error.description, "a settings file"); return }
        try Invariant.that(settings.sendTimeout >= 1 && settings.acknowledgeWithin >= 60,
                           "settings accepted out of range: \(settings.sendTimeout), \(settings.acknowledgeWithin)")
    }
}

/// Well-formed TOML chosen by the fuzzer's bytes: which sections, keys and values, and the text in strings.
struct TOMLFromBytes {
    private let bytes: [UInt8]
    private var at = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    private mutating func next() -> Int {
        defer { at += 1 }
        return at < bytes.count ? Int(bytes[at]) : 0
    }

    private var exhausted: Bool { at >= bytes.count }

    mutating func document(sections: [String?], keys: [String]) -> String {
        var lines: [String] = []
        var usedSections = Set<String>()
        var count = 0
        while !exhausted && count < 24 {
            count += 1
            let choice = next() % (sections.count + 1)
            if choice < sections.count, let header = sections[choice] {
                // A plain [table] may appear once; [[array]] entries may repeat.
                guard header.hasPrefix("[[") || usedSections.insert(header).inserted else { continue }
                lines.append(header)
            } else if choice == sections.count {
                let name = quoted(maxLength: 8)
                guard usedSections.insert(name).inserted else { continue }
                lines.append("[\(name)]")
            }
            var usedKeys = Set<String>()
            for _ in 0..<(next() % 6) {
                let pick = next()
                let key = pick % 8 == 7 ? quoted(maxLength: 8) : keys[pick % keys.count]
                guard usedKeys.insert(key).inserted else { continue }
                lines.append("\(key) = \(value(depth: 0))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private mutating func value(depth: Int) -> String {
        switch next() % (depth > 1 ? 6 : 8) {
        case 0: return quoted(maxLength: 40)
        case 1: return basic(ConfigTargets.words[next() % ConfigTargets.words.count])
        case 2: return String(Int16(truncatingIfNeeded: next() << 8 | next()))
        case 3: return next() % 2 == 0 ? "true" : "false"
        case 4: return String(format: "%04d-%02d-%02d", 2000 + next() % 40, 1 + next() % 12, 1 + next() % 28)
        case 5: return "\(next() % 100).\(next() % 100)"
        case 6: return "[" + (0..<(next() % 4)).map { _ in value(depth: depth + 1) }.joined(separator: ", ") + "]"
        default:
            var keys = Set<String>()
            var pairs: [String] = []
            for index in 0..<(next() % 3) {
                let key = ["step", "done_when", "k\(index)"][next() % 3]
                if keys.insert(key).inserted { pairs.append("\(key) = \(value(depth: depth + 1))") }
            }
            return "{ " + pairs.joined(separator: ", ") + " }"
        }
    }

    /// A basic string of scalars the bytes choose, every one escaped that TOML would not take raw.
    private mutating func quoted(maxLength: Int) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<(next() % (maxLength + 1)) {
            let high = next(), low = next()
            let value: UInt32 = high < 128 ? UInt32(low % 128) : UInt32(high & 0x1F) << 8 | UInt32(low)
            if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
        }
        return Self.basic(String(scalars))
    }

    private func basic(_ text: String) -> String { Self.basic(text) }

    static func basic(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || !scalar.isASCII {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
