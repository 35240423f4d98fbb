/// `--patient "-2+3"` reads "-2+3" as an option, so the value looks missing: the error then says how to give a
/// value that starts with a dash.
enum DashValueHint {
    static func hint(for message: String, arguments: [String]) -> String? {
        guard let start = message.range(of: "Missing value for '--") else { return nil }
        let name = "--" + message[start.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" }
        guard let at = arguments.firstIndex(of: name), at + 1 < arguments.count,
              arguments[at + 1].hasPrefix("-") else { return nil }
        let value = arguments[at + 1]
        let shown = value.contains(" ") || value.contains("'") ? "\"\(value)\"" : value
        return "A value that starts with '-' is joined to its option with '=': \(name)=\(shown)"
    }
}
