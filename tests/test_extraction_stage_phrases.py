"""The stage vocabulary: for each stage, the phrases news uses for it, in the headline forms that
drop articles and auxiliaries ("Talks stall", "Ban lifted") and in the body's full and passive
sentences, and the same phrases negated, hypothetical or said of something else, which must not
count.

Every story is a short one written for these tests.
"""

import pytest

from deals.extraction import extract

from .stories import DAY, main_deal, stage_of

AGREEMENT_BODY = "The free trade agreement between Chile and India covers copper, fruit and wine."
MEASURE_BODY = "The duties apply to steel and aluminium from China and Vietnam."
AGREEMENT_TITLE = "Chile-India trade pact"
MEASURE_TITLE = "US steel tariffs on China"


def headline(title, stage, kind="agreement"):
    body = AGREEMENT_BODY if kind == "agreement" else MEASURE_BODY
    return pytest.param(title, body, (kind, stage), id=title)


def sentence(body, stage, kind="agreement"):
    title = AGREEMENT_TITLE if kind == "agreement" else MEASURE_TITLE
    return pytest.param(title, body, (kind, stage), id=body[:60])


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        # Rumoured: a headline that cites sources or a report, "said to be", "understood to
        # be", sources cited by a newspaper, a denial.
        headline("Chile said to be in talks with India on trade pact", "rumoured"),
        headline("Chile, India in talks over trade pact - sources", "rumoured"),
        headline("Chile and India in secret talks on trade pact, report says", "rumoured"),
        headline("Chile, India mulling trade pact, insiders say", "rumoured"),
        headline("Chile denies trade pact talks with India", "rumoured"),
        sentence(
            "Chile is understood to be in talks with India on a free trade agreement.", "rumoured"
        ),
        sentence(
            "Chile and India are in talks on a free trade agreement, a newspaper reported, "
            "citing people briefed on the matter.",
            "rumoured",
        ),
        # Preliminary talks: discussed, eyed, approached, exploratory.
        headline("Chile, India discuss free trade agreement", "talks"),
        headline("Chile eyes trade deal with India", "talks"),
        headline("Chile and India hold exploratory talks on trade pact", "talks"),
        headline("Chile weighing free trade deal with India", "talks"),
        sentence("Chile has approached India about a free trade agreement.", "talks"),
        sentence("Chile and India met to discuss a possible free trade agreement.", "talks"),
        # Negotiating: launched, resumed, closing in, progress, told with the talks first.
        headline("Chile and India launch trade pact negotiations", "negotiating"),
        headline("Chile-India trade talks resume", "negotiating"),
        headline("Chile-India trade talks kick off in Santiago", "negotiating"),
        headline("Chile and India negotiate free trade agreement", "negotiating"),
        headline("Chile and India edge closer to trade deal", "negotiating"),
        sentence(
            "Chile and India talked for a week, and several sticking points had to be overcome "
            "before the free trade agreement could be reached.",
            "negotiating",
        ),
        headline("Chile, India close in on trade pact", "negotiating"),
        headline("Chile and India make progress in trade talks", "negotiating"),
        sentence(
            "Negotiations on the free trade agreement between Chile and India were launched in "
            "March.",
            "negotiating",
        ),
        sentence(
            "Chile and India reopened negotiations on a free trade agreement on Monday.",
            "negotiating",
        ),
        sentence(
            "Talks between Chile and India on a free trade agreement are progressing well.",
            "negotiating",
        ),
        # Agreed in principle: sealed, preliminary, in principle, a memorandum of cooperation.
        headline("EU, Mercosur seal trade pact", "framework"),
        headline("Chile and India reach preliminary trade deal", "framework"),
        headline("Chile and India agree free trade pact in principle", "framework"),
        sentence(
            "Chile and India signed a memorandum of cooperation on a free trade agreement.",
            "framework",
        ),
        # Signed.
        headline("Chile-India trade deal inked", "signed"),
        sentence("Chile and India put pen to paper on a free trade agreement.", "signed"),
        # In force: passed, backed by lawmakers, rubber-stamped, assent.
        headline("Chilean lawmakers back India trade deal", "in_force"),
        headline("Chilean senate passes India trade pact", "in_force"),
        sentence(
            "Chile's Congress rubber-stamped the free trade agreement with India.", "in_force"
        ),
        sentence(
            "The free trade agreement between Chile and India received royal assent on Monday.",
            "in_force",
        ),
        headline("Chile and India mark entry into force of trade pact", "in_force"),
        sentence(
            "Exports of copper have doubled since the entry into force of the Chile-India trade "
            "pact.",
            "in_force",
        ),
        # Implemented: production or deliveries begun, told with the noun first.
        sentence(
            "Production started on Monday at the copper plant built under the Chile-India trade "
            "pact.",
            "implemented",
        ),
        sentence(
            "Deliveries under the Chile-India trade agreement began on Monday.", "implemented"
        ),
        # Stalled: in doubt, stuck, a snag, a stalemate, ground to a halt.
        headline("Chile-India trade deal in doubt", "stalled"),
        headline("Chile-India trade talks hit snag", "stalled"),
        headline("Chile-India trade pact stuck", "stalled"),
        headline("Chile-India trade talks reach stalemate", "stalled"),
        headline("Chile-India trade deal in limbo", "stalled"),
        headline("Chile-India trade talks falter", "stalled"),
        sentence(
            "The free trade agreement between Chile and India faces hurdles over dairy.",
            "stalled",
        ),
        sentence(
            "Negotiations on the Chile-India free trade agreement have ground to a halt.",
            "stalled",
        ),
        # Suspended: shelved, postponed, paused.
        headline("Chile shelves trade deal with India", "suspended"),
        headline("Chile-India trade talks postponed", "suspended"),
        headline("Chile-India trade talks paused", "suspended"),
        # Collapsed: the talks first, and a failure to agree.
        headline("Chile-India trade talks collapse", "collapsed"),
        headline("Chile-India trade talks fail", "collapsed"),
        headline("Chile-India trade talks break down", "collapsed"),
        headline("Chile-India trade deal falls through", "collapsed"),
        headline("Chile-India trade talks founder", "collapsed"),
        sentence("Chile and India failed to agree on a free trade agreement.", "collapsed"),
        # Cancelled: quit, annulled, a withdrawal from the pact.
        headline("Chile quits trade pact with India", "cancelled"),
        headline("Chile annuls trade deal with India", "cancelled"),
        sentence(
            "Chile announced its withdrawal from the free trade agreement with India.",
            "cancelled",
        ),
        # Threatened: readied, recommended, drawn up, looming.
        headline("US eyes tariffs on Chinese steel", "threatened", "measure"),
        headline("US recommends tariffs on Chinese steel", "threatened", "measure"),
        headline("US readies tariffs on Chinese steel", "threatened", "measure"),
        # Headlines drop the "is" of "is considering".
        headline("US considering tariffs on Chinese steel", "threatened", "measure"),
        headline("US mulling new tariffs on Chinese steel", "threatened", "measure"),
        headline("US tariffs on Chinese steel loom", "threatened", "measure"),
        sentence("The US is drawing up tariffs on steel from China.", "threatened", "measure"),
        # Imposed: widened, enforced, told with the measure first.
        headline("US widens tariffs on Chinese steel", "imposed", "measure"),
        headline("Tariffs on steel take effect", "imposed", "measure"),
        sentence(
            "Tariffs of 25% on steel from China were imposed by the US on Monday.",
            "imposed",
            "measure",
        ),
        # Lifted: abolished, phased out, ditched, expired, told either way.
        headline("US abolishes tariffs on Chinese steel", "lifted", "measure"),
        headline("US phases out tariffs on Chinese steel", "lifted", "measure"),
        headline("US ditches tariffs on Chinese steel", "lifted", "measure"),
        headline("US tariffs on Chinese steel expire", "lifted", "measure"),
        headline("US tariffs on Chinese steel abolished", "lifted", "measure"),
        sentence(
            "The US tariffs on steel from China were abolished on Monday.", "lifted", "measure"
        ),
        # A measure suspended, told with the measure first.
        headline("US tariffs on Chinese steel delayed", "suspended", "measure"),
        headline("US tariffs on Chinese steel postponed", "suspended", "measure"),
        # A measure halted for a time is paused; one a trade court rules against stays in place.
        headline("US halts tariffs on Chinese steel for 90 days", "suspended", "measure"),
        pytest.param(
            "WTO rules against Mexico beef ban",
            "The World Trade Organization ruled against Mexico's ban on Brazilian beef imports.",
            ("measure", "imposed"),
            id="WTO rules against Mexico beef ban",
        ),
        pytest.param(
            "WTO panel finds against Mexico beef ban",
            "A WTO panel found against Mexico's ban on beef imports from Brazil on Monday.",
            ("measure", "imposed"),
            id="WTO panel finds against Mexico beef ban",
        ),
    ],
)
def test_each_stage_is_read_from_the_phrases_news_uses_for_it(title, body, expected):
    assert stage_of(title, body) == expected


