"""Matching a report to the deal the tracker already follows: by its sides, goods and instrument."""

import datetime

import pytest

from deals import services
from deals.models import DealKind, Proposal, ProposedCommodity, ProposedParty, Role
from deals.services.ingestion import directory
from deals.services.matching import match_deal, sketch_of

from .factories import ArticleFactory, CommodityFactory, CountryFactory, PartyFactory

pytestmark = pytest.mark.django_db

AGREEMENT, MEASURE = DealKind.AGREEMENT, DealKind.MEASURE
IMPOSING, TARGETED, PARTNER = Role.IMPOSING, Role.TARGETED, Role.PARTNER


@pytest.fixture
def countries():
    return {name: CountryFactory(name=name) for name in ("Avalon", "Borduria", "Carpania", "Dorne")}


@pytest.fixture
def goods():
    minerals = CommodityFactory(name="Minerals")
    rare_earths = CommodityFactory(name="Rare earths", parent=minerals)
    return {
        "minerals": minerals,
        "rare earths": rare_earths,
        "magnets": CommodityFactory(name="Magnets", parent=rare_earths),
        "neodymium": CommodityFactory(name="Neodymium", parent=rare_earths),
        "antimony": CommodityFactory(name="Antimony", parent=minerals),
        "steel": CommodityFactory(name="Steel"),
        "pork": CommodityFactory(name="Pork", parent=CommodityFactory(name="Farm goods")),
        "soybeans": CommodityFactory(name="Soybeans", parent=CommodityFactory(name="Farm goods")),
    }


def report(kind, title, parties, goods=(), *, published=datetime.date(2024, 1, 10)) -> Proposal:
    """A pending proposal as the parser leaves it: its parties and goods, resolved."""
    article = ArticleFactory(title=title, published_on=published)
    proposal = Proposal.objects.create(
        article=article, kind=kind, title=title, happened_on=published
    )
    for party, role in parties:
        ProposedParty.objects.create(
            proposal=proposal, name=party.name, kind=party.kind, role=role, party=party
        )
    for commodity in goods:
        ProposedCommodity.objects.create(
            proposal=proposal, name=commodity.name, commodity=commodity
        )
    return proposal


def accepted(kind, title, parties, goods=(), *, into=None, **when):
    """The deal a report accepted into the tracker created, or joined `into`."""
    proposal = report(kind, title, parties, goods, **when)
    Proposal.objects.filter(pk=proposal.pk).update(deal=into)
    return services.accept_proposal(proposal=proposal).deal


def matched(proposal):
    found = match_deal(sketch_of(proposal), lineage=directory().lineage)
    return found.deal if found else None


def test_an_agreement_with_one_side_in_common_is_another_deal(countries):
    avalon, borduria, carpania = countries["Avalon"], countries["Borduria"], countries["Carpania"]
    accepted(AGREEMENT, "Avalon–Borduria trade agreement", [(avalon, ""), (borduria, "")])

    # Its background paragraph recalls the Avalon–Borduria agreement.
    other = report(
        AGREEMENT,
        "Avalon–Carpania trade agreement",
        [(avalon, ""), (carpania, ""), (borduria, "")],
    )

    assert matched(other) is None


def test_countries_single_reports_named_in_passing_do_not_stop_both_sides_matching(countries):
    avalon, borduria = countries["Avalon"], countries["Borduria"]
    sides = [(avalon, ""), (borduria, "")]
    deal = accepted(AGREEMENT, "Avalon–Borduria trade agreement", sides)
    for name in ("Carpania", "Dorne", "Elbonia"):
        passing = [*sides, (CountryFactory(name=name), "")]
        accepted(AGREEMENT, f"Avalon, Borduria and {name} talk trade", passing, into=deal)

    again = report(AGREEMENT, "Borduria ratifies its pact", [(borduria, ""), (avalon, "")])

    assert matched(again) == deal


