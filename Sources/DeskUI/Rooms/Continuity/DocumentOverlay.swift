import DeskCore
import DeskConfig

/// A full-body view of wrapped text lines (incident, runbook, hand-over), scrolled, with its keys on the last line.
enum DocumentOverlay {
    struct Line {
        var text: String
        var role: Role
        /// Continuation lines of a wrapped line are indented by this much.
        var hang = 2
        var selected = false
    }

    static func render(title: String, lines: [Line], scroll: Int, footer: String, into canvas: inout Canvas, at rect: Rect) {
        let box = rect
        canvas.fill(box, role: .help)
        canvas.box(box, role: .paneFocus)
        canvas.write(" \(title) ", x: box.x + 2, y: box.y, role: .paneFocus, limit: box.width - 4)
        let inner = box.inset(by: 1)
        let width = inner.width - 2
        var wrapped: [Line] = []
        for line in lines {
            for piece in Paper.wrapped(line.text, width: width, hang: line.hang) {
                wrapped.append(Line(text: piece, role: line.role, selected: line.selected))
            }
        }
        let visible = max(1, inner.height - 1)
        // A selected line stays in view; otherwise the scroll is clamped so the end is reachable but not passed.
        var offset = min(scroll, max(0, wrapped.count - visible))
        if let first = wrapped.firstIndex(where: \.selected), let last = wrapped.lastIndex(where: \.selected) {
            offset = max(0, min(first, last - visible + 1, wrapped.count - visible))
        }
        for (row, line) in wrapped.dropFirst(offset).prefix(visible).enumerated() {
            let y = inner.y + row
            if line.selected { canvas.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selection) }
            canvas.write(line.text, x: inner.x + 1, y: y, role: line.selected ? .selection : line.role, limit: width)
        }
        let more = wrapped.count - offset > visible ? "Down for more · " : ""
        canvas.write(more + footer, x: inner.x + 1, y: inner.maxY - 1, role: .muted, limit: width)
    }
}

/// The open incident: number, severity, HSSI, outage, closure state, then its timeline, newest first.
enum IncidentView {
    static func render(_ state: AppState, scroll: Int, into canvas: inout Canvas, at rect: Rect) {
        guard let detail = state.view.incident else { return }
        var lines = IncidentText.summary(detail, now: state.now, zone: state.zone, supportHours: state.supportHours)
            .enumerated()
            .map { DocumentOverlay.Line(text: $1, role: $0 == 0 && detail.incident.isHighSeverity ? .error : .help) }
        if let runbook = detail.runbook(at: state.now) {
            let key = state.keyHint(.showRunbook, in: .overlay(.incident))
            lines.append(.init(text: "Runbook: \(runbook.function.name) · \(runbook.progress) (\(key) shows it)",
                               role: runbook.dueEscalations.isEmpty ? .help : .error))
        }
        lines.append(.init(text: "", role: .help))
        lines.append(.init(text: "Timeline, newest first", role: .paneTitle))
        lines += IncidentText.timeline(detail.entries.reversed(), zone: state.zone).map { .init(text: $0, role: .help, hang: 4) }
        let footer = state.footer([(.incidentNote, "note"), (.incidentSeverity, "severity"), (.closeIncident, "close")],
                                  in: .overlay(.incident))
        DocumentOverlay.render(title: "Incident \(detail.incident.number)", lines: lines, scroll: scroll, footer: footer, into: &canvas, at: rect)
    }
}

/// The runbook as a checklist: steps, then escalations (`[!]` when due), then the function's key personnel.
enum RunbookView {
    static func render(_ state: AppState, selected: Int, into canvas: inout Canvas, at rect: Rect) {
        guard let detail = state.view.incident, let runbook = detail.runbook(at: state.now) else { return }
        var lines: [DocumentOverlay.Line] = [.init(text: "\(detail.incident.number) · \(runbook.progress)", role: runbook.dueEscalations.isEmpty ? .help : .error)]
        let checklist = IncidentText.checklist(runbook, zone: state.zone)
        for (index, item) in runbook.items.enumerated() {
            if index == runbook.stepCount { lines.append(.init(text: "Escalations, by how long the outage has lasted", role: .paneTitle)) }
            let role: Role = item.isDone ? .muted : (item.isDue ? .error : .help)
            lines.append(.init(text: checklist[index], role: role, hang: 7, selected: index == selected))
        }
        if !detail.keyPersonnel.isEmpty {
            lines.append(.init(text: "Key personnel", role: .paneTitle))
            for entry in detail.keyPersonnel {
                lines.append(.init(text: "\(entry.person.name) (\(entry.part)) \(entry.person.phones.map(\.description).joined(separator: ", "))", role: .help, hang: 4))
            }
        }
        let scope = BindingScope.overlay(.runbook)
        let choose = "\(state.keyHint(.moveUp, in: scope))/\(state.keyHint(.moveDown, in: scope)) choose · "
        DocumentOverlay.render(title: "Runbook: \(runbook.function.name)", lines: lines, scroll: 0,
                               footer: choose + state.footer([(.tickStep, "ticks or unticks")], in: .overlay(.runbook)),
                               into: &canvas, at: rect)
    }
}

/// The hand-over page, as `print handover` prints it.
enum HandoverView {
    static func render(_ state: AppState, scroll: Int, into canvas: inout Canvas, at rect: Rect) {
        let lines = HandoverSheet.lines(view: state.view, now: state.now, zone: state.zone,
                                        supportHours: state.supportHours,
                                        updateCadence: state.updateCadence).map { text -> DocumentOverlay.Line in
            let isHeading = !text.isEmpty && text == text.uppercased() && !text.hasPrefix(" ")
            return .init(text: text, role: isHeading ? .paneTitle : (text.contains("OVERDUE") || text.contains("DUE") ? .error : .help), hang: 4)
        }
        DocumentOverlay.render(title: "Shift hand-over", lines: lines, scroll: scroll,
                               footer: "Print it with downtime-desk print handover · "
                                   + "\(state.keyHint(.cancel, in: .global)) closes",
                               into: &canvas, at: rect)
    }
}
