import Foundation
import Testing

/// A site's file replaced (a backup restored, a new machine): what the site sent to the hub comes back to it, and
/// what it made since goes after, so nothing any of its files made is lost and its chain at the hub stays whole.
@Suite(.serialized) struct HubRecoveryTests {
    static let kestrel = "Kestrel Dental Practice"

    @Test func aRestoredBackupAndANewMachineTakeBackWhatTheSiteSentAndLoseNothing() throws {
        var network = try HubNetwork([Self.kestrel])
        let practice = network.site(Self.kestrel)
        let backup = practice.folder + "/before.sqlite"
        #expect(try practice.run(["backup", backup]).status == 0)
        #expect(try practice.run(["book", "--time", "09:00", "--patient", "Ada Afterbackup", "--phone",
                                  "07700900711", "--source", "walk-in"]).status == 0)
        #expect(try network.sync(Self.kestrel).out.contains("1 change sent"))

        // The file is lost and last night's backup restored: Ada is not in it. Reception books on regardless.
        #expect(try practice.run(["restore", backup, "--force"]).status == 0)
        #expect(try !practice.run(["today"]).out.contains("Ada Afterbackup"))
        #expect(try practice.run(["book", "--time", "09:20", "--patient", "Bo Restored", "--phone", "07700900712",
                                  "--source", "walk-in"]).status == 0)
        let round = try network.sync(Self.kestrel)
        #expect(round.status == 0 && round.out.contains("1 change sent"), "\(round.out)\(round.err)")
        let grid = try practice.run(["today"]).out
        #expect(grid.contains("Ada Afterbackup") && grid.contains("Bo Restored"), "both: \(grid)")
        let chain = try network.cluster.psql(["-c", """
            SELECT count(*) = max(position) FROM desk_hub.operation o JOIN desk_hub.site s
            ON s.organisation_id = o.origin WHERE s.organisation_name = '\(Self.kestrel)'
            """]).out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(chain == "t", "the practice's chain at the hub has no gap and no fork")
        #expect(try practice.run(["journal", "verify"]).status == 0)

        // A second machine for the same practice, from an empty file: one sync brings the practice's own changes.
        let second = try Sandbox()
        second.environment["DOWNTIME_DESK_DB"] = second.database
        network.sites["second"] = second
        network.urls["second"] = network.urls[Self.kestrel]
        let joined = try network.sync("second")
        #expect(joined.status == 0, "\(joined.out)\(joined.err)")
        let secondGrid = try second.run(["today"]).out
        #expect(secondGrid.contains("Ada Afterbackup") && secondGrid.contains("Bo Restored"), "\(secondGrid)")
        #expect(try network.sync(Self.kestrel).out.contains("nothing new"))
    }
}
