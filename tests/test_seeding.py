"""Seeding the reference data: the taxonomy's goods with their parents, added again on a database
seeded before goods were added to it."""

import pytest

from deals.extraction import load_taxonomy
from deals.models import Commodity
from deals.services import seed_reference_data

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
