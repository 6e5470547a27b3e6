"""Figures: every number a reader would want read whole, with what it measures."""

import pytest

from deals.extraction import FIGURE_WHATS, extract


def whats(title, body=""):
    """Each figure of the article (text as written) with the slug of what it measures."""
    return {figure.text: figure.what for figure in extract(title, body).figures}


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        (
            "The department guaranteed a floor price of $110 per kilogram for NdPr.",
            "$110 per kilogram",
        ),
        ("Nickel rose to $2,000 a ton in London on Friday.", "$2,000 a ton"),
        ("Copper settled at $9,120/mt on Tuesday.", "$9,120/mt"),
        ("The cap stays at $60 per barrel of crude.", "$60 per barrel"),
        ("The offer values each share at $US5.04 per share.", "$US5.04 per share"),
    ],
)
def test_a_price_is_read_with_its_unit_and_is_a_price(sentence, text):
    assert whats("Price floor agreed", sentence)[text] == "price"


def test_an_amount_written_with_code_and_sign_is_read_whole():
    found = whats("Pipeline deal signed", "The two firms signed a USD $8.5 billion pipeline deal.")
    assert found == {"USD $8.5 billion": "deal_value"}


def test_amounts_in_words_and_in_capitals_are_read_whole():
    found = whats(
        "Trade deal signed",
        "Trade between them came to 982.3 billion U.S. dollars. He promised purchases of "
        "$500 BILLION DOLLARS.",
    )
    assert set(found) == {"982.3 billion U.S. dollars", "$500 BILLION DOLLARS"}


def test_a_canadian_dollar_amount_is_money():
    figures = extract("Uranium deal", "The contract is valued at CA$ 2.6 billion.").figures
    assert [(f.text, f.unit, f.what) for f in figures] == [("CA$ 2.6 billion", "CAD", "deal_value")]


def test_a_quota_in_tonnes_is_a_quota():
    found = whats("Sugar quota set", "Imports are capped by a tariff quota of 18,125 tonnes.")
    assert found["18,125 tonnes"] == "quota"


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("The ministry allowed exports of 40,000 tonnes of rice.", "40,000 tonnes"),
        ("Exports of 12,000 tonnes of sugar are permitted this season.", "12,000 tonnes"),
    ],
)
def test_what_a_restriction_lets_through_is_a_quota(sentence, text):
    assert whats("Rice export curbs eased", sentence)[text] == "quota"


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("Wheat stocks held by traders stand at about 90,000 tonnes.", "90,000 tonnes"),
        ("Warehouses currently hold 136,000 tons of sugar.", "136,000 tons"),
        ("Rice in the central pool is put at around 30,000 tonnes.", "30,000 tonnes"),
    ],
)
def test_a_quantity_held_in_store_is_reserves_not_volume(sentence, text):
    assert whats("Rice export ban", sentence)[text] == "reserves"


@pytest.mark.parametrize(
    "sentence",
    [
        "Rice production this season is estimated at 9.1 million tonnes.",
        "The harvest came in at 9.1 million tonnes, below last year's.",
        "Vessel tonnage runs from 9.1 million tonnes down.",
    ],
)
def test_a_harvest_or_output_is_background_not_a_volume_moved(sentence):
    assert whats("Rice export ban", sentence)["9.1 million tonnes"] == "other"


def test_a_duty_charged_by_the_unit_is_a_tariff_rate_not_a_price():
    found = whats(
        "Ruritania raises poultry duties",
        "Frozen chicken now faces an anti-dumping charge of 9.40 Rands per kilogram.",
    )
    assert found == {"9.40 Rands per kilogram": "tariff_rate"}


@pytest.mark.parametrize(
    ("sentence", "text", "unit"),
    [
        ("The fee is 120 rupee per tonne.", "120 rupee", "INR"),
        ("Exporters paid 3 million zlotys.", "3 million zlotys", "PLN"),
        ("The plant cost 40 billion naira.", "40 billion naira", "NGN"),
    ],
)
def test_currencies_written_as_words_in_either_number_are_money(sentence, text, unit):
    figure = next(f for f in extract("Trade deal", sentence).figures if f.text.startswith(text))
    assert figure.unit == unit


