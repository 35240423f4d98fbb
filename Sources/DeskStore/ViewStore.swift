import Foundation
import GRDB
import DeskCore

extension DeskStore {
    /// Reads exactly what the first screen shows, in one read transaction so the panes agree with each other.
    /// With `includeCapacity` (terminals that are not a practice) the capacity board is read too, counting only
    /// slots at or after `capacityNotBefore` (the time now, when `day` is today).
    public func loadView(practiceID: UUID?, day: LocalDate, incomingLimit: Int = 50, includeCapacity: Bool = false,
                         capacityNotBefore: TimeOfDay? = nil) throws -> DeskView {
        try pool.read { db in
            var view = try readShared(db)
            try Self.readDay(into: &view, practiceID: practiceID, day: day, incomingLimit: incomingLimit,
                             includeCapacity: includeCapacity, capacityNotBefore: capacityNotBefore, db: db)
            return view
        }
    }

    /// `view` moved to another day or practice: only the parts that depend on them are read again. The directory,
    /// the call-sheet and the outage are kept, so a day switch costs one practice's day, not the whole directory;
    /// the caller reads everything afresh when the journal shows a change.
    public func loadDay(of view: DeskView, practiceID: UUID?, day: LocalDate, incomingLimit: Int = 50, includeCapacity: Bool = false,
                        capacityNotBefore: TimeOfDay? = nil) throws -> DeskView {
        try pool.read { db in
            var moved = view
            try Self.readDay(into: &moved, practiceID: practiceID, day: day, incomingLimit: incomingLimit,
                             includeCapacity: includeCapacity, capacityNotBefore: capacityNotBefore, db: db)
            return moved
        }
    }

    /// Everything that does not depend on the day or practice shown.
    func readShared(_ db: Database) throws -> DeskView {
        let directory = try directoryCache.directory(db)
        let organisations = directory.organisations
        var view = DeskView(practices: organisations.filter { $0.kind == .practice }, day: LocalDate(dayNumber: 0))
        view.organisationNames = Dictionary(organisations.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        // Each party's numbers are read when first asked for (the call-sheet asks for the parties it draws).
        let book = PartyReachBook(wrongNumbers: try Self.wrongNumbers(db),
                                  learnedNumbers: try Self.learnedNumbers(db)) { [directoryCache, pool] ids in
            try directoryCache.contacts(of: ids, pool: pool)
        }
        view.callSheet = directory.parties.map { CallSheetRow(organisation: $0, book: book) }
        view.latestOutage = try Self.latestOutage(db)
        view.round = try Self.currentRound(latest: view.latestOutage, db: db)
        view.updates = try view.latestOutage.map { try Self.updates(of: $0.id, db: db) } ?? []
        (view.outboxWaiting, view.outboxFailed) = try Self.outboxCounts(db)
        view.activeOutage = try Self.activeOutage(db)
        let plan = try Self.planStatus(db)
        view.incident = try Self.openIncident(db).map { try Self.detail(of: $0, plan: .some(plan.plan), db: db) }
        view.planLastReviewed = plan.lastReviewed
        view.unreadableRecords = UnreadableRows.summary
        view.recontactAll = try Self.recontactLists(practiceID: nil, db: db)
        view.backEntryRemaining = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM booking WHERE downtime_ref IS NOT NULL AND central_ref IS NULL AND status NOT IN ('cancelled', 'error')
            """) ?? 0
        return view
    }

    /// One practice's day (its grid, its latest bookings, its back-entry list) and the capacity board.
    /// Cost depends on one day of one practice, not on the size of the database.
    static func readDay(into view: inout DeskView, practiceID: UUID?, day: LocalDate, incomingLimit: Int, includeCapacity: Bool,
                        capacityNotBefore: TimeOfDay?, db: Database) throws {
        let practice = view.practices.first { $0.id == practiceID } ?? view.practices.first
        view.practice = practice
        view.day = day
        view.slots = []; view.incoming = []; view.backEntry = []
        if let practice {
            let slots = try Self.slots(practiceID: practice.id, day: day, db: db)
            // Other sites' bookings this site may not read hold their slots on the grid too, unnamed.
            let bookings = try Self.bookings(practiceID: practice.id, day: day, db: db)
                + Self.heldElsewhereBookings(practiceID: practice.id, day: day, db: db)
            view.slots = SlotRow.day(slots: slots, bookings: bookings)
            view.incoming = try Self.incoming(practiceID: practice.id, limit: incomingLimit, db: db)
            view.backEntry = try Self.backEntry(practiceID: practice.id, db: db)
        }
        // A terminal that is not a practice watches the whole network: the latest bookings at every practice.
        if includeCapacity {
            view.incoming = try Self.incomingEverywhere(limit: incomingLimit, db: db)
            view.backEntry = try Self.backEntry(practiceID: nil, db: db)
        }
        view.capacity = includeCapacity
            ? try Self.capacity(practices: view.practices, day: day, notBefore: capacityNotBefore, db: db) : nil
    }

    /// The capacity board for a day, outside the desk too (`downtime-desk capacity`).
    public func capacity(day: LocalDate, notBefore: TimeOfDay?) throws -> [CapacityRow] {
        try pool.read { db in
            try Self.capacity(practices: try Self.organisations(db).filter { $0.kind == .practice }, day: day, notBefore: notBefore, db: db)
        }
    }

    static func capacity(practices: [Organisation], day: LocalDate, notBefore: TimeOfDay?, db: Database) throws -> [CapacityRow] {
        CapacityRow.sorted(try practices.filter(\.participating).map { practice in
            var rows = SlotRow.day(slots: try slots(practiceID: practice.id, day: day, db: db),
                                   bookings: try bookings(practiceID: practice.id, day: day, db: db))
            // Slots held by bookings this site may not read (another site's patients) are taken all the same.
            let held = try heldElsewhere(practiceID: practice.id, day: day, db: db)
            for index in rows.indices where rows[index].status == .free
                && held.contains(rows[index].slot.start.minutes) {
                rows[index].status = .booked
            }
            return CapacityRow.build(practice: practice, rows: rows, notBefore: notBefore)
        })
    }

    static func outage(_ row: Row) -> Outage? {
        guard let id = Codecs.uuid(row["id"]) else { return UnreadableRows.skip("outage", row) }
        return Outage(id: id, system: row["system"], since: Codecs.instant(row["since"] as String?) ?? .distantPast,
               reason: row["reason"], instructions: row["instructions"],
               declaredAt: Codecs.instant(row["declared_at"] as String?) ?? .distantPast, declaredBy: row["declared_by"],
               restoredAt: Codecs.instant(row["restored_at"] as String?))
    }
}
