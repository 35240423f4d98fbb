import Foundation
import GRDB
import DeskCore

extension DeskStore {
    /// CR LF and lone CR become LF, so text typed anywhere reads the same.
    static func lines(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// Declares an outage of a system (one active outage per system) and queues the outage notice round.
    @discardableResult
    func declareOutage(system: String, since: Date, reason: String, instructions: String,
                              composer: NoticeComposer = NoticeComposer(), id: UUID = UUID(), actor: Actor,
                              at now: Date) throws -> (outage: Outage, notice: Notice, queued: Int) {
        let name = system.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !Sanitise.containsControl(name), name.count <= 80 else {
            throw Refusal.rule("the system name must be 1 to 80 printable characters")
        }
        // Line breaks may stand in the reason and instructions (they go into bodies; subjects take them as spaces).
        let reason = Self.lines(reason), instructions = Self.lines(instructions)
        guard !Sanitise.containsControl(reason.replacingOccurrences(of: "\n", with: " ")),
              !Sanitise.containsControl(instructions.replacingOccurrences(of: "\n", with: " ")) else {
            throw Refusal.rule("the reason and instructions must be printable text")
        }
        guard since <= now.addingTimeInterval(60) else {
            let (start, current) = (Instant.readable(since, zone: .current), Instant.readable(now, zone: .current))
            let when = "\(start) is after now, \(current)"
            throw Refusal.rule("an outage cannot start in the future (\(when))",
                                             commandLine: "an outage cannot start in the future (--since \(when))")
        }
        return try write(actor: actor, at: now) { db, changes in
            if try Row.fetchOne(db, sql: "SELECT 1 FROM outage WHERE restored_at IS NULL AND lower(system) = lower(?)", arguments: [name]) != nil {
                throw Refusal.outageActive(system: name)
            }
            let outage = Outage(id: id, system: name, since: since, reason: reason,
                                instructions: instructions.isEmpty ? Outage.defaultInstructions : instructions,
                                declaredAt: now, declaredBy: actor.user)
            try db.execute(sql: """
                INSERT INTO outage (id, system, since, reason, instructions, declared_at, declared_by) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [outage.id.uuidText, outage.system, Codecs.instant(since), reason, outage.instructions,
                                 Codecs.instant(now), actor.user])
            changes.append(Change(action: "outage.declare", entity: "outage", entityID: outage.id,
                                  detail: [("system", name), ("since", Codecs.instant(since))]))
            _ = try Self.openIncident(for: outage, actor: actor, now: now, db: db, changes: &changes)
            let (notice, queued) = try Self.createRound(kind: .outage, outage: outage, composer: composer, now: now, db: db, changes: &changes)
            return (outage, notice, queued)
        }
    }

    /// Ends the active outage (of `system`, or the only one active) and queues the restoration round.
    @discardableResult
    func restoreOutage(system: String?, at restoredAt: Date, composer: NoticeComposer = NoticeComposer(), actor: Actor,
                              now: Date) throws -> (outage: Outage, notice: Notice, queued: Int) {
        guard restoredAt <= now.addingTimeInterval(60) else {
            throw Refusal.rule("a restoration cannot be in the future")
        }
        return try write(actor: actor, at: now) { db, changes in
            let active = try Self.activeOutages(system: system, db: db)
            guard var outage = active.first else {
                throw Refusal.rule("no active outage\(system.map { " of \($0)" } ?? "") to restore")
            }
            guard active.count == 1 else {
                let which = "several outages are active (\(active.map(\.system).joined(separator: ", ")))"
                throw Refusal.rule(which + "; say which system is back",
                                                 commandLine: which + "; name one with --system")
            }
            guard restoredAt >= outage.since else {
                throw Refusal.rule("restoration cannot be before the outage began")
            }
            outage.restoredAt = restoredAt
            try db.execute(sql: "UPDATE outage SET restored_at = ? WHERE id = ?",
                           arguments: [Codecs.instant(restoredAt), outage.id.uuidText])
            changes.append(Change(action: "outage.restore", entity: "outage", entityID: outage.id,
                                  detail: [("system", outage.system), ("at", Codecs.instant(restoredAt))]))
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM incident WHERE outage_id = ?",
                                          arguments: [outage.id.uuidText]),
               let incident = Self.incident(row) {
                try Self.addEntry(incident, kind: .restored,
                                  text: "\(outage.system) restored at \(Instant.iso(restoredAt))", actor: actor, now: now, db: db)
            }
            let (notice, queued) = try Self.createRound(kind: .restoration, outage: outage, composer: composer, now: now, db: db, changes: &changes)
            return (outage, notice, queued)
        }
    }

    public func outages() throws -> [Outage] {
        try pool.read { db in try Row.fetchAll(db,
                                               sql: "SELECT * FROM outage ORDER BY since DESC").compactMap(Self.outage) }
    }

    /// Downtime bookings not yet entered into the central system (cancelled and mistaken ones need no back-entry).
    public func backEntryWorklist() throws -> [Booking] {
        try pool.read { db in try Self.backEntry(practiceID: nil, db: db) }
    }

    static func backEntry(practiceID: UUID?, db: Database) throws -> [Booking] {
        try Row.fetchAll(db, sql: """
            SELECT \(Self.bookingColumns) FROM booking WHERE downtime_ref IS NOT NULL AND central_ref IS NULL AND status NOT IN ('cancelled', 'error')
              AND (? IS NULL OR practice_id = ?)
            ORDER BY day, start_minute, downtime_ref
            """, arguments: [practiceID?.uuidText, practiceID?.uuidText]).compactMap(Self.booking)
    }

    /// Records that a downtime booking has been entered into the central system under `centralReference`.
    @discardableResult
    func markBackEntered(_ reference: String, centralReference: String, actor: Actor, at now: Date) throws -> Booking {
        let central = centralReference.trimmingCharacters(in: .whitespaces)
        guard !central.isEmpty, !Sanitise.containsControl(central), central.count <= 64 else {
            let words = "the central system's reference must be 1 to 64 printable characters"
            throw Refusal.rule(words, commandLine: words + " (--ref)")
        }
        return try write(actor: actor, at: now) { db, changes in
            var booking = try Self.booking(matching: reference, db: db)
            guard booking.downtimeReference != nil else {
                throw Refusal.rule("that booking was not made during downtime")
            }
            if let existing = booking.centralReference {
                throw Refusal.rule("\(booking.downtimeReference!) was already entered as \(existing)")
            }
            booking.centralReference = central
            try db.execute(sql: "UPDATE booking SET central_ref = ? WHERE id = ?",
                           arguments: [central, booking.id.uuidText])
            changes.append(Change(action: "booking.back-entered", entity: "booking", entityID: booking.id,
                                  detail: [("downtime_ref", booking.downtimeReference ?? ""), ("central_ref", central)]))
            return booking
        }
    }
}
