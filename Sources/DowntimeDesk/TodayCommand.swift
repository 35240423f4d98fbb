import Foundation
import ArgumentParser
import DeskCore
import DeskStore

/// `downtime-desk today`: the slot grid without the interface, for scripts, checks and tests.
struct TodayCommand: StoreCommand {
    static let configuration = CommandConfiguration(
        commandName: "today", abstract: "Print a practice's slot grid for a day.")

    @OptionGroup var options: DeskOptions

    @Option(help: "The practice, by name or id (default: --site, else the first practice).")
    var practice: String?

    @Option(help: "The day, YYYY-MM-DD (default: today).")
    var date: String?

    @Option(help: "text or json")
    var format: OutputFormat = .text

    var terminal: String { "cli" }

    func run(_ session: Session) throws {
        let context = session.context
        let (store, _, site, now) = session.parts
        let day = try CommandInputs.day(date, now: now, zone: context.zone)
        var practiceID = site?.kind == .practice ? site?.id : nil
        if let practice {
            do { practiceID = try store.organisation(matching: practice, kind: .practice).id }
            catch { throw DeskFailure("--practice: \(error)") }
        }
        let view = try store.loadView(practiceID: practiceID, day: day, incomingLimit: 0)
        guard let shown = view.practice else {
            throw DeskFailure("there are no practices in \(context.paths.database); import a directory or run 'downtime-desk demo'")
        }
        if let refusal = SiteRules.maySeePatients(of: shown, site: site) { throw DeskFailure("\(refusal)") }
        switch format {
        case .json: print(try JSONOutput.encode(TodayJSON(practice: shown, day: day, rows: view.slots)))
        case .text: print(text(practice: shown, day: day, rows: view.slots), terminator: "")
        }
    }

    func text(practice: Organisation, day: LocalDate, rows: [SlotRow]) -> String {
        var out = "\(Sanitise.visible(practice.name)) — \(day.longDescription)\n"
        out += "Time   Status     Patient                        Source    Downtime ref\n"
        for row in rows {
            // An off-template row names every patient whole: the column grows rather than cuts.
            let patient = Sanitise.visible(row.patientText)
            let patientColumn = row.status == .offTemplate && TextWidth.of(patient) > 30 ? patient : TextWidth.fit(patient, to: 30)
            let status = TextWidth.fit(row.status.label, to: max(10, TextWidth.of(row.status.label)))
            out += "\(row.slot.start)  " + status + " "
                + patientColumn + " " + TextWidth.fit(row.shownBooking?.source.description ?? "", to: 9)
                + " " + (row.bookings.compactMap(\.downtimeReference).first ?? "")
            while out.hasSuffix(" ") { out.removeLast() }
            out += "\n" + madeAt(row)
        }
        let free = rows.filter { $0.status == .free }.count
        let stray = rows.filter { $0.status == .offTemplate }.count
        out += "\(rows.count - stray) slots, \(free) free"
            + (stray > 0 ? "; \(stray) OFF-TEMPLATE (no slot at that time any more: move each booking)" : "") + "\n"
        return out
    }

    /// Under a CONFLICT that bookings from other sites are part of, which site made each: what the person resolving
    /// it needs to know (whose patient to phone, which site to tell).
    func madeAt(_ row: SlotRow) -> String {
        let holding = row.bookings.filter(\.status.holdsSlot)
        guard row.status == .conflict, holding.contains(where: { $0.createdSite != nil }) else { return "" }
        return holding.map { booking in
            "         \(Sanitise.visible(booking.patient.name)): \(booking.source), made at "
                + (booking.createdSite.map(Sanitise.visible) ?? "a site not recorded") + "\n"
        }.joined()
    }
}

/// The stable JSON shape of `today --format json`.
struct TodayJSON: Encodable {
    var practice: PracticeRef
    var date: String
    var slots: [SlotJSON]

    struct PracticeRef: Encodable { var id: String, name: String, code: String }
    struct SlotJSON: Encodable {
        var id: String, time: String, end: String, minutes: Int, type: String, status: String
        var blocked_reason: String?
        var bookings: [BookingJSON]
    }
    struct BookingJSON: Encodable {
        var id: String, patient: String, phone: String, triage: String, source: String, status: String
        var downtime_reference: String?
        var created_at: String
        /// The site that made it, where recorded (null for bookings made before sites were recorded).
        var made_at: OrNull<String>
    }

    init(practice: Organisation, day: LocalDate, rows: [SlotRow]) {
        self.practice = PracticeRef(id: practice.id.uuidText, name: practice.name, code: practice.code)
        date = day.iso
        slots = rows.map { row in
            SlotJSON(id: row.slot.id.uuidText, time: row.slot.start.description, end: row.slot.end.description,
                     minutes: row.slot.minutes, type: row.slot.type, status: row.status.rawValue,
                     blocked_reason: row.slot.blockedReason,
                     bookings: row.bookings.map {
                         BookingJSON(id: $0.id.uuidText, patient: $0.patient.name, phone: $0.patient.phone.digits,
                                     triage: $0.triage.rawValue, source: $0.source.code, status: $0.status.rawValue,
                                     downtime_reference: $0.downtimeReference, created_at: Instant.iso($0.createdAt),
                                     made_at: OrNull($0.createdSite))
                     })
        }
    }
}
