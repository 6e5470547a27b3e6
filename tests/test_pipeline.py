"""The whole pipeline with a real Redis and real `celery worker` processes.

The articles are submitted here, through the service the admin and `ingest` use; the workers
parse them from the test database.
"""

import itertools

import pytest
from django.db import connection
from django.db.models import Count

from deals import services
from deals.extraction import extract
from deals.models import PENDING_STATES, Article, ArticleState, Deal, Proposal, TimelineEntry
from deals.tasks import requeue_stuck_articles

from .processes import wait_for

# The workers see only committed rows: these tests commit, and the database is flushed after
# each; the fixtures make again what the migrations loaded (the stages).
pytestmark = [pytest.mark.pipeline, pytest.mark.django_db(transaction=True)]

OUTLET = "Pipeline Wire"
COUNTRIES = ["Malaysia", "Indonesia", "Vietnam", "Chile", "Peru", "Canada", "Japan", "Brazil"]
GOODS = ["rare earths", "copper", "nickel", "lithium", "cobalt", "tin", "bauxite"]


def articles(count: int) -> list[tuple[str, str]]:
    """`count` different articles, each about one agreement between two countries."""
    pairs = itertools.permutations(COUNTRIES, 2)
    found = []
    for (first, second), good in zip(pairs, itertools.cycle(GOODS)):
        title = f"{first} and {second} hold early talks on a {good} supply agreement"
        body = f"{first} and {second} are in preliminary talks on a {good} supply agreement."
        found.append((title, body))
        if len(found) == count:
            return found
    raise ValueError("Not that many different articles")


@pytest.fixture
def source(reference_data):
    """The account the articles come from, which editors trust: its proposals become entries."""
    from .factories import UserFactory

    account = UserFactory(username="pipeline-wire")
    services.set_trust(user=account, trusted=True)
    return account


def submit(source, title: str, body: str) -> Article:
    return services.submit_article(
        title=title, body=body, outlet=OUTLET, submitted_by=source
    ).article


def all_done(timeout: float) -> None:
    def done():
        return not Article.objects.filter(state__in=PENDING_STATES).exists()

    wait_for(done, timeout=timeout, interval=0.2, what="every article to be parsed")


def expected_proposals(pairs) -> int:
    """How many proposals the articles should make: one per deal the parser reads in each."""
    return sum(len(extract(title, body).deals) for title, body in pairs)


def assert_nothing_lost_or_doubled(pairs) -> None:
    states = Article.objects.values_list("state", flat=True)
    assert list(states) == [ArticleState.PARSED] * len(pairs)
    assert Proposal.objects.count() == expected_proposals(pairs)
    # Accepted automatically (trusted account): one entry per accepted proposal, never two.
    accepted = Proposal.objects.filter(state="accepted")
    assert TimelineEntry.objects.count() == accepted.exclude(status=None).count()
    assert (
        not TimelineEntry.objects.values("deal", "article", "status")
        .annotate(copies=Count("id"))
        .filter(copies__gt=1)
    )


def test_fifty_submitted_articles_are_all_processed(source, start_worker):
    start_worker()
    pairs = articles(50)

    for title, body in pairs:
        submit(source, title, body)
    all_done(timeout=60)

    assert_nothing_lost_or_doubled(pairs)
    assert Article.objects.filter(attempts=1).count() == 50


