import Foundation
import Logging
import NIOSSL
import PostgresNIO

/// One open connection to the hub, as one login. Every failure comes out as a `HubError` in words: where the hub is
/// and what went wrong, never a driver's code.
public final class HubConnection: Sendable {
    let connection: PostgresConnection
    public let url: HubURL
    /// The driver logs nothing a person at a desk needs; errors reach them as `HubError`s.
    static let logger = Logger(label: "downtime-desk.hub") { _ in SwiftLogNoOpLogHandler() }

    private init(connection: PostgresConnection, url: HubURL) {
        self.connection = connection; self.url = url
    }

    public static func open(_ url: HubURL, timeout: Int64 = 5) async throws -> HubConnection {
        var configuration = PostgresConnection.Configuration(host: url.host, port: url.port, username: url.user,
                                                             password: url.password, database: url.database,
                                                             tls: try tls(url.tls))
        configuration.options.connectTimeout = .seconds(timeout)
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            return HubConnection(connection: connection, url: url)
        } catch {
            throw explain(error, url: url, connecting: true)
        }
    }

    private static func tls(_ mode: HubURL.TLSMode) throws -> PostgresConnection.Configuration.TLS {
        do {
            switch mode {
            case .disable: return .disable
            case .prefer: return .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: return .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        } catch {
            throw HubError.badURL("TLS cannot be set up here: \(error)")
        }
    }

    public func close() async {
        try? await connection.close()
    }

    /// Opens a connection, runs `work` on it, and closes it whether or not the work succeeded.
    public static func using<T: Sendable>(_ url: HubURL, _ work: (HubConnection) async throws -> T) async throws -> T {
        let hub = try await open(url)
        do {
            let value = try await work(hub)
            await hub.close()
            return value
        } catch {
            await hub.close()
            throw error
        }
    }

    /// Runs one statement whose text is the program's own (schema, roles), never a value from outside.
    func execute(_ sql: String) async throws {
        do { try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Self.logger) } catch {
            throw Self.explain(error, url: url, connecting: false)
        }
    }

    /// Runs a query and gives back its rows, each decoded by `decode`.
    func rows<T>(_ query: PostgresQuery, _ decode: (PostgresRow) throws -> T) async throws -> [T] {
        do {
            var result: [T] = []
            for try await row in try await connection.query(query, logger: Self.logger) {
                result.append(try decode(row))
            }
            return result
        } catch {
            throw Self.explain(error, url: url, connecting: false)
        }
    }

    /// Runs a query for its effect.
    func run(_ query: PostgresQuery) async throws {
        _ = try await rows(query) { _ in () }
    }

    /// The network's usual failures in words; NIO's own descriptions name its types.
    static func plainWords(for error: any Error) -> String {
        let text = "\(error)"
        let known = [("Connection refused",
                      "nothing answers there (connection refused): is the hub's PostgreSQL running?"),
                     ("connectTimeout", "no answer in time (connection timed out)"),
                     ("timed out", "no answer in time (connection timed out)"),
                     ("No route to host", "no route to that host"),
                     ("Network is unreachable", "this machine has no network to it"),
                     ("Connection reset", "the connection was cut (connection reset)")]
        return known.first { text.contains($0.0) }?.1 ?? text
    }

    static func explain(_ error: any Error, url: HubURL, connecting: Bool) -> HubError {
        if let known = error as? HubError { return known }
        guard let error = error as? PSQLError else {
            return .unreachable(endpoint: url.endpoint, why: plainWords(for: error))
        }
        if let server = error.serverInfo {
            let message = server[.message] ?? "an error without a message"
            let state = server[.sqlState] ?? ""
            // A login the host removed (remove-site takes its right to log in away) is refused, not out of reach.
            if state == "28000" && message.contains("not permitted to log in") {
                return .refused("\(url.user) is no longer a site of this hub (the host removed it): ask the host "
                                + "to add it again")
            }
            // Class 28 is authorisation, 3D an unknown database: the login or the URL is wrong, not the request.
            // Classes 08, 57 and 53 are the server going away, shutting down or full: out of reach for now.
            if ["28", "3D", "08", "57", "53"].contains(where: state.hasPrefix) {
                return .unreachable(endpoint: url.endpoint, why: message)
            }
            return .refused(message + (server[.detail].map { " (\($0))" } ?? ""))
        }
        if let underlying = error.underlying {
            return .unreachable(endpoint: url.endpoint, why: plainWords(for: underlying))
        }
        return connecting ? .unreachable(endpoint: url.endpoint, why: "the connection failed (\(error.code))")
            : .unreachable(endpoint: url.endpoint, why: "the connection was lost (\(error.code))")
    }
}
