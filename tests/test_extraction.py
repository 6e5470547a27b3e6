"""The article extractor: pure text in, dataclasses out (no Django, no database)."""

import datetime
import json

import pytest

from deals.extraction import (
    STAGE_SLUGS,
    CommodityEntry,
    Gazetteer,
    PartyEntry,
    check_input,
    document_text,
    extract,
    html_to_text,
    load_taxonomy,
    looks_like_html,
    parse_article_file,
)
from tests.extraction_cases import (
    CASES,
    HTML_ARTICLE,
    LONG_ARTICLES,
    NON_ENGLISH_ARTICLE,
    NON_ENGLISH_HEADLINE,
)

from .stories import DAY, main_deal


def names(deal):
    return [p.name for p in deal.parties]


# -- the labelled cases ---------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_labelled_case_is_read_as_an_editor_would(case):
    published = datetime.date.fromisoformat(case["published"])
    result = extract(case["title"], case["body"], published)
    assert result.relevant is case["relevant"], result.reason
    if not case["relevant"]:
        assert result.deals == []
        assert result.reason
        return
    gold = case["deals"][0]
    deal = result.deals[0]
    assert deal.kind == gold["kind"]
    assert deal.stage in [gold["stage"], *gold.get("alt_stages", [])]
    assert set(gold["parties"]) <= set(names(deal))


@pytest.mark.parametrize("article", LONG_ARTICLES, ids=[a["id"] for a in LONG_ARTICLES])
def test_long_article_main_deal_comes_from_its_headline(article):
    deal = main_deal(article["title"], article["body"])
    # The headline's deal, quoted from the body sentence that states its stage.
    assert deal.stage_quote in article["body"]
    assert deal.stage_quote[:40] in article["body"][:400]


# -- stages: only statements of fact move them ----------------------------------------------------


def test_hypothetical_signing_does_not_move_stage():
    deal = main_deal(
        "Peru and Japan could sign a trade agreement next month",
        "If talks go well, Peru and Japan would sign the agreement in Lima, officials said.",
    )
    assert deal.kind == "agreement"
    assert deal.stage != "signed"


def test_negated_signing_does_not_move_stage():
    deal = main_deal(
        "Kenya has not signed the supply contract with Vitol, ministry says",
        "Kenya's energy ministry said it had not signed any fuel supply contract with Vitol.",
    )
    assert deal.stage != "signed"


def test_dated_future_measure_is_threatened_not_imposed():
    deal = main_deal(
        "New Zealand tariff on Chinese steel wire to take effect on 1 March",
        "A 12% anti-dumping duty on steel wire from China will take effect on 1 March.",
    )
    assert deal.kind == "measure"
    assert deal.stage == "threatened"


def test_measure_in_effect_is_imposed_with_its_stated_date():
    deal = main_deal(
        "South Africa imposes duties on imported poultry",
        "South Africa imposed anti-dumping duties on frozen chicken from Brazil on 3 June.",
        published=DAY,
    )
    assert deal.stage == "imposed"
    assert deal.happened_on == datetime.date(2025, 6, 3)
    assert deal.happened_on_precision == "day"


def test_happened_on_falls_back_to_publication_date_then_none():
    title = "Japan lifts curbs on Korean chip materials"
    assert main_deal(title, published=DAY).happened_on == DAY
    undated = main_deal(title, published=None)
    assert undated.happened_on is None
    assert undated.happened_on_precision is None


def test_talks_that_broke_down_are_collapsed():
    deal = main_deal(
        "Canada-ASEAN trade negotiations break down",
        "Negotiations between Canada and ASEAN broke down on Tuesday over dairy access.",
    )
    assert deal.stage == "collapsed"
    assert {"Canada", "ASEAN"} <= set(names(deal))


def test_mou_signing_is_a_framework_not_a_binding_signature():
    deal = main_deal(
        "Qatar and Pakistan sign MoU on LNG supply",
        "QatarEnergy and Pakistan signed a memorandum of understanding on Monday on future "
        "LNG supplies.",
    )
    assert deal.stage == "framework"


def test_first_shipment_means_implemented():
    deal = main_deal(
        "First cargo of Australian lithium ships to Korea under offtake deal",
        "The first shipment under the offtake agreement between Pilbara Minerals and POSCO left "
        "Port Hedland on Sunday.",
    )
    assert deal.stage == "implemented"


def test_stage_quote_is_the_supporting_sentence():
    body = "Officials met twice. Brazil and Mexico signed a trade agreement on Friday in Brasilia."
    deal = main_deal("Brazil, Mexico seal trade agreement", body)
    assert deal.stage == "signed"
    assert deal.stage_quote in {"Brazil, Mexico seal trade agreement", body.split(". ")[1]}


def test_headline_with_lifted_tariff_and_deal_reports_measure_first():
    result = extract("Washington Lifts 10% Tariff on Swiss Watches in New Trade Deal")
    kinds = [d.kind for d in result.deals]
    assert kinds == ["measure", "agreement"]
    assert result.deals[0].stage == "lifted"
    assert [f.text for f in result.deals[0].figures] == ["10%"]


def test_extended_pause_on_tariffs_is_a_suspension():
    deal = main_deal("Canada extends pause on steel surtax for Korean mills by 60 days")
    assert (deal.kind, deal.stage) == ("measure", "suspended")


def test_denied_report_of_talks_is_a_rumour():
    deal = main_deal("Codelco denies report it is in talks to sell copper stake to Glencore")
    assert (deal.kind, deal.stage) == ("agreement", "rumoured")


def test_tariff_climate_in_a_rates_story_is_not_a_measure():
    result = extract(
        "Bank of Thailand holds rates as tariff uncertainty clouds Thai outlook",
        "The Bank of Thailand kept its policy rate at 1.75% on Wednesday, citing tariff "
        "worries and a strong baht.",
    )
    assert not result.relevant


def test_tariff_cuts_written_into_an_agreement_are_not_a_separate_measure():
    result = extract(
        "Chile and India sign trade agreement",
        "Chile and India signed a comprehensive economic partnership agreement on Monday. The "
        "agreement eliminates tariffs on 90% of Chilean copper and fruit exports to India.",
    )
    assert [d.kind for d in result.deals] == ["agreement"]
    assert "copper" in [c.name for c in result.deals[0].commodities]


