import Foundation
import ArgumentParser
import DeskCore
import DeskStore
import DeskConfig

/// Options every command shares: which database, and who is at this terminal.
struct DeskOptions: ParsableArguments {
    @Option(name: .long, help: "The database file (default: $DOWNTIME_DESK_DB, else $XDG_DATA_HOME/downtime-desk/desk.sqlite).")
    var db: String?

    @Option(name: .long, help: "This terminal's organisation, by name (case-insensitive) or id.")
    var site: String?

    @Option(name: .long,
            help: "Only ever the role of --site's own kind (practice, host, commissioner, nhs111 or ed).")
    var role: TerminalRole?

    @Option(name: .long, help: "Who is using this terminal (default: the login name).")
    var user: String?
}

extension TerminalRole: ExpressibleByArgument {}

/// Output format for listings; JSON keys are stable and documented in the README.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// A failure worth one clear line on standard error and a non-zero exit.
struct DeskFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs a store call, turning its refusal into one clear line.
func perform<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as DeskFailure {
        throw error
    } catch let refusal as Refusal {
        throw DeskFailure(refusal.withCommandLineHint)
    } catch {
        throw DeskFailure(StorageFailure.explain(error, path: DeskStore.lastOpenedPath) ?? "\(error)")
    }
}

/// The environment a command runs in: paths, the clock, the time zone and the actor, resolved once.
struct DeskContext {
    let environment: [String: String]
    let paths: DeskPaths
    let zone: TimeZone
    let options: DeskOptions

    init(options: DeskOptions, databaseOverride: String? = nil) {
        environment = ProcessInfo.processInfo.environment
        self.options = options
        paths = DeskPaths(environment: environment, databaseOverride: databaseOverride ?? options.db)
        zone = TimeZone.current
    }

    /// The wall clock, or the fixed instant in DOWNTIME_DESK_NOW so tests see a stable world.
    func now() throws -> Date {
        guard let fixed = environment["DOWNTIME_DESK_NOW"], !fixed.isEmpty else { return Date() }
        guard let date = Instant.parse(fixed, zone: zone) else {
            throw DeskFailure("DOWNTIME_DESK_NOW='\(fixed)' is not an ISO 8601 time such as 2026-11-21T09:30:00Z")
        }
        return date
    }

    /// Opens the database, creating the default folder (owner-only) when it is ours to create.
    func openStore(path: String? = nil, busyTimeout: TimeInterval = 10) throws -> DeskStore {
        let path = path ?? paths.database
        if paths.databaseIsDefault || path == paths.demoDatabase {
            let folder = (path as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                     attributes: [.posixPermissions: 0o700])
        }
        let store: DeskStore
        do { store = try DeskStore(path: path, busyTimeout: busyTimeout) } catch { throw DeskFailure("\(error)") }
        if let warning = DeskStore.exposureWarning(for: path) {
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
        if let reason = store.readOnlyReason { FileHandle.standardError.write(Data("warning: \(reason)\n".utf8)) }
        return store
    }

    /// Who is acting, for the journal: user, terminal device, site and role.
    func actor(store: DeskStore, terminal: String) throws -> (Actor, Organisation?) {
        let user = userName
        var site: Organisation?
        // The settings file's [terminal] site names the machine's organisation once, for every command and the desk.
        if let name = options.site ?? (try? settings())?.site {
            do { site = try store.organisation(matching: name) } catch { throw DeskFailure("--site: \(error)") }
        }
        // A file bound to a hub site is that site: the hub knows it by its login, so it may not act as another.
        if let bound = try store.hubBinding()?.organisation {
            if let named = site, named.id != bound.id {
                throw DeskFailure("this file syncs with the hub as \(bound.name), so it cannot act as \(named.name) "
                                  + "(leave --site out)")
            }
            site = bound
        }
        // On a shared host a login with one seat is that site without saying so; with several it names one.
        let login = Self.login
        if site == nil, case let mine = try store.seats().filter({ $0.login == login }), mine.count == 1 {
            site = mine[0].organisation
        }
        if let refusal = try store.seatRefusal(login: login, site: site) { throw DeskFailure("\(refusal)") }
        // Last, the organisation the database itself belongs to (the demo's first practice).
        if site == nil { site = try store.ownSite() }
        let role: TerminalRole
        switch SiteRules.role(asked: options.role, site: site) {
        case .success(let allowed): role = allowed
        case .failure(let refusal): throw DeskFailure("\(refusal)")
        }
        return (Actor(user: user, terminal: terminal, site: site?.name ?? "", role: role), site)
    }

    /// Who is at this terminal: --user, else the login name.
    /// The machine's own account name for this process: what seats are kept by. Never `--user` or $USER, which
    /// anyone can set.
    static var login: String { DeskStore.machineLogin }

    var userName: String { Sanitise.visible(options.user ?? environment["USER"] ?? environment["LOGNAME"] ?? NSUserName()) }

    /// What most commands start with: the open store, who is acting, their site, and the time now.
    func openSession(terminal: String = DeskContext.terminalName, busyTimeout: TimeInterval = 10)
        throws -> (store: DeskStore, actor: Actor, site: Organisation?, now: Date) {
        let store = try openStore(busyTimeout: busyTimeout)
        let (actor, site) = try actor(store: store, terminal: terminal)
        return (store, actor, site, try now())
    }

    static var terminalName: String {
        guard isatty(STDIN_FILENO) == 1, let name = ttyname(STDIN_FILENO) else { return "cli" }
        return String(cString: name)
    }
}