def test_a_report_naming_one_side_joins_only_the_deal_about_the_same_goods(countries, goods):
    avalon, borduria = countries["Avalon"], countries["Borduria"]
    miner = PartyFactory(name="Deepdig Mining")
    magnets = accepted(
        AGREEMENT,
        "Deepdig–Avalon magnets agreement",
        [(miner, ""), (avalon, "")],
        [goods["magnets"]],
    )
    accepted(AGREEMENT, "Avalon–Borduria trade agreement", [(avalon, ""), (borduria, "")])

    vague = report(AGREEMENT, "Avalon signs a deal", [(avalon, "")])
    on_goods = report(AGREEMENT, "Avalon backs neodymium", [(avalon, "")], [goods["neodymium"]])

    assert matched(vague) is None
    assert matched(on_goods) == magnets


def test_a_company_the_tracker_does_not_know_yet_makes_another_deal(countries):
    avalon = countries["Avalon"]
    accepted(AGREEMENT, "Oldco–Avalon agreement", [(PartyFactory(name="Oldco"), ""), (avalon, "")])
    proposal = report(AGREEMENT, "Newco–Avalon agreement", [(avalon, "")])
    ProposedParty.objects.create(proposal=proposal, name="Newco", kind="company", role="")

    assert matched(proposal) is None


def test_a_measure_is_the_same_only_with_the_same_imposer_and_target(countries, goods):
    avalon, borduria, carpania = countries["Avalon"], countries["Borduria"], countries["Carpania"]
    steel = [goods["steel"]]
    deal = accepted(
        MEASURE,
        "Avalon tariffs on Borduria",
        [(avalon, IMPOSING), (borduria, TARGETED), (carpania, IMPOSING)],
        steel,
    )

    # The parser took a country named in passing for the imposer of the deal's first report and
    # for a second target of this one: the sides still match.
    same = report(
        MEASURE,
        "Avalon raises tariffs on Borduria",
        [(borduria, TARGETED), (avalon, IMPOSING), (carpania, TARGETED)],
        steel,
    )
    retaliation = report(
        MEASURE, "Borduria tariffs on Avalon", [(borduria, IMPOSING), (avalon, TARGETED)], steel
    )
    elsewhere = report(
        MEASURE,
        "Avalon tariffs on Carpania",
        [(avalon, IMPOSING), (carpania, TARGETED), (borduria, "")],
        steel,
    )

    assert matched(same) == deal
    assert matched(retaliation) is None
    assert matched(elsewhere) is None


def test_a_measure_naming_one_side_joins_only_on_the_same_goods(countries, goods):
    avalon = countries["Avalon"]
    ban = accepted(
        MEASURE,
        "Avalon export ban on antimony",
        [(avalon, IMPOSING)],
        [goods["antimony"], goods["minerals"]],
    )
    accepted(MEASURE, "Avalon export ban on steel", [(avalon, IMPOSING)], [goods["steel"]])

    same = report(
        MEASURE, "Avalon export ban on antimony", [(avalon, IMPOSING)], [goods["antimony"]]
    )
    unsaid = report(MEASURE, "Avalon export ban", [(avalon, IMPOSING)])
    other_goods = report(
        MEASURE, "Avalon export ban on rare earths", [(avalon, IMPOSING)], [goods["rare earths"]]
    )

    assert matched(same) == ban
    assert matched(unsaid) is None
    assert matched(other_goods) is None


def test_a_report_naming_one_side_joins_the_only_deal_the_tracker_follows_with_it(countries):
    avalon, borduria = countries["Avalon"], countries["Borduria"]
    miner = PartyFactory(name="Deepdig Mining")
    deal = accepted(AGREEMENT, "Deepdig–Avalon agreement", [(miner, ""), (avalon, "")])
    accepted(AGREEMENT, "Avalon–Borduria trade agreement", [(avalon, ""), (borduria, "")])

    about_the_miner = report(AGREEMENT, "Deepdig breaks ground", [(miner, "")])
    about_avalon = report(AGREEMENT, "Avalon signs a deal", [(avalon, "")])

    assert matched(about_the_miner) == deal
    assert matched(about_avalon) is None