def test_stage_slugs_are_the_shared_vocabulary():
    assert STAGE_SLUGS == (
        "rumoured",
        "talks",
        "negotiating",
        "framework",
        "signed",
        "in_force",
        "implemented",
        "threatened",
        "imposed",
        "stalled",
        "suspended",
        "collapsed",
        "cancelled",
        "lifted",
    )


# -- relevance ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headline",
    [
        "Yen Slides to Three-Month Low as Traders Bet Against Rate Hike",
        "Germany's Exports Rise for Second Month on Strong Demand From Asia",
        "Ceasefire Talks Resume in Cairo as Mediators Push for Hostage Deal",
        "Star Midfielder Signs Contract Extension With Italian Club",
        "Chile's Copper Output Falls as Ore Grades Decline",
    ],
)
def test_headline_without_a_trade_deal_is_not_relevant(headline):
    result = extract(headline)
    assert not result.relevant
    assert result.deals == []
    assert result.reason


def test_a_central_bank_holding_rates_after_a_trade_deal_is_not_a_deal_story():
    result = extract("Central Bank of Chile Holds Rates Steady After EU Trade Deal Takes Hold")
    assert not result.relevant
    assert result.deals == []
    assert "central bank" in result.reason


# -- parties --------------------------------------------------------------------------------------


def test_capitals_demonyms_and_short_forms_resolve_to_countries():
    deal = main_deal(
        "Beijing slaps duties on American pork",
        "China imposed tariffs on U.S. pork after Washington raised duties on Chinese goods.",
    )
    assert set(names(deal)) == {"China", "United States"}
    roles = {p.name: p.role for p in deal.parties}
    assert roles["China"] == "imposing"
    assert roles["United States"] == "targeted"


def test_smaller_economies_are_known_by_their_demonyms_and_capitals():
    deal = main_deal(
        "Lilongwe bans exports of Malawian maize to Tanzania",
        "Malawi banned maize exports to Tanzania on Monday.",
    )
    assert set(names(deal)) == {"Malawi", "Tanzania"}
    deal = main_deal(
        "Lithuania lifts ban on Latvian dairy",
        "Vilnius lifted its ban on dairy imports from Riga on Monday.",
    )
    assert set(names(deal)) == {"Latvia", "Lithuania"}


def test_a_us_state_or_a_uk_nation_named_after_a_country_is_not_that_country():
    deal = main_deal(
        "US and UK sign beef deal",
        "The United States and Britain signed a deal on Monday opening Northern Ireland to beef "
        "shipped from New Jersey ports.",
    )
    assert set(names(deal)) == {"United Kingdom", "United States"}


def test_unknown_company_with_corporate_suffix_is_a_party():
    deal = main_deal(
        "Zambia signs copper offtake deal with Brightwater Metals Holdings",
        "Zambia's state miner signed a five-year copper offtake agreement with Brightwater "
        "Metals Holdings on Thursday.",
    )
    found = {p.name: p.kind for p in deal.parties}
    assert found.get("Brightwater Metals Holdings") == "company"


def test_unnamed_state_owned_enterprise_gets_kind_and_country():
    deal = main_deal(
        "Oman in talks with a Chinese state-owned enterprise on green steel plant",
        "Oman is in early talks with a Chinese state-owned enterprise to build a green steel "
        "plant in Duqm.",
    )
    unnamed = [p for p in deal.parties if p.name.endswith("(unnamed)")]
    assert [(p.name, p.kind, p.country) for p in unnamed] == [
        ("Chinese state-owned enterprise (unnamed)", "state_owned_enterprise", "CN")
    ]


def test_known_sovereign_fund_keeps_its_kind():
    deal = main_deal(
        "Mubadala signs deal to invest in Brazilian lithium project",
        "Mubadala signed an agreement on Monday to invest $250 million in a lithium project "
        "in Minas Gerais.",
    )
    assert {p.name: p.kind for p in deal.parties}["Mubadala"] == "sovereign_fund"


def test_competitor_and_minister_are_not_parties():
    deal = main_deal(
        "Vietnam and Japan agree rare earths processing partnership",
        "Vietnam and Japan agreed on Tuesday to build a rare earths processing plant, a move "
        "seen as a challenge to competition from Chinese producer China Northern Rare Earth. "
        "Trade minister Nguyen Van Binh said the partnership was agreed in principle.",
    )
    assert set(names(deal)) == {"Vietnam", "Japan"}


def test_company_left_out_of_a_deal_is_not_a_party():
    deal = main_deal(
        "Vale signs iron ore supply contract with Chinese mills but leaves Baowu out",
        "Vale signed a three-year iron ore supply contract with Ansteel, leaving Baowu out.",
    )
    assert "Vale" in names(deal)
    assert "Baowu" not in names(deal)


def test_countries_named_after_the_lead_as_background_are_not_parties():
    deal = main_deal(
        "Peru and Korea sign free trade pact",
        "Peru and South Korea signed a free trade agreement on Monday, officials said. Peru has "
        "signed similar agreements with Canada, Mexico and Japan over the past decade.",
    )
    assert set(names(deal)) == {"Peru", "South Korea"}


def test_country_that_only_locates_a_plant_is_not_a_party():
    deal = main_deal(
        "Umicore and Toyota sign cathode supply contract",
        "Umicore signed a contract on Monday to supply Toyota with cathode material from a new "
        "plant in Poland's Silesia province, with output also shipped from a site in Finland.",
    )
    assert set(names(deal)) == {"Umicore", "Toyota"}


def test_country_describing_a_company_in_apposition_is_not_a_party():
    deal = main_deal(
        "Glencore signs cobalt offtake with Samsung",
        "Glencore signed a cobalt offtake agreement with Samsung, South Korea's biggest "
        "electronics maker, on Tuesday. Hong Kong-based traders said prices held steady.",
    )
    assert set(names(deal)) == {"Glencore", "Samsung"}
    assert next(p for p in deal.parties if p.name == "Samsung").country == "KR"


