"""The sources benchmark: 500 local feeds of 20 entries each, polled from cold and again unchanged.

    .venv/bin/python bench/sources.py [--feeds 500] [--entries 20] [--concurrency N]

A separate process serves the feeds on 127.0.0.1 the way publishers do (an ETag and
Last-Modified on each, `304` when either comes back). The tracker runs on a fresh SQLite file,
var/bench-sources.sqlite3 (BENCH_DATABASE_URL for another database, emptied first), with loopback
feeds allowed, and polls every source with `poll_due_now` (what `poll_sources` runs): once from
cold, every entry new, then once more with nothing new. Each entry carries its full text, so it
becomes an article at once; the parse tasks it queues go to an in-memory broker that no worker
reads, since parsing is the workers' cost, not the poll's.

The baselines, in the same run, fetch the same feeds with plain GETs from as many threads, once
with nothing and once conditionally: over kept-alive connections (the best case, one server) and
over a new connection per feed (as feeds on as many sites need, and as the tracker polls). The
figures are the time of each round, requests made, articles created and the process's peak
memory. It exits non-zero when a round makes the wrong number of requests or articles.
"""

import argparse
import hashlib
import multiprocessing
import os
import resource
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LAST_MODIFIED = "Mon, 05 Jan 2026 08:00:00 GMT"
PARAGRAPH = (
    "Officials from both governments said talks on tariffs for steel, aluminium and rare earths "
    "would continue next month, after a round that ended without a text both sides could sign. "
)


def feed_body(feed: int, entries: int) -> bytes:
    """A feed of `entries` distinct stories, each with a link, a GUID and its full text."""
    items = []
    for entry in range(entries):
        story = f"Story {feed}-{entry}: trade talks resume"
        text = (
            f"<p>{escape(story)}.</p>" + f"<p>{PARAGRAPH * 6}</p>" + f"<p>Ref {feed}-{entry}.</p>"
        )
        items.append(
            f"<item><title>{escape(story)}</title>"
            f"<link>https://wire{feed}.example/{entry}</link>"
            f'<guid isPermaLink="false">wire{feed}-{entry}</guid>'
            f"<pubDate>Mon, 05 Jan 2026 07:{entry % 60:02d}:00 GMT</pubDate>"
            f"<description>{escape(story)}</description>"
            f"<content:encoded>{escape(text)}</content:encoded></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Wire {feed}</title><link>https://wire{feed}.example/</link>"
        f"<description>News</description>{''.join(items)}</channel></rss>"
    ).encode()


def serve(feeds: int, entries: int, ready, port) -> None:
    """Serve /feed/<n> for n < feeds until killed (run in its own process)."""
    bodies = [feed_body(n, entries) for n in range(feeds)]
    etags = [f'"{hashlib.sha256(body).hexdigest()[:16]}"' for body in bodies]

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            number = int(self.path.rsplit("/", 1)[1])
            if self.headers.get("If-None-Match") == etags[number]:
                self.send_response(304)
                self.send_header("ETag", etags[number])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(bodies[number])))
            self.send_header("ETag", etags[number])
            self.send_header("Last-Modified", LAST_MODIFIED)
            self.end_headers()
            self.wfile.write(bodies[number])

        def log_message(self, *args):
            pass

    class Server(ThreadingHTTPServer):
        # The default backlog of 5 drops connections a busy round opens at once; a dropped
        # SYN is retried a second later, which would time the retry, not the poll.
        request_queue_size = 256
        daemon_threads = True

    server = Server(("127.0.0.1", 0), Handler)
    port.value = server.server_address[1]
    ready.set()
    server.serve_forever()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def baseline(
    urls: list[str], concurrency: int, etags: dict[str, str] | None, *, keep_alive: bool
) -> tuple[float, dict[str, str]]:
    """Plain GETs of every URL (conditional with `etags`): seconds taken, and the ETags seen.

    Kept alive, the connections to the one local server serve many feeds each; otherwise each
    feed gets its own, as feeds on 500 different sites do.
    """
    import urllib3

    pool = urllib3.PoolManager(maxsize=concurrency, retries=False)
    seen: dict[str, str] = {}

    def get(url: str) -> None:
        headers = {"If-None-Match": etags[url]} if etags else {}
        if keep_alive:
            response = pool.request("GET", url, headers=headers)
        else:
            with urllib3.PoolManager(retries=False) as own:
                response = own.request("GET", url, headers=headers)
        seen[url] = response.headers.get("ETag", "")

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as threads:
        list(threads.map(get, urls))
    return time.perf_counter() - started, seen


