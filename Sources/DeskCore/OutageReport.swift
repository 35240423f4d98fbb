import Foundation

/// The story of one outage for the incident review: a timeline and a summary, from what the database recorded.
public struct OutageReport: Sendable {
    public struct Event: Equatable, Sendable {
        public var at: Date
        public var kind: String
        public var text: String
    }

    public struct Delivery: Equatable, Sendable {
        public var noticeID: UUID
        public var reference: String
        public var organisationID: UUID
        public var at: Date
        public var error: String?
        public init(noticeID: UUID, reference: String, organisationID: UUID, at: Date, error: String?) {
            self.noticeID = noticeID; self.reference = reference; self.organisationID = organisationID; self.at = at; self.error = error
        }
    }

    public struct RoundSummary: Equatable, Sendable {
        public var kind: NoticeKind
        public var reference: String
        public var parties: Int
        public var acknowledged: Int
        /// From the round's creation to the last party's acknowledgment; nil while any is missing.
        public var timeToFullAcknowledgment: TimeInterval?
        public var byChannel: [AckChannel: Int]
        public var calls: Int
        public var sent: Int
        public var failedDeliveries: Int
        public var outstanding: [String]
    }

    /// What went beyond the parties' notices: the updates, the communications list's emails, replies that count
    /// for nothing. Kept apart so they never mix with the rounds' counts.
    public struct Beyond: Equatable, Sendable {
        public var updates: [OutageUpdate]
        public var subscriberEmails: Int
        public var subscriberSent: Int
        public var notedReplies: [(at: Date, from: String, reference: String)]

        public init(updates: [OutageUpdate] = [], subscriberEmails: Int = 0, subscriberSent: Int = 0,
                    notedReplies: [(at: Date, from: String, reference: String)] = []) {
            self.updates = updates; self.subscriberEmails = subscriberEmails; self.subscriberSent = subscriberSent
            self.notedReplies = notedReplies
        }

        public static func == (a: Beyond, b: Beyond) -> Bool {
            a.updates == b.updates && a.subscriberEmails == b.subscriberEmails && a.subscriberSent == b.subscriberSent
                && a.notedReplies.map { "\($0.at)\($0.from)\($0.reference)" }
                == b.notedReplies.map { "\($0.at)\($0.from)\($0.reference)" }
        }
    }

    public var outage: Outage
    public var beyond: Beyond
    public var events: [Event]
    public var rounds: [RoundSummary]
    public var downtimeBookings: Int
    public var backEntered: Int

