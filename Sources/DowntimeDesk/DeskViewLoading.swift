import Foundation
import DeskCore
import DeskStore

extension DeskStore {
    /// What this terminal's screen shows: a practice sees its grid; everyone else also gets the capacity board,
    /// counting only slots not yet started today.
    /// What the network-wide commands print (the calls list, the call-sheet, the hand-over): today, no practice's
    /// incoming list.
    func networkView(now: Date, zone: TimeZone) throws -> DeskView {
        try loadView(practiceID: nil, day: LocalDate(now, in: zone), incomingLimit: 0)
    }

    /// With `keeping`, only the day and practice parts are read and the rest of that view is kept.
    func deskView(for actor: Actor, practiceID: UUID?, day: LocalDate, now: Date, zone: TimeZone,
                  keeping shown: DeskView? = nil) throws -> DeskView {
        let isToday = day == LocalDate(now, in: zone)
        let notBefore = isToday ? TimeOfDay(now, in: zone) : nil
        var view: DeskView
        if let shown {
            view = try loadDay(of: shown, practiceID: practiceID, day: day, includeCapacity: actor.role != .practice,
                               capacityNotBefore: notBefore)
        } else {
            view = try loadView(practiceID: practiceID, day: day, includeCapacity: actor.role != .practice,
                                capacityNotBefore: notBefore)
        }
        if !actor.site.isEmpty { view.ownSite = actor.site }
        return view
    }
}