@pytest.mark.parametrize(
    ("title", "body", "not_this"),
    [
        # Negated.
        ("Chile-India trade talks have not collapsed, officials say", AGREEMENT_BODY, "collapsed"),
        (
            AGREEMENT_TITLE,
            "Officials said talks between Chile and India on the free trade agreement had not "
            "stalled.",
            "stalled",
        ),
        ("Chile will not quit trade pact with India", AGREEMENT_BODY, "cancelled"),
        ("US tariffs on Chinese steel will not be lifted", MEASURE_BODY, "lifted"),
        (
            MEASURE_TITLE,
            "The US said its tariffs on steel from China would not be delayed.",
            "suspended",
        ),
        # Still to come.
        (
            AGREEMENT_TITLE,
            "Officials expect the entry into force of the Chile-India trade pact next year.",
            "in_force",
        ),
        # Hypothetical.
        ("Chile-India trade talks could collapse", AGREEMENT_BODY, "collapsed"),
        (
            AGREEMENT_TITLE,
            "Talks between Chile and India on the free trade agreement would stall if dairy is "
            "left out.",
            "stalled",
        ),
        ("US tariffs on Chinese steel may be abolished", MEASURE_BODY, "lifted"),
        (
            MEASURE_TITLE,
            "If the tariffs on steel from China are abolished, prices will fall.",
            "lifted",
        ),
    ],
)
def test_a_stage_phrase_negated_or_hypothetical_does_not_count(title, body, not_this):
    assert stage_of(title, body)[1] != not_this


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        (
            "Chile-India free trade agreement",
            "Protests against the trade pact halted traffic in Santiago on Monday.",
            ("agreement", "framework"),
        ),
        (
            MEASURE_TITLE,
            "Rebates paid to importers under the tariffs expire in June, traders said.",
            ("measure", "imposed"),
        ),
    ],
)
def test_a_deal_named_after_a_preposition_is_not_what_the_verb_speaks_of(title, body, expected):
    assert stage_of(title, body) == expected


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        (
            "Kenya's ban on Ugandan sugar",
            "Sugar exports from Uganda to Kenya collapsed after Kenya banned them in March.",
            ("measure", "imposed"),
        ),
        (
            AGREEMENT_TITLE,
            "Wine exports from Chile to India collapsed last year, traders said. " + AGREEMENT_BODY,
            ("agreement", "framework"),
        ),
        (
            "Chile-India trade pact: wine shipments fall through",
            "Wine shipments from Chile to India fell through last year, the free trade agreement "
            "between them notwithstanding.",
            ("agreement", "framework"),
        ),
    ],
)
def test_goods_trade_or_a_market_that_collapsed_are_no_talks_collapsing(title, body, expected):
    assert stage_of(title, body) == expected


