import DeskCore
import DeskConfig

/// During a notice round: every party yet to acknowledge, most overdue first, each with every number to try and
/// its calls so far. Otherwise the directory as a phone list.
public enum CallSheetPane: PaneRenderer {
    public static func render(_ state: AppState, into canvas: inout Canvas, at rect: Rect) {
        if state.showsRecontact { RecontactPane.render(state, into: &canvas, at: rect); return }
        let rows = state.view.callSheetRows
        let round = state.view.round
        let dot = canvas.glyphs.separator
        let title = round.map {
            PaneFrame.fitting(["Call-sheet \(dot) \($0.notice.title) \(dot) \(rows.count) to call",
                               "Call-sheet \(dot) \(rows.count) to call"], .callsheet, state: state, width: rect.width)
        } ?? "Call-sheet (\(rows.count) parties)"
        let inner = PaneFrame.draw(.callsheet, title: title, state: state, into: &canvas, at: rect)
        if rows.isEmpty {
            let text = round.map { "Every party has acknowledged the \($0.notice.title)." } ?? "No parties in the directory."
            canvas.write(text, x: inner.x + 1, y: inner.y, role: .muted, limit: inner.width - 1)
            return
        }
        // Each party is a block of lines: when to call and its name, one line per number, then the last call.
        // The plan's people for the running function come first: the on-call reaches them before anyone else.
        let personnel = keyPersonnelLines(state, glyphs: canvas.glyphs)
        // Only the parties on screen are written out: with a thousand parties, writing every line cost a frame.
        let heights = rows.map { lineCount($0, inRound: round != nil, width: inner.width) }
        let selected = state.selected(.callsheet)
        let isListed = rows.indices.contains(selected)
        let selectedTop = isListed ? personnel.count + heights.prefix(selected).reduce(0, +) : 0
        let selectedBottom = isListed ? selectedTop + heights[selected] - 1 : 0
        var offset = 0
        if selectedBottom >= inner.height { offset = min(selectedTop, selectedBottom - inner.height + 1) }
        // Scrolled by party: the top line is always a party's name, never its numbers without it.
        if offset > 0 && offset < selectedTop {
            var top = personnel.count
            for height in heights where top < offset { top += height }
            offset = min(top, selectedTop)
        }
        var lines: [(party: Int, text: String, role: Role)] = []
        var top = 0
        if offset < personnel.count { lines = Array(personnel[offset...]) } else { top = personnel.count }
        for index in rows.indices {
            if lines.count >= inner.height { break }
            defer { top += heights[index] }
            guard top + heights[index] > offset else { continue }
            let block = Self.block(rows[index], index: index, state: state, width: inner.width)
            assert(block.count == heights[index], "lineCount must count exactly the lines block writes")
            lines += block.dropFirst(max(0, offset - top))
        }
        for (row, line) in lines.prefix(inner.height).enumerated() {
            let y = inner.y + row
            canvas.write(TextWidth.fit(line.text, to: inner.width), x: inner.x, y: y, role: line.role, limit: inner.width)
            if line.party == selected && state.focus == .callsheet && offset + row == selectedTop {
                canvas.paint(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selection)
            }
        }
    }

    static func keyPersonnelLines(_ state: AppState, glyphs: Glyphs) -> [(party: Int, text: String, role: Role)] {
        guard let detail = state.view.incident, let function = detail.function, state.view.latestOutage?.isActive == true else { return [] }
        return [(-1, "Key personnel \(glyphs.separator) \(function.name)", .paneTitle)] + detail.keyPersonnel.map { entry in
            (-1, "  \(entry.person.phones.first?.description ?? "no number")  \(entry.person.name) (\(entry.part))", .ui)
        }
    }

    /// How many lines `block` writes for a party, without writing them.
    static func lineCount(_ row: CallSheetRow, inRound: Bool, width: Int) -> Int {
        1 + max(1, row.numbers.count) + (inRound && !row.emails.isEmpty ? 1 : 0) + (row.attempts.isEmpty ? 0 : 1)
            + warningLines(row, width: width).count
    }

    /// An unverified reply's warning, wrapped so "confirm by phone" is never cut off a narrow pane.
    static func warningLines(_ row: CallSheetRow, width: Int) -> [String] {
        guard let reply = row.unverifiedReplies.last else { return [] }
        let wrapped = TextWidth.wrap(reply.warning, width: max(10, width - 4))
        return wrapped.enumerated().map { ($0.offset == 0 ? "  ⚠ " : "    ") + $0.element }
    }

    static func block(_ row: CallSheetRow, index: Int, state: AppState, width: Int) -> [(party: Int, text: String, role: Role)] {
        var lines: [(party: Int, text: String, role: Role)] = []
        let kind = row.organisation.kind.label
        var lead = ""
        var role = Role.callsheetParty
        if let due = row.nextCallDue {
            if due <= state.now { lead = "OVERDUE \(Clock.duration(state.now.timeIntervalSince(due))) "; role = .callsheetOverdue }
            else { lead = "call \(Clock.time(due, state.zone)) " }
        }
        let nameWidth = max(4, width - TextWidth.of(kind) - TextWidth.of(lead) - 1)
        lines.append((index, lead + TextWidth.fit(Sanitise.visible(row.organisation.name), to: nameWidth) + " " + kind, role))
        if row.numbers.isEmpty { lines.append((index, "  no phone number known", .error)) }
        for number in row.numbers {
            let wrong = row.wrongNumbers.contains(number.number)
            lines.append((index, "  " + TextWidth.fit(number.number.description, to: 13) + " " + (wrong ? "✗ WRONG NUMBER " : "") + Sanitise.visible(number.label),
                          wrong ? .error : .ui))
        }
        if state.view.round != nil, !row.emails.isEmpty {
            lines.append((index, "  email " + row.emails.map(\.value).joined(separator: ", "), .muted))
        }
        for line in warningLines(row, width: width) { lines.append((index, line, .error)) }
        if let last = row.attempts.last {
            lines.append((index, "  \(row.attempts.count) call\(row.attempts.count == 1 ? "" : "s"), last \(Clock.time(last.at, state.zone)) \(last.outcome.label)", .muted))
        }
        return lines
    }
}
