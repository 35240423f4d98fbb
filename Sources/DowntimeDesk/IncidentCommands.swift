import Foundation
import ArgumentParser
import DeskCore
import DeskStore

/// `downtime-desk incident show|list|note|severity|impact|close`: every outage is an incident (seed 003).
/// Without `--incident`, commands act on the open incident opened most recently.
struct IncidentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incident", abstract: "Show an incident and its timeline, add notes, change its severity or impact, close it.",
        subcommands: [Show.self, List.self, Note.self, Severity.self, Impact.self, Close.self, Export.self])

    struct Which: ParsableArguments {
        @Option(name: .customLong("incident"), help: "The incident number, e.g. INC-2026-0007 (default: the open incident).") var number: String?
    }

    struct Show: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "The incident: number, severity, HSSI flag, outage, runbook and timeline.")
        @OptionGroup var options: DeskOptions
        @OptionGroup var which: Which
        @Option(help: "text or json") var format: OutputFormat = .text

        var terminal: String { "cli" }

        func run(_ session: Session) throws {
            let context = session.context
            let (store, _, _, now) = session.parts
            let detail = try perform { try store.incidentDetail(number: which.number) }
            switch format {
            case .json: print(try JSONOutput.encode(IncidentDetailJSON(detail, now: now)))
            case .text:
                var lines = IncidentText.summary(detail, now: now, zone: context.zone,
                                                 supportHours: context.supportHours)
                if let runbook = detail.runbook(at: now) {
                    lines += ["", "Runbook: \(runbook.function.name) (\(runbook.progress))"] + IncidentText.checklist(runbook, zone: context.zone).map { "  " + $0 }
                }
                lines += ["", "Timeline:"] + IncidentText.timeline(detail.entries, zone: context.zone).map { "  " + $0 }
                print(lines.joined(separator: "\n"))
            }
        }
    }

    /// `incident export`: seed 003's minimum data set, for logging the incident with a national service desk.
    struct Export: StoreCommand {
        enum Format: String, ExpressibleByArgument, CaseIterable { case mds, json }
        static let configuration = CommandConfiguration(commandName: "export",
            abstract: "The incident's minimum data set (seed 003), as a form to paste or print (mds) or JSON.")
        @OptionGroup var options: DeskOptions
        @OptionGroup var which: Which
        @Option(help: "mds or json") var format: Format = .mds

        var terminal: String { "cli" }

        func run(_ session: Session) throws {
            let (store, _, _, now) = session.parts
            let zone = session.context.zone
            let detail = try perform { try store.incidentDetail(number: which.number) }
            let organisations = try store.organisations()
            let host = organisations.first { $0.kind == .host }
            let contact = (host?.phones.map(\.description) ?? []) + (host?.emails.map(\.value) ?? [])
            let downtime = try detail.outage.map { try store.outageReport($0, zone: zone, now: now)
                .downtimeBookings } ?? 0
            let set = MinimumDataSet(detail: detail, organisation: host?.name ?? "the service host", contact: contact,
                                     sitesAffected: organisations.filter { $0.kind != .host && $0.participating }.count,
                                     downtimeBookings: downtime,
                                     supportHours: session.context.supportHours)
            switch format {
            case .mds: print(set.text(now: now, zone: zone), terminator: "")
            case .json: print(try JSONOutput.encode(MinimumDataSetJSON(set, now: now, zone: zone)))
            }
        }
    }

    struct List: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Every incident, newest first.")
        @OptionGroup var options: DeskOptions
        @Option(help: "text or json") var format: OutputFormat = .text

        var terminal: String { "cli" }

        func run(_ session: Session) throws {
            let context = session.context
            let incidents = try session.store.incidents()
            switch format {
            case .json: print(try JSONOutput.encode(incidents.map(IncidentJSON.init)))
            case .text:
                if incidents.isEmpty { print("No incidents: every declared outage opens one.") }
                for incident in incidents {
                    print("\(incident.badge)  opened \(Instant.readable(incident.openedAt, zone: context.zone))  "
                          + (incident.isClosed ? "closed, agreed with \(incident.agreedBy ?? "?")" : "OPEN"))
                }
            }
        }
    }

    struct Note: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "note", abstract: "Add a note to the incident's timeline (anyone may).")
        @OptionGroup var options: DeskOptions
        @OptionGroup var which: Which
        @Argument(help: "The note.") var text: String

        func run(_ session: Session) throws {
            try session.applyAndSay(.addIncidentNote(.init(number: which.number, text: text)))
        }
    }

    struct Severity: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "severity", abstract: "Change the severity (1 highest to 5 lowest), with a reason; the HSSI flag follows.")
        @OptionGroup var options: DeskOptions
        @OptionGroup var which: Which
        @Argument(help: "The new severity, 1 to 5.") var severity: Int
        @Option(help: "Why the severity changes (required).") var reason: String

        func run(_ session: Session) throws {
            let operation = DeskOperation.changeIncidentSeverity(.init(number: which.number, severity: severity,
                                                                       reason: reason))
            try session.applyAndSay(operation)
        }
    }

    struct Impact: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "impact",
            abstract: "Say what the incident touches: several sites, clinical safety, information governance (each alone makes it an HSSI).")
        @OptionGroup var options: DeskOptions
        @OptionGroup var which: Which
        @Option(help: "several or one") var sites: Sites?
        @Option(name: .customLong("clinical-safety"), help: "yes or no") var clinicalSafety: YesNo?
        @Option(name: .customLong("information-governance"), help: "yes or no") var informationGovernance: YesNo?
        @Option(help: "Why (required).") var reason: String

        enum Sites: String, ExpressibleByArgument { case several, one }
        enum YesNo: String, ExpressibleByArgument { case yes, no }

        func run(_ session: Session) throws {
            let (store, _, _, _) = session.parts
            var impact = try perform { try store.incidentDetail(number: which.number) }.incident.impact
            if let sites { impact.multipleSites = sites == .several }
            if let clinicalSafety { impact.clinicalSafety = clinicalSafety == .yes }
            if let informationGovernance { impact.informationGovernance = informationGovernance == .yes }
            let operation = DeskOperation.changeIncidentImpact(.init(number: which.number, impact: impact,
                                                                     reason: reason))
            try session.applyAndSay(operation)
        }
    }

    struct Close: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "close",
            abstract: "Close the incident with the reporter's agreement; refused while its outage is active or back-entry is outstanding, unless overridden.")
        @OptionGroup var options: DeskOptions
        @OptionGroup var which: Which
        @Option(name: .customLong("agreed-by"), help: "Who agreed the closure (the reporter).") var agreedBy: String
        @Option(help: "Close anyway, for this reason, although the outage is active or back-entry is outstanding.") var override: String?

        func run(_ session: Session) throws {
            let operation = DeskOperation.closeIncident(.init(number: which.number, agreedBy: agreedBy,
                                                              override: override))
            try session.applyAndSay(operation)
        }
    }
}
