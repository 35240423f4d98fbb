#!/usr/bin/env python3
"""Times a full-screen program from outside, through a persistent tmux control-mode client: tmux reports every
write the program makes as a %output line the moment it reads it, so no capture-pane polling is involved.
  drive.py start MARKER -- COMMAND...          cold start: exec to the first frame showing MARKER, in ms
  drive.py keys MARKER KEYSPEC -- COMMAND...   keystroke to frame, per key, in ms; then peak RSS (VmHWM) in kB
  drive.py change MARKER -- COMMAND... -- CHANGE...
      another program's change to frame: CHANGE runs 20 times (BENCH_CHANGES), {n} in it replaced by 0, 1, ...
      ({hhmm}: 00:00, 00:05, ...); the time from its exit to the first frame showing MARKER, filled alike, in ms
KEYSPEC is comma-separated tmux key names, cycled: e.g. Down,Up; keys before a '|' are sent once first, untimed
(3|Down,Up focuses the call-sheet, then moves in it). The program runs in a 120x40 window. After the timings, keys
prints the peak RSS (VmHWM) and the anonymous part of the RSS at the end (RssAnon), in kB."""
import os, random, re, subprocess, sys, tempfile, threading, time

SOCKET = f"bench-{os.getpid()}"

def tmux(*args):
    return subprocess.run(["tmux", "-L", SOCKET, "-f", "/dev/null", *args], capture_output=True, text=True).stdout

def unescape(data):
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), data).replace("\\\\", "\\")

class Session:
    """A detached session whose program waits on a FIFO, so the clock starts when it is told to exec."""
    def __init__(self, command):
        self.folder = tempfile.mkdtemp(prefix="desk-bench-")
        fifo = os.path.join(self.folder, "go"); os.mkfifo(fifo)
        quoted = " ".join("'" + part.replace("'", "'\\''") + "'" for part in command)
        tmux("new-session", "-d", "-x", "120", "-y", "40", f"read _ < {fifo}; exec {quoted}")
        tmux("set-option", "-g", "window-size", "manual")
        self.client = subprocess.Popen(["tmux", "-L", SOCKET, "-C", "attach", "-t", "0"], stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, text=True, bufsize=1, errors="replace")
        self.events, self.lock, self.arrived = [], threading.Lock(), threading.Condition()
        threading.Thread(target=self.read, daemon=True).start()
        time.sleep(0.3)
        self.fifo = fifo

    def read(self):
        for line in self.client.stdout:
            if line.startswith("%output "):
                stamp = time.perf_counter()
                text = unescape(line.split(" ", 2)[2].rstrip("\n"))
                with self.arrived:
                    self.events.append((stamp, text)); self.arrived.notify_all()

    def go(self):
        started = time.perf_counter()
        with open(self.fifo, "w") as f: f.write("go\n")
        return started

    def wait_for(self, since_index, marker, timeout=30):
        """Waits until the output after event `since_index` contains marker, then until it has been quiet for
        30 ms; returns the time of the last write of that burst."""
        deadline = time.perf_counter() + timeout
        with self.arrived:
            while len(self.events) <= since_index or marker not in "".join(t for _, t in self.events[since_index:]):
                if not self.arrived.wait(deadline - time.perf_counter()): raise TimeoutError(marker)
            while self.arrived.wait(0.03): pass
            return self.events[-1][0]

    def wait_for_screen(self, since_index, marker, timeout=5):
        """Waits for frames after event `since_index` until the screen shows marker; returns the time of the last
        write of the frame that showed it. ncurses writes only what changed, so a marker can be on screen without
        ever passing whole through the output: each frame is checked on the screen itself."""
        deadline = time.perf_counter() + timeout
        index = since_index
        while True:
            with self.arrived:
                while len(self.events) <= index:
                    if not self.arrived.wait(deadline - time.perf_counter()): raise TimeoutError(marker)
                while self.arrived.wait(0.03): pass
                index, stamp = len(self.events), self.events[-1][0]
            if marker in tmux("capture-pane", "-p", "-t", "0"): return stamp

    def key(self, name):
        with self.arrived: index = len(self.events)
        started = time.perf_counter()
        self.client.stdin.write(f"send-keys -t 0 {name}\n"); self.client.stdin.flush()
        return started, index

    def pid(self): return int(tmux("display-message", "-p", "-t", "0", "#{pane_pid}").strip())

    def close(self):
        tmux("kill-server"); self.client.kill()
        # The server's socket file outlives it; hundreds of runs would leave hundreds.
        try: os.unlink(f"/tmp/tmux-{os.getuid()}/{SOCKET}")
        except FileNotFoundError: pass

def fill(text, n):
    """{n}: 0, 1, ...; {hhmm}: a time of day five minutes apart from midnight, 00:00, 00:05, ..."""
    return text.replace("{hhmm}", f"{n * 5 // 60:02d}:{n * 5 % 60:02d}").replace("{n}", str(n))

def main():
    mode, marker = sys.argv[1], sys.argv[2]
    setup, _, measured = sys.argv[3].rpartition("|") if mode == "keys" else ("", "", "")
    spec = measured.split(",")
    command = sys.argv[sys.argv.index("--") + 1:]
    change = []
    if mode == "change":
        change = command[command.index("--") + 1:]
        command = command[:command.index("--")]
    session = Session(command)
    try:
        started = session.go()
        # A program that never draws its first frame is reported as such, not as a crash of the benchmark.
        first = session.wait_for(0, "" if mode == "change" else marker,
                                 timeout=float(os.environ.get("BENCH_TIMEOUT", "30")))
        if mode == "start":
            print(f"{(first - started) * 1000:.2f}")
            return
        if mode == "change":
            for n in range(int(os.environ.get("BENCH_CHANGES", "20"))):
                # Each change at a random moment of the desk's 250 ms poll: one made just after a frame would
                # always wait the same.
                time.sleep(random.uniform(0, 0.3))
                with session.arrived: index = len(session.events)
                subprocess.run([fill(part, n) for part in change], check=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                done = time.perf_counter()
                shown = session.wait_for_screen(index, fill(marker, n))
                print(f"{(shown - done) * 1000:.2f}")
            return
        for name in filter(None, setup.split(",")):
            _, index = session.key(name)
            session.wait_for(index, "")
        count = int(os.environ.get("BENCH_KEYS", "200"))
        for n in range(count):
            started, index = session.key(spec[n % len(spec)])
            try:
                finished = session.wait_for(index, "", timeout=5)
                print(f"{(finished - started) * 1000:.2f}")
            except TimeoutError:
                print("no-frame")  # a key that changed nothing on the screen; not a timing
        with open(f"/proc/{session.pid()}/status") as f:
            status = {l.split(":")[0]: (l.split()[1:] or [""])[0] for l in f if ":" in l}
        print("rss_kb", status["VmHWM"])
        print("anon_kb", status["RssAnon"])
    finally:
        session.close()

if __name__ == "__main__":
    main()
