"""Stages as a reader of the story would file them: the main deal's stage and the quote kept.

Each test is a short story written for it; each pins down one kind of statement that used to be
read as the wrong stage.
"""

import datetime

import pytest

from deals.extraction import extract

from .stories import DAY, deals_of, main_deal, stage_of


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "US and China pause port fees",
            "Washington agreed with Beijing to put on hold for a year the port fees it charges "
            "Chinese-built ships, and China will suspend its own port fees on US vessels.",
        ),
        (
            "Exporters get a reprieve",
            "India has suspended for a year the export duty on onions it imposed in 2023, the "
            "trade ministry said on Monday.",
        ),
    ],
)
def test_a_measure_paused_or_suspended_is_suspended_not_imposed(title, body):
    assert stage_of(title, body) == ("measure", "suspended")


def test_a_ban_extended_stays_imposed():
    kind, stage = stage_of(
        "Jakarta extends nickel ore export ban",
        "Indonesia extended its ban on nickel ore exports for another five years, the energy "
        "ministry said.",
    )
    assert (kind, stage) == ("measure", "imposed")


def test_a_ruling_against_a_ban_does_not_lift_it():
    kind, stage = stage_of(
        "Panel finds Indonesia's nickel ore export ban breaks trade rules",
        "A WTO panel found on Wednesday that Indonesia's ban on nickel ore exports, in force "
        "since 2020, breaches global trade rules. The report urged Indonesia to bring its "
        "measures into line with the GATT, a pact that encourages trade by removing barriers. "
        "Jakarta said it would appeal.",
    )
    assert (kind, stage) == ("measure", "imposed")


def test_a_court_striking_down_tariffs_lifts_them():
    assert stage_of(
        "Global tariffs struck down by Supreme Court",
        "The Supreme Court on Friday struck down the sweeping tariffs the US president imposed "
        "on imports from most countries last year.",
    ) == ("measure", "lifted")


def test_a_decision_to_stop_exports_already_taken_is_imposed():
    assert stage_of(
        "Indonesia stands by its nickel appeal",
        "Indonesia's decision to stop exports of unprocessed nickel ore has irritated the "
        "European Union, officials said.",
    ) == ("measure", "imposed")


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "Copper fund launched by Chile and Qatar",
            "The $2 billion copper fund agreed between Chile and Qatar is now fully operational, "
            "the two governments said.",
        ),
        (
            "First LNG shipment under US-India supply deal arrives",
            "The first cargo of liquefied natural gas under the long-term supply deal signed "
            "last year between GAIL India and Cheniere Energy arrived at Dabhol on Friday.",
        ),
        (
            "UAE-India CEPA: first duty-free gold arrives",
            "Jewellers in Dubai took delivery of the first gold consignments shipped from India "
            "under the trade agreement, which went live on May 1.",
        ),
    ],
)
def test_a_deal_operating_or_delivering_is_implemented(title, body):
    assert stage_of(title, body) == ("agreement", "implemented")


def test_a_company_that_declined_to_comment_on_rumours_is_rumoured():
    assert stage_of(
        "Glencore eyes stake in Chilean lithium miner",
        "Glencore is weighing a stake in SQM, according to people familiar with the matter. "
        "Glencore declined to comment on the rumours.",
    ) == ("agreement", "rumoured")


def test_a_story_about_a_report_of_talks_is_rumoured():
    assert stage_of(
        "Lithium miner jumps on report government wants a stake",
        "Shares of Lithium Americas jumped on Wednesday after a report that the US government "
        "wants an equity stake, citing two people with knowledge of the matter. The company "
        "said it was holding talks with the Department of Energy about its loan.",
    ) == ("agreement", "rumoured")


@pytest.mark.parametrize(
    "title",
    [
        "US team to visit New Delhi for sixth round of trade talks",
        "India and the UK open second round of free trade negotiations",
        "EU and Indonesia trade talks enter final stretch",
    ],
)
def test_rounds_and_late_talks_are_negotiating(title):
    assert stage_of(title, "Officials from both sides will meet in the capital.") == (
        "agreement",
        "negotiating",
    )


def test_agreeing_to_start_talks_is_negotiating_not_a_framework():
    assert stage_of(
        "Four countries to start CPTPP membership talks",
        "Countries that have signed the CPTPP trade pact agreed on Friday to start membership "
        "talks with Indonesia, the Philippines, the UAE and Uruguay.",
    ) == ("agreement", "negotiating")