def test_a_yearly_volume_is_read_with_its_period():
    found = whats(
        "LNG supply deal", "GAIL contracted for 3.5 million tonnes per annum of LNG from the plant."
    )
    assert found == {"3.5 million tonnes per annum": "volume"}


def test_a_rated_plant_is_a_capacity():
    found = whats("Battery plant", "The venture runs a 10 GWh/yr battery cell plant.")
    assert found == {"10 GWh/yr": "capacity"}


def test_millions_of_pounds_of_a_good_weigh_rather_than_pay():
    figures = extract("Uranium deal", "Cameco will deliver 22 million pounds of uranium.").figures
    assert [(f.text, f.unit, f.what) for f in figures] == [("22 million pounds", "t", "volume")]


@pytest.mark.parametrize(
    ("sentence", "text", "what"),
    [
        ("The fund will take a 70 percent stake in the mine.", "70 percent", "stake"),
        ("The state will hold 49 per cent of the terminal's shares.", "49 per cent", "stake"),
        ("China produced 48% of the world's mined antimony.", "48%", "market_share"),
        ("The kingdom supplied 62% of that total.", "62%", "market_share"),
        ("Most cobalt is mined in one country, where 70% of it is refined.", "70%", "market_share"),
        ("Long-term contracts account for 55 per cent of output.", "55 per cent", "other"),
        ("The tariff covers 90 percent of goods traded.", "90 percent", "other"),
        ("Shares of the miner rose 12% on Monday.", "12%", "other"),
        ("The offer was a 28 per cent premium to the share price.", "28 per cent", "other"),
        ("Washington imposed a 25% tariff on steel.", "25%", "tariff_rate"),
    ],
)
def test_a_percentage_says_whether_it_is_a_stake_a_share_a_change_or_a_rate(sentence, text, what):
    assert whats("Deal news", sentence)[text] == what


def test_the_rate_a_tariff_moves_from_is_the_previous_rate():
    found = whats(
        "Trump doubles tariffs",
        "Trump signed an order lifting tariffs on steel imports from 25% to 50%.",
    )
    assert found == {"25%": "previous_rate", "50%": "tariff_rate"}


def test_a_range_of_new_duties_is_two_tariff_rates_not_a_move():
    found = whats(
        "Mexico raises tariffs", "The Senate approved duties ranging from 5% to 50% on imports."
    )
    assert found == {"5%": "tariff_rate", "50%": "tariff_rate"}


def test_a_rate_already_charged_is_the_previous_rate():
    found = whats("Canada tax", "The surtax sits on top of the 6.1% import tariff already charged.")
    assert found["6.1%"] == "previous_rate"


def test_a_rate_without_its_own_word_takes_the_one_before_it():
    found = whats(
        "Tariffs imposed",
        "Trump put in place the tariffs he had promised: 25 percent on steel imports and "
        "10 percent on aluminum.",
    )
    assert found == {"25 percent": "tariff_rate", "10 percent": "tariff_rate"}


def test_a_range_of_rates_is_read_whole():
    found = whats("Talks", "India wants tariffs of 20-35 per cent on the goods.")
    assert found == {"20-35 per cent": "tariff_rate"}


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("Bilateral trade reached $190 billion last year.", "$190 billion"),
        ("Its nickel exports were worth $517.8 million in 2019.", "$517.8 million"),
        ("The two blocs traded goods and services worth €111bn in 2024.", "€111bn"),
        ("Vietnam ran a trade surplus of $123 billion with the United States.", "$123 billion"),
    ],
)
def test_trade_between_the_sides_is_never_the_deal_value(sentence, text):
    assert whats("Free trade agreement signed", sentence)[text] == "trade_value"


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("The company reported revenue of $2.1 billion for the year.", "$2.1 billion"),
        ("News of the deal gave the miner a market value of $7.2 billion.", "$7.2 billion"),
        (
            "The deal came after a fundraising that lifted its valuation to $18.5 billion.",
            "$18.5 billion",
        ),
    ],
)
def test_a_companys_accounts_are_not_the_deal_value(sentence, text):
    assert whats("Stake talks", sentence)[text] == "other"


