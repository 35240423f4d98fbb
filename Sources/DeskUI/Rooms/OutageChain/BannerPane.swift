import Foundation
import DeskCore
import DeskConfig

/// The outage banner across the top: quiet in normal times, four loud lines during an outage (what is down, the
/// acknowledgments, what to do instead), two after restoration while its round or the back-entry is open.
public enum BannerPane: PaneRenderer {
    public static func lines(for state: AppState) -> Int {
        let incident = state.view.incident == nil ? 0 : 1
        if state.view.activeOutage != nil { return 4 + incident + (updateLine(state) == nil ? 0 : 1) }
        if state.view.latestOutage?.isActive == false && state.view.round != nil { return 2 + incident }
        return 1 + incident
    }

    /// The open incident: number, severity, HSSI, the runbook's progress and the first escalation that is due.
    static func incidentLine(_ state: AppState) -> String? {
        guard let detail = state.view.incident else { return nil }
        let incident = detail.incident
        var parts = [incident.number + " · severity \(incident.severity)" + (incident.isHighSeverity ? " · HSSI" : "")]
        let key = { (command: String) in StatusLine.boundKey(command, state) }
        if let runbook = detail.runbook(at: state.now) {
            if let due = runbook.dueEscalations.first, case .escalation(let after, _) = due.kind {
                parts.append("ESCALATE (over \(after.words)): \(due.text)")
            } else {
                parts.append(runbook.progress + (key("show-runbook").map { " (\($0))" } ?? ""))
            }
        } else if state.view.activeOutage == nil {
            let blockers = detail.closureBlockers
            parts.append(blockers.isEmpty ? "open: close it once the reporter agrees" : "open until \(blockers.joined(separator: " and "))")
        }
        if let show = key("show-incident") { parts.append("\(show) incident") }
        return " " + parts.joined(separator: " · ")
    }

    /// `UPDATE DUE (last 10:05)` at a terminal that sends updates, once the plan's or the settings' interval has
    /// passed since the last update (or the declaration); nil before then, and everywhere else.
    static func updateDue(_ state: AppState) -> String? {
        guard Permissions.offers(.postUpdate, to: OrganisationKind(state.actor.role)),
              let due = state.view.nextUpdateDue(cadence: state.updateCadence), due <= state.now else { return nil }
        let last = state.view.updates.last.map { "last \(Clock.time($0.at, state.zone))" }
            ?? state.view.activeOutage.map { "none since declared \(Clock.time($0.declaredAt, state.zone))" } ?? ""
        return "UPDATE DUE (\(last))"
    }

    /// The latest update, for every desk (when, what, the ETA), led at the host by UPDATE DUE once one is owed.
    static func updateLine(_ state: AppState) -> String? {
        let due = updateDue(state).map { due in
            due + (StatusLine.boundKey("send-update", state).map { ", \($0) sends one" } ?? "")
        }
        guard let update = state.view.updates.last else { return due.map { " " + $0 } }
        let count = state.view.updates.count
        return " " + (due.map { $0 + " · " } ?? "") + "Update \(update.line(zone: state.zone))"
            + (count > 1 ? " · \(count) updates so far" : "")
    }

    /// At most `lines` lines of the wrapped text; the last one is cut with "…" if more would follow.
    static func wrap(_ text: String, width: Int, lines: Int) -> [String] {
        let all = TextWidth.wrap(text, width: width)
        guard all.count > lines else { return all }
        return Array(all.prefix(lines - 1)) + [TextWidth.truncate(all[(lines - 1)...].joined(separator: " "), to: width)]
    }

