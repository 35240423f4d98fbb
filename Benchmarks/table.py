#!/usr/bin/env python3
"""Prints the README's results table from the rounds `run.sh` measured: WORK/round1, WORK/round2, ...
  table.py WORK ROUNDS
Each row gives the middle of the rounds' medians and p99s, each round's median, and the comparison the goal is about,
worked out within each round (a floor measured in the same round), so a noisy machine shows as spread, not as a
better or worse result."""
import os, statistics, sys

work, rounds = sys.argv[1], int(sys.argv[2])

def values(round, name):
    try:
        with open(os.path.join(work, f"round{round}", name)) as f:
            return sorted(float(l) for l in f if l.strip().replace(".", "", 1).isdigit())
    except FileNotFoundError:
        return []

def named(round, name, key):
    """A `key value` line of a file (drive.py's rss_kb and anon_kb)."""
    try:
        with open(os.path.join(work, f"round{round}", name)) as f:
            return next((float(l.split()[1]) for l in f if l.startswith(key + " ")), None)
    except FileNotFoundError:
        return None

def median(round, name):
    found = values(round, name)
    return statistics.median(found) if found else None

def p99(found):
    return found[min(len(found) - 1, int(round(0.99 * (len(found) - 1))))]

def worst(round, name):
    found = values(round, name)
    return p99(found) if found else None

def ms(value):
    return "–" if value is None else f"{value:.2f}" if value < 100 else f"{value:.0f}"

def each(text_of_round):
    return " / ".join(text_of_round(r) for r in range(1, rounds + 1))

def ratio(a, b):
    return "–" if a is None or not b else f"{a / b:.2f}×"

def row(label, name, against="", goal=""):
    per_round = [values(r, name) for r in range(1, rounds + 1)]
    present = [v for v in per_round if v]
    if not present:
        print(f"| {label} | did not run | | | | {against} | {goal} |")
        return
    middle = statistics.median(statistics.median(v) for v in present)
    worst = statistics.median(p99(v) for v in present)
    spread = " / ".join(ms(statistics.median(v)) if v else "–" for v in per_round)
    print(f"| {label} | {ms(middle)} | {ms(worst) if len(present[0]) > 1 else ''} | {spread} | "
          f"{len(present[0])} | {against} | {goal} |")

header = open(os.path.join(work, "header")).read().strip()
parties = open(os.path.join(work, "parties")).read().strip()
print(header)
print()
print("| Measure | median ms | p99 ms | each round's median | n per round | against, in each round | goal |")
print("|---|---|---|---|---|---|---|")
row("Cold start, desk, exec to first full frame", "start-desk",
    "C ncurses floor " + each(lambda r: ms(median(r, "start-floor"))) + " ms; calcurse "
    + each(lambda r: ms(median(r, "start-calcurse"))) + " ms")
row("Cold start, static build, large database", "start-static",
    "its start on the demo-sized file: "
    + each(lambda r: ratio(median(r, "start-static"), median(r, "start-static-demo"))),
    "≤ 1.25× the demo-sized")
row("Cold start, static build, demo-sized file", "start-static-demo",
    "a Swift program printing a date, exec to exit: "
    + each(lambda r: ratio(median(r, "start-static-demo"), median(r, "start-swift"))),
    "≤ 2× that program")
row("Key to frame: grid Down/Up", "keys-grid",
    "C ncurses floor, a redraw per key: p99 " + each(lambda r: ms(worst(r, "keys-floor"))) + " ms",
    "p99 ≤ 5")
row("Key to frame: next/previous day (n/p)", "keys-day",
    "calcurse next/previous day: p99 " + each(lambda r: ms(worst(r, "keys-calcurse"))) + " ms",
    "p99 ≤ 5")
row("Key to frame: open the booking form (Enter)", "keys-form-enter", "", "p99 ≤ 5")
row("Key to frame: close the booking form (Esc)", "keys-form-escape",
    "ncurses waits 10 ms after an Esc for a sequence to follow", "p99 ≤ 12 (the wait + 2)")
row(f"Key to frame: call-sheet of {parties} parties, moving", "keys-calls", "", "p99 ≤ 5")
row("Another terminal's change on screen (its command's exit to the frame)", "change",
    "the desk polls every 250 ms", "p99 ≤ 300")
row("Durable commit of one booking (in process)", "commit-desk",
    "bare SQLite insert+commit into the same file, same settings: "
    + each(lambda r: ratio(median(r, "commit-desk"), median(r, "commit-floor"))), "≤ 1.2× the floor in each round")
row("Reading every pane afresh, after another terminal's change (in process)", "reload-desk")
row("Reading a day switch, nothing else changed (in process)", "day-desk")
row(f"Notice round for {parties} parties (whole command)", "declare", "", "≤ 150")
row(f"Call-sheet of {parties} parties, sorted and printed (whole command)", "calls-cli")
row("One day's grid printed (whole command, large database)", "today-cli")
row("Import 100,000 bookings (whole command)", "import", "", "≤ 3,000")
row("The same file again, every row already there", "reimport", "", "≤ 1,000")
rss = [named(r, "keys-calls", "rss_kb") for r in range(1, rounds + 1)]
anon = [named(r, "keys-calls", "anon_kb") for r in range(1, rounds + 1)]
print("| Peak RSS of the desk on the large database, kB | "
      + (f"{statistics.median(v for v in rss if v):.0f}" if any(rss) else "–") + " | | "
      + " / ".join("–" if v is None else f"{v:.0f}" for v in rss) + " | 1 | anonymous (not shared code) at the end: "
      + " / ".join("–" if v is None else f"{v:.0f}" for v in anon) + " kB | ≤ 25,600 |")
