"""Counts over the whole archive lag a change by at most TRACKER_TALLY_SECONDS, never more."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deals import pagecache, services, tallies

from .factories import ArticleFactory, PartyFactory, published_deal, stage
from .test_pages import stage_groups_shown

DAY = datetime.date(2026, 3, 2)


@pytest.fixture
def lagging_tallies(settings, fresh_cache, stages, monkeypatch):
    """Tallies that may lag a minute, and a clock the test moves."""
    settings.TRACKER_TALLY_SECONDS = 60
    # The start of a period of the data version, which renews itself every five minutes.
    settings.TRACKER_API_VALIDATOR_SECONDS = 300
    now = [300 * 4000.0]
    monkeypatch.setattr(tallies.time, "time", lambda: now[0])
    return now


@pytest.fixture
def cache_writes(monkeypatch):
    """Start noting the key and lifetime of every write to the cache of reader pages."""

    def start() -> list[tuple[str, float | None]]:
        writes = []
        keep = pagecache.pages.set
        monkeypatch.setattr(
            pagecache.pages,
            "set",
            lambda key, value, timeout=None: (
                writes.append((key, timeout)),
                keep(key, value, timeout),
            ),
        )
        return writes

    return start


def framework_count(client, **headers) -> int:
    page = client.get(reverse("deals:stage-list"), **headers).content.decode()
    return int(re.search(r'stage=framework">(\d+) deals? here now', page).group(1))


def counting_queries(captured) -> list[str]:
    return [query["sql"] for query in captured if "GROUP BY" in query["sql"]]


@pytest.mark.django_db
def test_a_change_shows_in_the_counts_once_the_tally_may_be_recounted(client, lagging_tallies):
    published_deal(title="Nickel framework", stages=[("framework", DAY)])
    assert framework_count(client) == 1

    published_deal(title="Cobalt framework", stages=[("framework", DAY)])
    # Within the minute, the count the archive had a moment ago.
    assert framework_count(client) == 1

    lagging_tallies[0] += 61
    assert framework_count(client) == 2


@pytest.mark.django_db
def test_an_unchanged_archive_is_counted_once(client, lagging_tallies, settings):
    settings.TRACKER_PAGE_CACHE_SECONDS = 0
    published_deal(title="Nickel framework", stages=[("framework", DAY)])
    framework_count(client)
    lagging_tallies[0] += 120

    with CaptureQueriesContext(connection) as captured:
        assert framework_count(client) == 1

    assert counting_queries(captured.captured_queries) == []


@pytest.mark.django_db
def test_a_page_showing_a_lagging_count_is_kept_no_longer_than_the_lag(
    client, lagging_tallies, settings, cache_writes
):
    settings.TRACKER_PAGE_CACHE_SECONDS = 300
    published_deal(title="Nickel framework", stages=[("framework", DAY)])
    framework_count(client)
    published_deal(title="Cobalt framework", stages=[("framework", DAY)])
    kept = cache_writes()

    assert framework_count(client) == 1
    assert [timeout for key, timeout in kept if key.startswith("deals:page:")] == [60]


@pytest.mark.django_db
def test_counts_are_exact_at_every_render_when_tallies_are_off(client, stages, settings):
    settings.TRACKER_TALLY_SECONDS = 0
    published_deal(title="Nickel framework", stages=[("framework", DAY)])
    assert framework_count(client) == 1

    published_deal(title="Cobalt framework", stages=[("framework", DAY)])

    assert framework_count(client) == 2


@pytest.mark.django_db
def test_the_home_chart_and_stage_counts_come_from_the_tally(client, lagging_tallies):
    published_deal(title="Nickel framework", stages=[("framework", DAY)])
    client.get(reverse("deals:home"))
    published_deal(title="Cobalt talks", stages=[("talks", DAY)])

    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("deals:home"))

    assert counting_queries(captured.captured_queries) == []
    groups = {slug: count for slug, (count, _) in stage_groups_shown(response).items()}
    assert groups == {"framework": 1}
    # The lists are never behind: the newest change is at the top of the latest changes.
    assert "Cobalt talks" in response.content.decode()


@pytest.mark.django_db
def test_the_deal_lists_choice_of_parties_lags_no_more_than_the_counts(client, lagging_tallies):
    fund = PartyFactory(name="Harbour Fund", kind="sovereign_fund")
    published_deal(title="Nickel framework", stages=[("framework", DAY)], parties=[fund])
    client.get(reverse("deals:deal-list"))
    miner = PartyFactory(name="Ridge Mining", kind="company")
    published_deal(title="Cobalt framework", stages=[("framework", DAY)], parties=[miner])

    within_the_minute = client.get(reverse("deals:deal-list")).content.decode()
    lagging_tallies[0] += 61
    later = client.get(reverse("deals:deal-list")).content.decode()

    assert "Cobalt framework" in within_the_minute
    assert ">Ridge Mining</option>" not in within_the_minute
    assert ">Ridge Mining</option>" in later


@pytest.mark.django_db
def test_a_deal_page_is_kept_while_other_deals_change_and_shows_its_own_news_at_once(
    client, lagging_tallies, settings, cache_writes
):
    settings.TRACKER_PAGE_CACHE_SECONDS = 0
    nickel = published_deal(title="Nickel framework", stages=[("framework", DAY)])
    url = nickel.get_absolute_url()
    client.get(url)
    published_deal(title="Cobalt framework", stages=[("framework", DAY)])
    kept = cache_writes()

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    # Another deal's news leaves the deal's own part cached: its timeline is not read again.
    assert not any(
        "deals_timelineentry" in q["sql"] and "ORDER BY" in q["sql"]
        for q in captured.captured_queries
    )

    services.record_timeline_entry(
        deal=nickel,
        status=stage("signed"),
        happened_on=DAY,
        article=ArticleFactory(),
        quote="The nickel deal was signed in Jakarta.",
    )
    assert "The nickel deal was signed in Jakarta." in client.get(url).content.decode()
    # What it shows of other deals (its related deals) is kept no longer than a tally lags.
    assert {timeout for key, timeout in kept if key.startswith("deals:fragment:")} == {60}
