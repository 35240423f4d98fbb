import Foundation

/// What the host's status page says, read from the records that carry no patient: the outages (their system,
/// times, reason and what to do instead) and the participating practices' own phone numbers. It never takes a
/// booking, so no patient can reach the page, the JSON or the feed.
public struct StatusPage: Equatable, Sendable {
    public struct Practice: Equatable, Sendable {
        public var name: String
        public var phones: [PhoneNumber]
        public init(name: String, phones: [PhoneNumber]) { self.name = name; self.phones = phones }
    }

    /// The host's organisation: who publishes the page.
    public var host: String
    /// Every outage, newest first: the latest says the state, all of them make the feed.
    public var outages: [Outage]
    public var practices: [Practice]
    /// Every update on those outages, newest first (the host's words: no patient is ever in one).
    public var updates: [OutageUpdate]
    public var writtenAt: Date
    public var zone: TimeZone

    public init(host: String, outages: [Outage], practices: [Practice], updates: [OutageUpdate] = [], writtenAt: Date,
                zone: TimeZone) {
        self.host = host; self.outages = outages.sorted { $0.declaredAt > $1.declaredAt }
        self.updates = updates.sorted { $0.at > $1.at }
        self.practices = practices.sorted { $0.name.lowercased() < $1.name.lowercased() }
        self.writtenAt = writtenAt; self.zone = zone
    }

    /// The outages still down, oldest first.
    public var active: [Outage] { outages.filter(\.isActive).sorted { $0.since < $1.since } }

    /// The state in words, as the page's heading and the feed's title say it.
    public var headline: String {
        if !active.isEmpty { return active.map { "\($0.system) is DOWN" }.joined(separator: "; ") }
        if let last = outages.first, let restored = last.restoredAt,
           writtenAt.timeIntervalSince(restored) < 24 * 3600 {
            return "\(last.system) is working again (back since \(when(restored)))"
        }
        return "The central booking system is working"
    }

    /// An outage's updates, newest first.
    public func updates(of outage: Outage) -> [OutageUpdate] { updates.filter { $0.outageID == outage.id } }

    /// "Sat 21 Nov 2026 09:40", in the page's zone.
    func when(_ date: Date) -> String { Instant.readable(date, zone: zone) }
}
