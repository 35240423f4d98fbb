import Foundation

/// Locates the built `downtime-desk` beside the test bundle (or in .build/debug as a fallback).
enum Binary {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let path: String = {
        let root = repositoryRoot
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
                          Bundle.main.bundleURL.deletingLastPathComponent(),
                          root.appendingPathComponent(".build/debug")]
        if let override = ProcessInfo.processInfo.environment["DOWNTIME_DESK_BIN"] {
            candidates.insert(URL(fileURLWithPath: override).deletingLastPathComponent(), at: 0)
        }
        for folder in candidates {
            let path = folder.appendingPathComponent("downtime-desk").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return root.appendingPathComponent(".build/debug/downtime-desk").path
    }()
}

/// A pinned world for one test: its own HOME, XDG folders, database, clock and time zone.
/// Shared between threads only after its environment is set, as the concurrency test does.
final class Sandbox: @unchecked Sendable {
    let folder: String
    var environment: [String: String]

    init(now: String = "2026-11-21T10:05:00Z", zone: String = "Europe/London") throws {
        folder = NSTemporaryDirectory() + "desk-e2e-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder + "/home", withIntermediateDirectories: true)
        environment = [
            "HOME": folder + "/home", "XDG_DATA_HOME": folder + "/data", "XDG_CONFIG_HOME": folder + "/config",
            "TZ": zone, "DOWNTIME_DESK_NOW": now, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "USER": "alice",
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]
        // Under Fuzz/sanitizers.sh the program is instrumented too: it runs with the same sanitizer options (without
        // them LeakSanitizer reports the libraries' own leaks, TOMLKit's among them, and fails every command).
        for name in ["ASAN_OPTIONS", "TSAN_OPTIONS", "LSAN_OPTIONS"] {
            if let value = ProcessInfo.processInfo.environment[name] { environment[name] = value }
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    var database: String { folder + "/desk.sqlite" }

    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let path = folder + "/" + name
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    /// Imports directory rows (`organisation,kind,contact,role,phones,emails,notes`, no header) into the sandbox's
    /// database as the demo's service host would; returns the command's exit status.
    func importDirectory(_ rows: [String]) throws -> Int32 {
        let header = "organisation,kind,contact,role,phones,emails,notes"
        let file = write("directory-\(UUID().uuidString).csv", Array(([header] + rows).joined(separator: "\n").utf8))
        return try run(["import", "directory", file, "--db", database, "--site", "Referral Systems Hosting"]).status
    }

    /// Runs another program (pkill, sqlite3) and returns its exit status.
    func runTool(_ path: String, _ arguments: [String]) throws -> Int32 {
        try launch(path, arguments, environment: ProcessInfo.processInfo.environment).status
    }

    /// Runs another program found on PATH (sqlite3, sh, unshare) in this sandbox's environment; returns both streams.
    @discardableResult
    func tool(_ name: String, _ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        try launch("/usr/bin/env", [name] + arguments, environment: environment)
    }

    /// Runs the real binary with this sandbox's environment; returns exit status and both streams.
    @discardableResult
    func run(_ arguments: [String], extraEnvironment: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
        try launch(Binary.path, arguments, environment: environment.merging(extraEnvironment) { _, new in new })
    }

    private func launch(_ path: String, _ arguments: [String], environment: [String: String]) throws -> (status: Int32, out: String, err: String) {
        try runProcess(path, arguments, environment: environment)
    }
}

/// Runs a program to its end with no standard input; returns its exit status and both streams.
func runProcess(_ path: String, _ arguments: [String], environment: [String: String]) throws
    -> (status: Int32, out: String, err: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.environment = environment
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Both pipes drain at once: a child that fills one while we block on the other would never finish.
    nonisolated(unsafe) var errData = Data()
    let errDrained = DispatchSemaphore(value: 0)
    DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); errDrained.signal() }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    errDrained.wait()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self),
            String(decoding: errData, as: UTF8.self))
}

/// A real terminal: a private tmux server running a shell, driven with send-keys and read with capture-pane.
final class TmuxTerminal {
    /// Named for the test process, so a later run can tell servers a crashed run left behind (its deinit never ran).
    let socket: String

    /// The server and everything in it see only this, never the test runner's own environment.
    let environment: [String: String]