    public static func render(_ state: AppState, into canvas: inout Canvas, at rect: Rect) {
        // No year on the clock: at 80 columns every character of the banner counts.
        let clock = "\(LocalDate(state.now, in: state.zone).longDescription.dropLast(5)) \(Clock.time(state.now, state.zone))"
        // Every state of the banner says when the file holds the demo network, right of the clock's room.
        let demo = state.isDemo ? "[DEMO] " : ""
        func headline(_ text: String, role: Role) {
            canvas.fill(rect, role: role)
            let room = rect.width - TextWidth.of(clock) - 2 - TextWidth.of(demo)
            let used = canvas.write(text, x: rect.x, y: rect.y, role: role, limit: room)
            if state.isDemo {
                canvas.write("[DEMO]", x: rect.x + min(used + 2, room + 1), y: rect.y, role: .bannerDemo)
            }
            canvas.write(clock, x: rect.maxX - TextWidth.of(clock) - 1, y: rect.y, role: role)
        }
        let backEntry = state.view.backEntryRemaining
        let backEntryText = "\(backEntry) downtime booking\(backEntry == 1 ? "" : "s") still to back-enter"
        if let outage = state.view.activeOutage {
            let w = canvas.glyphs.warning
            headline(" \(w) OUTAGE \(w)  \(outage.system) is DOWN since \(Clock.time(outage.since, state.zone)) (\(Clock.duration(state.now.timeIntervalSince(outage.since))))",
                     role: .bannerOutage)
            canvas.write(" " + roundLine(state), x: rect.x, y: rect.y + 1, role: .bannerOutage, limit: rect.width)
            var next = rect.y + 2
            for line in [incidentLine(state), updateLine(state)].compactMap({ $0 }) {
                canvas.write(line, x: rect.x, y: next, role: .bannerOutage, limit: rect.width)
                next += 1
            }
            // What to do instead matters more than anything else here: it wraps over two lines rather than being cut.
            let advice = "Instead: \(outage.instructions)" + (outage.reason.isEmpty ? "" : " Reason: \(outage.reason)")
            for (index, line) in wrap(advice, width: rect.width - 2, lines: 2).enumerated() {
                canvas.write(" " + line, x: rect.x, y: next + index, role: .bannerOutage, limit: rect.width)
            }
            return
        }
        if let outage = state.view.latestOutage, let restored = outage.restoredAt, state.view.round != nil {
            let lasted = restored.timeIntervalSince(outage.since) >= 60 ? " after \(Clock.duration(restored.timeIntervalSince(outage.since)))" : ""
            headline(" RESTORED · \(outage.system) back since \(Clock.time(restored, state.zone))\(lasted)", role: .bannerRestored)
            canvas.write(" " + roundLine(state, then: backEntry > 0 ? [backEntryText] : []), x: rect.x, y: rect.y + 1, role: .bannerRestored, limit: rect.width)
            if let line = incidentLine(state) { canvas.write(line, x: rect.x, y: rect.y + 2, role: .bannerRestored, limit: rect.width) }
            return
        }
        if backEntry > 0 {
            // Restored, but the paper record is not yet in the central system: stays visible until it is.
            headline(" RESTORED · \(backEntryText) into the central system", role: .bannerRestored)
            if let line = incidentLine(state) { canvas.write(line, x: rect.x, y: rect.y + 1, role: .bannerRestored, limit: rect.width) }
            return
        }
        if let line = incidentLine(state) {
            // Restored and back-entered, but the incident waits for the reporter's agreement to close.
            headline(" RESTORED · central system UP; the incident is still open", role: .bannerRestored)
            canvas.write(line, x: rect.x, y: rect.y + 1, role: .bannerRestored, limit: rect.width)
            return
        }
        headline(" Downtime Desk \(canvas.glyphs.separator) central system UP, no outage declared",
                 role: .bannerNormal)
    }

    /// The round's progress, the outbox if mail is stuck, and what this terminal's own organisation still owes.
    static func roundLine(_ state: AppState, then more: [String] = []) -> String {
        guard let round = state.view.round else { return "No notice has been sent for this outage." }
        var parts = ["\(round.notice.heading) \(round.notice.reference): \(round.progress(at: state.now))"]
        // What this terminal itself owes comes before the mail's state, so a narrow screen cuts the latter.
        if let party = sitePartyInRound(state) {
            if let ack = round.acknowledgments[party.id] { parts.append("you acknowledged \(Clock.time(ack.at, state.zone))") }
            else { parts.append(StatusLine.boundKey("acknowledge", state).map { "press \($0) to ACKNOWLEDGE" } ?? "NOT ACKNOWLEDGED here") }
        }
        parts += more
        if state.view.outboxFailed > 0 { parts.append("\(state.view.outboxFailed) email\(state.view.outboxFailed == 1 ? "" : "s") FAILED, retrying") }
        else if state.view.outboxWaiting > 0 { parts.append("\(state.view.outboxWaiting) email\(state.view.outboxWaiting == 1 ? "" : "s") waiting to send") }
        return parts.joined(separator: " · ")
    }
}