@pytest.mark.parametrize(
    ("sentence", "text", "what"),
    [
        ("The two countries signed a trade deal worth $10 billion.", "$10 billion", "deal_value"),
        (
            "Japan will put a $550 billion investment into the U.S. economy.",
            "$550 billion",
            "investment",
        ),
        ("The department lent $150 million for the expansion.", "$150 million", "loan"),
        ("The miner plans a $900 million lithium hydroxide plant.", "$900 million", "investment"),
        (
            "Ottawa readied duties on US goods worth $30 billion if the tariffs begin.",
            "$30 billion",
            "trade_value",
        ),
        (
            "The EU has cleared the $13.9 billion takeover of Covestro.",
            "$13.9 billion",
            "deal_value",
        ),
    ],
)
def test_terms_of_a_deal_say_what_they_are(sentence, text, what):
    assert whats("Deal signed", sentence)[text] == what


def test_an_amount_converted_in_brackets_measures_the_same():
    found = whats(
        "Swiss deal", "Switzerland promised US investment of $200 billion (€172 billion)."
    )
    assert found == {"$200 billion": "investment", "€172 billion": "investment"}


@pytest.mark.parametrize(
    ("sentence", "text", "what"),
    [
        ("The country has 11 operating smelters.", "11 operating smelters", "count"),
        ("Duties go on 6,090 goods from the first day.", "6,090 goods", "count"),
        ("Russia approved three extensions of the grain deal.", "three extensions", "count"),
        ("The pact covers a market of 780 million people.", "780 million people", "other"),
        ("Duties rise on 31 American goods from June.", "31 American goods", "count"),
        ("Ministers of 40 major OPEC members met.", "40 major OPEC members", "count"),
        ("The 166-nation body could not agree.", "166-nation", "count"),
    ],
)
def test_a_count_of_things_is_a_figure(sentence, text, what):
    assert whats("Trade pact", sentence) == {text: what}


def test_a_date_is_read_whole_as_a_date_and_its_numbers_are_no_count():
    body = "The pact takes effect on May 1, 2022, after talks ended in 2021 smelters."
    assert whats("Trade pact", body) == {"May 1, 2022": "date"}


def test_every_figure_says_what_it_measures_from_the_vocabulary():
    slugs = {slug for slug, _name in FIGURE_WHATS}
    body = (
        "The deal covers 1,200 tonnes of uranium worth $400 million; the 10% tariff goes, "
        "inflation is 3%, and 40 companies signed up for 5 GW of power."
    )
    figures = extract("Uranium deal", body).figures
    assert len(figures) == 6
    assert {figure.what for figure in figures} <= slugs


def test_the_two_sides_name_the_parties_rather_than_count_them():
    assert whats("Deal signed", "The two firms and both countries signed it.") == {}


def test_a_policy_rate_is_background_kept_off_the_deal():
    result = extract(
        "ECB holds rates after EU-US trade deal",
        "The ECB kept its deposit rate at 2 percent after the EU and the US signed a trade deal.",
    )
    assert [(f.text, f.what, f.macro) for f in result.figures] == [("2 percent", "other", True)]
    assert all(deal.figures == [] for deal in result.deals)


def test_the_deposit_rate_of_an_anti_dumping_measure_is_a_duty_on_the_measure():
    result = extract(
        "Beijing sets deposits on imported canola",
        "The commerce ministry imposed preliminary anti-dumping measures on canola from Canada, "
        "with importers paying deposits at a deposit rate of 68.4 percent.",
    )
    assert [(f.text, f.what, f.macro) for f in result.figures] == [
        ("68.4 percent", "tariff_rate", False)
    ]


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("Washington set a 25-percent tariff on steel.", "25-percent"),
        ("Delhi cut the duty to 19pc on cars.", "19pc"),
        ("A 10-per-cent levy applies from May.", "10-per-cent"),
    ],
)
def test_a_percentage_written_with_a_hyphen_or_pc_is_read_whole(sentence, text):
    assert [(f.text, f.unit) for f in extract("Tariff news", sentence).figures] == [(text, "%")]


