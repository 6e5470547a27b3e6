"""A synthetic archive of deals for the page and API benchmarks, loaded in bulk.

    --database postgres|sqlite   --deals 100000   --entries 1000000

PostgreSQL takes the rows through COPY, SQLite through executemany; both then build every deal's
search document with the product's own service, as `manage.py searchindex` does after a load.
Each deal is about one subject of a small vocabulary, named in its title, summary and quotes, so
a search finds a realistic share of the deals: a word such as "refinery" is in one deal in eight.
A source is cited by several deals, so its title names no subject.
"""

import datetime
import os
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

COUNTRIES = 60
COMPANIES = 240
SUBJECTS = [
    "tariff",
    "export ban",
    "refinery investment",
    "offtake agreement",
    "free trade agreement",
    "import quota",
    "critical minerals partnership",
    "anti-dumping duty",
]
VERBS = ["agreed", "announced", "negotiated", "signed", "threatened", "lifted", "proposed"]
OFF_TRACK = ["stalled", "suspended", "collapsed", "cancelled", "lifted"]


def add_arguments(parser, *, deals: int, entries: int) -> None:
    """The size and database flags every benchmark over the archive takes."""
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--deals", type=int, default=deals)
    parser.add_argument("--entries", type=int, default=entries, help="timeline entries in all")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="serve the archive a previous run left in BENCH_DATABASE_URL, migrated, not loaded",
    )


def database_url(database: str, *, sqlite_path: Path) -> str:
    """BENCH_DATABASE_URL when set (its tables are emptied), else a fresh database here.

    PostgreSQL defaults to the `tracker_bench` database on the local server, created if absent.
    """
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    if database == "sqlite":
        sqlite_path.parent.mkdir(exist_ok=True)
        sqlite_path.unlink(missing_ok=True)
        return f"sqlite:///{sqlite_path}"
    subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-U", "postgres", "tracker_bench"], capture_output=True
    )
    return "postgres://postgres@127.0.0.1:5432/tracker_bench"


def migrate(environment: dict[str, str]) -> None:
    """An archive left by an earlier run, brought to the product's schema (its rows stay)."""
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=environment, check=True)


def prepare_database(environment: dict[str, str]) -> None:
    """The product's schema, with no rows but the shipped reference data."""
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=environment, check=True)
    if not environment["DATABASE_URL"].startswith("sqlite:"):
        subprocess.run([*manage, "flush", "--noinput", "-v0"], env=environment, check=True)
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=environment, check=True)


def _writer(connection):
    """Write rows to a table: COPY on PostgreSQL, executemany elsewhere."""

    def copy(table: str, columns: str, rows) -> None:
        statement = f"COPY {table} ({', '.join(columns.split())}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)

    def insert(table: str, columns: str, rows) -> None:
        sql = (
            f"INSERT INTO {table} ({', '.join(columns.split())}) "
            f"VALUES ({', '.join(['%s'] * len(columns.split()))})"
        )
        batch = []
        with connection.cursor() as cursor:
            for row in rows:
                batch.append(row)
                if len(batch) == 5000:
                    cursor.executemany(sql, batch)
                    batch = []
            cursor.executemany(sql, batch)

    return copy if connection.vendor == "postgresql" else insert


