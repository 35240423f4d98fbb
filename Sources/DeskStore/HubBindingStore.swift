import Foundation
import GRDB
import DeskCore

/// The hub site this file is: set by its first sync from what the hub says the login is, never from a flag.
public struct HubBinding: Equatable, Sendable {
    public var organisation: Organisation
    /// The outgoing chain's first position the hub receives (as its position 1).
    public var firstPosition: Int
    public var boundAt: Date
    public var lastPush: Date?
    /// Why the hub refused this site's next change, the last time it did; nil once a push goes through.
    public var refused: String?
}

/// An outgoing operation as the hub receives it: its place in this site's hub chain, and who may read it.
public struct HubBound: Equatable, Sendable {
    public var local: OutgoingOperation
    public var hubPosition: Int
    /// The organisations that may read it at the hub; nil when every site may (it holds no patient details).
    public var audience: [UUID]?
}

extension DeskStore {
    public func hubBinding() throws -> HubBinding? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM hub_binding WHERE id = 1"),
                  let id = Codecs.uuid(row["organisation_id"] as String?),
                  let organisation = try Self.organisation(in: db, id: id),
                  let bound = Codecs.instant(row["bound_at"] as String?) else { return nil }
            return HubBinding(organisation: organisation, firstPosition: row["first_position"], boundAt: bound,
                              lastPush: Codecs.instant(row["last_push"] as String?),
                              refused: row["refused"] as String?)
        }
    }

    /// Binds this file to the organisation the hub's login is. The file's own site, if it has one, must be that
    /// organisation: a file is one site's. Binding again to the same organisation changes nothing. What the hub
    /// already holds of that site (from another file of it) is taken in by the next sync (`adoptOwn`).
    @discardableResult
    public func bindToHub(organisationID: UUID, at now: Date) throws -> HubBinding {
        if let bound = try hubBinding() {
            guard bound.organisation.id == organisationID else {
                throw Refusal.rule("this file syncs as \(bound.organisation.name); a hub login of another site cannot "
                                   + "sync it")
            }
            return bound
        }
        try pool.write { db in
            guard let organisation = try Self.organisation(in: db, id: organisationID) else {
                throw Refusal.rule("the hub's login is for an organisation this file's directory does not hold")
            }
            if let own = try String.fetchOne(db, sql: "SELECT organisation_id FROM own_site WHERE id = 1"),
               own != organisationID.uuidText {
                let owner = try UUID(uuidString: own).flatMap { try Self.organisation(in: db, id: $0) }
                let name = owner?.name ?? "another organisation"
                throw Refusal.rule("this file is \(name)'s, and the hub URL is the login of \(organisation.name): "
                                   + "use \(name)'s own URL")
            }
            try db.execute(sql: "INSERT OR REPLACE INTO own_site (id, organisation_id) VALUES (1, ?)",
                           arguments: [organisationID.uuidText])
            try Self.chainOwnHistory(of: organisation, db)
            try db.execute(sql: """
                INSERT INTO hub_binding (id, organisation_id, first_position, bound_at) VALUES (1, ?, 1, ?)
                """, arguments: [organisationID.uuidText, Codecs.instant(now)])
        }
        return try hubBinding() ?? { throw StoreError.invalid("the hub binding could not be read back") }()
    }

    /// Before binding, a file may have been shared by many sites (everyone at one host). What the site made
    /// itself goes to the hub, in the order made, so other sites get its directory, templates and bookings; what
    /// other sites made here stays here (each of them sends its own).
    static func chainOwnHistory(of site: Organisation, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM outgoing")
        let name = site.name.lowercased()
        let rows = try String.fetchCursor(db, sql: """
            SELECT operation FROM journal WHERE operation IS NOT NULL ORDER BY seq
            """)
        while let json = try rows.next() {
            guard var record = try? OperationRecord.decode(json: json),
                  Permissions.offers(record.operation.kind, to: site.kind) else { continue }
            if record.actor.site.lowercased() == name {
                try OutgoingChain.append(record, json: json, in: db)
            } else if record.actor.site.isEmpty, case .importDirectory = record.operation {
                // The first directory of a fresh file is imported before any site can be named: the host's (or a
                // commissioner's) file sends it as its own, so every new site gets it.
                record.actor.site = site.name
                record.actor.role = TerminalRole(site.kind)
                try OutgoingChain.append(record, json: try record.json(), in: db)
            }
        }
    }

    /// What the next push sends: the bound site's operations the hub does not have yet, in order.
    public func waitingForHub(limit: Int = 500) throws -> [HubBound] {
        guard let binding = try hubBinding() else { return [] }
        return try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM outgoing WHERE hub_seq IS NULL AND position >= ? ORDER BY position LIMIT ?
                """, arguments: [binding.firstPosition, limit]).compactMap(Self.outgoing).map { operation in
                HubBound(local: operation, hubPosition: operation.position - binding.firstPosition + 1,
                         audience: try audience(of: operation, site: binding.organisation, db))
            }
        }
    }

    public func waitingForHubCount() throws -> Int {
        guard let binding = try hubBinding() else { return 0 }
        return try pool.read { db in
            // Changes people made; the slots each holds travel beside it and are not counted again.
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM outgoing WHERE hub_seq IS NULL AND position >= ? AND kind <> ?
                """, arguments: [binding.firstPosition, OperationKind.holdSlots.rawValue]) ?? 0
        }
    }

    public func recordPush(at now: Date) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE hub_binding SET last_push = ?, refused = NULL",
                           arguments: [Codecs.instant(now)])
        }
    }

    /// Keeps the hub's refusal of this site's next change, for `sync status` and the desk to show.
    public func recordRefusal(_ why: String) throws {
        try pool.write { db in try db.execute(sql: "UPDATE hub_binding SET refused = ?", arguments: [why]) }
    }

    static func organisation(in db: Database, id: UUID) throws -> Organisation? {
        try Row.fetchOne(db, sql: "\(Self.selectOrganisations) WHERE id = ?", arguments: [id.uuidText])
            .flatMap(organisation)
    }

    /// Patient details go only to their practice and the site that made the booking; an import of the central
    /// system's bookings to the practice whose they are. A recontact list stays with its practice.
    func audience(of operation: OutgoingOperation, site: Organisation, _ db: Database) throws -> [UUID]? {
        // Which slots are taken is every site's, and this program wrote it: no need to read it through.
        if operation.kind == .holdSlots { return nil }
        let record: OperationRecord
        do { record = try OperationRecord.decode(json: operation.record) } catch {
            throw Refusal.rule("this file's change \(operation.position) cannot be read as an operation "
                               + "(\(OperationRecord.unreadable(error))): it was not written by this program, so it "
                               + "and the changes after it stay here; restore a backup of this file to send them")
        }
        func bookingAudience(_ id: UUID) throws -> [UUID] {
            guard let row = try Row.fetchOne(db, sql: "SELECT practice_id, created_site FROM booking WHERE id = ?",
                                             arguments: [id.uuidText]) else { return [site.id] }
            let practice = Codecs.uuid(row["practice_id"] as String?)
            let maker = try (row["created_site"] as String?).flatMap {
                try String.fetchOne(db, sql: "SELECT id FROM organisation WHERE name = ?", arguments: [$0])
            }.flatMap(UUID.init(uuidString:))
            return Array(Set([practice, maker, site.id].compactMap { $0 })).sorted { $0.uuidText < $1.uuidText }
        }
        switch record.operation {
        case .book(let op): return Array(Set([op.practiceID, site.id])).sorted { $0.uuidText < $1.uuidText }
        case .changeStatus(let op): return try bookingAudience(op.bookingID)
        case .move(let op): return try bookingAudience(op.bookingID)
        case .markBackEntered(let op): return try bookingAudience(op.bookingID)
        case .markSeen(let op): return try op.bookingIDs.first.map(bookingAudience) ?? [site.id]
        case .importBookings(let op):
            // Split by practice before it was chained (`splitByPractice`): one practice's, and the importer's.
            let names = Set(op.bookings.map { $0.practiceName.lowercased() })
            let practices = try Self.organisations(db).filter {
                $0.kind == .practice && names.contains($0.name.lowercased())
            }
            return Array(Set(practices.map(\.id) + [site.id])).sorted { $0.uuidText < $1.uuidText }
        case .createRecontactList, .logRecontactCall: return [site.id]
        default: return nil
        }
    }
}
