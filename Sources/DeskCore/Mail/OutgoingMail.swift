import Foundation
import Synchronization

/// One notice email as RFC 5322 text. Every header is built here from checked values, so nothing a party's
/// name or a template holds can start a header of its own or add a recipient.
public struct OutgoingMail: Equatable, Sendable {
    public var from: EmailAddress
    public var fromName: String
    public var to: [EmailAddress]
    public var subject: String
    public var body: String
    /// Without the angle brackets, e.g. `3F2A…@referral-host.example.org`.
    public var messageID: String
    public var date: Date
    public var zone: TimeZone
    /// The reply-matching token, also carried in the subject.
    public var reference: String
    /// A subscriber's copy says where to ask to be taken off (RFC 2369), as well as in its body.
    public var unsubscribeTo: EmailAddress?

    public init(from: EmailAddress, fromName: String, to: [EmailAddress], subject: String, body: String,
                messageID: String, date: Date, zone: TimeZone, reference: String) {
        self.from = from; self.fromName = fromName; self.to = to; self.subject = subject; self.body = body
        self.messageID = messageID; self.date = date; self.zone = zone; self.reference = reference
    }

    /// The whole message with LF line ends, as a local `sendmail -t` expects on standard input.
    public var rendered: String {
        var headers: [String] = []
        headers.append("Date: " + MailDate.format(date, zone: zone))
        headers.append("From: " + HeaderText.mailbox(name: fromName, address: from))
        headers.append(HeaderText.fold("To: " + to.map(\.value).joined(separator: ", ")))
        headers.append(HeaderText.fold("Subject: " + HeaderText.encodeIfNeeded(HeaderText.singleLine(subject))))
        headers.append("Message-ID: <\(messageID)>")
        headers.append("X-Downtime-Desk-Reference: \(reference)")
        if let unsubscribeTo { headers.append("List-Unsubscribe: <mailto:\(unsubscribeTo.value)?subject=UNSUBSCRIBE>") }
        // RFC 3834: out-of-office responders should stay quiet, so replies are people.
        headers.append("Auto-Submitted: auto-generated")
        headers.append("MIME-Version: 1.0")
        headers.append("Content-Type: text/plain; charset=utf-8")
        headers.append("Content-Transfer-Encoding: quoted-printable")
        return headers.joined(separator: "\n") + "\n\n" + QuotedPrintable.encode(HeaderText.plainBody(body)) + "\n"
    }
}

