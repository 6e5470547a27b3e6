"""API benchmark: the deal list and a conditional changes poll against a constant-JSON view.

    .venv/bin/python bench/api.py [--database postgres|sqlite] [--deals N] [--entries N]
        [--seconds 2] [--rounds 10] [--connections 2]

Loads the archive of `bench/archive.py` (10,000 deals and 100,000 timeline entries unless told;
COPY on PostgreSQL) into a fresh SQLite file, the local `tracker_bench` PostgreSQL database or
BENCH_DATABASE_URL (its tables are emptied), serves the tracker with
gunicorn (DEBUG off) and drives it from separate client processes over keep-alive connections.
The three targets are measured in interleaved rounds of the same run, and each target's share of
the baseline is the median of its rounds' shares, so load from elsewhere on the machine weighs
on both sides of every comparison alike:

- baseline: a bench-only view answering constant JSON through the same server and middleware;
- deal list: GET /api/v1/deals/ (first page), goal >= 50% of the baseline's requests/s;
- changes 304: GET /api/v1/changes/ with If-None-Match, goal >= 80% of the baseline.
"""

import argparse
import http.client
import multiprocessing
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench import archive  # noqa: E402

HOST = "127.0.0.1"


def _server_environment(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "WARNING",
        # The benchmark measures serving, not the throttle saying no.
        "TRACKER_API_THROTTLE_ADDRESS": "100000000/minute",
        "TRACKER_API_THROTTLE_TOKEN": "100000000/minute",
        # Validators are renewed every 5 minutes by default; a renewal in mid-run would turn
        # the polled 304s into one 200 per worker and muddle the figures.
        "TRACKER_API_VALIDATOR_SECONDS": "86400",
    }


def load_deals(environment: dict[str, str], deals: int, entries: int) -> None:
    """Migrate and bulk-load the archive of `bench/archive.py`."""
    os.environ.update(environment)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from bench import archive

    archive.load(deals=deals, entries=entries)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _wait_until_serving(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped before serving; see its output above.")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/bench/constant/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer within 30 seconds.")


def _drive(port, path, headers, expected, seconds, connections, results) -> None:
    """One client process: `connections` keep-alive connections in threads, for `seconds`."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def loop():
        connection = http.client.HTTPConnection(HOST, port, timeout=10)
        mine = []
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            mine.append(time.perf_counter() - started)
            if response.status != expected:
                errors[0] += 1
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=loop) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.put((latencies, errors[0]))


def measure(port, path, headers, expected, *, seconds, connections) -> tuple[list[float], int]:
    """Requests' latencies (and wrong answers) from two client processes, for `seconds`."""
    results = multiprocessing.Queue()
    processes = [
        multiprocessing.Process(
            target=_drive,
            args=(port, path, headers, expected, seconds, connections // 2, results),
        )
        for _ in range(2)
    ]
    for process in processes:
        process.start()
    collected = [results.get() for _ in processes]
    for process in processes:
        process.join()
    return [lat for lats, _ in collected for lat in lats], sum(errors for _, errors in collected)


def _etag(port: int, path: str) -> str:
    connection = http.client.HTTPConnection(HOST, port)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    return response.getheader("ETag")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="per target and round")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=2, help="split over 2 processes")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1, help="per gunicorn worker")
    archive.add_arguments(parser, deals=10_000, entries=100_000)
    options = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="tracker-bench-api-"))
    if options.reuse:
        database_url = os.environ["BENCH_DATABASE_URL"]
    else:
        database_url = archive.database_url(options.database, sqlite_path=workdir / "bench.sqlite3")
    environment = _server_environment(database_url)
    started = time.perf_counter()
    if options.reuse:
        archive.migrate(environment)
    if not options.reuse:
        archive.prepare_database(environment)
        loader = multiprocessing.Process(
            target=load_deals, args=(environment, options.deals, options.entries)
        )
        loader.start()
        loader.join()
        if loader.exitcode:
            raise SystemExit("Loading the deals failed.")
    print(
        f"{'Reused' if options.reuse else 'Loaded'} {options.deals:,} deals and "
        f"{options.entries:,} timeline entries "
        f"in {time.perf_counter() - started:.1f}s ({options.database})"
    )

    port = _free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "bench.api_server:application",
            f"--bind={HOST}:{port}",
            f"--workers={options.workers}",
            "--worker-class=gthread",
            f"--threads={options.threads}",
            "--keep-alive=30",
            "--log-level=warning",
            f"--chdir={ROOT}",
        ],
        env=environment,
        cwd=ROOT,
    )
    try:
        _wait_until_serving(port, server)
        changes_etag = _etag(port, "/api/v1/changes/")
        targets = {
            "baseline (constant JSON)": ("/bench/constant/", {}, 200),
            "deal list, page 1": ("/api/v1/deals/", {}, 200),
            "changes, conditional 304": ("/api/v1/changes/", {"If-None-Match": changes_etag}, 304),
        }
        for path, headers, expected in targets.values():  # warm every worker's caches
            measure(port, path, headers, expected, seconds=0.5, connections=options.connections)
        samples = {name: ([], 0) for name in targets}
        shares = {name: [] for name in targets}
        for _ in range(options.rounds):
            counts = {}
            for name, (path, headers, expected) in targets.items():
                latencies, errors = measure(
                    port,
                    path,
                    headers,
                    expected,
                    seconds=options.seconds,
                    connections=options.connections,
                )
                samples[name] = (samples[name][0] + latencies, samples[name][1] + errors)
                counts[name] = len(latencies)
            for name in targets:
                shares[name].append(counts[name] / counts["baseline (constant JSON)"])
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)

    elapsed = options.seconds * options.rounds
    rates = {name: len(latencies) / elapsed for name, (latencies, _) in samples.items()}
    goals = {"deal list, page 1": 0.5, "changes, conditional 304": 0.8}
    print(
        f"\ngunicorn gthread, {options.workers} workers x {options.threads} threads; "
        f"{options.connections} "
        f"keep-alive connections from 2 client processes; {options.rounds} x "
        f"{options.seconds:g}s per target, interleaved\n"
    )
    print(
        f"{'target':<28}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}  vs baseline (median)"
    )
    failed = False
    for name, (latencies, errors) in samples.items():
        ordered = sorted(latencies)
        p50 = statistics.median(ordered) * 1000
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000
        ratio = statistics.median(shares[name])
        verdict = ""
        if name in goals:
            ok = ratio >= goals[name] and not errors
            failed |= not ok
            verdict = f"  {ratio:5.0%} (goal >= {goals[name]:.0%}: {'met' if ok else 'MISSED'})"
        print(f"{name:<28}{rates[name]:>9.0f}{p50:>9.2f}{p99:>9.2f}{errors:>8}{verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