def test_signing_terms_of_reference_to_launch_talks_is_negotiating():
    assert stage_of(
        "India, GCC sign terms of reference to formally launch trade talks",
        "India and the Gulf Cooperation Council signed terms of reference on Thursday to "
        "formally launch negotiations on a free trade agreement.",
    ) == ("agreement", "negotiating")


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "India says no to RCEP trade pact",
            "India will stay out of the Regional Comprehensive Economic Partnership, Prime "
            "Minister Modi told leaders in Bangkok.",
        ),
        (
            "Canada and India trade talks terminated",
            "Canada said on Monday that its free trade talks with India were terminated after a "
            "diplomatic row.",
        ),
        (
            "Australia walks away from EU trade deal",
            "Australia walked away from free trade negotiations with the European Union on "
            "Sunday after a dispute over beef and sugar quotas.",
        ),
        (
            "ADNOC ditches $19bn takeover bid for Santos",
            "A consortium led by ADNOC has withdrawn its takeover offer for Australian gas "
            "producer Santos.",
        ),
    ],
)
def test_talks_ended_or_refused_are_collapsed(title, body):
    assert stage_of(title, body) == ("agreement", "collapsed")


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "Italy pulls out of China's Belt and Road Initiative",
            "Italy has formally told Beijing it is leaving the Belt and Road Initiative. In 2019 "
            "Italy signed a memorandum of understanding to join the project.",
        ),
        (
            "China cancels US wheat purchases",
            "Chinese buyers cancelled purchases of 500,000 tonnes of US wheat signed last year, "
            "traders said.",
        ),
        (
            "Aramco supply deal scrapped",
            "A 20-year LNG supply agreement signed by Aramco and Sempra in 2023 has been "
            "scrapped, the companies said on Tuesday.",
        ),
    ],
)
def test_a_deal_dropped_after_signing_is_cancelled(title, body):
    assert stage_of(title, body) == ("agreement", "cancelled")


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "'Mother of all' trade deals concluded, says EU",
            "Europe and India have wrapped up negotiations on a free trade agreement. The signing "
            "of the deal may be six months away. Talks started in 2007 and were suspended in 2013.",
        ),
        (
            "India-UAE trade negotiations complete, pact could be signed soon",
            "The UAE ambassador said the two countries have settled every element of the trade "
            "agreement, which is to be signed very soon.",
        ),
    ],
)
def test_concluded_negotiations_are_a_framework_not_a_signature(title, body):
    assert stage_of(title, body) == ("agreement", "framework")


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "European Parliament approves Mercosur trade deal",
            "The trade agreement between the European Union and Mercosur was approved by "
            "parliament on Wednesday.",
        ),
        (
            "EU parliament ratifies New Zealand trade deal",
            "The European Parliament ratified the free trade agreement with New Zealand.",
        ),
        (
            # A state's fund buying into a firm (one firm buying another is a takeover, not a
            # trade deal).
            "Khazanah closes its purchase of a stake in Lynas' rare earths unit",
            "Khazanah completed the acquisition of a stake in the rare earths business of Lynas, "
            "the companies said.",
        ),
    ],
)
def test_approvals_ratifications_and_closings_are_in_force(title, body):
    assert stage_of(title, body) == ("agreement", "in_force")


def test_a_truce_extended_stays_suspended():
    assert stage_of(
        "US and China extend tariff truce by 90 days",
        "The United States and China extended their pause on higher tariffs for another 90 "
        "days on Monday.",
    ) == ("measure", "suspended")


def test_a_deal_won_is_signed():
    assert stage_of(
        "MP Materials wins multibillion Pentagon deal",
        "MP Materials and the US Department of Defense have formed a public-private partnership "
        "to build a domestic rare earth magnet supply chain.",
    ) == ("agreement", "signed")


def test_an_order_raising_tariffs_is_a_measure_not_a_signed_deal():
    assert stage_of(
        "Trump signs order raising tariffs on Brazil to 50%",
        "US President Donald Trump on Wednesday signed a new executive order raising tariffs "
        "on Brazilian goods to 50%.",
    ) == ("measure", "imposed")


def test_tariffs_a_country_still_faces_are_imposed():
    assert stage_of(
        "Brazil's coffee still faces 40% US tariffs despite cuts",
        "Last week the US president scrapped tariffs on coffee from many countries. In July he "
        "imposed an additional 40% tariff on Brazilian goods.",
    ) == ("measure", "imposed")


def test_a_deal_at_risk_is_stalled():
    assert stage_of(
        "US-Indonesia trade deal at risk after Jakarta backtracks",
        "A US official said the trade pact reached with Indonesia in July risks falling apart.",
    ) == ("agreement", "stalled")


def test_the_quote_is_the_body_sentence_that_states_the_stage():
    deal = main_deal(
        "Chile and India sign trade pact",
        "Trade between the two countries reached $3 billion last year. Chile and India signed a "
        "comprehensive economic partnership agreement in Santiago on Monday.",
    )
    assert deal.stage == "signed"
    assert deal.stage_quote.startswith("Chile and India signed a comprehensive")


def test_the_headline_is_quoted_when_the_body_does_not_state_the_stage():
    deal = main_deal(
        "Chile and India sign trade pact",
        "The comprehensive economic partnership agreement covers copper and fruit.",
    )
    assert deal.stage == "signed"
    assert deal.stage_quote == "Chile and India sign trade pact"


# -- the main deal and no extra deals from background -------------------------------------------


def test_a_deal_that_lifts_trade_adds_no_lifted_measure():
    result = extract(
        "UAE and Turkey trade pact enters into force",
        "The trade agreement between the United Arab Emirates and Turkey entered into force on "
        "Saturday. It aims to lift non-oil trade between the two countries to $40 billion and "
        "cuts import duties on most goods.",
        DAY,
    )
    assert [(d.kind, d.stage) for d in result.deals] == [("agreement", "in_force")]


def test_a_tariff_a_country_usually_charges_is_not_a_measure_of_the_story():
    result = extract(
        "Japan and GCC to resume free trade talks",
        "Japan and the Gulf Cooperation Council will hold talks next year on a free trade "
        "agreement. GCC countries generally levy a 5% tariff on imports.",
        DAY,
    )
    assert [(d.kind, d.stage) for d in result.deals] == [("agreement", "talks")]


def test_countries_without_a_trade_agreement_add_no_agreement_to_a_measure_story():
    result = extract(
        "Mexico approves 50% tariff hike on Chinese imports",
        "Mexico's Senate approved on Wednesday tariffs of up to 50% on imports of cars and steel "
        "from China. The duties hit countries that do not have a trade agreement with Mexico.",
        DAY,
    )
    assert [d.kind for d in result.deals] == ["measure"]


@pytest.mark.parametrize(
    "body",
    [
        "Trade has grown by a third since the trade agreement was signed in February, the UAE "
        "envoy said on Monday. The pact entered into force in May.",
        "Speaking in Scotland on Sunday, after senior-level talks with the European Commission "
        "president, Trump announced a trade agreement under which US tariffs on EU goods will "
        "be fixed at 15%.",
    ],
)
def test_a_clause_opened_by_since_or_after_is_background(body):
    deal = main_deal("US and EU trade deal", body)
    assert deal.stage not in {"signed", "talks"}


def test_a_wto_panel_striking_down_a_ban_does_not_lift_it():
    assert stage_of(
        "WTO panel strikes down Indonesia's nickel ore export ban",
        "A World Trade Organization panel struck down Indonesia's ban on nickel ore exports on "
        "Wednesday. The ban, in force since 2020, remains in place while Jakarta appeals.",
    ) == ("measure", "imposed")