def test_a_worker_killed_mid_task_loses_and_duplicates_nothing(source, start_worker):
    worker = start_worker()
    # Long enough to be caught in the middle of its parse.
    long_title = "China and Malaysia hold early talks on a rare earths refinery"
    long_body = (
        "China and Malaysia are in preliminary talks to build a rare earths refinery in "
        "Malaysia. Officials said the plant would process light and heavy rare earths. "
    ) * 1200
    pairs = [(long_title, long_body), *articles(6)]
    long_article = submit(source, *pairs[0])
    for title, body in pairs[1:]:
        submit(source, title, body)

    def caught_parsing():
        return Article.objects.filter(pk=long_article.pk, state=ArticleState.PARSING).exists()

    wait_for(caught_parsing, timeout=20, what="the long article to be parsing")
    worker.kill()
    long_article.refresh_from_db()
    assert long_article.state == ArticleState.PARSING  # its worker died holding it

    # Redis keeps the dead worker's messages (the one it ran, the one it had reserved)
    # unacknowledged until the visibility timeout. The sweeper finds their articles parsing for
    # longer than a task may run, or queued for longer than a message should wait; here the
    # thresholds are "at once", so it runs before the new worker has anything in progress.
    requeue_stuck_articles(queued_for=0, parsing_for=0)
    start_worker()
    all_done(timeout=45)

    assert_nothing_lost_or_doubled(pairs)
    long_article.refresh_from_db()
    assert long_article.attempts == 2


def test_redis_stopped_and_started_again_loses_nothing(source, start_worker, broker):
    worker = start_worker()
    before, during, after = articles(3)
    submit(source, *before)
    all_done(timeout=20)

    broker.stop()
    kept = submit(source, *during)  # the admin's path: saved, though the message cannot be sent
    assert Article.objects.filter(pk=kept.pk, state=ArticleState.QUEUED).exists()
    broker.start()
    if not worker.survived_outage():
        # kombu ends a worker whose connection drops while it still holds a message; in
        # production its supervisor (systemd, the container runtime) starts it again.
        start_worker()

    # The message for the article submitted during the outage was never sent (and a restarted
    # Redis keeps none): the sweeper finds it queued for longer than the threshold (here: at
    # once, while no worker is busy) and queues it again.
    requeue_stuck_articles(queued_for=0, parsing_for=0)
    submit(source, *after)
    all_done(timeout=45)

    assert_nothing_lost_or_doubled([before, during, after])


# Two reports of one new deal, worded apart: either, accepted first, is the deal the other joins.
ONE_NEW_DEAL = [
    (
        "Chile and Peru hold early talks on a lithium supply agreement",
        "Chile and Peru are in preliminary talks on a lithium supply agreement.",
    ),
    (
        "Peru and Chile hold preliminary talks on a lithium supply pact",
        "Peru and Chile are in early talks on a lithium supply agreement.",
    ),
]


def workers_waiting_for_a_lock() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason=(
        "SQLite takes its write lock when a transaction begins (transaction_mode IMMEDIATE), so "
        "two workers' accepting transactions never overlap there: the race is PostgreSQL's."
    ),
)
def test_two_workers_accepting_one_new_deal_at_the_same_moment_make_one_deal(source, start_worker):
    import psycopg

    start_worker("--concurrency=1")
    start_worker("--concurrency=1")
    db = connection.settings_dict
    gate = psycopg.connect(
        **{
            key: value
            for key, value in {
                "dbname": db["NAME"],
                "user": db["USER"],
                "password": db["PASSWORD"],
                "host": db["HOST"],
                "port": db["PORT"],
            }.items()
            if value
        }
    )
    try:
        # While the gate is held, writing a deal waits and reading deals does not: each worker
        # parses and matches with no deal in sight, then both reach the moment of accepting.
        gate.execute("LOCK TABLE deals_deal IN SHARE MODE")
        articles = [submit(source, *report) for report in ONE_NEW_DEAL]
        wait_for(
            lambda: workers_waiting_for_a_lock() >= 2,
            timeout=60,
            interval=0.1,
            what="both workers to be accepting at once",
        )
    finally:
        gate.rollback()
        gate.close()
    all_done(timeout=30)

    deal = Deal.objects.get()
    proposals = Proposal.objects.filter(article__in=articles, position=0)
    assert (
        sorted((p.state, p.deal_id, p.auto_accepted) for p in proposals)
        == [("accepted", deal.pk, True)] * 2
    )
    assert deal.timeline.count() == 2
