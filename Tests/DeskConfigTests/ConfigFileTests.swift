import Foundation
import Testing
import DeskCore
@testable import DeskConfig

/// The repository's own Themes/ and Keymaps/, found from this file's place in the tree.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func files(in folder: String) throws -> [URL] {
    try FileManager.default.contentsOfDirectory(at: repositoryRoot.appendingPathComponent(folder), includingPropertiesForKeys: nil)
        .filter { $0.pathExtension == "toml" }.sorted { $0.path < $1.path }
}

@Suite struct ShippedFilesTests {
    @Test func everyThemeParsesCleanlyAndNamesOnlyKnownRoles() throws {
        let themes = try files(in: "Themes")
        #expect(themes.map { $0.deletingPathExtension().lastPathComponent }.sorted() == ["default", "high-contrast", "monochrome"])
        for file in themes {
            let name = file.deletingPathExtension().lastPathComponent
            let (theme, warnings) = try ThemeLoader.load(name: name, bundled: repositoryRoot.appendingPathComponent("Themes"), user: nil)
            #expect(warnings.isEmpty, "\(name): \(warnings)")
            #expect(theme.styles.keys.allSatisfy { Role.knownNames.contains($0) })
        }
    }

    @Test func theDefaultThemeGivesEveryRequiredRoleItsOwnStyle() throws {
        let (theme, _) = try ThemeLoader.load(name: "default", bundled: repositoryRoot.appendingPathComponent("Themes"), user: nil)
        let required = ["banner.normal", "banner.outage", "banner.restored", "pane.title", "pane.focus", "selection", "slot.free",
                        "slot.booked", "slot.conflict", "slot.downtime", "booking.unseen", "callsheet.overdue", "status"]
        for role in required { #expect(theme.styles[role] != nil, "\(role)") }
    }

    @Test func everyKeymapParsesCleanlyAndNamesOnlyKnownCommands() throws {
        let keymaps = try files(in: "Keymaps")
        #expect(keymaps.map { $0.deletingPathExtension().lastPathComponent }.sorted() == ["default", "vim"])
        for file in keymaps {
            let name = file.deletingPathExtension().lastPathComponent
            let (keymap, warnings) = try KeymapLoader.load(name: name, bundled: repositoryRoot.appendingPathComponent("Keymaps"), user: nil)
            #expect(warnings.isEmpty, "\(name): \(warnings)")
            for (_, keys) in keymap.bindings { #expect(keys.values.allSatisfy { Commands.named($0) != nil }) }
            // The essentials are always reachable.
            for command in ["quit", "help", "focus-next", "focus-prev", "cancel", "move-up", "move-down"] {
                #expect(!keymap.keys(for: command, in: .global).isEmpty, "\(name) binds \(command)")
            }
        }
    }

    @Test func vimInheritsTheDefaultsAndAddsItsOwn() throws {
        let (vim, _) = try KeymapLoader.load(name: "vim", bundled: repositoryRoot.appendingPathComponent("Keymaps"), user: nil)
        #expect(vim.command(for: .char("j"), in: .slots) == "move-down")
        #expect(vim.command(for: .char("q"), in: .slots) == "quit")
        #expect(vim.command(for: .char("l"), in: .slots) == "next-practice")
        #expect(vim.command(for: .char("l"), in: .incoming) == nil)
    }
}

@Suite struct BadConfigTests {
    @Test func invalidTOMLNamesTheLine() {
        do {
            _ = try ThemeLoader.parse(text: "[roles]\n\"ui\" = { fg = \"red\" }\n\"slot.free\" = { fg = \n", file: "mine.toml")
            Issue.record("expected an error")
        } catch {
            #expect(error.file == "mine.toml")
            #expect(error.line == 3)
        }
    }

    @Test func badColourNamesFileLineAndKey() {
        let text = "[roles]\n\"ui\" = { fg = \"red\" }\n\"slot.free\" = { fg = \"chartreuse-ish\" }\n"
        #expect(throws: ConfigError(file: "mine.toml", line: 3, key: "roles.slot.free", "fg 'chartreuse-ish' is not a colour or palette name")) {
            try ThemeLoader.parse(text: text, file: "mine.toml")
        }
    }

    @Test func unknownRoleIsAWarningNotAFailure() throws {
        let parsed = try ThemeLoader.parse(text: "[roles]\n\"slot.fre\" = { fg = \"red\" }\n", file: "t.toml")
        #expect(parsed.warnings.map(\.line) == [2])
        #expect(parsed.styles.isEmpty)
    }

    @Test func unknownCommandAndBadKeyNameAreErrorsWithTheirLine() {
        #expect(throws: ConfigError(file: "k.toml", line: 3, key: "global.x", "unknown command 'explode'")) {
            try KeymapLoader.parse(text: "[global]\n\"q\" = \"quit\"\n\"x\" = \"explode\"\n", file: "k.toml")
        }
        #expect(throws: ConfigError.self) { try KeymapLoader.parse(text: "[slots]\n\"Hyper-x\" = \"quit\"\n", file: "k.toml") }
    }

