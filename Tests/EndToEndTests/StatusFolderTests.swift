import Foundation
import Testing

/// The public status folder as a person and their tools meet it: the page read by a real browser (headless
/// Chromium), the feed read by a third-party parser (feedparser), before, during and after an outage.
@Suite(.serialized) struct StatusFolderTests {
    static func hasTool(_ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    static let browser = ["chromium", "chromium-browser"].first { hasTool(["sh", "-c", "command -v \($0)"]) }
    static var realParts: Bool { browser != nil && hasTool(["python3", "-c", "import feedparser"]) }

    /// In CI the browser and the parser are installed by .ci/run, so their absence there is a failure.
    @Test func ciHasABrowserAndAFeedParser() {
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            #expect(Self.realParts, "install chromium and feedparser (.ci/run does)")
        }
    }

    /// The demo's records with a settings file naming a status folder (inside the sandbox) and a mailer that
    /// delivers nowhere.
    static func host(statusFolder: String) throws -> (Sandbox, String) {
        let sandbox = try Sandbox()
        #expect(try sandbox.run(["demo", "--db", sandbox.database]).status == 0)
        let folder = sandbox.folder + statusFolder
        try FileManager.default.createDirectory(atPath: sandbox.folder + "/config/downtime-desk",
                                                withIntermediateDirectories: true)
        _ = sandbox.write("config/downtime-desk/config.toml", Array(("[mail]\nsendmail = \"cat > /dev/null\"\n"
            + "[status_page]\nfolder = \"\(folder)\"\n").utf8))
        return (sandbox, folder)
    }

    /// The text a person reads in the page, as the browser builds it (tags dropped).
    func read(_ sandbox: Sandbox, _ file: String) throws -> String {
        let dom = try sandbox.tool(Self.browser!, ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                                                   "file://" + file])
        #expect(dom.status == 0, "\(dom.err)")
        return dom.out.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    func feedTitles(_ sandbox: Sandbox, _ file: String) throws -> [String] {
        let script = "import feedparser, sys\nf = feedparser.parse(sys.argv[1])\nassert not f.bozo, f.bozo_exception\n"
            + "print(f.feed.title)\nfor e in f.entries: print(e.title)\n"
        let parsed = try sandbox.tool("python3", ["-c", script, file])
        #expect(parsed.status == 0, "\(parsed.err)")
        return parsed.out.split(separator: "\n").map(String.init)
    }

