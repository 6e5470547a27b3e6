"""Seeding the reference data: the taxonomy's goods with their parents, added again on a database
seeded before goods were added to it, by the command a deploy runs; a good a story names first is
filed under its family."""

import datetime

import pytest
from django.core.management import call_command

from deals import services
from deals.extraction import load_taxonomy
from deals.models import Commodity, DealKind, Party, Proposal, ProposedCommodity, ProposedParty
from deals.services import seed_reference_data

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_every_good_of_the_taxonomy_is_seeded_under_its_parent():
    seed_reference_data()
    parents = dict(Commodity.objects.values_list("name", "parent__name"))
    assert parents == {entry.name: entry.parent for entry in load_taxonomy()}


def test_seeding_again_adds_the_goods_the_taxonomy_gained_since():
    seed_reference_data()
    # Children first: a commodity's parent is protected.
    Commodity.objects.filter(name="beer").delete()
    Commodity.objects.filter(name="beverages").delete()
    seeded = seed_reference_data()
    assert seeded.commodities == 2
    beer = Commodity.objects.get(name="beer")
    assert (beer.parent.name, beer.hs_codes) == ("beverages", ["2203"])
    assert set(beer.aliases.values_list("name", flat=True)) == {"beers", "lager"}


def test_the_deploy_command_seeds_once_and_then_adds_nothing(capsys):
    call_command("seedreference")
    first = capsys.readouterr().out
    call_command("seedreference")
    again = capsys.readouterr().out

    assert Party.objects.filter(kind="country", iso_code="NG").exists()
    assert Commodity.objects.get(name="beer").parent.name == "beverages"
    assert "0 parties" not in first
    assert again.startswith("Reference data: 0 parties (0 names) and 0 commodities (0 names)")


def test_a_good_a_story_names_before_the_database_holds_it_is_filed_under_its_family():
    seed_reference_data()
    Commodity.objects.filter(name="beer").delete()
    day = datetime.date(2026, 3, 2)
    article = ArticleFactory(title="Brewers face new duty", published_on=day)
    proposal = Proposal.objects.create(
        article=article, kind=DealKind.MEASURE, title="Duty on beer", happened_on=day
    )
    country = Party.objects.get(kind="country", iso_code="MX")
    ProposedParty.objects.create(
        proposal=proposal, name=country.name, kind=country.kind, role="imposing", party=country
    )
    ProposedCommodity.objects.create(proposal=proposal, name="beer")

    deal = services.accept_proposal(proposal=proposal).deal

    assert [(c.name, c.parent.name) for c in deal.commodities.all()] == [("beer", "beverages")]
