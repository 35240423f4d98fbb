import Foundation
import GRDB
import DeskCore

/// An operation on its way through `write`: the permission check to run under the write lock, and the JSON the
/// journal records. Claimed once, so an operation that writes twice is recorded once.
final class PendingOperation: @unchecked Sendable {
    let record: OperationRecord
    let check: (Database) throws -> Void
    /// Set when the operation is another site's, received from the hub: what its transaction also commits.
    let received: IncomingLink?
    private(set) var claimed = false
    /// A bulk operation's JSON, being written on another core while its rows go in.
    private var ahead: (done: DispatchGroup, json: JSONAhead)?

    init(record: OperationRecord, received: IncomingLink? = nil, check: @escaping (Database) throws -> Void) {
        self.record = record; self.received = received; self.check = check
    }

    /// An import or a week's templates: thousands of rows in one change.
    var isBulk: Bool {
        switch record.operation.kind {
        case .importBookings, .importDirectory, .replaceTemplates: return true
        default: return false
        }
    }

    /// An import's JSON holds every row it imports; encoding it took a tenth of a 100,000-booking import, so it is
    /// started here, beside the import's own work, rather than after it.
    func encodeAheadIfBulk() {
        guard isBulk else { return }
        let done = DispatchGroup(), json = JSONAhead()
        let record = record
        DispatchQueue.global(qos: .userInitiated).async(group: done) { json.result = Result { try record.json() } }
        ahead = (done, json)
    }

    /// Written only when the operation changed something: an import of rows already there journals nothing.
    func json() throws -> String {
        do {
            guard let ahead else { return try record.json() }
            ahead.done.wait()
            return try ahead.json.result?.get() ?? record.json()
        } catch {
            throw StoreError.invalid("this change could not be written down: \(error)")
        }
    }

    func claim() -> PendingOperation? {
        guard !claimed else { return nil }
        claimed = true
        return self
    }
}

/// Where the background encoding leaves its result; read only after its group has been waited on.
final class JSONAhead: @unchecked Sendable {
    var result: Result<String, Error>?
}

extension DeskStore {
    /// The operation `apply` is applying on this thread of work, for `write` to check and journal.
    @TaskLocal static var applying: PendingOperation?

    /// Set while applying another site's operation: the rules that keep both sides of a clash apply
    /// (a booking that arrives is never refused for its slot), and no notice mail is queued here.
    static var receiving: IncomingLink? { applying?.received }

    /// Applies one operation: in one transaction, who may make it (the permission table), the rules, the change,
    /// and a journal entry that records the operation. The only way the desk and the command line change records.
    @discardableResult
    public func apply(_ record: OperationRecord, composer: NoticeComposer = NoticeComposer()) throws -> Outcome {
        let record = try withDirectoryIDs(record)
        let actor = record.actor
        // A restore replaces the file before it journals, so the machine's own check comes first.
        if Permissions.rule(for: record.operation.kind).machineOwnerOnly, let refusal = try refusal(record) {
            throw refusal
        }
        let pending = PendingOperation(record: record) { [self] db in
            if let refusal = Permissions.check(record.operation.kind, actor: actor,
                                               facts: try facts(for: record, db: db)) { throw refusal }
        }
        return try Self.$applying.withValue(pending) { try perform(record, composer: composer) }
    }

    /// Applies an operation another site made, received from the hub: as `origin` (the hub's login, never what the
    /// record says), checked against the permission table with this file's facts, journaled here and not sent on.
    /// `link` commits in the same transaction, so a pull killed part-way repeats cleanly.
    func applyReceived(_ record: OperationRecord, origin: Organisation, link: IncomingLink) throws -> Outcome {
        var record = record
        record.actor.site = origin.name
        record.actor.role = TerminalRole(origin.kind)
        let received = record
        let pending = PendingOperation(record: received, received: link) { [self] db in
            var facts = try facts(for: received, db: db)
            // Another site's first directory is not "a fresh file's own": the host's kind decides.
            facts.directoryIsEmpty = false
            facts.site = origin
            if let refusal = Permissions.check(received.operation.kind, actor: received.actor, facts: facts) {
                throw refusal
            }
        }
        let outcome = try Self.$applying.withValue(pending) { try perform(received, composer: NoticeComposer()) }
        if !pending.claimed { try receivedWrite { db in try link.commit(db) } }
        // Committed with it: what the pull had passed before it (see `PendingLinks`).
        Self.passedLinks?.clear()
        return outcome
    }

