import Foundation
import DeskCore
import PostgresNIO

/// The hub's tables, functions and rules, made by `hub init` at the host's PostgreSQL. Every statement can run again
/// and change nothing, so `hub init` is safe to repeat (after an upgrade it brings the rules up to date).
///
/// What keeps sites apart lives here, not in the program a site runs: a site's login can only read operations
/// (row-level security, forced, on tables no site owns) and push its own through `desk_hub.push`, which reads the
/// site from `session_user` and checks which kinds of operation that kind of site may push at all.
public enum HubSchema {
    /// Bumped when the tables change shape; `hub init` records it.
    public static let version = 4
    /// The group role every site's login is in: what the grants and policies name.
    public static let siteGroup = "desk_site"

    /// Which kinds of operation each kind of site may push: the permission table's reach, made data for the hub.
    static var pushRules: [(kind: OrganisationKind, operation: OperationKind)] {
        OperationKind.allCases.filter(\.isShared).flatMap { operation in
            OrganisationKind.allCases.filter { Permissions.offers(operation, to: $0) }.map { ($0, operation) }
        }
    }

    static var statements: [String] {
        let rules = pushRules.map { "('\($0.kind.rawValue)', '\($0.operation.rawValue)')" }.joined(separator: ", ")
        return [
            "CREATE SCHEMA IF NOT EXISTS desk_hub",
            """
            DO $$ BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(siteGroup)') THEN
                    CREATE ROLE \(siteGroup) NOLOGIN;
                END IF;
            END $$
            """,
            "CREATE TABLE IF NOT EXISTS desk_hub.meta (key text PRIMARY KEY, value text NOT NULL)",
            """
            CREATE TABLE IF NOT EXISTS desk_hub.site (
                role_name name PRIMARY KEY,
                organisation_id uuid NOT NULL UNIQUE,
                organisation_name text NOT NULL,
                kind text NOT NULL CHECK (kind IN ('host', 'commissioner', 'nhs111', 'ed', 'practice')),
                added_at timestamptz NOT NULL DEFAULT now(),
                removed_at timestamptz,
                last_push timestamptz,
                last_pull timestamptz,
                pulled_through bigint NOT NULL DEFAULT 0
            )
            """,
            """
            CREATE TABLE IF NOT EXISTS desk_hub.operation (
                hub_seq bigint PRIMARY KEY,
                origin uuid NOT NULL,
                position bigint NOT NULL,
                hash text NOT NULL,
                previous_hash text NOT NULL,
                kind text NOT NULL,
                audience uuid[],
                record text NOT NULL,
                received_at timestamptz NOT NULL DEFAULT now(),
                UNIQUE (origin, position)
            )
            """,
            """
            CREATE TABLE IF NOT EXISTS desk_hub.push_rule (
                site_kind text NOT NULL, operation_kind text NOT NULL, PRIMARY KEY (site_kind, operation_kind)
            )
            """,
            // The rules follow this version's permission table: rows it no longer has go, new ones come.
            """
            DELETE FROM desk_hub.push_rule WHERE (site_kind, operation_kind) NOT IN (VALUES \(rules))
            """,
            "INSERT INTO desk_hub.push_rule VALUES \(rules) ON CONFLICT DO NOTHING",
            """
            INSERT INTO desk_hub.meta VALUES ('schema_version', '\(version)')
            ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE desk_hub.meta.value <> excluded.value
            """,
            // The organisation of the login asking; run as the hub's owner so a site needs no read of the site table.
            """
            CREATE OR REPLACE FUNCTION desk_hub.my_organisation() RETURNS uuid
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = desk_hub, pg_temp AS $$
                SELECT organisation_id FROM desk_hub.site WHERE role_name = session_user AND removed_at IS NULL
            $$
            """,
            reachFunction,
            pushFunction,
            pushBatchFunction,
            linksFunction,
            sitesFunction,
            pulledFunction,
            "REVOKE ALL ON ALL TABLES IN SCHEMA desk_hub FROM PUBLIC",
            "REVOKE ALL ON ALL FUNCTIONS IN SCHEMA desk_hub FROM PUBLIC",
            "GRANT USAGE ON SCHEMA desk_hub TO \(siteGroup)",
            "GRANT SELECT ON desk_hub.operation TO \(siteGroup)",
            "GRANT EXECUTE ON FUNCTION desk_hub.my_organisation() TO \(siteGroup)",
            "GRANT EXECUTE ON FUNCTION desk_hub.push(bigint, text, text, text, uuid[], text) TO \(siteGroup)",
            "GRANT EXECUTE ON FUNCTION desk_hub.push_batch(bigint[], text[], text[], text[], text[], text[]) "
                + "TO \(siteGroup)",
            "GRANT EXECUTE ON FUNCTION desk_hub.links(bigint, bigint) TO \(siteGroup)",
            "GRANT EXECUTE ON FUNCTION desk_hub.sites() TO \(siteGroup)",
            "GRANT EXECUTE ON FUNCTION desk_hub.pulled(bigint) TO \(siteGroup)",
            "ALTER TABLE desk_hub.operation ENABLE ROW LEVEL SECURITY",
            "ALTER TABLE desk_hub.operation FORCE ROW LEVEL SECURITY",
            "ALTER TABLE desk_hub.site ENABLE ROW LEVEL SECURITY",
            "ALTER TABLE desk_hub.site FORCE ROW LEVEL SECURITY",
            policy("owner_operation", on: "operation", "TO CURRENT_USER USING (true) WITH CHECK (true)"),
            policy("owner_site", on: "site", "TO CURRENT_USER USING (true) WITH CHECK (true)"),
            // An operation with no audience is every site's; one with patient details only its audience's.
            policy("site_reads", on: "operation", "FOR SELECT TO \(siteGroup) "
                   + "USING (audience IS NULL OR desk_hub.my_organisation() = ANY (audience))"),
        ]
    }

