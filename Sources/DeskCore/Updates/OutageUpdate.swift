import Foundation

/// A message from the host to everyone between the outage notice and the restoration (seed 003's "updates will be
/// provided on a regular basis"): what is known now and, if there is one, when the system is expected back. No one
/// acknowledges it; a reply is noted, not counted.
public struct OutageUpdate: Identifiable, Equatable, Codable, Sendable {
    public var id: UUID
    public var outageID: UUID
    public var message: String
    /// When the system is expected back, if the host gave a time.
    public var eta: Date?
    public var at: Date
    public var by: String
    /// `DU-7F3A2C`, in the subject; each recipient's message adds its number (`DU-7F3A2C-07`). Not `DD-`: a reply
    /// quoting it must never count as an acknowledgment of a notice.
    public var reference: String

    public init(id: UUID = UUID(), outageID: UUID, message: String, eta: Date?, at: Date, by: String,
                reference: String? = nil) {
        self.id = id; self.outageID = outageID; self.message = message; self.eta = eta; self.at = at; self.by = by
        self.reference = reference
            ?? Self.prefix + String(id.uuidText.replacingOccurrences(of: "-", with: "").prefix(6))
    }

    public static let prefix = "DU-"
    public static let longestMessage = 1000

    /// The token for one recipient's message.
    public func reference(forRecipientAt position: Int) -> String { reference + String(format: "-%02d", position + 1) }

    /// "10:40 Supplier expects a fix by two (ETA 14:00)": the banner's and the hand-over's line.
    public func line(zone: TimeZone) -> String { "\(TimeOfDay(at, in: zone)) \(summary(zone: zone))" }

    /// The message on one line, with the ETA.
    public func summary(zone: TimeZone) -> String {
        let flat = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat + (eta.map { " (ETA \(Self.etaWords($0, from: at, zone: zone)))" } ?? "")
    }

    /// The ETA as a time, with its day when it is not the update's day.
    public static func etaWords(_ eta: Date, from: Date, zone: TimeZone) -> String {
        let day = LocalDate(eta, in: zone)
        return day == LocalDate(from, in: zone) ? "\(TimeOfDay(eta, in: zone))" : Instant.readable(eta, zone: zone)
    }

    /// Why a message or ETA cannot be sent, in words; nil when it can.
    public static func problem(message: String, eta: Date?, now: Date) -> String? {
        let text = message.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return "write what the update says: what is known now, what people should do" }
        if text.count > longestMessage { return "the update is \(text.count) characters; at most \(longestMessage)" }
        if Sanitise.containsControl(text.replacingOccurrences(of: "\n", with: " ")) {
            return "the update must be printable text (line breaks are fine)"
        }
        if let eta, eta < now.addingTimeInterval(-60) {
            return "the ETA is in the past; give a later time, or none if it is not known"
        }
        return nil
    }
}
