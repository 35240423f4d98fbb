import Foundation
import ArgumentParser
import DeskCore
import DeskStore

/// `downtime-desk capacity`: every practice's free urgent slots for a day, with the numbers to give patients.
struct CapacityCommand: StoreCommand {
    static let configuration = CommandConfiguration(commandName: "capacity", abstract: "Show which practices have free urgent slots, with their phone numbers.")
    @OptionGroup var options: DeskOptions
    @Option(help: "The day, YYYY-MM-DD (default: today, counting only slots not yet started).") var date: String?
    @Option(help: "text or json") var format: OutputFormat = .text

    var terminal: String { "cli" }

    func run(_ session: Session) throws {
        let context = session.context
        let store = session.store
        let now = session.now
        let day = try CommandInputs.day(date, now: now, zone: context.zone)
        let notBefore = day == LocalDate(now, in: context.zone) ? TimeOfDay(now, in: context.zone) : nil
        let rows = try store.capacity(day: day, notBefore: notBefore)
        switch format {
        case .json:
            print(try JSONOutput.encode(rows.map { row in
                CapacityJSON(practice: row.practice.name, id: row.practice.id.uuidText,
                             phones: row.practice.phones.map(\.digits),
                             free_urgent: row.freeUrgent.map(\.description), total_slots: row.totalSlots)
            }))
        case .text:
            print("Free urgent slots, \(day.longDescription)" + (notBefore.map { " from \($0)" } ?? "") + ":")
            for row in rows {
                let phones = row.practice.phones.map(\.description).joined(separator: ", ")
                let free = (row.freeUrgent.isEmpty ? "FULL" : "\(row.freeUrgent.count) free: " + row.freeUrgent.map(\.description).joined(separator: " "))
                    + (row.offTemplate > 0 ? "  (\(row.offTemplate) booking\(row.offTemplate == 1 ? "" : "s") "
                        + "OFF-TEMPLATE: to move)" : "")
                print(TextWidth.fit(Sanitise.visible(row.practice.name), to: 30) + " " + TextWidth.fit(phones, to: 28) + " " + free)
            }
        }
    }
}

struct CapacityJSON: Encodable {
    var practice: String, id: String, phones: [String], free_urgent: [String], total_slots: Int
}
