"""Load on the HTTP API: N concurrent clients submitting reports for a fixed time.

Starts `hecha serve` on a free 127.0.0.1 port with a throw-away SQLite data directory (no
rate limit), creates a key, then runs `--clients` threads, each with its own keep-alive
connection, that POST the files (default: the four seeds) round-robin until `--duration`
seconds have passed. Prints throughput, latency percentiles, errors (any status other than
200/201/202, or a transport error) and the resident memory of the server with its checking
processes, at the start, the end and its peak (sampled every second).

Modes:
* default: the same files again and again, so after the first round every answer is an
  idempotent resubmission (the stored report, up to ~1 MB of JSON, read back);
* --unique: a counter line is appended to every submission, so each one is new and checked
  (inline up to HECHA_INLINE_MAX_BYTES, by the worker above);
* --endpoint check: POST /v1/check, a stateless check every time.

    python -m bench.load --clients 10 --duration 30
    python -m bench.load --clients 10 --duration 30 --unique --files corpora/seeds/001_*.txt
    python -m bench.load --url http://127.0.0.1:8000 --key hk_… --pid 1234

Everything stays on loopback: --url must point at 127.0.0.1 or localhost.
"""

from __future__ import annotations

import argparse
import itertools
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import httpx

import corpora

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((corpora.SEEDS).glob("*.txt"))
MAX_DURATION = 3600.0
OK = {200, 201, 202}


def tree_rss(pid: int) -> int:
    """Resident bytes of `pid` and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def slope(samples: list[int]) -> float:
    """Least-squares slope of `samples` taken one second apart, per second."""
    n = len(samples)
    mean_t, mean_y = (n - 1) / 2, statistics.fmean(samples)
    return (sum((t - mean_t) * (y - mean_y) for t, y in enumerate(samples))
            / sum((t - mean_t) ** 2 for t in range(n)))


class Server:
    """`hecha serve` in a subprocess on a free port, with its own data directory."""

    def __init__(self, data_dir: str) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "HECHA_DATA_DIR": data_dir, "HECHA_RATE_LIMIT_PER_MINUTE": "0"}
        self.env.pop("HECHA_DATABASE_URL", None)
        hecha = [sys.executable, "-m", "service.cli"]
        self.key = subprocess.run([*hecha, "keys", "create", "--tenant", "load"], env=self.env, check=True,
                                  capture_output=True, text=True).stdout.strip()
        self.process = subprocess.Popen([*hecha, "serve", "--port", str(self.port), "--log-level", "warning"],
                                        env=self.env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                if httpx.get(f"{self.url}/readyz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop()
        raise SystemExit("load: the server did not start")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def run(url: str, key: str, pid: int | None, args: argparse.Namespace) -> int:
    files = [(p.name, p.read_bytes()) for p in args.files]
    endpoint = "/v1/check" if args.endpoint == "check" else "/v1/documents"
    counter = itertools.count()
    lock = threading.Lock()
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    sizes: list[int] = []
    stop_at = time.monotonic() + args.duration
    rss: list[int] = []

    def client(n: int) -> None:
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}, timeout=120) as http:
            for i in itertools.count(n):
                if time.monotonic() >= stop_at or i - n >= args.max_requests:
                    return
                name, data = files[i % len(files)]
                if args.unique:
                    data = data + f"\n{next(counter)} {uuid.uuid4()}\n".encode()
                started = time.perf_counter()
                try:
                    response = http.post(endpoint, files={"file": (name, data, "text/plain")})
                    status, size = str(response.status_code), len(response.content)
                except httpx.HTTPError as exc:
                    status, size = type(exc).__name__, 0
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    statuses[status] = statuses.get(status, 0) + 1
                    sizes.append(size)

    def sample() -> None:
        while time.monotonic() < stop_at and pid is not None:
            rss.append(tree_rss(pid))
            time.sleep(1)

    start_rss = tree_rss(pid) if pid else 0
    threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
    threads.append(threading.Thread(target=sample, daemon=True))
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads[:-1]:
        t.join()
    wall = time.monotonic() - began
    end_rss = tree_rss(pid) if pid else 0

    errors = sum(n for s, n in statuses.items() if not (s.isdigit() and int(s) in OK))
    ms = [x * 1000 for x in latencies]
    mode = "check" if args.endpoint == "check" else ("unique submissions" if args.unique else "resubmissions")
    print(f"hecha load: {args.clients} clients × {args.duration:g} s, POST {endpoint} ({mode}), "
          f"{len(files)} file(s) of {min(len(d) for _, d in files) // 1000}–"
          f"{max(len(d) for _, d in files) // 1000} kB, {url}")
    print(f"requests  {len(ms)} in {wall:.1f} s = {len(ms) / wall:.1f}/s; errors {errors}; "
          f"statuses {dict(sorted(statuses.items()))}")
    if ms:
        print(f"latency   p50 {percentile(ms, 50):.0f} ms, p95 {percentile(ms, 95):.0f} ms, "
              f"p99 {percentile(ms, 99):.0f} ms, max {max(ms):.0f} ms, mean {statistics.fmean(ms):.0f} ms")
        print(f"responses mean {statistics.fmean(sizes) / 1000:.0f} kB")
    if pid:
        peak = max([start_rss, end_rss, *rss])
        print(f"server RSS (with its checking processes): start {start_rss / 2**20:.0f} MiB, "
              f"end {end_rss / 2**20:.0f} MiB, peak {peak / 2**20:.0f} MiB")
        step = max(1, len(rss) // 10)  # one sample per tenth of the run: growth or plateau?
        print("          over time (MiB): " + " ".join(f"{r / 2**20:.0f}" for r in rss[::step]))
        if len(rss) >= 20:  # growth or plateau, in a number: the trend once warmed up
            half = rss[len(rss) // 2:]
            print(f"          second half: {min(half) / 2**20:.0f}–{max(half) / 2**20:.0f} MiB, "
                  f"trend {slope(half) * 60 / 2**20:+.2f} MiB/min")
    return 1 if errors else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--duration", type=float, default=30.0, help=f"seconds (at most {MAX_DURATION:g})")
    parser.add_argument("--files", type=Path, nargs="+", default=SEEDS)
    parser.add_argument("--unique", action="store_true", help="make every submission new")
    parser.add_argument("--endpoint", choices=["documents", "check"], default="documents")
    parser.add_argument("--max-requests", type=int, default=100_000, help="per client")
    parser.add_argument("--url", help="a running server (127.0.0.1 only); default: start one")
    parser.add_argument("--key", help="API key for --url")
    parser.add_argument("--pid", type=int, help="the --url server's pid, for its memory")
    args = parser.parse_args()
    args.duration = min(max(args.duration, 1.0), MAX_DURATION)
    args.clients = min(max(args.clients, 1), 256)
    if args.url:
        if urlsplit(args.url).hostname not in ("127.0.0.1", "localhost") or not args.key:
            parser.error("--url must be a 127.0.0.1/localhost URL, and needs --key")
        return run(args.url.rstrip("/"), args.key, args.pid, args)
    with tempfile.TemporaryDirectory(prefix="hecha-load-") as data_dir:
        server = Server(data_dir)
        try:
            time.sleep(2)  # let the checking processes finish starting
            return run(server.url, server.key, server.process.pid, args)
        finally:
            server.stop()


if __name__ == "__main__":
    sys.exit(main())