def test_a_share_price_is_a_price_not_an_investment():
    found = whats("Miner shares", "The miner's shares recovered to close the week at $1.27.")
    assert found == {"$1.27": "price"}


def test_numbers_in_names_and_a_storys_sources_are_not_counts():
    body = (
        "Eight of the 11 main S&P 500 sectors rose, two people familiar with the talks said, "
        "as 27 member states weighed the pact."
    )
    assert whats("Markets", body) == {"27 member states": "count"}


@pytest.mark.parametrize(
    ("sentence", "text", "what"),
    [
        ("The two will combine in an all-stock $53 billion deal.", "$53 billion", "deal_value"),
        ("Google agreed to acquire Wiz for $32 billion in cash.", "$32 billion", "deal_value"),
        ("It also unveiled a share buyback worth A$200 million.", "A$200 million", "other"),
        ("The fund will buy a $1 billion stake in the retailer.", "$1 billion", "investment"),
    ],
)
def test_what_an_amount_is_of_decides_between_deal_investment_and_company_news(
    sentence, text, what
):
    assert whats("Deal talks", sentence)[text] == what


def test_duties_a_deal_saves_are_not_its_value_nor_trade_in_either_currency():
    found = whats(
        "EU and Indonesia sign trade deal",
        "The deal would spare exporters some 600 million euros ($708 million) in duties each "
        "year on goods sold into Indonesia.",
    )
    assert found == {"600 million euros": "other", "$708 million": "other"}


def test_the_goods_a_tariff_falls_on_are_trade():
    found = whats("Tariffs", "Washington put tariffs on $200 billion of Chinese goods.")
    assert found == {"$200 billion": "trade_value"}


def test_the_size_of_a_firm_is_not_a_deal_value():
    found = whats("Fund talks", "The S$308 billion firm is not negotiating any deal for now.")
    assert found == {"S$308 billion": "other"}


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit"),
    [
        ("Ottawa set a 100,000-tonne quota for canola.", "100,000-tonne", 100000.0, "t"),
        ("The firm raised $5-million from investors.", "$5-million", 5e6, "USD"),
        ("The blocs traded goods worth R2.1-trillion in 2024.", "R2.1-trillion", 2.1e12, "ZAR"),
        ("It exported 3 million gallons of ethanol.", "3 million gallons", 3e6, "gal"),
    ],
)
def test_hyphenated_scales_and_units_rand_and_gallons_are_read(sentence, text, value, unit):
    figures = extract("Trade deal", sentence).figures
    assert [(f.text, f.value, f.unit) for f in figures] == [(text, value, unit)]


def test_a_capital_r_before_a_number_is_rand_only_with_a_scale():
    assert extract("Trade deal", "The R2 model sold 5 units to Rio.").figures[0].text == "5 units"


def test_rates_listed_one_a_line_take_their_meaning_from_the_line_that_introduces_them():
    body = (
        "These are the duties the Commission plans to charge on each carmaker:\n\n"
        "- Alpha Motors: 17.4%;\n\n"
        "- Beta Cars: 38.1%."
    )
    found = whats("EU sets duties on electric cars", body)
    assert found == {"17.4%": "tariff_rate", "38.1%": "tariff_rate"}


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("The ministry gave exporters 45 days to register their contracts.", "45 days"),
        ("The waiver will apply for 12 years under the pact.", "12 years"),
        ("Negotiators closed the text within three months of the launch.", "three months"),
        ("Buyers have a 30-days window to file their claims.", "30-days"),
    ],
)
def test_a_duration_is_a_figure_of_its_own(sentence, text):
    assert whats("Trade pact terms set", sentence)[text] == "other"


