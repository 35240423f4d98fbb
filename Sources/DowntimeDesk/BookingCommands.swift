import Foundation
import ArgumentParser
import DeskCore
import DeskStore

/// `downtime-desk book`: a booking from the command line, under the same rules as the form.
struct BookCommand: StoreCommand {
    static let configuration = CommandConfiguration(commandName: "book", abstract: "Book a patient into a practice's slot.")

    @OptionGroup var options: DeskOptions
    @Option(help: "The practice, by name or id (default: --site).") var practice: String?
    @Option(help: "The day, YYYY-MM-DD (default: today).") var date: String?
    @Option(help: "The slot's start, HH:MM.") var time: String
    @Option(help: "The patient's name.") var patient: String
    @Option(help: "A UK phone number for the patient.") var phone: String
    @Option(help: "Date of birth, DD/MM/YYYY or YYYY-MM-DD.") var dob: String?
    @Option(name: .customLong("nhs-number"), help: "NHS number (10 digits; spaces allowed).") var nhsNumber: String?
    @Option(help: "urgent (unwell today) or routine (non-urgent review).") var triage = "urgent"
    @Option(help: ArgumentHelp("nhs111, ed:ORG, phone, walk-in or central (default: nhs111 at NHS 111, the ED "
                               + "itself at an ED, else phone)."))
    var source: String?
    @Option(help: "Free-text notes.") var notes = ""
    @Flag(help: "Book an occupied slot on purpose; both bookings stay and the slot shows as a conflict.") var overbook = false
    @Option(name: .customLong("downtime-ref"), help: "Enter a paper booking under the DT- reference it was given from the printed day sheet.") var downtimeRef: String?
    @Option(help: "text or json") var format: OutputFormat = .text

    func run(_ session: Session) throws {
        let context = session.context
        let (store, actor, site, now) = session.parts
        let target = try CommandInputs.practice(practice, site: site, store: store)
        let day = try CommandInputs.day(date, now: now, zone: context.zone)
        let start = try CommandInputs.time(time)
        // A booking made at NHS 111 or an ED came from there, unless the call handler says otherwise.
        let source = source ?? {
            switch site?.kind {
            case .nhs111?: return "nhs111"
            case .ed?: return site.map { "ed:\($0.name)" } ?? "ed"
            default: return "phone"
            }
        }()
        let draft = BookingDraft(patientName: patient, phone: phone, dateOfBirth: dob ?? "", nhsNumber: nhsNumber ?? "",
                                 triage: triage, source: source, notes: notes)
        let details: ValidBooking
        switch draft.validate(today: LocalDate(now, in: context.zone), resolveED: { try? store.organisation(matching: $0, kind: .ed).id }) {
        case .success(let valid): details = valid
        case .failure(let problems): throw DeskFailure("nothing saved: \(problems)")
        }
        let booking: Booking
        let operation = DeskOperation.book(.init(practiceID: target.id, day: day, start: start, details: details,
                                             overbook: overbook, paperReference: downtimeRef))
        do { booking = try store.apply(OperationRecord(at: now, actor: actor, operation: operation)).booking! }
        catch StoreError.storage(let why) { throw DeskFailure(why) }  // already says nothing was saved, and why
        catch let refusal as Refusal {
            throw DeskFailure("nothing saved: \(refusal.withCommandLineHint)")
        }
        catch { throw DeskFailure("nothing saved: \(error)") }
        switch format {
        case .json: print(try JSONOutput.encode(BookingJSON(booking, practice: target)))
        case .text:
            print(booking.id.uuidText)
            if let ref = booking.downtimeReference { FileHandle.standardError.write(Data("downtime booking \(ref): write it on the paper record\n".utf8)) }
        }
    }
}

