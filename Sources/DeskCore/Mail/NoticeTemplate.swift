import Foundation

/// A notice email a service can edit: a `Subject:` line, a blank line, then the body, with `{{placeholders}}`.
/// Lines starting with `#` before the subject are comments. Checked when read, so a typo is found before an outage.
public struct NoticeTemplate: Equatable, Sendable {
    public var subject: String
    public var body: String
    /// Where it came from, for messages about it.
    public var source: String

    public static let placeholders: [String: String] = [
        "reference": "the token replies are matched by (the subject must carry it)",
        "party": "the organisation the message is addressed to",
        "system": "the system that is down",
        "since": "when the outage began",
        "restored_at": "when it was restored (restoration notices)",
        "duration": "how long it was or has been down",
        "reason": "why, if known",
        "instructions": "what to do instead",
        "practice_phones": "every participating practice with its phone numbers, one per line",
        "host": "the service host's name",
        "host_phone": "the service host's main phone number",
        "deadline": "the time by which to acknowledge",
        "message": "what the update says (update notices)",
        "eta": "when the system is expected back, or that it is not yet known (update notices)",
        "update_at": "when the update was sent (update notices)",
    ]

    public struct Problem: Error, Equatable, CustomStringConvertible {
        public var source: String
        public var line: Int
        public var message: String
        public var description: String { "\(source) line \(line): \(message)" }
        public init(source: String, line: Int, message: String) { self.source = source; self.line = line; self.message = message }
    }

    public init(subject: String, body: String, source: String) {
        self.subject = subject; self.body = body; self.source = source
    }

    public init(parsing text: String, source: String) throws(Problem) {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        while index < lines.count, lines[index].hasPrefix("#") || lines[index].trimmingCharacters(in: .whitespaces).isEmpty { index += 1 }
        guard index < lines.count, lines[index].lowercased().hasPrefix("subject:") else {
            throw Problem(source: source, line: min(index + 1, max(1, lines.count)), message: "the template must start with a 'Subject:' line")
        }
        let subjectLine = index + 1
        subject = String(lines[index].dropFirst("subject:".count)).trimmingCharacters(in: .whitespaces)
        self.source = source
        guard subject.contains("{{reference}}") else {
            throw Problem(source: source, line: subjectLine, message: "the subject must carry {{reference}} so replies can be matched to the notice")
        }
        try Self.check(subject, firstLine: subjectLine, source: source)
        index += 1
        if index < lines.count, !lines[index].trimmingCharacters(in: .whitespaces).isEmpty {
            throw Problem(source: source, line: index + 1, message: "a blank line must follow the subject")
        }
        body = lines.dropFirst(index + 1).joined(separator: "\n").trimmingCharacters(in: .newlines)
        guard !body.isEmpty else { throw Problem(source: source, line: index + 1, message: "the message body is empty") }
        try Self.check(body, firstLine: index + 2, source: source)
    }

    /// Every `{{name}}` must be a known placeholder and every `{{` must close on its line.
    static func check(_ text: String, firstLine: Int, source: String) throws(Problem) {
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = Substring(line)
            while let open = rest.range(of: "{{") {
                guard let close = rest[open.upperBound...].range(of: "}}") else {
                    throw Problem(source: source, line: firstLine + offset, message: "'{{' is not closed with '}}'")
                }
                let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                guard placeholders[name] != nil else {
                    throw Problem(source: source, line: firstLine + offset,
                                  message: "unknown placeholder {{\(Sanitise.visible(name))}}; known: \(placeholders.keys.sorted().joined(separator: ", "))")
                }
                rest = rest[close.upperBound...]
            }
        }
    }

    /// Fills the placeholders. Values go into the subject on one line (a line break there could start a header).
    public func render(_ values: [String: String]) -> (subject: String, body: String) {
        // Only the values the subject names are made single-line (not the whole phone list, for every party).
        (renderSubject(values), Self.fill(body) { values[$0] })
    }

    /// The subject alone, as `render` makes it: what the outbox keeps before the body is composed.
    public func renderSubject(_ values: [String: String]) -> String {
        HeaderText.singleLine(Self.fill(subject) { values[$0].map(HeaderText.singleLine) })
    }

    /// Scans the UTF-8 bytes for `{{` and `}}` (Foundation's search and trim were most of composing a round's
    /// subjects). Braces are ASCII, so every index found is a character boundary.
    static func fill(_ text: String, _ value: (String) -> String?) -> String {
        let bytes = text.utf8
        var out = ""
        var copied = bytes.startIndex
        var index = bytes.startIndex
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "{")) {
            let afterOpen = bytes.index(after: open)
            guard afterOpen < bytes.endIndex, bytes[afterOpen] == UInt8(ascii: "{") else { index = afterOpen; continue }
            let nameStart = bytes.index(after: afterOpen)
            guard let close = closingBraces(bytes, from: nameStart) else { break }
            out += text[copied..<open]
            out += value(Sanitise.trimmingSpaces(text[nameStart..<close])) ?? ""
            copied = bytes.index(close, offsetBy: 2)
            index = copied
        }
        return out + text[copied...]
    }

    private static func closingBraces(_ bytes: String.UTF8View, from start: String.Index) -> String.Index? {
        var index = start
        while let brace = bytes[index...].firstIndex(of: UInt8(ascii: "}")) {
            let next = bytes.index(after: brace)
            if next < bytes.endIndex, bytes[next] == UInt8(ascii: "}") { return brace }
            index = next
        }
        return nil
    }
}
