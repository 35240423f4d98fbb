#!/usr/bin/env python3
"""Times a full-screen program from outside, through a persistent tmux control-mode client: tmux reports every
write the program makes as a %output line the moment it reads it, so no capture-pane polling is involved.
  drive.py start MARKER -- COMMAND...          cold start: exec to the first frame showing MARKER, in ms
  drive.py keys MARKER KEYSPEC -- COMMAND...   keystroke to frame, per key, in ms; then peak RSS (VmHWM) in kB
KEYSPEC is comma-separated tmux key names, cycled: e.g. Down,Up; keys before a '|' are sent once first, untimed
(3|Down,Up focuses the call-sheet, then moves in it). The program runs in a 120x40 window."""
import os, re, subprocess, sys, tempfile, threading, time

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

def main():
    mode, marker = sys.argv[1], sys.argv[2]
    setup, _, measured = sys.argv[3].rpartition("|") if mode == "keys" else ("", "", "")
    spec = measured.split(",")
    command = sys.argv[sys.argv.index("--") + 1:]
    session = Session(command)
    try:
        started = session.go()
        # A program that never draws its first frame is reported as such, not as a crash of the benchmark.
        first = session.wait_for(0, marker, timeout=float(os.environ.get("BENCH_TIMEOUT", "30")))
        if mode == "start":
            print(f"{(first - started) * 1000:.2f}")
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
            print("rss_kb", next(l.split()[1] for l in f if l.startswith("VmHWM")))
    finally:
        session.close()

if __name__ == "__main__":
    main()