    init(width: Int = 120, height: Int = 40, environment: [String: String]) throws {
        self.environment = environment
        socket = "desk-e2e-\(getpid())-" + UUID().uuidString.prefix(8)
        _ = Self.leftoversEnded
        var arguments = ["-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)"]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { arguments += ["-e", "\(key)=\(value)"] }
        arguments += ["/bin/sh"]
        try tmux(arguments, readOutput: false)
        serverPID = pid_t(try tmux(["display-message", "-p", "#{pid}"]).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private var serverPID: pid_t?

    /// Once per test process: ends the servers of test processes that no longer exist. A leftover server keeps its
    /// desk polling the database for ever.
    nonisolated(unsafe) static let leftoversEnded: Void = {
        let folder = "/tmp/tmux-\(getuid())"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix("desk-e2e-") {
            let owner = name.dropFirst("desk-e2e-".count).split(separator: "-").first.flatMap { pid_t($0) }
            guard let owner, kill(owner, 0) != 0, errno == ESRCH else { continue }
            // Its deinit ends the server, as it does for every terminal a test finishes with.
            _ = TmuxTerminal(socket: name)
            unlink(folder + "/" + name)
        }
    }()

    /// A handle on another server by name, to end it.
    private init(socket: String) {
        self.socket = socket
        self.environment = ProcessInfo.processInfo.environment
        serverPID = pid_t((try? tmux(["display-message", "-p", "#{pid}"]))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "")
    }

    /// `kill-server` returned 0 here yet left servers running (213 after one full run), so the server is ended
    /// by pid: its pty closes and everything in it gets SIGHUP.
    deinit {
        _ = try? tmux(["kill-server"], readOutput: false)
        if let pid = serverPID { kill(pid, SIGKILL) }
        // A server killed outright leaves its socket file behind.
        unlink("/tmp/tmux-\(getuid())/\(socket)")
    }

    /// Runs tmux with posix_spawn and waitpid: its server daemonises and would hold a pipe open for ever, and
    /// Foundation's Process did not reap the client here, so output goes through a file and we wait ourselves.
    @discardableResult
    func tmux(_ arguments: [String], readOutput: Bool = true) throws -> String {
        let outputPath = NSTemporaryDirectory() + "tmux-out-" + UUID().uuidString
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, readOutput ? outputPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = (["tmux", "-L", socket] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        let status = posix_spawnp(&pid, "tmux", &actions, nil, argv, envp)
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EIO) }
        var exitStatus: Int32 = 0
        while waitpid(pid, &exitStatus, 0) == -1 && errno == EINTR {}
        guard readOutput else { return "" }
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    func type(_ text: String) throws { try tmux(["send-keys", "-t", "0", "-l", text]) }
    /// Sends keys as a person presses them. An Esc is followed by a pause: the desk reads Esc with a key hard on its
    /// heels as one Alt-combination (an escape sequence), which no person's two key presses ever are.
    func press(_ keys: String...) throws {
        var group: [String] = []
        for key in keys {
            group.append(key)
            if key == "Escape" || key == "Esc" {
                try tmux(["send-keys", "-t", "0"] + group)
                group = []
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        if !group.isEmpty { try tmux(["send-keys", "-t", "0"] + group) }
    }
    func screen(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-t", "0"] + (escapes ? ["-e"] : []))
    }
    func resize(width: Int, height: Int) throws { try tmux(["resize-window", "-t", "0", "-x", "\(width)", "-y", "\(height)"]) }

    /// Polls the screen until `predicate` holds, never a fixed sleep; returns the last screen either way.
    @discardableResult
    func waitFor(timeout: TimeInterval = 15, _ predicate: (String) -> Bool) throws -> (Bool, String) {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        var matched: String?
        while Date() < deadline {
            last = try screen()
            // A capture can land while the desk is still drawing, so a match counts once a second capture 50 ms
            // later shows the same screen: the assertions that follow then read a finished frame.
            if predicate(last) {
                if last == matched { return (true, last) }
                matched = last
            } else {
                matched = nil
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return (false, last)
    }

    func waitFor(_ text: String, timeout: TimeInterval = 15) throws -> (Bool, String) {
        try waitFor(timeout: timeout) { $0.contains(text) }
    }

    /// Waits for the `EXIT=<status>` line that `launch` prints, which the typed command line cannot match.
    func waitForExit(timeout: TimeInterval = 15) throws -> Int? {
        let (_, screen) = try waitFor(timeout: timeout) { screen in
            screen.split(separator: "\n").contains { $0.hasPrefix("EXIT=") && Int($0.dropFirst(5)) != nil }
        }
        return screen.split(separator: "\n").compactMap { $0.hasPrefix("EXIT=") ? Int($0.dropFirst(5)) : nil }.last
    }

    /// Starts the desk from the shell, so its exit status and the shell afterwards can both be checked.
    /// With `now`, the desk runs at that pinned time: how a test moves the clock on between two runs.
    func launch(_ arguments: String, now: String? = nil) throws {
        try type((now.map { "DOWNTIME_DESK_NOW=\($0) " } ?? "") + "'\(Binary.path)' \(arguments); echo \"EXIT=$?\"")
        try press("Enter")
    }
}
