/// Version 23's outbox: `raw` may be NULL, for an email whose body is composed when it is sent (declaring an outage
/// for a thousand parties wrote 46 MB of bodies before this). Rebuilt as in version 22, for the same reason.
enum OutboxTables {
    static let composeWhenSent = """
        CREATE TABLE outbox_v23 (
            id TEXT PRIMARY KEY NOT NULL,
            notice_id TEXT REFERENCES notice(id),
            update_id TEXT REFERENCES outage_update(id),
            organisation_id TEXT REFERENCES organisation(id),
            subscriber TEXT,
            reference TEXT NOT NULL UNIQUE,
            message_id TEXT NOT NULL UNIQUE,
            recipients TEXT NOT NULL,
            subject TEXT NOT NULL,
            raw TEXT,
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
        INSERT INTO outbox_v23 SELECT id, notice_id, update_id, organisation_id, subscriber, reference, message_id,
            recipients, subject, raw, status, attempts, last_error, queued_at, claimed_at, sent_at, next_attempt_at
            FROM outbox;
        DROP TABLE outbox;
        ALTER TABLE outbox_v23 RENAME TO outbox;
        CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
        CREATE INDEX outbox_update ON outbox(update_id) WHERE update_id IS NOT NULL;
        """
}