def test_unknown_company_name_drops_listing_prefix_and_a_second_owner():
    deal = main_deal(
        "Graphite deal signed",
        "Canadian-listed Northbay Graphite Corp signed a supply contract with Panasonic on "
        "Friday. Separately, state group Volta Minerals and Japan's Kato Metals began talks.",
    )
    assert "Northbay Graphite" in names(deal)
    assert "Canada" not in names(deal)


def test_description_of_a_named_company_is_not_a_second_party():
    deal = main_deal(
        "Toyota in talks with Chilean lithium producer",
        "Toyota is in talks with Chilean lithium producer Andes Salar Minerals over a supply "
        "contract, the companies said.",
    )
    assert "Andes Salar Minerals" in names(deal)
    assert not any(n.endswith("(unnamed)") for n in names(deal))


def test_party_offsets_point_into_the_document_text():
    title = "Indonesia bans bauxite exports"
    body = "Indonesia banned exports of bauxite on Sunday to support smelters in Kalimantan."
    result = extract(title, body, DAY)
    text = document_text(title, body)
    assert text == title + "\n\n" + body
    for party in result.deals[0].parties:
        assert text[party.start : party.end] == party.text
    for figure in result.figures:
        assert text[figure.start : figure.end] == figure.text


# -- commodities and figures ----------------------------------------------------------------------


def test_commodity_aliases_and_coordination_resolve_to_taxonomy_names():
    deal = main_deal(
        "Myanmar restricts exports of light and heavy rare earths",
        "Myanmar restricted exports of light and heavy rare earths and REEs concentrate.",
    )
    found = {c.name for c in deal.commodities}
    assert {"light rare earths", "heavy rare earths", "rare earths"} <= found
    heavy = next(c for c in deal.commodities if c.name == "heavy rare earths")
    assert heavy.parent == "rare earths"
    assert heavy.hs_codes


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("16.1 million metric tons of reserves", 16_100_000.0, "t"),
        ("a $400 million investment", 400_000_000.0, "USD"),
        ("US$1.2bn in loans", 1_200_000_000.0, "USD"),
        ("RM2 billion in funding", 2_000_000_000.0, "MYR"),
        ("€3 billion of imports", 3_000_000_000.0, "EUR"),
        ("500,000 barrels per day of crude", 500_000.0, "bbl/d"),
        ("2 GW of solar capacity", 2.0, "GW"),
        ("a 25% tariff", 25.0, "%"),
        ("5 billion yuan of purchases", 5_000_000_000.0, "CNY"),
        ("duties of 7.5 percent", 7.5, "%"),
    ],
)
def test_figures_are_normalised_with_scale_and_unit(text, value, unit):
    result = extract(f"Thailand and Egypt sign trade deal covering {text}")
    figure = result.figures[0]
    assert (figure.value, figure.unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("worth 2.4 billion pounds a year", 2.4e9, "GBP"),
        ("a 3 mtpa liquefaction train", 3e6, "t/y"),
        ("a 500 ktpa smelter", 5e5, "t/y"),
    ],
)
def test_pound_amounts_and_annual_tonnage_units_are_figures(text, value, unit):
    figures = extract("Deal signed", f"Alpha Mining Corp signed a deal for {text}.").figures
    assert [(f.value, f.unit) for f in figures] == [(value, unit)]


def test_pounds_without_a_scale_are_a_weight_not_money():
    assert extract("Deal signed", "Toyota bought 20 pounds of beef from Ford.").figures == []


def test_figure_says_what_it_measures_and_attaches_to_its_deal():
    deal = main_deal(
        "Kazakhstan signs uranium supply deal with France",
        "Kazakhstan signed a supply agreement with France covering 1,200 tonnes of uranium, "
        "worth about $400 million.",
    )
    whats = {f.text: f.what for f in deal.figures}
    assert whats["$400 million"] == "deal_value"
    assert deal.figures[0].quote.startswith("Kazakhstan signed")


def test_macro_rate_is_a_figure_but_not_the_deals():
    result = extract(
        "Australia and UAE Sign Trade Deal",
        "Australia and the United Arab Emirates signed a comprehensive economic partnership"
        " agreement on Tuesday. The same day the Reserve Bank of Australia held its cash rate"
        " at 3.85%.",
    )
    assert [f.text for f in result.figures] == ["3.85%"]
    assert result.deals[0].figures == []


# -- output shape ---------------------------------------------------------------------------------


def test_to_dict_gives_the_documented_json_shape():
    result = extract(
        "Trump Lifts 25% Tariff on Indonesian Nickel in New Trade Deal",
        "The United States lifted the tariff on Monday.",
        DAY,
    )
    data = json.loads(json.dumps(result.to_dict()))
    assert {"relevant", "title", "reason", "deals"} <= set(data)
    deal = data["deals"][0]
    assert {"kind", "stage", "stage_quote", "parties", "commodities", "figures"} <= set(deal)
    assert {"name", "kind", "role"} <= set(deal["parties"][0])
    assert {"name", "hs_codes"} <= set(deal["commodities"][0])
    assert {"text", "value", "unit", "what"} <= set(deal["figures"][0])
    assert 0.0 <= deal["confidence"] <= 1.0
    assert deal["suggested_title"] == "United States tariffs on Indonesia"


def test_suggested_title_names_the_sides_and_the_subject():
    deal = main_deal("South Korea and Chile sign free trade agreement upgrade")
    assert deal.suggested_title == "South Korea\u2013Chile trade agreement"


# -- gazetteer ------------------------------------------------------------------------------------


def test_default_gazetteer_is_built_once():
    assert Gazetteer.default() is Gazetteer.default()


def test_extended_gazetteer_learns_an_editors_party_and_commodity():
    gazetteer = Gazetteer.default().extended(
        [PartyEntry("Norwegian Rare Metals", "company", ("NRM",), "NO")],
        [CommodityEntry("scandium", ("2805.30",), ("Sc",), "rare earths")],
    )
    result = extract(
        "NRM signs scandium supply deal with Airbus",
        "NRM signed a scandium supply agreement with Airbus on Monday.",
        DAY,
        gazetteer=gazetteer,
    )
    deal = result.deals[0]
    assert {"Norwegian Rare Metals", "Airbus"} <= set(names(deal))
    assert "scandium" in {c.name for c in deal.commodities}
    default_result = extract("NRM signs scandium supply deal with Airbus")
    assert "Norwegian Rare Metals" not in {p.name for d in default_result.deals for p in d.parties}


