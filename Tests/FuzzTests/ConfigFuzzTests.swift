import Foundation
import Testing
import PropertyBased
import DeskConfig

/// Theme, keymap, settings and continuity-plan files, damaged and random: each is read or refused in words.
/// As in the desk, a file is first parsed in a separate process (the built binary), because the TOML parser can
/// abort on some malformed files; without that guard this suite crashed within a few hundred cases.
@Suite struct ConfigFuzzTests {
    /// Fewer than the importers: each case starts a process, which inside the full test run costs far more than alone.
    static let count = ImporterFuzzTests.count / 6
    static let guarded: Void = {
        let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/downtime-desk").path
        TOMLGuard.survivesParsing = { TOMLGuard.childSurvives(executable: binary, text: $0) }
    }()
    init() { Self.guarded }

    func holds(_ seedPath: String, _ read: @escaping (String) throws -> Void) async {
        await Mutation.fuzz([Mutation.repositoryFile(seedPath)], count: Self.count, Mutation.refusedInWords(read))
    }

    @Test func themeFiles() async {
        await holds("Themes/default.toml") { _ = try ThemeLoader.parse(text: $0, file: "fuzz.toml") }
    }

    @Test func keymapFiles() async {
        await holds("Keymaps/default.toml") { _ = try KeymapLoader.parse(text: $0, file: "fuzz.toml") }
    }

    @Test func continuityPlanFiles() async {
        await holds("Plans/demo-continuity-plan.toml") { _ = try ContinuityPlanFile.parse(text: $0, file: "fuzz.toml") }
    }

    /// What the fuzzing found: toml++ asserted (ending the desk) on these; each is now a refusal with its line.
    @Test("a table name the TOML parser cannot take is refused, not a crash", arguments: ["[\u{FFFD}", "[é]", "[[é]]", "[ é]", "[\u{01}]", "[\u{7F}]", "a = 1\n  [\u{1B}x]"])
    func tableNamesThatStoppedTheParser(_ text: String) {
        #expect(throws: ConfigError.self) { _ = try ThemeLoader.parse(text: text, file: "t.toml") }
        do { _ = try KeymapLoader.parse(text: text, file: "k.toml") } catch {
            #expect(error.description.contains("k.toml:\(text.hasPrefix("a = 1") ? 2 : 1)"), "\(error.description)")
            #expect(error.description.contains("a table name must start with a letter"))
        }
    }

    /// What libFuzzer found (Fuzz/run.sh): a table name or key holding a \u0000 escape parses, and then reading
    /// the table's keys stopped the program in TOMLKit, so any command crashed on such a settings file. Refused
    /// with its line; an escaped backslash before "u0000" is only text and stays.
    @Test(arguments: ["[\"a\\u0000\"]\nx = 1\n", "\"k\\U00000000\" = 1\n", "[mail]\nfrom_name = \"x\\u0000\"\n"])
    func aNulEscapeIsRefusedWithItsLineNotACrash(_ text: String) {
        for parse in [{ _ = try DeskSettings.parse(text: $0, file: "c.toml") } as (String) throws -> Void,
                      { _ = try ThemeLoader.parse(text: $0, file: "c.toml") },
                      { _ = try KeymapLoader.parse(text: $0, file: "c.toml") }] {
            do { try parse(text); Issue.record("accepted") } catch {
                #expect("\(error)".contains("a \\u0000 (NUL) escape"), "\(error)")
            }
        }
        #expect(throws: Never.self) {
            _ = try DeskSettings.parse(text: "[mail]\nfrom_name = \"a\\\\u0000\"\n", file: "c.toml")
        }
    }

    /// What the fuzzing found next: a keymap error quoted a key holding a bidi override, raw.
    @Test func anErrorQuotingAKeyNeverCarriesAControlCharacter() {
        do {
            _ = try KeymapLoader.parse(text: "[global]\n\"\u{202E}q\" = \"quit\"\n", file: "k.toml")
            Issue.record("expected the key to be refused")
        } catch {
            #expect(error.description.contains("is not a key name"), "\(error.description)")
            #expect(Mutation.isPrintable(error.description), "\(error.description)")
        }
    }

    @Test func settingsFiles() async {
        let sample = "[desk]\nsite = \"Kestrel Dental Practice\"\nrole = \"practice\"\ntheme = \"default\"\n[mail]\nfrom = \"desk@example.org\"\n"
        await Mutation.fuzz([Array(sample.utf8)], count: Self.count,
                            Mutation.refusedInWords { _ = try DeskSettings.parse(text: $0, file: "fuzz.toml") })
    }
}