    /// The permission table's answer for `record` as things stand, without applying it: what the desk asks
    /// before offering an action, and the courier before it hands a message over.
    public func refusal(_ record: OperationRecord) throws -> Refusal? {
        try pool.read { db in Permissions.check(record.operation.kind, actor: record.actor,
                                                facts: try facts(for: record, db: db)) }
    }

    private func perform(_ record: OperationRecord, composer: NoticeComposer) throws -> Outcome {
        let actor = record.actor, now = record.at
        switch record.operation {
        case .book(let op):
            let practice = try Self.practice(op.practiceID, pool)
            return .booked(try book(practice: practice, day: op.day, start: op.start, details: op.details,
                                    overbook: op.overbook, paperReference: op.paperReference, id: op.bookingID,
                                    actor: actor, at: now))
        case .changeStatus(let op):
            return .bookingChanged(try setStatus(of: op.bookingID.uuidText, to: op.status, reason: op.reason,
                                                 actor: actor, at: now))
        case .move(let op):
            return .bookingChanged(try move(op.bookingID.uuidText, to: op.day, start: op.start,
                                            overbook: op.overbook, actor: actor, at: now))
        case .markSeen(let op):
            return .seen(count: try markSeen(op.bookingIDs, actor: actor, at: now))
        case .markBackEntered(let op):
            return .bookingChanged(try markBackEntered(op.bookingID.uuidText, centralReference: op.centralReference,
                                                       actor: actor, at: now))
        case .setSlot(let op):
            try setDaySlot(practice: try Self.practice(op.practiceID, pool), day: op.day, start: op.start,
                           minutes: op.minutes, blockedReason: op.blockedReason, actor: actor, at: now)
            return .slotChanged
        case .replaceTemplates(let op):
            let result = try replaceTemplates(for: Set(op.practiceIDs), with: op.templates,
                                              keepOffTemplate: op.keepOffTemplate, actor: actor, at: now)
            return .templatesReplaced(added: result.added, removed: result.removed, offTemplate: result.offTemplate)
        case .importDirectory(let op):
            return .directoryImported(try importDirectory(op.entries, actor: actor, at: now))
        case .importBookings(let op):
            return .bookingsImported(try importBookings(op.bookings, actor: actor, at: now))
        case .declareOutage(let op):
            let made = try declareOutage(system: op.system, since: op.since, reason: op.reason,
                                         instructions: op.instructions, composer: composer, id: op.outageID,
                                         actor: actor, at: now)
            return .outageDeclared(made.outage, made.notice, queued: made.queued)
        case .restoreOutage(let op):
            let made = try restoreOutage(system: op.system, at: op.restoredAt, composer: composer, actor: actor,
                                         now: now)
            return .outageRestored(made.outage, made.notice, queued: made.queued)
        case .postUpdate(let op):
            let made = try postUpdate(op, composer: composer, actor: actor, at: now)
            return .updatePosted(made.update, made.outage, queued: made.queued, subscribers: made.subscribers)
        case .addSubscriber(let op):
            let made = try addSubscriber(op, actor: actor, at: now)
            return .subscriberAdded(made.subscriber, replaced: made.replaced)
        case .removeSubscriber(let op):
            return .subscriberRemoved(existed: try removeSubscriber(op.email, actor: actor, at: now))
        case .acknowledge(let op):
            switch try acknowledge(organisationID: op.organisationID, kind: op.kind, via: op.via, by: op.by,
                                   note: op.note, acknowledgedAt: op.acknowledgedAt, actor: actor, at: now) {
            case .recorded(let ack, let round): return .acknowledged(ack, round, already: false)
            case .already(let ack, let round): return .acknowledged(ack, round, already: true)
            }
        case .logCall(let op):
            return .callLogged(try logCall(organisationID: op.organisationID, number: op.number, outcome: op.outcome,
                                           note: op.note, interval: op.interval, actor: actor, at: now))
        case .recordDelivery(let op):
            try recordDelivery(of: op.messageID, error: op.error, actor: actor, at: now)
            return .deliveryRecorded
        case .recordReply(let op):
            if let mail = op.mail { return .replyRead(try recordReply(mail, key: op.key, actor: actor, at: now)) }
            return .replyRead(try recordUnreadable(key: op.key, reason: op.unreadable ?? "unreadable", actor: actor,
                                                   at: now))
        case .addIncidentNote(let op):
            return .incidentChanged(try addIncidentNote(op.text, number: op.number, actor: actor, at: now))
        case .changeIncidentSeverity(let op):
            return .incidentChanged(try changeIncidentSeverity(to: op.severity, reason: op.reason, number: op.number,
                                                               actor: actor, at: now))
        case .changeIncidentImpact(let op):
            return .incidentChanged(try changeIncidentImpact(op.impact, reason: op.reason, number: op.number,
                                                             actor: actor, at: now))
        case .closeIncident(let op):
            return .incidentChanged(try closeIncident(number: op.number, agreedBy: op.agreedBy, override: op.override,
                                                      actor: actor, at: now))
        case .tickRunbook(let op):
            return .runbookTicked(try tickRunbook(position: op.position, undo: op.undo, number: op.number,
                                                  actor: actor, at: now))
        case .installPlan(let op):
            try installPlan(op.plan, source: op.source, actor: actor, at: now)
            return .planInstalled
        case .reviewPlan(let op):
            try recordPlanReview(day: op.day, note: op.note, actor: actor, at: now)
            return .planReviewed
        case .createRecontactList(let op):
            return .recontactListMade(try createRecontactList(practiceID: op.practiceID, from: op.from, to: op.to,
                                                              reason: op.reason, actor: actor, at: now))
        case .logRecontactCall(let op):
            return .recontactCallLogged(try logRecontactCall(itemID: op.itemID, outcome: op.outcome, note: op.note,
                                                             moveTo: op.moveTo, actor: actor, at: now))
        case .holdSlots(let op):
            return .slotsHeld(count: try holdSlots(op.holds, actor: actor, at: now))
        case .restoreBackup(let op):
            let summary = try restore(from: op.path, actor: actor, at: now)
            return .backupRestored(bookings: summary.bookings, bytes: summary.bytes,
                                   journalEntries: summary.journal.entries, journalHead: summary.journal.head,
                                   journalIntact: summary.journal.isIntact)
        case .addSeat(let op):
            try addSeat(login: op.login, site: try Self.organisation(op.organisationID, pool), actor: actor, at: now)
            return .seatAdded
        case .removeSeat(let op):
            let existed = try removeSeat(login: op.login, site: try Self.organisation(op.organisationID, pool),
                                         actor: actor, at: now)
            return .seatRemoved(existed: existed)
        }
    }

