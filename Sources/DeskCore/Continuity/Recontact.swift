import Foundation

/// How a call to a patient on a recontact list went.
public enum RecontactOutcome: String, Codable, Sendable, CaseIterable {
    case rearranged, informed, noAnswer = "no-answer", wrongNumber = "wrong-number"

    public var label: String {
        switch self {
        case .rearranged: return "rearranged"
        case .informed: return "informed"
        case .noAnswer: return "no answer"
        case .wrongNumber: return "wrong number"
        }
    }

    /// After these the patient needs no further call.
    public var settlesThePatient: Bool { self == .rearranged || self == .informed }

    /// The raw value or the label, in any case, or "wrong" for a wrong number.
    public init?(parsing text: String) {
        let key = ChoiceKey.of(text)
        if key == "wrong" { self = .wrongNumber; return }
        self.init(rawValue: key)
    }
}

/// One call to a patient on a recontact list.
public struct RecontactCall: Identifiable, Equatable, Codable, Sendable {
    public var id: UUID
    public var itemID: UUID
    public var at: Date
    public var by: String
    public var outcome: RecontactOutcome
    public var note: String
    /// Where a rearranged booking went.
    public var movedTo: String?

    public init(id: UUID = UUID(), itemID: UUID, at: Date, by: String, outcome: RecontactOutcome, note: String = "", movedTo: String? = nil) {
        self.id = id; self.itemID = itemID; self.at = at; self.by = by; self.outcome = outcome; self.note = note; self.movedTo = movedTo
    }
}

/// A patient to phone: their booking as it stands now, and the calls made so far.
public struct RecontactItem: Identifiable, Equatable, Sendable {
    public var id: UUID
    public var booking: Booking
    /// The slot the patient held when the list was made.
    public var originalDay: LocalDate
    public var originalStart: TimeOfDay
    public var calls: [RecontactCall]

    public init(id: UUID, booking: Booking, originalDay: LocalDate, originalStart: TimeOfDay, calls: [RecontactCall] = []) {
        self.id = id; self.booking = booking; self.originalDay = originalDay; self.originalStart = originalStart; self.calls = calls
    }

    public var lastCall: RecontactCall? { calls.last }
    public var isSettled: Bool { calls.contains { $0.outcome.settlesThePatient } }
}

/// Patients with bookings in a date range at a practice that cannot keep them (seed 004): who to phone, and how it went.
public struct RecontactList: Identifiable, Equatable, Sendable {
    public var id: UUID
    public var practiceID: UUID
    public var practiceName: String
    public var from: LocalDate
    public var to: LocalDate
    public var reason: String
    public var createdAt: Date
    public var createdBy: String
    public var items: [RecontactItem]

    public init(id: UUID, practiceID: UUID, practiceName: String, from: LocalDate, to: LocalDate, reason: String,
                createdAt: Date, createdBy: String, items: [RecontactItem]) {
        self.id = id; self.practiceID = practiceID; self.practiceName = practiceName; self.from = from; self.to = to
        self.reason = reason; self.createdAt = createdAt; self.createdBy = createdBy; self.items = items
    }

    /// Unsettled patients first (in slot order), then the settled ones.
    public var ordered: [RecontactItem] { items.filter { !$0.isSettled } + items.filter(\.isSettled) }
    public var remaining: Int { items.filter { !$0.isSettled }.count }
    public var range: String { from == to ? from.longDescription : "\(from.longDescription) to \(to.longDescription)" }
}
