import Foundation

/// Every Swift Testing test in the repository, found by reading the sources, named as `swift test list` names
/// them without the argument labels: `Module.Suite/function`.
struct TestInventory {
    private(set) var names: Set<String> = []

    /// Reads `Tests/<Module>/*.swift` under `root`.
    init(testsFolder root: URL) throws {
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift" else { continue }
            let module = file.deletingLastPathComponent().lastPathComponent
            add(source: try String(contentsOf: file, encoding: .utf8), module: module)
        }
    }

    init(sources: [(module: String, text: String)]) {
        for source in sources { add(source: source.text, module: source.module) }
    }

    func contains(_ name: String) -> Bool { names.contains(name) }

    /// Suites here are top-level types (written at column 0); a test is the first `func` after an `@Test`
    /// attribute, which may span several lines when it carries arguments.
    private mutating func add(source: String, module: String) {
        var suite: String?
        var awaitingFunction = false
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("//") { continue }
            if !line.hasPrefix(" "), !line.hasPrefix("\t"), let type = Self.typeName(declaredBy: trimmed) {
                suite = type
                awaitingFunction = false
            }
            if trimmed.contains("@Test") { awaitingFunction = true }
            if awaitingFunction, let function = Self.functionName(declaredBy: trimmed) {
                if let suite { names.insert("\(module).\(suite)/\(function)") }
                awaitingFunction = false
            }
        }
    }

    private static func typeName(declaredBy line: String) -> String? {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "{" || $0 == ":" || $0 == "<" })
        guard let index = words.firstIndex(where: { ["struct", "class", "extension", "enum", "actor"].contains($0) }),
              index + 1 < words.count else { return nil }
        return String(words[index + 1])
    }

    private static func functionName(declaredBy line: String) -> String? {
        guard let range = line.range(of: "func ") else { return nil }
        let name = line[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return name.isEmpty ? nil : String(name)
    }
}
