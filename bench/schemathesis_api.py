"""Schemathesis against the API's own OpenAPI schema: thousands of generated requests.

    .venv/bin/python bench/schemathesis_api.py [--cases 5000]

Migrates a fresh SQLite file (`var/bench-schemathesis.sqlite3`, or the database named by
BENCH_DATABASE_URL, whose tables are emptied), loads the demo articles and accepts what the
parser proposes, makes a reader with a token and a webhook, then sends at least `--cases`
requests generated from `/api/schema/` to the tracker in this process (its WSGI application, no
server): for every operation, inputs that fit the schema and inputs that do not, each without
and with the token. Every answer is checked as schemathesis checks it, and the counts printed:

    server errors, undocumented status codes, undocumented content types, missing documented
    headers, bodies unlike their schema, and connections attempted off this machine

It exits non-zero unless every one of them is 0. Nothing leaves the machine: host names resolve
to 127.0.0.1, which the URL guard refuses for fetching and webhooks; tasks are queued and never
run, so no page is fetched and no webhook delivered; and any connection to another address is
refused and counted. `tests/test_schema.py` runs the same checks on a few hundred cases.
"""

import argparse
import contextlib
import ipaddress
import logging
import os
import socket
import sys
import time
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = "127.0.0.1"
#: How many failing requests of each kind are shown.
SHOWN = 5


@dataclass
class Tally:
    """What the generated requests got back, and which checks their answers failed."""

    statuses: Counter = field(default_factory=Counter)
    kinds: Counter = field(default_factory=Counter)
    failures: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    refused_connections: list[str] = field(default_factory=list)

    @property
    def cases(self) -> int:
        return self.kinds.total()

    @property
    def clean(self) -> bool:
        return not self.failures and not self.refused_connections

    def report(self) -> str:
        statuses = ", ".join(f"{code}: {count}" for code, count in sorted(self.statuses.items()))
        kinds = ", ".join(f"{kind}: {count}" for kind, count in sorted(self.kinds.items()))
        lines = [f"cases: {self.cases} ({kinds})", f"statuses: {statuses}"]
        for label in _checks():
            lines.append(f"{label}: {self.failures[label]}")
            lines.extend(f"    {example}" for example in self.examples.get(label, []))
        lines.append(f"connections attempted off this machine: {len(self.refused_connections)}")
        lines.extend(f"    {address}" for address in self.refused_connections[:SHOWN])
        return "\n".join(lines)


def _checks() -> dict:
    """Each check schemathesis makes of an answer, under the name of what it finds."""
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_headers_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    return {
        "server errors": not_a_server_error,
        "undocumented status codes": status_code_conformance,
        "undocumented content types": content_type_conformance,
        "documented headers missing": response_headers_conformance,
        "bodies unlike their schema": response_schema_conformance,
    }


@contextlib.contextmanager
def offline(tally: Tally):
    """Host names resolve to 127.0.0.1 without DNS; a connection elsewhere is refused, counted."""
    resolve, connect, connect_ex = (
        socket.getaddrinfo,
        socket.socket.connect,
        socket.socket.connect_ex,
    )

    def local_names(host, *args, **kwargs):
        try:
            ipaddress.ip_address(str(host).split("%")[0])
        except ValueError:
            host = LOOPBACK
        return resolve(host, *args, **kwargs)

    def refuse_elsewhere(method):
        def guarded(sock, address, *args):
            host = address[0] if isinstance(address, tuple) else None
            if host is not None and not ipaddress.ip_address(host.split("%")[0]).is_loopback:
                tally.refused_connections.append(str(address))
                raise ConnectionRefusedError(f"{address} is off this machine")
            return method(sock, address, *args)

        return guarded

    socket.getaddrinfo = local_names
    socket.socket.connect = refuse_elsewhere(connect)
    socket.socket.connect_ex = refuse_elsewhere(connect_ex)
    try:
        yield
    finally:
        socket.getaddrinfo, socket.socket.connect, socket.socket.connect_ex = (
            resolve,
            connect,
            connect_ex,
        )


def _label(case, response) -> str:
    return f"{case.method.upper()} {case.formatted_path} -> {response.status_code}"


def _send(operation, tally: Tally, *, mode, token, known, examples: int, seed: int) -> None:
    from hypothesis import HealthCheck, Phase, given
    from hypothesis import seed as hypothesis_seed
    from hypothesis import settings as hypothesis_settings
    from schemathesis.core.failures import FailureGroup

    checks = _checks()
    headers = {"Authorization": f"Token {token}"} if token else None
    kind = f"{mode.value}, {'with a token' if token else 'anonymous'}"
    strategy = operation.as_strategy(generation_mode=mode, headers=headers, path_parameters=known)

    def failed(label: str, example: str) -> None:
        tally.failures[label] += 1
        shown = tally.examples.setdefault(label, [])
        if len(shown) < SHOWN:
            shown.append(example)

    @hypothesis_seed(seed)
    @given(case=strategy)
    @hypothesis_settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def send(case):
        tally.kinds[kind] += 1
        try:
            response = case.call()
        except Exception as error:  # The application raised instead of answering: a 500.
            tally.statuses[500] += 1
            failed("server errors", f"{case.method.upper()} {case.formatted_path}: {error!r}")
            return
        tally.statuses[response.status_code] += 1
        for label, check in checks.items():
            try:
                case.validate_response(response, checks=[check])
            except FailureGroup as group:
                reason = "; ".join(failure.title for failure in group.exceptions)
                failed(label, f"{_label(case, response)}: {reason}")

    send()


