import Foundation
import GRDB
import DeskCore

extension DeskStore {
    static func nextIncidentNumber(year: Int, db: Database) throws -> String {
        let last = try Int.fetchOne(db, sql: "SELECT last FROM incident_sequence WHERE year = ?", arguments: [year]) ?? 0
        try db.execute(sql: "INSERT INTO incident_sequence (year, last) VALUES (?, ?) ON CONFLICT(year) DO UPDATE SET last = excluded.last",
                       arguments: [year, last + 1])
        return IncidentNumber.make(year: year, sequence: last + 1)
    }

    /// Every declared outage opens an incident, following the plan's function for that system if there is one.
    static func openIncident(for outage: Outage, actor: Actor, now: Date, db: Database, changes: inout [Change]) throws -> Incident {
        let year = Calendar(identifier: .gregorian).component(.year, from: now)
        let function = try plan(db)?.function(forSystem: outage.system)
        let incident = Incident(number: try nextIncidentNumber(year: year, db: db), outageID: outage.id, function: function?.name,
                                openedAt: now, reporter: actor.user)
        try db.execute(sql: """
            INSERT INTO incident (id, number, outage_id, severity, multiple_sites, clinical_safety, information_governance, function, opened_at, reporter)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [incident.id.uuidText, incident.number, outage.id.uuidText, incident.severity,
                             incident.impact.multipleSites, incident.impact.clinicalSafety,
                             incident.impact.informationGovernance, incident.function, Codecs.instant(now),
                             incident.reporter])
        let runbook = function.map { " · runbook: \($0.name)" } ?? " · no plan function covers \(outage.system)"
        try addEntry(incident, kind: .opened, text: "Opened for the outage of \(outage.system)\(runbook)", actor: actor, now: now, db: db)
        changes.append(Change(action: "incident.open", entity: "incident", entityID: incident.id,
                              detail: [("number", incident.number), ("severity", "\(incident.severity)"), ("function", incident.function ?? "")]))
        return incident
    }

    static func addEntry(_ incident: Incident, kind: IncidentEntry.Kind, text: String, actor: Actor, now: Date, db: Database) throws {
        try db.execute(sql: "INSERT INTO incident_entry (id, incident_id, at, by, kind, text) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [UUID().uuidText, incident.id.uuidText, Codecs.instant(now), actor.user,
                                   kind.rawValue, text])
    }

    /// The incident named by `number`, else the most recently opened one still open, else the latest.
    static func incident(matching number: String?, db: Database) throws -> Incident {
        if let number {
            guard let normal = IncidentNumber.normalise(number) else {
                throw Refusal.rule("'\(number)' is not an incident number such as INC-2026-0007")
            }
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM incident WHERE number = ?", arguments: [normal]) else {
                throw StoreError.notFound("incident \(normal)")
            }
            guard let incident = Self.incident(row) else { throw StoreError.notFound("a readable incident \(normal)") }
            return incident
        }
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM incident ORDER BY closed_at IS NOT NULL, opened_at DESC, rowid DESC LIMIT 1") else {
            throw StoreError.notFound("incident (none has been opened: every declared outage opens one)")
        }
        guard let incident = Self.incident(row) else {
            throw StoreError.notFound("a readable incident (the latest could not be read)")
        }
        return incident
    }

    /// The open incident the banner shows, if any.
    static func openIncident(_ db: Database) throws -> Incident? {
        try Row.fetchOne(db,
                         sql: "SELECT * FROM incident WHERE closed_at IS NULL ORDER BY opened_at DESC, rowid DESC "
                             + "LIMIT 1").flatMap(Self.incident)
    }

    static func incident(_ row: Row) -> Incident? {
        guard let id = Codecs.uuid(row["id"]) else { return UnreadableRows.skip("incident", row) }
        var incident = Incident(id: id, number: row["number"], outageID: Codecs.uuid(row["outage_id"]),
                                severity: row["severity"],
                                impact: IncidentImpact(multipleSites: row["multiple_sites"], clinicalSafety: row["clinical_safety"],
                                                       informationGovernance: row["information_governance"]),
                                function: row["function"], openedAt: Codecs.instant(row["opened_at"] as String?) ?? .distantPast, reporter: row["reporter"])
        incident.closedAt = Codecs.instant(row["closed_at"] as String?)
        incident.closedBy = row["closed_by"]; incident.agreedBy = row["agreed_by"]; incident.closeOverride = row["close_override"]
        return incident
    }

    public func incidentDetail(number: String? = nil) throws -> IncidentDetail {
        try pool.read { db in try Self.detail(of: try Self.incident(matching: number, db: db), db: db) }
    }

    public func incidents() throws -> [Incident] {
        try pool.read { db in try Row.fetchAll(db,
                                               sql: "SELECT * FROM incident ORDER BY opened_at DESC").compactMap(Self.incident) }
    }

    /// `plan` spares a second read when the caller has the installed plan already.
    static func detail(of incident: Incident, plan: ContinuityPlan?? = nil, db: Database) throws -> IncidentDetail {
        let outage = try incident.outageID.flatMap { id in
            try Row.fetchOne(db, sql: "SELECT * FROM outage WHERE id = ?",
                             arguments: [id.uuidText]).flatMap(Self.outage)
        }
        let entries = try Row.fetchAll(db, sql: "SELECT * FROM incident_entry WHERE incident_id = ? ORDER BY at, rowid",
                                       arguments: [incident.id.uuidText]).map { row in
            IncidentEntry(id: Codecs.uuid(row["id"]) ?? UUID(), incidentID: incident.id, at: Codecs.instant(row["at"] as String?) ?? .distantPast,
                          by: row["by"], kind: IncidentEntry.Kind(rawValue: row["kind"]) ?? .note, text: row["text"])
        }
        let ticks = try Row.fetchAll(db, sql: "SELECT * FROM runbook_tick WHERE incident_id = ?",
                                     arguments: [incident.id.uuidText]).map { row in
            RunbookTick(incidentID: incident.id, item: row["item"], at: Codecs.instant(row["at"] as String?) ?? .distantPast, by: row["by"])
        }
        let plan = try plan ?? Self.plan(db)
        let function = incident.function.flatMap { plan?.function(named: $0) }
        var remaining = 0
        if let outage {
            remaining = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM booking WHERE downtime_ref IS NOT NULL AND central_ref IS NULL AND status NOT IN ('cancelled', 'error')
                  AND created_at >= ? AND (? IS NULL OR created_at <= ?)
                """, arguments: [Codecs.instant(outage.since), outage.restoredAt.map(Codecs.instant), outage.restoredAt.map(Codecs.instant)]) ?? 0
        }
        var detail = IncidentDetail(incident: incident, outage: outage, entries: entries, function: function,
                                    ticks: ticks, backEntryRemaining: remaining, people: plan?.people ?? [])
        if let outage {
            detail.happened = try Self.happened(to: outage, asking: Set((function?.doneByDesk ?? [:]).values), db: db)
        }
        return detail
    }

    /// When the desk declared the outage and its restoration and finished sending each round's emails (known where
    /// the emails are sent: the host's file). The outbox is read only for the events the plan's runbook `asking`
    /// waits on: the incident is read on every reload of the desk.
    static func happened(to outage: Outage, asking: Set<DeskEvent>, db: Database) throws -> [DeskEvent: Date] {
        var events: [DeskEvent: Date] = [.outageDeclared: outage.declaredAt]
        if let restored = outage.restoredAt { events[.restorationDeclared] = restored }
        for (kind, event) in [(NoticeKind.outage, DeskEvent.noticesSent), (.restoration, .restorationNoticesSent)]
        where asking.contains(event) {
            guard let row = try Row.fetchOne(db, sql: """
                SELECT count(*) AS total, sum(o.status = 'sent') AS sent, max(o.sent_at) AS last
                FROM outbox o JOIN notice n ON n.id = o.notice_id
                WHERE n.outage_id = ? AND n.kind = ? AND o.organisation_id IS NOT NULL
                """, arguments: [outage.id.uuidText, kind.rawValue]) else { continue }
            let total: Int = row["total"], sent: Int = row["sent"] ?? 0
            if total > 0, sent == total, let last = Codecs.instant(row["last"] as String?) { events[event] = last }
        }
        return events
    }

    /// Adds a line to the timeline. Anyone may: a practice's "our phones are down too" belongs there.
    @discardableResult
    func addIncidentNote(_ text: String, number: String? = nil, actor: Actor, at now: Date) throws -> Incident {
        let text = Self.lines(text).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= 1000, !Sanitise.containsControl(text.replacingOccurrences(of: "\n", with: " ")) else {
            throw Refusal.rule("a note must be 1 to 1000 printable characters")
        }
        return try write(actor: actor, at: now) { db, changes in
            let incident = try Self.incident(matching: number, db: db)
            let by = actor.site.isEmpty ? text : "\(text) (\(actor.site))"
            try Self.addEntry(incident, kind: .note, text: by, actor: actor, now: now, db: db)
            changes.append(Change(action: "incident.note", entity: "incident", entityID: incident.id, detail: [("number", incident.number), ("text", text)]))
            return incident
        }
    }

    static func reasonText(_ reason: String) throws -> String {
        let reason = reason.trimmingCharacters(in: .whitespaces)
        guard !reason.isEmpty, reason.count <= 500, !Sanitise.containsControl(reason) else {
            throw Refusal.rule("give a reason, 1 to 500 printable characters",
                                             commandLine: "give a reason (--reason), 1 to 500 printable characters")
        }
        return reason
    }

    /// Changes the severity with a reason; the HSSI flag follows.
    @discardableResult
    func changeIncidentSeverity(to severity: Int, reason: String, number: String? = nil, actor: Actor,
                                at now: Date) throws -> Incident {
        guard Incident.severities.contains(severity) else {
            throw Refusal.rule("severity must be 1 (highest) to 5 (lowest), not \(severity)")
        }
        let reason = try Self.reasonText(reason)
        return try write(actor: actor, at: now) { db, changes in
            var incident = try Self.incident(matching: number, db: db)
            guard !incident.isClosed else { throw Refusal.rule("\(incident.number) is closed") }
            guard incident.severity != severity else {
                throw Refusal.rule("\(incident.number) is already severity \(severity)")
            }
            let old = incident.severity, wasHSSI = incident.isHighSeverity
            incident.severity = severity
            try db.execute(sql: "UPDATE incident SET severity = ? WHERE id = ?",
                           arguments: [severity, incident.id.uuidText])
            let flag = wasHSSI == incident.isHighSeverity ? "" : (incident.isHighSeverity ? "; now an HSSI" : "; no longer an HSSI")
            try Self.addEntry(incident, kind: .severity, text: "Severity \(old) → \(severity)\(flag): \(reason)", actor: actor, now: now, db: db)
            changes.append(Change(action: "incident.severity", entity: "incident", entityID: incident.id,
                                  detail: [("number", incident.number), ("from", "\(old)"), ("to", "\(severity)"), ("reason", reason),
                                           ("hssi", incident.isHighSeverity ? "yes" : "no")]))
            return incident
        }
    }

    /// Changes what the incident touches (several sites, clinical safety, information governance), with a reason.
    @discardableResult
    func changeIncidentImpact(_ impact: IncidentImpact, reason: String, number: String? = nil, actor: Actor,
                              at now: Date) throws -> Incident {
        let reason = try Self.reasonText(reason)
        return try write(actor: actor, at: now) { db, changes in
            var incident = try Self.incident(matching: number, db: db)
            guard !incident.isClosed else { throw Refusal.rule("\(incident.number) is closed") }
            guard incident.impact != impact else { throw Refusal.rule("\(incident.number) already has that impact") }
            incident.impact = impact
            try db.execute(sql: "UPDATE incident SET multiple_sites = ?, clinical_safety = ?, information_governance = ? WHERE id = ?",
                           arguments: [impact.multipleSites, impact.clinicalSafety, impact.informationGovernance,
                                       incident.id.uuidText])
            let words = incident.hssiReasons.isEmpty ? "not an HSSI" : "HSSI: " + incident.hssiReasons.joined(separator: ", ")
            try Self.addEntry(incident, kind: .impact, text: "Impact changed (\(words)): \(reason)", actor: actor, now: now, db: db)
            changes.append(Change(action: "incident.impact", entity: "incident", entityID: incident.id,
                                  detail: [("number", incident.number), ("multiple_sites", "\(impact.multipleSites)"),
                                           ("clinical_safety", "\(impact.clinicalSafety)"), ("information_governance", "\(impact.informationGovernance)"),
                                           ("reason", reason)]))
            return incident
        }
    }

    /// Closes the incident with the reporter's agreement. While its outage is active or back-entry is outstanding
    /// it stays open unless the closer overrides with a reason, which is recorded.
    @discardableResult
    func closeIncident(number: String? = nil, agreedBy: String, override: String?, actor: Actor,
                       at now: Date) throws -> Incident {
        let agreed = agreedBy.trimmingCharacters(in: .whitespaces)
        guard !agreed.isEmpty, agreed.count <= 100, !Sanitise.containsControl(agreed) else {
            throw Refusal.rule("name who agreed the closure: closure is agreed with the reporter",
                                             commandLine: "name who agreed the closure (--agreed-by): closure is "
                                                + "agreed with the reporter")
        }
        let overrideReason = try override.map(Self.reasonText)
        return try write(actor: actor, at: now) { db, changes in
            var incident = try Self.incident(matching: number, db: db)
            guard !incident.isClosed else { throw Refusal.rule("\(incident.number) is already closed") }
            let blockers = try Self.detail(of: incident, db: db).closureBlockers
            if !blockers.isEmpty && overrideReason == nil {
                let why = "\(incident.number) cannot be closed: \(blockers.joined(separator: " and "))"
                throw Refusal.rule(why + "; close it anyway by giving the reason to override them",
                                                 commandLine: why + "; close it anyway with --override REASON")
            }
            incident.closedAt = now; incident.closedBy = actor.user; incident.agreedBy = agreed
            incident.closeOverride = blockers.isEmpty ? nil : overrideReason
            try db.execute(sql: "UPDATE incident SET closed_at = ?, closed_by = ?, agreed_by = ?, close_override = ? WHERE id = ?",
                           arguments: [Codecs.instant(now), actor.user, agreed, incident.closeOverride,
                                       incident.id.uuidText])
            let overridden = incident.closeOverride.map { " — OVERRIDE although \(blockers.joined(separator: " and ")): \($0)" } ?? ""
            try Self.addEntry(incident, kind: .closed, text: "Closed, agreed with \(agreed)\(overridden)", actor: actor, now: now, db: db)
            changes.append(Change(action: "incident.close", entity: "incident", entityID: incident.id,
                                  detail: [("number", incident.number), ("agreed_by", agreed), ("override", incident.closeOverride ?? "")]))
            return incident
        }
    }

    /// Ticks (or with `undo`, unticks) runbook item `position` (1-based, steps then escalations) of the incident.
    @discardableResult
    func tickRunbook(position: Int, undo: Bool = false, number: String? = nil, actor: Actor,
                     at now: Date) throws -> Runbook.Item {
        return try write(actor: actor, at: now) { db, changes in
            let detail = try Self.detail(of: try Self.incident(matching: number, db: db), db: db)
            guard let runbook = detail.runbook(at: now) else {
                throw Refusal.rule(
                    "\(detail.incident.number) follows no runbook: the installed plan has no function for "
                        + (detail.outage?.system ?? "its system"))
            }
            guard runbook.items.indices.contains(position - 1) else {
                throw Refusal.rule("the runbook has items 1 to \(runbook.items.count), not \(position)")
            }
            var item = runbook.items[position - 1]
            let incident = detail.incident
            if undo {
                guard item.isDone else { throw Refusal.rule("item \(position) is not ticked") }
                if let tick = item.tick, tick.isByDesk {
                    throw Refusal.rule("item \(position) ticked itself: Downtime Desk did it at "
                        + "\(Instant.readable(tick.at, zone: .current)), so it stays done")
                }
                try db.execute(sql: "DELETE FROM runbook_tick WHERE incident_id = ? AND item = ?",
                               arguments: [incident.id.uuidText, item.key])
                item.tick = nil
            } else {
                if let tick = item.tick {
                    throw Refusal.rule("item \(position) was ticked by \(tick.by) at "
                        + "\(Instant.readable(tick.at, zone: .current))")
                }
                try db.execute(sql: "INSERT INTO runbook_tick (incident_id, item, at, by) VALUES (?, ?, ?, ?)",
                               arguments: [incident.id.uuidText, item.key, Codecs.instant(now), actor.user])
                item.tick = RunbookTick(incidentID: incident.id, item: item.key, at: now, by: actor.user)
            }
            try Self.addEntry(incident, kind: .runbook, text: "\(undo ? "Unticked" : "Done"): \(item.text)", actor: actor, now: now, db: db)
            changes.append(Change(action: undo ? "runbook.untick" : "runbook.tick", entity: "incident", entityID: incident.id,
                                  detail: [("number", incident.number), ("item", item.key)]))
            return item
        }
    }
}