def test_extended_gazetteer_merges_an_alias_into_a_known_party():
    gazetteer = Gazetteer.default().extended(
        [PartyEntry("Khazanah Nasional", "sovereign_fund", ("KNB",), "MY")]
    )
    deal = extract("KNB signs data centre deal with Google", gazetteer=gazetteer).deals[0]
    assert "Khazanah Nasional" in names(deal)
    assert len([p for p in gazetteer.parties if p.name == "Khazanah Nasional"]) == 1


def test_taxonomy_lists_parents_before_children_with_hs_codes():
    taxonomy = load_taxonomy()
    seen = set()
    for entry in taxonomy:
        assert entry.parent is None or entry.parent in seen
        seen.add(entry.name)
    by_name = {e.name: e for e in taxonomy}
    assert by_name["neodymium"].parent == "light rare earths"
    assert by_name["dysprosium"].parent == "heavy rare earths"
    assert "2846" in by_name["rare earths"].hs_codes
    assert {"autos", "semiconductors", "soybeans", "LNG", "gallium"} <= set(by_name)
    assert "chips" in by_name["semiconductors"].aliases


# -- input checks and files -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "body", "fragment"),
    [
        ("", "   ", "empty"),
        ("Big file", "x" * 1_000_001, "too large"),
        ("Binary", "abc\x00def", "binary"),
        (NON_ENGLISH_HEADLINE, "", "English"),
        ("Noticias", NON_ENGLISH_ARTICLE, "English"),
        ("Новости", "Правительство запретило экспорт редкоземельных металлов.", "English"),
    ],
)
def test_check_input_explains_what_cannot_be_parsed(title, body, fragment):
    reason = check_input(title, body)
    assert reason is not None
    assert fragment in reason


@pytest.mark.parametrize(
    "headline",
    [
        "Trump Lifts 25% Tariff on Indian Goods",
        "EU, Mercosur Seal Pact",
        "Chile Copper Output Falls",
        "Brazil Soy Exports to China Hit Record",
        "Malaysia Bans Raw Rare Earth Exports",
    ],
)
def test_check_input_accepts_short_english_headlines(headline):
    assert check_input(headline, "") is None


def test_extract_reports_unparseable_input_as_not_relevant():
    result = extract("", "")
    assert not result.relevant
    assert "empty" in result.reason


def test_html_becomes_plain_text_without_scripts_or_navigation():
    assert looks_like_html(HTML_ARTICLE)
    assert not looks_like_html("Tariffs rose to 25% <sic> this year.")
    text = html_to_text(HTML_ARTICLE)
    assert "tracking" not in text
    assert "Home" not in text
    assert "world\u2019s largest copper producer" in text


def test_html_article_file_is_parsed_into_a_deal():
    article = parse_article_file(HTML_ARTICLE)
    result = extract(article.title, article.body, article.published)
    assert result.relevant
    deal = result.deals[0]
    assert deal.stage == "in_force"
    assert {"Chile", "European Union"} <= set(names(deal))


def test_article_file_headers_are_read_in_any_case():
    article = parse_article_file(
        "title: Peru signs FTA\nURL: https://example.org/a\nDATE: 2025-02-03\n\nBody text here."
    )
    assert article.title == "Peru signs FTA"
    assert article.url == "https://example.org/a"
    assert article.published == datetime.date(2025, 2, 3)
    assert article.body == "Body text here."


def test_article_file_with_unknown_date_has_no_publication_date():
    article = parse_article_file("Title: A\nDate: unknown\n\nB")
    assert article.published is None


def test_one_line_file_is_a_headline():
    article = parse_article_file("Canada Drops Digital Services Tax After US Pressure\n")
    assert article.title == "Canada Drops Digital Services Tax After US Pressure"
    assert article.body == ""


def test_file_without_headers_takes_a_headline_first_line_as_title():
    article = parse_article_file("Short headline here\n\nFirst paragraph. Second sentence.")
    assert article.title == "Short headline here"
    assert article.body == "First paragraph. Second sentence."


def test_file_opening_with_a_paragraph_takes_its_first_sentence_as_title():
    text = (
        "Norway and Chile are in talks on a green hydrogen partnership that would link two of "
        "the world's largest producers of renewable power. Officials met in Oslo this week.\n"
        "A second paragraph follows here."
    )
    article = parse_article_file(text)
    assert article.title.startswith("Norway and Chile are in talks")
    assert article.title.endswith("renewable power.")
    assert article.body.startswith("Officials met in Oslo")


def test_extraction_stays_fast_on_long_articles():
    import time

    started = time.process_time()
    for _ in range(10):
        for article in LONG_ARTICLES:
            extract(article["title"], article["body"])
    assert time.process_time() - started < 30 * 0.05  # 30 articles well under 50 ms each


def test_prefix_matcher_finds_every_match_a_full_scan_finds():
    from deals.extraction.lexicon import NOUNS
    from deals.extraction.prefixes import PrefixMatcher
    from deals.extraction.stage_cues import STAGE_CUES
    from deals.extraction.text import lower_same_length, normalise

    patterns = [p for p, *_ in NOUNS] + [p for p, *_ in STAGE_CUES]
    matcher = PrefixMatcher(patterns)
    texts = [c["title"] + "\n\n" + c["body"] for c in CASES + LONG_ARTICLES]
    for text in texts:
        low = lower_same_length(normalise(text))
        found = matcher.matches(low)
        for i, pattern in enumerate(patterns):
            spans = {m.span() for m in found[i]}
            for match in pattern.finditer(low):
                assert match.span() in spans, (pattern.pattern[:40], match.group())


