import Foundation
import ArgumentParser
import DeskCore
import DeskStore
import DeskConfig
import DeskMail

extension OutageCommand {
    /// `downtime-desk outage update`: what is known now, to every party and subscriber, between the notices.
    struct Update: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "update",
            abstract: "Send an update on the active outage to every party and subscriber (service host only; no "
                + "acknowledgment is asked).")
        @OptionGroup var options: DeskOptions
        @Option(help: "What the update says: what is known now, what people should do (line breaks allowed).")
        var message: String
        @Option(help: "When the system is expected back: HH:MM (the next such time), YYYY-MM-DDTHH:MM or ISO 8601.")
        var eta: String?
        @Option(help: "Which system (needed only if several are down).") var system: String?
        @Flag(help: "Deliver the emails now, before returning (otherwise they wait in the outbox).") var send = false

        func run(_ session: Session) throws {
            let context = session.context
            let settings = try context.settings()
            let expected = try eta.map { try Self.eta($0, context: context, now: session.now) }
            guard case let .updatePosted(update, _, queued, subscribers) = try session.applyAndSay(
                .postUpdate(.init(system: system, message: message, eta: expected)),
                composer: context.composer(settings)) else { return }
            if let expected {
                print("Expected back \(Instant.readable(expected, zone: context.zone)).")
            }
            StatusPageWriter.say(StatusPageWriter.refresh(session.store, settings: settings, now: session.now,
                                                          zone: context.zone))
            print("Update \(update.reference): \(queued) email\(queued == 1 ? "" : "s") queued, to "
                  + "\(queued - subscribers) part\(queued - subscribers == 1 ? "y" : "ies") and \(subscribers) "
                  + "subscriber\(subscribers == 1 ? "" : "s").")
            guard send else {
                print("The emails wait in the outbox: downtime-desk notify send delivers them (a host's open desk "
                      + "sends them by itself).")
                return
            }
            let report = try context.courier(settings, store: session.store, actor: session.actor)
                .deliver(everything: true) { (try? context.now()) ?? Date() }
            NotifyCommand.Send.printReport(report)
        }

        /// An ETA of HH:MM already past today is tomorrow's: an outage can run past midnight.
        static func eta(_ text: String, context: DeskContext, now: Date) throws -> Date {
            if let time = TimeOfDay(parsing: text) {
                let today = LocalDate(now, in: context.zone)
                let instant = today.instant(at: time, in: context.zone)
                return instant < now ? today.adding(days: 1).instant(at: time, in: context.zone) : instant
            }
            return try context.time(text, option: "--eta", now: now)
        }
    }
}

/// `downtime-desk subscriber add|list|remove`: seed 003's communications list, kept at the host.
struct SubscriberCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscriber",
        abstract: "The communications list: people told of every outage, update and restoration, who never "
            + "acknowledge and are never called.",
        subcommands: [Add.self, List.self, Remove.self])

    /// The EMAIL argument, or why it is not an address.
    static func address(_ text: String) throws -> EmailAddress {
        do { return try EmailAddress(parsing: text) } catch { throw DeskFailure("'\(text)': \(error)") }
    }

    struct Add: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "add",
            abstract: "Add someone to the communications list, or change their name or scope (service host only).")
        @OptionGroup var options: DeskOptions
        @Argument(help: "Their email address.") var email: String
        @Option(help: "Their name, as the emails greet them.") var name = ""
        @Option(name: .customLong("for"), help: "all (every outage) or hssi (high-severity incidents only).")
        var scope: SubscriberScope = .all

        func run(_ session: Session) throws {
            let address = try SubscriberCommand.address(email)
            _ = try session.applyAndSay(.addSubscriber(.init(email: address, name: name, scope: scope)))
        }
    }

    struct List: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the communications list.")
        @OptionGroup var options: DeskOptions
        @Option(help: "text or json") var format: OutputFormat = .text

        var terminal: String { "cli" }

        func run(_ session: Session) throws {
            let subscribers = try session.store.subscribers()
            switch format {
            case .json:
                print(try JSONOutput.encode(subscribers.map(SubscriberJSON.init)))
            case .text:
                if subscribers.isEmpty {
                    print("No one is on the communications list (downtime-desk subscriber add EMAIL adds someone).")
                }
                for subscriber in subscribers {
                    let name = subscriber.name.isEmpty ? "" : "  \(Sanitise.visible(subscriber.name))"
                    print("\(subscriber.email)\(name)  (\(subscriber.scope.words))")
                }
            }
        }
    }

    struct Remove: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "remove",
            abstract: "Take someone off the communications list (service host only).")
        @OptionGroup var options: DeskOptions
        @Argument(help: "Their email address.") var email: String

        func run(_ session: Session) throws {
            _ = try session.applyAndSay(.removeSubscriber(.init(email: try SubscriberCommand.address(email))))
        }
    }
}

extension SubscriberScope: ExpressibleByArgument {}

/// `subscriber list --format json`.
struct SubscriberJSON: Encodable {
    let email: String, name: String, scope: String, added_at: String, added_by: String

    init(_ subscriber: Subscriber) {
        email = subscriber.email.value; name = subscriber.name; scope = subscriber.scope.rawValue
        added_at = Instant.iso(subscriber.addedAt); added_by = subscriber.addedBy
    }
}
