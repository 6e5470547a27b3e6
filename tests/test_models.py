"""The database keeps the tracker's invariants."""

import importlib

import pytest
from django.apps import apps
from django.db import IntegrityError

from deals.models import (
    Article,
    Commodity,
    Figure,
    Party,
    PartyKind,
    Status,
    TimelineEntry,
)
from deals.stages import SHIPPED_STAGES

from .factories import (
    ArticleFactory,
    CommodityFactory,
    CountryFactory,
    DealFactory,
    PartyAliasFactory,
    PartyFactory,
    stage,
)

pytestmark = pytest.mark.django_db


def test_every_shipped_stage_is_loaded_with_its_track_and_order():
    loaded = {status.slug: status for status in Status.objects.all()}
    for shipped in SHIPPED_STAGES:
        status = loaded[shipped.slug]
        assert (status.name, status.track, status.order, status.is_final) == (
            shipped.name,
            shipped.track,
            shipped.order,
            shipped.is_final,
        )
        assert status.description


def test_stages_of_a_kind_are_its_track_and_the_off_track_states():
    agreement = set(Status.objects.for_kind("agreement").values_list("slug", flat=True))
    measure = set(Status.objects.for_kind("measure").values_list("slug", flat=True))
    assert {"talks", "signed", "stalled", "collapsed"} <= agreement
    assert "imposed" not in agreement
    assert {"threatened", "imposed", "lifted", "suspended"} <= measure
    assert "signed" not in measure


def test_same_article_text_twice_is_refused():
    ArticleFactory(title="One", body="Malaysia bans raw rare earth exports.")
    with pytest.raises(IntegrityError):
        ArticleFactory(title="Two", body="Malaysia  bans RAW rare earth exports.")


def test_same_article_url_twice_is_refused():
    ArticleFactory(url="https://news.example.org/a")
    with pytest.raises(IntegrityError):
        ArticleFactory(url="https://news.example.org/a")


def test_many_articles_may_have_no_url():
    ArticleFactory(url="")
    ArticleFactory(url="")
    assert Article.objects.filter(url="").count() == 2


def test_failed_article_must_say_why():
    article = ArticleFactory()
    with pytest.raises(IntegrityError):
        Article.objects.filter(pk=article.pk).update(state="failed", failure_reason="")


def test_alias_is_unique_ignoring_case():
    PartyAliasFactory(name="U.S.")
    with pytest.raises(IntegrityError):
        PartyAliasFactory(name="u.s.")


def test_party_name_is_unique_ignoring_case():
    PartyFactory(name="Khazanah Nasional", slug="khazanah-nasional")
    with pytest.raises(IntegrityError):
        PartyFactory(name="KHAZANAH NASIONAL", slug="khazanah-nasional-2")


def test_commodity_name_is_unique_ignoring_case():
    CommodityFactory(name="Rare earths", slug="rare-earths")
    with pytest.raises(IntegrityError):
        CommodityFactory(name="rare EARTHS", slug="rare-earths-2")


def test_iso_code_belongs_to_countries_only():
    with pytest.raises(IntegrityError):
        PartyFactory(kind=PartyKind.COMPANY, iso_code="MY")


def test_two_countries_cannot_share_an_iso_code():
    CountryFactory(name="Malaysia", slug="malaysia", iso_code="MY")
    with pytest.raises(IntegrityError):
        CountryFactory(name="Malaysia again", slug="malaysia-again", iso_code="MY")


def test_a_party_belongs_to_its_owner_and_home_country():
    malaysia = CountryFactory(name="Malaysia", slug="malaysia", iso_code="MY")
    fund = PartyFactory(
        name="Khazanah Nasional", kind=PartyKind.SOVEREIGN_FUND, country=malaysia, parent=malaysia
    )
    assert fund.country_code == "MY"
    assert list(malaysia.children.all()) == [fund]
    assert Party.objects.countries().get() == malaysia


def test_a_country_cannot_have_a_home_country():
    malaysia = CountryFactory(name="Malaysia", slug="malaysia", iso_code="MY")
    with pytest.raises(IntegrityError):
        CountryFactory(name="Elsewhere", slug="elsewhere", country=malaysia)


def test_commodity_tree_includes_every_level_below():
    rare_earths = CommodityFactory(name="Rare earths")
    heavy = CommodityFactory(name="Heavy rare earths", parent=rare_earths)
    dysprosium = CommodityFactory(name="Dysprosium", parent=heavy)
    CommodityFactory(name="Lithium")
    tree = Commodity.objects.with_descendants(rare_earths)
    assert set(tree) == {rare_earths, heavy, dysprosium}
    assert set(Commodity.objects.with_descendants(dysprosium)) == {dysprosium}


def test_report_entry_needs_a_source_article():
    deal = DealFactory()
    with pytest.raises(IntegrityError):
        TimelineEntry.objects.create(deal=deal, status=stage("talks"), happened_on="2026-01-01")


def test_correction_needs_a_reason():
    deal = DealFactory()
    with pytest.raises(IntegrityError):
        TimelineEntry.objects.create(
            deal=deal, status=stage("talks"), happened_on="2026-01-01", kind="correction"
        )


def test_one_article_cannot_put_a_deal_at_the_same_stage_twice():
    deal, article = DealFactory(), ArticleFactory()
    TimelineEntry.objects.create(
        deal=deal, status=stage("talks"), happened_on="2026-01-01", article=article
    )
    with pytest.raises(IntegrityError):
        TimelineEntry.objects.create(
            deal=deal, status=stage("talks"), happened_on="2026-01-02", article=article
        )


def test_figures_saved_with_the_old_free_words_are_moved_to_the_vocabulary_and_back():
    migration = importlib.import_module("deals.migrations.0011_figure_what_vocabulary")
    deal = DealFactory()
    old = {
        "25%": ("deal value", "%"),
        "$5 billion": ("exports", "USD"),
        "5 million tonnes": ("exports", "t"),
        "10%": ("tariff", "%"),
        "3 mines": ("mines", ""),
        "2%": ("", "%"),
    }
    for text, (what, unit) in old.items():
        Figure.objects.create(deal=deal, text=text, what=what, unit=unit)

    migration.to_slugs(apps, None)
    slugs = dict(Figure.objects.values_list("text", "what"))
    assert slugs == {
        "25%": "deal_value",
        "$5 billion": "trade_value",
        "5 million tonnes": "volume",
        "10%": "tariff_rate",
        "3 mines": "other",
        "2%": "",
    }

    migration.to_words(apps, None)
    assert Figure.objects.get(text="$5 billion").what == "value of trade"
    migration.to_slugs(apps, None)
    assert dict(Figure.objects.values_list("text", "what")) == slugs