@pytest.mark.parametrize(
    "title",
    [
        "EU lawmakers approve Mercosur trade pact",
        "Chile's Congress gives the green light to trade agreement with India",
    ],
)
def test_a_deal_approved_in_a_headline_is_in_force(title):
    body = "The agreement cuts tariffs on copper, fruit and wine."
    assert stage_of(title, body) == ("agreement", "in_force")


def test_a_green_light_withheld_from_talks_is_no_stage_change():
    assert stage_of(
        "Four countries to start CPTPP membership talks",
        "CPTPP members agreed on Friday to open accession talks with Uruguay and the UAE. The "
        "ministers did not, however, give the green light to talks with China.",
    ) == ("agreement", "negotiating")


def test_a_company_announcing_a_supply_deal_has_signed_it():
    assert stage_of(
        "Albemarle and Ford supply deal",
        "Albemarle announced a lithium supply agreement with Ford on Tuesday covering 100,000 "
        "tonnes of battery-grade lithium hydroxide.",
    ) == ("agreement", "signed")


def test_governments_announcing_a_deal_have_a_framework():
    assert stage_of(
        "US and EU trade deal",
        "The United States and the European Union announced a trade agreement on Sunday that "
        "sets tariffs on most EU goods at 15%.",
    ) == ("agreement", "framework")


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        (
            "EU and Australia trade talks",
            "The European Union and Australia reached a provisional agreement on a free trade "
            "deal on Friday.",
            ("agreement", "framework"),
        ),
        (
            "Rio Tinto lithium supply deal",
            "Rio Tinto entered into a long-term lithium supply agreement with Ford on Monday.",
            ("agreement", "signed"),
        ),
        (
            "India and Oman trade talks",
            "Negotiations on a trade agreement between India and Oman are ongoing, officials said.",
            ("agreement", "negotiating"),
        ),
        (
            "India-EU trade talks",
            "Talks on the trade agreement between India and the European Union have hit a "
            "roadblock over cars and wine.",
            ("agreement", "stalled"),
        ),
        (
            "UK halts trade talks with Israel",
            "Britain halted negotiations on a free trade agreement with Israel on Tuesday.",
            ("agreement", "suspended"),
        ),
        (
            "Santos rejects takeover bid",
            "Australia's Santos rejected the takeover bid from a consortium led by ADNOC.",
            ("agreement", "collapsed"),
        ),
        (
            "Japan's Mitsui backs out of Chile copper deal",
            "Mitsui backed out of the copper supply agreement with Chile's Codelco.",
            ("agreement", "cancelled"),
        ),
    ],
)
def test_common_wire_phrasings_of_agreement_stages(title, body, expected):
    assert stage_of(title, body) == expected


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        (
            "EU launches anti-dumping probe into Chinese steel",
            "The European Commission launched an anti-dumping investigation into imports of "
            "steel from China on Monday.",
            ("measure", "threatened"),
        ),
        (
            "Chinese EVs now face EU tariffs",
            "Electric cars built in China now face EU tariffs of up to 45%, which kicked in on "
            "Wednesday.",
            ("measure", "imposed"),
        ),
    ],
)
def test_common_wire_phrasings_of_measure_stages(title, body, expected):
    assert stage_of(title, body) == expected


def test_a_headline_measure_to_be_lifted_is_the_main_deal_filed_as_lifted():
    result = extract(
        "Trump to lift steel and aluminum tariffs on Canada, Mexico",
        "A deal has been struck under which the US will drop the tariffs it placed on Canadian "
        "and Mexican steel. Canada will scrap the retaliatory duties it imposed on US goods.",
        DAY,
    )
    assert (result.deals[0].kind, result.deals[0].stage) == ("measure", "lifted")


def test_a_first_shipment_still_expected_is_not_implemented():
    deal = main_deal(
        "Cheniere signs LNG supply deal with GAIL",
        "Cheniere Energy signed a 20-year LNG supply agreement with GAIL India on Monday. The "
        "first cargo is expected in 2027.",
    )
    assert deal.stage == "signed"


def test_lawmakers_introducing_a_bill_impose_nothing():
    assert stage_of(
        "Senators seek end to coffee tariffs",
        "A bipartisan group of US senators introduced a bill to abolish the tariffs on coffee "
        "imports from Brazil.",
    ) != ("measure", "imposed")


def test_deals_of_a_kind_named_in_passing_are_not_the_story_s_deal():
    result = extract(
        "Russia restricts uranium deliveries to US",
        "The Russian government has restricted exports of enriched uranium to the United "
        "States. The measure also applies to deliveries under foreign trade deals.",
        DAY,
    )
    assert [d.kind for d in result.deals] == ["measure"]


def test_trade_negotiations_named_in_a_measure_story_are_no_framework():
    result = extract(
        "Mexico raises tariffs on Chinese cars",
        "Mexico raised tariffs on cars from China to 50% on Wednesday, as it holds high-stakes "
        "trade negotiations with Washington.",
        DAY,
    )
    assert ("agreement", "framework") not in [(d.kind, d.stage) for d in result.deals]


def test_a_measure_that_was_in_force_while_something_happened_is_background():
    assert stage_of(
        "Brazilian coffee importers seek refunds",
        "US importers may claim refunds of duties collected while the tariffs on Brazilian coffee "
        "were still in force. The United States lifted the tariffs on Friday.",
    ) == ("measure", "lifted")


