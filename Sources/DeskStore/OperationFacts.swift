import Foundation
import GRDB
import DeskCore

extension DeskStore {
    /// What the permission table needs to know about an operation, read inside its transaction: the terminal's
    /// organisation, whose records it touches, and for a booking whether this site made it.
    func facts(for record: OperationRecord, db: Database) throws -> Permissions.Facts {
        let actor = record.actor
        let site = actor.site.isEmpty ? nil
            : try db.cachedRow("\(Self.selectOrganisations) WHERE name = ?", [actor.site]).flatMap(Self.organisation)
        var facts = Permissions.Facts(site: site, login: Self.machineLogin)
        func organisation(_ id: UUID) throws -> Organisation? {
            try db.cachedRow("\(Self.selectOrganisations) WHERE id = ?", [id.uuidText]).flatMap(Self.organisation)
        }
        func bookingOwner(_ id: UUID) throws {
            guard let row = try db.cachedRow("SELECT practice_id, created_site FROM booking WHERE id = ?",
                                             [id.uuidText]),
                  let practiceID = Codecs.uuid(row["practice_id"]), let practice = try organisation(practiceID)
            else { return }
            facts.owners.append(practice)
            facts.madeHere = !actor.site.isEmpty && (row["created_site"] as String?) == actor.site
        }
        switch record.operation {
        case .book(let op):
            facts.owners = try [organisation(op.practiceID)].compactMap { $0 }
        case .changeStatus(let op): try bookingOwner(op.bookingID)
        case .move(let op): try bookingOwner(op.bookingID)
        case .markBackEntered(let op): try bookingOwner(op.bookingID)
        case .markSeen(let op):
            for id in op.bookingIDs { try bookingOwner(id) }
            facts.madeHere = false
        case .setSlot(let op):
            facts.owners = try [organisation(op.practiceID)].compactMap { $0 }
        case .replaceTemplates(let op):
            facts.owners = try op.practiceIDs.compactMap(organisation)
        case .importBookings(let op):
            let names = Set(op.bookings.map { $0.practiceName.lowercased() })
            facts.owners = try Self.organisations(db).filter {
                $0.kind == .practice && names.contains($0.name.lowercased())
            }
        case .acknowledge(let op):
            facts.owners = try [organisation(op.organisationID)].compactMap { $0 }
        case .createRecontactList(let op):
            facts.owners = try [organisation(op.practiceID)].compactMap { $0 }
        case .logRecontactCall(let op):
            if let id = try String.fetchOne(db, sql: """
                SELECT l.practice_id FROM recontact_item i JOIN recontact_list l ON l.id = i.list_id WHERE i.id = ?
                """, arguments: [op.itemID.uuidText]).flatMap(UUID.init(uuidString:)) {
                facts.owners = try [organisation(id)].compactMap { $0 }
            }
        case .holdSlots(let op):
            facts.owners = try Set(op.holds.map(\.practiceID)).compactMap(organisation)
        case .importDirectory:
            facts.directoryIsEmpty = try Int.fetchOne(db, sql: "SELECT count(*) FROM organisation") == 0
        case .restoreBackup, .addSeat, .removeSeat:
            facts.isMachineOwner = isOwnedByThisLogin
        case .declareOutage, .restoreOutage, .postUpdate, .addSubscriber, .removeSubscriber, .logCall,
             .recordDelivery, .recordReply, .addIncidentNote,
             .changeIncidentSeverity, .changeIncidentImpact, .closeIncident, .tickRunbook, .installPlan, .reviewPlan:
            break
        }
        return facts
    }

    /// The machine's account running this program: what seats and ownership are decided by, never a name a user
    /// types.
    public static var machineLogin: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid \(geteuid())"
    }

    /// Whether the login running this program owns the database file.
    var isOwnedByThisLogin: Bool { Self.isOwnedByThisLogin(path) }

    /// Whether the login running this program owns the file at `path` (a file not made yet is its to make).
    public static func isOwnedByThisLogin(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return true }
        return info.st_uid == geteuid()
    }
}
