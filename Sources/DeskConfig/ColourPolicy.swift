/// Whether to use colour, decided from the environment and what the terminal reports.
public enum ColourMode: Equatable, Sendable {
    case none, basic, full
}

public enum ColourPolicy {
    /// NO_COLOR (set and non-empty, per no-color.org) wins; then what the terminal can do.
    public static func mode(environment: [String: String], terminalColours: Int) -> ColourMode {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        if terminalColours >= 256 { return .full }
        if terminalColours >= 8 { return .basic }
        return .none
    }
}