/// `downtime-desk booking ACTION BOOKING`: one step in a booking's life.
struct BookingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "booking", abstract: "Change a booking: arrived, complete, dna, cancel, error, move, seen.",
        subcommands: [Arrive.self, Complete.self, DidNotAttend.self, Cancel.self, EnteredInError.self, Move.self, Seen.self])

    struct Arrive: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "arrived", abstract: "The patient has arrived.")
        @OptionGroup var change: StatusChange
        func run() throws { try change.apply(.arrived, reason: nil) }
    }
    struct Complete: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "complete", abstract: "The appointment is over.")
        @OptionGroup var change: StatusChange
        func run() throws { try change.apply(.completed, reason: nil) }
    }
    struct DidNotAttend: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "dna", abstract: "The patient did not attend.")
        @OptionGroup var change: StatusChange
        func run() throws { try change.apply(.didNotAttend, reason: nil) }
    }
    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel a booking (a reason is required).")
        @OptionGroup var change: StatusChange
        @Option(help: "Why it was cancelled.") var reason: String
        func run() throws { try change.apply(.cancelled, reason: reason) }
    }
    struct EnteredInError: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "error", abstract: "Mark a booking entered in error (a reason is required).")
        @OptionGroup var change: StatusChange
        @Option(help: "What was wrong.") var reason: String
        func run() throws { try change.apply(.enteredInError, reason: reason) }
    }
    struct Move: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "move", abstract: "Move a booking to another slot.")
        @OptionGroup var change: StatusChange
        @Option(help: "The new day, YYYY-MM-DD (default: the same day).") var date: String?
        @Option(help: "The new slot's start, HH:MM.") var time: String
        @Flag(help: "Move into an occupied slot on purpose (shows as a conflict).") var overbook = false
        func run() throws {
            try change.apply { session, current in
                let day = try date.map { try CommandInputs.day($0, now: session.now, zone: session.context.zone) }
                    ?? current.day
                let start = try CommandInputs.time(time)
                return .move(.init(bookingID: current.id, day: day, start: start, overbook: overbook))
            }
        }
    }
    struct Seen: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "seen", abstract: "Mark a new booking as seen at the practice.")
        @OptionGroup var change: StatusChange
        func run() throws { try change.apply { _, booking in .markSeen(.init(bookingIDs: [booking.id])) } }
    }
}

/// The booking to change and who is changing it.
struct StatusChange: ParsableArguments {
    @OptionGroup var options: DeskOptions
    @Argument(help: "The booking: its id (or the first 8+ characters) or its DT- reference.") var booking: String

    /// Finds the booking, makes the change `operation` asks for, and says what it did; nothing changes on a refusal.
    func apply(_ operation: (Session, Booking) throws -> DeskOperation) throws {
        try Session.with(options) { session in
            let current: Booking
            do { current = try session.store.booking(matching: booking) } catch { throw DeskFailure("\(error)") }
            let change = try operation(session, current)
            do { try session.applyAndSay(change) } catch { throw DeskFailure("nothing changed: \(error)") }
        }
    }

    func apply(_ status: BookingStatus, reason: String?) throws {
        try apply { _, current in .changeStatus(.init(bookingID: current.id, status: status, reason: reason)) }
    }
}

/// `downtime-desk bookings`: one practice's bookings for a day.
struct BookingsCommand: StoreCommand {
    static let configuration = CommandConfiguration(commandName: "bookings", abstract: "List a practice's bookings for a day.")
    @OptionGroup var options: DeskOptions
    @Option(help: "The practice, by name or id (default: --site).") var practice: String?
    @Option(help: "The day, YYYY-MM-DD (default: today).") var date: String?
    @Option(help: "text, json or csv (csv is what 'import bookings' reads)") var format: ListFormat = .text

    enum ListFormat: String, ExpressibleByArgument { case text, json, csv }

    var terminal: String { "cli" }