    private static func policy(_ name: String, on table: String, _ body: String) -> String {
        """
        DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'desk_hub' AND tablename = '\(table)'
                           AND policyname = '\(name)') THEN
                CREATE POLICY \(name) ON desk_hub.\(table) \(body);
            END IF;
        END $$
        """
    }

    /// The only way an operation enters the hub. The site is the login, never an argument; the same operation pushed
    /// twice is answered with its first place; the hub's order is handed out one push at a time, so a reader that
    /// polls by `hub_seq` never skips one that committed late.
    private static let pushFunction = """
        CREATE OR REPLACE FUNCTION desk_hub.push(p_position bigint, p_hash text, p_previous text, p_kind text,
                                                 p_audience uuid[], p_record text) RETURNS bigint
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = desk_hub, pg_temp AS $$
        DECLARE
            me desk_hub.site%ROWTYPE;
            earlier desk_hub.operation%ROWTYPE;
            seq bigint;
        BEGIN
            SELECT * INTO me FROM desk_hub.site WHERE role_name = session_user AND removed_at IS NULL;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'this login is not a site of the hub' USING ERRCODE = '42501';
            END IF;
            SELECT * INTO earlier FROM desk_hub.operation WHERE origin = me.organisation_id AND position = p_position;
            IF FOUND THEN
                IF earlier.hash = p_hash THEN RETURN earlier.hub_seq; END IF;
                RAISE EXCEPTION 'change % of % was pushed before with other contents', p_position,
                    me.organisation_name USING ERRCODE = '23505';
            END IF;
            IF NOT EXISTS (SELECT 1 FROM desk_hub.push_rule WHERE site_kind = me.kind AND operation_kind = p_kind) THEN
                RAISE EXCEPTION '% is a % site, which may not make a % change', me.organisation_name, me.kind, p_kind
                    USING ERRCODE = '42501';
            END IF;
            -- Where a change names whose records it touches, a practice (and NHS 111 or an ED acknowledging) acts
            -- only for itself: cheap to see here, so a forged one reaches no site at all.
            IF NOT desk_hub.within_reach(me, p_kind, p_record) THEN
                RAISE EXCEPTION '% may not make a % change for another organisation', me.organisation_name, p_kind
                    USING ERRCODE = '42501';
            END IF;
            IF p_position > 1 AND NOT EXISTS (SELECT 1 FROM desk_hub.operation WHERE origin = me.organisation_id
                                              AND position = p_position - 1 AND hash = p_previous) THEN
                RAISE EXCEPTION 'change % of % does not follow its change % (a gap, or other contents)', p_position,
                    me.organisation_name, p_position - 1 USING ERRCODE = '23514';
            END IF;
            PERFORM pg_advisory_xact_lock(hashtext('desk_hub.push'));
            SELECT coalesce(max(hub_seq), 0) + 1 INTO seq FROM desk_hub.operation;
            INSERT INTO desk_hub.operation (hub_seq, origin, position, hash, previous_hash, kind, audience, record)
                VALUES (seq, me.organisation_id, p_position, p_hash, p_previous, p_kind, p_audience, p_record);
            -- Once a transaction (now() is its start): a batch does not rewrite the site's row for every change.
            UPDATE desk_hub.site SET last_push = now()
                WHERE role_name = session_user AND last_push IS DISTINCT FROM now();
            -- One payload for all: PostgreSQL delivers a transaction's identical notifications once.
            PERFORM pg_notify('desk_hub', '');
            RETURN seq;
        END $$
        """