def test_a_report_years_later_about_the_same_measure_joins_it(countries, goods):
    avalon, borduria, carpania, dorne = countries.values()
    ban = accepted(
        MEASURE,
        "Avalon export ban on antimony",
        [(avalon, IMPOSING)],
        [goods["antimony"]],
        published=datetime.date(2019, 10, 31),
    )

    # A trade court rules on Dorne's complaint against the ban; two other countries joined it.
    ruling = report(
        MEASURE,
        "Trade court faults Avalon export ban",
        [(avalon, IMPOSING), (dorne, ""), (borduria, ""), (carpania, "")],
        [goods["antimony"]],
        published=datetime.date(2023, 12, 2),
    )

    assert matched(ruling) == ban


def test_of_two_measures_on_the_same_goods_a_report_joins_the_one_of_its_instrument(
    countries, goods
):
    avalon = countries["Avalon"]
    steel = [goods["steel"]]
    accepted(MEASURE, "Avalon export ban on steel", [(avalon, IMPOSING)], steel)
    quota = accepted(
        MEASURE, "Avalon caps what its mills sell abroad with a quota", [(avalon, IMPOSING)], steel
    )
    accepted(MEASURE, "Avalon export ban on steel", [(avalon, IMPOSING)], steel)

    report_of_the_quota = report(
        MEASURE, "Avalon quota on steel exports", [(avalon, IMPOSING)], steel
    )

    assert matched(report_of_the_quota) == quota


def test_reports_of_one_measure_listing_other_goods_of_the_same_family_join_it(countries, goods):
    avalon, borduria = countries["Avalon"], countries["Borduria"]
    sides = [(avalon, IMPOSING), (borduria, TARGETED)]
    deal = accepted(
        MEASURE, "Avalon tariffs on Borduria", sides, [goods["pork"], goods["minerals"]]
    )

    soybeans = report(MEASURE, "Avalon tariffs on Borduria", sides, [goods["soybeans"]])
    steel = report(MEASURE, "Avalon tariffs on Borduria", sides, [goods["steel"]])

    assert matched(soybeans) == deal
    assert matched(steel) is None


def test_a_government_body_stands_for_its_country_as_a_side(countries):
    avalon = countries["Avalon"]
    miner = PartyFactory(name="Deepdig Mining")
    defence = PartyFactory(name="Avalon Defence Office", kind="government_body", country=avalon)
    deal = accepted(AGREEMENT, "Deepdig–Defence Office agreement", [(miner, ""), (defence, "")])
    accepted(AGREEMENT, "Deepdig–Borduria agreement", [(miner, ""), (countries["Borduria"], "")])

    again = report(AGREEMENT, "Avalon backs Deepdig's mine", [(avalon, ""), (miner, "")])

    assert matched(again) == deal


def test_an_export_ban_is_one_measure_whichever_buyers_a_report_names(countries, goods):
    avalon, borduria, carpania = countries["Avalon"], countries["Borduria"], countries["Carpania"]
    antimony = [goods["antimony"]]
    ban = accepted(
        MEASURE,
        "Avalon export ban on Borduria",
        [(avalon, IMPOSING), (borduria, TARGETED)],
        antimony,
    )

    # A later report names another buyer that the ban hurts.
    later = report(
        MEASURE,
        "Avalon export ban on Carpania",
        [(avalon, IMPOSING), (carpania, TARGETED)],
        antimony,
    )
    # A tariff is known by whom it is imposed on: another target is another tariff.
    tariff = accepted(
        MEASURE, "Avalon tariffs on Borduria", [(avalon, IMPOSING), (borduria, TARGETED)], antimony
    )
    other_tariff = report(
        MEASURE, "Avalon tariffs on Carpania", [(avalon, IMPOSING), (carpania, TARGETED)], antimony
    )

    assert matched(later) == ban
    assert tariff != ban
    assert matched(other_tariff) is None


