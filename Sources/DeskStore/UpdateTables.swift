/// Version 22's tables: updates between the notices, the communications list, replies to either, and an outbox
/// that also carries their emails. The outbox is rebuilt because SQLite cannot drop NOT NULL: an update's email
/// belongs to no notice round, and a subscriber's to no party. GRDB runs a migration with foreign keys off and
/// checks them at its end, so `delivery`'s references to the outbox hold across the rebuild.
enum UpdateTables {
    static let create = """
        CREATE TABLE outage_update (
            id TEXT PRIMARY KEY NOT NULL,
            outage_id TEXT NOT NULL REFERENCES outage(id),
            message TEXT NOT NULL,
            eta TEXT,
            at TEXT NOT NULL,
            by TEXT NOT NULL,
            reference TEXT NOT NULL UNIQUE
        );
        CREATE INDEX outage_update_outage ON outage_update(outage_id, at);
        CREATE TABLE subscriber (
            email TEXT PRIMARY KEY NOT NULL,
            address TEXT NOT NULL,
            name TEXT NOT NULL,
            scope TEXT NOT NULL CHECK (scope IN ('all', 'hssi')),
            added_at TEXT NOT NULL,
            added_by TEXT NOT NULL
        );
        -- Replies that count for nothing (to an update, or from a subscriber): the report lists them.
        CREATE TABLE noted_reply (
            id TEXT PRIMARY KEY NOT NULL,
            reference TEXT NOT NULL,
            sender TEXT NOT NULL,
            subject TEXT NOT NULL,
            received_at TEXT NOT NULL,
            outage_id TEXT REFERENCES outage(id)
        );
        CREATE TABLE outbox_v22 (
            id TEXT PRIMARY KEY NOT NULL,
            notice_id TEXT REFERENCES notice(id),
            update_id TEXT REFERENCES outage_update(id),
            organisation_id TEXT REFERENCES organisation(id),
            subscriber TEXT,
            reference TEXT NOT NULL UNIQUE,
            message_id TEXT NOT NULL UNIQUE,
            recipients TEXT NOT NULL,
            subject TEXT NOT NULL,
            raw TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('queued','sending','sent','failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            queued_at TEXT NOT NULL,
            claimed_at TEXT,
            sent_at TEXT,
            next_attempt_at TEXT NOT NULL,
            CHECK ((notice_id IS NULL) <> (update_id IS NULL)),
            CHECK ((organisation_id IS NULL) <> (subscriber IS NULL))
        );
        INSERT INTO outbox_v22 (id, notice_id, organisation_id, reference, message_id, recipients, subject, raw, status,
                                attempts, last_error, queued_at, claimed_at, sent_at, next_attempt_at)
            SELECT id, notice_id, organisation_id, reference, message_id, recipients, subject, raw, status, attempts,
                   last_error, queued_at, claimed_at, sent_at, next_attempt_at FROM outbox;
        DROP TABLE outbox;
        ALTER TABLE outbox_v22 RENAME TO outbox;
        CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
        CREATE INDEX outbox_update ON outbox(update_id) WHERE update_id IS NOT NULL;
        """
}
