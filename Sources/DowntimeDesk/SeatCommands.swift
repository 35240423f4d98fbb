import Foundation
import ArgumentParser
import DeskCore
import DeskStore

/// `downtime-desk seat add|list|remove`: on a host several people share, which organisations each login may act
/// for. Only the database file's owner may change them.
struct SeatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seat", abstract: "Which sites each login may act for on a shared host (once any seat exists).",
        subcommands: [Add.self, List.self, Remove.self])

    struct Change: ParsableArguments {
        @OptionGroup var options: DeskOptions
        @Argument(help: "The login name, as the machine knows it.") var login: String

        /// The store, the login as given (trimmed) and the organisation named by --site; refused unless this login
        /// owns the database file.
        func open(_ kind: OperationKind) throws
            -> (store: DeskStore, login: String, site: Organisation, actor: Actor, now: Date) {
            let context = DeskContext(options: options)
            try Self.requireOwner(of: context.paths.database, kind)
            let store = try context.openStore()
            guard let name = options.site else { throw DeskFailure("say which site the seat is for: --site ORG") }
            let site: Organisation
            do { site = try store.organisation(matching: name) } catch { throw DeskFailure("--site: \(error)") }
            let login = self.login.trimmingCharacters(in: .whitespaces)
            guard !login.isEmpty, !Sanitise.containsControl(login) else {
                throw DeskFailure("'\(Sanitise.visible(login))' is not a login name")
            }
            let actor = Actor(user: context.userName, terminal: DeskContext.terminalName, site: "", role: .practice)
            return (store, login, site, actor, try context.now())
        }

        /// The permission table's machine-owner rule, asked before the file is opened (a login that does not own
        /// it may not be able to read it); the store asks it again inside the change.
        static func requireOwner(of path: String, _ kind: OperationKind) throws {
            let facts = Permissions.Facts(site: nil, isMachineOwner: DeskStore.isOwnedByThisLogin(path),
                                          login: DeskContext.login)
            let nobody = Actor(user: DeskContext.login, terminal: DeskContext.terminalName, site: "", role: .practice)
            if let refusal = Permissions.check(kind, actor: nobody, facts: facts) { throw DeskFailure("\(refusal)") }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Let LOGIN act for --site ORG.")
        @OptionGroup var change: Change
        func run() throws {
            let (store, login, site, actor, now) = try change.open(.addSeat)
            let operation = DeskOperation.addSeat(.init(login: login, organisationID: site.id))
            try perform { _ = try store.apply(OperationRecord(at: now, actor: actor, operation: operation)) }
            print("\(login) may act for \(site.name). Logins without a seat can no longer use this file.")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove",
                                                        abstract: "Take LOGIN's seat at --site ORG away.")
        @OptionGroup var change: Change
        func run() throws {
            let (store, login, site, actor, now) = try change.open(.removeSeat)
            let operation = DeskOperation.removeSeat(.init(login: login, organisationID: site.id))
            guard case .seatRemoved(existed: true)
                = try perform({ try store.apply(OperationRecord(at: now, actor: actor, operation: operation)) })
            else {
                throw DeskFailure("\(login) has no seat at \(site.name)")
            }
            print("\(login) no longer acts for \(site.name).")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list",
                                                        abstract: "Every login and the sites it may act for.")
        @OptionGroup var options: DeskOptions
        func run() throws {
            let seats = try DeskContext(options: options).openStore().seats()
            if seats.isEmpty { print("No seats: any login may name any site."); return }
            for login in Set(seats.map(\.login)).sorted() {
                print("\(login): " + seats.filter { $0.login == login }.map(\.organisation.name).joined(separator: ", "))
            }
        }
    }
}
