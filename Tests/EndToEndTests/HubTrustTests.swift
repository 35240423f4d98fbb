import Foundation
import Testing

/// A site cannot act as another through the hub: not through the command line, not by writing its own SQLite file,
/// and an operation changed in the hub behind the program's back is reported by every receiver, not applied.
@Suite(.serialized) struct HubTrustTests {
    static let kestrel = "Kestrel Dental Practice", oakfield = "Oakfield Dental Care"

    /// Appends `json` to a site's outgoing chain as the program would, hash and all: what someone who edits the
    /// file with sqlite3 can do.
    func forge(_ network: HubNetwork, at name: String, _ json: String) throws {
        let site = network.site(name)
        let script = """
            import hashlib, sqlite3, sys, uuid
            db = sqlite3.connect(sys.argv[1])
            row = db.execute("SELECT position, hash FROM outgoing ORDER BY position DESC LIMIT 1").fetchone()
            position, previous = (row[0] + 1, row[1]) if row else (1, "0" * 64)
            record = sys.argv[2]
            digest = hashlib.sha256((previous + str(len(record.encode())) + ":" + record).encode()).hexdigest()
            kind = record.split('"op":"')[1].split('"')[0]
            db.execute("INSERT INTO outgoing (position, operation_id, kind, record, previous_hash, hash) "
                       "VALUES (?, ?, ?, ?, ?, ?)", (position, str(uuid.uuid4()).upper(), kind, record, previous,
                       digest))
            db.commit()
            """
        let path = try site.write("forge.py", Array(script.utf8))
        let forged = try site.tool("python3", [path, site.database, json])
        #expect(forged.status == 0, "\(forged.err)")
    }

    func organisationID(_ network: HubNetwork, _ name: String) throws -> String {
        try network.sqlite(HubNetwork.hostName, "SELECT id FROM organisation WHERE name = '\(name)'")
    }

    func record(_ operation: String, site: String, kind: String) -> String {
        """
        {"actor":{"role":"\(kind)","site":"\(site)","terminal":"cli","user":"mallory"},"at":"2026-11-21T10:06:00Z",\
        "format":1,"id":"\(UUID().uuidString)","operation":{\(operation)}}
        """
    }

    @Test func aPracticeCannotDeclareOrAcknowledgeForAnotherPartyAnywhereButInItsOwnFile() throws {
        let network = try HubNetwork([Self.kestrel, Self.oakfield])
        let practice = network.site(Self.kestrel)
        #expect(try network.host.run(["outage", "declare", "--system", "Dental RMS"]).status == 0)
        try network.syncAll()

        let declare = try practice.run(["outage", "declare", "--system", "Booking Hub"])
        #expect(declare.status != 0 && declare.err.contains("service host"), "\(declare.err)")
        let ackOther = try practice.run(["ack", Self.oakfield, "--via", "app"])
        #expect(ackOther.status != 0, "the command line refuses: \(ackOther.out)")

        // Written into its own file with sqlite3: an acknowledgment for Oakfield, which the hub's rules let a
        // practice push (a practice does acknowledge), so every receiver must refuse it.
        let oakfieldID = try organisationID(network, Self.oakfield)
        try forge(network, at: Self.kestrel, record("""
            "op":"notice.acknowledge","organisationID":"\(oakfieldID)","via":"app","by":"mallory","note":""
            """, site: Self.kestrel, kind: "practice"))
        let sent = try network.sync(Self.kestrel)
        #expect(sent.status == 0 && sent.out.contains("1 change sent"), "\(sent.out)\(sent.err)")
        let host = try network.sync(HubNetwork.hostName)
        #expect(host.out.contains("Not applied: Kestrel Dental Practice's change")
                    && host.out.contains("acknowledge"), "the host says what it refused: \(host.out)")
        #expect(try network.host.run(["outage", "status"]).out.contains("acks 0/"), "the count did not move")
        let oakfield = try network.sync(Self.oakfield)
        #expect(oakfield.out.contains("Not applied"), "\(oakfield.out)")
        #expect(try network.sqlite(Self.oakfield, "SELECT count(*) FROM acknowledgment") == "0")
        #expect(try network.site(Self.oakfield).run(["sync", "status"]).out.contains("Not applied: Kestrel"))

