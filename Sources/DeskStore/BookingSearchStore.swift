import Foundation
import GRDB
import DeskCore

extension DeskStore {
    /// The bookings within `scope` that match what was typed, upcoming first. Reads one practice's bookings (or one
    /// site's) by index, never the whole network's.
    public func searchBookings(_ query: BookingQuery, scope: BookingSearchScope, today: LocalDate,
                               limit: Int = 100) throws -> [Booking] {
        let namePart = "%" + query.text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
        let whose: String, owner: String
        switch scope {
        case .practice(let id): (whose, owner) = ("practice_id = ?", id.uuidText)
        case .madeAt(let site): (whose, owner) = ("created_site = ?", site)
        }
        let found = try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Self.bookingColumns) FROM booking
                WHERE \(whose) AND (patient_name LIKE ? ESCAPE '\\'
                    OR (? IS NOT NULL AND patient_phone LIKE '%' || ? || '%')
                    OR (? IS NOT NULL AND nhs_number = ?)
                    OR (? IS NOT NULL AND (upper(downtime_ref) LIKE '%' || ? || '%'
                                           OR upper(central_ref) LIKE '%' || ? || '%')))
                ORDER BY day DESC, start_minute DESC LIMIT ?
                """, arguments: [owner, namePart, query.phoneDigits, query.phoneDigits, query.nhsNumber,
                                 query.nhsNumber, query.reference, query.reference, query.reference, limit])
                .compactMap(Self.booking)
        }
        return BookingSearch.ranked(found, today: today)
    }
}