@pytest.mark.parametrize(
    ("title", "body", "stage"),
    [
        # "curbs on exports" names the measure; weighing it threatens it.
        (
            "Avalon weighs curbs on cobalt exports to Borduria",
            "Avalon is considering restricting exports of cobalt to Borduria, state media said.",
            ("measure", "threatened"),
        ),
        # Suspending export curbs pauses the measure; it does not stop exports.
        (
            "Avalon suspends cobalt export curbs for a year",
            "Avalon suspended its export controls on cobalt for one year on Thursday, as part of "
            "a truce with Borduria.",
            ("measure", "suspended"),
        ),
        (
            "Avalon suspends ban on cobalt exports to Borduria",
            "Avalon suspended its ban on exports of cobalt to Borduria for a year on Sunday.",
            ("measure", "suspended"),
        ),
        (
            "Trump says he will put 100% tariffs on chips",
            "President Trump said on Wednesday he would put tariffs of about 100% on "
            "semiconductors imported into the United States.",
            ("measure", "threatened"),
        ),
    ],
)
def test_a_measure_named_by_its_noun_is_read_by_what_is_done_to_it(title, body, stage):
    assert stage_of(title, body) == stage


@pytest.mark.parametrize(
    ("title", "body", "stage"),
    [
        # Agreeing to look at a pact is early talks, not a pact agreed.
        (
            "Japan and Brazil agree to explore a free trade pact",
            "Japan and Brazil said on Monday they would study the possibility of a free trade "
            "agreement, in a first step towards formal negotiations.",
            ("agreement", "talks"),
        ),
        # Talks that restart after stalling are negotiations again.
        (
            "Malaysia, EU restart stalled trade talks",
            "Malaysia and the European Union restarted negotiations on a free trade agreement on "
            "Monday after a 12-year hiatus.",
            ("agreement", "negotiating"),
        ),
        (
            "Canada ends trade talks with China",
            "Canada ended exploratory trade talks with China on Monday without a deal, the trade "
            "minister said.",
            ("agreement", "collapsed"),
        ),
    ],
)
def test_what_is_done_to_talks_is_their_stage(title, body, stage):
    assert stage_of(title, body) == stage


@pytest.mark.parametrize(
    "country", ["Indonesia", "China", "India", "Malaysia", "Canada", "Australia"]
)
def test_a_country_whose_name_ends_in_a_lifts_its_ban_like_any_other(country):
    title = f"{country} lifts palm oil export ban"
    body = f"{country} lifted its ban on palm oil exports on Monday."

    assert stage_of(title, body) == ("measure", "lifted")


@pytest.mark.parametrize(
    ("title", "body", "stage"),
    [
        (
            "Avalon seeks trade deal with Southern Market",
            "Avalon is seeking a free trade agreement with Mercosur, its trade minister said on "
            "Monday, ahead of a visit to Brazil.",
            ("agreement", "talks"),
        ),
        (
            "UK-Gulf trade deal delayed again",
            "A free trade agreement between Britain and the Gulf Cooperation Council has been "
            "delayed again over disagreements on investment rules, officials said.",
            ("agreement", "stalled"),
        ),
    ],
)
def test_a_pact_sought_is_talks_and_one_delayed_has_stalled(title, body, stage):
    assert stage_of(title, body) == stage


@pytest.mark.parametrize(
    ("title", "body", "stage"),
    [
        # "duties of up to 38%" is a levy, not a duty of care.
        (
            "EU to slap duties of up to 38% on Chinese electric cars",
            "The European Commission said on Wednesday it would impose provisional duties of up "
            "to 38.1% on imports of electric cars from China from July.",
            ("measure", "threatened"),
        ),
        # Finalising tariffs makes a measure definitive; it is not a deal agreed.
        (
            "EU finalises tariffs on China-made EVs for five years",
            "The European Union confirmed definitive tariffs of up to 35.3% on electric vehicles "
            "imported from China on Tuesday, for five years.",
            ("measure", "imposed"),
        ),
        (
            "Trump signs order implementing Japan trade deal",
            "President Trump signed an executive order on Thursday implementing the trade "
            "agreement with Japan, cutting tariffs on Japanese cars to 15%.",
            ("agreement", "in_force"),
        ),
    ],
)
def test_a_measures_rate_finalising_and_implementing_read_as_editors_file_them(title, body, stage):
    assert stage_of(title, body, datetime.date(2025, 9, 5)) == stage


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "US delays tariffs on EU goods to July",
            "President Trump delayed the 50% tariffs on goods from the European Union until "
            "July 9.",
        ),
        (
            "US holds off on chip tariffs for China",
            "The United States held off on imposing new tariffs on Chinese semiconductors, "
            "officials said on Monday.",
        ),
    ],
)
def test_a_measure_delayed_or_held_off_is_suspended(title, body):
    assert stage_of(title, body) == ("measure", "suspended")


@pytest.mark.parametrize(
    ("title", "body"),
    [
        # The approval is the news, however the deal it approves is named.
        (
            "EU-Chile deal wins European Parliament backing",
            "The European Parliament approved the interim trade agreement with Chile on "
            "Thursday, clearing the way for it to enter into force.",
        ),
        (
            "Trade deal with Chile clears Australian parliament",
            "The upgraded free trade agreement between Australia and Chile cleared parliament on "
            "Thursday, allowing it to take effect next month.",
        ),
    ],
)
def test_a_pact_approved_by_parliament_is_in_force(title, body):
    assert stage_of(title, body) == ("agreement", "in_force")


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "Beijing cuts duties on Australian barley",
            "China cut its anti-dumping duties on Australian barley to 20% on Monday, the "
            "commerce ministry said.",
        ),
        (
            "Levies on Brazilian steel rise to 35%",
            "The levies on steel from Brazil rose to 35% from 25% on Friday, the customs agency "
            "said.",
        ),
    ],
)
def test_a_measure_whose_rate_is_raised_or_lowered_stays_imposed(title, body):
    assert stage_of(title, body) == ("measure", "imposed")


def test_a_rate_a_government_says_would_rise_is_not_yet_imposed():
    _kind, stage = stage_of(
        "Duties on Peruvian grapes would rise to 40%",
        "Chile said the duties on Peruvian grapes would rise to 40% unless talks succeed.",
    )
    assert stage != "imposed"


