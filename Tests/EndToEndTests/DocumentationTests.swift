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
}
