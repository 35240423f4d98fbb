#!/usr/bin/env python3
"""The hub's benchmarks (on demand, never part of `swift test`): a PostgreSQL cluster of its own on a free loopback
port (initdb + pg_ctl, as the postgres user when run as root, fsync on as a real hub would run), a host and the
demo network's sites each on its own SQLite file, and the real `downtime-desk` release binary. Each measure is paired
with a floor taken in the same run. Prints the README's table rows.

usage: python3 Benchmarks/hub.py BIN DESK_BENCH WORK
"""
import json, os, shutil, socket, statistics, subprocess, sys, tempfile, time, uuid

BIN, BENCH, WORK = sys.argv[1], sys.argv[2], sys.argv[3]
NOW = "2026-11-21T10:05:00Z"
PG = sorted(d for d in os.listdir("/usr/lib/postgresql"))[-1]
PGBIN = f"/usr/lib/postgresql/{PG}/bin"
AS_PG = ["/usr/sbin/runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
HOST = "Referral Systems Hosting"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="hub-bench-pg-", dir="/tmp")
        self.port, self.password = free_port(), "bench-" + uuid.uuid4().hex[:8]
        with open(f"{self.folder}/pw", "w") as f:
            f.write(self.password)
        if AS_PG:
            subprocess.run(["chown", "-R", "postgres:postgres", self.folder], check=True)
        subprocess.run(AS_PG + [f"{PGBIN}/initdb", "-D", f"{self.folder}/data", "-U", "hubadmin",
                                f"--pwfile={self.folder}/pw", "-A", "scram-sha-256", "-E", "UTF8",
                                "--locale=C.UTF-8"], check=True, stdout=subprocess.DEVNULL)
        with open(f"{self.folder}/data/postgresql.conf", "a") as f:
            f.write(f"listen_addresses = '127.0.0.1'\nport = {self.port}\nunix_socket_directories = '{self.folder}'\n"
                    "max_connections = 200\n")
        subprocess.run(AS_PG + [f"{PGBIN}/pg_ctl", "-D", f"{self.folder}/data", "-l", f"{self.folder}/log", "-w",
                                "start"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.psql(["-c", "CREATE DATABASE deskhub"], database="postgres")
        self.admin = f"postgres://hubadmin:{self.password}@127.0.0.1:{self.port}/deskhub?sslmode=disable"

    def psql(self, args, database="deskhub", user="hubadmin", password=None):
        env = {"PGPASSWORD": password or self.password, "PATH": "/usr/bin:/bin"}
        return subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p",
                               str(self.port), "-U", user, "-d", database] + args, env=env, check=True,
                              capture_output=True, text=True).stdout.strip()

    def stop(self):
        subprocess.run(AS_PG + [f"{PGBIN}/pg_ctl", "-D", f"{self.folder}/data", "-m", "immediate", "stop"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(self.folder, ignore_errors=True)


class Site:
    def __init__(self, name, folder):
        self.name, self.db = name, f"{folder}/{uuid.uuid4().hex[:8]}.sqlite"
        self.env = {**os.environ, "DOWNTIME_DESK_DB": self.db, "DOWNTIME_DESK_NOW": NOW, "TZ": "Europe/London",
                    "XDG_CONFIG_HOME": folder + "/config", "XDG_DATA_HOME": folder + "/data"}
        self.url = None

    def run(self, *args, check=True):
        result = subprocess.run([BIN, *args], env=self.env, capture_output=True, text=True)
        if check and result.returncode != 0:
            sys.exit(f"{self.name}: downtime-desk {' '.join(args)} failed: {result.stderr}")
        return result

    def sync(self, check=True):
        return self.run("sync", "--hub", self.url, check=check)


def seconds(action):
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main():
    os.makedirs(WORK, exist_ok=True)
    cluster = Cluster()
    try:
        run(cluster)
    finally:
        cluster.stop()


def run(cluster):
    folder = tempfile.mkdtemp(prefix="hub-bench-", dir=WORK)
    demo = Site("demo", folder)
    demo.run("demo")
    # The demo network has 19 organisations; a fourteenth practice makes the twenty sites the goal names.
    directory = demo.run("export", "directory").stdout + \
        "Bench Dental Practice,practice,,,01632 960199,reception@benchdental.example.org,Added for the benchmark\n"
    names = sorted({line.split(",")[0] for line in directory.splitlines()[1:]})
    host = Site(HOST, folder)
    with open(f"{folder}/directory.csv", "w") as f:
        f.write(directory)
    host.run("import", "directory", f"{folder}/directory.csv")
    practices = [n for n in names if "Dent" in n or "Smile" in n]
    with open(f"{folder}/slots.csv", "w") as f:
        f.write("practice,weekday,start,end,slot_minutes,type,valid_from,valid_to\n")
        for p in practices:
            f.write(f"{p},Saturday,08:00,18:00,20,urgent,,\n")
    host.run("hub", "init", "--url", cluster.admin)

    def add(site):
        site.url = host.run("hub", "add-site", site.name, "--url", cluster.admin).stdout.strip().splitlines()[-1]

    add(host)
    host.sync()
    host.run("import", "slots", f"{folder}/slots.csv")
    host.sync()
    sites = {n: Site(n, folder) for n in names if n != HOST}
    for site in sites.values():
        add(site)
        site.sync()
    rows = Rows()

    # 1. Hub ingest: NHS 111 pushes 1,750 bookings, each two operations (the booking, the slot it holds).
    booker, practice = sites["Shoreline 111"], sites["Kestrel Dental Practice"]
    # What a whole `sync` costs with nothing to send or take (process start, login, checks), taken off below.
    idle = statistics.median(seconds(lambda: booker.sync()) for _ in range(5))
    subprocess.run([BENCH, "book-as", booker.db, "1750", booker.name], env=booker.env, check=True)
    before = int(cluster.psql(["-c", "SELECT count(*) FROM desk_hub.operation"]))
    whole = seconds(lambda: booker.sync())
    push = whole - idle
    ingested = int(cluster.psql(["-c", "SELECT count(*) FROM desk_hub.operation"])) - before
    # Floor: the same number of single-row INSERTs of records of the same size through psql, 500 to a
    # transaction as a push batch is.
    cluster.psql(["-c", "CREATE TABLE floor_ingest (seq bigserial PRIMARY KEY, origin uuid, position bigint, "
                  "hash text, record text)"])
    with open(f"{folder}/floor.sql", "w") as f:
        for index in range(ingested):
            if index % 500 == 0:
                f.write("BEGIN;\n")
            f.write("INSERT INTO floor_ingest (origin, position, hash, record) VALUES "
                    f"('{uuid.uuid4()}', 1, '{'0' * 64}', '{'x' * 700}');\n")
            if index % 500 == 499 or index == ingested - 1:
                f.write("COMMIT;\n")
    floor = seconds(lambda: cluster.psql(["-f", f"{folder}/floor.sql"]))
    rows.append(("Hub ingest: a site pushes its operations (a `sync`, less an idle one)", f"{ingested / push:,.0f} ops/s",
                 f"{ingested} operations in {push:.2f} s (whole `sync` {whole:.2f} s, idle {idle:.2f} s); "
                 "goal ≥ 5,000/s",
                 f"psql, plain INSERTs 500 to a transaction: {ingested / floor:,.0f}/s "
                 f"(the hub takes {floor / push:.2f}× the floor's rate)"))

    # 2. A practice back after a week offline: it pulls those 3,500 operations and applies them.
    catch_up = seconds(lambda: practice.sync())
    import sqlite3
    applied = sqlite3.connect(practice.db).execute("SELECT count(*) FROM booking").fetchone()[0]
    login = practice.url.split("//")[1].split("@")[0].split(":")
    floor = seconds(lambda: cluster.psql(["-c", "SELECT record FROM desk_hub.operation"], user=login[0],
                                         password=login[1]))
    rows.append(("A practice back after a week offline, 3,500 operations, caught up (whole `sync`)",
                 f"{catch_up * 1000:,.0f} ms", f"goal < 10 s; {applied} of its bookings now in its file",
                 f"psql reading the same rows as its login: {floor * 1000:.0f} ms ({catch_up / floor:.0f}×)"))

    # 3. Twenty sites (the demo network's 19 organisations and one more practice) reconnect at once and converge.
    for site in sites.values():
        site.run("book", "--practice", "Kestrel Dental Practice" if site.name not in practices else site.name,
                 "--time", "08:00", "--patient", f"Ren {site.name[:3]}", "--phone", "07700900701", "--overbook",
                 check=False)
    everyone = [host] + list(sites.values())

    def round_all():
        procs = [subprocess.Popen([BIN, "sync", "--hub", s.url], env=s.env, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for s in everyone]
        outs = [p.communicate()[0] for p in procs]
        return sum(0 if "nothing new" in o else 1 for o in outs)

    def converge():
        while round_all() > 0:
            pass
    together = seconds(converge)
    idle = seconds(round_all)
    rows.append((f"{len(everyone)} sites reconnect at once, converged (rounds until none moves anything)",
                 f"{together * 1000:,.0f} ms", "goal < 30 s",
                 f"the same {len(everyone)} syncs with nothing to do: {idle * 1000:,.0f} ms ({together / idle:.1f}×)"))

    # 4. A change at one site on another site's open desk, both online: from `book` until the desk shows it.
    latencies = desk_latency(practice, booker, hub=True, count=20)
    shared = Site("shared", folder)
    shared.run("demo")
    floor = desk_latency(shared, shared, hub=False, count=20, time_of_day="08:30")
    p95 = lambda xs: sorted(xs)[int(0.95 * (len(xs) - 1))]
    rows.append(("A change at one site on another's open desk (book + sync to the desk's frame), p95",
                 f"{p95(latencies) * 1000:,.0f} ms", f"median {statistics.median(latencies) * 1000:,.0f} ms, "
                 f"n {len(latencies)}; goal p95 < 2 s",
                 f"two terminals on one shared file: p95 {p95(floor) * 1000:,.0f} ms ({p95(latencies) / p95(floor):.1f}×)"))
    rows.table()


class Rows(list):
    """The table's rows; each also goes to stderr as it is measured, so a run stopped part-way still says something."""
    def append(self, row):
        print(" | ".join(row), file=sys.stderr, flush=True)
        super().append(row)

    def table(self):
        print("| Measure | result | notes | against |")
        print("|---|---|---|---|")
        for measure, result, notes, against in self:
            print(f"| {measure} | {result} | {notes} | {against} |")


def desk_latency(watcher, maker, hub, count, time_of_day="08:00"):
    """Opens watcher's desk under tmux and times, for each booking maker makes (and syncs), the moment it shows."""
    socket_name = "hub-bench-" + uuid.uuid4().hex[:6]
    env = dict(watcher.env)
    if hub:
        env["DOWNTIME_DESK_HUB"] = watcher.url
    args = ["tmux", "-L", socket_name, "-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40"]
    for key in ("DOWNTIME_DESK_DB", "DOWNTIME_DESK_NOW", "TZ", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
                "DOWNTIME_DESK_HUB"):
        if key in env:
            args += ["-e", f"{key}={env[key]}"]
    subprocess.run(args + [BIN, "--site", "Kestrel Dental Practice"] if not hub else args + [BIN], check=True)
    screen = lambda: subprocess.run(["tmux", "-L", socket_name, "capture-pane", "-p"], capture_output=True,
                                    text=True).stdout
    try:
        deadline = time.time() + 20
        while "Slot grid" not in screen() and time.time() < deadline:
            time.sleep(0.05)
        times = []
        for index in range(count):
            name = f"Lat{index:02d} Zed"
            start = time.perf_counter()
            maker.run("book", "--practice", "Kestrel Dental Practice", "--time", time_of_day, "--patient", name,
                      "--phone", "07700900702", "--overbook", *([] if hub else ["--site", "Shoreline 111"]))
            if hub:
                maker.sync()
            deadline = time.time() + 30
            while name not in screen() and time.time() < deadline:
                time.sleep(0.01)
            times.append(time.perf_counter() - start)
            # The newest booking shows first in the incoming pane; the next one replaces it there.
        return times
    finally:
        subprocess.run(["tmux", "-L", socket_name, "kill-server"], stderr=subprocess.DEVNULL)


main()
