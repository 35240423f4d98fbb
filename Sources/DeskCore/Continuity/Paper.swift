import Foundation

/// Plain-text pages for `lp`: 80 columns, a heading with page numbers on each page, pages split by form feeds.
public enum Paper {
    public static let width = 80
    public static let pageLines = 60

    /// `text` wrapped to `width` by words, keeping its leading spaces as the indent and hanging continuation lines
    /// under it. A phone number (digit groups such as `01632 960109`) is never split across lines; a word longer
    /// than a line is the one thing cut, since no other break exists.
    public static func wrapped(_ text: String, width: Int = Paper.width, hang: Int = 2) -> [String] {
        let indent = text.prefix { $0 == " " }.count
        let lead = String(repeating: " ", count: indent)
        let body = Sanitise.visible(String(text.dropFirst(indent)))
        guard !body.isEmpty else { return [text] }
        // The first line has the whole width after the indent; the lines hanging under it have less.
        var lines: [String] = [], current = ""
        var room = max(10, width - indent)
        for word in joiningNumbers(body).split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty, TextWidth.of(current) + 1 + TextWidth.of(String(word)) > room {
                lines.append(current); current = ""; room = max(10, width - indent - hang)
            }
            current += (current.isEmpty ? "" : " ") + word
        }
        lines.append(current)
        return lines.enumerated().map { index, line in
            let hanging = index == 0 ? "" : String(repeating: " ", count: hang)
            return lead + hanging + line.replacingOccurrences(of: "\u{00A0}", with: " ")
        }
    }

    /// Digit groups that run on from a group of digits are joined by a no-break space, so wrapping keeps a phone
    /// number on one line.
    static func joiningNumbers(_ text: String) -> String {
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        var out = ""
        for (index, word) in words.enumerated() {
            if index > 0 {
                let previous = words[index - 1]
                let runsOn = !previous.isEmpty && previous.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "+") }
                    && word.first.map { $0.isASCII && $0.isNumber } == true
                out += runsOn ? "\u{00A0}" : " "
            }
            out += word
        }
        return out
    }

    /// Text written as paragraphs (lines joined until a blank line; a line starting `- ` opens a list item, whose
    /// indented lines run on from it) wrapped to `width`, so a file written at any width never leaves orphans.
    public static func reflowed(_ text: String, width: Int = Paper.width) -> [String] {
        var out: [String] = []
        var paragraph: String?
        var hang = 0
        func flush() {
            if let paragraph { out += wrapped(paragraph, width: width, hang: hang) }
            paragraph = nil
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { flush(); out.append(""); continue }
            if line.hasPrefix("- ") || line.hasPrefix("* ") || paragraph == nil {
                flush()
                paragraph = line
                hang = line.hasPrefix("- ") || line.hasPrefix("* ") ? 2 : 0
            } else {
                paragraph! += " " + line
            }
        }
        flush()
        while out.last == "" { out.removeLast() }
        return out
    }

    /// Pages of `width` columns. Nothing is cut: a line too long is wrapped by words; a paragraph (lines between
    /// blank lines) that fits on a page is moved whole to the next page rather than split.
    public static func paginate(heading: String, body: [String]) -> String {
        let perPage = pageLines - 2
        let lines = body.flatMap { TextWidth.of($0) > width ? wrapped($0, width: width) : [$0] }
        var blocks: [[String]] = [[]]
        for line in lines {
            if line.isEmpty { blocks[blocks.count - 1].append(line); blocks.append([]) } else { blocks[blocks.count - 1].append(line) }
        }
        var pages: [[String]] = [[]]
        for block in blocks where !block.isEmpty {
            let printed = block.last == "" ? block.count - 1 : block.count
            if pages[pages.count - 1].count + printed > perPage, printed <= perPage, !pages[pages.count - 1].isEmpty {
                pages.append([])
            }
            for line in block {
                if pages[pages.count - 1].count >= perPage { pages.append([]) }
                if line.isEmpty && pages[pages.count - 1].isEmpty { continue }
                pages[pages.count - 1].append(line)
            }
        }
        return pages.enumerated().map { index, lines in
            let mark = "page \(index + 1) of \(pages.count)"
            let title = TextWidth.fit(heading, to: width - mark.count - 1) + " " + mark
            return ([title, ""] + lines).joined(separator: "\n") + "\n"
        }.joined(separator: "\u{0C}")
    }

    public static var rule: String { String(repeating: "-", count: width) }
}

/// The incident and its runbook as lines of text: `incident show`, the incident and runbook views, the hand-over.
public enum IncidentText {
    /// `namingRunbook` false leaves the runbook's name out of the "Opened" line, for pages with a runbook section.
    public static func summary(_ detail: IncidentDetail, now: Date, zone: TimeZone,
                               namingRunbook: Bool = true, supportHours: SupportHours = .seed003) -> [String] {
        let incident = detail.incident
        var lines = ["\(incident.number) · severity \(incident.severity) · "
                     + incident.hssiSummary]
        if let outage = detail.outage {
            let state = outage.restoredAt.map { "restored \(Instant.readable($0, zone: zone)) after \(Instant.elapsed($0.timeIntervalSince(outage.since)))" }
                ?? "DOWN for \(Instant.elapsed(now.timeIntervalSince(outage.since)))"
            lines.append("Outage: \(Sanitise.visible(outage.system)) since \(Instant.readable(outage.since, zone: zone)), \(state)")
        }
        lines.append("Opened \(Instant.readable(incident.openedAt, zone: zone)); reported by \(Sanitise.visible(incident.reporter))"
                     + (incident.function.map { namingRunbook ? "; runbook: \($0)" : "" } ?? "; no runbook"))
        if let closed = incident.closedAt {
            lines.append("CLOSED \(Instant.readable(closed, zone: zone)) by \(incident.closedBy ?? "?"), agreed with \(incident.agreedBy ?? "?")"
                         + (incident.closeOverride.map { " (OVERRIDE: \($0))" } ?? ""))
        } else {
            let blockers = detail.closureBlockers
            lines.append(blockers.isEmpty ? "Open: ready to close once the reporter agrees"
                         : "Open: cannot close yet, \(blockers.joined(separator: " and "))")
            lines.append(supportHours.sentence(severity: incident.severity, at: now, zone: zone))
        }
        return lines
    }

    /// With `today`, entries made that day show their time alone (a page dated at its top).
    public static func timeline(_ entries: [IncidentEntry], zone: TimeZone, today: LocalDate? = nil) -> [String] {
        entries.map { entry in
            let when = LocalDate(entry.at, in: zone) == today ? TimeOfDay(entry.at, in: zone).description
                : Instant.readable(entry.at, zone: zone)
            return "\(when)  \(Sanitise.visible(entry.by)): \(Sanitise.visible(entry.text))"
        }
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
            if let tick = item.tick {
                let time = TimeOfDay(tick.at, in: zone)
                text += tick.isByDesk ? " — done by Downtime Desk at \(time)"
                    : " — done \(time) by \(Sanitise.visible(tick.by))"
            }
            return text
        }
    }
}
