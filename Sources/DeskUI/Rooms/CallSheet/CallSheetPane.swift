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
        // Only the parties on screen are read and written out: the drawing starts from the rows near the
        // selection, so a frame costs the same for twenty parties as for a thousand.
        let selected = state.selected(.callsheet)
        let inRound = round != nil
        // Every party takes two lines at least, so no more than half a pane's worth either side can show.
        let nearEnd = min(rows.count, max(0, selected) + inner.height / 2 + 2)
        try? CallSheetRow.readReach(of: rows[min(nearEnd, max(0, selected - inner.height / 2 - 1))..<nearEnd])
        let first = CallSheetScroll.firstParty(selected: selected, count: rows.count, personnel: personnel.count,
                                               height: inner.height) {
            lineCount(rows[$0], inRound: inRound, width: inner.width)
        }
        var lines: [(party: Int, text: String, role: Role)] = first == nil ? personnel : []
        var selectedLine: Int?
        for index in (first ?? 0)..<rows.count {
            if lines.count >= inner.height { break }
            if index == selected { selectedLine = lines.count }
            let block = Self.block(rows[index], index: index, state: state, width: inner.width)
            assert(block.count == lineCount(rows[index], inRound: inRound, width: inner.width),
                   "lineCount must count exactly the lines block writes")
            lines += block
        }
        for (row, line) in lines.prefix(inner.height).enumerated() {
            let y = inner.y + row
            canvas.write(TextWidth.fit(line.text, to: inner.width), x: inner.x, y: y, role: line.role, limit: inner.width)
            if row == selectedLine && state.focus == .callsheet {
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
        let reach = row.reach
        // A party with no number known says so; one whose contacts were not read says that instead.
        return 1 + (reach.contactsUnreadable ? 1 + reach.numbers.count : max(1, reach.numbers.count))
            + (inRound && !reach.emails.isEmpty ? 1 : 0) + (row.attempts.isEmpty ? 0 : 1)
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
        let reach = row.reach
        if reach.contactsUnreadable {
            lines.append((index, "  its contacts' numbers could not be read just now", .error))
        } else if reach.numbers.isEmpty { lines.append((index, "  no phone number known", .error)) }
        for number in reach.numbers {
            let wrong = reach.wrongNumbers.contains(number.number)
            lines.append((index, "  " + TextWidth.fit(number.number.description, to: 13) + " " + (wrong ? "✗ WRONG NUMBER " : "") + Sanitise.visible(number.label),
                          wrong ? .error : .ui))
        }
        if state.view.round != nil, !reach.emails.isEmpty {
            lines.append((index, "  email " + reach.emails.map(\.value).joined(separator: ", "), .muted))
        }
        for line in warningLines(row, width: width) { lines.append((index, line, .error)) }
        if let last = row.attempts.last {
            lines.append((index, "  \(row.attempts.count) call\(row.attempts.count == 1 ? "" : "s"), last \(Clock.time(last.at, state.zone)) \(last.outcome.label)", .muted))
        }
        return lines
    }
}