    /// Whether a change stays within its site's own records, where the change says whose they are: a practice's
    /// bookings, slots, templates, recontact lists and held slots name its own id; a practice's, NHS 111's or an
    /// ED's acknowledgment names itself. (Changes to a booking by id are left to every receiver's check.)
    private static let reachFunction = """
        CREATE OR REPLACE FUNCTION desk_hub.within_reach(me desk_hub.site, p_kind text, p_record text)
        RETURNS boolean LANGUAGE plpgsql IMMUTABLE SET search_path = desk_hub, pg_temp AS $$
        DECLARE
            op jsonb;
        BEGIN
            IF me.kind NOT IN ('practice', 'nhs111', 'ed') THEN RETURN true; END IF;
            op := p_record::jsonb -> 'operation';
            IF p_kind = 'notice.acknowledge' THEN
                RETURN upper(op ->> 'organisationID') = upper(me.organisation_id::text);
            END IF;
            IF me.kind <> 'practice' THEN RETURN true; END IF;
            RETURN CASE p_kind
                WHEN 'booking.book' THEN upper(op ->> 'practiceID') = upper(me.organisation_id::text)
                WHEN 'slot.set' THEN upper(op ->> 'practiceID') = upper(me.organisation_id::text)
                WHEN 'recontact.create' THEN upper(op ->> 'practiceID') = upper(me.organisation_id::text)
                WHEN 'slot.templates' THEN NOT EXISTS (
                    SELECT 1 FROM jsonb_array_elements_text(op -> 'practiceIDs') id
                    WHERE upper(id) <> upper(me.organisation_id::text))
                WHEN 'booking.occupancy' THEN NOT EXISTS (
                    SELECT 1 FROM jsonb_array_elements(op -> 'holds') h
                    WHERE upper(h ->> 'practiceID') <> upper(me.organisation_id::text))
                ELSE true END;
        EXCEPTION WHEN others THEN
            RETURN false;
        END $$
        """

    /// Many pushes in one call (and so one round trip and one transaction): each is `push` with all its checks, in
    /// order; an audience is its ids joined by commas ('' for every site). All are taken or none.
    private static let pushBatchFunction = """
        CREATE OR REPLACE FUNCTION desk_hub.push_batch(p_positions bigint[], p_hashes text[], p_previous text[],
                                                       p_kinds text[], p_audiences text[], p_records text[])
        RETURNS bigint[]
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = desk_hub, pg_temp AS $$
        DECLARE
            places bigint[] := '{}';
            i int;
        BEGIN
            FOR i IN 1 .. coalesce(array_length(p_positions, 1), 0) LOOP
                places := places || desk_hub.push(p_positions[i], p_hashes[i], p_previous[i], p_kinds[i],
                    CASE WHEN p_audiences[i] = '' THEN NULL ELSE string_to_array(p_audiences[i], ',')::uuid[] END,
                    p_records[i]);
            END LOOP;
            RETURN places;
        END $$
        """

    /// Every other site's operation's place in its origin's chain, without its contents: a receiver checks each
    /// origin's chain link by link, including the links it may not read (another practice's bookings), so a gap
    /// still shows. A site's own operations are not in it: it sent them (or takes them in by `own`, see adoptOwn).
    private static let linksFunction = """
        CREATE OR REPLACE FUNCTION desk_hub.links(p_after bigint, p_limit bigint)
        RETURNS TABLE (hub_seq bigint, origin uuid, "position" bigint, hash text, previous_hash text, kind text)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = desk_hub, pg_temp AS $$
            SELECT o.hub_seq, o.origin, o.position, o.hash, o.previous_hash, o.kind FROM desk_hub.operation o
            WHERE o.hub_seq > p_after AND o.origin <> desk_hub.my_organisation() ORDER BY o.hub_seq LIMIT p_limit
        $$
        """

    /// Who each origin is, as the hub knows it from the logins: what a receiver checks an operation against.
    private static let sitesFunction = """
        CREATE OR REPLACE FUNCTION desk_hub.sites()
        RETURNS TABLE (organisation_id uuid, organisation_name text, kind text)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = desk_hub, pg_temp AS $$
            SELECT s.organisation_id, s.organisation_name, s.kind FROM desk_hub.site s
            WHERE desk_hub.my_organisation() IS NOT NULL
        $$
        """

    /// A site says how far it has pulled, for `hub status`; only its own row.
    private static let pulledFunction = """
        CREATE OR REPLACE FUNCTION desk_hub.pulled(p_through bigint) RETURNS void
        LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = desk_hub, pg_temp AS $$
            UPDATE desk_hub.site SET last_pull = now(), pulled_through = greatest(pulled_through, p_through)
            WHERE role_name = session_user AND removed_at IS NULL
        $$
        """

    /// Makes or brings up to date the hub's schema; says whether it was there already.
    public static func install(_ hub: HubConnection) async throws -> Bool {
        let existed = try await hub.rows("SELECT to_regclass('desk_hub.meta') IS NOT NULL") { try $0.decode(Bool.self) }
            .first ?? false
        for statement in statements { try await hub.execute(statement) }
        return existed
    }
}
