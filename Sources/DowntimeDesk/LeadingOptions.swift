/// `downtime-desk --db FILE import directory F`, as people used to git and psql write it: the options every command
/// takes, given before the subcommand, are moved after it (where the subcommand reads them), so the line means
/// what was meant rather than failing with "3 unexpected arguments".
enum LeadingOptions {
    /// The options with a value that may come first.
    static let movable: Set<String> = ["--db", "--site", "--user", "--role", "--hub"]

    static func reordered(_ arguments: [String], subcommands: Set<String>) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let name = String(argument.split(separator: "=", maxSplits: 1).first ?? "")
            guard movable.contains(name) else { break }
            if argument.contains("=") {
                leading.append(argument); index += 1
            } else {
                guard index + 1 < arguments.count else { return arguments }
                leading += [argument, arguments[index + 1]]; index += 2
            }
        }
        // Only in front of a subcommand: with none, the desk itself takes them, as it always has.
        guard !leading.isEmpty, index < arguments.count, subcommands.contains(arguments[index]) else {
            return arguments
        }
        return Array(arguments[index...]) + leading
    }
}
