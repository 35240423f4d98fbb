import Foundation
import Testing

/// The README's key table is generated, not written by hand: this fails when the two drift apart.
@Suite struct DocumentationTests {
    @Test func readmeKeyTableMatchesTheCommandTable() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let sandbox = try Sandbox()
        let table = try sandbox.run(["keys", "--format", "markdown"])
        #expect(table.status == 0)
        #expect(!table.out.isEmpty)
        #expect(readme.contains(table.out), "regenerate with: downtime-desk keys --format markdown")
    }

    @Test func readmeOpensWithTheTwoCommands() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let opening = readme.split(separator: "\n").prefix(6).joined(separator: "\n")
        #expect(opening.contains("swift run downtime-desk --demo"))
        #expect(opening.contains("swift test"))
        let ci = try String(contentsOf: root.appendingPathComponent(".ci/run"), encoding: .utf8)
        #expect(ci.contains("swift test"))
    }

    /// The man page is generated from the command definitions; a subcommand added since it was last generated fails
    /// here (regenerate as the README says).
    @Test func theManPageHasEverySubcommandAndTheCompletionsGenerate() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let manual = try String(contentsOf: root.appendingPathComponent("docs/man/downtime-desk.1"), encoding: .utf8)
        let sandbox = try Sandbox()
        let help = try sandbox.run(["--help"]).out
        let listed = help.components(separatedBy: "SUBCOMMANDS:").last ?? ""
        let names = listed.split(separator: "\n").compactMap { line -> String? in
            let words = line.split(separator: " ")
            guard line.hasPrefix("  "), !line.hasPrefix("        "), let first = words.first,
                  first.allSatisfy({ $0.isLowercase || $0 == "-" }) else { return nil }
            return String(first)
        }
        #expect(names.count > 20 && names.contains("sync"), "\(names)")
        for name in names { #expect(manual.contains(".It Em \(name)"), "\(name) is not in docs/man/downtime-desk.1") }
        #expect(manual.contains(".It Fl -version"))
        for shell in ["bash", "zsh", "fish"] {
            let script = try sandbox.run(["--generate-completion-script", shell])
            #expect(script.status == 0 && script.out.contains("downtime-desk"), "\(shell)")
        }
    }
}