def test_a_tariff_cut_an_agreement_makes_is_its_term_not_a_measure():
    result = extract(
        "Chile and Peru strike deal to cut tariffs",
        "Chile and Peru reached a trade agreement on Monday. It lowers duties on fruit and "
        "copper, and Peru will cut its tariffs on Chilean wine to 5% next year.",
        DAY,
    )
    assert [(d.kind, d.stage) for d in result.deals] == [("agreement", "framework")]


def test_a_measure_that_expires_is_lifted_and_a_pause_that_expires_brings_it_back():
    assert stage_of(
        "Ghana's ban on cocoa bean exports expires",
        "Ghana's ban on exports of raw cocoa beans lapsed on Sunday, traders said.",
    ) == ("measure", "lifted")
    assert stage_of(
        "Tariffs return as pause ends",
        "The 90-day pause on US tariffs on Vietnamese goods expired on Wednesday, the "
        "White House said.",
    ) == ("measure", "imposed")


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "Ottawa puts counter-tariffs on hold",
            "Canada put its counter-tariffs on US steel on hold for 60 days on Monday, the "
            "finance minister said.",
        ),
        (
            "Washington extends deadline on Brazil tariffs",
            "The United States extended the deadline for higher tariffs on Brazilian goods by "
            "90 days on Thursday.",
        ),
        (
            "Mexico wins reprieve",
            "The United States granted Mexico a 30-day reprieve from its 25% tariffs on Monday.",
        ),
    ],
)
def test_a_measure_held_off_is_suspended(title, body):
    assert stage_of(title, body) == ("measure", "suspended")


def test_a_ban_reinstated_is_imposed():
    assert stage_of(
        "Moscow reinstates diesel export ban",
        "Russia reinstated its ban on diesel exports on Friday to curb domestic prices.",
    ) == ("measure", "imposed")


def test_a_signing_still_expected_is_not_signed():
    assert stage_of(
        "Norway, Thailand wrap up trade deal; signing expected next month",
        "Norway and Thailand have concluded a free trade agreement, officials said.",
    ) == ("agreement", "framework")


def test_the_conclusion_of_talks_announced_is_a_framework():
    assert stage_of(
        "Chile and UAE announce conclusion of trade talks",
        "Chile and the United Arab Emirates announced the conclusion of negotiations on a "
        "comprehensive economic partnership agreement on Tuesday.",
    ) == ("agreement", "framework")


def test_pen_put_to_paper_is_signed():
    assert stage_of(
        "Oman, Peru put pen to trade deal",
        "Oman and Peru put pen to paper on a free trade agreement in Lima on Monday.",
    ) == ("agreement", "signed")


def test_exploring_a_trade_pact_is_early_talks():
    assert stage_of(
        "Vietnam and Chile explore trade pact",
        "Officials from Vietnam and Chile met in Hanoi on Tuesday to explore a free trade "
        "agreement, the foreign ministry said.",
    ) == ("agreement", "talks")


def test_a_round_of_talks_is_negotiating_even_the_first():
    assert stage_of(
        "Oman and Japan hold first round of trade talks",
        "Oman and Japan held a first round of talks on a free trade agreement in Muscat this week.",
    ) == ("agreement", "negotiating")


def test_a_traders_permit_revoked_bars_it_from_the_market():
    assert stage_of(
        "Beijing revokes permits of Australian barley exporter",
        "China revoked the import permit of CBH Group, an Australian barley exporter, on "
        "Friday, citing pests found in its shipments.",
    ) == ("measure", "imposed")


def test_a_ban_a_government_is_considering_is_threatened():
    assert stage_of(
        "Ghana considers cocoa bean export ban",
        "Ghana is considering banning exports of raw cocoa beans from next season, the "
        "finance minister said.",
    ) == ("measure", "threatened")


def test_agreement_reached_without_an_article_is_a_framework():
    assert stage_of(
        "Korea's trade minister says tariff talks with US reach agreement",
        "South Korea and the United States have reached agreement on tariffs, South Korea's "
        "trade minister told reporters in Washington on Wednesday.",
    ) == ("agreement", "framework")


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "Australian barley exports to China plunge under 80% tariff",
            "Australia's barley exports to China fell 90% in May, the first full month under "
            "Beijing's 80% tariff, statistics showed.",
        ),
        (
            "Wine makers hit by Chinese duties",
            "Australian wine makers hit by China's duties on bottled wine are switching to other "
            "markets, industry groups said.",
        ),
    ],
)
def test_a_measure_named_as_a_fact_with_nothing_said_of_it_is_in_effect(title, body):
    assert stage_of(title, body) == ("measure", "imposed")


def test_a_measure_named_only_as_to_come_or_under_inquiry_is_not_in_effect():
    assert (
        stage_of(
            "Duties on Thai sugar would rise to 40%",
            "The Philippines said duties on Thai sugar would rise to 40% unless a deal is reached.",
        )[1]
        != "imposed"
    )
    assert stage_of(
        "Beijing extends anti-dumping probe into Australian barley",
        "China extended its anti-dumping investigation into Australian barley by six months "
        "on Monday.",
    ) == ("measure", "threatened")


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "Peru trade pact approved by lawmakers",
            "Peru's Congress gave its backing to the trade agreement with Korea on Wednesday.",
        ),
        (
            "Chilean lawmakers back Peru deal",
            "Chilean lawmakers voted overwhelmingly to approve the free trade agreement with Peru "
            "on Wednesday.",
        ),
    ],
)
def test_a_legislature_approving_an_agreement_puts_it_in_force(title, body):
    assert stage_of(title, body) == ("agreement", "in_force")


def test_all_outstanding_issues_resolved_is_a_framework():
    assert stage_of(
        "Peru and Korea close trade talks",
        "Peru and South Korea have resolved all outstanding issues in their free trade "
        "agreement, the trade ministry said.",
    ) == ("agreement", "framework")


@pytest.mark.parametrize(
    "title",
    [
        "Ardern reaches 'historic' trade deal with Britain",
        "NZ, UK strike free trade deal",
        "New Zealand seals trade pact with UK",
    ],
)
def test_a_headline_that_drops_the_article_still_reaches_a_deal(title):
    kind, stage = stage_of(
        title,
        "New Zealand and Britain agreed on the terms of a free trade agreement on Wednesday, "
        "Prime Minister Jacinda Ardern said.",
    )
    assert (kind, stage) == ("agreement", "framework")


