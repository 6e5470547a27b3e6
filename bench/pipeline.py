"""Throughput of the article pipeline with a real Redis and a real Celery worker.

    /work/main/.venv/bin/python bench/pipeline.py [--articles 200] [--concurrency 2]

Articles go the way users send them (submit_article, then a worker parses each into proposals)
and are timed from the first submission until the last is parsed. The baseline, measured in the
same run with the same worker and Redis, is a no-op Celery task's round trip: what the queue
itself costs, before any parsing.
"""

import argparse
import contextlib
import itertools
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.processes import RedisServer, Worker, wait_for  # noqa: E402

COUNTRIES = ["Malaysia", "Indonesia", "Vietnam", "Chile", "Peru", "Canada", "Japan", "Brazil"]
GOODS = ["rare earths", "copper", "nickel", "lithium", "cobalt", "tin", "bauxite", "soybeans"]
STAGES = [
    "are in preliminary talks on",
    "launched formal negotiations on",
    "signed a memorandum of understanding on",
    "signed a binding agreement on",
]


def article(number: int) -> tuple[str, str]:
    """A different article of about 3 KB for each number."""
    first, second = list(itertools.permutations(COUNTRIES, 2))[number % 56]
    good, stage = GOODS[number % len(GOODS)], STAGES[number % len(STAGES)]
    title = f"{first} and {second} {stage} a {good} supply deal (report {number})"
    paragraphs = [
        f"{first} and {second} {stage} a {good} supply agreement, officials said on Monday.",
        f"The deal would see {second} buy up to {number + 5} million tonnes of {good} a year "
        f"from {first} over the next decade, worth about ${number + 2} billion.",
        f"Trade between the two countries grew by {number % 30 + 3}% last year, driven by "
        "demand for raw materials, machinery and farm goods. Analysts said the agreement "
        "would give both sides more certainty over prices and supply.",
    ]
    body = "\n\n".join(paragraphs * 5)
    return title, body[:3000]


def _fresh_database(database_url: str) -> None:
    """Remove the SQLite file, or every table of the PostgreSQL database, before migrating."""
    if database_url.startswith("sqlite:///"):
        path = Path(database_url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")


@contextlib.contextmanager
def tracker_with_worker(
    *, database_url: str | None = None, concurrency: int = 2
) -> Iterator[RedisServer]:
    """This process set up as the tracker on a fresh database (migrated, reference data loaded),
    a private Redis and one `celery -A tracker worker`; both stopped at the end.

    `database_url`: a SQLite file (replaced) or a PostgreSQL database (emptied); by default a
    SQLite file in a temporary folder. The worker stores task results in the same Redis, so a
    benchmark can wait for a task's result.
    """
    workdir = Path(tempfile.mkdtemp(prefix="tracker-bench-"))
    redis_server = RedisServer(workdir)
    redis_server.start()
    database_url = database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.update(
        DJANGO_SETTINGS_MODULE="tracker.settings",
        DATABASE_URL=database_url,
        REDIS_URL=redis_server.url,
        LOG_LEVEL="WARNING",
    )
    worker = None
    try:
        import django

        django.setup()
        from django.core.management import call_command

        from deals import services
        from tracker.celery import app

        _fresh_database(database_url)
        call_command("migrate", verbosity=0)
        services.seed_reference_data()
        app.conf.result_backend = redis_server.url
        worker = Worker(
            # celery's own variable: the worker stores results there.
            {**os.environ, "RESULT_BACKEND": redis_server.url},
            workdir / "worker.log",
            "bench",
            extra=[f"--concurrency={concurrency}"],
        )
        yield redis_server
    finally:
        if worker is not None:
            worker.stop()
        redis_server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument(
        "--latency-articles", type=int, default=40, help="sent one at a time after the batch"
    )
    options = parser.parse_args()

    with tracker_with_worker(concurrency=options.concurrency):
        from deals import services
        from deals.models import PENDING_STATES, Article, Proposal
        from tracker.celery import app

        noop = app.tasks["celery.accumulate"]
        started = time.perf_counter()
        results = [
            noop.apply_async(args=(number,), ignore_result=False)
            for number in range(options.articles)
        ]
        for result in results:
            result.get(timeout=60)
        noop_rate = options.articles / (time.perf_counter() - started)

        texts = [article(number) for number in range(options.articles)]
        started = time.perf_counter()
        for title, body in texts:
            services.submit_article(title=title, body=body, outlet="Bench Wire")
        wait_for(
            lambda: not Article.objects.filter(state__in=PENDING_STATES).exists(),
            timeout=600,
            interval=0.05,
            what="the articles to be parsed",
        )
        elapsed = time.perf_counter() - started
        parsed = Article.objects.filter(state="parsed").count()
        proposals = Proposal.objects.count()

        # A reader's wait: one article at a time on an idle queue, from submission until its
        # proposal is in the database.
        latencies = []
        for number in range(options.articles, options.articles + options.latency_articles):
            title, body = article(number)
            began = time.perf_counter()
            sent = services.submit_article(title=title, body=body, outlet="Bench Wire").article
            wait_for(
                lambda sent=sent: (
                    Proposal.objects.filter(article=sent).exists()
                    or Article.objects.filter(pk=sent.pk).exclude(state__in=PENDING_STATES).exists()
                ),
                timeout=60,
                interval=0.005,
                what="the article's proposal",
            )
            latencies.append(time.perf_counter() - began)

    print(
        f"Pipeline bench: {options.articles} articles of ~3 KB, worker concurrency "
        f"{options.concurrency}, SQLite, private Redis"
    )
    print(f"  baseline  no-op Celery task round trip : {noop_rate:8.1f} tasks/s")
    print(
        f"  pipeline  submit -> worker -> proposal : {options.articles / elapsed:8.1f} articles/s"
        f"  ({parsed} parsed, {proposals} proposals, {elapsed:.1f} s)"
    )
    print(
        f"  the pipeline runs at {options.articles / elapsed / noop_rate:.1%} of the queue's "
        "own round-trip rate"
    )
    p50 = statistics.median(latencies)
    p95 = statistics.quantiles(latencies, n=20)[-1]
    print(
        f"  latency   submit -> proposal, one at a time: p50 {p50 * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms over {len(latencies)} articles "
        f"(target p50 <= 1 s: {'met' if p50 <= 1 else 'MISSED'})"
    )
    return 0 if p50 <= 1 else 1


if __name__ == "__main__":
    sys.exit(main())
