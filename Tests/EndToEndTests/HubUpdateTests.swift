import Foundation
import Testing

/// An update travels through the hub like the outage it is about: every site shows it; only the host's file, which
/// mails, queues its emails; and the communications list never leaves the host.
@Suite(.serialized) struct HubUpdateTests {
    @Test func anUpdateReachesEverySiteAndOnlyTheHostMailsIt() throws {
        let kestrel = "Kestrel Dental Practice"
        let network = try HubNetwork([kestrel])
        let host = network.host
        #expect(try host.run(["subscriber", "add", "owner@example.org"]).status == 0)
        #expect(try host.run(["outage", "declare", "--system", "Dental RMS"]).status == 0)
        #expect(try host.run(["outage", "update", "--message", "Disk arrives at 11:30", "--eta", "12:00"]).status == 0)
        try network.syncAll()
        let status = try network.site(kestrel).run(["outage", "status"]).out
        #expect(status.contains("update DU-") && status.contains("Disk arrives at 11:30 (ETA 12:00)"), "\(status)")
        #expect(try network.sqlite(kestrel, "SELECT count(*) FROM outbox") == "0", "a practice's file mails nothing")
        #expect(try network.sqlite(kestrel, "SELECT count(*) FROM subscriber") == "0", "the list stays at the host")
        #expect(try network.sqlite(HubNetwork.hostName, "SELECT count(*) FROM outbox WHERE update_id IS NOT NULL")
                == "19", "18 parties and the one subscriber")
        let atHub = try network.cluster.psql(["-tA", "-c", "SELECT string_agg(DISTINCT kind, ',' ORDER BY kind) "
                                              + "FROM desk_hub.operation"]).out
        #expect(atHub.contains("outage.update") && !atHub.contains("subscriber"),
                "the update went to the hub, nothing of the list did: \(atHub)")
        // A practice may not send an update, here or at the hub.
        let refused = try network.site(kestrel).run(["outage", "update", "--message", "not ours"])
        #expect(refused.status != 0 && refused.err.contains("only the service host sends updates"), "\(refused.err)")
    }

    /// A hub set up by version 3 has no rule for updates: the host is told in words, and `hub init` puts it right.
    @Test func aHubFromBeforeUpdatesRefusesOneInWordsUntilHubInitRunsAgain() throws {
        let network = try HubNetwork([])
        let host = network.host
        let forget = "DELETE FROM desk_hub.push_rule WHERE operation_kind = 'outage.update'"
        #expect(try network.cluster.psql(["-c", forget]).status == 0)
        #expect(try host.run(["outage", "declare", "--system", "Dental RMS"]).status == 0)
        #expect(try host.run(["outage", "update", "--message", "Disk on its way"]).status == 0, "the desk never waits")
        let refused = try network.sync(HubNetwork.hostName)
        #expect(refused.status != 0, "\(refused.out)\(refused.err)")
        #expect(refused.err.contains("which may not make a outage.update change")
                && refused.err.contains("the host runs 'downtime-desk hub init' there again"), "\(refused.err)")
        let status = try host.run(["sync", "status"]).out
        #expect(status.contains("The hub's rules are older than this program"), "\(status)")
        #expect(!status.contains("restore a backup"), "a backup is no remedy for an old hub")
        #expect(try host.run(["hub", "init", "--url", network.cluster.adminURL]).status == 0)
        let again = try network.sync(HubNetwork.hostName)
        #expect(again.status == 0, "\(again.out)\(again.err)")
    }
}