def setup_tracker(database: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{database}")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
    os.environ.pop("REDIS_URL", None)
    database.unlink(missing_ok=True)
    import django

    django.setup()
    from django.conf import settings

    # As in the tests: production settings refuse loopback addresses from the environment.
    settings.TRACKER_FETCH_ALLOW_LOOPBACK = True
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    if "BENCH_DATABASE_URL" in os.environ:
        call_command("flush", "--noinput", verbosity=0)

    from tracker.celery import app

    # Parse tasks are queued, not run: a memory broker no worker reads.
    app.conf.task_always_eager = False


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--feeds", type=int, default=500)
    arguments.add_argument("--entries", type=int, default=20)
    arguments.add_argument("--concurrency", type=int, default=None)
    options = arguments.parse_args()

    (ROOT / "var").mkdir(exist_ok=True)
    ready, port = multiprocessing.Event(), multiprocessing.Value("i", 0)
    server = multiprocessing.Process(
        target=serve, args=(options.feeds, options.entries, ready, port), daemon=True
    )
    server.start()
    ready.wait(60)
    urls = [f"http://127.0.0.1:{port.value}/feed/{n}" for n in range(options.feeds)]

    setup_tracker(ROOT / "var" / "bench-sources.sqlite3")
    from django.conf import settings
    from django.utils import timezone

    from deals import services
    from deals.models import Article, Source

    concurrency = options.concurrency or settings.TRACKER_SOURCES_CONCURRENCY
    Source.objects.bulk_create(Source(name=f"Wire {n}", feed_url=url) for n, url in enumerate(urls))

    rows = []
    for keep_alive, label in ((True, "kept alive"), (False, "new connections")):
        cold_seconds, etags = baseline(urls, concurrency, None, keep_alive=keep_alive)
        rows.append((f"GETs, {label}", cold_seconds, len(urls), 0, peak_mb()))
        warm_seconds, _ = baseline(urls, concurrency, etags, keep_alive=keep_alive)
        rows.append((f"conditional GETs, {label}", warm_seconds, len(urls), 0, peak_mb()))

    failures = []
    expected = {"cold": options.feeds * options.entries, "unchanged": 0}
    for name in ("cold", "unchanged"):
        Source.objects.update(next_poll_at=timezone.now())
        before = Article.objects.count()
        started = time.perf_counter()
        done = services.poll_due_now(concurrency=concurrency)
        seconds = time.perf_counter() - started
        created = Article.objects.count() - before
        rows.append((f"tracker poll, {name}", seconds, done.requests, created, peak_mb()))
        if done.requests != options.feeds or created != expected[name] or done.failed:
            failures.append(
                f"{name}: {done.requests} requests, {created} articles, {done.failed} failing"
            )
    server.kill()

    print(
        f"{options.feeds} feeds of {options.entries} entries, {concurrency} at a time, "
        f"{settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[1]}; peak MB is the process's "
        "high-water mark so far\n"
    )
    header = ("round", "seconds", "ms/feed", "requests", "articles", "peak MB")
    print("{:<38} {:>8} {:>8} {:>9} {:>9} {:>8}".format(*header))
    for name, seconds, requests, created, memory in rows:
        print(
            f"{name:<38} {seconds:>8.2f} {seconds * 1000 / options.feeds:>8.2f} "
            f"{requests:>9} {created:>9} {memory:>8.0f}"
        )
    seconds = {name: row_seconds for name, row_seconds, *_ in rows}
    for poll, plain in (
        ("tracker poll, cold", "GETs, new connections"),
        ("tracker poll, unchanged", "conditional GETs, new connections"),
        ("tracker poll, unchanged", "conditional GETs, kept alive"),
    ):
        print(f"{poll} / {plain}: {seconds[poll] / seconds[plain]:.1f}x")
    for failure in failures:
        print(f"WRONG: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
