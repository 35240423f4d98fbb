import Foundation
import GRDB

/// Rows that no longer decode (changed by hand outside the program, say): each is skipped rather than crashing the
/// desk or a command, and counted, so a person is told in words that something could not be shown. Nothing read
/// from the file is force-unwrapped.
public enum UnreadableRows {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var byTable: [String: Set<String>] = [:]

    /// Notes `row` of `table` as unreadable and returns nil, for a decoder's `guard … else`.
    static func skip<T>(_ table: String, _ row: Row) -> T? {
        let key = (row["id"] as String?) ?? (row[0] as String?) ?? row.description
        lock.lock(); defer { lock.unlock() }
        byTable[table, default: []].insert(key)
        return nil
    }

    /// How many rows this process has skipped so far.
    public static var count: Int {
        lock.lock(); defer { lock.unlock() }
        return byTable.values.reduce(0) { $0 + $1.count }
    }

    /// One line for a person, or nil when every row read back: which tables, and what to do.
    public static var summary: String? {
        lock.lock(); defer { lock.unlock() }
        let total = byTable.values.reduce(0) { $0 + $1.count }
        guard total > 0 else { return nil }
        let tables = byTable.keys.sorted().map { "\($0): \(byTable[$0]?.count ?? 0)" }.joined(separator: ", ")
        return "\(total) record\(total == 1 ? "" : "s") in the database could not be read and "
            + "\(total == 1 ? "is" : "are") "
            + "not shown (\(tables)); they were changed outside the program: run 'downtime-desk journal verify' and "
                + "restore a backup"
    }
}
