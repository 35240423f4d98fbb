import Foundation

/// The three files of the status folder: a page people read (no script, fine on a phone and on paper), a JSON
/// document with documented keys, and an Atom feed (RFC 4287) with one entry per declaration, update and restoration.
extension StatusPage {
    public var html: String {
        var body: [String] = []
        let isDown = !active.isEmpty
        body.append("<h1 class=\"\(isDown ? "down" : "up")\">\(Markup.escape(headline))</h1>")
        for outage in active {
            let lasted = Instant.elapsed(writtenAt.timeIntervalSince(outage.since))
            body.append("<p class=\"since\">Down since \(Markup.escape(when(outage.since))) (\(lasted)).</p>")
            if !outage.reason.isEmpty { body.append("<p>Why: \(Markup.escape(outage.reason))</p>") }
            let updates = self.updates(of: outage)
            if let eta = updates.first(where: { $0.eta != nil })?.eta {
                body.append("<p class=\"eta\">Expected back: \(Markup.escape(when(eta))).</p>")
            }
            body.append("<h2>What to do instead</h2>")
            body.append("<p class=\"instead\">\(Markup.escape(outage.instructions))</p>")
            if !updates.isEmpty {
                body.append("<h2>Latest updates</h2><ul class=\"updates\">")
                for update in updates.prefix(5) {
                    let eta = update.eta.map { " Expected back: \(Markup.escape(when($0)))." } ?? ""
                    body.append("<li><strong>\(Markup.escape(when(update.at)))</strong>: "
                        + update.message.split(separator: "\n").map { Markup.escape(String($0)) }
                            .joined(separator: "<br>")
                        + "\(eta)</li>")
                }
                body.append("</ul>")
            }
        }
        if !isDown { body.append("<p>Book through the central system as usual.</p>") }
        if !practices.isEmpty {
            body.append("<h2>Practices' phone numbers</h2>")
            body.append("<p>For NHS 111 and emergency department staff: phone the practice to book.</p>")
            body.append("<table><thead><tr><th scope=\"col\">Practice</th><th scope=\"col\">Phone</th></tr></thead>"
                + "<tbody>")
            for practice in practices {
                let phones = practice.phones.map { "<a href=\"tel:\($0.digits)\">\($0)</a>" }.joined(separator: ", ")
                body.append("<tr><td>\(Markup.escape(practice.name))</td><td>\(phones.isEmpty ? "none known" : phones)"
                    + "</td></tr>")
            }
            body.append("</tbody></table>")
        }
        let recent = outages.prefix(5)
        if !recent.isEmpty {
            body.append("<h2>Recent outages</h2><ul>")
            for outage in recent {
                let end = outage.restoredAt.map { " to \(Markup.escape(when($0)))" } ?? ", still down"
                body.append("<li>\(Markup.escape(outage.system)): \(Markup.escape(when(outage.since)))\(end)</li>")
            }
            body.append("</ul>")
        }
        body.append("<p class=\"written\">Written \(Markup.escape(when(writtenAt))) by Downtime Desk for "
            + "\(Markup.escape(host)). <a href=\"status.json\">JSON</a> · <a href=\"feed.atom\">Feed</a></p>")
        return """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Markup.escape(headline))</title>
        <link rel="alternate" type="application/atom+xml" title="Status updates" href="feed.atom">
        <style>
        body { font-family: sans-serif; max-width: 46rem; margin: 1rem auto; padding: 0 1rem; line-height: 1.45; }
        h1.down { color: #fff; background: #b00020; padding: .5rem; }
        h1.up { color: #fff; background: #1b5e20; padding: .5rem; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; border-bottom: 1px solid #999; padding: .3rem; }
        .written { color: #444; font-size: .9rem; }
        @media print { h1.down, h1.up { color: #000; background: none; border: 3px solid #000; } a { color: #000; } }
        </style>
        </head>
        <body>
        \(body.joined(separator: "\n"))
        </body>
        </html>

        """
    }