def test_a_measure_called_by_another_instruments_name_is_still_the_measure(countries, goods):
    avalon, borduria = countries["Avalon"], countries["Borduria"]
    steel = [goods["steel"]]
    ban = accepted(MEASURE, "Avalon export ban on steel", [(avalon, IMPOSING)], steel)
    sides = [(avalon, IMPOSING), (borduria, TARGETED)]
    tariff = accepted(MEASURE, "Avalon tariffs on Borduria", sides, [goods["rare earths"]])

    # The ban gives way to a quota; another report calls the tariff "controls".
    quota = report(
        MEASURE, "Avalon caps steel sales abroad with a quota", [(avalon, IMPOSING)], steel
    )
    controls = report(MEASURE, "Avalon export controls on rare earths", sides, [goods["magnets"]])

    assert matched(quota) == ban
    assert matched(controls) == tariff


def test_a_report_that_lost_the_imposer_is_the_measure_of_the_same_two_sides(countries):
    avalon, borduria = countries["Avalon"], countries["Borduria"]
    sides = [(avalon, IMPOSING), (borduria, TARGETED)]
    accepted(
        MEASURE, "Avalon tariffs on Dorne", [(avalon, IMPOSING), (countries["Dorne"], TARGETED)]
    )
    # The first report of the threat listed both countries as targeted.
    threat = accepted(MEASURE, "Tariffs on Avalon", [(avalon, TARGETED), (borduria, TARGETED)])

    order = report(MEASURE, "Avalon tariffs on Borduria", sides)
    assert matched(order) == threat
    accepted(MEASURE, "Avalon tariffs on Borduria", sides, into=threat)

    retaliation = report(
        MEASURE, "Borduria tariffs on Avalon", [(borduria, IMPOSING), (avalon, TARGETED)]
    )
    assert matched(retaliation) is None


def test_a_report_that_read_the_target_as_imposing_too_is_the_measure(countries):
    avalon, borduria, carpania = countries["Avalon"], countries["Borduria"], countries["Carpania"]
    tariffs = accepted(
        MEASURE, "Avalon tariffs on Borduria", [(avalon, IMPOSING), (borduria, TARGETED)]
    )

    # "Avalon's tariffs, meant to please Carpania, ... Borduria opened a probe into them": the
    # target's answer named in passing reads as a second imposer, Carpania as the target.
    probe = report(
        MEASURE,
        "Avalon tariffs on Carpania",
        [(avalon, IMPOSING), (carpania, TARGETED), (borduria, IMPOSING)],
    )
    assert matched(probe) == tariffs


def test_a_report_whose_headline_names_the_target_imposing_is_not_the_measure(countries):
    avalon, borduria, carpania = countries["Avalon"], countries["Borduria"], countries["Carpania"]
    accepted(MEASURE, "Avalon tariffs on Borduria", [(avalon, IMPOSING), (borduria, TARGETED)])

    # "Borduria hits Carpania with duties", Avalon named among other imposers further down.
    retaliation = report(
        MEASURE,
        "Borduria tariffs on Carpania",
        [(borduria, IMPOSING), (carpania, TARGETED), (avalon, IMPOSING)],
    )
    assert matched(retaliation) is None


def test_a_trade_agreements_report_about_other_goods_joins_it(countries, goods):
    avalon, borduria = countries["Avalon"], countries["Borduria"]
    sides = [(avalon, PARTNER), (borduria, PARTNER)]
    pact = accepted(AGREEMENT, "Avalon–Borduria trade agreement", sides, [goods["pork"]])

    # A trade agreement covers many goods, each report naming some, and the title the parser
    # drafts from one report may name them.
    next_round = report(AGREEMENT, "Borduria–Avalon trade agreement", sides, [goods["antimony"]])
    steel_chapter = report(AGREEMENT, "Avalon–Borduria steel agreement", sides, [goods["steel"]])

    assert matched(next_round) == pact
    assert matched(steel_chapter) == pact


def test_a_companys_projects_on_unrelated_goods_are_two_deals(countries, goods):
    miner = PartyFactory(name="Deepdig Mining")
    sides = [(miner, PARTNER), (countries["Avalon"], PARTNER)]
    accepted(AGREEMENT, "Deepdig–Avalon magnets agreement", sides, [goods["magnets"]])

    steel_mill = report(AGREEMENT, "Deepdig–Avalon steel agreement", sides, [goods["steel"]])

    assert matched(steel_mill) is None