    @Test func inheritanceLoopsAreCaught() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("themes-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "inherits = \"b\"\n".write(to: folder.appendingPathComponent("a.toml"), atomically: true, encoding: .utf8)
        try "inherits = \"a\"\n".write(to: folder.appendingPathComponent("b.toml"), atomically: true, encoding: .utf8)
        #expect(throws: ConfigError.self) { try ThemeLoader.load(name: "a", bundled: folder, user: nil) }
    }

    @Test func aUserFileIsLayeredOverTheBundledOneOfTheSameName() throws {
        let user = FileManager.default.temporaryDirectory.appendingPathComponent("user-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: user, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: user) }
        try "[roles]\n\"slot.free\" = { fg = \"blue\" }\n".write(to: user.appendingPathComponent("default.toml"), atomically: true, encoding: .utf8)
        let (theme, _) = try ThemeLoader.load(name: "default", bundled: repositoryRoot.appendingPathComponent("Themes"), user: user)
        #expect(theme.style(for: .slotFree).foreground == .indexed(4))
        #expect(theme.styles["banner.outage"] != nil, "the rest of the bundled theme stays")

        let keys = FileManager.default.temporaryDirectory.appendingPathComponent("userkeys-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: keys, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: keys) }
        try "[global]\n\"z\" = \"quit\"\n\"q\" = \"none\"\n".write(to: keys.appendingPathComponent("default.toml"), atomically: true, encoding: .utf8)
        let (keymap, _) = try KeymapLoader.load(name: "default", bundled: repositoryRoot.appendingPathComponent("Keymaps"), user: keys)
        #expect(keymap.command(for: .char("z"), in: .slots) == "quit")
        #expect(keymap.command(for: .char("q"), in: .slots) == nil)
        #expect(keymap.command(for: .tab, in: .slots) == "focus-next")
    }

    /// A keymap of its own that binds no overlay keys loads, but says which questions it leaves unanswerable.
    @Test func aKeymapWithNoOverlayKeysWarnsWhatCannotBeDone() throws {
        let keys = FileManager.default.temporaryDirectory.appendingPathComponent("userkeys-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: keys, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: keys) }
        try "[global]\n\"q\" = \"quit\"\n".write(to: keys.appendingPathComponent("bare.toml"), atomically: true,
                                                  encoding: .utf8)
        let bundled = repositoryRoot.appendingPathComponent("Keymaps")
        let (_, warnings) = try KeymapLoader.load(name: "bare", bundled: bundled, user: keys)
        let said = warnings.map(\.description)
        #expect(said.contains(
            "keymap bare [confirm]: no key runs 'yes', so when a question asks y/n it cannot be done"))
        #expect(said.contains { $0.contains("'tick-step'") })
        let (defaults, none) = try KeymapLoader.load(name: "default", bundled: bundled, user: nil)
        #expect(none.isEmpty)
        #expect(defaults.commandID(for: .char("y"), in: .overlay(.confirm)) == .yes)
        #expect(defaults.commandID(for: .enter, in: .overlay(.confirm)) == nil, "Enter never confirms a declaration")
    }
}

@Suite struct ThemeResolutionTests {
    @Test func rolesFallBackAlongTheirDots() {
        let theme = Theme(name: "t", styles: [
            "ui": Style(foreground: .indexed(7), background: .indexed(0)),
            "slot": Style(foreground: .indexed(2)),
            "slot.conflict": Style(background: .indexed(1), attributes: [.bold]),
        ])
        let conflict = theme.style(for: .slotConflict)
        #expect(conflict.foreground == .indexed(2))
        #expect(conflict.background == .indexed(1))
        #expect(conflict.attributes == [.bold])
        #expect(theme.style(for: .status).foreground == .indexed(7))
    }

