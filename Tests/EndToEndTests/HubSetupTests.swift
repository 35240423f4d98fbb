import Foundation
import Testing

/// Setting up the hub at the host, against a real PostgreSQL the test starts itself: the schema, a site's login
/// and what that login may and may not do in the hub.
@Suite(.serialized) struct HubSetupTests {
    func demo() throws -> Sandbox {
        let sandbox = try Sandbox()
        sandbox.environment["DOWNTIME_DESK_DB"] = sandbox.database
        try sandbox.demoRecordsAsARealFile()
        return sandbox
    }

    func login(_ url: String) -> (user: String, password: String)? { PostgresCluster.login(url) }

    @Test func initMakesTheSchemaOnceAndAgainChangesNothing() throws {
        let cluster = try PostgresCluster()
        let sandbox = try demo()
        let first = try sandbox.run(["hub", "init", "--url", cluster.adminURL])
        #expect(first.status == 0 && first.out.contains("Hub schema created"), "\(first.err)")
        let dump = { try PostgresCluster.launch([PostgresCluster.binaries()! + "/pg_dump", "--schema-only", "-h",
                                                 "127.0.0.1", "-p", "\(cluster.port)", "-U", cluster.admin,
                                                 cluster.database],
                                                environment: ["PGPASSWORD": cluster.password]).out
            // pg_dump fences its output with a random \restrict key each run; the schema is what is compared.
            .split(separator: "\n").filter { !$0.hasPrefix("\\restrict") && !$0.hasPrefix("\\unrestrict") }
            .joined(separator: "\n") }
        let before = try dump()
        #expect(before.contains("CREATE FUNCTION desk_hub.push") && before.contains("FORCE ROW LEVEL SECURITY"))
        let rules = try cluster.psql(["-c", "SELECT count(*) FROM desk_hub.push_rule"]).out
        let again = try sandbox.run(["hub", "init", "--url", cluster.adminURL])
        #expect(again.status == 0 && again.out.contains("already in place"), "\(again.err)")
        #expect(try dump() == before, "a second init changes nothing")
        #expect(try cluster.psql(["-c", "SELECT count(*) FROM desk_hub.push_rule"]).out == rules)
    }

