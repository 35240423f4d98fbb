import Foundation
import DeskCore
import DeskStore

extension DeskStore {
    /// What this terminal's screen shows: a practice sees its grid; everyone else also gets the capacity board,
    /// counting only slots not yet started today.
    func deskView(for actor: Actor, practiceID: UUID?, day: LocalDate, now: Date, zone: TimeZone) throws -> DeskView {
        let isToday = day == LocalDate(now, in: zone)
        return try loadView(practiceID: practiceID, day: day, includeCapacity: actor.role != .practice,
                            capacityNotBefore: isToday ? TimeOfDay(now, in: zone) : nil)
    }
}