def fuzz(schema, *, cases: int, token: str, known: dict, tally: Tally | None = None) -> Tally:
    """Send at least `cases` generated requests across every operation of `schema`.

    `known` gives, by collection ("deals", "webhooks"), the path parameters of a row that exists:
    operations on one row are sent with generated parameters (mostly unknown rows) and with it.
    """
    from hypothesis.errors import Unsatisfiable
    from schemathesis import GenerationMode

    tally = tally or Tally()
    plans = []
    for result in schema.get_all_operations():
        operation = result.ok()
        collection = operation.path.removeprefix("/api/v1/").split("/")[0]
        rows = [None, known[collection]] if "{" in operation.path else [None]
        # With the row's path given, only a query or a body is left to get wrong.
        wrongable = len(operation.query) or len(operation.body)
        plans.extend(
            (operation, mode, credential, row)
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
            for credential in (None, token)
            for row in rows
            if not (row and mode is GenerationMode.NEGATIVE and not wrongable)
        )
    # Operations with few possible inputs run out of new ones: go round again with new seeds.
    for seed in range(20):
        if tally.cases >= cases:
            break
        examples = -(-(cases - tally.cases) // len(plans))
        for operation, mode, credential, row in plans:
            with contextlib.suppress(Unsatisfiable):
                _send(
                    operation,
                    tally,
                    mode=mode,
                    token=credential,
                    known=row,
                    examples=examples,
                    seed=seed,
                )
    return tally


def _prepare(database_url: str) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "tracker.settings",
            "DEBUG": "false",
            "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
            "ALLOWED_HOSTS": "localhost,127.0.0.1,testserver",
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": database_url,
            "LOG_LEVEL": "CRITICAL",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            # The generated requests are checked for what they get, not for the throttle.
            "TRACKER_API_THROTTLE_ADDRESS": "100000000/minute",
            "TRACKER_API_THROTTLE_TOKEN": "100000000/minute",
        }
    )
    os.environ.pop("REDIS_URL", None)
    if database_url.startswith("sqlite:///"):
        path = Path(database_url.removeprefix("sqlite:///"))
        path.parent.mkdir(exist_ok=True)
        path.unlink(missing_ok=True)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # Static files are not collected for this run: error pages name them as in development.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

    from tracker.celery import app

    # 4xx answers are what most generated requests get: log only what goes wrong.
    logging.disable(logging.WARNING)
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    call_command("migrate", verbosity=0)
    if not database_url.startswith("sqlite:///"):
        call_command("flush", interactive=False, verbosity=0)
    # Tasks are queued in this process's memory and never run: nothing is fetched or delivered.
    app.conf.broker_url, app.conf.task_always_eager = "memory://", False


def _seed() -> tuple[str, dict]:
    """The demo deals, a reader's token and webhook, one delivery: the token's key, and the path
    parameters of a row of each collection."""
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from rest_framework.authtoken.models import Token

    from deals import services
    from deals.management.articlefiles import article_paths, read_article_file
    from deals.models import (
        Article,
        Commodity,
        Deal,
        Party,
        Proposal,
        ReviewState,
        Status,
        TimelineEntry,
        WebhookSubscription,
    )
    from deals.permissions import sync_editors_group
    from deals.stages import SHIPPED_STAGES
    from tracker.celery import app

    for shipped in SHIPPED_STAGES:
        Status.objects.get_or_create(slug=shipped.slug, defaults=shipped._asdict())
    sync_editors_group(apps, None)
    services.seed_reference_data()
    editor = get_user_model().objects.create_user("bench-editor", is_staff=True)
    app.conf.task_always_eager = True
    for path in article_paths([ROOT / "deals" / "demo"]):
        article = read_article_file(path)
        services.submit_article(
            title=article.title,
            body=article.body,
            url=article.url,
            published_on=article.published,
            submitted_by=editor,
        )
    app.conf.task_always_eager = False
    for proposal in Proposal.objects.filter(state=ReviewState.PENDING).order_by("pk"):
        services.accept_proposal(proposal=proposal, reviewed_by=editor)
    reader = get_user_model().objects.create_user("bench-reader", email="reader@example.org")
    subscription = WebhookSubscription.objects.create(
        owner=reader, target_url="https://hooks.example.org/tracker"
    )
    services.plan_deliveries(entry=TimelineEntry.objects.order_by("pk").first())
    print(
        f"Loaded {Article.objects.count()} articles, {TimelineEntry.objects.count()} timeline "
        f"entries, webhook #{subscription.pk} with {subscription.deliveries.count()} delivery."
    )
    known = {
        "deals": {"slug": Deal.objects.order_by("pk").first().slug},
        "parties": {"slug": Party.objects.filter(deals__isnull=False).first().slug},
        "commodities": {"slug": Commodity.objects.filter(deals__isnull=False).first().slug},
        "stages": {"slug": "signed"},
        "articles": {"id": Article.objects.order_by("pk").first().pk},
        "webhooks": {"id": subscription.pk},
    }
    return Token.objects.create(user=reader).key, known


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=5000, help="requests to send, at least")
    options = parser.parse_args()
    database_url = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-schemathesis.sqlite3'}"
    )
    tally = Tally()
    with offline(tally):
        _prepare(database_url)
        token, known = _seed()
        import schemathesis

        from tracker.wsgi import application

        schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
        started = time.monotonic()
        fuzz(schema, cases=options.cases, token=token, known=known, tally=tally)
    print(f"{tally.report()}\n({time.monotonic() - started:.0f} s, on {database_url})")
    return 0 if tally.clean else 1


if __name__ == "__main__":
    sys.exit(main())