        // A declaration written into the file: the hub itself refuses a practice's outage, so it reaches nobody.
        try forge(network, at: Self.kestrel, record("""
            "op":"outage.declare","outageID":"\(UUID().uuidString)","system":"Forged System",\
            "since":"2026-11-21T10:06:00Z","reason":"","instructions":"none"
            """, site: HubNetwork.hostName, kind: "host"))
        let refused = try network.sync(Self.kestrel)
        #expect(refused.status != 0 && refused.err.contains("may not make a outage.declare change"),
                "\(refused.out)\(refused.err)")
        #expect(refused.err.contains("1 change waits here and goes only when the hub takes it"))
        for name in [HubNetwork.hostName, Self.oakfield] {
            #expect(try network.sync(name).status == 0)
            #expect(try !network.site(name).run(["outage", "status"]).out.contains("Forged System"), "\(name)")
        }
        #expect(try network.psql(Self.oakfield, "SELECT count(*) FROM desk_hub.operation WHERE record LIKE "
                                 + "'%Forged System%'") == "0")
    }

    @Test func aSiteRemovedWhileOfflineKeepsItsChangesAndIsToldWhy() throws {
        let network = try HubNetwork([Self.kestrel, "Shoreline 111"])
        let shoreline = network.site("Shoreline 111")
        #expect(try shoreline.run(["book", "--practice", Self.kestrel, "--time", "09:00", "--patient", "Sent Before",
                                   "--phone", "07700900795"]).status == 0)
        #expect(try network.sync("Shoreline 111").out.contains("1 change sent"))
        #expect(try shoreline.run(["book", "--practice", Self.kestrel, "--time", "09:20", "--patient", "Kept Here",
                                   "--phone", "07700900796"]).status == 0, "made offline")
        let removed = try network.host.run(["hub", "remove-site", "Shoreline 111", "--url", network.cluster.adminURL])
        #expect(removed.status == 0, "\(removed.err)")

        let refused = try network.sync("Shoreline 111")
        #expect(refused.status != 0 && refused.err.contains("no longer a site of this hub")
                    && refused.err.contains("1 change waits here"), "\(refused.err)")
        let kept = try shoreline.run(["bookings", "--practice", Self.kestrel]).out
        #expect(kept.contains("Kept Here") && kept.contains("Sent Before"), "nothing made there is lost: \(kept)")
        #expect(try network.sync(Self.kestrel).status == 0)
        let grid = try network.site(Self.kestrel).run(["today"]).out
        #expect(grid.contains("Sent Before") && !grid.contains("Kept Here"),
                "what reached the hub before the removal still counts: \(grid)")
    }

    @Test func anOperationChangedAtTheHubIsReportedByEveryReceiverAndNotApplied() throws {
        let network = try HubNetwork([Self.kestrel, Self.oakfield, "Shoreline 111"])
        #expect(try network.host.run(["outage", "declare", "--system", "Dental RMS"]).status == 0)
        #expect(try network.sync(HubNetwork.hostName).out.contains("1 change sent"))
        let tampered = try network.cluster.psql(["-c", """
            UPDATE desk_hub.operation SET record = replace(record, 'Dental RMS', 'Dental RMX')
            WHERE kind = 'outage.declare'
            """])
        #expect(tampered.status == 0, "\(tampered.err)")
        for name in [Self.kestrel, Self.oakfield, "Shoreline 111"] {
            let round = try network.sync(name)
            #expect(round.out.contains("does not match its hash: it was changed at the hub or on its way"),
                    "\(name): \(round.out)\(round.err)")
            let status = try network.site(name).run(["outage", "status"]).out
            #expect(!status.contains("Dental RMX") && !status.contains("ACTIVE"), "\(name) applied none of it")
            #expect(try network.site(name).run(["sync", "status"]).out.contains("does not match its hash"))
            let verify = try network.site(name).run(["journal", "verify"])
            #expect(verify.out.contains("does not match its hash"), "journal verify says so too: \(verify.out)")
        }
    }
}