    @Test func aSitesLoginReadsAndPushesOnlyAsItself() throws {
        let cluster = try PostgresCluster()
        let sandbox = try demo()
        let early = try sandbox.run(["hub", "add-site", "Kestrel Dental Practice", "--url", cluster.adminURL])
        #expect(early.status != 0 && early.err.contains("run 'downtime-desk hub init --url ADMIN_URL' first"),
                "\(early.err)")
        #expect(try sandbox.run(["hub", "init", "--url", cluster.adminURL]).status == 0)
        let added = try sandbox.run(["hub", "add-site", "Kestrel Dental Practice", "--url", cluster.adminURL])
        #expect(added.status == 0, "\(added.err)")
        let url = added.out.split(separator: "\n").last.map(String.init) ?? ""
        #expect(url.hasPrefix("postgres://desk_site_") && url.contains("@127.0.0.1:\(cluster.port)/deskhub"),
                "the URL is the last line: \(added.out)")
        guard let kestrel = login(url) else { Issue.record("no login in \(url)"); return }
        let vale = try sandbox.run(["hub", "add-site", "Vale Dental Care", "--url", cluster.adminURL]).out
            .split(separator: "\n").last.map(String.init).flatMap(login)
        guard let vale else { Issue.record("no login for Vale"); return }
        func asKestrel(_ sql: String) throws -> (status: Int32, out: String, err: String) {
            try cluster.psql(["-c", sql], user: kestrel.user, password: kestrel.password)
        }

        // It reads operations, and writes nothing but through push.
        #expect(try asKestrel("SELECT count(*) FROM desk_hub.operation").out
                    .trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        let write = try asKestrel("INSERT INTO desk_hub.operation (hub_seq, origin, position, hash, previous_hash, "
                                  + "kind, record) VALUES (1, gen_random_uuid(), 1, 'h', '', 'outage.declare', '{}')")
        #expect(write.status != 0 && write.err.contains("permission denied"), "\(write.err)")
        #expect(try asKestrel("SELECT * FROM desk_hub.site").status != 0, "a site does not read the site list")
        let declare = try asKestrel("SELECT desk_hub.push(1, 'h1', '', 'outage.declare', NULL, '{}')")
        #expect(declare.status != 0 && declare.err.contains("is a practice site, which may not make a outage.declare"),
                "\(declare.err)")
        let audience = "ARRAY[desk_hub.my_organisation()]"
        #expect(try asKestrel("SELECT desk_hub.push(1, 'h1', '', 'booking.book', \(audience), '{}')").out
                    .contains("1"))
        #expect(try asKestrel("SELECT desk_hub.push(1, 'h1', '', 'booking.book', \(audience), '{}')").out
                    .contains("1"), "the same push twice is answered with its first place")
        let changed = try asKestrel("SELECT desk_hub.push(1, 'other', '', 'booking.book', NULL, '{}')")
        #expect(changed.status != 0 && changed.err.contains("was pushed before with other contents"))
        let gap = try asKestrel("SELECT desk_hub.push(3, 'h3', 'h2', 'incident.note', NULL, '{}')")
        #expect(gap.status != 0 && gap.err.contains("does not follow"), "\(gap.err)")
        #expect(try asKestrel("SELECT desk_hub.push(2, 'h2', 'h1', 'incident.note', NULL, '{}')").status == 0)

        // The hub knows who pushed from the login, and another site sees only what has no audience or names it.
        let origins = try cluster.psql(["-c", "SELECT DISTINCT s.organisation_name FROM desk_hub.operation o "
                                        + "JOIN desk_hub.site s ON s.organisation_id = o.origin"]).out
        #expect(origins.trimmingCharacters(in: .whitespacesAndNewlines) == "Kestrel Dental Practice")
        let seen = try cluster.psql(["-c", "SELECT kind FROM desk_hub.operation ORDER BY hub_seq"], user: vale.user,
                                    password: vale.password).out
        #expect(seen.trimmingCharacters(in: .whitespacesAndNewlines) == "incident.note",
                "Vale does not see Kestrel's booking: \(seen)")

        let status = try sandbox.run(["hub", "status", "--url", cluster.adminURL, "--format", "json"])
        #expect(status.status == 0 && status.out.contains("\"organisation\" : \"Kestrel Dental Practice\""),
                "\(status.err)")
        #expect(status.out.contains("\"last_pull\" : null"))
    }

    @Test func aRemovedSiteCanNoLongerLogIn() throws {
        let cluster = try PostgresCluster()
        let sandbox = try demo()
        #expect(try sandbox.run(["hub", "init", "--url", cluster.adminURL]).status == 0)
        let url = try sandbox.run(["hub", "add-site", "Shoreline 111", "--url", cluster.adminURL]).out
            .split(separator: "\n").last.map(String.init) ?? ""
        guard let shoreline = login(url) else { Issue.record("no login in \(url)"); return }
        #expect(try cluster.psql(["-c", "SELECT 1"], user: shoreline.user, password: shoreline.password).status == 0)
        let removed = try sandbox.run(["hub", "remove-site", "Shoreline 111", "--url", cluster.adminURL])
        #expect(removed.status == 0 && removed.out.contains("can no longer sync"), "\(removed.err)")
        #expect(try cluster.psql(["-c", "SELECT 1"], user: shoreline.user, password: shoreline.password).status != 0)
        let again = try sandbox.run(["hub", "remove-site", "Shoreline 111", "--url", cluster.adminURL])
        #expect(again.status != 0 && again.err.contains("is not a site of this hub"))
        let status = try sandbox.run(["hub", "status", "--url", cluster.adminURL]).out
        #expect(status.contains("removed Shoreline 111"), "\(status)")
        // Added again, it has a new password and its access back.
        let back = try sandbox.run(["hub", "add-site", "Shoreline 111", "--url", cluster.adminURL])
        #expect(back.out.contains("new password"), "\(back.out)")
        guard let renewed = back.out.split(separator: "\n").last.map(String.init).flatMap(login) else { return }
        #expect(try cluster.psql(["-c", "SELECT 1"], user: renewed.user, password: renewed.password).status == 0)
        #expect(try cluster.psql(["-c", "SELECT 1"], user: shoreline.user, password: shoreline.password).status != 0)
    }

    @Test func aHubThatCannotBeReachedOrABadURLIsOneLineInWords() throws {
        let sandbox = try demo()
        let port = try PostgresCluster.freePort()
        let down = try sandbox.run(["hub", "init", "--url", "postgres://admin:secret@127.0.0.1:\(port)/hub"])
        #expect(down.status != 0 && down.err.contains("cannot reach the hub at 127.0.0.1:\(port)"), "\(down.err)")
        #expect(!down.err.contains("secret"), "the password is never shown")
        #expect(down.err.split(separator: "\n").count == 1, "\(down.err)")
        let bad = try sandbox.run(["hub", "init", "--url", "mysql://admin@127.0.0.1/hub"])
        #expect(bad.status != 0 && bad.err.contains("is not a hub URL such as postgres://"), "\(bad.err)")
        let noDatabase = try sandbox.run(["hub", "status", "--url", "postgres://admin@127.0.0.1:\(port)"])
        #expect(noDatabase.err.contains("names no database"), "\(noDatabase.err)")
    }
}