def test_prefix_matcher_reads_a_pattern_past_its_opening_lookbehind_as_finditer_does():
    import re

    from deals.extraction.prefixes import PrefixMatcher, literal_prefixes

    pattern = re.compile(r"(?<!\bthe )\b(?:cut|lowered)\s+(?:\w+\s+){0,3}?tariffs?|\btariffs? rose")
    assert literal_prefixes(pattern) is None
    assert literal_prefixes(pattern, exact=True) == {
        "cut",
        "lowered",
        "tariff rose",
        "tariffs rose",
    }
    matcher = PrefixMatcher([pattern])
    assert matcher.unanchored == [] and matcher.behind == [0]
    for text in (
        "they cut the tariffs that rose last year, after the cut tariffs rose",
        "the cut tariffs were lowered cut tariffs; tariffs rose and tariff rose",
        "lowered tariff",
        "they cut\ntariffs and lowered\u3000the tariff",
    ):
        (found,) = matcher.matches(text)
        assert [m.span() for m in found] == [m.span() for m in pattern.finditer(text)]
        (found,) = matcher.matches(text, [(5, 40)])
        assert [m.span() for m in found] == [m.span() for m in pattern.finditer(text, 5, 40)]


def test_scanner_finds_what_finditer_finds():
    import re

    from deals.extraction.prefixes import Scanner

    patterns = [
        r"\b(?:duty[- ]free|tariff\s+cuts?|cut\w* (?:\w+ ){0,2}tariffs?)\b",
        r"[.!?]+[\"')\]]*\s+|\n+",
        r"(?<![\w-])[A-Z][\w.]*$",
        r"\w+ing",  # no literal prefix: scanned in full
    ]
    texts = [
        "Duty-free access. They cut all tariffs!  Tariff\ncuts, duty free, cutting tariffs.\n\n",
        "tariff  cuts... and cut the steel tariffs?) Then Jakarta",
        "",
    ]
    for pattern in map(re.compile, patterns):
        scanner = Scanner(pattern)
        for text in texts + [t.lower() for t in texts]:
            assert [m.span() for m in scanner.finditer(text)] == [
                m.span() for m in pattern.finditer(text)
            ]
            assert [m.span() for m in scanner.finditer(text, 3, 30)] == [
                m.span() for m in pattern.finditer(text, 3, 30)
            ]


def test_a_cue_is_tried_only_where_a_word_it_requires_follows():
    import re

    from deals.extraction.prefixes import PrefixMatcher, required_words

    lifted = re.compile(r"\btariffs?(?: on(?: [\w-]+){1,4}?)? (?:were |was )?(?:lifted|removed)\b")
    assert required_words(lifted) == {
        f" {aux}{verb}" for aux in ("", "were ", "was ") for verb in ("lifted", "removed")
    }
    assert required_words(re.compile(r"\bquotas?\b")) == {"quota"}  # its prefix: no gate
    # Too short to be worth looking for, or not required at all.
    assert required_words(re.compile(r"\bban(?: on exports)?\b")) is None
    assert required_words(re.compile(r"\bdeals?\b|\bmou\b")) is None  # "mou" is too short
    matcher = PrefixMatcher([lifted])
    for text in (
        "tariffs on steel were lifted, and tariffs on cars stayed; tariffs were removed",
        "tariffs on steel were raised. lifted spirits: tariff lifted",
        "no word it needs follows these tariffs on steel",
    ):
        (found,) = matcher.matches(text)
        assert [m.span() for m in found] == [m.span() for m in lifted.finditer(text)]


def test_literal_prefixes_keep_only_the_shortest_of_nested_ones():
    import re

    from deals.extraction.prefixes import literal_prefixes

    assert literal_prefixes(re.compile(r"\b(?:ban|bans|ban on)\b")) == {"ban"}
    assert literal_prefixes(re.compile(r"deals?|pact")) == {"deal", "pact"}


# -- generalisation: names, places and shared sides -------------------------------------------


def test_possessive_country_before_an_unknown_company_gives_its_home_country():
    deal = main_deal(
        "Copper supply deal signed",
        "Peru's Andina Copper Mining signed a supply deal with Korea's Hanbit Metals Group.",
    )
    parties = {p.name: p.country for p in deal.parties}
    assert parties == {"Andina Copper Mining": "PE", "Hanbit Metals Group": "KR"}


def test_a_capital_written_short_names_its_government_and_a_region_is_no_country():
    deal = main_deal(
        "Delhi and Whitehall sign free trade deal",
        "The two governments signed the agreement on Thursday, cutting duties on whisky.",
    )
    assert set(names(deal)) == {"India", "United Kingdom"}
    deal = main_deal(
        "Bloc seals trade pact with Mercosur",
        "The European Union and the South American bloc signed the trade agreement on Saturday.",
    )
    assert set(names(deal)) == {"European Union", "Mercosur"}


def test_country_and_good_after_a_tariff_is_not_a_company_of_that_name():
    deal = main_deal("Brazil slaps tariffs on U.S. steel")
    assert names(deal) == ["Brazil", "United States"]
    assert [c.name for c in deal.commodities] == ["steel"]
    deal = main_deal("Canada Weighs Retaliatory Duties on U.S. Steel After Talks Falter")
    assert set(names(deal)) == {"Canada", "United States"}


def test_talks_in_a_measure_headline_are_between_the_same_two_countries():
    result = extract("Korea Threatens Levies on U.S. Steel as Trade Talks Stall", "", DAY)
    agreement = next(d for d in result.deals if d.kind == "agreement")
    assert agreement.stage == "stalled"
    assert set(names(agreement)) == {"South Korea", "United States"}


def test_an_agreement_named_in_passing_with_one_side_is_not_a_deal_of_the_story():
    result = extract(
        "Trump threatens 40% tariff on Peruvian goods",
        "President Donald Trump said on Monday the United States would impose a 40% tariff on "
        "goods from Peru from August 1. Trump also sent letters to other governments, warning "
        "that tariffs would follow by August 1 if they failed to reach a trade agreement on terms "
        "favourable to Washington.",
        DAY,
    )
    assert [(d.kind, names(d)) for d in result.deals] == [("measure", ["United States", "Peru"])]


# -- several measures in one story ----------------------------------------------------------------


