import Foundation

/// Where a hub is and who logs in to it: `postgres://ROLE:PASSWORD@HOST:PORT/DATABASE?sslmode=require`. The password
/// is never shown back (`redacted`), since a site's URL is its login.
public struct HubURL: Equatable, Sendable, CustomStringConvertible {
    public enum TLSMode: String, Sendable { case disable, prefer, require }

    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLSMode

    public init(user: String, password: String?, host: String, port: Int, database: String, tls: TLSMode) {
        self.user = user; self.password = password; self.host = host; self.port = port; self.database = database
        self.tls = tls
    }

    public init(parsing text: String) throws(HubError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let parts = URLComponents(string: trimmed), ["postgres", "postgresql"].contains(parts.scheme ?? "") else {
            throw HubError.badURL("'\(Self.redact(trimmed))' is not a hub URL such as "
                                  + "postgres://ROLE:PASSWORD@HOST:5432/DATABASE")
        }
        guard let user = parts.user, !user.isEmpty else { throw HubError.badURL("the hub URL names no login (ROLE@)") }
        guard let host = parts.host, !host.isEmpty else { throw HubError.badURL("the hub URL names no host") }
        let database = String(parts.path.drop { $0 == "/" })
        guard !database.isEmpty else { throw HubError.badURL("the hub URL names no database (/DATABASE at the end)") }
        let mode = parts.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        guard let tls = TLSMode(rawValue: mode == "allow" ? "prefer" : mode) else {
            throw HubError.badURL("sslmode=\(mode) is not one of disable, prefer, require")
        }
        self.init(user: user.removingPercentEncoding ?? user, password: parts.password?.removingPercentEncoding,
                  host: host, port: parts.port ?? 5432, database: database, tls: tls)
    }

    /// The URL in full, password included: what `hub add-site` prints for the site to keep.
    public var full: String { render(password: password) }

    /// The URL with the password hidden, for messages and status lines.
    public var description: String { render(password: password == nil ? nil : "***") }

    /// Host and port, as a person checking the network would want them.
    public var endpoint: String { "\(host):\(port)" }

    /// The same server and database, logged in as another role.
    public func login(_ user: String, password: String) -> HubURL {
        var other = self
        other.user = user; other.password = password
        return other
    }

    private func render(password: String?) -> String {
        let allowed = CharacterSet.urlUserAllowed.subtracting(CharacterSet(charactersIn: ":@"))
        let login = (user.addingPercentEncoding(withAllowedCharacters: allowed) ?? user)
            + (password.map { ":" + ($0.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0) } ?? "")
        let query = tls == .prefer ? "" : "?sslmode=\(tls.rawValue)"
        return "postgres://\(login)@\(host):\(port)/\(database)\(query)"
    }

    static func redact(_ text: String) -> String {
        guard var parts = URLComponents(string: text), parts.password != nil else { return text }
        parts.password = "***"
        return parts.string ?? text
    }
}