def test_two_members_of_a_pact_among_many_make_a_deal_of_their_own(countries):
    members = [(country, PARTNER) for country in countries.values()]
    avalon, borduria = countries["Avalon"], countries["Borduria"]
    pact = accepted(AGREEMENT, "Avalon–Borduria–Carpania trade agreement", members)

    bilateral = report(
        AGREEMENT, "Avalon–Borduria trade agreement", [(avalon, PARTNER), (borduria, PARTNER)]
    )
    in_force = report(AGREEMENT, "Carpania–Dorne–Avalon trade agreement", members[::-1])

    assert matched(bilateral) is None
    assert matched(in_force) == pact


def test_two_members_of_a_pact_whose_reports_name_different_members_make_a_deal_of_their_own(
    countries,
):
    avalon, borduria, carpania, dorne = countries.values()
    elbonia = CountryFactory(name="Elbonia")
    pact = accepted(
        AGREEMENT,
        "Avalon–Borduria–Carpania trade agreement",
        [(avalon, PARTNER), (borduria, PARTNER), (carpania, PARTNER)],
    )
    accepted(
        AGREEMENT,
        "Avalon–Dorne–Elbonia trade agreement",
        [(avalon, PARTNER), (dorne, PARTNER), (elbonia, PARTNER)],
        into=pact,
    )

    bilateral = report(
        AGREEMENT, "Avalon–Borduria agreement", [(avalon, PARTNER), (borduria, PARTNER)]
    )

    assert matched(bilateral) is None


def test_a_pact_between_two_blocs_is_joined_by_reports_naming_the_blocs_only(countries):
    north = PartyFactory(name="Northern Union", kind="bloc")
    south = PartyFactory(name="Southern Market", kind="bloc")
    blocs = [(north, PARTNER), (south, PARTNER)]
    pact = accepted(AGREEMENT, "Northern Union–Southern Market agreement", blocs)
    # A report of the signing lists the members of one bloc as well.
    members = [(country, PARTNER) for country in countries.values()]
    accepted(
        AGREEMENT, "Northern Union–Southern Market trade agreement", blocs + members, into=pact
    )

    court = report(AGREEMENT, "Northern Union–Southern Market agreement", blocs)

    assert matched(court) == pact


def test_a_headline_about_two_parties_the_tracker_does_not_know_is_another_deal(countries):
    avalon = countries["Avalon"]
    miner = PartyFactory(name="Deepdig Mining")
    accepted(AGREEMENT, "Deepdig–Avalon agreement", [(miner, PARTNER), (avalon, PARTNER)])

    # Two new firms strike a deal; the old one is recalled further down.
    proposal = report(AGREEMENT, "Newco–Otherco agreement", [])
    for name in ("Newco", "Otherco"):
        ProposedParty.objects.create(proposal=proposal, name=name, kind="company", role=PARTNER)
    for party in (miner, avalon):
        ProposedParty.objects.create(
            proposal=proposal, name=party.name, kind=party.kind, role=PARTNER, party=party
        )

    assert matched(proposal) is None


def test_a_deal_whose_first_report_did_not_say_what_it_is_takes_a_trade_report(countries, goods):
    avalon, borduria = countries["Avalon"], countries["Borduria"]
    sides = [(avalon, PARTNER), (borduria, PARTNER)]
    # "Avalon and Borduria reach a deal", naming its tariffs on steel.
    deal = accepted(AGREEMENT, "Avalon–Borduria agreement", sides, [goods["steel"]])

    later = report(AGREEMENT, "Avalon–Borduria trade agreement", sides, [goods["pork"]])

    assert matched(later) == deal


