import Foundation
import TOMLKit
import DeskCore

/// The site's settings file, `config.toml`: how mail leaves, and the acknowledgment clock.
/// Every key is optional; a missing file means the defaults.
public struct DeskSettings: Equatable, Sendable {
    /// A sendmail-compatible command that reads the message, with its recipients in the headers, on standard input.
    public var sendmail = "sendmail -t -oi"
    /// The notices' sender; nil uses the service host's first address from the directory.
    public var from: EmailAddress?
    public var fromName = "Downtime Desk"
    /// A mail command still running after this long is stopped and the message retried later.
    public var sendTimeout: TimeInterval = 30
    /// Parties silent this long after a round goes out are overdue.
    public var acknowledgeWithin: TimeInterval = 30 * 60
    /// After a call that did not get an acknowledgment, the next call comes due this much later.
    public var callInterval: TimeInterval = 15 * 60
    /// The system name the interface offers when declaring.
    public var system = "Dental RMS"
    /// The organisation this machine's terminals are (`[terminal] site`), used when `--site` is not given.
    public var site: String?
    /// The hub this site syncs with (`[hub] url`), when neither `--hub` nor DOWNTIME_DESK_HUB names one.
    public var hubURL: String?
    /// `[layout]`: the pane that takes the main column, by role, where the site wants other than the standard.
    public var mainPane: [TerminalRole: PaneID] = [:]
    /// `[layout] main_width`: the main column's share of the width in percent.
    public var mainWidthPercent: Int?
    /// `[status_page] folder`: where the public status page is written whenever the outage state changes here.
    public var statusFolder: String?
    /// `[support_hours]`: when the resolver group works each severity (seed 003's table unless the site says).
    public var supportHours = SupportHours.seed003
    /// `[updates]`: how often an update is due during an outage where the plan's function does not say.
    public var updateCadence = UpdateCadence()

    public init() {}

    /// The arrangement a terminal of this role opens on.
    public func arrangement(for role: TerminalRole) -> PaneArrangement {
        var arrangement = PaneArrangement.standard(for: role)
        if let main = mainPane[role] { arrangement.main = main }
        if let percent = mainWidthPercent { arrangement.mainPercent = percent }
        return arrangement
    }

    public static func load(file: URL) throws(ConfigError) -> DeskSettings {
        guard FileManager.default.fileExists(atPath: file.path) else { return DeskSettings() }
        let text: String
        do { text = try String(contentsOf: file, encoding: .utf8) } catch { throw ConfigError(file: file.path, "cannot be read as UTF-8 text") }
        return try parse(text: text, file: file.path)
    }