    @Test(.enabled(if: StatusFolderTests.realParts)) func theStatusPageIsReadByABrowserAndTheFeedByAParser() throws {
        let (sandbox, folder) = try Self.host(statusFolder: "/status")
        let db = ["--db", sandbox.database, "--site", "Referral Systems Hosting"]

        let before = try sandbox.run(["status-page", "write", folder] + db)
        #expect(before.status == 0 && before.out.contains("The central booking system is working"), "\(before.err)")
        var text = try read(sandbox, folder + "/index.html")
        #expect(text.contains("The central booking system is working")
                && text.contains("Book through the central system"), "\(text)")
        #expect(try feedTitles(sandbox, folder + "/feed.atom")
                    == ["Referral Systems Hosting: central booking system status"])

        // Declaring writes the folder again, with no command to remember.
        #expect(try sandbox.run(["outage", "declare", "--system", "Dental RMS", "--since", "09:40"] + db).status == 0)
        text = try read(sandbox, folder + "/index.html")
        for words in ["Dental RMS is DOWN", "Down since Sat 21 Nov 2026 09:40 (25m).", "What to do instead",
                      "Give patients the practice phone number", "Kestrel Dental Practice 01632 960102",
                      "Written Sat 21 Nov 2026 10:05 by Downtime Desk for Referral Systems Hosting"] {
            #expect(text.contains(words), "\(words) in: \(text)")
        }
        let shot = sandbox.folder + "/phone.png"
        let screenshot = try sandbox.tool(Self.browser!, ["--headless", "--no-sandbox", "--disable-gpu",
                                                          "--window-size=412,915", "--screenshot=" + shot,
                                                          "file://" + folder + "/index.html"])
        #expect(screenshot.status == 0, "\(screenshot.err)")
        let png = try Data(contentsOf: URL(fileURLWithPath: shot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 5_000, "a phone-sized picture of the page")
        #expect(try feedTitles(sandbox, folder + "/feed.atom").dropFirst() == ["Dental RMS is DOWN"])

        let later = ["DOWNTIME_DESK_NOW": "2026-11-21T11:05:00Z"]
        #expect(try sandbox.run(["outage", "restore"] + db, extraEnvironment: later).status == 0)
        text = try read(sandbox, folder + "/index.html")
        #expect(text.contains("Dental RMS is working again (back since Sat 21 Nov 2026 11:05)"), "\(text)")
        #expect(try feedTitles(sandbox, folder + "/feed.atom").dropFirst()
                    == ["Dental RMS is working again", "Dental RMS is DOWN"], "one entry per notice, newest first")

        // Whole files, readable by a web server, and not one patient in any of them.
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names == ["feed.atom", "index.html", "status.json"], "no partial file is left")
        for name in names {
            let path = folder + "/" + name
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue
            #expect(mode == 0o644, "\(name)")
            let body = try String(contentsOfFile: path, encoding: .utf8)
            for patient in ["Alys Demo-Rowe", "Bram Demo-Kettering", "Cleo Demo-Farrant", "Dev Demo-Lowther",
                            "Esme Demo-Varga", "Finn Demo-Abara", "07700 9005", "Demo-"] {
                #expect(!body.contains(patient), "\(patient) in \(name)")
            }
        }
    }

    @Test(.enabled(if: StatusFolderTests.realParts)) func anUpdateIsOnThePageWithItsETAAndIsAFeedEntry() throws {
        let (sandbox, folder) = try Self.host(statusFolder: "/status")
        let db = ["--db", sandbox.database, "--site", "Referral Systems Hosting"]
        #expect(try sandbox.run(["outage", "declare", "--system", "Dental RMS", "--since", "09:40"] + db).status == 0)
        let later = ["DOWNTIME_DESK_NOW": "2026-11-21T10:35:00Z"]
        let update = try sandbox.run(["outage", "update", "--message", "The supplier's engineer is on site.\n"
                                      + "Keep booking by phone.", "--eta", "12:00"] + db, extraEnvironment: later)
        #expect(update.status == 0, "\(update.err)")
        let text = try read(sandbox, folder + "/index.html")
        for words in ["Dental RMS is DOWN", "Expected back: Sat 21 Nov 2026 12:00.", "Latest updates",
                      "Sat 21 Nov 2026 10:35 : The supplier's engineer is on site. Keep booking by phone."] {
            #expect(text.contains(words), "\(words) in: \(text)")
        }
        #expect(try feedTitles(sandbox, folder + "/feed.atom").dropFirst()
                    == ["Update on Dental RMS: still down", "Dental RMS is DOWN"], "newest first")
        let written = try Data(contentsOf: URL(fileURLWithPath: folder + "/status.json"))
        let json = try JSONSerialization.jsonObject(with: written) as? [String: Any]
        let down = (json?["down"] as? [[String: Any]])?.first
        #expect(down?["eta"] as? String == "2026-11-21T12:00:00Z")
        #expect((json?["updates"] as? [[String: Any]])?.first?["message"] as? String
                == "The supplier's engineer is on site.\nKeep booking by phone.")
    }

    @Test func aStatusFolderThatCannotBeWrittenIsAWarningAndTheOutageStillGoes() throws {
        let (sandbox, _) = try Self.host(statusFolder: "/blocked/status")
        _ = sandbox.write("blocked", Array("a file, not a folder".utf8))
        let declared = try sandbox.run(["outage", "declare", "--system", "Dental RMS", "--db", sandbox.database,
                                        "--site", "Referral Systems Hosting"])
        #expect(declared.status == 0 && declared.out.contains("Down since"), "\(declared.err)")
        #expect(declared.err.contains("warning: the status page in \(sandbox.folder)/blocked/status was not updated: "
            + "cannot make the status folder"), "\(declared.err)")
        let bad = try sandbox.run(["status-page", "write", sandbox.folder + "/blocked/status",
                                   "--db", sandbox.database])
        #expect(bad.status != 0 && bad.err.contains("cannot make the status folder"), "\(bad.err)")
    }

    /// Declared at the host's desk, not the command line: the page follows all the same.
    @Test func theHostsDeskWritesThePageWhenItDeclares() throws {
        let (sandbox, folder) = try Self.host(statusFolder: "/status")
        let host = try TmuxTerminal(environment: sandbox.environment)
        try host.launch("--db '\(sandbox.database)' --site 'Referral Systems Hosting'")
        #expect(try host.waitFor("(host)").0)
        try host.press("D")
        #expect(try host.waitFor("Declare an outage (every party is emailed)").0)
        try host.press("Enter")
        #expect(try host.waitFor("Declare Dental RMS DOWN since 10:05?").0)
        try host.press("y")
        #expect(try host.waitFor("Outage of Dental RMS declared").0)
        let page = try String(contentsOfFile: folder + "/index.html", encoding: .utf8)
        #expect(page.contains("<h1 class=\"down\">Dental RMS is DOWN</h1>"), "\(page)")
        try host.press("q")
        #expect(try host.waitForExit() == 0)
    }
}
