"""Fixtures shared by the whole suite."""

import pytest
from django.conf import settings
from django.core.cache import caches

from deals.models import Status
from deals.stages import SHIPPED_STAGES
from deals.views.list_queries import forget_list_queries

from .factories import EditorFactory, UserFactory


def pytest_configure(config):
    # The SQLite test database is a file (worker processes open it) under var/, which a fresh
    # clone does not have yet.
    (settings.BASE_DIR / "var").mkdir(exist_ok=True)


@pytest.fixture(autouse=True)
def exact_counts(settings):
    """Counts over the archive recounted at every render: a tally kept by an earlier test, for
    other data, must not stand in for this one's (tests/test_tallies.py turns them on)."""
    settings.TRACKER_TALLY_SECONDS = 0


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty caches, as its database starts empty: what an earlier test
    kept (a search's results, mended by the deals changed since) must not stand in."""
    caches["default"].clear()
    forget_list_queries()


@pytest.fixture
def stages(db):
    """The shipped stage vocabulary, also in tests that flush the database between them."""
    for shipped in SHIPPED_STAGES:
        Status.objects.get_or_create(slug=shipped.slug, defaults=shipped._asdict())
    return {status.slug: status for status in Status.objects.all()}


@pytest.fixture
def editors_group(db):
    """The Editors group as its migration makes it; tests that flush the database lose it."""
    from django.apps import apps
    from django.contrib.auth.models import Group

    from deals.permissions import EDITORS_GROUP, sync_editors_group

    sync_editors_group(apps, None)
    return Group.objects.get(name=EDITORS_GROUP)


@pytest.fixture
def editor(db):
    return EditorFactory()


@pytest.fixture
def reader(db):
    return UserFactory()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def fast_password_hashing(settings):
    """Hash test passwords cheaply: the real hasher takes half a second per account."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# --- The API and webhooks (area: api) ----------------------------------------------------------


@pytest.fixture
def fresh_cache(settings):
    """A private, empty cache: throttle counters and cached responses from other tests vanish."""
    import uuid

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"tests-{uuid.uuid4()}",
        }
    }


@pytest.fixture
def api_client(fresh_cache):
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def token(reader):
    from rest_framework.authtoken.models import Token

    return Token.objects.create(user=reader)


@pytest.fixture
def token_client(fresh_cache, token):
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


# --- The ingestion pipeline --------------------------------------------------------------------


@pytest.fixture
def reference_data(stages):
    """The countries, blocs and commodity taxonomy a tracker starts with (as `loaddemo` seeds)."""
    from deals.services import seed_reference_data

    return seed_reference_data()


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    """A private Redis server for this session's pipeline tests (never the shared one)."""
    from .processes import RedisServer

    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


def _database_url() -> str:
    """The test database as a URL, for worker processes to open the same database."""
    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    from urllib.parse import quote

    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = db["HOST"] or "localhost"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{credentials}@{host}{port}/{db['NAME']}"


@pytest.fixture
def broker(redis_server):
    """Send this process's tasks to the private Redis instead of running them in process."""
    from tracker.celery import app

    redis_server.flush()
    previous = app.conf.broker_url, app.conf.task_always_eager
    app.conf.broker_url, app.conf.task_always_eager = redis_server.url, False
    # Celery keeps its connection pools once made: drop them so the new broker is used.
    app.close()
    app.amqp._producer_pool = None
    yield redis_server
    app.conf.broker_url, app.conf.task_always_eager = previous
    app.close()
    app.amqp._producer_pool = None


@pytest.fixture
def start_worker(broker, transactional_db, tmp_path):
    """Start real `celery -A tracker worker` processes on the test database and private Redis."""
    import os

    from .processes import Worker

    env = {
        **os.environ,
        "REDIS_URL": broker.url,
        "DATABASE_URL": _database_url(),
        "PYTHONUNBUFFERED": "1",
    }
    workers = []

    def start(*options: str) -> Worker:
        log, name = tmp_path / f"worker{len(workers)}.log", f"test{len(workers)}"
        worker = Worker(env, log, name, list(options))
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()
        # Shown by pytest only when the test fails.
        print(f"--- {worker.log.name}\n{worker.tail(60)}")


# --- Articles submitted by URL -----------------------------------------------------------------


@pytest.fixture
def web_server():
    """A real HTTP server on 127.0.0.1 serving the pages a test puts in `pages`.

    `pages[path]` is (status, content type, body) or, for a redirect, (status, location);
    `hits` counts the requests per path. Articles may be fetched from it once the test allows
    loopback addresses (`settings.TRACKER_FETCH_ALLOW_LOOPBACK = True`).
    """
    import threading
    from collections import Counter
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from types import SimpleNamespace

    site = SimpleNamespace(pages={}, hits=Counter())

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            site.hits[self.path] += 1
            page = site.pages.get(self.path, (404, "text/plain", b"Not found"))
            if callable(page):
                page = page(site.hits[self.path])
            self.send_response(page[0])
            if len(page) == 2:
                self.send_header("Location", page[1])
                page = (*page, b"")
            else:
                self.send_header("Content-Type", page[1])
            self.send_header("Content-Length", str(len(page[-1])))
            self.end_headers()
            self.wfile.write(page[-1])

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    site.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield site
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def closed_port():
    """A local address nothing listens on: a site that is down."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


# --- News sources ------------------------------------------------------------------------------


@pytest.fixture
def feed_server():
    """A real HTTP server on 127.0.0.1 serving feeds as publishers do, and whatever else a test
    routes to it.

    `site.feed(path, body)` serves a feed with an ETag and Last-Modified, answering `304` to a
    request that sends either back; `site.route(path, handler)` calls `handler(request)` (the
    BaseHTTPRequestHandler) to answer. `site.hits` counts requests per path and
    `site.headers[path]` keeps the headers of the last one.
    """
    import contextlib
    import hashlib
    import threading
    from collections import Counter
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from types import SimpleNamespace

    site = SimpleNamespace(routes={}, hits=Counter(), headers={})
    last_modified = "Mon, 05 Jan 2026 08:00:00 GMT"

    def feed(path: str, body: bytes, content_type: str = "application/rss+xml") -> None:
        etag = f'"{hashlib.sha256(body).hexdigest()[:16]}"'

        def answer(request):
            sent_etag = request.headers.get("If-None-Match")
            if sent_etag == etag or (
                sent_etag is None and request.headers.get("If-Modified-Since") == last_modified
            ):
                request.send_response(304)
                request.send_header("ETag", etag)
                request.end_headers()
                return
            request.send_response(200)
            request.send_header("Content-Type", content_type)
            request.send_header("Content-Length", str(len(body)))
            request.send_header("ETag", etag)
            request.send_header("Last-Modified", last_modified)
            request.end_headers()
            request.wfile.write(body)

        site.routes[path] = answer

    def route(path: str, handler) -> None:
        site.routes[path] = handler

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            site.hits[self.path] += 1
            site.headers[self.path] = dict(self.headers)
            handler = site.routes.get(self.path)
            if handler is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            # The tracker hangs up on a body without end.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                handler(self)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    site.url = f"http://127.0.0.1:{server.server_address[1]}"
    site.feed, site.route = feed, route
    yield site
    server.shutdown()
    server.server_close()
    thread.join()
