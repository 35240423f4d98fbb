import Foundation
import ArgumentParser
import DeskCore
import DeskStore
import DeskConfig

/// `downtime-desk print day`: the paper day sheet, for the evening before and for when every computer fails.
struct PrintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "print", abstract: "Print paper records.", subcommands: [Day.self, CallSheet.self, Plan.self, Handover.self, Recontact.self])

    struct Day: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "day", abstract: "A practice's day sheet as plain text (80 columns, paginated; pipe to lp).")
        @OptionGroup var options: DeskOptions
        @Option(help: "The practice, by name or id (default: --site).") var practice: String?
        @Option(help: "The day, YYYY-MM-DD (default: today).") var date: String?
        @Option(help: "Write to this file instead of standard output.") var output: String?
        @Option(help: "The patient information text (default: $XDG_CONFIG_HOME/downtime-desk/patient-information.txt, else the shipped one).") var info: String?

        var terminal: String { "cli" }

        func run(_ session: Session) throws {
            let context = session.context
            let (store, actor, site, now) = session.parts
            let target = try CommandInputs.practice(practice, site: site, store: store)
            if let refusal = SiteRules.maySeePatients(of: target, site: site) { throw DeskFailure("\(refusal)") }
            let day = try CommandInputs.day(date, now: now, zone: context.zone)
            let infoPath = info ?? context.paths.patientInformation.path
            guard let infoData = FileManager.default.contents(atPath: infoPath), let infoText = String(data: infoData, encoding: .utf8) else {
                throw DeskFailure("\(infoPath): cannot read the patient information text as UTF-8")
            }
            let rows = try store.loadView(practiceID: target.id, day: day, incomingLimit: 0).slots
            let spare = try store.spareDowntimeReferences(practice: target, day: day, count: max(5, rows.filter { $0.status == .free }.count))
            let sheet = DaySheet.render(practice: target, day: day, rows: rows, spareReferences: spare, patientInformation: infoText,
                                        printedAt: "\(LocalDate(now, in: context.zone).iso) \(TimeOfDay(now, in: context.zone))",
                                        printedBy: actor.user)
            try OutputFile.write(sheet, to: output)
        }
    }
}

extension PrintCommand {
    struct CallSheet: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "callsheet", abstract: "The call-sheet on paper, with blank columns for each call's outcome.")
        @OptionGroup var options: DeskOptions
        @Option(help: "Write to this file instead of standard output.") var output: String?

        var terminal: String { "cli" }

        func run(_ session: Session) throws {
            let context = session.context
            let (store, actor, _, now) = session.parts
            let view = try store.networkView(now: now, zone: context.zone)
            guard let round = view.round else { throw DeskFailure("no notice round is waiting for acknowledgments, so there is no call-sheet to print") }
            try CallSheetRow.readReach(of: view.callSheetRows)
            try OutputFile.write(CallSheetText.paper(view.callSheetRows, round: round, now: now, zone: context.zone,
                                                     printedBy: actor.user), to: output)
        }
    }
}

/// `downtime-desk export backentry`: the worklist for the central system, as CSV or a FHIR R4 Bundle.
struct ExportBackEntry: StoreCommand {
    static let configuration = CommandConfiguration(commandName: "backentry", abstract: "Export downtime bookings not yet back-entered (CSV or FHIR R4).")
    @OptionGroup var options: DeskOptions
    @Option(help: "csv or fhir") var format: Format = .csv
    @Option(help: "Write to this file instead of standard output.") var output: String?

    enum Format: String, ExpressibleByArgument { case csv, fhir }

    var terminal: String { "cli" }

    func run(_ session: Session) throws {
        let context = session.context
        let (store, _, site, _) = session.parts
        let practices = Dictionary(try store.organisations().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // A practice exports its own; a site that may not see patients exports nothing.
        let all = try store.backEntryWorklist()
        let bookings = all.filter { booking in
            guard let site, let practice = practices[booking.practiceID] else { return true }
            return SiteRules.maySeePatients(of: practice, site: site) == nil
        }
        if let site, site.kind != .practice, bookings.isEmpty, !all.isEmpty {
            throw DeskFailure("the back-entry list holds patient details, shown only at each practice; \(site.name) "
                              + "sees the count in 'downtime-desk outage status' and the outage report")
        }
        let minutes = try store.slotLengths(for: bookings)
        switch format {
        case .csv:
            try OutputFile.write(BackEntryExport.csv(bookings, practices: practices, minutes: { minutes[$0.id] ?? 30 }), to: output)
        case .fhir:
            let bundle = BackEntryExport.fhirBundle(bookings, practices: practices, minutes: { minutes[$0.id] ?? 30 },
                                                    zone: context.zone, now: try context.now())
            let data = try JSONSerialization.data(withJSONObject: bundle, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            try OutputFile.write(String(decoding: data, as: UTF8.self) + "\n", to: output)
        }
        if !bookings.isEmpty { OutputFile.notePatientDetails(format.rawValue.uppercased(), file: output) }
    }
}

/// Writing a result to standard output or to an owner-only file (exports hold patient details).
enum OutputFile {
    /// An export going into a file or another program holds patient details: say so on stderr, where a person sees
    /// it. Not when it is only shown on the terminal.
    static func notePatientDetails(_ what: String, file: String?) {
        guard file != nil || isatty(STDOUT_FILENO) == 0 else { return }
        FileHandle.standardError.write(Data(("Note: this \(what) contains patient details (names, phone numbers, NHS numbers); "
                                             + "keep it where only staff can read it.\n").utf8))
    }

    static func write(_ text: String, to path: String?) throws {
        guard let path else { FileHandle.standardOutput.write(Data(text.utf8)); return }
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw DeskFailure("\(path): cannot write the file")
        }
    }
}
