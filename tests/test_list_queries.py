"""The deal list's query kept for its address by the names' version (`deals.views.list_queries`):
the same page as one built afresh, as fresh after a change, and no FilterSet built to read it."""

import datetime

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from deals.filters import DealFilterSet
from deals.models import Deal
from deals.views.list_queries import forget_list_queries

from .factories import (
    ArticleFactory,
    CommodityFactory,
    CountryFactory,
    PartyFactory,
    published_deal,
)

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 4)


@pytest.fixture
def world(stages, settings):
    """Malaysia with a Malaysian fund, rare earths with dysprosium below it, chips, and deals."""
    settings.TRACKER_PAGE_CACHE_SECONDS = 0
    settings.TRACKER_TALLY_SECONDS = 60  # As in production: the form is kept by the names.
    malaysia = CountryFactory(name="Malaysia", slug="malaysia", iso_code="MY")
    fund = PartyFactory(name="Khazanah Nasional", slug="khazanah", country=malaysia)
    rare_earths = CommodityFactory(name="Rare earths", slug="rare-earths")
    dysprosium = CommodityFactory(name="Dysprosium", slug="dysprosium", parent=rare_earths)
    chips = CommodityFactory(name="Chips", slug="chips")
    deals = [
        published_deal(
            title=f"Malaysia rare earths refinery {n}",
            stages=[("talks", DAY), ("framework", DAY + datetime.timedelta(days=n))],
            parties=[fund if n % 2 else malaysia],
            commodities=[dysprosium],
            quote=f"The refinery number {n} will process rare earths.",
            article=ArticleFactory(title=f"Refinery {n} agreed"),
        )
        for n in range(30)
    ]
    chip_ban = published_deal(
        title="Malaysia ban on chip exports",
        kind="measure",
        stages=[("threatened", DAY)],
        parties=[malaysia],
        commodities=[chips],
        quote="Malaysia will ban exports of chips and rare earths.",
    )
    return {
        "malaysia": malaysia,
        "rare_earths": rare_earths,
        "chips": chips,
        "deals": deals,
        "chip_ban": chip_ban,
    }


@pytest.fixture
def filtersets_built(monkeypatch) -> list[DealFilterSet]:
    """Every DealFilterSet built during a test."""
    built = []
    original = DealFilterSet.__init__

    def counted(self, *args, **kwargs):
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(DealFilterSet, "__init__", counted)
    return built


def touched(deal: Deal) -> None:
    """`deal` changes as the editors' tools change it, leaving what the list shows as it is."""
    Deal.objects.filter(pk=deal.pk).update(updated_at=timezone.now())


def page(client, query: str) -> str:
    response = client.get(reverse("deals:deal-list") + "?" + query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "stage=framework&country=MY&sort=title",
        "country=malaysia&sort=-changed",
        "q=refinery",
        "q=%22rare+earths%22+-chips&sort=title",
        "q=refinery&page=2",
        "party=khazanah&kind=agreement",
        "stage=nonsense&country=nowhere",
        "changed_since=2026-03-10&sort=title",
        "sort=title",
    ],
)
def test_a_list_read_with_its_kept_query_after_a_change_is_the_page_built_afresh(
    client, world, filtersets_built, query
):
    page(client, query)
    built_before = len(filtersets_built)
    touched(world["chip_ban"])

    kept = page(client, query)

    assert len(filtersets_built) == built_before  # Neither the filters nor their form.
    forget_list_queries()
    caches["default"].clear()
    touched(world["chip_ban"])
    assert page(client, query) == kept
    assert len(filtersets_built) > built_before


def test_a_company_based_in_a_country_shows_in_its_list_at_once(client, world):
    query = "country=malaysia&sort=title"
    assert "A mining agency" not in page(client, query)
    agency = PartyFactory(name="Malaysian Mining Agency", slug="mining", country=world["malaysia"])

    published_deal(title="A mining agency's deal", stages=[("talks", DAY)], parties=[agency])

    assert "A mining agency&#x27;s deal" in page(client, query)


def test_a_list_by_commodity_follows_a_regrouping_of_the_commodities_at_once(client, world):
    query = "commodity=rare-earths&sort=title"
    assert "Malaysia ban on chip exports" not in page(client, query)

    # Moved under rare earths: no name, nor the number of commodities, changes; the page is
    # read again after another deal's news.
    world["chips"].parent = world["rare_earths"]
    world["chips"].save()
    touched(world["deals"][0])

    assert "Malaysia ban on chip exports" in page(client, query)


def test_nothing_is_kept_while_the_names_readings_are_not(
    client, world, settings, filtersets_built
):
    settings.TRACKER_FRAGMENT_CACHE_SECONDS = 0
    page(client, "country=malaysia&sort=title")
    built_before = len(filtersets_built)

    page(client, "country=malaysia&sort=title")

    assert len(filtersets_built) > built_before
