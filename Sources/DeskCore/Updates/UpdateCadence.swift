import Foundation

/// How often an update is due while an outage lasts, for an HSSI and otherwise (seed 003: "on a regular basis as
/// determined by the nature of the incident"). From the plan's function, else the settings; neither: none is due.
public struct UpdateCadence: Equatable, Codable, Sendable {
    public var every: TimeInterval?
    public var everyHSSI: TimeInterval?

    public init(every: TimeInterval? = nil, everyHSSI: TimeInterval? = nil) {
        self.every = every; self.everyHSSI = everyHSSI
    }

    /// The interval for an incident of this kind: an HSSI's own if given, else the general one.
    public func interval(hssi: Bool) -> TimeInterval? { hssi ? everyHSSI ?? every : every }

    /// The plan's function first, key by key, then the settings.
    public func overridden(by function: CriticalFunction?) -> UpdateCadence {
        UpdateCadence(every: function?.updateEvery.map { TimeInterval($0.seconds) } ?? every,
                      everyHSSI: function?.updateEveryHSSI.map { TimeInterval($0.seconds) } ?? everyHSSI)
    }

    /// When the next update falls due: `interval` after the latest update, or after the declaration if none.
    public func due(declaredAt: Date, lastUpdate: Date?, hssi: Bool) -> Date? {
        interval(hssi: hssi).map { (lastUpdate ?? declaredAt).addingTimeInterval($0) }
    }
}
