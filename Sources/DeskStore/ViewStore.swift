import Foundation
import GRDB
import DeskCore

extension DeskStore {
    /// Reads exactly what the first screen shows, in one read transaction so the panes agree with each other.
    /// Cost depends on one day of one practice, not on the size of the database.
    /// With `includeCapacity` (terminals that are not a practice) the capacity board is read too, counting only
    /// slots at or after `capacityNotBefore` (the time now, when `day` is today).
    public func loadView(practiceID: UUID?, day: LocalDate, incomingLimit: Int = 50, includeCapacity: Bool = false,
                         capacityNotBefore: TimeOfDay? = nil) throws -> DeskView {
        try pool.read { db in
            let organisations = try Self.organisations(db)
            let practices = organisations.filter { $0.kind == .practice }
            let practice = practices.first { $0.id == practiceID } ?? practices.first
            var view = DeskView(practices: practices, practice: practice, day: day)
            view.organisationNames = Dictionary(organisations.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            if let practice {
                let slots = try Self.slots(practiceID: practice.id, day: day, db: db)
                let bookings = try Self.bookings(practiceID: practice.id, day: day, db: db)
                let bySlot = Dictionary(grouping: bookings, by: \.start)
                view.slots = slots.map { SlotRow(slot: $0, bookings: bySlot[$0.start] ?? []) }
                view.incoming = try Self.incoming(practiceID: practice.id, limit: incomingLimit, db: db)
                view.backEntry = try Self.backEntry(practiceID: practice.id, db: db)
                view.recontactLists = try Self.recontactLists(practiceID: practice.id, db: db)
            }
            let contacts = Dictionary(grouping: try Row.fetchAll(db, sql: "SELECT * FROM contact ORDER BY position").map(Self.contact),
                                      by: \.organisationID)
            let flagged = try Self.wrongNumbers(db)
            view.callSheet = organisations.filter { $0.kind != .host && $0.participating }.map { organisation in
                var row = CallSheetRow.build(organisation: organisation, contacts: contacts[organisation.id] ?? [])
                row.wrongNumbers = (flagged[organisation.id] ?? []).intersection(row.numbers.map(\.number))
                return row
            }
            view.latestOutage = try Self.latestOutage(db)
            view.round = try Self.currentRound(latest: view.latestOutage, db: db)
            (view.outboxWaiting, view.outboxFailed) = try Self.outboxCounts(db)
            if includeCapacity { view.capacity = try Self.capacity(practices: practices, day: day, notBefore: capacityNotBefore, db: db) }
            view.activeOutage = try Self.activeOutage(db)
            let plan = try Self.planStatus(db)
            view.incident = try Self.openIncident(db).map { try Self.detail(of: $0, plan: .some(plan.plan), db: db) }
            view.planLastReviewed = plan.lastReviewed
            view.recontactOpen = try Self.recontactLists(practiceID: nil, db: db).filter { $0.remaining > 0 }
            view.backEntryRemaining = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM booking WHERE downtime_ref IS NOT NULL AND central_ref IS NULL AND status NOT IN ('cancelled', 'error')
                """) ?? 0
            return view
        }
    }

    /// The capacity board for a day, outside the desk too (`downtime-desk capacity`).
    public func capacity(day: LocalDate, notBefore: TimeOfDay?) throws -> [CapacityRow] {
        try pool.read { db in
            try Self.capacity(practices: try Self.organisations(db).filter { $0.kind == .practice }, day: day, notBefore: notBefore, db: db)
        }
    }

    static func capacity(practices: [Organisation], day: LocalDate, notBefore: TimeOfDay?, db: Database) throws -> [CapacityRow] {
        CapacityRow.sorted(try practices.filter(\.participating).map { practice in
            let bookings = Dictionary(grouping: try bookings(practiceID: practice.id, day: day, db: db), by: \.start)
            let rows = try slots(practiceID: practice.id, day: day, db: db).map { SlotRow(slot: $0, bookings: bookings[$0.start] ?? []) }
            return CapacityRow.build(practice: practice, rows: rows, notBefore: notBefore)
        })
    }

    static func outage(_ row: Row) -> Outage {
        Outage(id: Codecs.uuid(row["id"])!, system: row["system"], since: Codecs.instant(row["since"] as String?) ?? .distantPast,
               reason: row["reason"], instructions: row["instructions"],
               declaredAt: Codecs.instant(row["declared_at"] as String?) ?? .distantPast, declaredBy: row["declared_by"],
               restoredAt: Codecs.instant(row["restored_at"] as String?))
    }
}