def test_a_counter_measure_by_the_targeted_country_is_a_measure_of_its_own():
    result = extract(
        "Chile raises duties on Argentine wine; Buenos Aires hits back",
        "SANTIAGO, May 4 (Reuters) - Chile raised import duties on Argentine wine to 18% on "
        "Monday, the finance ministry said. Argentina imposed tariffs of 20% on Chilean copper "
        "on Tuesday in retaliation, its economy ministry said.",
        DAY,
    )
    measures = [d for d in result.deals if d.kind == "measure"]
    assert [names(m) for m in measures] == [["Chile", "Argentina"], ["Argentina", "Chile"]]
    assert [m.stage for m in measures] == ["imposed", "imposed"]
    assert [[c.name for c in m.commodities] for m in measures] == [["wine"], ["copper"]]


def test_a_second_measure_between_the_same_sides_on_other_goods_is_a_measure_of_its_own():
    result = extract(
        "Canada to add 100% tax on Chinese EVs",
        "Canada will impose a 100% surtax on electric vehicles made in China from October 1, the "
        "finance department said. Canada imposed a 25% surtax on steel and aluminum imported "
        "from China on Monday.",
        DAY,
    )
    measures = [d for d in result.deals if d.kind == "measure"]
    assert [names(m) for m in measures] == [["Canada", "China"], ["Canada", "China"]]
    assert [[c.name for c in m.commodities] for m in measures] == [
        ["electric vehicles"],
        ["steel", "aluminium"],
    ]


def test_a_second_measure_planned_between_the_same_sides_on_other_goods_is_reported_apart():
    result = extract(
        "Canada to add 100% tax on Chinese EVs",
        "Canada will impose a 100% surtax on electric vehicles made in China from October 1, the "
        "finance department said. In addition, Ottawa plans a 25% surtax on steel imported "
        "from China.",
        DAY,
    )
    measures = [d for d in result.deals if d.kind == "measure"]
    assert [names(m) for m in measures] == [["Canada", "China"], ["Canada", "China"]]
    assert [[c.name for c in m.commodities] for m in measures] == [["electric vehicles"], ["steel"]]
    assert measures[1].stage == "threatened"


def test_a_sentence_on_the_same_measure_naming_no_side_stays_with_it():
    result = extract(
        "Canada to add 100% tax on Chinese EVs",
        "Canada will impose a 100% surtax on electric vehicles made in China from October 1. "
        "The surtax will also cover hybrid trucks and buses.",
        DAY,
    )
    assert len([d for d in result.deals if d.kind == "measure"]) == 1


def test_a_further_step_on_other_goods_told_with_also_is_a_measure_of_its_own():
    result = extract(
        "Peru cuts onion export duty",
        "Peru lowered its export duty on onions to 20% on Friday. The finance ministry also "
        "extended by two months the duty exemption on imports of yellow peas.",
        DAY,
    )
    measures = [d for d in result.deals if d.kind == "measure"]
    assert [names(m) for m in measures] == [["Peru"], ["Peru"]]
    assert [[c.name for c in m.commodities] for m in measures] == [["vegetables"], ["peas"]]


def test_a_further_step_keeps_the_sides_of_the_measure_it_follows():
    result = extract(
        "US raises tariffs on Chinese steel",
        "The United States raised tariffs on Chinese steel to 50% on Monday. It also imposed a "
        "25% duty on aluminium.",
        DAY,
    )
    measures = [d for d in result.deals if d.kind == "measure"]
    assert [names(m) for m in measures] == [["United States", "China"]] * 2


def test_more_goods_the_same_measure_also_covers_stay_with_it():
    result = extract(
        "Peru cuts onion export duty",
        "Peru lowered its export duty on onions to 20% on Friday. The duty also applies to "
        "garlic and yellow peas.",
        DAY,
    )
    assert len([d for d in result.deals if d.kind == "measure"]) == 1


def test_the_measure_a_new_one_answers_is_reported_apart():
    result = extract(
        "Peru to impose duties on U.S. wheat",
        "LIMA, May 4 - Peru will impose duties on U.S. wheat, the trade ministry said on "
        "Monday, in response to Washington's decision last month to raise tariffs on Peruvian "
        "copper.",
        DAY,
    )
    main, answered = [d for d in result.deals if d.kind == "measure"]
    assert (names(main), main.stage) == (["Peru", "United States"], "threatened")
    assert names(answered) == ["United States", "Peru"]
    assert [c.name for c in answered.commodities] == ["copper"]


def test_companies_in_a_measure_story_are_parties_only_as_its_targets():
    deal = main_deal(
        "Thailand bans rubber exports to Myanmar",
        "Thailand banned rubber exports to Myanmar on Monday. Thai Rubber Group, the "
        "country's largest exporter, said it would cut output.",
    )
    assert names(deal) == ["Thailand", "Myanmar"]


def test_a_dateline_names_where_the_story_was_filed_not_a_party():
    for dateline in (
        "LONDON/BEIJING, May 2 (Reuters) -",
        "BEIJING \u2014",
        "Beijing, May 2 -",
        "Washington DC -",
        "London \u2014",
    ):
        deal = main_deal(
            "Ghana signs cocoa supply deal",
            f"{dateline} Ghana's cocoa board signed a supply contract with Puratos Cocoa Group.",
        )
        assert "China" not in names(deal), dateline
        assert "United Kingdom" not in names(deal), dateline
        assert "United States" not in names(deal), dateline
        assert "DC" not in names(deal), dateline


@pytest.mark.parametrize(
    "body",
    [
        "Peru published a decree on Monday imposing a 20% duty on Chinese steel that takes "
        "effect on July 1, the trade ministry said.",
        "Peru's president signed a decree imposing a 20% duty on Chinese steel on Monday. The "
        "duty takes effect next month.",
        "Peru announced a 20% duty on Chinese steel, which will apply from January 2026.",
    ],
)
def test_a_measure_taking_effect_on_a_later_date_is_threatened(body):
    deal = main_deal("Peru sets duty on Chinese steel", body)
    assert (deal.kind, deal.stage) == ("measure", "threatened")


def test_a_measure_that_took_effect_or_takes_effect_now_is_imposed():
    for body in (
        "Peru's 20% duty on Chinese steel took effect on June 1, the trade ministry said.",
        "Peru's 20% duty on Chinese steel takes effect immediately, the trade ministry said.",
    ):
        assert main_deal("Peru sets duty on Chinese steel", body).stage == "imposed"


