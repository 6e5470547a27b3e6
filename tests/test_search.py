"""Readers' full-text search over deals: stemmed, phrases, party aliases, best match first.

Runs on SQLite (stems in a text column) and on PostgreSQL in CI (weighted tsvector, GIN index).
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deals import searchresults, services
from deals.filters import DealFilterSet
from deals.models import Deal, DealParty, Party, PartyAlias, TimelineEntry
from deals.views.pages import ROW_FIELDS

from .factories import (
    ArticleFactory,
    CommodityFactory,
    CountryFactory,
    EditorFactory,
    bulk_published_deals,
    published_deal,
)

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 2, 3)


def found(text: str, **filters) -> list[str]:
    filterset = DealFilterSet(data={"q": text, **filters}, queryset=Deal.objects.published())
    assert filterset.is_valid(), filterset.errors
    return [deal.title for deal in filterset.qs]


@pytest.fixture
def archive(stages):
    united_states = CountryFactory(name="United States", slug="united-states", iso_code="US")
    PartyAlias.objects.create(party=united_states, name="Washington")
    india = CountryFactory(name="India", slug="india", iso_code="IN")
    malaysia = CountryFactory(name="Malaysia", slug="malaysia", iso_code="MY")
    rare_earths = CommodityFactory(name="Rare earths", slug="rare-earths")
    talks = published_deal(
        title="US–India trade negotiations",
        parties=[united_states, india],
        stages=[("talks", DAY)],
        quote="The two governments opened negotiations on a trade pact.",
    )
    ban = published_deal(
        title="Malaysia raw rare earth export ban",
        kind="measure",
        parties=[malaysia],
        commodities=[rare_earths],
        stages=[("threatened", DAY)],
        quote="Malaysia will ban exports of raw rare earths, the minister said.",
    )
    mentions = published_deal(
        title="Malaysia refinery investment",
        parties=[malaysia],
        stages=[("talks", DAY + datetime.timedelta(days=5))],
        quote="The refinery will process ore that the export ban keeps in the country.",
    )
    return {"talks": talks, "ban": ban, "mentions": mentions}


def test_a_word_finds_the_deals_using_any_form_of_it(archive):
    assert found("negotiating") == ["US–India trade negotiations"]
    assert found("banned") == [
        "Malaysia raw rare earth export ban",
        "Malaysia refinery investment",
    ]


def test_a_quoted_phrase_finds_only_those_words_in_that_order(archive):
    assert found('"rare earth export"') == ["Malaysia raw rare earth export ban"]
    assert found('"export rare earth"') == []


def test_a_party_is_found_by_its_aliases(archive):
    assert found("Washington") == ["US–India trade negotiations"]


def test_a_match_in_the_title_ranks_above_one_in_a_source_quote(archive):
    # The refinery changed last, so without ranking it would come first.
    assert found("export ban") == [
        "Malaysia raw rare earth export ban",
        "Malaysia refinery investment",
    ]


def test_a_minus_word_leaves_out_the_deals_holding_it(archive):
    assert found("malaysia -refinery") == ["Malaysia raw rare earth export ban"]


def test_search_combines_with_the_other_filters(archive):
    assert found("malaysia", kind="agreement") == ["Malaysia refinery investment"]


def test_a_new_timeline_entry_makes_its_quote_searchable(archive, stages):
    assert found("gallium") == []
    services.record_timeline_entry(
        deal=archive["talks"],
        status=stages["framework"],
        happened_on=DAY + datetime.timedelta(days=30),
        article=ArticleFactory(title="Washington and Delhi settle gallium quotas"),
        quote="Both sides agreed a framework.",
    )
    assert found("gallium") == ["US–India trade negotiations"]


def test_a_party_added_to_a_deal_makes_the_deal_searchable_by_it(archive):
    japan = CountryFactory(name="Japan", slug="japan", iso_code="JP")
    services.add_parties(deal=archive["mentions"], parties=[services.PartyLink(party=japan)])

    assert found("japan") == ["Malaysia refinery investment"]


def test_an_editor_renaming_a_commodity_in_the_admin_updates_the_search(archive, client):
    client.force_login(EditorFactory(is_superuser=True, is_staff=True))
    rare_earths = archive["ban"].commodities.get()
    response = client.post(
        reverse("admin:deals_commodity_change", args=[rare_earths.pk]),
        {
            "name": "Lanthanides",
            "slug": "rare-earths",
            "hs_codes": "[]",
            "aliases-TOTAL_FORMS": "1",
            "aliases-INITIAL_FORMS": "0",
            "aliases-0-name": "REEs",
        },
    )
    assert response.status_code == 302, response.content[:2000]

    assert found("lanthanides") == ["Malaysia raw rare earth export ban"]
    assert found("REEs") == ["Malaysia raw rare earth export ban"]


def test_the_deal_list_page_searches_by_relevance(archive, client):
    response = client.get(reverse("deals:deal-list"), {"q": "export ban", "sort": "relevance"})

    titles = [deal.title for deal in response.context["object_list"]]
    assert titles == ["Malaysia raw rare earth export ban", "Malaysia refinery investment"]


def test_the_search_page_counts_its_results_by_stage_beside_the_best_matches(
    archive, client, stages
):
    for n in range(30):
        published_deal(
            title=f"Malaysia export ban number {n}",
            kind="measure",
            stages=[("imposed" if n % 3 else "threatened", DAY)],
        )
    services.refresh_search_documents()
    response = client.get(reverse("deals:deal-list"), {"q": "export ban"})

    shown = [deal.title for deal in response.context["object_list"]]
    assert len(shown) == 25
    assert shown == found("export ban")[:25]
    counts = dict(response.context["paginator"].stage_counts)
    at = {slug: stages[slug].pk for slug in ("imposed", "threatened", "talks")}
    assert counts == {at["imposed"]: 20, at["threatened"]: 11, at["talks"]: 1}
    assert "32 deals match your filters" in response.content.decode()


def test_the_second_page_of_a_search_shows_the_rest_of_the_matches(archive, client):
    for n in range(30):
        published_deal(
            title=f"Malaysia export ban number {n}", kind="measure", stages=[("imposed", DAY)]
        )
    services.refresh_search_documents()
    response = client.get(reverse("deals:deal-list"), {"q": "export ban", "page": "2"})

    shown = [deal.title for deal in response.context["object_list"]]
    assert shown == found("export ban")[25:]
    assert "32 deals match your filters" in response.content.decode()


ranked_only_on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Only PostgreSQL ranks a search by relevance"
)


def shown_and_counted(client, text: str) -> tuple[list[str], dict[int, int]]:
    response = client.get(reverse("deals:deal-list"), {"q": text})
    titles = [deal.title for deal in response.context["object_list"]]
    return titles, dict(response.context["paginator"].stage_counts)


def read_afresh(text: str) -> tuple[list[str], dict[int, int]]:
    filterset = DealFilterSet(data={"q": text}, queryset=Deal.objects.published())
    first, counts = filterset.qs.first_and_stage_counts(25)
    return [deal.title for deal in first], counts


@pytest.fixture
def readings(monkeypatch) -> list[str]:
    """The searches read afresh (not mended from what was kept) during a test."""
    return _count_fresh_readings(monkeypatch, searchresults.Reading)


@ranked_only_on_postgresql
@pytest.mark.parametrize("kept", [200, 26])
def test_a_search_shown_again_after_changes_is_mended_to_what_a_fresh_reading_shows(
    archive, client, stages, monkeypatch, readings, kept
):
    monkeypatch.setattr(searchresults, "KEPT", kept)
    bans = [
        published_deal(
            title=f"Malaysia export ban number {n}", kind="measure", stages=[("imposed", DAY)]
        )
        for n in range(30)
    ]
    services.refresh_search_documents()
    before = shown_and_counted(client, "export ban")
    assert before == read_afresh("export ban")

    # The best match moves on, two stop matching and a new deal matches.
    best = Deal.objects.get(title=before[0][0])
    best.status = stages["lifted"]
    best.save()
    for deal in bans[3:5]:
        deal.title = f"Malaysia tariff {deal.pk}"
        deal.save()
        TimelineEntry.objects.filter(deal=deal).update(quote="Tariffs stay.")
    services.refresh_search_documents(deal_ids=[deal.pk for deal in bans[3:5]])
    published_deal(
        title="Malaysia export ban on bauxite, the export ban of the year",
        kind="measure",
        stages=[("threatened", DAY)],
    )
    after = shown_and_counted(client, "export ban")

    assert after == read_afresh("export ban")
    assert after[0][0] == "Malaysia export ban on bauxite, the export ban of the year"
    assert sum(after[1].values()) == sum(before[1].values()) - 1
    assert after[1][stages["lifted"].pk] == 1
    assert len(readings) == 1  # Read once, then mended.


@ranked_only_on_postgresql
def test_a_kept_search_is_kept_again_only_when_what_it_keeps_or_its_stamp_moved_on(
    archive, client, stages, monkeypatch, readings
):
    kept = []
    keep = searchresults.pages.set

    def counted(key, *args):
        if key.startswith("deals:search:"):
            kept.append(key)
        keep(key, *args)

    monkeypatch.setattr(searchresults.pages, "set", counted)
    shown_and_counted(client, "export ban")
    assert len(kept) == 1

    # A deal the search does not find changes: read again, the same as kept.
    Deal.objects.filter(pk=archive["talks"].pk).update(updated_at=timezone.now())
    assert shown_and_counted(client, "export ban") == read_afresh("export ban")
    assert len(kept) == 1
    # One it finds moves stage.
    archive["ban"].status = stages["imposed"]
    archive["ban"].save()
    assert shown_and_counted(client, "export ban") == read_afresh("export ban")
    assert len(kept) == 2
    # Another it does not find changes minutes later: the latest stamp read is kept.
    later = timezone.now() + datetime.timedelta(minutes=2)
    Deal.objects.filter(pk=archive["talks"].pk).update(updated_at=later)
    assert shown_and_counted(client, "export ban") == read_afresh("export ban")
    assert len(kept) == 3
    assert len(readings) == 1


@ranked_only_on_postgresql
def test_the_second_page_of_a_kept_search_is_mended_too(archive, client, stages, readings):
    for n in range(30):
        published_deal(
            title=f"Malaysia export ban number {n}", kind="measure", stages=[("imposed", DAY)]
        )
    services.refresh_search_documents()
    client.get(reverse("deals:deal-list"), {"q": "export ban"})
    moved = Deal.objects.get(title="Malaysia export ban number 7")
    moved.status = stages["lifted"]
    moved.save()

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("deals:deal-list"), {"q": "export ban", "page": "2"})

    shown = [deal.title for deal in response.context["object_list"]]
    assert shown == found("export ban")[25:]
    # Read from what was kept: no match is ranked again to find the page.
    assert not [q for q in queries.captured_queries if "OFFSET" in q["sql"]]
    assert response.context["paginator"].count == 32
    assert len(readings) == 1
    beyond = client.get(reverse("deals:deal-list"), {"q": "export ban", "page": "3"})
    assert beyond.status_code == 404


@ranked_only_on_postgresql
def test_deals_deleted_in_the_admin_leave_a_searchs_counts_at_once(
    archive, client, readings, settings
):
    # Rendered for a signed-in reader: the page and its parts are not served from the caches.
    settings.TRACKER_PAGE_CACHE_SECONDS = settings.TRACKER_FRAGMENT_CACHE_SECONDS = 0
    for n in range(30):
        published_deal(
            title=f"Malaysia export ban number {n}", kind="measure", stages=[("imposed", DAY)]
        )
    services.refresh_search_documents()
    before = shown_and_counted(client, "export ban")
    not_shown = Deal.objects.published().exclude(title__in=before[0])
    for deal in not_shown.filter(title__contains="export ban")[:2]:
        deal.delete()
    after = shown_and_counted(client, "export ban")

    assert after == read_afresh("export ban")
    assert sum(after[1].values()) == sum(before[1].values()) - 2


def test_the_api_finds_a_phrase(archive, client):
    response = client.get(reverse("api:deal-list"), {"q": '"raw rare earth"'})

    assert [deal["title"] for deal in response.json()["results"]] == [
        "Malaysia raw rare earth export ban"
    ]


def test_a_search_takes_the_same_few_queries_whatever_the_archive_size(
    archive, client, django_assert_max_num_queries
):
    def search_page():
        return client.get(reverse("deals:deal-list"), {"q": "bulk deal"})

    search_page()  # The stages, read once per version of the names, are kept from here on.
    bulk_published_deals(5, slug_prefix="small")
    services.refresh_search_documents()
    with django_assert_max_num_queries(12) as small:
        search_page()
    bulk_published_deals(60, slug_prefix="large")
    services.refresh_search_documents()
    with django_assert_max_num_queries(12) as large:
        response = search_page()

    assert len(large.captured_queries) == len(small.captured_queries)
    assert response.context["paginator"].count == 65


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN indexes are PostgreSQL's")
def test_postgresql_reads_the_search_document_through_its_gin_index(archive):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'deals_deal_search_idx'")
        (definition,) = cursor.fetchone()

    assert "gin (search_document)" in definition


def test_the_searchindex_command_makes_deals_loaded_in_bulk_searchable(stages):
    bulk_published_deals(3, slug_prefix="loaded")
    assert found("bulk") == []

    call_command("searchindex", stdout=io.StringIO())

    assert sorted(found("bulk")) == ["Bulk deal 0", "Bulk deal 1", "Bulk deal 2"]


def test_a_rewritten_document_stamps_its_deal_as_changed_but_a_full_rebuild_stamps_none(archive):
    stamps = dict(Deal.objects.values_list("pk", "updated_at"))

    call_command("searchindex", stdout=io.StringIO())
    assert dict(Deal.objects.values_list("pk", "updated_at")) == stamps

    services.refresh_search_documents(deal_ids=[archive["ban"].pk])
    after = dict(Deal.objects.values_list("pk", "updated_at"))
    assert after[archive["ban"].pk] > stamps[archive["ban"].pk]
    assert {pk: at for pk, at in after.items() if pk != archive["ban"].pk} == {
        pk: at for pk, at in stamps.items() if pk != archive["ban"].pk
    }


@pytest.fixture
def ordered_readings(monkeypatch) -> list[int]:
    """The filtered lists read afresh (not mended from what was kept) during a test."""
    return _count_fresh_readings(monkeypatch, searchresults.OrderedReading)


def _count_fresh_readings(monkeypatch, kind) -> list[int]:
    """One item for each `kind` of kept reading read afresh from then on."""
    read = []
    fresh = searchresults._read

    def counted(of, reading):
        if of is kind:
            read.append(1)
        return fresh(of, reading)

    monkeypatch.setattr(searchresults, "_read", counted)
    return read


def shown_and_counted_by(client, filters: dict) -> tuple[list[str], dict[int, int]]:
    response = client.get(reverse("deals:deal-list"), filters)
    titles = [deal.title for deal in response.context["object_list"]]
    return titles, dict(response.context["paginator"].stage_counts)


def filtered_afresh(filters: dict) -> tuple[list[str], dict[int, int]]:
    filterset = DealFilterSet(data=filters, queryset=Deal.objects.published())
    first, counts = filterset.qs.first_and_stage_counts(25, found_elsewhere=True)
    return [deal.title for deal in first], counts


def changed_minutes_apart() -> None:
    """Every deal changed a while ago, each two minutes after the one before: a kept reading
    reads again at each mending only those changed within a minute before its latest."""
    start = timezone.now() - datetime.timedelta(hours=3)
    for n, pk in enumerate(Deal.objects.order_by("pk").values_list("pk", flat=True)):
        Deal.objects.filter(pk=pk).update(updated_at=start + datetime.timedelta(minutes=2 * n))


@ranked_only_on_postgresql
@pytest.mark.parametrize("kept", [200, 26])
def test_a_countrys_deals_by_title_shown_again_after_changes_are_mended_to_a_fresh_reading(
    archive, client, stages, monkeypatch, ordered_readings, kept
):
    monkeypatch.setattr(searchresults, "KEPT", kept)
    malaysia = Party.objects.get(slug="malaysia")
    india = Party.objects.get(slug="india")
    deals = [
        published_deal(title=f"Malaysia deal {n:02}", parties=[malaysia], stages=[("talks", DAY)])
        for n in range(30)
    ]
    changed_minutes_apart()
    filters = {"country": "malaysia", "sort": "title"}
    before = shown_and_counted_by(client, filters)
    assert before == filtered_afresh(filters)

    # A deal beyond the first page is retitled to come first (its place is the database's
    # collation's, not Python's), one on it moves stage, one leaves the country's
    # deals, and a new deal of the country comes in.
    deals[29].title = "A malaysian deal first of all"
    deals[29].save()
    deals[3].status = stages["framework"]
    deals[3].save()
    DealParty.objects.filter(deal=deals[5]).update(party=india)
    deals[5].save()
    published_deal(title="Malaysia deal 00 bis", parties=[malaysia], stages=[("talks", DAY)])
    after = shown_and_counted_by(client, filters)

    assert after == filtered_afresh(filters)
    assert after[0][0] == "A malaysian deal first of all"
    assert "Malaysia deal 05" not in after[0]
    assert sum(after[1].values()) == sum(before[1].values())
    assert after[1][stages["framework"].pk] == 1
    assert len(ordered_readings) == 1  # Read once, then mended.


@ranked_only_on_postgresql
def test_a_kept_filtered_list_is_read_afresh_when_its_first_deal_left_out_changes(
    archive, client, monkeypatch, ordered_readings
):
    monkeypatch.setattr(searchresults, "KEPT", 26)
    malaysia = Party.objects.get(slug="malaysia")
    deals = [
        published_deal(title=f"Malaysia deal {n:02}", parties=[malaysia], stages=[("talks", DAY)])
        for n in range(30)
    ]
    changed_minutes_apart()
    filters = {"country": "malaysia", "sort": "title"}
    shown_and_counted_by(client, filters)
    first_left_out = deals[26]  # Kept: "Malaysia deal 00" to "Malaysia deal 25".
    first_left_out.title = "A Malaysia deal"
    first_left_out.save()

    assert shown_and_counted_by(client, filters) == filtered_afresh(filters)
    assert len(ordered_readings) == 2


def test_deals_read_by_id_as_named_values_are_what_the_orm_reads_in_the_order_given(archive):
    deals = Deal.objects.published().values_list(*ROW_FIELDS, named=True)
    ids = [archive["mentions"].pk, 10**9, archive["talks"].pk, archive["ban"].pk]

    rows = deals.rows_in_order(ids)
    again = deals.rows_in_order(ids[:2])  # Another number of deals: another query.

    by_orm = {row.pk: row for row in deals}
    assert rows == [by_orm[pk] for pk in ids if pk in by_orm]
    assert [row._fields for row in rows] == [ROW_FIELDS] * 3
    assert isinstance(rows[0].last_changed_on, datetime.date)
    assert again == [by_orm[archive["mentions"].pk]]
