"""Redis stopped mid-run: the site still saves what it is sent and serves what it has.

A real Redis (private, on a free port) is the broker and the shared cache, as in production;
the requests go through the test client, and a real worker parses what the sweeper queues once
Redis is back.
"""

import io
import logging

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from deals.models import PENDING_STATES, Article, ArticleState
from deals.tasks import requeue_stuck_articles

from .processes import wait_for

pytestmark = [pytest.mark.pipeline, pytest.mark.django_db(transaction=True)]

READS = ["/", "/deals/", "/api/v1/deals/"]
ADDRESS_ALLOWANCE = 4


@pytest.fixture
def redis_everywhere(settings, broker):
    """Redis as the broker, the page cache, the API's response cache and its throttles."""
    settings.REDIS_URL = broker.url
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": broker.url.removesuffix("/0") + "/1",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            "address": f"{ADDRESS_ALLOWANCE}/minute",
            "token": "1000/minute",
        },
    }
    return broker


def article(number: int) -> dict:
    return {
        "title": f"Chile and Peru hold talks on copper supply, round {number}",
        "body": f"Chile and Peru are in preliminary talks on a copper supply agreement ({number}).",
    }


def paste_in_the_admin(client, fields: dict):
    return client.post(
        "/admin/deals/article/add/",
        {**fields, "url": "", "outlet": "", "published_on": "", "_save": "Save"},
    )


def warnings_from(caplog, logger: str) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == logger and record.levelno == logging.WARNING
    ]


def test_with_redis_stopped_articles_are_kept_pages_served_and_throttles_count_per_process(
    reference_data,
    editors_group,
    editor_client,
    token_client,
    redis_everywhere,
    start_worker,
    tmp_path,
    caplog,
):
    worker = start_worker()
    for address in READS:
        assert editor_client.get(address).status_code == 200
    assert APIClient().get("/healthz").json()["status"] == "ok"

    redis_everywhere.stop()
    with caplog.at_level(logging.INFO):
        by_api = [token_client.post("/api/v1/articles/", article(n), format="json") for n in (1, 2)]
        by_admin = paste_in_the_admin(editor_client, article(3))
        (tmp_path / "four.txt").write_text("Title: {title}\n\n{body}\n".format(**article(4)))
        out = io.StringIO()
        call_command("ingest", str(tmp_path / "four.txt"), stdout=out)
        visitor = APIClient()
        reads = [visitor.get(address).status_code for address in READS * 3]
        crowd = APIClient(REMOTE_ADDR="203.0.113.9")
        throttled = [crowd.get("/api/v1/stages/").status_code for _ in range(ADDRESS_ALLOWANCE + 1)]
        health = visitor.get("/healthz")

    assert [response.status_code for response in by_api] == [202, 202]
    assert {response.json()["state"] for response in by_api} == {ArticleState.QUEUED}
    assert by_admin.status_code == 302
    assert "1 new, 0 already known, 0 failed." in out.getvalue()
    kept = Article.objects.order_by("pk")
    assert [a.title for a in kept] == [article(n)["title"] for n in (1, 2, 3, 4)]
    assert {a.state for a in kept} == {ArticleState.QUEUED}  # their messages wait for the sweeper
    assert reads == [200] * 9
    assert throttled == [200] * ADDRESS_ALLOWANCE + [429]
    assert health.status_code == 200
    assert health.json() == {
        "status": "degraded",
        "database": "ok",
        "broker": "unreachable",
        "cache": "unreachable",
    }
    # One warning for each part that goes on without Redis, not one per request.
    cache_warnings = warnings_from(caplog, "deals.sharedcache")
    assert len(cache_warnings) == 3
    for part in ("reader pages", "API responses", "API throttles count requests in each process"):
        assert sum(part in message for message in cache_warnings) == 1
    assert len(warnings_from(caplog, "deals.services.queueing")) == 1

    redis_everywhere.start()
    if not worker.survived_outage():
        # kombu can end a worker whose connection drops; its supervisor starts it again.
        start_worker()
    requeue_stuck_articles(queued_for=0, parsing_for=0)
    wait_for(
        lambda: not Article.objects.filter(state__in=PENDING_STATES).exists(),
        timeout=45,
        interval=0.2,
        what="the articles kept during the outage to be parsed",
    )
    assert set(Article.objects.values_list("state", flat=True)) == {ArticleState.PARSED}
    assert visitor.get("/healthz").json()["status"] == "ok"
