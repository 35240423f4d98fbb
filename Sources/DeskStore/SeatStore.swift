import Foundation
import GRDB
import DeskCore

/// Which organisations a login may act for on a host that several people share. With no seat recorded, any login
/// may name any site (a single-practice machine); once one exists, each login only the sites it has a seat for.
public struct Seat: Equatable, Sendable {
    public var login: String
    public var organisation: Organisation
}

extension DeskStore {
    public func seats() throws -> [Seat] {
        try pool.read { db in try Self.seats(db) }
    }

    static func seats(_ db: Database) throws -> [Seat] {
        // Every command asks (who may act as which site): the seats' own organisations only, not the directory.
        let rows = try Row.fetchAll(db, sql: "SELECT login, organisation_id FROM seat ORDER BY login, organisation_id")
        guard !rows.isEmpty else { return [] }
        let organisations = Dictionary(try Row.fetchAll(db, sql: """
            \(Self.selectOrganisations) WHERE id IN (SELECT organisation_id FROM seat)
            """).compactMap(organisation).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return rows.compactMap { row in
            guard let id = Codecs.uuid(row["organisation_id"]), let organisation = organisations[id] else {
                return UnreadableRows.skip("seat", row)
            }
            return Seat(login: row["login"], organisation: organisation)
        }
    }

    /// Why `login` may not act as `site`, or nil when it may (no seats at all, or a seat for that site).
    public func seatRefusal(login: String, site: Organisation?) throws -> SiteRefusal? {
        let seats = try self.seats()
        guard !seats.isEmpty else { return nil }
        let mine = seats.filter { $0.login == login }.map(\.organisation)
        guard let site else { return .noSeatNamed(login: login, sites: mine.map(\.name)) }
        return mine.contains { $0.id == site.id } ? nil : .noSeat(login: login, site: site.name,
                                                                  sites: mine.map(\.name))
    }

    /// The organisation this database belongs to, if one is bound: the site of a terminal that names none.
    public func ownSite() throws -> Organisation? {
        try pool.read { db in
            try db.cachedRow("""
                SELECT \(Self.organisationColumns(of: "o"))
                FROM own_site s JOIN organisation o ON o.id = s.organisation_id
                """)
                .flatMap(Self.organisation)
        }
    }

    func addSeat(login: String, site: Organisation, actor: Actor, at now: Date) throws {
        try write(actor: actor, at: now) { db, changes in
            try db.execute(sql: "INSERT OR IGNORE INTO seat (login, organisation_id) VALUES (?, ?)",
                           arguments: [login, site.id.uuidText])
            guard db.changesCount > 0 else { return }
            changes.append(Change(action: "seat.add", entity: "seat", entityID: site.id,
                                  detail: [("login", login), ("site", site.name)]))
        }
    }

    /// Removes a seat; false when there was none.
    @discardableResult
    func removeSeat(login: String, site: Organisation, actor: Actor, at now: Date) throws -> Bool {
        try write(actor: actor, at: now) { db, changes in
            try db.execute(sql: "DELETE FROM seat WHERE login = ? AND organisation_id = ?",
                           arguments: [login, site.id.uuidText])
            guard db.changesCount > 0 else { return false }
            changes.append(Change(action: "seat.remove", entity: "seat", entityID: site.id,
                                  detail: [("login", login), ("site", site.name)]))
            return true
        }
    }
}
