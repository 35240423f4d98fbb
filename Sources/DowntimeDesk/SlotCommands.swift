import Foundation
import ArgumentParser
import DeskCore
import DeskStore

/// `downtime-desk import slots FILE.csv`: each named practice's weekly pattern, all or nothing.
struct ImportSlots: StoreCommand {
    static let configuration = CommandConfiguration(
        commandName: "slots",
        abstract: "Import slot templates (practice,weekday,start,end,slot_minutes,type,valid_from,valid_to); the file replaces the pattern of each practice it names.")

    @OptionGroup var options: DeskOptions
    @Argument(help: "The CSV file, or - for standard input.") var file: String
    @Flag(help: "Keep bookings the new pattern leaves off every slot: they show on OFF-TEMPLATE rows, to be moved.")
    var keepOffTemplate = false

    func run(_ session: Session) throws {
        let bytes = try InputFile.read(file)
        let store = session.store
        // Files name practices exactly (by name or id); a prefix that happens to match is not good enough here.
        var practices: [String: UUID] = [:]
        for org in try store.organisations() where org.kind == .practice {
            practices[org.name.lowercased()] = org.id
            practices[org.id.uuidText.lowercased()] = org.id
        }
        let parsed: (templates: [SlotTemplate], practices: Set<UUID>, warnings: [String])
        do { parsed = try SlotTemplateImport.parse(bytes, resolvePractice: { practices[$0.lowercased()] }) }
        catch { throw DeskFailure("\(file): \(error); nothing was imported") }
        for warning in parsed.warnings { FileHandle.standardError.write(Data("warning: \(file): \(warning)\n".utf8)) }
        let result: (added: Int, removed: Int, offTemplate: [String])
        do {
            let practices = parsed.practices.sorted { $0.uuidText < $1.uuidText }
            let operation = DeskOperation.replaceTemplates(.init(practiceIDs: practices,
                                                                  templates: parsed.templates,
                                                                  keepOffTemplate: keepOffTemplate))
            guard case let .templatesReplaced(added, removed, offTemplate)
                = try store.apply(OperationRecord(at: session.now, actor: session.actor, operation: operation))
            else { return }
            result = (added, removed, offTemplate)
        } catch let error as StoreError {
            throw DeskFailure("\(file): \(error)")
        } catch let refusal as Refusal {
            throw DeskFailure("\(file): \(refusal.withCommandLineHint)")
        }
        if result.added == 0 && result.removed == 0 { print("No changes: the slot templates already match \(file).") }
        else { print("Imported \(file): \(result.added) templates added, \(result.removed) removed, for \(parsed.practices.count) practices.") }
        for booking in result.offTemplate {
            print("OFF-TEMPLATE: \(booking) is on no slot now; move it (downtime-desk booking move, or M at the desk).")
        }
    }
}

/// `downtime-desk slot add|block|unblock`: one day's change to a practice's slots.
struct SlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slot", abstract: "Add an extra slot for a day, or block or unblock one.",
        subcommands: [Add.self, Block.self, Unblock.self])

    struct Where: ParsableArguments {
        @OptionGroup var options: DeskOptions
        @Option(help: "The practice, by name or id (default: --site).") var practice: String?
        @Option(help: "The day, YYYY-MM-DD (default: today).") var date: String?
        @Option(help: "The slot's start, HH:MM.") var time: String

        func apply(minutes: Int?, blockedReason: String?) throws -> String {
            try Session.with(options) { try apply(minutes: minutes, blockedReason: blockedReason, $0) }
        }

        private func apply(minutes: Int?, blockedReason: String?, _ session: Session) throws -> String {
            let (context, store, site, now) = (session.context, session.store, session.site, session.now)
            let target = try CommandInputs.practice(practice, site: site, store: store)
            let day = try CommandInputs.day(date, now: now, zone: context.zone)
            let start = try CommandInputs.time(time)
            let operation = DeskOperation.setSlot(.init(practiceID: target.id, day: day, start: start, minutes: minutes,
                                                        blockedReason: blockedReason))
            do { try session.apply(operation) } catch { throw DeskFailure("nothing changed: \(error)") }
            return "\(target.name) \(day.iso) \(start)"
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an extra slot for one day.")
        @OptionGroup var place: Where
        @Option(help: "Length in minutes.") var minutes = 30
        func run() throws {
            guard (5...240).contains(minutes) else { throw DeskFailure("--minutes must be from 5 to 240") }
            print("added \(try place.apply(minutes: minutes, blockedReason: nil))")
        }
    }

    struct Block: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "block", abstract: "Take a slot out of use for one day.")
        @OptionGroup var place: Where
        @Option(help: "Why, e.g. \"clinician off\".") var reason: String
        func run() throws {
            let text = reason.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty, !Sanitise.containsControl(text), text.count <= 200 else { throw DeskFailure("--reason must be 1 to 200 printable characters") }
            print("blocked \(try place.apply(minutes: nil, blockedReason: text))")
        }
    }

    struct Unblock: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unblock", abstract: "Put a blocked slot back in use.")
        @OptionGroup var place: Where
        func run() throws { print("unblocked \(try place.apply(minutes: nil, blockedReason: nil))") }
    }
}

/// Reading an input file (or standard input) as bytes, with a clear error.
enum InputFile {
    static func read(_ file: String) throws -> [UInt8] {
        if file == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw DeskFailure("\(file): cannot read the file (does it exist?)")
        }
        return Array(data)
    }
}