    public init(outage: Outage, rounds: [NoticeRound], deliveries: [Delivery], downtimeBookings: [Booking],
                zone: TimeZone, beyond: Beyond = Beyond()) {
        self.outage = outage
        self.beyond = beyond
        let names = Dictionary(rounds.flatMap(\.parties).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var events: [Event] = [
            Event(at: outage.since, kind: "down", text: "\(outage.system) went down" + (outage.reason.isEmpty ? "" : " (\(outage.reason))")),
            Event(at: outage.declaredAt, kind: "declared", text: "Outage declared by \(outage.declaredBy)"),
        ]
        if let restored = outage.restoredAt { events.append(Event(at: restored, kind: "restored", text: "\(outage.system) restored")) }
        var summaries: [RoundSummary] = []
        for round in rounds {
            let notice = round.notice
            events.append(Event(at: notice.createdAt, kind: "notice", text: "\(notice.heading) \(notice.reference) to \(round.total) parties"))
            let mine = deliveries.filter { $0.noticeID == notice.id }
            for d in mine {
                let who = names[d.organisationID] ?? "?"
                events.append(d.error == nil ? Event(at: d.at, kind: "sent", text: "Email \(d.reference) sent to \(who)")
                                             : Event(at: d.at, kind: "send-failed", text: "Email \(d.reference) to \(who) failed: \(d.error!)"))
            }
            for call in round.calls {
                events.append(Event(at: call.at, kind: "call", text: "\(call.by) called \(names[call.organisationID] ?? "?") on \(call.number): \(call.outcome.label)"
                                    + (call.note.isEmpty ? "" : " (\(call.note))")))
            }
            for reply in round.unverifiedReplies {
                events.append(Event(at: reply.at, kind: "unverified-reply",
                                    text: "\(names[reply.organisationID] ?? "?"): \(reply.warning)"
                                        + (round.hasAcknowledged(reply.organisationID) ? " (since acknowledged)" : "")))
            }
            var byChannel: [AckChannel: Int] = [:]
            for ack in round.acknowledgments.values {
                byChannel[ack.via, default: 0] += 1
                events.append(Event(at: ack.at, kind: "ack", text: "\(names[ack.organisationID] ?? "?") acknowledged the \(notice.title) by \(ack.via.rawValue)"
                                    + (ack.by.isEmpty ? "" : " (\(ack.by))")))
            }
            for ack in round.duplicates {
                events.append(Event(at: ack.at, kind: "ack-duplicate", text: "\(names[ack.organisationID] ?? "?") "
                                    + "acknowledged the \(notice.title) again by \(ack.via.rawValue)"
                                    + (ack.by.isEmpty ? "" : " (\(ack.by))")
                                    + ", at its site's time; not counted: another reached the hub first"))
            }
            summaries.append(RoundSummary(
                kind: notice.kind, reference: notice.reference, parties: round.total, acknowledged: round.acknowledgedCount,
                timeToFullAcknowledgment: round.completedAt.map { $0.timeIntervalSince(notice.createdAt) }, byChannel: byChannel,
                calls: round.calls.count, sent: Set(mine.filter { $0.error == nil }.map(\.reference)).count,
                failedDeliveries: mine.filter { $0.error != nil }.count,
                outstanding: round.parties.filter { !round.hasAcknowledged($0.id) }.map(\.name)))
        }
        for update in beyond.updates {
            events.append(Event(at: update.at, kind: "update", text: "Update \(update.reference) sent by \(update.by): "
                                + update.summary(zone: zone)))
        }
        for reply in beyond.notedReplies {
            events.append(Event(at: reply.at, kind: "reply-noted",
                                text: "Reply from \(reply.from) to \(reply.reference): noted, not an acknowledgment"))
        }
        for booking in downtimeBookings {
            events.append(Event(at: booking.createdAt, kind: "booking", text: "Downtime booking \(booking.downtimeReference ?? "") at "
                                + "\(booking.day.iso) \(booking.start) (\(booking.status.label))"))
        }
        // Same instant: keep the order things happen in (declared before its notice, a call before its acknowledgment).
        let order = ["down", "declared", "notice", "update", "sent", "send-failed", "call", "ack", "booking",
                     "restored"]
        self.events = events.enumerated().sorted { a, b in
            if a.element.at != b.element.at { return a.element.at < b.element.at }
            let (x, y) = (order.firstIndex(of: a.element.kind) ?? 99, order.firstIndex(of: b.element.kind) ?? 99)
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
        self.rounds = summaries
        let live = downtimeBookings.filter { $0.status != .cancelled && $0.status != .enteredInError }
        self.downtimeBookings = live.count
        backEntered = live.filter { $0.centralReference != nil }.count
    }

    /// Parties that acknowledged only after being telephoned, across the rounds.
    public var reachedByPhone: Int { rounds.reduce(0) { $0 + ($1.byChannel[.phone] ?? 0) } }

    public func text(zone: TimeZone, now: Date) -> String {
        var lines = ["OUTAGE REPORT: \(outage.system)", String(repeating: "=", count: 40)]
        let end = outage.restoredAt ?? now
        lines.append("Down:      \(Instant.readable(outage.since, zone: zone))")
        lines.append("Declared:  \(Instant.readable(outage.declaredAt, zone: zone)) by \(outage.declaredBy)")
        lines.append("Restored:  " + (outage.restoredAt.map { Instant.readable($0, zone: zone) } ?? "not yet (still down)"))
        lines.append("Duration:  \(Instant.elapsed(end.timeIntervalSince(outage.since)))" + (outage.restoredAt == nil ? " so far" : ""))
        if !outage.reason.isEmpty { lines.append("Reason:    \(outage.reason)") }
        lines.append("")
        lines.append("SUMMARY")
        for round in rounds {
            let full = round.timeToFullAcknowledgment.map { "all acknowledged after \(Instant.elapsed($0))" } ?? "\(round.parties - round.acknowledged) never acknowledged"
            let channels = AckChannel.allCases.compactMap { c in round.byChannel[c].map { "\($0) by \(c.rawValue)" } }.joined(separator: ", ")
            lines.append("  \(round.kind == .outage ? "Outage notice     " : "Restoration notice") \(round.reference): \(round.acknowledged)/\(round.parties) acknowledged"
                         + (channels.isEmpty ? "" : " (\(channels))") + "; \(full)")
            lines.append("      \(round.sent) emails sent, \(round.failedDeliveries) failed tries, \(round.calls) calls")
            if !round.outstanding.isEmpty { lines.append("      not acknowledged: \(round.outstanding.joined(separator: ", "))") }
        }
        lines.append("  Parties reached by phone: \(reachedByPhone)")
        if let last = beyond.updates.last {
            lines.append("  Updates: \(beyond.updates.count), the last at \(Instant.readable(last.at, zone: zone))")
        } else {
            lines.append("  Updates: none")
        }
        if beyond.subscriberEmails > 0 {
            lines.append("  Communications list: \(beyond.subscriberEmails) emails to subscribers, "
                         + "\(beyond.subscriberSent) sent (not parties: not in the counts above)")
        }
        if !beyond.notedReplies.isEmpty {
            lines.append("  Replies noted, not counted (to updates, or from subscribers): \(beyond.notedReplies.count)")
        }
        lines.append("  Downtime bookings: \(downtimeBookings); back-entered \(backEntered), still to back-enter \(downtimeBookings - backEntered)")
        lines.append("")
        lines.append("TIMELINE")
        var day: LocalDate?
        for event in events {
            let eventDay = LocalDate(event.at, in: zone)
            if eventDay != day { lines.append("  \(eventDay.longDescription)"); day = eventDay }
            lines.append("    \(TimeOfDay(event.at, in: zone))  \(Sanitise.visible(event.text))")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
