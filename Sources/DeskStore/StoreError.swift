import DeskCore

/// Why the store refused or failed, in words a person at the desk can act on.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case directoryMissing(String)
    case notADatabase(String, String)
    case newerSchema(String, [String])
    case notFound(String)
    case ambiguous(String, [String])
    case invalid(String)
    /// A booking rule said no: the message says what to do instead.
    case refused(String)
    /// A rule said no, in words for the desk and in words for the command line, which name its flags.
    case refusedWithFlag(desk: String, commandLine: String)
    /// The slot holds a booking already (`holders` names whose): choose another, or overbook on purpose.
    case slotTaken(start: TimeOfDay, day: LocalDate, holders: [String])
    /// SQLite failed (full disk, read-only file, damage): explained by `StorageFailure`.
    case storage(String)
    /// Another program holds the file's write lock: nothing was saved yet, and trying again later may work.
    case busy(String)

    public var description: String {
        switch self {
        case .directoryMissing(let dir): return "the folder \(dir) does not exist; create it or choose another --db path"
        case .notADatabase(let path, let why): return "cannot open \(path) as a Downtime Desk database: \(why)"
        case .newerSchema(let path, let ids):
            return "\(path) was written by a newer Downtime Desk (it has \(ids.joined(separator: ", "))); upgrade this program before using it"
        case .notFound(let what): return "no \(what)"
        case .ambiguous(let text, let names): return "'\(text)' matches several: \(names.joined(separator: ", "))"
        case .invalid(let why): return why
        case .refused(let why): return why
        case .refusedWithFlag(_, let commandLine): return commandLine
        case .slotTaken:
            return forTheDesk.replacingOccurrences(of: "on purpose (it will", with: "on purpose (--overbook; it will")
        case .storage(let why): return why
        case .busy(let why): return why
        }
    }

    /// What the desk says: the same refusal without the command line's flags.
    public var forTheDesk: String {
        switch self {
        case .refusedWithFlag(let desk, _): return desk
        case .slotTaken(let start, let day, let holders):
            return "the \(start) slot on \(day.longDescription) is already booked for "
                + holders.joined(separator: " and ")
                + "; choose another slot, or overbook it on purpose (it will show as a conflict)"
        default: return description
        }
    }
}