    @Test func coloursParseAndDegradeToTheBasicEight() {
        #expect(Colour(name: "bright-red") == .indexed(9))
        #expect(Colour(name: "#d70000") == .indexed(160))
        #expect(Colour(name: "#d70000")?.basic == .indexed(1))
        #expect(Colour(name: "nonsense") == nil)
    }
}

@Suite struct EnvironmentPolicyTests {
    @Test func noColorSetAndNonEmptyTurnsColourOff() {
        #expect(ColourPolicy.mode(environment: ["NO_COLOR": "1"], terminalColours: 256) == .none)
        #expect(ColourPolicy.mode(environment: ["NO_COLOR": ""], terminalColours: 256) == .full)
        #expect(ColourPolicy.mode(environment: [:], terminalColours: 8) == .basic)
        #expect(ColourPolicy.mode(environment: [:], terminalColours: 0) == .none)
    }

    @Test func xdgPathsAndOverrides() {
        let plain = DeskPaths(environment: ["HOME": "/home/ann"])
        #expect(plain.database == "/home/ann/.local/share/downtime-desk/desk.sqlite")
        #expect(plain.databaseIsDefault)
        #expect(plain.userThemes.path == "/home/ann/.config/downtime-desk/Themes")
        let xdg = DeskPaths(environment: ["HOME": "/home/ann", "XDG_DATA_HOME": "/data", "XDG_CONFIG_HOME": "relative/ignored"])
        #expect(xdg.database == "/data/downtime-desk/desk.sqlite")
        #expect(xdg.configFolder == "/home/ann/.config/downtime-desk")
        #expect(DeskPaths(environment: ["HOME": "/h", "DOWNTIME_DESK_DB": "/srv/desk.sqlite"]).database == "/srv/desk.sqlite")
        let flag = DeskPaths(environment: ["HOME": "/h", "DOWNTIME_DESK_DB": "/srv/desk.sqlite"], databaseOverride: "/tmp/x.sqlite")
        #expect(flag.database == "/tmp/x.sqlite" && !flag.databaseIsDefault)
    }

