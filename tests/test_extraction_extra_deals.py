"""What a story tells after its main deal that is no deal of its own: an agreement only referred
to, a cooperation named in passing, and a rate an agreement between the same sides sets. None
becomes a deal; the goods and figures of a term stay with its agreement."""

from deals.extraction.extractor import _without_repeats
from deals.extraction.stages import find_cues
from deals.extraction.text import SentenceIndex, split_sentences
from deals.extraction.types import CommodityMention, DealMention, PartyMention

from .stories import deals_of, goods, names

# -- an agreement referred to ------------------------------------------------------------------


def test_an_agreement_in_place_referred_to_by_name_is_no_deal_of_a_measure_story():
    deals = deals_of(
        "Peru imposes duties on Chinese steel",
        "Peru imposed duties of 20% on Chinese steel on Monday. The duties do not apply to "
        "goods that qualify for lower rates under the Peru-Chile Free Trade Agreement.",
    )
    assert [d.kind for d in deals] == ["measure"]
    assert names(deals[0]) == ["China", "Peru"]


def test_a_review_of_a_named_pact_is_no_deal_of_a_measure_story():
    deals = deals_of(
        "Peru imposes duties on Chinese steel",
        "Peru imposed duties of 20% on Chinese steel on Monday, with a review of the "
        "Peru-Chile-Colombia free trade pact due next year.",
    )
    assert [d.kind for d in deals] == ["measure"]
    assert "Colombia" not in names(deals[0])


def test_an_agreement_goods_are_covered_by_or_comply_with_is_no_deal_of_a_measure_story():
    deals = deals_of(
        "Peru pauses duties on goods covered by PCFTA",
        "Peru paused its 20% duties on Chilean and Bolivian goods that comply with the "
        "Peru-Chile-Bolivia Free Trade Agreement (PCFTA) on Monday. Products that meet the PCFTA "
        "rules will pay nothing until June.",
    )
    assert [d.kind for d in deals] == ["measure"]


def test_a_measure_said_to_breach_an_agreement_leaves_no_deal_of_the_agreement():
    deals = deals_of(
        "Trade panel rules against Peru's copper export ban",
        "A trade panel found on Monday that Peru's ban on copper ore exports, in force since "
        "2020, is in breach of the Andean Trade Agreement, a pact among four countries.",
    )
    assert [d.kind for d in deals] == ["measure"]


def test_a_pact_under_which_the_news_happens_stays_a_deal():
    deals = deals_of(
        "Peru imposes duties on Chinese steel",
        "Peru imposed duties of 20% on Chinese steel on Monday. Chilean steel is exempt "
        "under the new trade deal Peru and Chile signed on Friday.",
    )
    assert [d.kind for d in deals] == ["measure", "agreement"]


def test_a_cooperation_named_in_passing_is_no_deal_of_a_measure_story():
    deals = deals_of(
        "Peru pauses port fees on Chinese ships",
        "Peru paused its port fees on Chinese ships on Monday. The ministry said its "
        "cooperation with Chile and Colombia on shipbuilding would go on.",
    )
    assert [d.kind for d in deals] == ["measure"]
    assert names(deals[0]) == ["China", "Peru"]


# -- a rate an agreement sets -------------------------------------------------------------------


def test_a_rate_the_agreement_will_levy_is_a_term_of_it():
    (deal,) = deals_of(
        "Peru and Chile reach trade deal",
        "Peru and Chile reached a trade deal on Monday. Peru will levy a tariff rate of 12 per "
        "cent on goods from Chile, covering textiles and footwear.",
    )
    assert (deal.kind, deal.stage) == ("agreement", "framework")
    assert names(deal) == ["Chile", "Peru"]
    assert {"textiles", "footwear"} <= set(goods(deal))
    assert "12 per cent" in [f.text for f in deal.figures]


def test_tariffs_eliminated_under_an_agreement_in_force_are_a_term_of_it():
    (deal,) = deals_of(
        "Peru-Chile trade agreement enters into force",
        "The trade agreement between Peru and Chile entered into force on Monday. Tariffs on "
        "95 per cent of Chilean wine imports to Peru have now been eliminated.",
    )
    assert (deal.kind, deal.stage) == ("agreement", "in_force")
    assert "wine" in goods(deal)


