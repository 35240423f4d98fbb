import Foundation
import ArgumentParser
import DeskCore
import DeskStore
import DeskConfig

/// `downtime-desk plan check|install|status|review`: the continuity plan file and its yearly review.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Check and install the continuity plan; see and record its yearly review.",
        subcommands: [Check.self, Install.self, Status.self, Review.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "check", abstract: "Check a continuity plan file and list every problem with its line.")
        @Argument(help: "The plan file (TOML).") var file: String

        func run() throws {
            let plan = try PlanFile.read(file)
            let steps = plan.functions.reduce(0) { $0 + $1.runbook.count }
            print("\(file): valid — \(plan.functions.count) critical function\(plan.functions.count == 1 ? "" : "s"), \(plan.people.count) key people, \(steps) runbook steps; last reviewed \(plan.lastReviewed.iso).")
        }
    }

    struct Install: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "install",
            abstract: "Check a plan file and make it the plan every terminal follows (service host or commissioner).")
        @OptionGroup var options: DeskOptions
        @Argument(help: "The plan file (TOML).") var file: String

        func run(_ session: Session) throws {
            let plan = try PlanFile.read(file)
            let source = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            try session.apply(.installPlan(.init(plan: plan, source: source)))
            print("Installed \"\(plan.title)\": outages of \(plan.functions.flatMap(\.systems).joined(separator: ", ")) now follow its runbooks.")
        }
    }

    struct Status: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "The installed plan and whether its yearly review is overdue.")
        @OptionGroup var options: DeskOptions
        @Option(help: "text or json") var format: OutputFormat = .text

        var terminal: String { "cli" }

        func run(_ session: Session) throws {
            let context = session.context
            let store = session.store
            let status = try store.planStatus()
            let today = LocalDate(session.now, in: context.zone)
            guard let plan = status.plan, let reviewed = status.lastReviewed else {
                if format == .json { print(try JSONOutput.encode(["installed": false])) }
                else { print("No continuity plan is installed (downtime-desk plan install FILE).") }
                return
            }
            let due = PlanReview.due(after: reviewed), overdue = status.isOverdue(today: today)
            switch format {
            case .json:
                print(try JSONOutput.encode(PlanStatusJSON(
                    installed: true, title: plan.title, functions: plan.functions.map(\.name),
                    last_reviewed: reviewed.iso, review_due: due.iso, review_overdue: overdue,
                    reviews: status.reviews.map { ["day": $0.day.iso, "by": $0.by, "note": $0.note] })))
            case .text:
                print("\(plan.title) (\(plan.functions.count) critical functions), installed \(status.installedAt.map { Instant.readable($0, zone: context.zone) } ?? "?") by \(status.installedBy ?? "?").")
                print(overdue ? "Review OVERDUE: last reviewed \(reviewed.iso), due by \(due.iso). Record it with `downtime-desk plan review`."
                              : "Last reviewed \(reviewed.iso); next review due by \(due.iso).")
                for review in status.reviews { print("  reviewed \(review.day.iso) by \(review.by)\(review.note.isEmpty ? "" : ": \(review.note)")") }
            }
        }
    }

    struct Review: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "review", abstract: "Record that the plan was reviewed (journaled); the twelve months start again.")
        @OptionGroup var options: DeskOptions
        @Option(name: .customLong("on"), help: "The day of the review, YYYY-MM-DD (default: today).") var day: String?
        @Option(help: "What was reviewed or changed.") var note = ""

        func run(_ session: Session) throws {
            let context = session.context
            let reviewed = try CommandInputs.day(day, now: session.now, zone: context.zone)
            try session.applyAndSay(.reviewPlan(.init(day: reviewed, note: note)))
        }
    }
}

/// `downtime-desk runbook show|tick`: the open incident's checklist.
struct RunbookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "runbook", abstract: "Show the open incident's runbook, or tick a step as done.",
                                                    subcommands: [Show.self, Tick.self], defaultSubcommand: Show.self)

    struct Show: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "The runbook with each step's state and the escalations due.")
        @OptionGroup var options: DeskOptions
        @OptionGroup var which: IncidentCommand.Which

        var terminal: String { "cli" }

        func run(_ session: Session) throws {
            let context = session.context
            let (store, _, _, now) = session.parts
            let detail = try perform { try store.incidentDetail(number: which.number) }
            guard let runbook = detail.runbook(at: now) else { throw DeskFailure("\(detail.incident.number) follows no runbook: no installed plan function covers its system") }
            print("\(detail.incident.number) · \(runbook.function.name) · \(runbook.progress)")
            for line in IncidentText.checklist(runbook, zone: context.zone) { print("  " + line) }
        }
    }

    struct Tick: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "tick", abstract: "Tick runbook item N as done (with who and when), or --undo it.")
        @OptionGroup var options: DeskOptions
        @OptionGroup var which: IncidentCommand.Which
        @Argument(help: "The item's number as `runbook show` lists it.") var position: Int
        @Flag(help: "Untick it.") var undo = false

        func run(_ session: Session) throws {
            try session.applyAndSay(.tickRunbook(.init(number: which.number, position: position, undo: undo)))
        }
    }
}

enum PlanFile {
    /// Reads and checks a plan file; every problem goes to standard error, one per line.
    static func read(_ path: String) throws -> ContinuityPlan {
        do { return try ContinuityPlanFile.load(file: URL(fileURLWithPath: path)) }
        catch let problems as ContinuityPlanFile.Problems {
            let count = problems.problems.count
            throw DeskFailure("\(path): \(count) problem\(count == 1 ? "" : "s"):\n" + problems.description)
        }
    }
}

/// `plan status --format json` for an installed plan.
struct PlanStatusJSON: Encodable {
    let installed: Bool, title: String, functions: [String], last_reviewed: String, review_due: String
    let review_overdue: Bool, reviews: [[String: String]]
}