def test_a_headline_deal_struck_over_a_body_that_says_it_was_signed_is_signed():
    assert stage_of(
        "Peru, Korea strike trade deal",
        "Peru and South Korea signed a free trade agreement in Lima on Monday.",
    ) == ("agreement", "signed")


@pytest.mark.parametrize(
    ("title", "body", "stage"),
    [
        (
            "Beijing announces removal of barley tariffs",
            "China announced the removal of its tariffs on Australian barley on Friday.",
            "lifted",
        ),
        (
            "Washington confirms suspension of Brazil tariffs",
            "The White House confirmed the suspension of the tariffs on Brazilian goods for 30 "
            "days on Monday.",
            "suspended",
        ),
        (
            "Beijing confirms imposition of duties on Australian wine",
            "China confirmed the imposition of anti-dumping duties on Australian wine on Friday.",
            "imposed",
        ),
    ],
)
def test_an_act_on_a_measure_named_by_its_noun_moves_its_stage(title, body, stage):
    assert stage_of(title, body) == ("measure", stage)


def test_a_cut_one_side_makes_after_the_lead_of_its_agreements_story_is_its_term():
    result = extract(
        "Free trade agreement between Chile and Korea comes into force",
        "The free trade agreement between Chile and Korea came into force on Monday.\n\n"
        "Korea lowered its tariff on wine from Chile to 5% from today.",
        DAY,
    )

    assert [(deal.kind, deal.stage) for deal in result.deals] == [("agreement", "in_force")]


def test_a_cut_a_government_makes_on_its_own_is_a_measure_at_its_new_rate():
    assert stage_of(
        "Canada cuts its duty on Chinese steel to 10%",
        "Canada lowered its duty on steel from China to 10% on Monday, officials said.",
    ) == ("measure", "imposed")


def test_a_measure_only_named_further_down_gets_no_stage_of_its_own():
    result = extract(
        "United States cuts its tariff on Brazilian goods to 10%",
        "The United States cut its tariff on goods from Brazil to 10% on Tuesday.\n\n"
        "Brazilian exporters of coffee welcomed the cut but said the duty was still high.",
        DAY,
    )

    assert [(deal.kind, deal.stage) for deal in result.deals] == [("measure", "imposed")]
    assert result.deals[0].parties[0].name == "United States"


def test_a_negotiator_heading_to_tariff_talks_reports_talks_on_a_deal():
    assert stage_of(
        "Korea's trade envoy to fly to Brussels for steel tariff talks",
        "South Korea's trade minister will travel to Brussels this week to hold talks with the "
        "European Union on the 25% duties it imposed on Korean steel, officials said on Monday.",
    ) == ("agreement", "talks")


def test_tariffs_eased_are_lifted():
    assert stage_of(
        "Indonesia eases tariffs on Australian beef",
        "Indonesia eased its tariffs on beef from Australia on Wednesday, the trade ministry said.",
    ) == ("measure", "lifted")


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "Canada decides to suspend counter-tariffs on US goods",
            "Canada decided on Monday to suspend its 25% counter-tariffs on goods from the "
            "United States, the finance minister said.",
        ),
        (
            "Ottawa says US will hold off on lumber tariffs for at least 30 days",
            "The 25% tariffs that Washington imposed on Canadian lumber will be put on hold for "
            "at least 30 days, the prime minister said on Monday.",
        ),
    ],
)
def test_a_suspension_decided_or_announced_for_a_stated_time_is_suspended(title, body):
    assert stage_of(title, body) == ("measure", "suspended")


@pytest.mark.parametrize(
    "title",
    [
        "Biden signs executive order implementing trade pact with Kenya",
        "Biden signs order putting US-Kenya trade pact into effect",
        "Biden signs order giving effect to trade pact with Kenya",
        "Biden signs order to implement trade pact with Kenya",
    ],
)
def test_an_order_implementing_an_agreement_puts_the_agreement_in_force(title):
    assert stage_of(
        title,
        "The order sets a 10% tariff on most goods from Kenya, the White House said on Monday.",
    ) == ("agreement", "in_force")


def test_negotiations_between_two_sides_terminated_have_collapsed():
    assert stage_of(
        "Negotiations between Canada and Ecuador on a trade pact terminated",
        "Canada said on Friday that the free trade talks with Ecuador were over.",
    ) == ("agreement", "collapsed")


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        (
            "Italy agrees to withdraw from China trade pact",
            "Italy agreed on Monday to withdraw from its trade agreement with China.",
            ("agreement", "cancelled"),
        ),
        (
            "Vietnam and Canada are negotiating a trade deal",
            "Vietnam and Canada are negotiating a free trade agreement, officials said on Monday.",
            ("agreement", "negotiating"),
        ),
        (
            "Negotiators from Peru and Chile meet on trade pact",
            "Negotiators from Peru and Chile met in Lima on Monday to work on the trade pact.",
            ("agreement", "negotiating"),
        ),
        (
            "Chinese firm's Brazil nickel mine purchase closed",
            "China's CMOC said the purchase of a stake in a Brazilian nickel mine from Brazil's "
            "Vale has closed.",
            ("agreement", "in_force"),
        ),
        (
            "Letter of intent on lithium supply between Chile and Germany",
            "Chile and Germany have a letter of intent on lithium supply, the ministry said.",
            ("agreement", "framework"),
        ),
        (
            "Definitive agreements for Peru copper stake",
            "China's Zijin and Peru's government executed definitive documents for the copper "
            "project.",
            ("agreement", "signed"),
        ),
    ],
)
def test_everyday_words_for_agreement_stages(title, body, expected):
    assert stage_of(title, body) == expected


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        (
            "EU announces imposition of tariffs on Chinese EVs",
            "The European Union announced the imposition of 35% tariffs on electric vehicles "
            "from China.",
            ("measure", "imposed"),
        ),
        (
            "Canada launches probe into Chinese steel dumping",
            "Canada launched an investigation into steel imports from China on Monday amid "
            "concerns over tariffs.",
            ("measure", "threatened"),
        ),
        (
            "China drafts rules on tariffs for US farm goods",
            "China published draft regulations on tariffs on farm goods from the United States.",
            ("measure", "threatened"),
        ),
        (
            "Biden signs proclamation on steel from Mexico",
            "Joe Biden signed a proclamation on Monday on 25% tariffs on steel imports from "
            "Mexico.",
            ("measure", "imposed"),
        ),
        (
            "China decides to remove tariffs on Australian wine",
            "China decided on Friday to remove its tariffs on wine from Australia.",
            ("measure", "lifted"),
        ),
    ],
)
def test_everyday_words_for_measure_stages(title, body, expected):
    assert stage_of(title, body) == expected


