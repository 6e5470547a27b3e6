"""The FilterSets shared by the reader pages and the API, without HTTP."""

import datetime

import pytest
from django.http import QueryDict

from deals.filters import (
    CommodityFilterSet,
    DealFilterSet,
    PartyFilterSet,
    TimelineEntryFilterSet,
)
from deals.models import Commodity, Deal, Party, TimelineEntry
from deals.services import record_timeline_entry

from .factories import (
    ArticleFactory,
    CommodityFactory,
    CountryFactory,
    PartyAliasFactory,
    PartyFactory,
    deal_with_story,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def deals(stages):
    japan = CountryFactory(name="Japan", slug="japan", iso_code="JP")
    sojitz = PartyFactory(name="Sojitz", slug="sojitz", country=japan)
    PartyAliasFactory(party=sojitz, name="Sojitz Corp")
    rare_earths = CommodityFactory(name="Rare earths", slug="rare-earths")
    CommodityFactory(name="Neodymium", slug="neodymium", parent=rare_earths)
    lynas = deal_with_story(
        stages,
        title="Lynas offtake",
        party=sojitz,
        commodity=Commodity.objects.get(slug="neodymium"),
        quote="Sojitz agreed to buy neodymium from Lynas.",
    )
    steel = deal_with_story(
        stages,
        title="Steel duty",
        party=PartyFactory(name="European Commission", slug="european-commission"),
        commodity=CommodityFactory(name="Steel", slug="steel"),
        kind="measure",
        stage="threatened",
        happened_on=datetime.date(2026, 3, 5),
    )
    return {"lynas": lynas, "steel": steel}


def _deals(**data) -> list[str]:
    filterset = DealFilterSet(data=data, queryset=Deal.objects.order_by("slug"))
    assert filterset.is_valid(), filterset.errors
    return [deal.slug for deal in filterset.qs]


def test_deals_by_stage_and_kind(deals):
    assert _deals(stage=["threatened"]) == ["steel-duty"]
    assert _deals(stage=["talks", "threatened"]) == ["lynas-offtake", "steel-duty"]
    assert _deals(kind="agreement") == ["lynas-offtake"]


def test_deals_by_party_slug_or_id(deals):
    sojitz = Party.objects.get(slug="sojitz")

    assert _deals(party="sojitz") == ["lynas-offtake"]
    assert _deals(party_id=str(sojitz.pk)) == ["lynas-offtake"]


def test_deals_by_commodity_include_the_commodities_below_it(deals):
    assert _deals(commodity="rare-earths") == ["lynas-offtake"]
    assert _deals(commodity="steel") == ["steel-duty"]
    assert _deals(commodity="no-such-commodity") == []


def test_deals_by_country_include_parties_based_there(deals):
    assert _deals(country="japan") == ["lynas-offtake"]
    assert _deals(country="jp") == ["lynas-offtake"]


def test_deals_by_text_search_the_sources_quotes(deals):
    assert _deals(q="buy neodymium") == ["lynas-offtake"]
    assert _deals(q="steel") == ["steel-duty"]


def test_deals_changed_since_a_date(deals):
    assert _deals(changed_since="2026-03-01") == ["steel-duty"]
    assert _deals(changed_before="2026-03-01") == ["lynas-offtake"]


def test_an_unknown_stage_makes_the_filter_invalid(deals):
    filterset = DealFilterSet(data={"stage": ["nonsense"]}, queryset=Deal.objects.all())

    assert not filterset.is_valid()
    assert "stage" in filterset.errors


def keeper():
    """A `kept_by` for `DealFilterSet`, as a page keeps names by their version: each read once."""
    kept = {}

    def kept_by(name, read):
        if name not in kept:
            kept[name] = read()
        return kept[name]

    return kept_by


def test_with_the_names_kept_the_stages_and_a_countrys_parties_are_read_once(
    deals, django_assert_num_queries
):
    kept_by = keeper()
    data = {"stage": ["talks", "threatened"], "country": "jp"}
    first = DealFilterSet(data=data, queryset=Deal.objects.order_by("slug"), kept_by=kept_by)
    assert [deal.slug for deal in first.qs] == ["lynas-offtake"]

    again = DealFilterSet(data=data, queryset=Deal.objects.order_by("slug"), kept_by=kept_by)
    # The deals alone: the stages chosen and Japan's parties are checked and found as kept.
    with django_assert_num_queries(1):
        assert [deal.slug for deal in again.qs] == ["lynas-offtake"]


def test_a_stage_checked_against_the_kept_stages_is_refused_as_the_database_refuses_it(deals):
    data = {"stage": ["talks", "nonsense"]}
    read = DealFilterSet(data=data, queryset=Deal.objects.all())
    kept = DealFilterSet(data=data, queryset=Deal.objects.all(), kept_by=keeper())

    assert not kept.is_valid()
    assert kept.errors == read.errors


@pytest.mark.parametrize("text", ["neodymium", "  steel ", '"buy neodymium"', "-steel", ""])
def test_a_search_alone_is_read_as_the_filterset_reads_it(deals, text):
    data = QueryDict(mutable=True)
    data.update({"q": text, "page": "1"})
    searched = DealFilterSet.search_alone(data, Deal.objects.order_by("slug"))

    filtered = DealFilterSet(data=data, queryset=Deal.objects.order_by("slug")).qs
    assert [deal.slug for deal in searched] == [deal.slug for deal in filtered]


@pytest.mark.parametrize(
    "query", ["q=steel&kind=measure", "q=steel&stage=", "kind=measure", "q=st%00eel"]
)
def test_a_search_with_anything_else_is_left_to_the_filterset(deals, query):
    assert DealFilterSet.search_alone(QueryDict(query), Deal.objects.all()) is None


def test_parties_by_alias_and_home_country(deals):
    def parties(**data):
        return [p.slug for p in PartyFilterSet(data=data, queryset=Party.objects.all()).qs]

    assert parties(q="sojitz corp") == ["sojitz"]
    assert parties(country="japan") == ["sojitz"]
    assert parties(kind="country") == ["japan"]


def test_commodities_by_parent(deals):
    filterset = CommodityFilterSet(data={"parent": "rare-earths"}, queryset=Commodity.objects.all())

    assert [commodity.slug for commodity in filterset.qs] == ["neodymium"]


def test_changes_by_deal_party_commodity_and_stage(deals, stages):
    record_timeline_entry(
        deal=deals["lynas"],
        status=stages["signed"],
        happened_on=datetime.date(2026, 4, 1),
        article=ArticleFactory(),
        quote="The offtake contract was signed.",
    )

    def changes(**data):
        filterset = TimelineEntryFilterSet(data=data, queryset=TimelineEntry.objects.order_by("pk"))
        return [(entry.deal.slug, entry.status.slug) for entry in filterset.qs]

    assert changes(deal="steel-duty") == [("steel-duty", "threatened")]
    assert changes(party="sojitz") == [("lynas-offtake", "talks"), ("lynas-offtake", "signed")]
    assert changes(commodity="rare-earths") == changes(party="sojitz")
    assert changes(stage=["signed"]) == [("lynas-offtake", "signed")]
    assert changes(kind="measure") == [("steel-duty", "threatened")]


def test_an_id_no_database_could_hold_makes_the_filter_invalid(deals):
    filterset = DealFilterSet(data={"party_id": "1e300"}, queryset=Deal.objects.all())

    assert not filterset.is_valid()
    assert "party_id" in filterset.errors
