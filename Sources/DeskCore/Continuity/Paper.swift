import Foundation

/// Plain-text pages for `lp`: 80 columns, a heading with page numbers on each page, pages split by form feeds.
public enum Paper {
    public static let width = 80
    public static let pageLines = 60

    /// `text` wrapped to `width`, keeping its leading spaces as the indent and hanging continuation lines under it.
    public static func wrapped(_ text: String, width: Int = Paper.width, hang: Int = 2) -> [String] {
        let indent = text.prefix { $0 == " " }.count
        let lead = String(repeating: " ", count: indent)
        let body = Sanitise.visible(String(text.dropFirst(indent)))
        guard !body.isEmpty else { return [text] }
        let lines = TextWidth.wrap(body, width: max(10, width - indent - hang))
        return lines.enumerated().map { index, line in lead + (index == 0 ? "" : String(repeating: " ", count: hang)) + line }
    }

    public static func paginate(heading: String, body: [String]) -> String {
        let perPage = pageLines - 2
        let pages = stride(from: 0, to: max(body.count, 1), by: perPage).map { Array(body[$0..<min($0 + perPage, body.count)]) }
        return pages.enumerated().map { index, lines in
            let mark = "page \(index + 1) of \(pages.count)"
            let title = TextWidth.fit(heading, to: width - mark.count - 1) + " " + mark
            return ([title, ""] + lines.map { TextWidth.truncate($0, to: width) }).joined(separator: "\n") + "\n"
        }.joined(separator: "\u{0C}")
    }

    public static var rule: String { String(repeating: "-", count: width) }
}

/// The incident and its runbook as lines of text: `incident show`, the incident and runbook views, the hand-over.
public enum IncidentText {
    public static func summary(_ detail: IncidentDetail, now: Date, zone: TimeZone) -> [String] {
        let incident = detail.incident
        var lines = ["\(incident.number) · severity \(incident.severity) · "
                     + incident.hssiSummary]
        if let outage = detail.outage {
            let state = outage.restoredAt.map { "restored \(Instant.readable($0, zone: zone)) after \(Instant.elapsed($0.timeIntervalSince(outage.since)))" }
                ?? "DOWN for \(Instant.elapsed(now.timeIntervalSince(outage.since)))"
            lines.append("Outage: \(Sanitise.visible(outage.system)) since \(Instant.readable(outage.since, zone: zone)), \(state)")
        }
        lines.append("Opened \(Instant.readable(incident.openedAt, zone: zone)); reported by \(Sanitise.visible(incident.reporter))"
                     + (incident.function.map { "; runbook: \($0)" } ?? "; no runbook"))
        if let closed = incident.closedAt {
            lines.append("CLOSED \(Instant.readable(closed, zone: zone)) by \(incident.closedBy ?? "?"), agreed with \(incident.agreedBy ?? "?")"
                         + (incident.closeOverride.map { " (OVERRIDE: \($0))" } ?? ""))
        } else {
            let blockers = detail.closureBlockers
            lines.append(blockers.isEmpty ? "Open: ready to close once the reporter agrees"
                         : "Open: cannot close yet, \(blockers.joined(separator: " and "))")
        }
        return lines
    }

    public static func timeline(_ entries: [IncidentEntry], zone: TimeZone) -> [String] {
        entries.map { "\(Instant.readable($0.at, zone: zone))  \(Sanitise.visible($0.by)): \(Sanitise.visible($0.text))" }
    }

    /// One line per runbook item: `[x]` done, `[ ]` to do, `[!]` an escalation that is due.
    public static func checklist(_ runbook: Runbook, zone: TimeZone) -> [String] {
        runbook.items.enumerated().map { index, item in
            let mark = item.isDone ? "[x]" : (item.isDue ? "[!]" : "[ ]")
            var text = "\(index + 1). \(mark) "
            if case .escalation(let after, let contact) = item.kind {
                text += "after \(after.words): \(item.text)" + (contact.isEmpty ? "" : " (contact \(contact.joined(separator: ", ")))")
                if item.isDue && !item.isDone { text += " — DUE" }
            } else {
                text += item.text
            }
            if let tick = item.tick { text += " — done \(TimeOfDay(tick.at, in: zone)) by \(Sanitise.visible(tick.by))" }
            return text
        }
    }
}
