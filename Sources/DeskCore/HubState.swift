import Foundation

/// Where this site stands with the hub, as its sync worker last found it: what the desk's status line and
/// `sync --watch` say in words. Pure: the worker supplies the instants.
public enum HubState: Equatable, Sendable {
    /// Started, no round finished yet.
    case connecting
    /// The last round completed at `at`: everything sent, everything new taken. `notApplied` counts other sites'
    /// changes refused or not checking out (kept; `sync status` names them).
    case upToDate(at: Date, notApplied: Int)
    /// The hub could not be reached since `since`; `waiting` changes made here wait for it.
    case offline(since: Date, waiting: Int, why: String)
    /// The hub answered but refused (a login removed, a change it will not take): nothing moves until a person acts.
    case refused(why: String, waiting: Int)

    /// Whether a person should look: the status line shows it in the error colours.
    public var isTrouble: Bool {
        switch self {
        case .connecting, .upToDate: return false
        case .offline, .refused: return true
        }
    }

    /// The status line's words: "hub: up to date 10:42", "hub: OFFLINE since 10:40 · 3 changes waiting".
    public func sentence(zone: TimeZone) -> String {
        func time(_ date: Date) -> String { TimeOfDay(date, in: zone).description }
        func waiting(_ count: Int) -> String {
            count == 0 ? "" : " · \(count) change\(count == 1 ? "" : "s") waiting"
        }
        switch self {
        case .connecting:
            return "hub: connecting"
        case .upToDate(let at, let notApplied):
            return "hub: up to date \(time(at))"
                + (notApplied == 0 ? "" : " · \(notApplied) not applied (sync status)")
        case .offline(let since, let count, _):
            return "hub: OFFLINE since \(time(since))" + waiting(count)
        case .refused(_, let count):
            return "hub: REFUSED (sync status)" + waiting(count)
        }
    }

    /// The same for a narrow line: "hub: OFFLINE since 10:40 · 3 waiting".
    public func shortSentence(zone: TimeZone) -> String {
        sentence(zone: zone).replacingOccurrences(of: " changes waiting", with: " waiting")
            .replacingOccurrences(of: " change waiting", with: " waiting")
            .replacingOccurrences(of: " (sync status)", with: "")
    }
}