def test_a_pact_one_side_proposes_is_early_talks():
    assert stage_of(
        "Japan proposes trade pact with Mexico",
        "Japan proposed a free trade agreement to Mexico on Monday, the foreign ministry said.",
    ) == ("agreement", "talks")


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        (
            "Peru and Korea set up working group on trade pact",
            "A working group of Peru and South Korea met in Lima on Monday on a free trade "
            "agreement.",
            "negotiating",
        ),
        (
            "Kenya-UK trade pact",
            "Formal negotiations between Kenya and Britain on a trade pact got under way on "
            "Monday.",
            "negotiating",
        ),
        (
            "Ongoing talks on UK-Gulf trade pact",
            "Britain and the Gulf Cooperation Council are holding ongoing negotiations on a "
            "trade agreement.",
            "negotiating",
        ),
        (
            "Japan proposed a trade pact to Mexico",
            "Japan proposed a free trade agreement to Mexico on Monday.",
            "talks",
        ),
        (
            "Albemarle and Chile's Codelco: supply pact",
            "Albemarle executed a supply agreement with Chile's Codelco on Monday.",
            "signed",
        ),
        (
            "UK-Australia trade deal wins parliamentary backing",
            "The free trade agreement between Britain and Australia won parliamentary backing "
            "in Canberra on Monday.",
            "in_force",
        ),
        (
            "Tianqi stake in Chile's SQM",
            "China's Tianqi announced the completion of its purchase of a 24% stake in Chile's "
            "lithium miner SQM under the investment agreement.",
            "in_force",
        ),
    ],
)
def test_everyday_words_for_how_far_an_agreement_has_come(title, body, expected):
    assert stage_of(title, body) == ("agreement", expected)


@pytest.mark.parametrize(
    "body",
    [
        "China's CATL broke ground on its battery plant in Hungary under its supply deal with "
        "Germany's BMW.",
        "The lithium plant of the joint venture between Chile's SQM and China's Tianqi entered "
        "commercial production on Monday.",
        "The lithium plant of the joint venture between Chile's SQM and China's Tianqi is now "
        "in commercial operation.",
        "The LNG train built under the partnership between QatarEnergy and China's Sinopec "
        "came online on Monday.",
        "Morocco's king inaugurated the battery plant built under the joint venture of "
        "Morocco's Managem and China's BTR on Monday.",
        "Morocco's Managem and China's BTR opened the battery plant of their joint venture on "
        "Monday.",
    ],
)
def test_a_plant_built_or_running_under_a_deal_is_implemented(body):
    assert stage_of("Battery and energy ventures", body) == ("agreement", "implemented")


def test_a_denial_set_off_by_an_aside_still_denies():
    assert stage_of(
        "Chile and UAE trade pact",
        "Chile and the UAE did not, however, sign the trade agreement on Monday, officials said.",
    ) != ("agreement", "signed")


def test_the_main_clause_of_an_if_sentence_is_not_a_fact():
    assert stage_of(
        "Chile-India trade pact",
        "If parliament ratifies the pact, it enters into force on January 1, the trade ministry "
        "of Chile said of its deal with India.",
    ) != ("agreement", "in_force")


@pytest.mark.parametrize(
    "title",
    ["India-EU FTA talks", "Trade deal negotiations between UK and India"],
)
def test_a_deal_named_before_talks_is_being_talked_about(title):
    assert stage_of(
        title,
        "India met the European Union and Britain in Delhi on Monday. Officials of the sides "
        "discussed market access for cars.",
    ) == ("agreement", "talks")


@pytest.mark.parametrize(
    "title",
    [
        "Glencore announces framework agreement with Codelco",
        "BHP announces supply arrangement with China's Baowu",
    ],
)
def test_a_company_announcing_a_framework_or_arrangement_has_not_signed_a_contract(title):
    assert stage_of(
        title, "The two companies announced the agreement on copper supply on Monday."
    ) == ("agreement", "framework")


def test_a_government_agreeing_to_extend_its_own_ban_decides_a_measure_not_a_deal():
    deals = deals_of(
        "Chile to keep curbs on Peruvian potatoes",
        "SANTIAGO - The Chilean government agreed on Monday to extend a ban on imports of "
        "Peruvian potatoes until the end of the year.",
    )
    assert [(d.kind, d.stage) for d in deals] == [("measure", "threatened")]
    assert {p.name: p.role for p in deals[0].parties} == {"Chile": "imposing", "Peru": "targeted"}


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "Zambia announces restrictions on maize exports",
            "The Zambian government on Tuesday announced restrictions on exports of maize "
            "because a dry spell could hurt the harvest.",
        ),
        (
            "Kenya unveils ban on used clothing imports",
            "Kenya's trade ministry unveiled a ban on imports of used clothing on Monday, saying "
            "local textile makers needed protection.",
        ),
    ],
)
def test_a_measure_a_government_announces_is_in_effect(title, body):
    assert stage_of(title, body) == ("measure", "imposed")