    public static func parse(text: String, file: String) throws(ConfigError) -> DeskSettings {
        let doc = try TOMLDocument(file: file, text: text)
        var settings = DeskSettings()
        let known: [String: Set<String>] = ["mail": ["sendmail", "from", "from_name", "timeout_seconds"],
                                            "acknowledgment": ["deadline_minutes", "call_interval_minutes"],
                                            "outage": ["system"], "terminal": ["site"], "hub": ["url"],
                                            "layout": Set(TerminalRole.allCases.map(\.rawValue) + ["main_width"]),
                                            "status_page": ["folder"],
                                            "support_hours": Set((1...5).map { "severity_\($0)" } + ["bank_holidays"]),
                                            "updates": ["every", "every_hssi"]]
        for (section, value) in doc.root {
            guard let keys = known[section], let table = value.table else {
                throw doc.error(section, in: nil, "unknown setting; sections are [mail], [acknowledgment], "
                                    + "[outage], [terminal], [hub], [layout], [status_page], [support_hours] "
                                    + "and [updates]")
            }
            for (key, _) in table where !keys.contains(key) {
                throw doc.error(key, in: section, "unknown key; [\(section)] takes \(keys.sorted().joined(separator: ", "))")
            }
        }
        func string(_ key: String, _ section: String) throws(ConfigError) -> String? {
            guard let value = doc.root[section]?.table?[key] else { return nil }
            guard let string = value.string, !string.trimmingCharacters(in: .whitespaces).isEmpty, !Sanitise.containsControl(string) else {
                throw doc.error(key, in: section, "must be non-empty text in quotes on one line")
            }
            return string
        }
        func wholeNumber(_ key: String, _ section: String, range: ClosedRange<Int>) throws(ConfigError) -> TimeInterval? {
            guard let value = doc.root[section]?.table?[key] else { return nil }
            guard let number = value.int, range.contains(number) else {
                throw doc.error(key, in: section, "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return TimeInterval(number)
        }
        if let command = try string("sendmail", "mail") { settings.sendmail = command }
        if let from = try string("from", "mail") {
            do { settings.from = try EmailAddress(parsing: from) } catch { throw doc.error("from", in: "mail", "\(error)") }
        }
        if let name = try string("from_name", "mail") { settings.fromName = name }
        if let seconds = try wholeNumber("timeout_seconds", "mail", range: 1...600) { settings.sendTimeout = seconds }
        if let value = try wholeNumber("deadline_minutes", "acknowledgment", range: 1...1440) { settings.acknowledgeWithin = value * 60 }
        if let value = try wholeNumber("call_interval_minutes", "acknowledgment", range: 1...1440) { settings.callInterval = value * 60 }
        if let system = try string("system", "outage") { settings.system = system }
        settings.site = try string("site", "terminal")
        settings.hubURL = try string("url", "hub")
        settings.statusFolder = try string("folder", "status_page")
        for key in ["every", "every_hssi"] {
            guard let text = try string(key, "updates") else { continue }
            guard let every = PlanDuration(parsing: text) else {
                throw doc.error(key, in: "updates", "must be a duration such as \"30m\", \"1h\" or \"1h30m\"")
            }
            if key == "every" { settings.updateCadence.every = TimeInterval(every.seconds) }
            else { settings.updateCadence.everyHSSI = TimeInterval(every.seconds) }
        }
        for severity in 1...5 {
            let key = "severity_\(severity)"
            guard let text = try string(key, "support_hours") else { continue }
            guard let hours = SupportHours.parse(text) else {
                throw doc.error(key, in: "support_hours", "must be \"24x7\" or like \"06:30-20:30 Mon-Fri excluding "
                                    + "bank holidays\" (days and bank holidays optional)")
            }
            settings.supportHours.bySeverity[severity] = hours
        }
        if let value = doc.root["support_hours"]?.table?["bank_holidays"] {
            guard let array = value.array else {
                throw doc.error("bank_holidays", in: "support_hours", "must be a list of dates, [2026-12-25, …]")
            }
            for item in array {
                if let date = item.date, let day = LocalDate(year: date.year, month: date.month, day: date.day) {
                    settings.supportHours.bankHolidays.insert(day)
                } else if let text = item.string, let date = LocalDate(iso: text) {
                    settings.supportHours.bankHolidays.insert(date)
                } else {
                    throw doc.error("bank_holidays", in: "support_hours", "must be a list of dates, [2026-12-25, …]")
                }
            }
        }
        for role in TerminalRole.allCases {
            guard let name = try string(role.rawValue, "layout") else { continue }
            guard let pane = PaneID(rawValue: name) else {
                throw doc.error(role.rawValue, in: "layout", "must name a pane: \"slots\" (the slot grid, or the "
                                    + "capacity board), \"incoming\" or \"callsheet\"")
            }
            settings.mainPane[role] = pane
        }
        let widths = PaneArrangement.percentRange
        if let percent = try wholeNumber("main_width", "layout", range: widths) {
            settings.mainWidthPercent = Int(percent)
        }
        return settings
    }
}

/// The notice templates: the site's own file if it has one, else the shipped one, each checked when read.
public enum NoticeTemplates {
    public static let fileNames: [NoticeKind: String] = [.outage: "outage-notice.txt", .restoration: "restoration-notice.txt"]

    public static let updateFileName = "update-notice.txt"

    /// The template to use, and a warning when the site's own file was bad and the shipped one stands in.
    public static func load(_ kind: NoticeKind, paths: DeskPaths) -> (NoticeTemplate, warning: String?) {
        load(fileNames[kind]!, fallback: kind == .outage ? .fallbackOutage : .fallbackRestoration, paths: paths)
    }

    /// The update notice's template, as `load` finds a notice's.
    public static func loadUpdate(paths: DeskPaths) -> (NoticeTemplate, warning: String?) {
        load(updateFileName, fallback: .fallbackUpdate, paths: paths)
    }

    static func load(_ name: String, fallback: NoticeTemplate, paths: DeskPaths) -> (NoticeTemplate, warning: String?) {
        var warning: String?
        let own = URL(fileURLWithPath: paths.configFolder + "/Templates/" + name)
        if FileManager.default.fileExists(atPath: own.path) {
            do { return (try read(own), nil) } catch { warning = "\(error); using the shipped template" }
        }
        if let bundled = DeskPaths.bundledTemplates?.appendingPathComponent(name), let template = try? read(bundled) {
            return (template, warning)
        }
        return (fallback, warning)
    }

    /// Reads and checks one template file.
    public static func read(_ file: URL) throws -> NoticeTemplate {
        let text: String
        do { text = try String(contentsOf: file, encoding: .utf8) } catch { throw NoticeTemplate.Problem(source: file.path, line: 1, message: "cannot be read as UTF-8 text") }
        return try NoticeTemplate(parsing: text, source: file.path)
    }
}