def load(*, deals: int, entries: int) -> dict[str, str]:
    """Load the archive into the configured, empty database; return sample slugs and terms.

    Call after `django.setup()`.
    """
    from django.db import connection, transaction
    from django.utils import timezone

    from deals import services
    from deals.models import Commodity, Party, PartyAlias, PartyKind, Status
    from deals.stages import SHIPPED_STAGES

    for shipped in SHIPPED_STAGES:
        Status.objects.get_or_create(slug=shipped.slug, defaults=shipped._asdict())
    statuses = {status.slug: status.pk for status in Status.objects.all()}
    tracks = {
        kind: [s.slug for s in SHIPPED_STAGES if s.track == kind]
        for kind in ("agreement", "measure")
    }
    per_deal = max(1, entries // deals)
    rng = random.Random(4)
    start = datetime.date(2020, 1, 1)
    now = timezone.now()
    write = _writer(connection)

    with transaction.atomic():
        countries = Party.objects.bulk_create(
            Party(name=f"Country {n}", slug=f"country-{n}", kind=PartyKind.COUNTRY)
            for n in range(COUNTRIES)
        )
        PartyAlias.objects.bulk_create(
            PartyAlias(party=country, name=f"Capital {n}") for n, country in enumerate(countries)
        )
        companies = Party.objects.bulk_create(
            Party(
                name=f"Company {n}",
                slug=f"company-{n}",
                kind=PartyKind.COMPANY,
                country=countries[n % COUNTRIES],
            )
            for n in range(COMPANIES)
        )
        roots = Commodity.objects.bulk_create(
            Commodity(name=f"Commodity {n}", slug=f"commodity-{n}") for n in range(10)
        )
        commodities = roots + Commodity.objects.bulk_create(
            Commodity(name=f"Commodity {r}.{n}", slug=f"commodity-{r}-{n}", parent=roots[r])
            for r in range(10)
            for n in range(5)
        )
        articles = deals * 2
        write(
            "deals_article",
            (
                "id url title outlet body content_hash state failure_reason attempts "
                "state_changed_at created_at fetched_from"
            ),
            (
                (
                    n + 1,
                    f"https://news.example.org/{n}",
                    f"Report {n}: officials {VERBS[n % len(VERBS)]}",
                    "Bench Wire",
                    f"Report {n}.",
                    f"{n:064x}",
                    "parsed",
                    "",
                    1,
                    now,
                    now,
                    "",
                )
                for n in range(articles)
            ),
        )

        timelines = []

        def deal_rows():
            for n in range(deals):
                kind = "measure" if n % 5 == 0 else "agreement"
                track = tracks[kind]
                position, day, sequence = 0, rng.randrange(0, 1500), []
                for _ in range(per_deal):
                    if rng.random() < 0.3 and position < len(track) - 1:
                        position += 1
                    slug = track[position]
                    if rng.random() < 0.03:
                        slug = rng.choice(OFF_TRACK)
                    day += rng.randrange(1, 30)
                    sequence.append((slug, start + datetime.timedelta(days=day)))
                timelines.append(sequence)
                country = f"Country {n % COUNTRIES}"
                subject = SUBJECTS[(n // 3) % len(SUBJECTS)]
                yield (
                    n + 1,
                    f"{country} {subject} with Company {(n * 7) % COMPANIES}, deal {n}",
                    f"deal-{n}",
                    kind,
                    f"{country} and its partner {VERBS[n % len(VERBS)]} a {subject}.",
                    sequence[0][1],
                    sequence[-1][1],
                    now,
                    now,
                    statuses[sequence[-1][0]],
                    "",
                )

        write(
            "deals_deal",
            (
                "id title slug kind summary first_reported_on last_changed_on created_at "
                "updated_at status_id search_text"
            ),
            deal_rows(),
        )

        def entry_rows():
            pk = 0
            for n, sequence in enumerate(timelines):
                previous, used = None, set()
                for j, (slug, happened_on) in enumerate(sequence):
                    article = (n * per_deal + j) % articles + 1
                    # The same source never puts a deal at the same stage twice; restate it
                    # as a correction then, as an editor would.
                    report = (article, slug) not in used
                    used.add((article, slug))
                    pk += 1
                    subject = SUBJECTS[(n // 3) % len(SUBJECTS)]
                    yield (
                        pk,
                        happened_on,
                        "day",
                        now,
                        "report" if report else "correction",
                        f"Officials {VERBS[j % len(VERBS)]} the {subject} of deal {n}.",
                        "" if report else "Restated.",
                        slug != previous,
                        now,
                        article if report else None,
                        n + 1,
                        statuses[previous] if previous else None,
                        statuses[slug],
                    )
                    previous = slug

        write(
            "deals_timelineentry",
            (
                "id happened_on precision recorded_at kind quote note changed_stage announced_at "
                "article_id deal_id previous_status_id status_id"
            ),
            entry_rows(),
        )
        write(
            "deals_dealparty",
            "id role name_as_written deal_id party_id",
            (
                row
                for n in range(deals)
                for row in (
                    (2 * n + 1, "partner", "", n + 1, countries[n % COUNTRIES].pk),
                    (2 * n + 2, "investor", "", n + 1, companies[(n * 7) % COMPANIES].pk),
                )
            ),
        )
        write(
            "deals_deal_commodities",
            "id deal_id commodity_id",
            ((n + 1, n + 1, commodities[n % len(commodities)].pk) for n in range(deals)),
        )
        write(
            "deals_figure",
            "id text unit what quote created_at article_id deal_id",
            ((n + 1, "25%", "%", "stake", "", now, n + 1, n + 1) for n in range(deals)),
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for table in ("article", "deal", "timelineentry", "dealparty", "figure"):
                    cursor.execute(
                        f"SELECT setval(pg_get_serial_sequence('deals_{table}', 'id'), "
                        f"(SELECT max(id) FROM deals_{table}))"
                    )
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence('deals_deal_commodities', 'id'), "
                    "(SELECT max(id) FROM deals_deal_commodities))"
                )

    services.refresh_search_documents()
    if connection.vendor == "postgresql":
        # Autovacuum gathers statistics on freshly loaded tables within a minute or so; without
        # them the planner guesses row counts and picks plans no running site would get.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return samples(deals)


def samples(deals: int) -> dict[str, str]:
    """A deal in the middle of the table, with a full timeline, and the terms searched."""
    return {"deal": f"deal-{deals // 2}", "word": "refinery", "phrase": '"export ban"'}


def change_a_deal(deals: int) -> None:
    """One deal of the archive changes as an accepted entry changes it: it moved today."""
    from django.utils import timezone

    from deals.models import Deal

    Deal.objects.filter(slug=f"deal-{random.randrange(deals)}").update(
        updated_at=timezone.now(), last_changed_on=timezone.localdate()
    )
