"""The main deal's kind: a measure (one government's act on trade) or an agreement (something
sides negotiate), read from how news tells each.

Each test is a short story written for it; each pins down one way of writing that used to give
the main deal the wrong kind, and so the wrong stage and sides.
"""

import pytest

from deals.extraction import extract

from .stories import DAY, main_deal, stage_of

# -- a list of trusted partners --------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "Seoul to put Tokyo back on its export whitelist",
            "South Korea has decided to return Japan to its white list of trusted trading "
            "partners, three years after dropping it. Officials of both sides also agreed on a "
            "dialogue to review the export screening.",
        ),
        (
            "Ottawa restores Peru to white list",
            "Canada restored Peru to its white list of countries with fast-track export "
            "licences on Tuesday, the trade ministry said.",
        ),
    ],
)
def test_a_country_restored_to_a_white_list_is_a_measure_lifted(title, body):
    assert stage_of(title, body) == ("measure", "lifted")


def test_a_country_removed_from_a_white_list_is_a_measure_imposed():
    deal = main_deal(
        "Tokyo removes Seoul from export white list",
        "Japan's cabinet on Friday removed South Korea from its white list of countries with "
        "minimal export screening.",
    )
    assert (deal.kind, deal.stage) == ("measure", "imposed")
    assert [p.name for p in deal.parties] == ["Japan", "South Korea"]


def test_an_app_dropped_from_a_white_list_is_no_trade_measure():
    result = extract(
        "Software maker drops Chinese app from its whitelist",
        "The software maker said on Monday it had removed a Chinese messaging app from its "
        "whitelist of approved programs after a security review.",
        DAY,
    )
    assert not result.relevant


# -- a price undertaking in place of duties --------------------------------------------------


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "Price deal to avert Canadian duties on Mexican steel",
            "Mexico and Canada agreed after months of talks that Mexican steel mills may sell "
            "into Canada at agreed minimum prices in place of anti-dumping duties.",
        ),
        (
            "Brussels accepts price undertakings from Turkish pipe makers",
            "The European Commission accepted price undertakings from Turkish steel pipe "
            "makers, who pledged to sell at minimum prices instead of paying duties.",
        ),
    ],
)
def test_a_price_undertaking_that_replaces_duties_is_the_measure(title, body):
    assert stage_of(title, body) == ("measure", "imposed")


def test_a_pricing_deal_between_companies_stays_an_agreement():
    assert (
        main_deal(
            "Rio Tinto agrees iron ore pricing deal with Chinese mills",
            "Rio Tinto has agreed a quarterly pricing deal with China Baowu Steel for iron ore "
            "supplies, the companies said.",
        ).kind
        == "agreement"
    )


def test_prices_in_place_of_tariffs_put_nothing_in_force():
    result = extract(
        "Minimum prices for solar panels",
        "Chinese solar panels can be sold in Europe at minimum prices in place of tariffs.",
        DAY,
    )
    assert all(deal.stage != "in_force" for deal in result.deals)


# -- a ban, a quota and a policy told without a measure's noun -------------------------------


def test_exports_said_to_remain_prohibited_are_a_ban_imposed():
    assert stage_of(
        "Rice exports to stay shut",
        "The export of broken rice shall continue to remain prohibited, the directorate of "
        "foreign trade said in a notification on Monday.",
    ) == ("measure", "imposed")


def test_an_amount_allowed_out_is_the_export_ban_news():
    deal = main_deal(
        "India allows exports of 10 lakh tonnes of sugar",
        "The Indian government on Monday allowed exports of 10 lakh tonnes of sugar, according "
        "to a notification. Exports of sugar otherwise remain restricted.",
    )
    assert (deal.kind, deal.stage) == ("measure", "imposed")
    assert [p.name for p in deal.parties] == ["India"]


def test_an_amount_a_company_lets_in_is_no_quota():
    result = extract(
        "Airline allows imports of 500 tonnes of cargo",
        "The airline allowed imports of 500 tonnes of cargo at its new hub, the company said.",
        DAY,
    )
    assert not result.relevant


@pytest.mark.parametrize(
    "title",
    [
        "Zimbabwe cabinet approves lithium ore export policy",
        "Zimbabwe cabinet approves policy to restrict raw lithium exports",
    ],
)
def test_a_cabinet_approving_an_export_policy_is_a_measure_imposed(title):
    assert stage_of(
        title, "Miners will have to process the ore locally, the information minister said."
    ) == ("measure", "imposed")


# -- an agreement that cuts tariffs ----------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "Vietnam removes tariffs on US ethanol under trade agreement",
            "Vietnam has removed tariffs on American ethanol as part of a reciprocal trade "
            "agreement signed with the United States last week.",
        ),
        (
            "EU eliminates duties on New Zealand kiwifruit as FTA enters into force",
            "Tariffs on New Zealand kiwifruit sold in the European Union were eliminated on "
            "Monday when the free trade agreement between them entered into force.",
        ),
    ],
)
def test_a_tariff_cut_an_agreement_makes_leaves_the_agreement_the_main_deal(title, body):
    assert main_deal(title, body).kind == "agreement"


def test_a_measure_lifted_under_an_agreement_exemption_stays_a_measure():
    assert stage_of(
        "Washington lifts tariffs on Mexican cars under USMCA exemption",
        "The United States lifted its tariffs on Mexican cars under the USMCA exemption on Friday.",
    ) == ("measure", "lifted")


def test_counter_tariffs_dropped_are_a_measure_lifted():
    assert stage_of(
        "Canada drops counter-tariffs on US goods",
        "Canada dropped its counter-tariffs on American steel on Monday, the finance "
        "minister said.",
    ) == ("measure", "lifted")
