#!/usr/bin/env python3
"""Terminal benchmarks that need a real pseudo-terminal: start-up to the first full frame, and
the CPU time and bytes written per typed character with 20,000 words loaded. mlsd, vim and nano
are measured the same way, on the same machine, in the same run.

usage: termbench.py startup MLSD_BIN | typing MLSD_BIN
"""
import fcntl, os, pty, random, select, signal, struct, sys, tempfile, termios, time

COLS, ROWS = 200, 60
CLK = os.sysconf("SC_CLK_TCK")


def spawn(argv, cols, rows, env_extra=None, cwd=None):
    pid, fd = pty.fork()
    if pid == 0:
        env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
        env.update(env_extra or {})
        if cwd:
            os.chdir(cwd)
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    return pid, fd


def read_until(fd, needle, timeout=10.0):
    """Reads until `needle` has been seen; returns (bytes read, seconds)."""
    buf = b""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            buf += chunk
            if needle in buf:
                return buf, time.perf_counter() - t0
    raise RuntimeError("timed out waiting for %r; got %r" % (needle, buf[-400:]))


def drain(fd, quiet=0.15, limit=10.0):
    """Reads until the program has been quiet for `quiet` seconds; returns the byte count."""
    n = 0
    t0 = time.perf_counter()
    last = time.perf_counter()
    while time.perf_counter() - t0 < limit:
        r, _, _ = select.select([fd], [], [], 0.01)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            n += len(chunk)
            last = time.perf_counter()
        elif time.perf_counter() - last > quiet:
            break
    return n


def cpu(pid):
    """CPU seconds used by all of the process's threads (scheduler statistics, nanoseconds);
    clock ticks where those are not available."""
    try:
        total = 0
        for t in os.listdir("/proc/%d/task" % pid):
            with open("/proc/%d/task/%s/schedstat" % (pid, t)) as f:
                total += int(f.read().split()[0])
        return total / 1e9
    except OSError:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK


def stop(pid, fd):
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    os.close(fd)