def test_a_report_listing_a_blocs_members_besides_both_sides_joins_the_deal(countries):
    north = PartyFactory(name="Northern Union", kind="bloc")
    south = PartyFactory(name="Southern Market", kind="bloc")
    blocs = [(north, PARTNER), (south, PARTNER)]
    pact = accepted(AGREEMENT, "Northern Union–Southern Market agreement", blocs)

    members = [(country, PARTNER) for country in countries.values()]
    signing = report(AGREEMENT, "Leaders gather in Avalon to seal the pact", blocs + members)

    assert matched(signing) == pact


def test_both_sides_found_match_however_often_the_deals_reports_named_them(countries):
    avalon, borduria, carpania, dorne = countries.values()
    deal = accepted(AGREEMENT, "Avalon–Borduria trade agreement", [(avalon, ""), (borduria, "")])
    # The parser missed one side in two of the deal's later reports.
    accepted(
        AGREEMENT, "Avalon–Borduria trade agreement", [(avalon, ""), (borduria, "")], into=deal
    )
    accepted(AGREEMENT, "Avalon trade talks", [(avalon, ""), (carpania, "")], into=deal)
    accepted(AGREEMENT, "Borduria trade talks", [(borduria, ""), (dorne, "")], into=deal)

    # A summit report naming both sides among many others, under a headline of its own.
    summit = report(
        AGREEMENT,
        "Leaders gather for regional summit",
        [
            (avalon, ""),
            (borduria, ""),
            *((CountryFactory(name=name), "") for name in ("Elbonia", "Freedonia", "Genovia")),
        ],
    )

    assert matched(summit) == deal


def test_a_measure_on_exports_called_a_ban_or_controls_is_one_measure(countries, goods):
    avalon = countries["Avalon"]
    controls = accepted(
        MEASURE, "Avalon export controls on antimony", [(avalon, IMPOSING)], [goods["antimony"]]
    )

    # A short report names neither the goods nor a target, and calls the controls a ban.
    suspended = report(MEASURE, "Avalon suspends its export ban", [(avalon, IMPOSING)])

    assert matched(suspended) == controls


def test_a_measure_report_naming_its_target_only_in_background_joins_that_targets_measure(
    countries, goods
):
    avalon, borduria, carpania = countries["Avalon"], countries["Borduria"], countries["Carpania"]
    steel = [goods["steel"]]
    on_borduria = accepted(
        MEASURE, "Avalon tariffs on Borduria", [(avalon, IMPOSING), (borduria, TARGETED)], steel
    )
    on_carpania = accepted(
        MEASURE, "Avalon tariffs on Carpania", [(avalon, IMPOSING), (carpania, TARGETED)]
    )

    # "Avalon doubles its steel duties", with Borduria's mills named further down.
    steel_duties = report(
        MEASURE, "Avalon doubles its steel duties", [(avalon, IMPOSING), (borduria, "")], steel
    )
    # "Avalon raises its tariffs again", Carpania named only in the background paragraph.
    raised = report(MEASURE, "Avalon raises its tariffs", [(avalon, IMPOSING), (carpania, "")])

    assert matched(steel_duties) == on_borduria
    assert matched(raised) == on_carpania


def test_a_report_listing_both_sides_as_imposing_is_the_measure_of_those_two_sides(countries):
    avalon, borduria, carpania = countries["Avalon"], countries["Borduria"], countries["Carpania"]
    deal = accepted(
        MEASURE, "Avalon tariffs on Borduria", [(avalon, IMPOSING), (borduria, TARGETED)]
    )
    accepted(MEASURE, "Avalon tariffs on Carpania", [(avalon, IMPOSING), (carpania, TARGETED)])

    # "Borduria and Avalon strike a tariff truce": the parser lost who the tariffs are on.
    truce = report(
        MEASURE, "Tariffs of Borduria and Avalon", [(borduria, IMPOSING), (avalon, IMPOSING)]
    )

    assert matched(truce) == deal