    /// The JSON document; its keys are listed in the README.
    public var json: String {
        struct Document: Encodable {
            var state: String
            var headline: String
            var down: [Down]
            var written_at: String
            var host: String
            var practices: [Practice]
            var outages: [Past]
            var updates: [Update]
        }
        struct Down: Encodable { var system, since, reason, instructions: String; var eta: String? }
        struct Update: Encodable { var system, at, message: String; var eta: String? }
        struct Practice: Encodable { var name: String; var phones: [String] }
        struct Past: Encodable { var system, since, declared_at: String; var restored_at: String? }
        let document = Document(
            state: active.isEmpty ? "up" : "down", headline: headline,
            down: active.map { outage in
                Down(system: outage.system, since: Instant.iso(outage.since), reason: outage.reason,
                     instructions: outage.instructions,
                     eta: updates(of: outage).first(where: { $0.eta != nil })?.eta.map(Instant.iso)) },
            written_at: Instant.iso(writtenAt), host: host,
            practices: practices.map { Practice(name: $0.name, phones: $0.phones.map(\.description)) },
            outages: outages.map { Past(system: $0.system, since: Instant.iso($0.since),
                                        declared_at: Instant.iso($0.declaredAt),
                                        restored_at: $0.restoredAt.map(Instant.iso)) },
            updates: updates.map { update in
                Update(system: outages.first { $0.id == update.outageID }?.system ?? "", at: Instant.iso(update.at),
                       message: update.message, eta: update.eta.map(Instant.iso)) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(document)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }

    /// The Atom feed: newest entry first, one per declaration, update and restoration.
    public var atom: String {
        var entries: [(id: String, title: String, at: Date, text: String)] = []
        for outage in outages {
            if let restored = outage.restoredAt {
                entries.append(("urn:downtime-desk:outage:\(outage.id.uuidText.lowercased()):restored",
                                "\(outage.system) is working again", restored,
                                "\(outage.system) was restored at \(when(restored)) after "
                                    + "\(Instant.elapsed(restored.timeIntervalSince(outage.since))). Book through the "
                                    + "central system as usual."))
            }
            let reason = outage.reason.isEmpty ? "" : " Why: \(outage.reason)."
            entries.append(("urn:downtime-desk:outage:\(outage.id.uuidText.lowercased()):declared",
                            "\(outage.system) is DOWN", outage.declaredAt,
                            "\(outage.system) has been down since \(when(outage.since)).\(reason) What to do instead: "
                                + outage.instructions))
        }
        for update in updates {
            let system = outages.first { $0.id == update.outageID }?.system ?? "The central system"
            let eta = update.eta.map { " Expected back: \(when($0))." } ?? ""
            entries.append(("urn:downtime-desk:update:\(update.id.uuidText.lowercased())",
                            "Update on \(system): still down", update.at, update.message + eta))
        }
        entries.sort { $0.at > $1.at }
        let updated = Instant.iso(entries.first?.at ?? writtenAt)
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
        <title>\(Markup.escape(host)): central booking system status</title>
        <id>urn:downtime-desk:status:\(Markup.escape(host.lowercased().filter { $0.isLetter || $0.isNumber }))</id>
        <updated>\(updated)</updated>
        <author><name>\(Markup.escape(host))</name></author>
        <link rel="alternate" type="text/html" href="index.html"/>

        """
        for entry in entries {
            xml += """
            <entry>
            <id>\(entry.id)</id>
            <title>\(Markup.escape(entry.title))</title>
            <updated>\(Instant.iso(entry.at))</updated>
            <summary>\(Markup.escape(entry.text))</summary>
            </entry>

            """
        }
        return xml + "</feed>\n"
    }
}

/// HTML and XML text escaping: whatever the host typed is shown as text, never read as markup.
enum Markup {
    static func escape(_ text: String) -> String {
        var out = ""
        for character in Sanitise.visible(text.replacingOccurrences(of: "\n", with: " ")) {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
