import Foundation
import ArgumentParser
import DeskCore
import DeskStore

/// `downtime-desk import bookings FILE`: the central system's bookings (FHIR R4 Bundle or bookings CSV).
struct ImportBookings: StoreCommand {
    static let configuration = CommandConfiguration(
        commandName: "bookings",
        abstract: "Import bookings from the central system: a FHIR R4 Bundle of Appointments, or the CSV of 'bookings --format csv'.")
    @OptionGroup var options: DeskOptions
    @Argument(help: "The file, or - for standard input.") var file: String

    func run(_ session: Session) throws {
        let bytes = try InputFile.read(file)
        let (context, store, now) = (session.context, session.store, session.now)
        let parsed: [ImportedBooking]
        do {
            parsed = try BookingImport.parse(bytes, today: LocalDate(now, in: context.zone), zone: context.zone,
                                             resolveED: { try? store.organisation(matching: $0, kind: .ed).id })
        } catch { throw DeskFailure("\(file): \(error); nothing was imported") }
        let summary: BookingImportSummary
        do {
            let operation = DeskOperation.importBookings(.init(bookings: parsed))
            guard case .bookingsImported(let made) = try session.apply(operation) else { return }
            summary = made
        } catch { throw DeskFailure("\(file): \(error)") }
        print("Imported \(file): \(summary.added) added, \(summary.unchanged) already here.")
        for conflict in summary.conflicts {
            FileHandle.standardError.write(Data("conflict: \(conflict) now holds two bookings; resolve it at the desk\n".utf8))
        }
    }
}

/// The bookings CSV that `import bookings` reads back. An ED is written by name, which another database knows too.
enum BookingsCSV {
    static func render(_ bookings: [Booking], practice: Organisation, names: [UUID: String]) -> String {
        var out = CSV.row(BookingImport.csvColumns + ["status"])
        for b in bookings {
            var source = b.source.code
            if case .ed(let id?) = b.source, let name = names[id] { source = "ed:\(name)" }
            out += CSV.row([practice.name, b.day.iso, b.start.description, b.patient.name, b.patient.phone.digits,
                            b.patient.dateOfBirth?.iso ?? "", b.patient.nhsNumber?.digits ?? "", b.triage.rawValue, source,
                            b.notes, b.centralReference ?? b.id.uuidText, b.status.rawValue])
        }
        return out
    }
}