def test_a_measure_announced_to_apply_from_a_later_date_is_threatened():
    assert stage_of(
        "Kenya announces ban on used clothing imports",
        "Kenya's trade ministry announced a ban on imports of used clothing that will apply "
        "from July 1, saying local textile makers needed protection.",
    ) == ("measure", "threatened")


def test_a_measure_announced_and_still_to_come_is_threatened():
    assert stage_of(
        "Canada hits back at US",
        "Ottawa announced 25% tariffs on imports from the US in retaliation on Saturday, due to"
        " be imposed on Tuesday.",
    ) == ("measure", "threatened")


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        (
            "Mercosur and EFTA conclude free trade negotiations",
            "The negotiations on a free trade agreement between Mercosur and the European Free"
            " Trade Association ended in Buenos Aires on Friday after ten rounds.",
            ("agreement", "framework"),
        ),
        (
            "Chile and India conclude fourth round of trade talks",
            "Chile and India concluded the fourth round of negotiations on a comprehensive"
            " economic partnership agreement in Santiago on Friday.",
            ("agreement", "negotiating"),
        ),
    ],
)
def test_negotiations_concluded_are_a_framework_but_a_round_concluded_is_not(title, body, expected):
    assert stage_of(title, body) == expected


def test_talks_concluded_without_a_deal_are_no_framework():
    kind, stage = stage_of(
        "UK and Gulf states conclude two days of trade talks without a deal",
        "Britain and the Gulf Cooperation Council concluded two days of free trade talks in"
        " Riyadh on Tuesday without an agreement.",
    )
    assert (kind, stage) != ("agreement", "framework")


def test_a_signing_told_in_a_relative_clause_of_an_earlier_deal_is_background():
    assert stage_of(
        "Angola, Zambia and Congo sign memorandum on rail corridor",
        "The memorandum, agreed in Luanda on Monday, builds on the transit agreement that the"
        " three governments signed in January.",
    ) == ("agreement", "framework")


@pytest.mark.parametrize(
    "title",
    [
        "Russia adds four countries to its food import ban",
        "Ottawa adds steel to its embargo on Russian goods",
    ],
)
def test_countries_or_goods_added_to_a_ban_are_under_a_measure_imposed(title):
    assert stage_of(
        title, "The new entries are covered from today, the prime minister said on Thursday."
    ) == ("measure", "imposed")


def test_a_first_shipment_a_measure_lets_through_is_no_agreement():
    deals = deals_of(
        "Japan clears first hydrogen fluoride shipment to South Korea",
        "Four months after announcing export curbs on three chip materials bound for South"
        " Korea, Japan has for the first time allowed the export of hydrogen fluoride, one of the"
        " restricted materials, to Seoul.",
    )
    assert [d.kind for d in deals] == ["measure"]


def test_a_measure_announced_months_before_is_in_effect():
    assert stage_of(
        "Japan clears first hydrogen fluoride shipment to South Korea",
        "Four months after announcing export curbs on three chip materials bound for South"
        " Korea, Japan has for the first time allowed the export of hydrogen fluoride, one of the"
        " restricted materials, to Seoul.",
    ) == ("measure", "imposed")


def test_a_framework_agreement_signed_is_a_framework():
    assert stage_of(
        "China fund to invest $3 billion in Indonesia's sovereign fund",
        "China's Silk Road Fund has signed a framework agreement to invest as much as 20 billion"
        " yuan in the Indonesia Investment Authority, the two funds said on Monday.",
    ) == ("agreement", "framework")


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "Ghana to allow duty-free imports of rice",
            "The Ghanaian government will let traders import 300,000 tonnes of rice duty free "
            "to ease a food deficit after a poor harvest. The duty waiver runs until June.",
        ),
        (
            "Nigeria waives import duty on wheat",
            "Nigeria has granted an import duty waiver on wheat for six months, the finance "
            "ministry said on Tuesday.",
        ),
    ],
)
def test_a_duty_waived_for_a_window_of_imports_is_suspended(title, body):
    assert stage_of(title, body) == ("measure", "suspended")
    assert extract(title, body).relevant


def test_a_tax_lifted_by_some_points_is_raised_not_removed():
    assert stage_of(
        "India steeply raises its import tax on edible oils",
        "India has lifted the basic import tax on crude and refined edible oils by 20 percentage "
        "points to protect farmers, the government said on Friday.",
    ) == ("measure", "imposed")


def test_a_government_threatening_to_block_or_that_would_limit_imports_threatens_a_ban():
    for verb in ("threatened to block", "said it would limit"):
        title, body = (
            "Tanzania warns Malawi over farm trade",
            f"Tanzania {verb} imports of farm produce from Malawi and South Africa unless "
            "both lift their curbs on Tanzanian goods.",
        )
        deal = main_deal(title, body)
        assert (deal.kind, deal.stage) == ("measure", "threatened"), verb
        assert {p.name: p.role for p in deal.parties}["Tanzania"] == "imposing", verb


@pytest.mark.parametrize(
    "body",
    [
        "Malaysia is about to lift its ban on exporting chickens to Singapore.",
        "Malaysia will lift its ban on exporting chickens to Singapore tomorrow.",
        "Malaysia will lift its ban on chicken exports to Singapore from October 11.",
    ],
)
def test_a_measures_end_scheduled_or_given_its_day_is_the_news(body):
    assert stage_of("Chicken trade resumes", body) == ("measure", "lifted")


def test_a_deadline_for_another_government_to_lift_its_ban_does_not_lift_it():
    found = deals_of(
        "Malawi plays down row with Tanzania",
        "The deadline Tanzania set for Malawi to lift its import ban runs out today, and "
        "Tanzania has warned it will ban imports of Malawian goods.",
    )
    assert all(deal.stage != "lifted" for deal in found)


def test_a_government_that_decided_to_block_imports_has_imposed_a_ban():
    assert stage_of(
        "Malawi blocks Tanzanian flour",
        "Malawi decided to block imports of Tanzanian goods such as flour, rice and maize.",
    ) == ("measure", "imposed")