def test_an_age_or_a_time_ago_is_no_duration():
    found = whats(
        "Trade pact signed",
        "The 40 years old treaty lapsed. Talks began two years ago and the pact was signed.",
    )
    assert not any("years" in text for text in found)


@pytest.mark.parametrize(
    "sentence",
    [
        "Ottawa cut the duty on steel two days after the two countries agreed a framework.",
        "The buyer withdrew its bid 48 hours before the deadline for a binding offer.",
        "Three weeks later, the two sides signed the pact.",
    ],
)
def test_a_time_between_two_events_is_no_duration(sentence):
    found = whats("Trade pact signed", sentence)

    assert not any(unit in text for text in found for unit in ("days", "hours", "weeks"))


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("The island is home to 12 lakh people of Tamil origin.", "12 lakh people"),
        ("About 4 million Filipinos work in the Gulf states.", "4 million Filipinos"),
    ],
)
def test_a_population_counted_by_a_scale_is_read_with_its_people(sentence, text):
    assert whats("Labour pact signed", sentence)[text] == "other"


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("Exports reached 17.17 lakh tonnes last season.", "17.17 lakh tonnes", 1_717_000),
        ("The stock stands at 2 crore tonnes.", "2 crore tonnes", 20_000_000),
        ("Exports of 5 LMT of wheat flour are allowed.", "5 LMT", 500_000),
        ("Traders shipped 2 MMT of corn.", "2 MMT", 2_000_000),
    ],
)
def test_a_quantity_in_lakh_or_crore_is_read_with_its_scale(sentence, text, value):
    (figure,) = extract("Wheat export ban", sentence).figures
    assert (figure.text, figure.value, figure.unit) == (text, value, "t")


def test_an_amount_followed_by_its_currency_code_is_money_in_that_currency():
    (figure,) = extract("Plant deal signed", "The firm will invest 9.5 billion MYR.").figures
    assert (figure.text, figure.value, figure.unit) == ("9.5 billion MYR", 9.5e9, "MYR")


@pytest.mark.parametrize(
    ("sentence", "text", "unit"),
    [
        ("Ruritania announced a 90-day pause on the tariffs.", "90-day", "days"),
        ("Ruritania set a 12-month ban on timber exports.", "12-month", "months"),
        ("Ruritania set a six-month ban on timber exports.", "six-month", "months"),
        ("Ruritania agreed a one-year pause on the tariffs.", "one-year", "years"),
    ],
)
def test_a_duration_joined_to_its_number_by_a_hyphen_is_read(sentence, text, unit):
    (figure,) = extract("Ruritania pauses tariffs", sentence).figures
    assert (figure.text, figure.unit, figure.what) == (text, unit, "other")


def test_an_age_written_with_hyphens_is_no_duration():
    for rule in ("a 10-year-old rule", "a two-year-old rule"):
        assert extract("Ruritania pauses tariffs", f"It revives {rule}.").figures == []


def test_a_duty_given_as_a_share_of_the_goods_value_is_a_tariff_rate():
    found = whats(
        "India puts anti-dumping duties on Chinese rock breakers",
        "On hydraulic rock breakers, the duty ranges from 4.55 per cent to 162.5 per cent of the "
        "CIF (cost, insurance, freight) value. In 2023 the EU accounted for 36% of the value of "
        "China's dairy imports.",
    )
    assert found["162.5 per cent"] == "tariff_rate"
    assert found["36%"] == "market_share"


def test_a_duty_raised_by_some_points_is_a_tariff_rate_not_a_market_move():
    found = whats(
        "India raises import tax on edible oils",
        "India has lifted the basic import tax on crude and refined edible oils by 20 percentage "
        "points. Soyoil futures fell more than 2% in Chicago.",
    )
    assert found["20 percentage points"] == "tariff_rate"
    assert found["2%"] == "other"


def test_animals_a_ban_stops_are_counted():
    found = whats(
        "Malaysia bars chicken exports",
        "From June 1, Malaysia will bar exports of 3.6 million chickens a month.",
    )
    assert found["3.6 million chickens"] == "count"