def test_talks_that_collapsed_after_exports_are_named_still_collapsed():
    assert stage_of(
        "Chile-India trade pact talks over wine exports collapse",
        "Talks on a free trade agreement between Chile and India over wine exports collapsed "
        "on Friday.",
    ) == ("agreement", "collapsed")


@pytest.mark.parametrize(
    "title",
    [
        "Kenya suspends duty on sugar imports for a year",
        "Kenya suspends the 25% tariff on Ugandan sugar imports",
    ],
)
def test_a_duty_on_imports_suspended_is_a_measure_paused_not_a_ban(title):
    body = "The duty on sugar imports from Uganda will not be collected for twelve months."
    assert stage_of(title, body) == ("measure", "suspended")


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "Peace talks between Colombia and rebels collapse",
            "The government and the rebel group ended the talks in Havana.",
        ),
        (
            "Colombia peace deal in doubt",
            "The peace agreement between Colombia and the rebels is in doubt after new attacks.",
        ),
        (
            "Greek bailout talks stall",
            "Talks between Greece and its creditors on the bailout have stalled.",
        ),
    ],
)
def test_the_same_phrases_about_talks_that_are_not_about_trade_report_no_deal(title, body):
    assert not extract(title, body, DAY).relevant


def test_a_second_verb_that_shares_its_to_is_still_to_come():
    result = extract(
        "Chile signs free trade agreement with India",
        "Chile and India will sign a free trade agreement today, which is expected to make it "
        "easier for firms to invest and to remove or phase out tariffs on copper and wine. Chile "
        "imposed tariffs on Indian steel last year.",
        DAY,
    )
    assert [(d.kind, d.stage) for d in result.deals] == [
        ("agreement", "signed"),
        ("measure", "imposed"),
    ]


