import Foundation

/// Where a booking came from.
public enum BookingSource: Equatable, Codable, Sendable, CustomStringConvertible {
    case nhs111
    case ed(UUID?)
    case phone
    case walkIn
    case central

    /// Stored form: `nhs111`, `ed` or `ed:<uuid>`, `phone`, `walk-in`, `central`.
    public var code: String {
        switch self {
        case .nhs111: return "nhs111"
        case .ed(let id): return id.map { "ed:\($0.uuidText)" } ?? "ed"
        case .phone: return "phone"
        case .walkIn: return "walk-in"
        case .central: return "central"
        }
    }

    public init?(code: String) {
        switch code {
        case "nhs111": self = .nhs111
        case "ed": self = .ed(nil)
        case "phone": self = .phone
        case "walk-in": self = .walkIn
        case "central": self = .central
        default:
            guard code.hasPrefix("ed:"), let id = UUID(uuidString: String(code.dropFirst(3))) else { return nil }
            self = .ed(id)
        }
    }

    public var description: String {
        switch self {
        case .nhs111: return "NHS 111"
        case .ed: return "ED"
        case .phone: return "Phone"
        case .walkIn: return "Walk-in"
        case .central: return "Central"
        }
    }
}

/// Simple triage from seed 001: unwell today, or a non-urgent review.
public enum Triage: String, Codable, Sendable, CaseIterable {
    case urgent, routine
    public var label: String { self == .urgent ? "urgent today" : "non-urgent review" }
}

/// Where a booking is in its life.
public enum BookingStatus: String, Codable, Sendable, CaseIterable {
    case booked, arrived, completed, didNotAttend = "dna", cancelled, enteredInError = "error"

    /// A booking that still holds its slot; two of these in one slot are a conflict.
    public var holdsSlot: Bool { self == .booked || self == .arrived || self == .completed }
    /// A booking a template change must not hide: anything but cancelled or entered in error.
    public var isVisibleOffTemplate: Bool { self != .cancelled && self != .enteredInError }
}

/// The minimal patient details the brief allows.
public struct Patient: Equatable, Codable, Sendable {
    public var name: String
    public var phone: PhoneNumber
    public var dateOfBirth: LocalDate?
    public var nhsNumber: NHSNumber?

    public init(name: String, phone: PhoneNumber, dateOfBirth: LocalDate? = nil, nhsNumber: NHSNumber? = nil) {
        self.name = name; self.phone = phone; self.dateOfBirth = dateOfBirth; self.nhsNumber = nhsNumber
    }
}

/// A patient booked into a practice's slot.
public struct Booking: Identifiable, Equatable, Codable, Sendable {
    public var id: UUID
    public var practiceID: UUID
    public var slotID: UUID?
    public var day: LocalDate
    public var start: TimeOfDay
    public var patient: Patient
    public var triage: Triage
    public var source: BookingSource
    public var notes: String
    public var status: BookingStatus
    /// Made while the central system was down; must be back-entered afterwards.
    public var downtimeReference: String?
    public var centralReference: String?
    public var createdAt: Date
    public var createdBy: String
    /// When someone at the practice acknowledged seeing it; nil keeps it highlighted.
    public var seenAt: Date?
    /// The site whose terminal made it (nil before sites were recorded): NHS 111 and an ED see and change the
    /// bookings they made.
    public var createdSite: String?
    /// A booking this site may not read, known only as the slot it holds (another site's patient): shown as taken,
    /// never named, never changed here.
    public var heldElsewhere: Bool?

    public init(id: UUID = UUID(), practiceID: UUID, slotID: UUID?, day: LocalDate, start: TimeOfDay,
                patient: Patient, triage: Triage = .urgent, source: BookingSource, notes: String = "",
                status: BookingStatus = .booked, downtimeReference: String? = nil, centralReference: String? = nil,
                createdAt: Date, createdBy: String, seenAt: Date? = nil, createdSite: String? = nil) {
        self.id = id; self.practiceID = practiceID; self.slotID = slotID; self.day = day; self.start = start
        self.patient = patient; self.triage = triage; self.source = source; self.notes = notes
        self.status = status; self.downtimeReference = downtimeReference; self.centralReference = centralReference
        self.createdAt = createdAt; self.createdBy = createdBy; self.seenAt = seenAt; self.createdSite = createdSite
    }

    public var isDowntime: Bool { downtimeReference != nil }
    public var isHeldElsewhere: Bool { heldElsewhere == true }

    /// The slot another site's booking holds, with no patient: what a grid shows of a booking it may not read.
    public static func held(id: UUID, practiceID: UUID, day: LocalDate, start: TimeOfDay, status: BookingStatus,
                            placeholderPhone: PhoneNumber) -> Booking {
        var booking = Booking(id: id, practiceID: practiceID, slotID: nil, day: day, start: start,
                              patient: Patient(name: "", phone: placeholderPhone), source: .phone, status: status,
                              createdAt: .distantPast, createdBy: "")
        booking.heldElsewhere = true
        return booking
    }
}

extension BookingStatus {
    /// The moves a receptionist may make; anything may be marked entered in error, nothing leaves that state.
    public func canMove(to next: BookingStatus) -> Bool {
        switch (self, next) {
        case (.enteredInError, _): return false
        case (_, .enteredInError): return true
        case (.booked, .arrived), (.booked, .didNotAttend), (.booked, .cancelled): return true
        case (.arrived, .completed), (.arrived, .cancelled): return true
        case (.didNotAttend, .booked), (.didNotAttend, .arrived): return true
        default: return false
        }
    }

    /// The word used in messages and listings.
    public var label: String {
        switch self {
        case .booked: return "booked"
        case .arrived: return "arrived"
        case .completed: return "completed"
        case .didNotAttend: return "did not attend"
        case .cancelled: return "cancelled"
        case .enteredInError: return "entered in error"
        }
    }
}
