import Foundation
import ArgumentParser
import DeskCore
import DeskStore
import DeskConfig

/// `downtime-desk print plan|handover|recontact`: the continuity papers.
extension PrintCommand {
    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "plan", abstract: "The whole continuity plan as a hard copy (the installed one, or --file).")
        @OptionGroup var options: DeskOptions
        @Option(help: "Print this plan file instead of the installed plan.") var file: String?
        @Option(help: "Write to this file instead of standard output.") var output: String?

        func run() throws {
            let context = DeskContext(options: options)
            let now = try context.now()
            var plan: ContinuityPlan, reviewed: LocalDate
            if let file {
                plan = try PlanFile.read(file); reviewed = plan.lastReviewed
            } else {
                let status = try context.openStore().planStatus()
                guard let installed = status.plan, let last = status.lastReviewed else {
                    throw DeskFailure("no continuity plan is installed; print a file with --file, or install one with `downtime-desk plan install FILE`")
                }
                plan = installed; reviewed = last
            }
            try OutputFile.write(PlanSheet.paper(plan, lastReviewed: reviewed, today: LocalDate(now, in: context.zone),
                                                 printedAt: Instant.readable(now, zone: context.zone), printedBy: context.userName), to: output)
        }
    }

    struct Handover: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "handover",
            abstract: "One page for the next on-call: outage, incident, acknowledgments outstanding, calls due, runbook, back-entry, last notes.")
        @OptionGroup var options: DeskOptions
        @Option(help: "Write to this file instead of standard output.") var output: String?

        var terminal: String { "cli" }

        func run(_ session: Session) throws {
            let context = session.context
            let (store, actor, _, now) = session.parts
            let view = try store.networkView(now: now, zone: context.zone)
            try OutputFile.write(HandoverSheet.paper(view: view, now: now, zone: context.zone, printedBy: actor.user,
                                                     supportHours: context.supportHours,
                                                     updateCadence: context.updateCadence), to: output)
        }
    }

    struct Recontact: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "recontact", abstract: "A practice's newest recontact list on paper, with space for each call's outcome.")
        @OptionGroup var options: DeskOptions
        @Option(help: "The practice, by name or id (default: --site).") var practice: String?
        @Option(help: "Write to this file instead of standard output.") var output: String?

        var terminal: String { "cli" }

        func run(_ session: Session) throws {
            let context = session.context
            let (store, actor, site, now) = session.parts
            let list = try RecontactCommand.newestList(practice, site: site, store: store)
            try OutputFile.write(RecontactSheet.paper(list, zone: context.zone, printedAt: Instant.readable(now, zone: context.zone), printedBy: actor.user), to: output)
        }
    }
}