    @Test func bundledDefaultsAreFoundAtRunTime() throws {
        let themes = try #require(DeskPaths.bundledThemes)
        #expect(FileManager.default.fileExists(atPath: themes.appendingPathComponent("default.toml").path))
    }
}

@Suite struct InheritanceMessageTests {
    /// A user's file of a bundled name and the bundled file may both inherit the same parent: that is no loop.
    @Test func onlyATrueLoopIsCalledALoopAndAMissingParentIsNamed() throws {
        let user = URL(fileURLWithPath: NSTemporaryDirectory() + "keymaps-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: user, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: user) }
        let bundled = repositoryRoot.appendingPathComponent("Keymaps")
        try "inherits = \"default\"\n[global]\n\"Q\" = \"quit\"\n".write(to: user.appendingPathComponent("vim.toml"),
                                                                         atomically: true, encoding: .utf8)
        let (vim, _) = try KeymapLoader.load(name: "vim", bundled: bundled, user: user)
        #expect(vim.command(for: .char("Q"), in: .slots) == "quit")
        try "inherits = \"nosuch\"\n".write(to: user.appendingPathComponent("mine.toml"), atomically: true,
                                            encoding: .utf8)
        #expect(throws: ConfigError.self) { try KeymapLoader.load(name: "mine", bundled: bundled, user: user) }
        do { _ = try KeymapLoader.load(name: "mine", bundled: bundled, user: user) } catch {
            #expect("\(error)".contains("no keymap named 'nosuch'") && !"\(error)".contains("loop"), "\(error)")
        }
        try "inherits = \"b\"\n".write(to: user.appendingPathComponent("a.toml"), atomically: true, encoding: .utf8)
        try "inherits = \"a\"\n".write(to: user.appendingPathComponent("b.toml"), atomically: true, encoding: .utf8)
        do { _ = try KeymapLoader.load(name: "a", bundled: bundled,
                                       user: user); Issue.record("a loop was accepted") } catch {
            #expect("\(error)".contains("inherit from each other in a loop: a → b → a"), "\(error)")
        }
    }
}

/// A keymap without `inherits` silently replaced the whole default (q and ? did nothing): it now says so.
@Suite struct KeymapReplacementTests {
    @Test func aKeymapWithoutInheritsNamesTheDefaultKeysItLeavesUnbound() throws {
        let user = URL(fileURLWithPath: NSTemporaryDirectory() + "keymaps-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: user, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: user) }
        let bundled = repositoryRoot.appendingPathComponent("Keymaps")
        try "[global]\n\"q\" = \"quit\"\n\"x\" = \"help\"\n".write(to: user.appendingPathComponent("mine.toml"),
                                                                 atomically: true, encoding: .utf8)
        let (_, warnings) = try KeymapLoader.load(name: "mine", bundled: bundled, user: user)
        let words = warnings.map(\.description).joined(separator: "\n")
        #expect(words.contains("mine.toml [inherits]: has no 'inherits = \"default\"', so it replaces the whole "
            + "default keymap and leaves these keys unbound: "), "\(words)")
        #expect(words.contains("? (help)") && words.contains("Tab (focus-next)") && !words.contains("q (quit)"),
                "\(words)")
        try "inherits = \"default\"\n[global]\n\"x\" = \"help\"\n".write(to: user.appendingPathComponent("mine.toml"),
                                                                       atomically: true, encoding: .utf8)
        #expect(try KeymapLoader.load(name: "mine", bundled: bundled, user: user).1.isEmpty)
    }
}

@Suite struct SupportHoursSettingTests {
    @Test func aSiteSetsItsOwnSupportHoursAndBankHolidaysAndBadOnesAreNamed() throws {
        let settings = try DeskSettings.parse(text: """
            [support_hours]
            severity_3 = "08:00-18:00 Mon-Fri excluding bank holidays"
            bank_holidays = [2026-12-25, "2026-12-28"]
            """, file: "config.toml")
        #expect(settings.supportHours.hours(for: 1) == .always, "the seed's table for what the site leaves out")
        #expect(settings.supportHours.words(for: 3) == "08:00–18:00 Mon, Tue, Wed, Thu, Fri, not on bank holidays")
        #expect(settings.supportHours.bankHolidays == [LocalDate(iso: "2026-12-25")!, LocalDate(iso: "2026-12-28")!])
        do {
            _ = try DeskSettings.parse(text: "[support_hours]\nseverity_4 = \"office hours\"\n", file: "config.toml")
            Issue.record("accepted")
        } catch {
            #expect("\(error)".contains("severity_4") && "\(error)".contains("must be \"24x7\""), "\(error)")
        }
        #expect(throws: ConfigError.self) {
            try DeskSettings.parse(text: "[support_hours]\nbank_holidays = [\"Christmas\"]\n", file: "c.toml")
        }
    }
}

@Suite struct TerminalSiteSettingTests {
    @Test func theTerminalSectionNamesTheMachinesSite() throws {
        let settings = try DeskSettings.parse(text: "[terminal]\nsite = \"Kestrel Dental Practice\"\n",
                                              file: "config.toml")
        #expect(settings.site == "Kestrel Dental Practice")
        #expect(try DeskSettings.parse(text: "", file: "config.toml").site == nil)
        #expect(throws: ConfigError.self) { try DeskSettings.parse(text: "[terminal]\nrole = \"host\"\n",
                                                                   file: "config.toml") }
    }
}
