import Foundation
import DeskDefaults

/// Where things live, as a pure function of the environment (XDG Base Directory rules).
public struct DeskPaths: Equatable, Sendable {
    public var dataFolder: String
    public var configFolder: String
    /// True when the database folder is ours to create (the default location, not a `--db` path).
    public var databaseIsDefault: Bool
    public var database: String

    public init(environment: [String: String], databaseOverride: String? = nil) {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        // XDG says relative paths in these variables are invalid and must be ignored.
        func base(_ variable: String, _ fallback: String) -> String {
            if let value = environment[variable], value.hasPrefix("/") { return value }
            return home + "/" + fallback
        }
        dataFolder = base("XDG_DATA_HOME", ".local/share") + "/downtime-desk"
        configFolder = base("XDG_CONFIG_HOME", ".config") + "/downtime-desk"
        let chosen = databaseOverride ?? environment["DOWNTIME_DESK_DB"].flatMap { $0.isEmpty ? nil : $0 }
        databaseIsDefault = chosen == nil
        database = chosen ?? dataFolder + "/desk.sqlite"
    }

    /// `--demo` uses its own file so demo data never mixes with a real day's bookings.
    public var demoDatabase: String { dataFolder + "/demo.sqlite" }
    public var userThemes: URL { URL(fileURLWithPath: configFolder + "/Themes") }
    /// The site's settings: mail command, sender, acknowledgment deadline and call interval.
    public var settingsFile: URL { URL(fileURLWithPath: configFolder + "/config.toml") }
    public var userKeymaps: URL { URL(fileURLWithPath: configFolder + "/Keymaps") }
    public static var bundledThemes: URL? { BundledDefaults.directory?.appendingPathComponent("Themes") }
    public static var bundledTemplates: URL? { BundledDefaults.directory?.appendingPathComponent("Templates") }
    /// The practice's own patient information text, if it has written one; else the shipped one.
    public var patientInformation: URL {
        let own = URL(fileURLWithPath: configFolder + "/patient-information.txt")
        if FileManager.default.fileExists(atPath: own.path) { return own }
        return DeskPaths.bundledTemplates?.appendingPathComponent("patient-information.txt") ?? own
    }
    public static var bundledKeymaps: URL? { BundledDefaults.directory?.appendingPathComponent("Keymaps") }
}

extension DeskPaths {
    /// The continuity plan shipped for the demo network.
    public static var demoPlan: URL? { BundledDefaults.directory?.appendingPathComponent("Plans/demo-continuity-plan.toml") }
}