def test_common_goods_resolve_to_their_taxonomy_entries():
    deal = main_deal("Kenya bans salmon and cheese imports")
    assert (deal.stage, [c.name for c in deal.commodities]) == ("imposed", ["seafood", "dairy"])
    deal = main_deal("China slaps anti-dumping duties on European brandy")
    assert [c.name for c in deal.commodities] == ["spirits"]


def test_goods_named_as_traders_write_them_resolve_to_one_entry_each():
    deal = main_deal("Malawi halts exports of raw minerals and lithium concentrates")
    assert [c.name for c in deal.commodities] == ["raw minerals", "spodumene concentrate"]
    deal = main_deal("Beijing slaps 100% duties on Canadian canola oil")
    assert [c.name for c in deal.commodities] == ["rapeseed oil"]
    deal = main_deal(
        "Oslo and Seoul sign trade pact",
        "Norway and South Korea signed a trade agreement on Monday that removes tariffs on "
        "commercial aircraft, defense equipment and dried distillers' grains.",
    )
    assert [c.name for c in deal.commodities] == [
        "aircraft",
        "defence equipment",
        "distillers' grains",
    ]


def test_everyday_trade_goods_are_goods():
    deal = main_deal("Peru bans imports of eggs, tyres and ethanol from Chile")
    assert [c.name for c in deal.commodities] == ["eggs", "tyres", "biofuels"]
    deal = main_deal("India curbs lentils and cement exports")
    assert [c.name for c in deal.commodities] == ["pulses", "cement"]
    deal = main_deal("Qatar lifts ban on mutton, chocolate and biscuits from Jordan")
    assert [c.name for c in deal.commodities] == ["sheep meat", "confectionery", "bakery products"]


def test_a_broad_category_next_to_its_own_good_and_descriptive_words_are_not_goods():
    deal = main_deal(
        "Gulf fund buys copper mine stake",
        "Oman's fund signed a deal to buy a stake in a copper mine, betting on metals needed "
        "for the energy transition. Chile's agriculture ministry was not involved.",
    )
    assert [c.name for c in deal.commodities] == ["copper"]


def test_goods_of_the_measure_a_retaliation_answers_are_not_the_retaliations():
    deal = main_deal(
        "Norway hits back with duties on Chilean copper",
        "Norway will put a 30% duty on copper from Chile from July, answering Chile's 20% "
        "tariffs on wine and its 15% levy on timber imported from Norway. The Norwegian "
        "tariffs on copper follow months of talks.",
    )
    assert [c.name for c in deal.commodities] == ["copper"]


def test_a_good_used_as_a_verb_or_inside_a_name_is_not_a_good():
    deal = main_deal(
        "Oman and India sign trade deal",
        "Oman and India signed a trade agreement on Monday that will further cement the ties "
        "between them. It removes duties on gold, said a spokesman for Sharma Gold & Diamonds, "
        "a jeweller in Muscat.",
    )
    assert [c.name for c in deal.commodities] == ["gold"]
    deal = main_deal("Peru imposes duties on Asian cars", "Peru imposed a 30% duty on Chinese EVs.")
    assert [c.name for c in deal.commodities] == ["autos", "electric vehicles"]


def test_a_broader_good_named_beside_the_precise_one_gives_way_to_it():
    deal = main_deal(
        "Oman signs long-term supply deal with Japanese utility",
        "Oman signed a 15-year agreement on Monday to supply natural gas to Japan's JERA, which "
        "will receive 2 million tons of liquefied natural gas a year under it.",
    )
    assert [c.name for c in deal.commodities] == ["LNG"]


# -- organisations the gazetteer does not know ----------------------------------------------------


def test_acronyms_next_to_a_deal_are_organisations_with_the_country_that_describes_them():
    deal = main_deal(
        "Rare earths memorandum signed in Hanoi",
        "HANOI \u2014 LAMICO, Vietnam's state-owned mining group, and KOMIR signed a memorandum "
        "of understanding on Monday to explore rare earths.",
    )
    assert {p.name: p.country for p in deal.parties} == {"LAMICO": "VN", "KOMIR": None}


@pytest.mark.parametrize(
    "title",
    [
        "MB URL DROP TABLE DEAL SIGNED WITH MALAYSIA",
        "MALAYSIA SIGNS RARE EARTHS DEAL WITH JAPAN",
        "URGENT: MALAYSIA, JAPAN SIGN RARE EARTHS PACT",
    ],
)
def test_words_of_a_headline_in_capitals_are_not_companies(title):
    deal = main_deal(title, "Malaysia signed a rare earths supply pact with Japan on Monday.")

    assert names(deal) == ["Malaysia", "Japan"]
    assert [p.kind for p in deal.parties] == ["country", "country"]


def test_an_acronym_in_a_headline_in_ordinary_case_is_still_a_company():
    deal = main_deal(
        "CATL signs battery deal with Indonesia",
        "CATL signed a battery supply deal with Indonesia on Monday.",
    )

    assert ("CATL", "company") in [(p.name, p.kind) for p in deal.parties]


def test_an_apposition_tells_a_bare_name_is_a_company_and_where_it_is_from():
    deal = main_deal(
        "Fertiliser supply deal signed",
        "Potaskor, the Belarusian potash exporter, has signed a three-year contract with "
        "Agrovale, a Brazilian distributor. Potaskor said shipments would start in May.",
    )
    assert {p.name: p.country for p in deal.parties} == {"Potaskor": "BY", "Agrovale": "BR"}


def test_a_person_or_a_title_signing_is_not_an_organisation():
    result = extract(
        "Minister signs trade deal with Chile",
        "Jonathan Pike, the trade minister, spoke in Lima. Pike signed the trade agreement "
        "with Chile on Monday, officials said.",
        DAY,
    )
    for deal in result.deals:
        assert {"Minister", "Pike", "Jonathan Pike"}.isdisjoint(names(deal))


