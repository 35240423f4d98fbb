import Foundation
import DeskCore

/// A problem in a theme or keymap file, naming the file, the line and the key.
public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var key: String?
    public var message: String

    public init(file: String, line: Int? = nil, key: String? = nil, _ message: String) {
        self.file = file; self.line = line; self.key = key; self.message = message
    }

    public var description: String { describe(file) }

    /// The same with only the file's name, for the status line where a long path would push out the point.
    public var shortDescription: String { describe((file as NSString).lastPathComponent) }

    private func describe(_ file: String) -> String {
        var place = file
        if let line { place += ":\(line)" }
        if let key { place += " [\(key)]" }
        // Keys and messages quote what the file said, which may hold an escape or a bidi override (fuzzing found one).
        return Sanitise.visible("\(place): \(message)")
    }
}