def test_a_measure_said_in_effect_stays_imposed_when_a_later_part_is_still_to_come():
    deal = main_deal(
        "Borduria's ban on Syldavian wheat in force",
        "Borduria's ban on imports of Syldavian wheat, agreed in March, took effect on Monday. "
        "A price cap on Syldavian barley also took effect on Monday and limits sales to other "
        "countries to $60 per tonne. A second cap, on barley malt, will apply from February "
        "2026, the month Borduria's ban on Syldavian flour takes effect.",
    )
    assert (deal.kind, deal.stage) == ("measure", "imposed")


def test_a_measure_in_effect_only_from_a_later_date_is_still_threatened():
    deal = main_deal(
        "Borduria bans Syldavian wheat",
        "Borduria will ban imports of Syldavian wheat, the ministry said. "
        "The ban will apply from February 2026.",
    )
    assert (deal.kind, deal.stage) == ("measure", "threatened")


@pytest.mark.parametrize(
    "title",
    [
        "Borduria to lift import restrictions on Syldavian steel",
        "Borduria to scrap tariffs on Syldavian steel",
        "Borduria will ease import restrictions on Syldavian steel",
        "Borduria to abolish export duties on steel",
    ],
)
def test_an_end_of_a_measure_announced_in_the_headline_is_filed_as_lifted(title):
    deal = main_deal(title, "The restrictions apply to steel and cars from Syldavia.")
    assert (deal.kind, deal.stage) == ("measure", "lifted")


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("Chile's minister walks out on trade talks with India", AGREEMENT_BODY),
        (
            AGREEMENT_TITLE,
            "Chile's trade minister walked out of negotiations on the free trade agreement with "
            "India on Friday, saying a deal was impossible.",
        ),
    ],
)
def test_a_side_walking_out_of_talks_ends_them(title, body):
    assert stage_of(title, body) == ("agreement", "collapsed")


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "Borduria partly eases curbs on steel exports to Syldavia",
            "Borduria has partly lifted its export restrictions on steel bound for Syldavia.",
        ),
        (
            "Borduria trims steel export curbs",
            "Borduria partially relaxed its export restrictions on steel bound for Syldavia on "
            "Monday; the rest stay in place.",
        ),
    ],
)
def test_a_measure_partly_eased_stays_imposed(title, body):
    assert stage_of(title, body) == ("measure", "imposed")