@pytest.mark.parametrize(
    "title,body",
    [
        (
            "Japan, Mexico end talks without a deal on farm access",
            "TOKYO - Japan and Mexico ended their trade talks without a deal on Tuesday after"
            " failing to agree on pork quotas, officials said.",
        ),
        ("Peru, Thailand trade talks broke down over rice", ""),
        (
            "Vietnam walks away from coal supply pact with South Korea",
            "Vietnam walked away from negotiations with South Korea on a coal supply pact.",
        ),
    ],
)
def test_talks_that_ended_without_a_deal_have_collapsed(title, body):
    assert main_deal(title, body).stage == "collapsed"


def test_a_headline_over_a_lead_from_unnamed_sources_is_a_rumour():
    deal = main_deal(
        "Glencore in talks to buy stake in Nigerian zinc miner",
        "LAGOS - Glencore is in talks to buy a stake in Nigeria's Segilola Zinc, people familiar"
        " with the matter said. The people asked not to be identified.",
    )
    assert deal.stage == "rumoured"


def test_a_pact_headline_over_a_memorandum_in_the_body_is_a_framework():
    title = "Egypt, Turkey sign trade pact"
    mou = (
        "CAIRO - Egypt and Turkey signed a memorandum of understanding on Tuesday setting out a"
        " framework for a trade pact, the ministry said."
    )
    assert main_deal(title, mou).stage == "framework"
    binding = mou + " They also signed a definitive agreement on cotton purchases."
    assert main_deal(title, binding).stage == "signed"


@pytest.mark.parametrize(
    "title",
    [
        "Ghana launches talks with Morocco on trade deal",
        "Sweden and Chile launch negotiations on investment treaty",
    ],
)
def test_launching_talks_is_negotiating(title):
    assert main_deal(title).stage == "negotiating"


@pytest.mark.parametrize(
    "title",
    [
        "Brazil and Nigeria sign economic partnership",
        "Thailand, Israel sign CEPA",
        "Oman and Jordan sign Comprehensive Economic Partnership Agreement",
    ],
)
def test_economic_partnerships_are_trade_agreements(title):
    deal = main_deal(title)
    assert (deal.kind, deal.stage, len(deal.parties)) == ("agreement", "signed", 2)


def test_a_safeguard_duty_of_a_rate_is_a_measure():
    deal = main_deal("Turkey imposes safeguard duty of 15% on aluminium imports")
    assert (deal.kind, deal.stage, names(deal)) == ("measure", "imposed", ["Turkey"])
    assert [f.text for f in deal.figures] == ["15%"]


@pytest.mark.parametrize(
    "title,body",
    [
        ("Ghana to ban raw bauxite exports from 2028", ""),
        ("Mexico bans nothing yet", "Mexico will ban genetically modified corn imports from 2027."),
    ],
)
def test_a_ban_announced_for_later_is_threatened(title, body):
    deal = extract(title, body, DAY).deals[0]
    assert (deal.kind, deal.stage) == ("measure", "threatened")


@pytest.mark.parametrize(
    "title,body",
    [
        (
            "European shares slip as luxury stocks drag",
            "PARIS - European shares slipped on Wednesday as luxury goods makers fell. Investors"
            " remained cautious about U.S. tariffs on European goods. Bond yields rose.",
        ),
        (
            "Copper prices fall as China demand weakens",
            "SHANGHAI - Copper fell 2% on Tuesday as weak Chinese factory data and concerns about"
            " the impact of U.S. tariffs weighed on sentiment.",
        ),
    ],
)
def test_a_markets_story_that_names_tariffs_once_in_passing_is_not_about_a_measure(title, body):
    assert not extract(title, body, DAY).relevant


def roles(deal):
    return {p.name: p.role for p in deal.parties}


def test_the_country_whose_goods_face_a_measure_is_its_target():
    faces = main_deal(
        "Peru faces 30% Chilean tariff from Monday",
        "Peru will face a 30% tariff on its copper from Monday, Chile's finance ministry said.",
    )
    hit = main_deal(
        "Argentina hit with duties on wine",
        "Argentina was hit with duties of 18% on its wine by Chile on Monday.",
    )
    assert roles(faces) == {"Peru": "targeted", "Chile": "imposing"}
    assert roles(hit) == {"Argentina": "targeted", "Chile": "imposing"}


def test_where_goods_that_face_a_measure_are_shipped_is_the_country_imposing_it():
    deal = main_deal(
        "Peru's copper shipments to Chile still face 30% tariffs",
        "Peruvian copper exported to Chile will still face a 30% tariff, Peru's trade "
        "minister said on Monday.",
    )
    assert roles(deal) == {"Peru": "targeted", "Chile": "imposing"}


def test_who_says_that_goods_face_a_measure_is_not_its_target():
    deal = main_deal(
        "Chile says Peruvian copper will face 30% tariff from Monday",
        "Chile said on Friday that Peruvian copper will face a 30% tariff from Monday.",
    )
    assert roles(deal) == {"Chile": "imposing", "Peru": "targeted"}


def test_the_day_after_on_names_when_not_the_target():
    deal = main_deal(
        "On Friday Chile raised the tariff on Peru",
        "On Friday Chile raised the tariff on Peru to 30 percent.",
    )
    assert roles(deal) == {"Chile": "imposing", "Peru": "targeted"}


def test_a_measure_on_two_countries_named_in_either_order_is_one_measure():
    result = extract(
        "Chile pauses tariffs on Peruvian and Bolivian goods",
        "On Monday Chile paused the tariffs on goods from Bolivia and Peru, giving its two "
        "neighbours a reprieve.",
        DAY,
    )
    measures = [d for d in result.deals if d.kind == "measure"]
    assert len(measures) == 1
    assert roles(measures[0]) == {"Chile": "imposing", "Peru": "targeted", "Bolivia": "targeted"}


def test_the_country_goods_are_sold_to_imposes_the_duties_on_them():
    result = extract(
        "Chile imposes duties on Peruvian copper",
        "Chile imposed duties of 20% on Peruvian copper on Monday, while Lima warned of "
        "retaliation. Among the options could be retaliatory duties on Chilean goods sold to "
        "Peru, such as wine.",
        DAY,
    )
    retaliation = [d for d in result.deals if d.kind == "measure"][1]
    assert roles(retaliation) == {"Peru": "imposing", "Chile": "targeted"}
    assert [c.name for c in retaliation.commodities] == ["wine"]