/// RFC 5322 §3.3 dates: `Sat, 21 Nov 2026 09:40:00 +0000`.
public enum MailDate {
    /// By arithmetic from the zone's offset at that moment: a DateFormatter made per message was a tenth of a
    /// notice round.
    public static func format(_ date: Date, zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: date)
        let (day, second) = Instant.utcDayAndSecond(date.addingTimeInterval(TimeInterval(offset)))  // local wall time
        var bytes = Array("\(day.weekdayName.prefix(3)), ".utf8)
        FixedDigits.append(day.day, width: 2, to: &bytes)
        bytes += Array(" \(day.monthAbbreviation) ".utf8)
        FixedDigits.append(day.year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        Instant.appendClock(second, to: &bytes)
        bytes += [UInt8(ascii: " "), offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")]
        FixedDigits.append(abs(offset) / 3600, width: 2, to: &bytes)
        FixedDigits.append(abs(offset) / 60 % 60, width: 2, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads the date forms mail programs write (with or without the weekday, with a zone comment).
    public static func parse(_ text: String) -> Date? {
        var cleaned = text.trimmingCharacters(in: .whitespaces)
        if let paren = cleaned.firstIndex(of: "(") { cleaned = String(cleaned[..<paren]).trimmingCharacters(in: .whitespaces) }
        // A Date header is anyone's text, and DateFormatter stops the program on some that is not ASCII (the
        // fuzzer found a combining mark after a digit); every date form is ASCII.
        guard cleaned.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        return formatters.withLock { formatters in
            for formatter in formatters { if let date = formatter.date(from: cleaned) { return date } }
            return nil
        }
    }

    /// Made once (each cost more than the parse) and used under a lock: a formatter is not safe on two threads.
    private static let patterns = ["EEE, d MMM yyyy HH:mm:ss Z", "d MMM yyyy HH:mm:ss Z", "EEE, d MMM yyyy HH:mm Z",
                                   "EEE, d MMM yyyy HH:mm:ss zzz"]
    private static let formatters = Mutex(patterns.map { pattern in
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = pattern
        return formatter
    })
}

/// Header values that cannot break out of their header.
public enum HeaderText {
    /// Line breaks and other controls become spaces: a value stays on its one header line.
    public static func singleLine(_ text: String) -> String {
        // Printable ASCII (most values) has nothing to replace.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return Sanitise.trimmingSpaces(text) }
        var out = ""
        for scalar in text.unicodeScalars { if Sanitise.isControl(scalar) { out.append(" ") } else { out.unicodeScalars.append(scalar) } }
        return Sanitise.trimmingSpaces(out)
    }

    /// Body text with LF line ends and no other control characters except tab.
    public static func plainBody(_ text: String) -> String {
        // Printable ASCII with LF and tab is already plain: checked on bytes, as most bodies are.
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A || $0 == 0x09 }) { return text }
        return plainBodySlowly(text)
    }

    static func plainBodySlowly(_ text: String) -> String {
        var out = ""
        for scalar in text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n").unicodeScalars {
            if scalar == "\n" || scalar == "\t" || !Sanitise.isControl(scalar) { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    /// `Name <address>`, the name quoted or RFC 2047-encoded so it can hold any character safely.
    public static func mailbox(name: String, address: EmailAddress) -> String {
        let name = singleLine(name)
        guard !name.isEmpty else { return address.value }
        if name.unicodeScalars.allSatisfy({ $0.isASCII }) {
            let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(escaped)\" <\(address.value)>"
        }
        return encodedWords(name) + " <\(address.value)>"
    }

    public static func encodeIfNeeded(_ text: String) -> String {
        text.unicodeScalars.allSatisfy({ $0.isASCII }) ? text : encodedWords(text)
    }

    /// RFC 2047 B-encoded words of at most 75 characters, split on character boundaries.
    static func encodedWords(_ text: String) -> String {
        var words: [String] = []
        var chunk = ""
        for character in text {
            let candidate = chunk + String(character)
            if Data(candidate.utf8).base64EncodedString().count > 75 - 12 {
                words.append(chunk); chunk = String(character)
            } else { chunk = candidate }
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?utf-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\n ")
    }

    /// Folds a header longer than 78 characters at spaces (RFC 5322 §2.2.3).
    public static func fold(_ line: String) -> String {
        guard line.count > 78, !line.contains("\n") else { return line }
        var lines: [String] = []
        var current = ""
        for word in line.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            if current.isEmpty { current = word }
            else if current.count + 1 + word.count > 78 { lines.append(current); current = word }
            else { current += " " + word }
        }
        lines.append(current)
        return lines.joined(separator: "\n ")
    }
}

/// RFC 2045 §6.7 quoted-printable, lines at most 76 characters, LF hard breaks.
public enum QuotedPrintable {
    /// Works on bytes throughout: a notice round encodes a thousand bodies, each carrying the whole practice
    /// phone list, and doing it a character at a time took most of a round's eight seconds.
    public static func encode(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var start = 0
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            if start > 0 { out.append(UInt8(ascii: "\n")) }
            encodeLine(bytes[start..<end], into: &out)
            start = end + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let upperHex = Array("0123456789ABCDEF".utf8)

    static func encodeLine(_ bytes: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var lineLength = 0
        var remaining = bytes.count
        for byte in bytes {
            remaining -= 1
            let literal: Bool
            switch byte {
            case 33...60, 62...126: literal = true
            case 32, 9: literal = remaining > 0
            default: literal = false
            }
            // A dot starting a line can be mangled by transports, on the first line or after a soft break.
            var escaped = !literal || (lineLength == 0 && byte == UInt8(ascii: "."))
            var width = escaped ? 3 : 1
            if lineLength + width > 75 {
                out.append(UInt8(ascii: "=")); out.append(UInt8(ascii: "\n"))
                lineLength = 0
                if byte == UInt8(ascii: ".") { escaped = true; width = 3 }
            }
            if escaped {
                out.append(UInt8(ascii: "=")); out.append(upperHex[Int(byte >> 4)]); out.append(upperHex[Int(byte & 0x0F)])
            } else {
                out.append(byte)
            }
            lineLength += width
        }
    }

    public static func decode(_ text: String) -> String { String(decoding: decodeBytes(text), as: UTF8.self) }

    public static func decodeBytes(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        let source = Array(text.utf8)
        var i = 0
        while i < source.count {
            let byte = source[i]
            if byte == UInt8(ascii: "="), i + 1 < source.count {
                if source[i + 1] == UInt8(ascii: "\n") { i += 2; continue }
                if source[i + 1] == UInt8(ascii: "\r"), i + 2 < source.count, source[i + 2] == UInt8(ascii: "\n") { i += 3; continue }
                if i + 2 < source.count, let value = UInt8(String(decoding: source[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                    bytes.append(value); i += 3; continue
                }
            }
            bytes.append(byte); i += 1
        }
        return bytes
    }
}
