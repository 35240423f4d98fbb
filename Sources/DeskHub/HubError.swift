import Foundation

/// Why something to do with the hub did not happen, in words for the person who asked.
public enum HubError: Error, Equatable, Sendable, CustomStringConvertible {
    case badURL(String)
    /// The hub could not be reached or refused the login: where, and why.
    case unreachable(endpoint: String, why: String)
    /// The hub answered with an error.
    case refused(String)
    /// The hub's schema is not there yet, or is of another version.
    case notInitialised(String)

    public var description: String {
        switch self {
        case .badURL(let why): return why
        case .unreachable(let endpoint, let why): return "cannot reach the hub at \(endpoint): \(why)"
        case .refused(let why): return "the hub refused: \(why)"
        case .notInitialised(let why): return why
        }
    }
}
