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

        // Written into its own file with sqlite3, hash chain and all: an acknowledgment for Oakfield. The hub sees
        // whose acknowledgment it names and refuses it, so it reaches nobody.
        let oakfieldID = try organisationID(network, Self.oakfield)
        try forge(network, at: Self.kestrel, record("""
            "op":"notice.acknowledge","organisationID":"\(oakfieldID)","via":"app","by":"mallory","note":""
            """, site: Self.kestrel, kind: "practice"))
        let sent = try network.sync(Self.kestrel)
        #expect(sent.status != 0
                    && sent.err.contains("may not make a notice.acknowledge change for another organisation")
                    && sent.err.contains("1 change waits here and goes only when the hub takes it"),
                "\(sent.out)\(sent.err)")

        // A declaration written into another practice's file: the hub refuses a practice's outage outright.
        try forge(network, at: Self.oakfield, record("""
            "op":"outage.declare","outageID":"\(UUID().uuidString)","system":"Forged System",\
            "since":"2026-11-21T10:06:00Z","reason":"","instructions":"none"
            """, site: HubNetwork.hostName, kind: "host"))
        let refused = try network.sync(Self.oakfield)
        #expect(refused.status != 0 && refused.err.contains("may not make a outage.declare change"),
                "\(refused.out)\(refused.err)")
        #expect(try network.site(Self.oakfield).run(["sync", "status"]).out
                    .contains("The hub refused this site's next change: Oakfield Dental Care is a practice site, "
                              + "which may not make a outage.declare change"),
                "sync status says why, as the desk's status line points to it")
        #expect(try network.sync(HubNetwork.hostName).status == 0)
        #expect(try network.host.run(["outage", "status"]).out.contains("acks 0/"), "the count did not move")
        #expect(try !network.host.run(["outage", "status"]).out.contains("Forged System"))
        #expect(try network.sqlite(HubNetwork.hostName, "SELECT count(*) FROM acknowledgment") == "0")
        #expect(try network.cluster.psql(["-c", "SELECT count(*) FROM desk_hub.operation WHERE record LIKE "
                                          + "'%mallory%'"]).out.trimmingCharacters(in: .whitespacesAndNewlines)
                    == "0", "neither is at the hub")
    }

    /// Pushed by a changed program straight to the hub (its login, psql), with every site as its audience: a change
    /// to another practice's booking, which the hub cannot judge (it names a booking, not a practice). Every
    /// receiver that holds the booking refuses it and says so; the booking stands.
    @Test func whatTheHubCannotJudgeEveryReceiverRefuses() throws {
        let network = try HubNetwork([Self.kestrel, Self.oakfield, "Shoreline 111"])
        #expect(try network.site("Shoreline 111").run(["book", "--practice", Self.oakfield, "--time", "10:20",
                                                        "--patient", "Ola Oak", "--phone", "07700900797"])
                    .status == 0)
        try network.syncAll()
        let bookingID = try network.sqlite(Self.oakfield, "SELECT id FROM booking")
        let forged = record("""
            "op":"booking.status","bookingID":"\(bookingID)","status":"cancelled","reason":"forged"
            """, site: Self.kestrel, kind: "practice")
        let push = """
            WITH r AS (SELECT '\(forged)'::text AS r), last AS (
                SELECT coalesce(max(position), 0) AS position, coalesce((SELECT hash FROM desk_hub.operation
                    WHERE origin = desk_hub.my_organisation() ORDER BY position DESC LIMIT 1), repeat('0', 64)) AS hash
                FROM desk_hub.operation WHERE origin = desk_hub.my_organisation())
            SELECT desk_hub.push(last.position + 1, encode(sha256(convert_to(last.hash
                || octet_length(convert_to(r.r, 'UTF8'))::text || ':' || r.r, 'UTF8')), 'hex'), last.hash,
                'booking.status', NULL, r.r) FROM last, r
            """
        let pushed = try network.psql(Self.kestrel, push)
        #expect(Int(pushed) != nil, "the hub takes it: \(pushed)")
        for name in [Self.oakfield, "Shoreline 111"] {
            let round = try network.sync(name)
            #expect(round.out.contains("Not applied: Kestrel Dental Practice's change 1 (booking.status) was not "
                                       + "applied here:"),
                    "refused by the table, not a bad hash: \(name): \(round.out)")
            #expect(try network.sqlite(name, "SELECT status FROM booking") == "booked", "\(name): it stands")
        }
        #expect(try network.site(Self.oakfield).run(["today"]).out.contains("Ola Oak"))
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
