"""The data version behind the page cache and the API's ETags, as each web process keeps it.

These tests run outside a test transaction, as requests do in production (inside a transaction
the version is read from the database at every request).
"""

import datetime
import os
import subprocess
import sys

import pytest
from django.db import connections
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from deals import services, versions
from deals.models import Deal, Status
from deals.pagecache import NAME_TABLES, PAGE_TABLES

from .conftest import _database_url
from .factories import ArticleFactory, published_deal
from .processes import ROOT

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def deals(stages, fresh_cache):
    return {
        "tariff": published_deal(
            title="US tariff on chips",
            kind="measure",
            stages=[("threatened", datetime.date(2026, 1, 5))],
        ),
        "pact": published_deal(title="Lithium pact", stages=[("talks", datetime.date(2026, 2, 1))]),
    }


def deal_list(client) -> str:
    return client.get(reverse("deals:deal-list")).content.decode()


def record_news(deal: Deal, quote: str) -> None:
    services.record_timeline_entry(
        deal=deal,
        status=Status.objects.get(slug="imposed"),
        happened_on=datetime.date(2026, 4, 1),
        article=ArticleFactory(),
        quote=quote,
    )


def test_a_visitors_page_from_the_cache_runs_no_query_while_nothing_changes(
    client, deals, django_assert_num_queries
):
    first = client.get(reverse("deals:deal-list"))

    with django_assert_num_queries(0):
        again = client.get(reverse("deals:deal-list"))

    assert again.status_code == 200
    assert again.content == first.content


def test_a_conditional_api_request_answered_304_runs_no_query_while_nothing_changes(
    deals, django_assert_num_queries
):
    api = APIClient()
    etag = api.get(reverse("api:change-list"))["ETag"]

    with django_assert_num_queries(0):
        again = api.get(reverse("api:change-list"), HTTP_IF_NONE_MATCH=etag)

    assert again.status_code == 304


def test_the_api_deal_list_already_rendered_runs_no_query_while_nothing_changes(
    deals, django_assert_num_queries
):
    api = APIClient()
    first = api.get(reverse("api:deal-list"))

    with django_assert_num_queries(0):
        again = api.get(reverse("api:deal-list"))

    assert again.status_code == 200
    assert again.content == first.content


def test_a_change_committed_in_this_process_shows_at_the_next_request(client, deals):
    api = APIClient()
    page = deal_list(client)
    etag = api.get(reverse("api:change-list"))["ETag"]

    Deal.objects.filter(pk=deals["pact"].pk).update(
        title="Lithium and cobalt pact", updated_at=timezone.now()
    )
    record_news(deals["tariff"], "The tariff took effect on 1 April.")

    assert "Lithium pact" in page
    assert "Lithium and cobalt pact" in deal_list(client)
    assert (
        "The tariff took effect on 1 April."
        in client.get(deals["tariff"].get_absolute_url()).content.decode()
    )
    assert api.get(reverse("api:change-list"), HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_change_made_outside_the_tracker_shows_within_the_version_lifetime(
    client, deals, settings, monkeypatch
):
    settings.TRACKER_DATA_VERSION_SECONDS = 2
    now = [1_000.0]
    monkeypatch.setattr(versions, "_clock", lambda: now[0])
    deal_list(client)

    # As another program would, unseen by this process: no wrapper notices the write.
    monkeypatch.setattr(connections["default"], "execute_wrappers", [])
    Deal.objects.filter(pk=deals["pact"].pk).update(
        title="Lithium and cobalt pact", updated_at=timezone.now()
    )
    now[0] += 1.9
    within = deal_list(client)
    now[0] += 0.1
    after = deal_list(client)

    assert "Lithium pact" in within
    assert "Lithium and cobalt pact" in after


def test_without_a_lifetime_the_version_is_read_at_every_request(
    client, deals, settings, django_assert_num_queries
):
    settings.TRACKER_DATA_VERSION_SECONDS = 0
    deal_list(client)

    with django_assert_num_queries(1):
        deal_list(client)


@pytest.mark.pipeline
def test_a_change_committed_by_another_process_shows_at_the_next_request(
    client, stages, settings, redis_server
):
    redis_server.flush()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_server.url,
        }
    }
    # Longer than the test: only the change mark the other process leaves can show the change.
    settings.TRACKER_DATA_VERSION_SECONDS = 3600
    pact = published_deal(title="Lithium pact", stages=[("talks", datetime.date(2026, 2, 1))])
    before = deal_list(client)

    rename = (
        "from django.utils import timezone; from deals.models import Deal; "
        f"Deal.objects.filter(pk={pact.pk}).update("
        "title='Lithium and cobalt pact', updated_at=timezone.now())"
    )
    environment = {**os.environ, "DATABASE_URL": _database_url(), "REDIS_URL": redis_server.url}
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", rename],
        cwd=ROOT,
        env=environment,
        check=True,
        timeout=60,
    )

    assert "Lithium pact" in before
    assert "Lithium and cobalt pact" in deal_list(client)


def test_the_versions_of_several_parts_read_in_one_query_are_each_parts_own(
    deals, settings, django_assert_num_queries
):
    settings.TRACKER_DATA_VERSION_SECONDS = 0
    with django_assert_num_queries(1):
        both = versions.validators_of(PAGE_TABLES, {"pages": PAGE_TABLES, "names": NAME_TABLES})

    assert both["pages"] == versions.table_validators(PAGE_TABLES, variant="pages")
    assert both["names"] == versions.table_validators(NAME_TABLES, variant="names")
    assert both["names"] != both["pages"]
    # News of a deal moves the pages' version, and leaves the names' version as it was.
    record_news(deals["tariff"], "The tariff took effect.")
    after = versions.validators_of(PAGE_TABLES, {"pages": PAGE_TABLES, "names": NAME_TABLES})
    assert after["pages"] != both["pages"]
    assert after["names"] == both["names"]