    func run(_ session: Session) throws {
        let context = session.context
        let (store, _, site, now) = session.parts
        let target = try CommandInputs.practice(practice, site: site, store: store)
        // NHS 111 and an ED see the bookings they made at a practice, and only those.
        let madeHere = site.flatMap { $0.kind == .nhs111 || $0.kind == .ed ? $0 : nil }
        if madeHere == nil, let refusal = SiteRules.maySeePatients(of: target, site: site) {
            throw DeskFailure("\(refusal)")
        }
        let day = try CommandInputs.day(date, now: now, zone: context.zone)
        let bookings = try store.bookings(practiceID: target.id, day: day)
            .filter { madeHere == nil || $0.createdSite == madeHere?.name }
        if format != .text, !bookings.isEmpty { OutputFile.notePatientDetails(format.rawValue.uppercased(), file: nil) }
        switch format {
        case .json: print(try JSONOutput.encode(bookings.map { BookingJSON($0, practice: target) }))
        case .csv:
            let names = Dictionary(try store.organisations().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            FileHandle.standardOutput.write(Data(BookingsCSV.render(bookings, practice: target, names: names).utf8))
        case .text:
            let whose = madeHere.map { " made by \(Sanitise.visible($0.name))" } ?? ""
            print("\(Sanitise.visible(target.name)) — \(day.longDescription): \(bookings.count) booking"
                  + (bookings.count == 1 ? "" : "s") + whose)
            for b in bookings {
                print("\(b.start)  \(b.status.label.padding(toLength: 16, withPad: " ", startingAt: 0)) \(Sanitise.visible(b.patient.name))"
                      + "  \(b.patient.phone)  \(b.source)  \(b.downtimeReference ?? "")  \(b.id.uuidText.prefix(8))")
            }
        }
    }
}

/// The stable JSON shape of one booking (`book`, `bookings`, `backentry list`).
struct BookingJSON: Encodable {
    var id: String, practice: String, date: String, time: String, patient: String, phone: String
    var date_of_birth: String?, nhs_number: String?
    var triage: String, source: String, status: String, notes: String
    var downtime_reference: String?, central_reference: String?
    var created_at: String, created_by: String, seen: Bool

    init(_ b: Booking, practice: Organisation) {
        id = b.id.uuidText; self.practice = practice.name; date = b.day.iso; time = b.start.description
        patient = b.patient.name; phone = b.patient.phone.digits; date_of_birth = b.patient.dateOfBirth?.iso
        nhs_number = b.patient.nhsNumber?.digits; triage = b.triage.rawValue; source = b.source.code
        status = b.status.rawValue; notes = b.notes; downtime_reference = b.downtimeReference
        central_reference = b.centralReference; created_at = Instant.iso(b.createdAt); created_by = b.createdBy
        seen = b.seenAt != nil
    }
}

/// Parsing shared by the commands that take a practice or a day.
enum CommandInputs {
    static func practice(_ text: String?, site: Organisation?, store: DeskStore) throws -> Organisation {
        if let text {
            do { return try store.organisation(matching: text, kind: .practice) } catch { throw DeskFailure("--practice: \(error)") }
        }
        if let site, site.kind == .practice { return site }
        throw DeskFailure("say which practice: --practice ORG (or --site ORG for a practice terminal)")
    }

    /// Any organisation by name or id, for commands about a party of the chain.
    static func party(_ text: String, store: DeskStore, option: String? = nil) throws -> Organisation {
        do { return try store.organisation(matching: text) } catch { throw DeskFailure((option.map { "\($0): " } ?? "") + "\(error)") }
    }

    static func time(_ text: String) throws -> TimeOfDay {
        guard let time = TimeOfDay(parsing: text) else { throw DeskFailure("--time '\(text)' is not a time in the form HH:MM") }
        return time
    }

    static func day(_ text: String?, now: Date, zone: TimeZone) throws -> LocalDate {
        guard let text else { return LocalDate(now, in: zone) }
        guard let day = LocalDate(iso: text) else { throw DeskFailure("--date '\(text)' is not a date in the form YYYY-MM-DD") }
        return day
    }
}
