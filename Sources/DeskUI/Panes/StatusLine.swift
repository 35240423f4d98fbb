import DeskCore
import DeskConfig

/// The bottom line: who and where this terminal is, the last message, and the keys that matter now.
public enum StatusLine: PaneRenderer {
    public static func render(_ state: AppState, into canvas: inout Canvas, at rect: Rect) {
        // Stale data outranks everything else here: nobody should book from a screen that stopped updating.
        if let failure = state.readFailure {
            canvas.fill(rect, role: .error)
            let w = canvas.glyphs.warning
            canvas.write(" \(w) NOT UPDATING since \(Clock.time(failure.since, state.zone)): what you see may be out of date. \(Sanitise.visible(failure.reason))",
                         x: rect.x, y: rect.y, role: .error, limit: rect.width)
            return
        }
        if let trouble = state.writeTrouble {
            canvas.fill(rect, role: .error)
            let w = canvas.glyphs.warning
            let text: String
            switch trouble.kind {
            case .readOnly: text = " \(w) READ-ONLY: nothing can be saved. \(Sanitise.visible(trouble.reason))"
            case .locked:
                text = " \(w) NOT SAVED YET: another program has held the file since "
                    + "\(Clock.time(trouble.since, state.zone)). "
                    + (state.message ?? "What you type is kept.")
            }
            canvas.write(text, x: rect.x, y: rect.y, role: .error, limit: rect.width)
            return
        }
        canvas.fill(rect, role: .status)
        let site = state.actor.site.isEmpty ? "no site" : state.actor.site
        var who = " \(state.actor.user) @ \(site) (\(state.actor.role.rawValue)) "
        // Where the hub stands: a desk that has not heard from other sites must say so, as a stale screen does.
        // It matters more than the terminal's role, and its short form is still whole words.
        var hub = state.hub.map { " \($0.sentence(zone: state.zone)) " }
        if let full = hub, TextWidth.of(who) + TextWidth.of(full) > rect.width {
            who = " \(state.actor.user) @ \(site) "
            if TextWidth.of(who) + TextWidth.of(full) > rect.width,
               let short = state.hub?.shortSentence(zone: state.zone) {
                hub = " \(short) "
            }
        }
        var used = canvas.write(who, x: rect.x, y: rect.y, role: .statusKey, limit: rect.width)
        if let hub, let trouble = state.hub?.isTrouble {
            used += canvas.write(hub, x: rect.x + used, y: rect.y, role: trouble ? .error : .status,
                                 limit: rect.width - used)
        }
        // Seed 002: the plan is reviewed at least yearly; past that, every terminal says so until it is.
        if state.view.planReviewOverdue(today: LocalDate(state.now, in: state.zone)) {
            used += canvas.write(" PLAN REVIEW OVERDUE ", x: rect.x + used, y: rect.y, role: .error, limit: rect.width - used)
        }
        // A record that could not be read is not on screen: say so, in words, until it is put right.
        if state.view.unreadableRecords != nil {
            used += canvas.write(" \(canvas.glyphs.warning) RECORDS UNREADABLE: journal verify ", x: rect.x + used,
                                 y: rect.y, role: .error,
                                 limit: rect.width - used)
        }
        let hints = hintText(state)
        let hintsWidth = TextWidth.of(hints)
        // A message matters more than the standing hints: they give way when both do not fit.
        var room = rect.width - used
        if let busy = state.busy {
            canvas.write(" " + busy, x: rect.x + used, y: rect.y, role: .statusKey, limit: room)
            return
        }
        if let message = state.message {
            let shown = canvas.write(" " + message, x: rect.x + used, y: rect.y, role: .status, limit: room)
            room -= shown + 1
        }
        if hintsWidth <= room { canvas.write(hints, x: rect.maxX - hintsWidth, y: rect.y, role: .status) }
    }

    /// The keys bound right now to the most useful commands, read from the keymap so they never lie.
    static func hintText(_ state: AppState) -> String {
        func key(_ command: String) -> String? { boundKey(command, state) }
        let wanted: [(String, String)]
        if state.overlay != nil { wanted = [("cancel", "close")] }
        else if state.zoomed { wanted = [("zoom", "all panes"), ("help", "help"), ("quit", "quit")] }
        else { wanted = [("focus-next", "next pane"), ("help", "help"), ("quit", "quit")] }
        return wanted.compactMap { command, label in key(command).map { "\($0) \(label)" } }.joined(separator: " · ") + " "
    }

    /// The first key that runs `command` in the focused pane, if any.
    static func boundKey(_ command: String, _ state: AppState) -> String? {
        (state.keymap.keys(for: command, in: .pane(state.focus)) + state.keymap.keys(for: command, in: .global)).first?.description
    }
}
