import Foundation

/// A PostgreSQL cluster of the test's own: `initdb` into a temporary folder, started with `pg_ctl` on a free port
/// on 127.0.0.1, stopped and removed when the test is done. Never the machine's own cluster. As root (CI) the
/// server runs as the `postgres` user, since PostgreSQL refuses to run as root.
final class PostgresCluster: @unchecked Sendable {
    let folder: String
    let port: Int
    let admin = "hubadmin"
    let password: String
    let database = "deskhub"
    private let bin: String
    private let asUser: [String]

    /// Nil when PostgreSQL is not installed; .ci/run installs it, so there it is always found.
    static func binaries() -> String? {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        for version in versions.sorted(by: >) {
            let bin = "/usr/lib/postgresql/\(version)/bin"
            if FileManager.default.isExecutableFile(atPath: bin + "/initdb") { return bin }
        }
        return nil
    }

    init() throws {
        guard let bin = Self.binaries() else {
            throw ClusterError("PostgreSQL is not installed (apt-get install postgresql)")
        }
        self.bin = bin
        folder = NSTemporaryDirectory() + "desk-pg-" + UUID().uuidString
        password = "admin-" + UUID().uuidString.prefix(8)
        port = try Self.freePort()
        asUser = geteuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] : []
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let passwordFile = folder + "/pw"
        FileManager.default.createFile(atPath: passwordFile, contents: Data(password.utf8))
        if geteuid() == 0 { _ = try Self.launch(["/bin/chown", "-R", "postgres:postgres", folder]) }
        try check(run([bin + "/initdb", "-D", folder + "/data", "-U", admin, "--pwfile=" + passwordFile,
                       "-A", "scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"]), "initdb")
        // fsync off: a test's server is killed, never its machine, so what reached the OS survives. Commits stay
        // synchronous: with them asynchronous, `pg_ctl stop -m immediate` lost the last ones (a site's login made
        // just before the stop was gone after it), which a real hub, committing before it answers, never does.
        let settings = "listen_addresses = '127.0.0.1'\nport = \(port)\nunix_socket_directories = '\(folder)'\n"
            + "fsync = off\n"
        let conf = folder + "/data/postgresql.conf"
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: conf))
        handle.seekToEndOfFile(); handle.write(Data(settings.utf8)); try handle.close()
        try start()
        try check(psql(["-c", "CREATE DATABASE \(database)"], database: "postgres"), "CREATE DATABASE")
    }

    deinit {
        _ = try? run([bin + "/pg_ctl", "-D", folder + "/data", "-m", "immediate", "stop"])
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// The admin URL, as the host would give it to `hub init`.
    var adminURL: String { "postgres://\(admin):\(password)@127.0.0.1:\(port)/\(database)?sslmode=disable" }

    /// The server started by pg_ctl keeps the output it was given open for as long as it runs, so pg_ctl's output
    /// goes to a file here: a pipe would never reach its end.
    func start() throws {
        let output = folder + "/pg_ctl.out"
        FileManager.default.createFile(atPath: output, contents: nil)
        if geteuid() == 0 { _ = try Self.launch(["/bin/chown", "postgres:postgres", output]) }
        let status = try Self.launch(asUser + [bin + "/pg_ctl", "-D", folder + "/data", "-l", folder + "/log", "-w",
                                               "-t", "60", "start"],
                                     environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"], outputFile: output)
        guard status.status == 0 else {
            let log = (try? String(contentsOfFile: folder + "/log", encoding: .utf8)) ?? ""
            throw ClusterError("pg_ctl start failed: \(status.out)\(log)")
        }
    }

    /// Stops the server at once, as a crash or a pulled cable would.
    func stopImmediately() throws {
        try check(run([bin + "/pg_ctl", "-D", folder + "/data", "-m", "immediate", "-w", "stop"]), "pg_ctl stop")
    }

    /// A site's URL split into what psql takes.
    static func login(_ url: String) -> (user: String, password: String)? {
        guard let parts = URLComponents(string: url), let user = parts.user, let password = parts.password else {
            return nil
        }
        return (user, password)
    }

    /// psql as a site's login, from the URL `hub add-site` printed: what that site can see at the hub.
    func psql(_ sql: String, asSite url: String) throws -> String {
        guard let login = Self.login(url) else { return "no login in \(url)" }
        let result = try psql(["-c", sql], user: login.user, password: login.password)
        return (result.out + result.err).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// psql as the admin, or as another login with its password; returns status and output.
    @discardableResult
    func psql(_ arguments: [String], database: String? = nil, user: String? = nil, password: String? = nil) throws
        -> (status: Int32, out: String, err: String) {
        try Self.launch(["/usr/bin/psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
                         "-p", "\(port)", "-U", user ?? admin, "-d", database ?? self.database] + arguments,
                        environment: ["PGPASSWORD": password ?? self.password, "PATH": "/usr/bin:/bin",
                                      "LANG": "C.UTF-8"])
    }

    private func run(_ command: [String]) throws -> (status: Int32, out: String, err: String) {
        try Self.launch(asUser + command, environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"])
    }

    private func check(_ result: (status: Int32, out: String, err: String), _ what: String) throws {
        guard result.status == 0 else { throw ClusterError("\(what) failed: \(result.err)\(result.out)") }
    }

    /// Runs a command whose children outlive it (pg_ctl leaves the server running): spawned with only standard
    /// input, output and error, so the server holds none of the test runner's pipes open, and waited for by pid.
    static func launch(_ command: [String], environment: [String: String], outputFile: String) throws
        -> (status: Int32, out: String, err: String) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_APPEND, 0)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Everything else this process has open is closed in the child (the runner's own pipes among it).
        for fd in 3..<Int32(min(getdtablesize(), 4096)) {
            let flags = fcntl(fd, F_GETFD)
            if flags >= 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
        }
        let argv = command.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw ClusterError("could not start \(command[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let out = (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
        // Exited normally: the low seven bits are zero and the code is the next eight.
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (code, out, out)
    }

    static func launch(_ command: [String], environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> (status: Int32, out: String, err: String) {
        try runProcess(command[0], Array(command.dropFirst()), environment: environment)
    }

    /// A port on 127.0.0.1 that nothing listens on now: the kernel picks one, and it is let go at once.
    /// Ports this test process has handed out: a cluster stopped for a test keeps its port, so no other cluster
    /// started meanwhile may take it (a site would then reach the wrong hub and fail to log in).
    nonisolated(unsafe) private static var handedOut: Set<Int> = []
    private static let handing = NSLock()

    static func freePort() throws -> Int {
        for _ in 0..<50 {
            let port = try kernelsFreePort()
            handing.lock(); defer { handing.unlock() }
            if handedOut.insert(port).inserted { return port }
        }
        throw ClusterError("no port on 127.0.0.1 that this run has not used already")
    }

    private static func kernelsFreePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ClusterError("no socket for finding a free port") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { throw ClusterError("could not bind a port on 127.0.0.1") }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw ClusterError("could not read the port the kernel gave") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

struct ClusterError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
