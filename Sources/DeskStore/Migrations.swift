import Foundation
import GRDB
import DeskCore

/// The schema, one versioned step at a time. Identifiers are UUID text so sites can later merge their changes.
enum Migrations {
    /// Migrations this program's file has applied that this program does not know: a newer version wrote it.
    static func unknownApplied(_ db: Database) throws -> [String] {
        let known = Set(migrator.migrations)
        return try migrator.appliedIdentifiers(db).filter { !known.contains($0) }.sorted()
    }

    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-foundation") { db in
            try db.execute(sql: """
            CREATE TABLE organisation (
                id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                name_key TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL CHECK (kind IN ('host','commissioner','nhs111','ed','practice')),
                code TEXT NOT NULL,
                participating INTEGER NOT NULL DEFAULT 1,
                phones TEXT NOT NULL DEFAULT '',
                emails TEXT NOT NULL DEFAULT '',
                notes TEXT NOT NULL DEFAULT ''
            );
            CREATE TABLE contact (
                id TEXT PRIMARY KEY NOT NULL,
                organisation_id TEXT NOT NULL REFERENCES organisation(id),
                name TEXT NOT NULL,
                name_key TEXT NOT NULL,
                role TEXT NOT NULL DEFAULT '',
                phones TEXT NOT NULL DEFAULT '',
                emails TEXT NOT NULL DEFAULT '',
                notes TEXT NOT NULL DEFAULT '',
                position INTEGER NOT NULL DEFAULT 0,
                UNIQUE (organisation_id, name_key)
            );
            CREATE TABLE slot_template (
                id TEXT PRIMARY KEY NOT NULL,
                practice_id TEXT NOT NULL REFERENCES organisation(id),
                weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
                start_minute INTEGER NOT NULL,
                end_minute INTEGER NOT NULL,
                slot_minutes INTEGER NOT NULL CHECK (slot_minutes > 0),
                type TEXT NOT NULL DEFAULT 'urgent',
                valid_from TEXT,
                valid_to TEXT
            );
            CREATE INDEX slot_template_practice ON slot_template(practice_id, weekday);
            -- Extra slots and blocks for one day; ordinary slots come from the templates.
            CREATE TABLE slot (
                id TEXT PRIMARY KEY NOT NULL,
                practice_id TEXT NOT NULL REFERENCES organisation(id),
                day TEXT NOT NULL,
                start_minute INTEGER NOT NULL,
                minutes INTEGER NOT NULL,
                type TEXT NOT NULL DEFAULT 'urgent',
                blocked_reason TEXT,
                UNIQUE (practice_id, day, start_minute)
            );
            CREATE TABLE booking (
                id TEXT PRIMARY KEY NOT NULL,
                practice_id TEXT NOT NULL REFERENCES organisation(id),
                slot_id TEXT,
                day TEXT NOT NULL,
                start_minute INTEGER NOT NULL,
                patient_name TEXT NOT NULL,
                patient_phone TEXT NOT NULL,
                patient_dob TEXT,
                nhs_number TEXT,
                triage TEXT NOT NULL,
                source TEXT NOT NULL,
                notes TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL,
                downtime_ref TEXT UNIQUE,
                central_ref TEXT,
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL,
                seen_at TEXT
            );
            CREATE INDEX booking_day ON booking(practice_id, day, start_minute);
            CREATE INDEX booking_created ON booking(practice_id, created_at);
            CREATE TABLE outage (
                id TEXT PRIMARY KEY NOT NULL,
                system TEXT NOT NULL,
                since TEXT NOT NULL,
                reason TEXT NOT NULL DEFAULT '',
                instructions TEXT NOT NULL,
                declared_at TEXT NOT NULL,
                declared_by TEXT NOT NULL,
                restored_at TEXT
            );
            CREATE TABLE notice (
                id TEXT PRIMARY KEY NOT NULL,
                outage_id TEXT NOT NULL REFERENCES outage(id),
                kind TEXT NOT NULL CHECK (kind IN ('outage','restoration')),
                created_at TEXT NOT NULL,
                reference TEXT NOT NULL UNIQUE
            );
            CREATE TABLE acknowledgment (
                id TEXT PRIMARY KEY NOT NULL,
                notice_id TEXT NOT NULL REFERENCES notice(id),
                organisation_id TEXT NOT NULL REFERENCES organisation(id),
                via TEXT NOT NULL CHECK (via IN ('app','phone','email')),
                at TEXT NOT NULL,
                by TEXT NOT NULL,
                note TEXT NOT NULL DEFAULT ''
            );
            CREATE INDEX acknowledgment_notice ON acknowledgment(notice_id, organisation_id);
            CREATE TABLE call_attempt (
                id TEXT PRIMARY KEY NOT NULL,
                notice_id TEXT NOT NULL REFERENCES notice(id),
                organisation_id TEXT NOT NULL REFERENCES organisation(id),
                number TEXT NOT NULL,
                outcome TEXT NOT NULL,
                note TEXT NOT NULL DEFAULT '',
                at TEXT NOT NULL,
                by TEXT NOT NULL
            );
            -- Who, where, when, what: every change, never updated or deleted.
            CREATE TABLE journal (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                at TEXT NOT NULL,
                site TEXT NOT NULL,
                user TEXT NOT NULL,
                terminal TEXT NOT NULL,
                role TEXT NOT NULL,
                action TEXT NOT NULL,
                entity TEXT NOT NULL,
                entity_id TEXT,
                detail TEXT NOT NULL DEFAULT '{}'
            );
            CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
                BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
            CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
                BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
            """)
        }
        migrator.registerMigration("v2-booking-status-reason") { db in
            // Why a booking was cancelled or entered in error, kept beside the status it explains.
            try db.execute(sql: "ALTER TABLE booking ADD COLUMN status_reason TEXT")
            try db.execute(sql: "CREATE INDEX booking_downtime ON booking(practice_id, downtime_ref) WHERE downtime_ref IS NOT NULL")
        }
        migrator.registerMigration("v3-drafts") { db in
            // Half-filled forms, one per person and site, so a crash or a killed terminal loses nothing typed.
            try db.execute(sql: "CREATE TABLE draft (owner TEXT PRIMARY KEY NOT NULL, body TEXT NOT NULL, saved_at TEXT NOT NULL)")
        }
        migrator.registerMigration("v4-notice-chain") { db in
            try db.execute(sql: """
            -- The round's deadline is stored, so every terminal counts the same parties overdue.
            ALTER TABLE notice ADD COLUMN deadline TEXT;
            -- Who a round went to, fixed when it was made: later directory edits do not change its count.
            CREATE TABLE notice_party (
                notice_id TEXT NOT NULL REFERENCES notice(id),
                organisation_id TEXT NOT NULL REFERENCES organisation(id),
                position INTEGER NOT NULL,
                PRIMARY KEY (notice_id, organisation_id)
            );
            CREATE TABLE outbox (
                id TEXT PRIMARY KEY NOT NULL,
                notice_id TEXT NOT NULL REFERENCES notice(id),
                organisation_id TEXT NOT NULL REFERENCES organisation(id),
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
                next_attempt_at TEXT NOT NULL
            );
            CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
            -- Every try at delivery, for the outage report's timeline.
            CREATE TABLE delivery (
                id TEXT PRIMARY KEY NOT NULL,
                outbox_id TEXT NOT NULL REFERENCES outbox(id),
                at TEXT NOT NULL,
                ok INTEGER NOT NULL,
                error TEXT NOT NULL DEFAULT ''
            );
            ALTER TABLE call_attempt ADD COLUMN next_call_at TEXT;
            -- Replies already read from a Maildir, so a second scan records nothing twice.
            CREATE TABLE mail_seen (key TEXT PRIMARY KEY NOT NULL, scanned_at TEXT NOT NULL, outcome TEXT NOT NULL);
            CREATE UNIQUE INDEX outage_one_active ON outage(lower(system)) WHERE restored_at IS NULL;
            """)
        }
        migrator.registerMigration("v5-incidents-and-plan") { db in
            try db.execute(sql: """
            -- Incident numbers are counted per year here, so a number is never handed out twice.
            CREATE TABLE incident_sequence (year INTEGER PRIMARY KEY NOT NULL, last INTEGER NOT NULL);
            CREATE TABLE incident (
                id TEXT PRIMARY KEY NOT NULL,
                number TEXT NOT NULL UNIQUE,
                outage_id TEXT UNIQUE REFERENCES outage(id),
                severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 5),
                multiple_sites INTEGER NOT NULL DEFAULT 1,
                clinical_safety INTEGER NOT NULL DEFAULT 0,
                information_governance INTEGER NOT NULL DEFAULT 0,
                function TEXT,
                opened_at TEXT NOT NULL,
                reporter TEXT NOT NULL,
                closed_at TEXT,
                closed_by TEXT,
                agreed_by TEXT,
                close_override TEXT
            );
            CREATE TABLE incident_entry (
                id TEXT PRIMARY KEY NOT NULL,
                incident_id TEXT NOT NULL REFERENCES incident(id),
                at TEXT NOT NULL,
                by TEXT NOT NULL,
                kind TEXT NOT NULL,
                text TEXT NOT NULL
            );
            CREATE INDEX incident_entry_by_incident ON incident_entry(incident_id, at);
            CREATE TABLE runbook_tick (
                incident_id TEXT NOT NULL REFERENCES incident(id),
                item TEXT NOT NULL,
                at TEXT NOT NULL,
                by TEXT NOT NULL,
                PRIMARY KEY (incident_id, item)
            );
            -- Each installed plan is kept; the latest is the one followed. `plan` is the checked plan as JSON.
            CREATE TABLE continuity_plan (
                id TEXT PRIMARY KEY NOT NULL,
                installed_at TEXT NOT NULL,
                installed_by TEXT NOT NULL,
                source TEXT NOT NULL,
                plan TEXT NOT NULL
            );
            CREATE TABLE plan_review (id TEXT PRIMARY KEY NOT NULL, day TEXT NOT NULL, at TEXT NOT NULL, by TEXT NOT NULL, note TEXT NOT NULL);
            CREATE TABLE recontact_list (
                id TEXT PRIMARY KEY NOT NULL,
                practice_id TEXT NOT NULL REFERENCES organisation(id),
                from_day TEXT NOT NULL,
                to_day TEXT NOT NULL,
                reason TEXT NOT NULL,
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL
            );
            CREATE TABLE recontact_item (
                id TEXT PRIMARY KEY NOT NULL,
                list_id TEXT NOT NULL REFERENCES recontact_list(id),
                booking_id TEXT NOT NULL REFERENCES booking(id),
                position INTEGER NOT NULL,
                original_day TEXT NOT NULL,
                original_start INTEGER NOT NULL,
                UNIQUE (list_id, booking_id)
            );
            CREATE TABLE recontact_call (
                id TEXT PRIMARY KEY NOT NULL,
                item_id TEXT NOT NULL REFERENCES recontact_item(id),
                at TEXT NOT NULL,
                by TEXT NOT NULL,
                outcome TEXT NOT NULL CHECK (outcome IN ('rearranged','informed','no-answer','wrong-number')),
                note TEXT NOT NULL DEFAULT '',
                moved_to TEXT
            );
            """)
            // Outages declared before incidents existed become incidents too, numbered in the order they were declared.
            let outages = try Row.fetchAll(db, sql: "SELECT id, declared_at, declared_by FROM outage ORDER BY declared_at")
            for outage in outages {
                let declared = Codecs.instant(outage["declared_at"] as String?) ?? Date()
                let number = try DeskStore.nextIncidentNumber(year: Calendar(identifier: .gregorian).component(.year, from: declared), db: db)
                try db.execute(sql: """
                    INSERT INTO incident (id, number, outage_id, severity, opened_at, reporter) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [UUID().uuidText, number, outage["id"] as String, Incident.defaultSeverity,
                                     outage["declared_at"] as String, outage["declared_by"] as String])
            }
        }
        migrator.registerMigration("v6-journal-chain") { db in
            // The chain is written over the existing entries once, here, with the update trigger lifted for it.
            try db.execute(sql: """
                ALTER TABLE journal ADD COLUMN hash TEXT;
                DROP TRIGGER journal_no_update;
                """)
            var previous = JournalChain.origin
            let rows = try Row.fetchAll(db, sql: "SELECT seq, \(JournalChain.columns.joined(separator: ", ")) FROM journal ORDER BY seq")
            for row in rows {
                previous = JournalChain.hash(previous: previous, values: JournalChain.values(of: row))
                try db.execute(sql: "UPDATE journal SET hash = ? WHERE seq = ?", arguments: [previous, row["seq"] as Int64])
            }
            try db.execute(sql: """
                CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
                    BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
                CREATE TRIGGER journal_needs_hash BEFORE INSERT ON journal WHEN NEW.hash IS NULL
                    BEGIN SELECT RAISE(ABORT, 'a journal entry needs its hash'); END;
                """)
        }
        migrator.registerMigration("v7-booking-central-ref-index") { db in
            // Every imported row asks "is this central reference already here?": without an index that read the
            // whole booking table per row, and the benchmark's 100,000-booking import did not finish in minutes.
            try db.execute(sql: "CREATE INDEX booking_central_ref ON booking(central_ref) WHERE central_ref IS NOT NULL")
        }
        migrator.registerMigration("v8-directory-version") { db in
            // A mark that changes whenever an organisation or contact does, whoever writes it (triggers, so no path
            // can forget): a desk keeps the directory it read until the mark moves. Random, not a count, so a file
            // restored from a backup never shows a mark the desk already holds for other contents.
            try db.execute(sql: "CREATE TABLE directory_version (id INTEGER PRIMARY KEY CHECK (id = 1), mark INTEGER NOT NULL)")
            try db.execute(sql: "INSERT INTO directory_version (id, mark) VALUES (1, random())")
            for table in ["organisation", "contact"] {
                for event in ["INSERT", "UPDATE", "DELETE"] {
                    try db.execute(sql: """
                        CREATE TRIGGER \(table)_\(event.lowercased())_moves_directory_mark AFTER \(event) ON \(table)
                            BEGIN UPDATE directory_version SET mark = random(); END
                        """)
                }
            }
        }
        migrator.registerMigration("v9-unverified-reply") { db in
            // A reply that names a party's notice but comes from none of the party's addresses: shown, not counted.
            try db.execute(sql: """
                CREATE TABLE unverified_reply (
                    id TEXT PRIMARY KEY NOT NULL,
                    notice_id TEXT NOT NULL REFERENCES notice(id),
                    organisation_id TEXT NOT NULL REFERENCES organisation(id),
                    sender TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    received_at TEXT NOT NULL
                )
                """)
            try db.execute(sql: "CREATE INDEX unverified_reply_notice ON unverified_reply(notice_id)")
        }
        migrator.registerMigration("v10-seat") { db in
            // On a shared host: which organisations each login may act for (none recorded: any).
            try db.execute(sql: """
                CREATE TABLE seat (
                    login TEXT NOT NULL,
                    organisation_id TEXT NOT NULL REFERENCES organisation(id),
                    PRIMARY KEY (login, organisation_id)
                )
                """)
        }
        migrator.registerMigration("v11-operations") { db in
            // The operation each change applied, as its JSON form, so a journal can be replayed (and sent to other
            // sites). Entries from before keep NULL and keep verifying: the chain hashes the column only when set.
            try db.execute(sql: "ALTER TABLE journal ADD COLUMN operation TEXT")
            // The site that made a booking: NHS 111 and an ED see and change the bookings they made.
            try db.execute(sql: "ALTER TABLE booking ADD COLUMN created_site TEXT")
            // The organisation this database belongs to, when one has been bound (the demo binds its first
            // practice): the site of a terminal that names none.
            try db.execute(sql: """
                CREATE TABLE own_site (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    organisation_id TEXT NOT NULL REFERENCES organisation(id)
                )
                """)
        }
        migrator.registerMigration("v12-outgoing") { db in
            // This file's own shared operations in the order made, chained by hash, waiting for (or sent to) the
            // hub. Operations made before this version are not in it: they were made before there was a hub.
            try db.execute(sql: """
                CREATE TABLE outgoing (
                    position INTEGER PRIMARY KEY,
                    operation_id TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL,
                    record TEXT NOT NULL,
                    previous_hash TEXT NOT NULL,
                    hash TEXT NOT NULL,
                    hub_seq INTEGER
                )
                """)
            try db.execute(sql: "CREATE INDEX outgoing_waiting ON outgoing (position) WHERE hub_seq IS NULL")
        }
        migrator.registerMigration("v13-hub-binding") { db in
            // The hub site this file is, once its first sync bound it: the hub's site chain starts at
            // `first_position` of the outgoing chain (what was made before was this file's alone).
            try db.execute(sql: """
                CREATE TABLE hub_binding (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    organisation_id TEXT NOT NULL REFERENCES organisation(id),
                    first_position INTEGER NOT NULL,
                    bound_at TEXT NOT NULL,
                    last_push TEXT
                )
                """)
        }
        migrator.registerMigration("v14-incoming") { db in
            // Other sites' operations as this file received them from the hub: the last link of each origin's
            // chain checked (and where a chain broke), the ones waiting for what they build on, and the ones that
            // were refused or did not check out, kept to be shown; and how far in the hub's order it has pulled
            // (before binding too: an empty file pulls its directory first).
            try db.execute(sql: """
                CREATE TABLE incoming (
                    origin TEXT PRIMARY KEY NOT NULL,
                    position INTEGER NOT NULL,
                    hash TEXT NOT NULL,
                    broken_at INTEGER
                );
                CREATE TABLE incoming_held (
                    hub_seq INTEGER PRIMARY KEY,
                    origin TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    record TEXT NOT NULL,
                    waiting TEXT NOT NULL
                );
                CREATE TABLE incoming_problem (
                    hub_seq INTEGER PRIMARY KEY,
                    origin TEXT NOT NULL,
                    origin_name TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    broken INTEGER NOT NULL,
                    problem TEXT NOT NULL,
                    at TEXT NOT NULL
                );
                CREATE TABLE incoming_cursor (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    pulled_through INTEGER NOT NULL,
                    last_pull TEXT
                );
                """)
        }
        migrator.registerMigration("v15-acknowledgment-order") { db in
            // Across sites the first acknowledgment of a party to reach the hub counts, whatever the clocks said:
            // the operation that made each (to find its place at the hub) and, for one that came later, the one
            // that counts. A duplicate is kept, never counted.
            try db.execute(sql: """
                ALTER TABLE acknowledgment ADD COLUMN operation_id TEXT;
                ALTER TABLE acknowledgment ADD COLUMN hub_seq INTEGER;
                ALTER TABLE acknowledgment ADD COLUMN duplicate_of TEXT;
                """)
        }
        migrator.registerMigration("v16-booking-elsewhere") { db in
            // Bookings this site may not read (another practice's patients), as the slots they hold: what the
            // capacity board counts. No patient is in it.
            try db.execute(sql: """
                CREATE TABLE booking_elsewhere (
                    booking_id TEXT PRIMARY KEY NOT NULL,
                    practice_id TEXT NOT NULL,
                    day TEXT NOT NULL,
                    start_minute INTEGER NOT NULL,
                    status TEXT NOT NULL
                );
                CREATE INDEX booking_elsewhere_day ON booking_elsewhere (practice_id, day);
                """)
        }
        migrator.registerMigration("v17-outgoing-parked") { db in
            // Changes made here that the hub has not taken, set aside while this site's own changes from another
            // file of it (a restored backup's later life, a second machine) come in; then linked after them.
            try db.execute(sql: """
                CREATE TABLE outgoing_parked (
                    seq INTEGER PRIMARY KEY,
                    operation_id TEXT,
                    record TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v18-hub-refusal") { db in
            // Why the hub last refused this site's next change, shown by `sync status` until a push goes through.
            try db.execute(sql: "ALTER TABLE hub_binding ADD COLUMN refused TEXT")
        }
        migrator.registerMigration("v19-latest-bookings") { db in
            // Terminals that are not a practice list the latest bookings at every practice: read newest first
            // without sorting the whole table.
            try db.execute(sql: "CREATE INDEX booking_created_everywhere ON booking(created_at)")
        }
        migrator.registerMigration("v20-search-by-site") { db in
            // NHS 111 and an ED search the bookings they made: one site's, by index, not the whole network's.
            try db.execute(sql: "CREATE INDEX booking_made_at ON booking(created_site, day)")
        }
        migrator.registerMigration("v21-demo-marker") { db in
            // A file made by `demo` says so itself, so every desk on it shows [DEMO] however it was opened, and it
            // never syncs with a hub.
            try db.execute(sql: "CREATE TABLE database_marker (name TEXT PRIMARY KEY NOT NULL)")
        }
        migrator.registerMigration("v22-updates-and-subscribers") { db in
            try db.execute(sql: UpdateTables.create)
        }
        migrator.registerMigration("v23-compose-when-sent") { db in
            try db.execute(sql: OutboxTables.composeWhenSent)
        }
        return migrator
    }()
}
