import Foundation

/// One practice's free urgent slots for a day, with the numbers to give a patient: seed 000's fallback is
/// "give the practice phone number", and this says which practice can actually see them.
public struct CapacityRow: Equatable, Sendable {
    public var practice: Organisation
    public var freeUrgent: [TimeOfDay]
    public var totalSlots: Int
    /// Bookings at times that are no longer slots: the practice must move them, and they may need a free slot.
    public var offTemplate: Int

    public init(practice: Organisation, freeUrgent: [TimeOfDay], totalSlots: Int, offTemplate: Int = 0) {
        self.practice = practice; self.freeUrgent = freeUrgent; self.totalSlots = totalSlots; self.offTemplate = offTemplate
    }

    /// Free urgent slots not yet started (all of them on another day).
    public static func build(practice: Organisation, rows: [SlotRow], notBefore: TimeOfDay?) -> CapacityRow {
        let free = rows.filter { $0.status == .free && $0.slot.type.lowercased() == "urgent" && $0.slot.blockedReason == nil }
            .map(\.slot.start).filter { time in notBefore.map { time >= $0 } ?? true }
        let stray = rows.filter { $0.status == .offTemplate }.map { $0.bookings.filter(\.status.isVisibleOffTemplate).count }
        return CapacityRow(practice: practice, freeUrgent: free, totalSlots: rows.count - stray.count,
                           offTemplate: stray.reduce(0, +))
    }

    /// Practices with room first, soonest free slot first; then the full ones by name.
    public static func sorted(_ rows: [CapacityRow]) -> [CapacityRow] {
        rows.sorted { a, b in
            switch (a.freeUrgent.first, b.freeUrgent.first) {
            case let (x?, y?): return x == y ? a.practice.name < b.practice.name : x < y
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a.practice.name < b.practice.name
            }
        }
    }
}