def test_tariffs_that_will_drop_to_a_rate_are_a_term_of_the_agreement():
    (deal,) = deals_of(
        "Peru and Chile reach trade deal",
        "Peru and Chile reached a trade deal on Monday. Tariffs that Peru imposed on Chilean "
        "cars will drop from 25 to 15 percent.",
    )
    assert (deal.kind, deal.stage) == ("agreement", "framework")
    assert goods(deal) == ["autos"]


def test_tariff_free_quotas_are_a_term_of_the_agreement():
    (deal,) = deals_of(
        "Peru signs free trade agreement with Chile",
        "Peru signed a free trade agreement with Chile on Monday. The two countries agreed to "
        "tariff-free quotas on Chilean beef, with the duties imposed on Peruvian sugar cut too.",
    )
    assert (deal.kind, deal.stage) == ("agreement", "signed")
    assert {"beef", "sugar"} <= set(goods(deal))


def test_a_tariff_imposed_before_the_agreement_stays_a_measure_of_its_own():
    deals = deals_of(
        "Peru and Chile reach trade deal",
        "Peru and Chile reached a trade deal on Monday. Peru slapped a 30% duty on Chilean "
        "copper in March.",
    )
    assert [d.kind for d in deals] == ["agreement", "measure"]


def test_a_rate_threatened_if_talks_fail_stays_a_measure_of_its_own():
    deals = deals_of(
        "Peru and Chile reach trade deal",
        "Peru and Chile reached a trade deal on Monday. Peru will impose a 40% tariff on "
        "Chilean copper if Chile breaks the deal.",
    )
    assert [(d.kind, d.stage) for d in deals] == [
        ("agreement", "framework"),
        ("measure", "threatened"),
    ]


def test_a_list_restored_between_the_sides_of_an_agreement_stays_a_measure():
    deals = deals_of(
        "Peru puts Chile back on its white list",
        "Peru put Chile back on its white list of trusted trading partners on Monday. The two "
        "countries had also agreed on a mechanism to review export controls. Chile then "
        "restored Peru to its own white list.",
    )
    measures = [d for d in deals if d.kind == "measure"]
    assert len(measures) == 2


def test_within_the_framework_of_a_bloc_names_no_framework_agreed():
    low = "they settled it within the framework of the sadc, and signed a framework of rules."
    (sentence,) = split_sentences(low, 0)
    nouns = [low[c.start : c.end] for c in find_cues(low, [sentence], SentenceIndex([sentence]))]
    assert nouns.count("framework") == 1


def test_leaders_agreeing_to_work_on_concerns_make_no_agreement_of_a_measure_story():
    deals = deals_of(
        "Peru pauses tariffs on Chile for 30 days",
        "The 25% tariffs that Peru imposed on Chilean exports will be put on hold for at least "
        "30 days, the Chilean prime minister said on Monday, after the two leaders agreed to work "
        "on the concerns raised over border security.",
    )
    assert [d.kind for d in deals] == ["measure"]


def test_a_leader_agreeing_to_cooperate_with_a_third_country_makes_no_agreement():
    deals = deals_of(
        "Peru and Chile pause port fees",
        "Peru and Chile suspended their port fees for a year on Monday. The Peruvian president "
        "agreed to work with Japan on shipbuilding.",
    )
    assert [d.kind for d in deals] == ["measure"]


def test_sides_agreeing_to_a_deal_in_a_measure_story_still_make_an_agreement():
    deals = deals_of(
        "Peru pauses tariffs on Chile for 30 days",
        "The 25% tariffs that Peru imposed on Chilean exports will be put on hold for at least "
        "30 days, the Chilean prime minister said on Monday, after the two leaders agreed to a "
        "trade deal.",
    )
    assert [d.kind for d in deals] == ["measure", "agreement"]


def test_sanctions_on_a_judge_are_no_trade_measure_of_their_own():
    deals = deals_of(
        "Trump signs order putting 50% tariff on Brazilian goods",
        "US President Donald Trump signed an executive order on Wednesday imposing a 50% tariff"
        " on goods from Brazil. Earlier, the treasury had announced sanctions on the Brazilian"
        " supreme court judge presiding over the trial.",
    )
    assert [(d.kind, d.stage) for d in deals] == [("measure", "imposed")]


