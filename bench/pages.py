"""Page benchmark: the home page, the deal list and a deal page against a trivial Django page.

    /work/main/.venv/bin/python bench/pages.py

Loads 10,000 deals and 100,000 timeline entries into a fresh SQLite file (var/bench-pages.sqlite3,
or the empty database named by BENCH_DATABASE_URL: its tables are flushed), serves the app with
gunicorn (DEBUG off), and times each page from a client on the same machine. Each page's median
is reported as a ratio to the median of a trivial page served by the same server in the same
run; the target is at most 3x, both for visitors' pages served from the page cache and for
pages rendered afresh (the cache off, as signed-in readers and visitors on a cache miss get them).
Exits non-zero when a page misses it in either.
"""

import datetime
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEALS = int(os.environ.get("BENCH_DEALS", 10_000))
ENTRIES_PER_DEAL = 10
REQUESTS = int(os.environ.get("BENCH_REQUESTS", 200))
TARGET_RATIO = 3.0
PORT = int(os.environ.get("BENCH_PORT", 8791))

DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{ROOT / 'var/bench-pages.sqlite3'}")
SERVER_ENV = {
    **os.environ,
    "DATABASE_URL": DATABASE_URL,
    "DJANGO_SETTINGS_MODULE": "bench.pages_settings",
    "DEBUG": "false",
    "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_HSTS_SECONDS": "0",
    "LOG_LEVEL": "WARNING",
    "PYTHONPATH": str(ROOT),
}
SERVER_ENV.pop("REDIS_URL", None)


def prepare_database() -> None:
    """Create the schema (or empty the given database) with the product's migrations."""
    if DATABASE_URL.startswith("sqlite:///"):
        Path(DATABASE_URL.removeprefix("sqlite:///")).unlink(missing_ok=True)
        Path(DATABASE_URL.removeprefix("sqlite:///")).parent.mkdir(exist_ok=True)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=SERVER_ENV, check=True)
    if not DATABASE_URL.startswith("sqlite:///"):
        subprocess.run([*manage, "flush", "--noinput", "-v0"], env=SERVER_ENV, check=True)
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=SERVER_ENV, check=True)


def load_data() -> dict:
    """Bulk-load parties, commodities, deals and their timelines; return sample slugs."""
    os.environ.update({k: v for k, v in SERVER_ENV.items() if k != "DEBUG"})
    import django

    django.setup()
    from django.db import connection, transaction

    from deals.models import (
        Article,
        Commodity,
        Deal,
        DealParty,
        EntryKind,
        Party,
        PartyKind,
        Status,
        TimelineEntry,
        content_hash,
    )
    from deals.stages import SHIPPED_STAGES

    for shipped in SHIPPED_STAGES:
        Status.objects.get_or_create(slug=shipped.slug, defaults=shipped._asdict())
    statuses = {status.slug: status for status in Status.objects.all()}
    tracks = {
        "agreement": [s.slug for s in SHIPPED_STAGES if s.track == "agreement"],
        "measure": [s.slug for s in SHIPPED_STAGES if s.track == "measure"],
    }
    off_track = ["stalled", "suspended", "collapsed", "cancelled", "lifted"]
    rng = random.Random(4)
    start = datetime.date(2020, 1, 1)
    batch = 2000

    with transaction.atomic():
        countries = Party.objects.bulk_create(
            Party(name=f"Country {n}", slug=f"country-{n}", kind=PartyKind.COUNTRY)
            for n in range(60)
        )
        companies = Party.objects.bulk_create(
            Party(
                name=f"Company {n}",
                slug=f"company-{n}",
                kind=PartyKind.COMPANY,
                country=countries[n % 60],
            )
            for n in range(240)
        )
        roots = Commodity.objects.bulk_create(
            Commodity(name=f"Commodity {n}", slug=f"commodity-{n}") for n in range(10)
        )
        commodities = roots + Commodity.objects.bulk_create(
            Commodity(name=f"Commodity {r}.{n}", slug=f"commodity-{r}-{n}", parent=roots[r])
            for r in range(10)
            for n in range(5)
        )
        articles = Article.objects.bulk_create(
            (
                Article(
                    title=f"Report {n} on trade talks",
                    url=f"https://news.example.org/{n}",
                    outlet="Bench Wire",
                    body=f"Report {n}.",
                    content_hash=content_hash("", f"Report {n}."),
                    state="parsed",
                )
                for n in range(DEALS * 2)
            ),
            batch_size=batch,
        )

        deals, timelines = [], []
        for n in range(DEALS):
            kind = "measure" if n % 5 == 0 else "agreement"
            track = tracks[kind]
            position, day, sequence = 0, rng.randrange(0, 1500), []
            for _ in range(ENTRIES_PER_DEAL):
                if rng.random() < 0.3 and position < len(track) - 1:
                    position += 1
                slug = track[position]
                if rng.random() < 0.03:
                    slug = rng.choice(off_track)
                day += rng.randrange(1, 30)
                sequence.append((slug, start + datetime.timedelta(days=day)))
            deals.append(
                Deal(
                    title=f"Deal {n} on trade in commodity {n % 60}",
                    slug=f"deal-{n}",
                    kind=kind,
                    summary=f"Summary of deal {n}.",
                    status=statuses[sequence[-1][0]],
                    first_reported_on=sequence[0][1],
                    last_changed_on=sequence[-1][1],
                )
            )
            timelines.append(sequence)
        deals = Deal.objects.bulk_create(deals, batch_size=batch)

        entries, links, tags = [], [], []
        for n, (deal, sequence) in enumerate(zip(deals, timelines, strict=True)):
            previous, used = None, set()
            for j, (slug, happened_on) in enumerate(sequence):
                article = articles[(n * ENTRIES_PER_DEAL + j) % len(articles)]
                # The same source never puts a deal at the same stage twice; restate it as a
                # correction then, as an editor would.
                report = (article.pk, slug) not in used
                used.add((article.pk, slug))
                entries.append(
                    TimelineEntry(
                        deal=deal,
                        status=statuses[slug],
                        happened_on=happened_on,
                        article=article if report else None,
                        kind=EntryKind.REPORT if report else EntryKind.CORRECTION,
                        note="" if report else "Restated.",
                        quote=f"Deal {n} stands at {slug}.",
                        previous_status=statuses[previous] if previous else None,
                        changed_stage=slug != previous,
                        announced_at=deal.created_at,
                    )
                )
                previous = slug
            links.append(DealParty(deal=deal, party=countries[n % 60], role="partner"))
            links.append(DealParty(deal=deal, party=companies[(n * 7) % 240], role="investor"))
            tags.append(Deal.commodities.through(deal=deal, commodity=commodities[n % 60]))
        TimelineEntry.objects.bulk_create(entries, batch_size=batch)
        DealParty.objects.bulk_create(links, batch_size=batch)
        Deal.commodities.through.objects.bulk_create(tags, batch_size=batch)

    if connection.vendor == "postgresql":
        # Autovacuum gathers statistics on freshly loaded tables within a minute or so; without
        # them the planner guesses row counts and picks plans no running site would get.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    # A deal in the middle of the table, with a full timeline.
    return {"deal": f"deal-{DEALS // 2}"}


def wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


def fetch(path: str) -> float:
    """Seconds to fetch `path` on a new connection, as a browser's first request would."""
    began = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    connection.request("GET", path, headers={"Host": "127.0.0.1"})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    elapsed = time.perf_counter() - began
    if response.status != 200 or not body:
        raise RuntimeError(f"{path} answered {response.status}")
    return elapsed


def serve_and_time(pages: dict[str, str], *, page_cache: bool) -> dict[str, list[float]]:
    """Start gunicorn, warm it up, and time every page REQUESTS times, interleaved."""
    env = {**SERVER_ENV, "TRACKER_PAGE_CACHE_SECONDS": "300" if page_cache else "0"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "tracker.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for_port(PORT)
        for path in pages.values():  # Both workers load their code and fill their caches.
            for _ in range(10):
                fetch(path)
        timings: dict[str, list[float]] = {name: [] for name in pages}
        # Interleaved, so drifts in the machine's load hit every page alike.
        for _ in range(REQUESTS if page_cache else max(REQUESTS // 4, 20)):
            for name, path in pages.items():
                timings[name].append(fetch(path))
    finally:
        server.terminate()
        server.wait(timeout=10)
    return timings


def main() -> int:
    began = time.perf_counter()
    prepare_database()
    samples = load_data()
    print(
        f"Loaded {DEALS:,} deals and {DEALS * ENTRIES_PER_DEAL:,} timeline entries "
        f"in {time.perf_counter() - began:.1f}s ({DATABASE_URL.split(':')[0]})"
    )
    pages = {
        "trivial page (baseline)": "/bench/trivial/",
        "home page": "/",
        "deal list": "/deals/",
        "deal list, filtered": "/deals/?stage=signed&country=country-3&sort=title",
        "deal page": f"/deals/{samples['deal']}/",
    }
    timings = serve_and_time(pages, page_cache=True)
    uncached = serve_and_time(pages, page_cache=False)

    print(f"\nVisitors' pages (page cache on, as served); target: each ≤ {TARGET_RATIO}×")
    missed = report(timings, target=TARGET_RATIO)
    print(
        "\nEvery page rendered afresh (page cache off, as for signed-in readers and visitors "
        "on a cache miss); no target: shown so the cost of a miss stays visible"
    )
    report(uncached, target=None)
    if missed:
        print(f"\nMissed the target: {', '.join(missed)}")
        return 1
    print("\nEvery page is within the target as served.")
    return 0


def report(timings: dict[str, list[float]], *, target: float | None) -> list[str]:
    """Print each page's median, 90th percentile and ratio to the trivial page."""
    baseline = statistics.median(timings["trivial page (baseline)"])
    print(f"{'page':<26}{'median ms':>10}{'p90 ms':>9}{'ratio':>8}")
    missed = []
    for name, values in timings.items():
        median = statistics.median(values)
        p90 = statistics.quantiles(values, n=10)[-1]
        ratio = median / baseline
        print(f"{name:<26}{median * 1000:>10.2f}{p90 * 1000:>9.2f}{ratio:>7.2f}×")
        if target is not None and ratio > target:
            missed.append(name)
    return missed


if __name__ == "__main__":
    sys.exit(main())
