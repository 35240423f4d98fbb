import Foundation

/// A received message, read just far enough to match it to a notice: its headers and its raw body.
public struct InboundMail: Equatable, Sendable {
    /// Header names lower-cased, values unfolded; repeated headers keep every value in order.
    public var headers: [(name: String, value: String)]
    public var body: String

    public static func == (a: InboundMail, b: InboundMail) -> Bool {
        a.body == b.body && a.headers.map(\.name) == b.headers.map(\.name) && a.headers.map(\.value) == b.headers.map(\.value)
    }

    public enum Malformed: Error, Equatable, CustomStringConvertible {
        case empty
        case notAHeader(line: Int)
        case endsInHeaders
        case missingFrom

        public var description: String {
            switch self {
            case .empty: return "the file is empty"
            case .notAHeader(let line): return "line \(line) is not a mail header"
            case .endsInHeaders: return "the message ends inside its headers (cut short?)"
            case .missingFrom: return "the message has no From header"
            }
        }
    }

    init(headers: [(name: String, value: String)], body: String) { self.headers = headers; self.body = body }

    public init(parsing text: String) throws(Malformed) {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .empty }
        var headers: [(name: String, value: String)] = []
        var index = 0
        var sawBlank = false
        while index < lines.count {
            let line = lines[index]
            if line.isEmpty { sawBlank = true; index += 1; break }
            if line.first == " " || line.first == "\t" {
                guard !headers.isEmpty else { throw .notAHeader(line: index + 1) }
                headers[headers.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
            } else if index == 0 && line.hasPrefix("From ") {
                // An mbox "From " envelope line some delivery agents leave at the top.
            } else {
                guard let colon = line.firstIndex(of: ":"), colon != line.startIndex,
                      line[..<colon].allSatisfy({ $0.isASCII && $0 != " " && !$0.isWhitespace }) else {
                    throw .notAHeader(line: index + 1)
                }
                headers.append((line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
            index += 1
        }
        guard sawBlank else { throw .endsInHeaders }
        self.headers = headers
        body = lines[index...].joined(separator: "\n")
        guard header("from") != nil else { throw .missingFrom }
    }

    public func header(_ name: String) -> String? { headers.first { $0.name == name }?.value }

    public var subject: String { EncodedWords.decode(header("subject") ?? "") }
    public var from: String { EncodedWords.decode(header("from") ?? "") }
    public var messageID: String? { header("message-id").flatMap { MessageIDs.all(in: $0).first } }

    /// The sender's address alone, lower-cased: `Gwen <gwen@x.org>` → `gwen@x.org`.
    public var fromAddress: String? {
        let text = header("from") ?? ""
        if let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close {
            return String(text[text.index(after: open)..<close]).lowercased()
        }
        return text.split(separator: " ").first { $0.contains("@") }.map { $0.lowercased() }
    }

    /// Message-IDs this message answers (In-Reply-To, then References).
    public var repliesTo: [String] {
        MessageIDs.all(in: header("in-reply-to") ?? "") + MessageIDs.all(in: header("references") ?? "")
    }

    /// A delivery failure report or an automatic reply: never an acknowledgment from a person.
    public var automaticKind: String? {
        let contentType = (header("content-type") ?? "").lowercased()
        let sender = (fromAddress ?? "").lowercased()
        if contentType.contains("multipart/report") && contentType.contains("delivery-status") { return "bounce" }
        if sender.hasPrefix("mailer-daemon@") || sender.hasPrefix("postmaster@") || sender == "mailer-daemon" { return "bounce" }
        if header("return-path") == "<>" { return "bounce" }
        if let auto = header("auto-submitted")?.lowercased(), !auto.hasPrefix("no") { return "automatic reply" }
        let subject = self.subject.lowercased()
        if subject.hasPrefix("out of office") || subject.hasPrefix("automatic reply") || subject.hasPrefix("auto:") { return "automatic reply" }
        return nil
    }
}

/// The `<…>` identifiers in a Message-ID, In-Reply-To or References header.
public enum MessageIDs {
    public static func all(in text: String) -> [String] {
        var out: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            out.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return out
    }
}

/// RFC 2047 encoded words (`=?utf-8?B?…?=`, `=?iso-8859-1?Q?…?=`) in a header value, decoded for matching.
public enum EncodedWords {
    public static func decode(_ text: String) -> String {
        guard text.contains("=?") else { return text }
        var out = ""
        var rest = Substring(text)
        var lastWasWord = false
        while let start = rest.range(of: "=?") {
            let between = rest[..<start.lowerBound]
            // Whitespace between two encoded words is not part of the text (RFC 2047 §6.2).
            if !(lastWasWord && between.allSatisfy(\.isWhitespace)) { out += between }
            let afterStart = rest[start.upperBound...]
            let parts = afterStart.split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
            guard parts.count == 4, parts[3].hasPrefix("="), let decoded = word(charset: String(parts[0]), encoding: String(parts[1]), text: String(parts[2])) else {
                out += "=?"; rest = afterStart; lastWasWord = false; continue
            }
            out += decoded
            rest = parts[3].dropFirst()
            lastWasWord = true
        }
        return out + rest
    }

    static func word(charset: String, encoding: String, text: String) -> String? {
        let bytes: Data?
        switch encoding.uppercased() {
        case "B": bytes = Data(base64Encoded: text, options: .ignoreUnknownCharacters) ?? Data(base64Encoded: text + "==")
        case "Q": bytes = Data(QuotedPrintable.decodeBytes(text.replacingOccurrences(of: "_", with: " ")))
        default: return nil
        }
        guard let bytes else { return nil }
        if charset.lowercased().hasPrefix("utf-8") || charset.lowercased() == "us-ascii" { return String(decoding: bytes, as: UTF8.self) }
        return String(data: bytes, encoding: .isoLatin1)
    }
}
