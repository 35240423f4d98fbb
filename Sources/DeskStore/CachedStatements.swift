import GRDB

/// The statements run on every booking, reload and journal entry, prepared once per connection and reused:
/// preparing one (and GRDB's authorizer watching it compile) cost more than running it.
extension Database {
    func cachedRows(_ sql: String, _ arguments: StatementArguments = StatementArguments()) throws -> [Row] {
        try Row.fetchAll(cachedStatement(sql: sql), arguments: arguments)
    }

    func cachedRow(_ sql: String, _ arguments: StatementArguments = StatementArguments()) throws -> Row? {
        try Row.fetchOne(cachedStatement(sql: sql), arguments: arguments)
    }

    func cachedExecute(_ sql: String, _ arguments: StatementArguments) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}

/// Values asked about in `IN (…)` lists: a few hundred to a statement rather than one statement each.
enum InList {
    static let size = 500

    static func batches<Value>(_ values: [Value]) -> [ArraySlice<Value>] {
        stride(from: 0, to: values.count, by: size).map { values[$0..<min($0 + size, values.count)] }
    }

    /// `?, ?, …`, one for each value.
    static func marks(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }
}
