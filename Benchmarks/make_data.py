#!/usr/bin/env python3
"""Data for the benchmarks, made from a demo database's own slot templates so every booking lands on a real slot.
  make_data.py bookings DB START_DATE DAYS FILL OUT.csv   bookings CSV (the import format) for DAYS days from START
  make_data.py calcurse DB START_DATE DAYS FILL OUT_APTS   the same appointments in calcurse's apts format
  make_data.py directory ORGS CONTACTS_EACH OUT.csv        a directory of ORGS practices with CONTACTS_EACH contacts each
Fill is the share of slots booked; the choice is seeded, so each run makes the same files."""
import csv, datetime, random, sqlite3, sys

def slots(db, start, days):
    con = sqlite3.connect(db)
    names = dict(con.execute("SELECT id, name FROM organisation WHERE kind = 'practice'"))
    templates = con.execute("SELECT practice_id, weekday, start_minute, end_minute, slot_minutes FROM slot_template").fetchall()
    first = datetime.date.fromisoformat(start)
    for offset in range(days):
        day = first + datetime.timedelta(days=offset)
        for practice, weekday, begin, end, step in templates:
            if weekday != day.isoweekday() or practice not in names: continue
            for minute in range(begin, end, step):
                yield names[practice], day, minute

def booked(db, start, days, fill):
    chooser = random.Random(20261121)
    return [s for s in slots(db, start, int(days)) if chooser.random() < float(fill)]

def main(kind, *args):
    if kind == "bookings":
        db, start, days, fill, out = args
        with open(out, "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["practice", "date", "time", "patient", "phone", "date_of_birth", "nhs_number", "triage", "source", "notes", "central_reference"])
            for n, (name, day, minute) in enumerate(booked(db, start, days, fill)):
                w.writerow([name, day.isoformat(), f"{minute // 60:02d}:{minute % 60:02d}", f"Bench Patient {n}", f"07700900{n % 1000:03d}",
                            "", "", "urgent", "central", "", f"BENCH-{start}-{n}"])
    elif kind == "calcurse":
        db, start, days, fill, out = args
        with open(out, "w") as f:
            for n, (name, day, minute) in enumerate(booked(db, start, days, fill)):
                d = day.strftime("%m/%d/%Y")
                f.write(f"{d} @ {minute // 60:02d}:{minute % 60:02d} -> {d} @ {(minute + 30) // 60:02d}:{(minute + 30) % 60:02d} |{name}: Bench Patient {n}\n")
    elif kind == "directory":
        orgs, each, out = int(args[0]), int(args[1]), args[2]
        with open(out, "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["organisation", "kind", "contact", "role", "phones", "emails", "notes"])
            for o in range(orgs):
                org = f"Bench Dental Practice {o:04d}"
                w.writerow([org, "practice", "", "", f"01632 96{o % 10000:04d}", f"desk{o}@bench.example.org", ""])
                for c in range(each):
                    w.writerow([org, "practice", f"Contact {o}-{c}", "Dentist", f"07700 90{(o * each + c) % 10000:04d}",
                                f"contact{o}.{c}@bench.example.org", ""])
    else:
        sys.exit(__doc__)

if __name__ == "__main__":
    main(*sys.argv[1:]) if len(sys.argv) > 1 else sys.exit(__doc__)
