"""The organisations gazetteer: one entry for each name, every entry of a kind the tracker knows
with its home country, and the actors trade news names everywhere (trade ministries, customs and
trade-remedy agencies, blocs and customs unions, state and resource firms) read by their kind."""

import json

import pycountry
import pytest

from deals.extraction import Gazetteer
from deals.extraction.gazetteer import DATA_DIR
from deals.extraction.types import PARTY_KINDS

from .stories import main_deal

# Firms and funds have a home country; blocs and international bodies have none; a government
# body has its country's, or none when it serves a bloc (the European Central Bank).
_OF_A_COUNTRY = {"company", "state_owned_enterprise", "sovereign_fund"}
_OF_NO_COUNTRY = {"bloc", "international_org"}


def sides(deal):
    return sorted(p.name for p in deal.parties)


def _organisations():
    return json.loads((DATA_DIR / "organisations.json").read_text(encoding="utf-8"))[
        "organisations"
    ]


def _matched_by_exact_case(alias):
    # Acronyms and short aliases match only as written ("KIA" the fund, "Kia" the carmaker).
    return len(alias) <= 3 or alias.isupper()


# -- the data -------------------------------------------------------------------------------------


def test_no_name_or_alias_stands_for_two_parties():
    owner = {}
    for party in Gazetteer.default().parties:
        for written in {party.name, *party.aliases}:
            key = written if _matched_by_exact_case(written) else written.casefold()
            assert owner.setdefault(key, party.name) == party.name, written


def test_every_organisation_has_a_kind_the_tracker_knows_and_a_home_country_when_it_has_one():
    codes = {country.alpha_2 for country in pycountry.countries}
    for row in _organisations():
        assert row["kind"] in PARTY_KINDS and row["kind"] != "country", row["name"]
        if row["kind"] in _OF_A_COUNTRY:
            assert row["country"] in codes, row["name"]
        elif row["kind"] in _OF_NO_COUNTRY:
            assert row["country"] is None, row["name"]
        else:
            assert row["country"] is None or row["country"] in codes, row["name"]
        assert set(row.get("members", ())) <= codes, row["name"]


def test_aliases_need_a_capital_letter_to_match():
    # A lower-case alias would match in any case, and read a common word as a name.
    for row in _organisations():
        for alias in row["aliases"]:
            assert alias.startswith("the ") or not alias[:1].islower(), alias


# -- a government body stands for its country -----------------------------------------------------


@pytest.mark.parametrize(
    ("title", "body", "imposer"),
    [
        (
            "US trade office to raise tariffs on Chinese chips",
            "The Office of the United States Trade Representative said on Friday it would raise "
            "tariffs on semiconductors from China to 50% from January.",
            "United States",
        ),
        (
            "Trade remedies body recommends duty on Chinese steel",
            "The Directorate General of Trade Remedies recommended an anti-dumping duty of 12% on "
            "flat steel imported from China, the DGTR said in a notification.",
            "India",
        ),
        (
            "Tribunal backs duties on Chinese wind towers",
            "The Canadian International Trade Tribunal ruled that imports of wind towers from "
            "China had injured domestic makers, clearing the way for anti-dumping duties.",
            "Canada",
        ),
        (
            "Farm watchdog bans Azerbaijani tomatoes",
            "Rosselkhoznadzor said it would ban imports of tomatoes from Azerbaijan from Monday.",
            "Russia",
        ),
    ],
)
def test_a_trade_body_imposing_a_measure_is_its_country(title, body, imposer):
    deal = main_deal(title, body)
    imposing = [p.name for p in deal.parties if p.role == "imposing"]
    assert imposing == [imposer]


# -- a firm's home country is not a side ----------------------------------------------------------


def test_a_codelco_supply_deal_names_codelco_with_chile_as_its_home_not_as_a_side():
    deal = main_deal(
        "Chile's Codelco signs copper supply deal with Glencore",
        "Chile's Codelco agreed to supply copper concentrate to Glencore for three years, the "
        "state miner said.",
    )
    assert sides(deal) == ["Codelco", "Glencore"]
    codelco = next(p for p in deal.parties if p.name == "Codelco")
    assert (codelco.kind, codelco.country) == ("state_owned_enterprise", "CL")


def test_a_state_lithium_firm_signing_with_a_foreign_firm_leaves_both_countries_out():
    deal = main_deal(
        "Bolivia's YLB signs lithium deal with CATL",
        "Bolivian state lithium company YLB signed an agreement with China's CATL to build two "
        "lithium carbonate plants, the government said.",
    )
    assert sides(deal) == ["CATL", "YLB"]


def test_the_group_that_owns_a_steelmaker_is_not_a_side_of_its_deal():
    deal = main_deal(
        "Hyundai Steel signs iron ore deal with Vale",
        "Hyundai Steel, a unit of Hyundai Motor Group, signed a ten-year deal to buy iron ore "
        "from Vale.",
    )
    assert sides(deal) == ["Hyundai Steel", "Vale"]


def test_a_firm_named_in_full_is_that_firm_not_the_group_it_belongs_to():
    deal = main_deal(
        "PetroChina signs LNG deal with QatarEnergy",
        "PetroChina signed a 27-year deal to buy liquefied natural gas from QatarEnergy.",
    )
    assert sides(deal) == ["PetroChina", "QatarEnergy"]


# -- blocs and customs unions ---------------------------------------------------------------------


def test_the_eaeu_and_its_commission_are_the_bloc():
    deal = main_deal(
        "EAEU extends tariff-free quota for sugar",
        "The Eurasian Economic Commission extended the duty-free quota on raw sugar imports "
        "until March, the EAEU said.",
    )
    assert [(p.name, p.kind) for p in deal.parties] == [("Eurasian Economic Union", "bloc")]


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        (
            "SACU and Mercosur trade deal enters into force",
            "A preferential trade agreement between the Southern African Customs Union and "
            "Mercosur entered into force on Monday.",
            ["Mercosur", "Southern African Customs Union"],
        ),
        (
            "CARICOM and Canada begin trade talks",
            "CARICOM and Canada began talks on a trade agreement, the Caribbean Community said.",
            ["CARICOM", "Canada"],
        ),
    ],
)
def test_a_customs_union_or_a_regional_community_is_a_bloc_side(title, body, expected):
    deal = main_deal(title, body)
    assert sides(deal) == expected
    assert {p.kind for p in deal.parties if p.name != "Canada"} == {"bloc"}
