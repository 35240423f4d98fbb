import Foundation
import Testing
@testable import DeskCore

/// The public status page, its JSON and its feed, from the records that hold no patient.
@Suite struct StatusPageTests {
    static let zone = TimeZone(identifier: "Europe/London")!
    static let now = Instant.parse("2026-11-21T10:05:00Z", zone: zone)!

    static func page(_ outages: [Outage]) throws -> StatusPage {
        StatusPage(host: "Referral Systems Hosting", outages: outages,
                   practices: [.init(name: "Kestrel Dental Practice",
                                     phones: [try PhoneNumber(parsing: "01632 960102")]),
                               .init(name: "Harbour <Smile> & Co", phones: [])],
                   writtenAt: now, zone: zone)
    }

    @Test func duringAnOutageThePageSaysWhatIsDownSinceWhenAndWhatToDoInstead() throws {
        let outage = Outage(system: "Dental RMS", since: Self.now.addingTimeInterval(-1800),
                            reason: "Hosting fault <script>alert(1)</script>",
                            declaredAt: Self.now.addingTimeInterval(-1500), declaredBy: "oncall")
        let page = try Self.page([outage])
        #expect(page.headline == "Dental RMS is DOWN")
        let html = page.html
        #expect(html.contains("<h1 class=\"down\">Dental RMS is DOWN</h1>"))
        #expect(html.contains("Down since Sat 21 Nov 2026 09:35 (30m)."))
        #expect(html.contains("<p class=\"instead\">\(Outage.defaultInstructions)</p>"))
        #expect(html.contains("<a href=\"tel:01632960102\">01632 960102</a>"))
        #expect(html.contains("Harbour &lt;Smile&gt; &amp; Co") && !html.contains("<Smile>"), "escaped, never markup")
        #expect(html.contains("Hosting fault &lt;script&gt;") && !html.contains("<script"))
        #expect(!html.contains("javascript") && !html.contains("<script"), "no script on the page")
        #expect(page.json.contains("\"state\" : \"down\"")
                && page.json.contains("\"since\" : \"2026-11-21T09:35:00Z\""))
        #expect(page.atom.contains("<title>Dental RMS is DOWN</title>"))
    }

    @Test func afterTheRestorationThePageSaysSoAndTheFeedHasAnEntryForEach() throws {
        var outage = Outage(system: "Dental RMS", since: Self.now.addingTimeInterval(-7200),
                            declaredAt: Self.now.addingTimeInterval(-7000), declaredBy: "oncall")
        outage.restoredAt = Self.now.addingTimeInterval(-600)
        let page = try Self.page([outage])
        #expect(page.headline == "Dental RMS is working again (back since Sat 21 Nov 2026 09:55)")
        #expect(page.html.contains("<h1 class=\"up\">"))
        #expect(page.json.contains("\"state\" : \"up\"")
                && page.json.contains("\"restored_at\" : \"2026-11-21T09:55:00Z\""))
        let entries = page.atom.components(separatedBy: "<entry>").count - 1
        #expect(entries == 2, "one for the declaration, one for the restoration")
        #expect(page.atom.contains("<title>Dental RMS is working again</title>"))
        #expect(try Self.page([]).headline == "The central booking system is working")
    }

    @Test func theLatestUpdatesAndTheETAAreOnThePageInTheJSONAndEachIsAFeedEntry() throws {
        let outage = Outage(system: "Dental RMS", since: Self.now.addingTimeInterval(-3600),
                            declaredAt: Self.now.addingTimeInterval(-3500), declaredBy: "oncall")
        let first = OutageUpdate(outageID: outage.id, message: "Supplier <investigating>", eta: nil,
                                 at: Self.now.addingTimeInterval(-1800), by: "oncall")
        let second = OutageUpdate(outageID: outage.id, message: "Disk replaced\nrestarting",
                                  eta: Self.now.addingTimeInterval(3600),
                                  at: Self.now.addingTimeInterval(-600), by: "oncall")
        var page = try Self.page([outage])
        page = StatusPage(host: page.host, outages: page.outages, practices: page.practices, updates: [first, second],
                          writtenAt: Self.now, zone: Self.zone)
        let html = page.html
        #expect(html.contains("<p class=\"eta\">Expected back: Sat 21 Nov 2026 11:05.</p>"))
        #expect(html.contains("<h2>Latest updates</h2>"))
        let newest = try #require(html.range(of: "Disk replaced<br>restarting"))
        let older = try #require(html.range(of: "Supplier &lt;investigating&gt;"))
        #expect(newest.lowerBound < older.lowerBound, "newest first")
        #expect(page.json.contains("\"eta\" : \"2026-11-21T11:05:00Z\""))
        #expect(page.json.contains("\"message\" : \"Disk replaced\\nrestarting\""))
        #expect(page.atom.components(separatedBy: "<entry>").count - 1 == 3, "the declaration and two updates")
        #expect(page.atom.contains("<title>Update on Dental RMS: still down</title>"))
    }
}
