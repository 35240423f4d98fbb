import Foundation

/// Seed 002's hand-over between shifts: everything the next on-call needs, on one page.
public enum HandoverSheet {
    /// Every update sent on the outage, oldest first (the next shift needs what everyone was told), and when the
    /// next is due.
    static func updateLines(view: DeskView, now: Date, zone: TimeZone, cadence: UpdateCadence) -> [String] {
        let next = view.nextUpdateDue(cadence: cadence).map {
            "; next " + ($0 <= now ? "OVERDUE since \(TimeOfDay($0, in: zone))" : "due by \(TimeOfDay($0, in: zone))")
        } ?? ""
        guard !view.updates.isEmpty else { return ["  Updates: none sent yet\(next)"] }
        return ["  Updates sent, no acknowledgment asked\(next):"]
            + view.updates.map { "    \($0.reference) " + Sanitise.visible($0.line(zone: zone)) + " (\($0.by))" }
    }

    /// Logical lines, indented by leading spaces; the page and the view each wrap them to their width.
    public static func lines(view: DeskView, now: Date, zone: TimeZone,
                             supportHours: SupportHours = .seed003,
                             updateCadence: UpdateCadence = UpdateCadence()) -> [String] {
        var lines: [String] = []
        func section(_ title: String) { lines.append(""); lines.append(title.uppercased()); }
        if let outage = view.activeOutage {
            lines.append("OUTAGE: \(Sanitise.visible(outage.system)) DOWN since \(Instant.readable(outage.since, zone: zone)) (\(Instant.elapsed(now.timeIntervalSince(outage.since))))")
            lines.append("  Instead: " + outage.instructions)
        } else if let outage = view.latestOutage, let restored = outage.restoredAt {
            lines.append("No outage active. \(Sanitise.visible(outage.system)) was restored \(Instant.readable(restored, zone: zone)).")
        } else {
            lines.append("No outage active.")
        }
        if let detail = view.incident {
            section("Incident")
            // The outage stands at the top already, and the runbook has a section of its own.
            lines += IncidentText.summary(detail, now: now, zone: zone, namingRunbook: false,
                                          supportHours: supportHours)
                .filter { !$0.hasPrefix("Outage:") }.map { "  " + $0 }
        } else {
            lines.append("No incident open.")
        }

        section("Notices and acknowledgments")
        if let round = view.round {
            lines.append("  \(round.notice.heading) \(round.notice.reference): \(round.progress(at: now)); acknowledge by \(TimeOfDay(round.notice.deadline, in: zone))")
            let rows = view.callSheetRows
            try? CallSheetRow.readReach(of: rows)
            let due = rows.filter { ($0.nextCallDue ?? round.notice.deadline) <= now }
            lines.append("  Still to acknowledge: \(rows.count); calls due now: \(due.count) (! overdue, else next call)")
            // Two to a line, so a whole directory still fits the one page.
            let cells = rows.map { row -> String in
                let next = row.nextCallDue ?? round.notice.deadline
                let mark = next <= now ? "!" : TimeOfDay(next, in: zone).description
                return TextWidth.fit(mark, to: 5) + " " + TextWidth.fit(Sanitise.visible(row.organisation.name), to: 17) + " "
                    + TextWidth.fit(row.numbers.first.map { $0.number.description }
                                    ?? (row.reach.contactsUnreadable ? "not read" : "no number"), to: 12)
            }
            for pair in stride(from: 0, to: cells.count, by: 2) {
                lines.append("  " + cells[pair] + (pair + 1 < cells.count ? "  " + cells[pair + 1] : ""))
            }
        } else {
            lines.append("  No notice round is waiting for acknowledgments.")
        }
        if !view.updates.isEmpty || view.activeOutage != nil {
            lines += updateLines(view: view, now: now, zone: zone, cadence: updateCadence)
        }
        if view.outboxFailed > 0 || view.outboxWaiting > 0 {
            lines.append("  Email: \(view.outboxWaiting) waiting to send, \(view.outboxFailed) last failed (check [mail] in config.toml)")
        }

        if let detail = view.incident, let runbook = detail.runbook(at: now) {
            section("Runbook: \(runbook.function.name) (\(runbook.progress))")
            // What is done needs only its number; what is left is spelled out.
            let checklist = IncidentText.checklist(runbook, zone: zone)
            let done = runbook.items.indices.filter { runbook.items[$0].isDone }
            if !done.isEmpty { lines.append("  Done: " + done.map { "\($0 + 1)" }.joined(separator: ", ") + " (who and when: downtime-desk runbook show)") }
            // Each step left is whole (the page wraps it by words, never cuts it); escalations not due yet are named
            // by when, so the page stays one page, and each is whole in the printed plan.
            let left = runbook.items.indices.filter { !runbook.items[$0].isDone }
            let later = left.filter { index in
                if case .escalation = runbook.items[index].kind { return !runbook.items[index].isDue }
                return false
            }
            lines += left.filter { !later.contains($0) }.map { "  " + checklist[$0] }
            let laterNames = later.compactMap { index -> String? in
                guard case .escalation(let after, _) = runbook.items[index].kind else { return nil }
                return "\(index + 1). after \(after.words)"
            }
            if !laterNames.isEmpty {
                lines.append("  Later: " + laterNames.joined(separator: ", ") + " (each in full: runbook show)")
            }
            let people = detail.keyPersonnel
            if !people.isEmpty {
                lines.append("  Key personnel:")
                for entry in people {
                    lines.append("    \(entry.person.name) (\(entry.part)) " + entry.person.phones.map(\.description).joined(separator: ", "))
                }
            }
        }

        section("Downtime bookings")
        if let detail = view.incident { lines.append("  Made during this outage and not yet back-entered: \(detail.backEntryRemaining)") }
        lines.append("  Still to back-enter, all practices: \(view.backEntryRemaining)")
        for list in view.recontactOpen {
            lines.append("  Recontact \(Sanitise.visible(list.practiceName)), \(list.range): \(list.remaining) of \(list.items.count) patients still to call")
        }

        // Runbook ticks are in the runbook above; the notes are what people wrote and decided.
        if let notes = view.incident?.entries.filter({ $0.kind != .runbook }), !notes.isEmpty {
            section("Last notes")
            // Today's notes by their time alone: the page is one page, and its date is at the top.
            lines += IncidentText.timeline(Array(notes.suffix(5)), zone: zone,
                                           today: LocalDate(now, in: zone)).map { "  " + $0 }
        }
        return lines
    }

    public static func paper(view: DeskView, now: Date, zone: TimeZone, printedBy: String,
                             supportHours: SupportHours = .seed003,
                             updateCadence: UpdateCadence = UpdateCadence()) -> String {
        let number = view.incident.map { " · \($0.incident.number)" } ?? ""
        var body = ["Printed \(Instant.readable(now, zone: zone)) by \(Sanitise.visible(printedBy)).   Taken over by: ______________ at _____"]
        body.append(Paper.rule)
        body += lines(view: view, now: now, zone: zone, supportHours: supportHours, updateCadence: updateCadence)
            .flatMap { Paper.wrapped($0) }
        return Paper.paginate(heading: "SHIFT HAND-OVER\(number)", body: body)
    }
}