    /// A directory import names organisations and contacts by name; the operation carries the id each has here (or
    /// a new one), so another site applying it gives them the same ids and later operations find them.
    private func withDirectoryIDs(_ record: OperationRecord) throws -> OperationRecord {
        guard case .importDirectory(var op) = record.operation else { return record }
        let organisations = Dictionary(try self.organisations().map { ($0.name.lowercased(), $0) },
                                       uniquingKeysWith: { first, _ in first })
        let contacts = try self.contacts()
        for index in op.entries.indices {
            let existing = organisations[op.entries[index].name.lowercased()]
            if op.entries[index].id == nil { op.entries[index].id = existing?.id ?? UUID() }
            let known = existing.map { contacts[$0.id] ?? [] } ?? []
            for c in op.entries[index].contacts.indices where op.entries[index].contacts[c].id == nil {
                let name = op.entries[index].contacts[c].name.lowercased()
                op.entries[index].contacts[c].id = known.first { $0.name.lowercased() == name }?.id ?? UUID()
            }
        }
        var record = record
        record.operation = .importDirectory(op)
        return record
    }

    static func organisation(_ id: UUID, _ pool: any DatabaseWriter) throws -> Organisation {
        guard let organisation = try pool.read({ db in
            try db.cachedRow("\(Self.selectOrganisations) WHERE id = ?", [id.uuidText]).flatMap(Self.organisation)
        }) else { throw StoreError.notFound("organisation \(id.uuidText) in this directory") }
        return organisation
    }

    static func practice(_ id: UUID, _ pool: any DatabaseWriter) throws -> Organisation {
        let organisation = try organisation(id, pool)
        guard organisation.kind == .practice else { throw Refusal.rule("\(organisation.name) is not a practice") }
        return organisation
    }
}
