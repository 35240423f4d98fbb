/* The floor for a durable commit: one booking-shaped row inserted and committed per transaction with the desk's
   settings (WAL, synchronous=FULL, BEGIN IMMEDIATE), timed per commit. Given a copy of the desk's own database, the
   row goes into its booking table, with its indexes and its size: the least SQLite itself must do for a booking
   there. Given a new file, a small table of the same shape is made. With a third argument `journal` (desk files
   only), each transaction also inserts a journal-shaped row with a precomputed hash: the two rows every booking
   must write, without the desk's rules or hashing. Usage: floor_sqlite DB COUNT [journal] */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e3 + t.tv_nsec / 1e6; }

int main(int argc, char **argv) {
    if (argc < 3) return 2;
    sqlite3 *db; sqlite3_stmt *insert, *journal = 0;
    if (sqlite3_open(argv[1], &db) != SQLITE_OK) return 1;
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                     "CREATE TABLE IF NOT EXISTS booking (id TEXT PRIMARY KEY, practice_id TEXT, day TEXT, start_minute INTEGER,"
                     " patient_name TEXT, patient_phone TEXT, triage TEXT, source TEXT, status TEXT, created_at TEXT, created_by TEXT);"
                     "CREATE INDEX IF NOT EXISTS booking_day ON booking(practice_id, day, start_minute);", 0, 0, 0);
    sqlite3_prepare_v2(db, "INSERT INTO booking (id, practice_id, day, start_minute, patient_name, patient_phone, triage, source,"
                           " status, created_at, created_by) VALUES (?1, 'P', '2026-11-21', 630, 'Ann Example', '07700900777',"
                           " 'urgent', 'phone', 'booked', '2026-11-21T10:05:00Z', 'bench')", -1, &insert, 0);
    if (argc > 3)
        sqlite3_prepare_v2(db, "INSERT INTO journal (id, at, site, user, terminal, role, action, entity, entity_id, detail, hash)"
                               " VALUES (?1, '2026-11-21T10:05:00Z', 'Kestrel Dental Practice', 'bench', 'bench', 'practice',"
                               " 'booking.create', 'booking', ?1, '{\"day\":\"2026-11-21\",\"start\":\"10:30\"}',"
                               " '0000000000000000000000000000000000000000000000000000000000000000')", -1, &journal, 0);
    int count = atoi(argv[2]);
    for (int i = 0; i < count; i++) {
        /* Unique across runs into the same file (the rounds take turns with the desk's). */
        char id[64]; snprintf(id, sizeof id, "floor-%d-%ld-%d", i, (long)time(0), (int)getpid());
        double start = now_ms();
        sqlite3_exec(db, "BEGIN IMMEDIATE", 0, 0, 0);
        sqlite3_bind_text(insert, 1, id, -1, SQLITE_TRANSIENT);
        /* A failed insert would commit nothing and time as a very fast floor: stop instead. */
        if (sqlite3_step(insert) != SQLITE_DONE) { fprintf(stderr, "insert failed: %s\n", sqlite3_errmsg(db)); return 1; }
        sqlite3_reset(insert);
        if (journal) {
            sqlite3_bind_text(journal, 1, id, -1, SQLITE_TRANSIENT);
            if (sqlite3_step(journal) != SQLITE_DONE) { fprintf(stderr, "journal insert failed: %s\n", sqlite3_errmsg(db)); return 1; }
            sqlite3_reset(journal);
        }
        if (sqlite3_exec(db, "COMMIT", 0, 0, 0) != SQLITE_OK) { fprintf(stderr, "commit failed: %s\n", sqlite3_errmsg(db)); return 1; }
        printf("%.4f\n", now_ms() - start);
    }
    sqlite3_finalize(insert); sqlite3_finalize(journal); sqlite3_close(db);
    return 0;
}
