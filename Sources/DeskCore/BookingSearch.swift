import Foundation

/// What a receptionist typed to find a patient's booking ("I have an appointment, when is it?"): part of a name,
/// a phone number in any UK form, an NHS number, or a downtime or central reference.
public struct BookingQuery: Equatable, Sendable {
    /// The text as typed, trimmed; matched against names as a part of them, any case.
    public let text: String
    /// The digits of a phone number, when the text reads as (part of) one: six digits or more.
    public let phoneDigits: String?
    /// A whole NHS number's ten digits, when the text is one.
    public let nhsNumber: String?
    /// A downtime or central reference, upper-cased, when the text could be (part of) one.
    public let reference: String?

    /// The shortest text worth searching for: one letter matches half the list.
    public static let minimumLength = 2

    public init?(_ typed: String) {
        let text = typed.trimmingCharacters(in: .whitespaces)
        guard text.count >= Self.minimumLength else { return nil }
        self.text = text
        let digits = text.filter { $0.isASCII && $0.isNumber }
        let looksNumeric = text.allSatisfy { $0.isASCII && ($0.isNumber || " +-()".contains($0)) }
        if looksNumeric, digits.count >= 6 {
            // +44 7700 … is stored as 07700 …: a whole number is normalised, a part of one is matched as typed.
            phoneDigits = (try? PhoneNumber(parsing: text))?.digits ?? digits
        } else { phoneDigits = nil }
        nhsNumber = looksNumeric && digits.count == 10 ? digits : nil
        let upper = text.uppercased()
        reference = upper.contains("-") && !looksNumeric ? upper : nil
    }
}

/// Whose bookings a terminal may search: a practice its own, NHS 111 or an ED those it made. Others see no
/// patients, so they have nothing to search.
public enum BookingSearchScope: Equatable, Sendable {
    case practice(UUID)
    case madeAt(String)

    /// Refused in words when the terminal sees no patients.
    public static func `for`(site: String, kind: OrganisationKind?, practiceID: UUID?) -> Result<Self, SiteRefusal> {
        switch kind {
        case .practice?:
            guard let practiceID else { return .failure(.noPatientsHere(site: site)) }
            return .success(.practice(practiceID))
        case .nhs111?, .ed?: return .success(.madeAt(site))
        default: return .failure(.noPatientsHere(site: site))
        }
    }
}

public enum BookingSearch {
    /// Upcoming bookings first, soonest first; then past ones, latest first: the one the caller asks about is
    /// nearly always the next.
    public static func ranked(_ bookings: [Booking], today: LocalDate) -> [Booking] {
        func earlier(_ a: Booking, _ b: Booking) -> Bool { (a.day, a.start.minutes) < (b.day, b.start.minutes) }
        let upcoming = bookings.filter { $0.day >= today }.sorted(by: earlier)
        let past = bookings.filter { $0.day < today }.sorted { earlier($1, $0) }
        return upcoming + past
    }
}