def words(n):
    vocab = ("model feature ranking latency embedding candidate retrieval label training serving "
             "monitoring drift metric offline online video user watch time click fresh").split()
    out, line = [], []
    for i in range(n):
        line.append(vocab[(i * 7 + i // 13) % len(vocab)])
        if len(line) == 100:
            out.append(" ".join(line) + ".")
            line = []
    if line:
        out.append(" ".join(line))
    return "\n".join(out) + "\n"


def startup(mlsd):
    tmp = tempfile.mkdtemp()
    path = os.path.join(tmp, "bench.txt")
    with open(path, "w") as f:
        f.write("hello\n")
    cases = [
        ("mlsd practice", [mlsd, "practice"], b"Ctrl-N", {"XDG_DATA_HOME": tmp}),
        ("vim -u NONE", ["vim", "-u", "NONE", "-i", "NONE", "-n", path], b"bench.txt", {}),
        ("nano", ["nano", "--ignorercfiles", path], b"Help", {}),
        # What starting any program through this harness costs: a fork, an exec, a pty.
        ("floor: printf", ["printf", "Help"], b"Help", {}),
    ]
    present = []
    for case in cases:
        argv = case[1]
        if not any(os.access(os.path.join(d, argv[0]), os.X_OK) for d in os.environ["PATH"].split(":")) and not os.access(argv[0], os.X_OK):
            print("     %-58s %s" % ("start-up: " + case[0], "not installed"))
            continue
        present.append(case)
    # One warm-up start each (mlsd's first start after a build fills its case cache), then the
    # programs take turns, so that a change in the machine's speed during the run (common on a
    # shared VM) reaches all of them alike; in a new order each round (a fixed seed), so that
    # none always starts right after the same one (nano right after vim finds the C and curses
    # libraries they share already in the caches).
    RUNS = 101
    times = {case[0]: [] for case in present}
    shuffle = random.Random(2)
    for k in range(RUNS + 1):
        order = list(present)
        shuffle.shuffle(order)
        for name, argv, needle, env in order:
            if "XDG_DATA_HOME" in env:
                # Each start its own data folder: a start killed here leaves its session behind,
                # which the next start would find interrupted and read to offer resuming it.
                env = dict(env, XDG_DATA_HOME=tempfile.mkdtemp())
            # The clock starts before the fork: started after it, it missed whatever the child did
            # while the parent waited to be scheduled again (a "best" of 0.1 ms on a busy VM).
            t0 = time.perf_counter()
            pid, fd = spawn(argv, 80, 24, env)
            read_until(fd, needle)
            t = time.perf_counter() - t0
            stop(pid, fd)
            if k > 0:
                times[name].append(t)
    for name, *_ in present:
        ts = sorted(times[name])
        print("     %-58s %-14s median of %d, taking turns (best %.2f ms)" % ("start-up to first full frame: " + name, "%.2f ms" % (ts[RUNS // 2] * 1000), RUNS, ts[0] * 1000))


# What is typed: a sentence, spaces and all, over and over at the end of the notes.
TYPED = b"the two tower model retrieves candidates within the latency budget; "


def typing(mlsd):
    tmp = tempfile.mkdtemp()
    text = words(20000)
    path = os.path.join(tmp, "notes.txt")
    with open(path, "w") as f:
        f.write(text)
    n = 800
    results = {}
    # Alternating runs, each program five times: the median and the best of each are reported
    # (on this virtual machine one run can cost a third more than the next). The floor is `cat`
    # on a raw terminal: one read and one write a key, what any program pays to wake for a key.
    names = ("mlsd", "nano", "mlsd --no-record", "floor: cat, raw")
    for name in names * 5:
        if name.startswith("mlsd"):
            extra = ["--no-record"] if name.endswith("--no-record") else []
            # a data folder of its own, so that no earlier (killed) run is offered for resuming
            pid, fd = spawn([mlsd, "practice", "--minutes", "180"] + extra, COLS, ROWS, {"XDG_DATA_HOME": tempfile.mkdtemp()})
            read_until(fd, b"Ctrl-N")
            # Paste the 20,000 words into the notes, then go to the end.
            for i in range(0, len(text), 4096):
                os.write(fd, text[i:i + 4096].encode())
                drain(fd, quiet=0.02, limit=0.5)
        elif name == "nano":
            pid, fd = spawn(["nano", "--ignorercfiles", path], COLS, ROWS)
            read_until(fd, b"Help")
            os.write(fd, b"\x1b[F")  # nano: go to the end of the line
        else:
            pid, fd = spawn(["sh", "-c", "stty raw -echo; echo ready; exec cat"], COLS, ROWS)
            read_until(fd, b"ready")
        drain(fd, quiet=0.5, limit=30)
        c0 = cpu(pid)
        total = 0
        for i in range(n):
            os.write(fd, TYPED[i % len(TYPED):i % len(TYPED) + 1])
            total += drain(fd, quiet=0.004, limit=1.0)
        total += drain(fd, quiet=0.3, limit=2.0)
        c1 = cpu(pid)
        stop(pid, fd)
        results.setdefault(name, []).append(((c1 - c0) / n * 1e6, total / n))
    for name in names:
        rs = sorted(results[name])
        cpu_, bytes_ = rs[len(rs) // 2]
        print("     %-58s %-14s %.1f bytes a character (median of %d runs of %d characters; best %.0f µs; all %s)" % (
            "typing with 20,000 words at 200x60: " + name, "%.1f µs CPU" % cpu_, bytes_, len(rs), n, rs[0][0],
            "/".join("%.0f" % r[0] for r in rs)))


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("startup", "typing"):
        print(__doc__)
        sys.exit(64)
    {"startup": startup, "typing": typing}[sys.argv[1]](sys.argv[2])
