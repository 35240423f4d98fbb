import Foundation
import GRDB

/// SQLite's failures in words a person at the desk can act on. SQLite says "disk I/O error" when a full disk stops
/// it growing the -shm file and "attempt to write a readonly database" for a permissions problem; neither tells a
/// receptionist what to do. Every failure here happened inside a transaction that SQLite rolled back.
public enum StorageFailure {
    /// A plain explanation of `error` if it came from SQLite, else nil. `path` is the database file, when known.
    public static func explain(_ error: Error, path: String?) -> String? {
        guard let error = error as? DatabaseError else { return nil }
        let file = path ?? "the database"
        let folder = path.map { ($0 as NSString).deletingLastPathComponent } ?? "."
        let nothingSaved = "nothing was saved"
        switch error.resultCode {
        case .SQLITE_FULL:
            return "the disk holding \(folder) is full: \(nothingSaved). Free some space, then try again"
        case .SQLITE_IOERR where isOutOfSpace(error, path: path ?? "."):
            return "the disk holding \(folder) is full (\(freeBytes(in: folder) ?? 0) bytes free): \(nothingSaved). Free some space, then try again"
        case .SQLITE_READONLY:
            return "\(file) is read-only for \(currentUser()): \(nothingSaved). Downtime Desk writes to the file and to its folder "
                + "(for the -wal and -shm files); check their owner and permissions, or use a copy you can write"
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return "another program is holding \(file) locked (another terminal, a backup, or sqlite3): "
                + "\(nothingSaved) yet. "
                + "Try again in a moment"
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return "\(file) is damaged (\(error.message ?? "corrupt")): \(nothingSaved). Restore the latest backup with "
                + "'downtime-desk restore BACKUP --force' (see the README, Backup and restore)"
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return "cannot open \(file) (\(error.message ?? "permission denied")): check that you may read and write it and its folder"
        case .SQLITE_IOERR:
            return "the disk holding \(folder) failed to read or write (\(error.message ?? "I/O error")): \(nothingSaved). "
                + "Check the disk, then try again"
        default:
            return "the database refused the change (SQLite: \(error.message ?? "\(error.resultCode)")): \(nothingSaved)"
        }
    }

    /// A full disk, whether SQLite says so or reports the -shm file it could not grow as an I/O error.
    static func isOutOfSpace(_ error: DatabaseError, path: String) -> Bool {
        if error.resultCode == .SQLITE_FULL { return true }
        let folder = (path as NSString).deletingLastPathComponent
        return error.resultCode == .SQLITE_IOERR && (freeBytes(in: folder.isEmpty ? "." : folder) ?? .max) < 256 * 1024
    }

    static func freeBytes(in folder: String) -> UInt64? {
        var stats = statvfs()
        guard statvfs(folder, &stats) == 0 else { return nil }
        return UInt64(stats.f_bavail) * UInt64(stats.f_frsize)
    }

    static func currentUser() -> String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "user \(geteuid())"
    }
}
