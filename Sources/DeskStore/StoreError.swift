import DeskCore

/// Why the store could not open, find or save, in words a person can act on. A rule that says no is a `Refusal`.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case directoryMissing(String)
    case notADatabase(String, String)
    case newerSchema(String, [String])
    case notFound(String)
    case ambiguous(String, [String])
    case invalid(String)
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
        case .storage(let why): return why
        case .busy(let why): return why
        }
    }
}