# -- a measure told twice ----------------------------------------------------------------------


def _measure(stage, *parties, goods=()):
    return DealMention(
        kind="measure",
        stage=stage,
        stage_quote="",
        confidence=0.9,
        parties=[PartyMention(name, "country", role, name, 0, 0) for name, role in parties],
        commodities=[CommodityMention(good, [], None, good, 0, 0) for good in goods],
    )


def test_a_measure_told_twice_in_one_story_is_one_measure_with_the_goods_of_both():
    # "has granted its first permit to export to Vietnam ... since it tightened controls", then
    # "export controls on three materials bound for Vietnam were tightened": one measure.
    first = _measure("imposed", ("Indonesia", "imposing"), ("Vietnam", "imposing"))
    again = _measure(
        "imposed", ("Indonesia", "imposing"), ("Vietnam", "targeted"), goods=["nickel"]
    )
    other = _measure("lifted", ("Indonesia", "imposing"), ("Vietnam", "targeted"))

    _, mentions = _without_repeats([None, None, None], [first, again, other])

    assert mentions == [first, other]
    assert [c.name for c in first.commodities] == ["nickel"]


def test_how_a_lifted_measure_was_imposed_told_later_is_the_same_measure():
    # "has removed its curbs on nickel exports to Vietnam", then "the curbs imposed in March".
    lifted = _measure("lifted", ("Indonesia", "imposing"), ("Vietnam", "targeted"))
    history = _measure(
        "imposed", ("Indonesia", "imposing"), ("Vietnam", "targeted"), goods=["nickel"]
    )

    assert _without_repeats([None, None], [lifted, history])[1] == [lifted]


def test_the_other_sides_measure_at_an_earlier_step_is_a_measure_of_its_own():
    # "the two sides paused their port fees", then "Vietnam had retaliated with fees of its own".
    paused = _measure("suspended", ("Indonesia", "imposing"), ("Vietnam", "imposing"))
    answer = _measure("imposed", ("Vietnam", "imposing"), ("Indonesia", "targeted"))

    assert _without_repeats([None, None], [paused, answer])[1] == [paused, answer]


def test_a_measure_on_other_goods_between_the_same_sides_is_a_measure_of_its_own():
    steel = _measure("imposed", ("Indonesia", "imposing"), ("Vietnam", "targeted"), goods=["steel"])
    rice = _measure("imposed", ("Indonesia", "imposing"), ("Vietnam", "targeted"), goods=["rice"])

    assert _without_repeats([None, None], [steel, rice])[1] == [steel, rice]


def test_two_countries_lifting_their_curbs_on_each_other_are_two_measures():
    deals = deals_of(
        "Japan and South Korea lift curbs on each other",
        "Japan lifted its export curbs on South Korea on Tuesday. South Korea also lifted its "
        "export curbs on Japan on Tuesday.",
    )
    imposers = [
        [p.name for p in d.parties if p.role == "imposing"] for d in deals if d.kind == "measure"
    ]
    assert sorted(imposers) == [["Japan"], ["South Korea"]]


# -- general English read as a deal -----------------------------------------------------------


def test_companies_that_deal_with_a_country_make_no_agreement():
    deals = deals_of(
        "Peru puts export controls on Chile",
        "Peru tightened export controls on three chemicals bound for Chile on Thursday. Peruvian "
        "companies that deal with Chilean manufacturers, such as those in the electronics "
        "industry, could feel the effects.",
    )
    assert [d.kind for d in deals] == ["measure"]


def test_a_sign_of_warming_ties_is_no_agreement_signed():
    deals = deals_of(
        "Peru eases curbs on copper exports to Chile",
        "In a sign of warming relations between the two governments, Peru lifted its export "
        "restrictions on copper bound for Chile.",
    )
    assert [(d.kind, d.stage) for d in deals] == [("measure", "lifted")]


def test_sides_that_sign_a_deal_still_sign_it():
    deals = deals_of(
        "Peru and Chile sign trade pact",
        "There are signs that ties are warming: Peru and Chile signed a free trade agreement on "
        "Monday.",
    )
    assert [(d.kind, d.stage) for d in deals] == [("agreement", "signed")]