def test_a_measure_report_naming_its_imposer_only_in_background_joins_that_imposers_measure(
    countries, goods
):
    avalon, borduria, carpania = countries["Avalon"], countries["Borduria"], countries["Carpania"]
    steel = [goods["steel"]]
    by_avalon = accepted(
        MEASURE, "Avalon tariffs on Borduria", [(avalon, IMPOSING), (borduria, TARGETED)], steel
    )
    accepted(
        MEASURE, "Carpania tariffs on Borduria", [(carpania, IMPOSING), (borduria, TARGETED)], steel
    )

    # "Borduria's mills brace for steel duties", Avalon named in a later paragraph.
    braced = report(
        MEASURE,
        "Borduria's mills brace for steel duties",
        [(borduria, TARGETED), (avalon, "")],
        steel,
    )

    assert matched(braced) == by_avalon


def test_a_measure_report_giving_no_party_a_role_joins_the_measure_of_its_imposer_on_its_goods(
    countries, goods
):
    avalon, borduria = countries["Avalon"], countries["Borduria"]
    steel_ban = accepted(
        MEASURE, "Avalon export ban on steel", [(avalon, IMPOSING)], [goods["steel"]]
    )
    accepted(
        MEASURE,
        "Borduria tariffs on Avalon",
        [(borduria, IMPOSING), (avalon, TARGETED)],
        [goods["pork"]],
    )

    # "The government extends its ban on steel exports": Avalon read from its trade ministry,
    # its role unread.
    extended = report(MEASURE, "Export ban on steel", [(avalon, "")], [goods["steel"]])
    # The same words about goods of another family are not the ban.
    other_goods = report(MEASURE, "Export ban on antimony", [(avalon, "")], [goods["antimony"]])

    assert matched(extended) == steel_ban
    assert matched(other_goods) is None


def test_a_measure_report_naming_no_party_does_not_take_roles_from_the_articles_other_deals(
    countries, goods
):
    avalon, borduria = countries["Avalon"], countries["Borduria"]
    steel = [goods["steel"]]
    accepted(MEASURE, "Avalon export ban on steel", [(avalon, IMPOSING)], steel)

    # "Borduria and Avalon talk trade; export controls on steel are also in place": the
    # controls' sides are unsaid, the parties are the agreement's.
    article = ArticleFactory(title="Borduria and Avalon talk trade")
    talks = Proposal.objects.create(article=article, kind=AGREEMENT, title="Talks")
    for party in (borduria, avalon):
        ProposedParty.objects.create(proposal=talks, name=party.name, kind=party.kind, party=party)
    controls = Proposal.objects.create(
        article=article, kind=MEASURE, title="Export controls on steel", position=1
    )
    ProposedCommodity.objects.create(proposal=controls, name="Steel", commodity=goods["steel"])

    assert matched(controls) is None


def test_a_measure_report_whose_headline_sides_are_not_the_measures_is_another_measure(
    countries,
):
    avalon, borduria, carpania, dorne = (countries[name] for name in countries)
    accepted(MEASURE, "Avalon tariffs on Borduria", [(avalon, IMPOSING), (borduria, TARGETED)])

    # "Carpania and Dorne pause their port fees", recalling further down Avalon's tariffs on
    # Borduria: the parser gave the background parties roles too.
    port_fees = report(
        MEASURE,
        "Carpania and Dorne pause port fees",
        [(carpania, IMPOSING), (dorne, IMPOSING), (avalon, IMPOSING), (borduria, TARGETED)],
    )

    assert matched(port_fees) is None


def test_reports_of_a_round_of_world_trade_talks_join_it_whichever_members_they_name(countries):
    avalon, borduria, carpania, dorne = countries.values()
    round_ = accepted(
        AGREEMENT,
        "Lima Round of world trade talks",
        [(avalon, PARTNER), (borduria, PARTNER), (carpania, PARTNER)],
    )

    later = report(
        AGREEMENT, "Lima Round of world trade talks", [(dorne, PARTNER), (avalon, PARTNER)]
    )
    bilateral = report(
        AGREEMENT, "Avalon–Borduria trade agreement", [(avalon, PARTNER), (borduria, PARTNER)]
    )
    other_round = report(
        AGREEMENT, "Quito Round of world trade talks", [(avalon, PARTNER), (borduria, PARTNER)]
    )

    assert matched(later) == round_
    assert matched(bilateral) is None
    assert matched(other_round) is None
