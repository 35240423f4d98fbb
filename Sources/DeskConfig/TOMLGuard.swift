import Foundation
import DeskDefaults
import TOMLKit

/// toml++, under TOMLKit, stops the whole process with a failed assertion on some malformed files (fuzzing found
/// `[é]` and an unclosed array after a repeated `[[table]]`), and a signal cannot be caught and carried on from.
/// So where `survivesParsing` is set, a file of the user's is first parsed by a separate process; the desk's
/// executable sets it to run a copy of itself. The shipped defaults are known good and are not checked this way.
public enum TOMLGuard {
    nonisolated(unsafe) public static var survivesParsing: (@Sendable (String) -> Bool)?

    /// What the checking process does with the text: parse it and throw the result away. A parse error is fine
    /// (the desk reports it with its line); only a crash matters.
    public static func parseAndDiscard(_ text: String) {
        _ = try? TOMLTable(string: text)
    }

    /// The argument that makes the executable act as the checking process.
    public static let checkCommand = "check-toml-survives"

    /// Runs `executable check-toml-survives FILE` on `text`: true if it exited by itself within three seconds, false
    /// if it died on a signal or had to be stopped (fuzzing also found a file the parser did not finish). The text goes
    /// through a private temporary file, not a pipe: a pipe's write end inherited by another child (a test runner
    /// starts many) would keep the reader waiting for an end of file that never comes.
    public static func childSurvives(executable: String, text: String) -> Bool {
        let path = NSTemporaryDirectory() + "downtime-desk-toml-" + UUID().uuidString
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else { return true }
        defer { unlink(path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [checkCommand, path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        // A crash is the outcome looked for; the runtime's backtrace would only cost time.
        process.environment = ProcessInfo.processInfo.environment.merging(["SWIFT_BACKTRACE": "enable=no"]) { _, new in new }
        do { try process.run() } catch { return true }
        let deadline = ProcessInfo.processInfo.systemUptime + 3
        while process.isRunning && ProcessInfo.processInfo.systemUptime < deadline { usleep(2_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return false
        }
        process.waitUntilExit()
        return process.terminationReason == .exit
    }

    static func check(_ text: String, file: String) throws(ConfigError) {
        guard let survivesParsing else { return }
        if let bundled = BundledDefaults.directory?.path, file.hasPrefix(bundled) { return }
        if !survivesParsing(text) {
            throw ConfigError(file: file, "not valid TOML: its parser stopped on this file; check its brackets, quotes and table names")
        }
    }
}
