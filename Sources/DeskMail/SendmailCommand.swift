import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A sendmail-compatible command (`sendmail -t -oi`, `msmtp -t`, …) run through `/bin/sh -c`, with the message
/// on standard input. A command that hangs is killed, with everything it started, when the time limit passes.
public struct SendmailCommand: Sendable {
    public var command: String
    public var timeout: TimeInterval

    public static let standard = "sendmail -t -oi"

    public init(command: String = SendmailCommand.standard, timeout: TimeInterval = 30) {
        self.command = command; self.timeout = timeout
    }

    /// What happened: no error when the command took the message (exit status 0); otherwise what went wrong, in words.
    public struct Result: Equatable, Sendable {
        public var error: String?
        public var timedOut = false
    }

    public func deliver(_ message: String) -> Result {
        let folder = NSTemporaryDirectory()
        let input = folder + "downtime-desk-mail-" + UUID().uuidString
        let output = input + ".out"
        defer { unlink(input); unlink(output) }
        // Patient-adjacent text: the spool file is the owner's alone, and gone when we return.
        guard FileManager.default.createFile(atPath: input, contents: Data(message.utf8), attributes: [.posixPermissions: 0o600]) else {
            return Result(error: "could not write the message to \(folder)")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group, so a time-out kills the shell and the mailer it started together.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        let arguments: [String] = ["/bin/sh", "-c", command]
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, environ)
        guard spawned == 0 else { return Result(error: "could not start /bin/sh: \(String(cString: strerror(spawned)))") }

        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            if reaped == -1 && errno != EINTR { return Result(error: "lost track of the mail command: \(String(cString: strerror(errno)))") }
            if Date() >= deadline {
                kill(-pid, SIGKILL)
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                return Result(error: "'\(command)' did not finish within \(Int(timeout.rounded(.up))) s and was stopped; the message stays in the outbox",
                              timedOut: true)
            }
            usleep(20_000)
        }
        let said = ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
            .split(whereSeparator: \.isNewline).suffix(3).joined(separator: " / ")
        let exited = status & 0x7f == 0
        let code = (status >> 8) & 0xff
        if exited && code == 0 { return Result(error: nil) }
        let how = exited ? "exited with status \(code)" : "was killed by signal \(status & 0x7f)"
        return Result(error: "'\(command)' \(how)" + (said.isEmpty ? "" : ": \(said)"))
    }
}
