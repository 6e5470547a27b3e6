"""Who the parties of a deal are, and what they trade: names as readers know them, sides told in
the sentences about the deal, not in its background."""

import datetime

from deals.extraction import extract

from .stories import DAY, main_deal


def names(deal):
    return sorted(p.name for p in deal.parties)


def test_the_pentagon_and_the_dod_are_the_us_department_of_defense():
    deal = main_deal(
        "Pentagon signs magnet supply agreement with Acme Magnetics",
        "The Pentagon signed a ten-year agreement with Acme Magnetics to buy rare earth magnets. "
        "The DoD will also lend the company $150 million.",
    )
    assert "US Department of Defense" in names(deal)
    pentagon = next(p for p in deal.parties if p.name == "US Department of Defense")
    assert pentagon.text == "Pentagon"


def test_a_bare_congress_in_a_story_not_naming_the_us_is_not_the_us_congress():
    deal = main_deal(
        "Peru delays tariffs on Chinese imports",
        "Peru put off its planned tariffs on imports from China until March. Sent to Congress "
        "in May, the bill covers more than 1,000 products, among them steel, textiles and toys, "
        "with duties of up to 40%.",
    )
    assert "United States" not in names(deal)
    assert {"steel", "textiles"} <= {c.name for c in deal.commodities}


def test_congress_in_a_story_naming_the_us_stays_the_us_congress():
    deal = main_deal(
        "US lawmakers back tariffs on Chinese steel",
        "The United States will raise tariffs on steel from China. Congress passed the bill on "
        "Tuesday.",
    )
    assert "United States" in names(deal)


def test_a_country_opening_an_outlets_name_in_a_credit_line_is_not_a_party():
    deal = main_deal(
        "Chile and Japan open trade talks",
        "Santiago, (Wire / Norway Point News - 3rd May) : Chile and Japan will open talks on a "
        "free trade agreement next week, officials said.",
    )
    assert names(deal) == ["Chile", "Japan"]


def test_a_legal_form_is_not_part_of_the_party_name_but_stays_in_the_text_as_written():
    deal = main_deal(
        "Harbour Lithium Ltd signs offtake agreement with Toyota",
        "Harbour Lithium Ltd signed an offtake agreement to supply lithium to Toyota.",
    )
    harbour = next(p for p in deal.parties if p.name.startswith("Harbour"))
    assert harbour.name == "Harbour Lithium"
    assert harbour.text == "Harbour Lithium Ltd"


def test_a_firm_named_in_a_later_sentence_about_the_same_contract_is_a_party():
    deal = main_deal(
        "Kazakhstan signs deal to supply uranium to China",
        "Kazakhstan on Monday unveiled a long-term deal to supply China with uranium. "
        "Under the contract, Kazatomprom will deliver uranium concentrate to China National "
        "Nuclear Corporation.",
    )
    assert {"Kazatomprom", "China National Nuclear Corporation"} <= set(names(deal))


def test_firms_named_beside_an_earlier_deal_further_down_are_not_parties():
    deal = main_deal(
        "Indonesia and EU sign trade agreement",
        "Indonesia and the European Union signed a comprehensive trade agreement on Tuesday. "
        "Brussels hopes to add it to its deals with Vietnam and Singapore.",
    )
    assert names(deal) == ["European Union", "Indonesia"]


def test_members_a_story_lists_for_a_bloc_are_sides_of_its_agreement():
    deal = main_deal(
        "EU and Mercosur sign trade agreement",
        "The European Union and Mercosur signed a free trade agreement on Saturday. The pact "
        "still needs ratification in Brazil, Argentina, Uruguay and Paraguay, the Mercosur "
        "members.",
    )
    assert names(deal) == [
        "Argentina",
        "Brazil",
        "European Union",
        "Mercosur",
        "Paraguay",
        "Uruguay",
    ]


def test_members_named_where_the_story_tells_what_the_deal_opens_are_sides():
    deal = main_deal(
        "EU and Mercosur sign trade agreement",
        "The European Union and Mercosur signed a free trade agreement on Saturday. European "
        "exporters will pay lower duties in the South American market, whose Mercosur members "
        "are Argentina, Brazil, Paraguay and Uruguay.",
    )
    assert names(deal) == [
        "Argentina",
        "Brazil",
        "European Union",
        "Mercosur",
        "Paraguay",
        "Uruguay",
    ]


def test_two_members_named_in_passing_do_not_make_a_bloc_list():
    deal = main_deal(
        "EU and Mercosur sign trade agreement",
        "The European Union and Mercosur signed a free trade agreement on Saturday. European "
        "exporters, from carmakers in Germany to farmers in Greece, stand to gain.",
    )
    assert names(deal) == ["European Union", "Mercosur"]


def test_countries_an_agreement_is_said_to_be_in_force_for_are_its_sides():
    deal = main_deal(
        "Asia-Pacific trade pact takes effect",
        "Japan and China welcomed the trade pact's entry into force on Saturday. The agreement "
        "entered into force for China, Japan, Australia, New Zealand, Singapore and Vietnam.",
    )
    assert {"Australia", "New Zealand", "Singapore", "Vietnam"} <= set(names(deal))


def test_countries_that_are_only_the_homes_of_the_named_firms_are_not_sides():
    deal = main_deal(
        "Kazakhstan signs uranium supply deal with China",
        "Kazatomprom signed a long-term contract to supply uranium to China National Nuclear "
        "Corporation on Thursday.",
    )
    assert names(deal) == ["China National Nuclear Corporation", "Kazatomprom"]


def test_countries_stay_sides_when_only_one_firm_is_named():
    deal = main_deal(
        "China and Malaysia in talks on rare earths plant",
        "China and Malaysia are in preliminary talks to build a rare earths plant, with "
        "Malaysia's sovereign wealth fund Khazanah Nasional expected to partner with a Chinese "
        "state-owned enterprise.",
    )
    assert {"China", "Malaysia", "Khazanah Nasional"} <= set(names(deal))


def test_a_company_named_in_full_is_a_party_where_the_story_uses_its_short_name():
    deal = main_deal(
        "Pentagon partnership with Harbour puts magnet plant in Texas",
        "Harbour Materials will build its magnet plant in Texas. The plant is part of the "
        "partnership between Harbour and the Department of Defense, signed in July.",
    )
    assert names(deal) == ["Harbour Materials", "US Department of Defense"]


def test_a_day_opening_the_sentence_is_not_part_of_a_company_name():
    deal = main_deal(
        "Kazakhstan signs deal to supply uranium to China",
        "On Thursday Kazakhstan, the world's leading uranium producer, unveiled a long-term deal "
        "to supply uranium to China.",
    )
    assert names(deal) == ["China", "Kazakhstan"]


def test_congo_is_the_democratic_republic_in_a_story_that_names_its_capital():
    deal = main_deal(
        "US and Congo sign minerals partnership",
        "KINSHASA, April 3 - The United States and Congo signed a minerals partnership on "
        "cobalt and copper on Thursday, officials in Kinshasa said.",
    )
    assert names(deal) == ["Democratic Republic of the Congo", "United States"]
    congo = next(p for p in deal.parties if p.country == "CD")
    assert congo.text == "Congo"


def test_an_office_named_without_its_country_is_the_one_the_story_gave_it_before():
    result = extract(
        "China probes pecans from Mexico",
        "China's Commerce Ministry said on Thursday it was opening an anti-dumping investigation "
        "into pecans imported from Mexico. India and Brazil also grow pecans. The Commerce "
        "Ministry said it would impose duties on pecans from Mexico if dumping was found.",
        DAY,
    )
    assert all("India" not in names(deal) for deal in result.deals)


def test_an_office_of_a_country_the_story_never_names_is_the_datelines_country():
    deal = main_deal(
        "Agriculture department bans pork imports from Laos",
        "MANILA, June 28 - The Department of Agriculture on Friday banned imports of pork from "
        "Laos to keep African swine fever out of the country.",
    )
    assert names(deal) == ["Laos", "Philippines"]


def test_an_office_of_a_country_the_story_never_names_is_no_party_without_a_dateline():
    deal = main_deal(
        "Agriculture department bans pork imports from Laos",
        "The Department of Agriculture on Friday banned imports of pork from Laos to keep "
        "African swine fever out of the country.",
    )
    assert names(deal) == ["Laos"]


def test_congo_in_a_headline_in_capitals_is_the_democratic_republic_too():
    deal = main_deal(
        "CONGO HALTS COBALT EXPORTS FOR FOUR MONTHS",
        "The government suspended cobalt exports for four months on Saturday to curb a glut.",
    )
    assert names(deal) == ["Democratic Republic of the Congo"]


def test_congo_is_the_republic_in_a_story_that_names_brazzaville():
    deal = main_deal(
        "China and Congo sign oil supply agreement",
        "China and Congo signed an oil supply agreement in Brazzaville on Monday.",
    )
    assert names(deal) == ["China", "Republic of the Congo"]


def test_a_metals_exchange_named_after_a_capital_is_not_a_party():
    deal = main_deal(
        "Indonesia to ban nickel ore exports from January",
        "Indonesia will ban nickel ore exports from January, the energy ministry said. The ban "
        "sent nickel up 3% on the London Metal Exchange, and Goldman Sachs expects the ban to "
        "lift London nickel further.",
    )
    assert names(deal) == ["Indonesia"]


def goods(deal):
    return sorted(c.name for c in deal.commodities)


def test_multiword_goods_are_one_good_each():
    deal = main_deal(
        "Indonesia bans cooking oil and palm oil exports",
        "Indonesia banned exports of cooking oil and palm oil on Thursday, and India signed a "
        "deal cutting duties on gems and jewellery and medical devices.",
    )
    assert goods(deal) == ["palm oil", "vegetable oils"]
    assert next(c for c in deal.commodities if c.name == "vegetable oils").text == "cooking oil"


def test_goods_a_trade_agreement_gives_duty_free_access_are_its_goods():
    deal = main_deal(
        "India and UAE trade pact takes effect on May 1",
        "The comprehensive economic partnership agreement between India and the UAE takes "
        "effect on May 1. Labour-intensive sectors get duty-free access from the outset: "
        "textiles, gems and jewellery, leather, footwear, pharmaceuticals and medical devices.",
    )
    assert {"gems and jewellery", "leather", "medical devices", "footwear"} <= set(goods(deal))


def test_goods_of_a_measure_told_beside_the_agreement_stay_with_the_measure():
    result = extract(
        "Japan and Britain sign trade deal",
        "Japan and Britain signed a trade agreement on Monday that gives duty-free access to "
        "cars. Separately, Japan imposed tariffs of 20% on steel from China.",
        DAY,
    )
    agreement = next(d for d in result.deals if d.kind == "agreement")
    assert "steel" not in goods(agreement)


def test_goods_an_economy_lives_on_are_not_goods_of_the_deal():
    deal = main_deal(
        "South Korea and GCC sign free trade agreement",
        "South Korea and the Gulf Cooperation Council signed a free trade agreement on Thursday, "
        "as the Gulf states, long dependent on oil and gas income, seek to diversify.",
    )
    assert goods(deal) == []


def test_magnets_named_by_their_alloy_are_rare_earth_magnets():
    deal = main_deal(
        "Harbour Materials signs magnet supply agreement with the Pentagon",
        "Harbour Materials signed an agreement with the Pentagon to supply "
        "neodymium-iron-boron (NdFeB) magnets.",
    )
    assert goods(deal) == ["rare earth magnets"]


def test_a_country_in_the_apposition_describing_a_firm_is_not_a_party():
    deal = main_deal(
        "Pentagon to take stake in magnet maker",
        "The Pentagon agreed to buy a $400 million stake in Vulcan Materials, the only US "
        "magnet maker, on Thursday.",
    )
    assert names(deal) == ["US Department of Defense", "Vulcan Materials"]


def test_a_port_named_after_a_company_name_is_no_party():
    deal = main_deal(
        "Brazil and China sign soybean supply agreement",
        "Brazil and China signed a soybean supply agreement on Monday; cargoes will leave "
        "through the port of Santos.",
    )
    assert names(deal) == ["Brazil", "China"]


def test_cptpp_is_a_party_to_accession_talks():
    deal = main_deal(
        "Four countries to start CPTPP membership talks",
        "Members of the Comprehensive and Progressive Agreement for Trans-Pacific Partnership, "
        "known as the CPTPP, agreed on Friday to open accession talks with Uruguay and "
        "Indonesia.",
    )
    assert "CPTPP" in names(deal)


def test_the_reason_for_a_measure_and_examples_of_whom_it_reaches_are_not_its_sides():
    result = extract(
        "EU embargo on Russian crude takes effect",
        "The European Union's embargo on Russian crude oil took effect on Monday. The embargo "
        "was meant to punish Moscow for its invasion of Ukraine and reaches buyers such as India "
        "and China.",
        DAY,
    )
    measure = result.deals[0]
    assert names(measure) == ["European Union", "Russia"]


def test_the_measure_of_another_imposer_in_an_even_if_clause_is_not_a_side():
    deal = main_deal(
        "Poland extends ban on Ukrainian grain",
        "Poland extended its ban on imports of Ukrainian grain on Tuesday, even if the current "
        "EU restrictions expire on Friday.",
    )
    assert names(deal) == ["Poland", "Ukraine"]


def test_a_bloc_described_in_a_sentence_of_its_own_does_not_bring_its_members():
    deal = main_deal(
        "Japan and GCC resume free trade talks",
        "Japan and the Gulf Cooperation Council resumed free trade talks on Sunday. The GCC's "
        "six members are Bahrain, Kuwait, Oman, Qatar, Saudi Arabia and the United Arab Emirates.",
    )
    assert names(deal) == ["Gulf Cooperation Council", "Japan"]


def test_firms_named_in_the_rest_of_the_lead_paragraph_are_the_sides_behind_the_countries():
    deal = main_deal(
        "Qatar inks long gas supply deal with China",
        "Qatar on Monday announced a 27-year agreement to supply natural gas to China. The state "
        "energy company said QatarEnergy will ship LNG to Sinopec from next year.\n\n"
        "Qatar's gas also goes to Japan and South Korea.",
    )
    assert names(deal) == ["QatarEnergy", "Sinopec"]


def test_a_firm_and_a_foreign_ministry_stand_for_their_countries():
    deal = main_deal(
        "Canada hails uranium supply deal with India",
        "NEW DELHI: Saskatoon-based Cameco signed a contract on Monday to supply uranium to "
        "India's Department of Atomic Energy, valued at roughly CA$ 2.6 billion.",
    )
    assert names(deal) == ["Cameco", "Department of Atomic Energy"]


def test_the_pentagon_and_a_firm_do_not_bring_their_country_along():
    deal = main_deal(
        "US Pentagon takes stake in magnet maker",
        "The US Department of Defense agreed to buy a $400 million stake in MP Materials.",
    )
    assert names(deal) == ["MP Materials", "US Department of Defense"]


def test_a_trade_deal_told_by_two_ministries_keeps_its_countries():
    deal = main_deal(
        "US and China sign trade agreement",
        "The United States and China signed a trade agreement on Friday, the Office of the US "
        "Trade Representative and China's Ministry of Commerce said.",
    )
    assert {"China", "United States"} <= set(names(deal))


def test_goods_of_the_tariff_terms_in_a_story_about_an_agreement_are_its_goods():
    result = extract(
        "US and India agree framework for interim trade deal",
        "The United States and India agreed a framework for an interim trade agreement on "
        "Saturday. India will cut tariffs on US tree nuts, wine and spirits. The US will levy a "
        "reciprocal tariff rate of 18 per cent on goods from India such as textiles and leather, "
        "and will lift the tariff on aircraft parts and diamonds.",
        DAY,
    )
    agreement = next(d for d in result.deals if d.kind == "agreement")
    assert {"nuts", "wine", "spirits", "textiles", "leather", "aircraft", "diamonds"} <= set(
        goods(agreement)
    )


def test_goods_an_economy_is_famous_for_are_background():
    result = extract(
        "US and Switzerland reach deal to cut tariffs",
        "The United States and Switzerland reached a deal on Friday to cut the tariffs that had "
        "hurt the Swiss economy, famous for watches, industrial machinery and cheese.",
        DAY,
    )
    assert all(not goods(deal) for deal in result.deals)


def test_forms_of_a_metal_are_that_metal():
    deal = main_deal(
        "China to limit antimony exports",
        "China will restrict exports of antimony ore, antimony metals and antimony oxide from "
        "September 15, the commerce ministry said.",
    )
    assert goods(deal) == ["antimony"]


def test_firms_a_tariff_story_gives_rates_are_targets_of_the_measure():
    deal = main_deal(
        "EU sets provisional duties on Chinese electric vehicles",
        "The European Commission will impose provisional duties on electric vehicles from China "
        "from July 4. The rates for the sampled producers:\n\n- BYD: 17.4%;\n- Geely: 20%;\n\n"
        "Tesla, having made a case for a separate examination, will pay 7.8%.",
    )
    assert {"BYD", "Geely", "Tesla"} <= set(names(deal))


def test_goods_a_side_wants_more_access_for_are_goods_of_the_talks():
    deal = main_deal(
        "US trade team delays visit to New Delhi for trade talks",
        "A US trade team delayed its visit to New Delhi for the next round of trade talks with "
        "India. Washington has been pressing for more access to India's dairy markets.",
    )
    assert "dairy" in goods(deal)


def test_what_a_good_is_made_into_is_not_a_good_of_the_measure():
    deal = main_deal(
        "Indonesia to ban nickel ore exports",
        "Indonesia will ban exports of nickel ore from January, hitting supplies to smelters of "
        "nickel, which goes into stainless steel.",
    )
    assert "steel" not in goods(deal)


def test_a_dateline_with_city_and_country_and_a_capital_named_as_the_venue_are_places():
    deal = main_deal(
        "Japan and GCC to resume free trade talks",
        "Jeddah, Saudi Arabia, July 16 (Jiji Press)--Japan and the Gulf Cooperation Council "
        "agreed on Sunday to resume talks on a free trade agreement, and signed a memorandum in "
        "the Saudi capital Riyadh.",
    )
    assert names(deal) == ["Gulf Cooperation Council", "Japan"]


def test_a_possessive_short_name_is_the_company_named_in_full():
    deal = main_deal(
        "Japan to fund Harbour's rare earths plant",
        "Harbour Materials runs a rare earths plant in Texas. Japan's JOGMEC signed an agreement "
        "to fund Harbour's plant on Tuesday.",
    )
    assert "Harbour Materials" in names(deal)
    assert next(p for p in deal.parties if p.name == "Harbour Materials").text in {
        "Harbour",
        "Harbour Materials",
    }


def test_a_wire_tag_before_the_headline_is_not_a_company():
    deal = main_deal(
        "UPDATE 2-Harbour Lithium signs offtake agreement with Toyota",
        "Harbour Lithium Ltd signed an offtake agreement to supply lithium to Toyota.",
    )
    assert "UPDATE" not in names(deal)


def test_a_quantity_opening_a_sentence_is_not_a_company():
    deal = main_deal(
        "Ukraine and Turkey agree grain corridor",
        "Ukraine and Turkey signed an agreement on a grain corridor on Monday. More ships are due "
        "to sail under the agreement next week.",
    )
    assert names(deal) == ["Turkey", "Ukraine"]


def test_a_company_name_does_not_start_in_the_sentence_before():
    deal = main_deal(
        "Kestrel signs offtake agreement with Toyota",
        "Talks began in December. Kestrel Holdco, a mining company, signed an offtake "
        "agreement to supply lithium to Toyota.",
    )
    assert "Kestrel Holdco" in names(deal)


def test_a_firm_described_by_its_country_in_apposition_is_named_and_the_country_is_no_side():
    deal = main_deal(
        "Gulf fund in talks to invest in Kenya's top mobile lender",
        "The Abu Dhabi Investment Authority and Mkopa, Kenya's largest mobile lender, are in "
        "talks over a stake deal, people familiar with the talks said. Neither Mkopa nor the "
        "fund commented.",
    )
    assert "Mkopa" in names(deal)
    assert "Kenya" not in names(deal)


def test_a_possessive_country_before_a_firm_noun_describes_a_firm_not_the_country():
    deal = main_deal(
        "Qatar fund signs stake deal with Kenya's biggest mobile lender",
        "The Qatar Investment Authority signed an agreement to buy a stake in a lender.",
    )
    assert "Kenya" not in names(deal)


def test_a_possessive_country_before_a_named_firm_leaves_the_name_to_the_firm():
    deal = main_deal(
        "Qatar fund signs stake deal with Kenya's biggest lender Mkopa Holdings",
        "The Qatar Investment Authority signed an agreement to buy a stake in Mkopa Holdings.",
    )
    assert "Mkopa Holdings" in names(deal)


def test_a_unit_named_after_its_group_is_a_party_of_its_own_also_by_its_short_name():
    deal = main_deal(
        "Qatar fund in talks to buy stake in Tata Retail",
        "The Qatar Investment Authority is in talks to buy a stake in Tata Retail Brands Ltd, "
        "people familiar with the talks said.",
    )
    assert names(deal) == ["Qatar Investment Authority", "Tata Retail Brands"]


def test_a_brand_with_a_generic_word_after_it_is_still_the_brand():
    deal = main_deal(
        "Toyota Motor Corp signs lithium supply agreement with Harbour Lithium",
        "Toyota Motor Corp signed an agreement to buy lithium from Harbour Lithium Ltd.",
    )
    assert "Toyota" in names(deal)


def test_the_country_an_asset_lies_in_is_not_a_side_of_a_deal_for_a_stake_in_it():
    deal = main_deal(
        "Harbour Lithium to buy stake in Peru copper project",
        "Harbour Lithium Ltd signed an agreement with Andes Copper Corp to buy a 40% stake in "
        "its Peruvian copper project.",
    )
    assert names(deal) == ["Andes Copper", "Harbour Lithium"]


def test_the_group_that_owns_a_side_is_not_a_side_of_its_own():
    deal = main_deal(
        "Andes Copper signs memorandum with Kestrel Holdings",
        "Andes Copper Corp signed a memorandum of understanding with Kestrel Holdings, a unit of "
        "mining group Orion Resources Ltd, to sell copper concentrate.",
    )
    assert names(deal) == ["Andes Copper", "Kestrel Holdings"]


def test_the_country_of_a_newspaper_the_story_cites_is_not_a_side():
    deal = main_deal(
        "EU and China start talks on minimum prices for electric cars",
        "The European Union and China have started talks on minimum prices for electric cars, "
        "Le Courrier, a French newspaper, reported on Thursday.",
    )
    assert names(deal) == ["China", "European Union"]


def test_a_country_whose_goods_a_target_buys_is_the_reason_for_a_tariff_not_a_side():
    result = extract(
        "US imposes extra tariff on Turkey",
        "The United States imposed an additional 20% tariff on goods from Turkey over its "
        "purchases of Iranian oil.",
        DAY,
    )
    measure = next(d for d in result.deals if d.kind == "measure")
    assert names(measure) == ["Turkey", "United States"]


def test_the_goods_of_a_firms_line_and_of_an_office_are_not_goods_of_the_deal():
    deal = main_deal(
        "Harbour Mining signs copper supply agreement with Andes Petroleum",
        "Harbour Mining Ltd signed an agreement to supply copper to oil and gas major Andes "
        "Petroleum, the director general for coal and minerals said.",
    )
    assert goods(deal) == ["copper"]


def test_a_good_of_a_third_country_is_not_a_good_of_the_deal():
    deal = main_deal(
        "India and US sign interim trade deal",
        "India and the United States signed an interim trade agreement on Friday that cuts "
        "tariffs on textiles, and India agreed to stop buying Venezuelan oil.",
    )
    assert goods(deal) == ["textiles"]


def test_a_one_word_short_form_of_a_broader_good_is_the_good_the_deal_names():
    deal = main_deal(
        "Qatar signs LNG supply deal with Japan",
        "QatarEnergy signed a 20-year agreement to supply LNG to JERA, the largest gas supply "
        "deal in Japan's history.",
    )
    assert goods(deal) == ["LNG"]


def test_the_countries_a_measure_lists_as_its_targets_are_its_sides_however_many():
    result = extract(
        "Mexico imposes tariffs on Asian imports",
        "Mexico imposed tariffs of up to 50% on imports from China on Thursday. The duties "
        "target countries that do not have a trade agreement with Mexico, including Indonesia, "
        "Thailand, Vietnam, Malaysia and India. Chinese officials objected to the tariffs, and "
        "Canadian exporters said the US tariffs on their goods were worse.",
        DAY,
    )
    measure = next(d for d in result.deals if d.kind == "measure")
    listed = {"Indonesia", "Thailand", "Vietnam", "Malaysia", "India"}
    assert listed <= set(names(measure))
    assert not any(listed & set(names(d)) for d in result.deals if d.kind == "agreement")


def test_the_consortium_a_story_names_is_a_party():
    deal = main_deal(
        "Gulf consortium signs agreement to buy Andes Petroleum",
        "A consortium led by ADNOC signed an agreement to buy Andes Petroleum. The KRX consortium "
        "pairs ADNOC with private equity firm Carlyle.",
    )
    assert "KRX" in names(deal)


def test_an_indefinite_consortium_of_a_brand_is_not_a_party_of_its_own():
    deal = main_deal(
        "LG Chem signs battery supply agreement with Indonesia",
        "LG Chem signed an agreement to supply batteries to Indonesia. The project brought an "
        "LG consortium of South Korean companies together.",
    )
    assert "LG" not in names(deal)


def test_a_supply_deal_told_by_its_countries_is_between_the_firms_the_next_sentences_name():
    deal = main_deal(
        "First Qatari LNG cargo to Vietnam arrives",
        "Vietnam's first Qatari cargo of LNG arrived on Friday under a long-term supply deal "
        "signed last year. The cargo left Ras Laffan in March.\n\n"
        "Mekong Energy, which has contracted for 1 million tonnes a year of LNG from "
        "QatarEnergy, said it will take 12 cargoes a year.",
    )
    assert names(deal) == ["Mekong Energy", "QatarEnergy"]


def test_a_trade_agreement_told_by_its_countries_keeps_them_as_its_sides():
    deal = main_deal(
        "Vietnam and Qatar sign trade agreement",
        "Vietnam and Qatar signed a free trade agreement on Friday. The deal cuts tariffs on "
        "LNG.\n\nPetroVietnam Gas and QatarEnergy said they will sign supply contracts.",
    )
    assert names(deal) == ["Qatar", "Vietnam"]


def test_an_acronym_of_a_named_company_is_that_company():
    deal = main_deal(
        "HMC to sign magnet supply agreement with Toyota",
        "Harbour Magnetics Corp signed an agreement to supply rare earth magnets to Toyota. HMC "
        "will deliver the magnets under the agreement from next year.",
    )
    assert names(deal) == ["Harbour Magnetics", "Toyota"]


def test_an_acronym_a_named_fund_is_given_in_brackets_is_that_fund():
    deal = main_deal(
        "Silk Road Fund to invest in Indonesia sovereign fund",
        "China's Silk Road Fund signed a framework agreement to invest 20 billion yuan in the "
        "Indonesia Investment Authority (INA) on Monday. The agreement allows investment in every "
        "sector open to foreigners, the INA said.",
    )
    assert names(deal) == ["Indonesia Investment Authority", "Silk Road Fund"]


def test_europe_is_the_continent_in_a_story_that_does_not_name_the_bloc():
    deal = main_deal(
        "Qatar signs gas supply deal with China",
        "QatarEnergy signed a 27-year agreement to supply LNG to Sinopec on Monday, as Europe "
        "searches for new sources of gas.",
    )
    assert "European Union" not in names(deal)


def test_european_countries_are_countries_of_the_continent_not_the_bloc():
    result = extract(
        "US threatens tariffs on European countries and the EU",
        "The United States threatened tariffs on European countries opposing its plan, and the "
        "EU said it would respond.",
        DAY,
    )
    measure = next(d for d in result.deals if d.kind == "measure")
    eu = [p for p in measure.parties if p.name == "European Union"]
    assert all(p.text != "European" for p in eu)


def test_a_country_given_as_a_yardstick_for_a_rate_is_not_a_side():
    deal = main_deal(
        "US and Norway reach trade deal cutting tariffs",
        "The United States and Norway reached a trade agreement on Friday that lowers US tariffs "
        "on Norwegian goods to 15%, matching the rate applied to Japan.",
    )
    assert names(deal) == ["Norway", "United States"]


def test_the_government_that_clears_a_deal_between_firms_is_its_regulator_not_a_side():
    deal = main_deal(
        "Harbour Mining's purchase of Andes Copper wins conditional Chilean approval",
        "Chile has conditionally cleared Harbour Mining Ltd's $2 billion agreement to buy Andes "
        "Copper Corp, after the company offered to keep supplying copper to local smelters.",
    )
    assert names(deal) == ["Andes Copper", "Harbour Mining"]


def test_what_a_group_of_economies_sells_and_non_oil_trade_are_no_goods_of_the_deal():
    deal = main_deal(
        "India and GCC sign terms of reference for free trade talks",
        "India and the Gulf Cooperation Council signed the terms of reference for free trade "
        "talks, which aim to lift non-oil trade, while the Gulf nations export oil and gas.",
    )
    assert goods(deal) == []


def test_goods_a_trade_deal_frees_of_tariffs_are_its_goods_not_a_measures():
    result = extract(
        "Canada and China reach tariff deal on canola",
        "Canada and China struck a trade deal on Friday under which China cuts its duties on "
        "canola. Chinese tariffs will no longer apply to Canadian peas and lobsters from March.",
        DAY,
    )
    agreement = next(d for d in result.deals if d.kind == "agreement")
    assert {"peas", "seafood"} <= set(goods(agreement))
    for measure in (d for d in result.deals if d.kind == "measure"):
        assert not {"peas", "seafood"} & set(goods(measure))


def test_a_broad_category_listed_among_goods_is_a_good_of_the_deal():
    deal = main_deal(
        "Japan and Peru sign trade agreement",
        "Japan and Peru signed a trade agreement that opens Japan's market to Peruvian copper, "
        "coffee and other farm products.",
    )
    assert "agriculture" in goods(deal)


def test_a_broad_category_named_beside_its_own_good_outside_a_list_adds_nothing():
    deal = main_deal(
        "Japan and Peru sign copper supply agreement",
        "Japan and Peru signed an agreement on copper supplies, which the metals industry "
        "welcomed.",
    )
    assert goods(deal) == ["copper"]


def test_a_broad_category_whose_goods_are_named_one_by_one_stands_for_them():
    deal = main_deal(
        "China cuts tariffs on Canadian farm goods",
        "China said on Friday it will cut tariffs on Canadian farm goods, among them canola meal, "
        "peas, pork and lobster, from March 1.",
    )
    assert goods(deal) == ["canola meal", "peas", "pork", "seafood"]


def test_a_broad_category_in_the_headline_stays_beside_one_of_its_goods():
    deal = main_deal(
        "Poland extends ban on Ukrainian grain",
        "Poland extended its ban on imports of Ukrainian grain, mainly wheat, until the end of "
        "the year.",
    )
    assert goods(deal) == ["grain", "wheat"]


def test_ships_that_carry_the_goods_are_not_goods_of_the_deal():
    deal = main_deal(
        "First wheat ship leaves Constanta under export deal",
        "Romania and Egypt signed an agreement on wheat exports, and the first wheat ship left "
        "Constanta under the agreement on Monday. More ships will sail under the agreement.",
    )
    assert goods(deal) == ["wheat"]


def test_ships_a_deal_builds_are_its_goods():
    deal = main_deal(
        "Korea and Greece sign shipbuilding agreement",
        "South Korea and Greece signed an agreement under which Korean yards will build ships "
        "for Greek owners.",
    )
    assert goods(deal) == ["ships"]


def test_goods_a_government_may_look_at_later_are_not_goods_of_its_measure():
    result = extract(
        "Mexico to put 50% tariff on Chinese steel",
        "Mexico will put a 50% tariff on steel imported from China from October 1. More tariffs "
        "may follow, as officials look at other strategic industries, including semiconductors "
        "and solar panels.",
        DAY,
    )
    measure = next(d for d in result.deals if d.kind == "measure")
    assert goods(measure) == ["steel"]


def test_an_agreement_told_in_passing_between_other_sides_is_a_deal_of_its_own():
    result = extract(
        "Kazakhstan signs uranium supply deal with China",
        "Kazakhstan's Kazatomprom signed an agreement on Thursday to supply uranium to China "
        "National Nuclear Corporation.\n\nLast week, Harbour Mining Ltd signed a cooperation "
        "agreement with Andes Copper Corp.",
        DAY,
    )
    agreements = [d for d in result.deals if d.kind == "agreement"]
    assert "Harbour Mining" not in names(agreements[0])
    assert any(names(d) == ["Andes Copper", "Harbour Mining"] for d in agreements[1:])


def test_the_members_of_a_bloc_the_lead_names_make_no_agreement_of_their_own():
    result = extract(
        "UK and GCC close to trade deal",
        "Britain is close to signing a free trade agreement with the Gulf Cooperation Council.\n\n"
        "The agreement, signed by Saudi Arabia, Qatar and Kuwait among others, would cut tariffs.",
        DAY,
    )
    assert len([d for d in result.deals if d.kind == "agreement"]) == 1


def test_an_earlier_agreement_of_a_side_with_another_country_is_a_deal_of_its_own():
    result = extract(
        "Chile signs trade pact with Peru",
        "Chile and Peru signed a free trade agreement in Lima on Monday that cuts duties on "
        "copper and fruit.\n\nIt is the latest of several trade deals Chile has signed, the most "
        "recent being an economic partnership agreement with Japan, which cuts tariffs on wine.",
        DAY,
    )
    main, *rest = result.deals
    assert (main.kind, main.stage, names(main)) == ("agreement", "signed", ["Chile", "Peru"])
    earlier = [d for d in rest if d.kind == "agreement"]
    assert [(d.stage, names(d)) for d in earlier] == [("signed", ["Chile", "Japan"])]
    assert "Japan" in earlier[0].stage_quote
    assert [c.name for c in main.commodities] == ["copper", "fruit"]


def test_the_lead_deal_told_on_with_its_other_side_stays_one_deal():
    result = extract(
        "Chile signs trade pact",
        "Chile signed a free trade agreement in Lima on Monday that cuts duties on copper.\n\n"
        "The agreement with Peru was signed by the two trade ministers.",
        DAY,
    )
    assert len([d for d in result.deals if d.kind == "agreement"]) == 1


def test_the_other_side_of_the_lead_deal_named_further_down_makes_no_deal_of_its_own():
    result = extract(
        "EU seals trade deal",
        "The European Union sealed a long-awaited trade deal on Tuesday after years of talks.\n\n"
        "Brussels signed a comprehensive economic partnership agreement with Indonesia in Bali, "
        "cutting tariffs on palm oil.",
        DAY,
    )
    agreements = [d for d in result.deals if d.kind == "agreement"]
    assert [names(d) for d in agreements] == [["European Union", "Indonesia"]]


def test_a_deal_a_side_also_has_with_another_firm_is_a_signed_deal_of_its_own():
    result = extract(
        "Harbour Lithium signs supply deal with Tesla",
        "Harbour Lithium Ltd signed an agreement on Monday to supply lithium to Tesla for five "
        "years.\n\nHarbour Lithium also has an offtake deal with Andes Copper Corp, and its shares "
        "rose 4%.",
        DAY,
    )
    main, *rest = result.deals
    assert names(main) == ["Harbour Lithium", "Tesla"]
    assert [(d.stage, names(d)) for d in rest] == [("signed", ["Andes Copper", "Harbour Lithium"])]


def test_a_country_negotiating_to_join_the_lead_bloc_is_an_agreement_of_its_own():
    result = extract(
        "CPTPP opens accession talks with Uruguay",
        "Members of the CPTPP agreed on Friday to open accession talks with Uruguay.\n\n"
        "Ministers also said negotiations on Costa Rica's membership, under way for a year, "
        "had made progress.",
        DAY,
    )
    main, *rest = result.deals
    assert names(main) == ["CPTPP", "Uruguay"]
    assert [(d.stage, names(d)) for d in rest] == [("negotiating", ["CPTPP", "Costa Rica"])]


def test_a_country_joining_another_body_makes_no_agreement_with_the_lead_bloc():
    result = extract(
        "UK and Mercosur sign trade deal",
        "Britain and Mercosur signed a trade agreement in Asuncion on Saturday that cuts tariffs "
        "on beef.\n\nMinisters also said negotiations on Kazakhstan's membership of the World "
        "Trade Organization, under way for a year, had made progress.",
        DAY,
    )
    assert [names(d) for d in result.deals if d.kind == "agreement"] == [
        ["Mercosur", "United Kingdom"]
    ]


def test_countries_named_in_passing_in_a_later_sentence_make_no_agreement_of_their_own():
    result = extract(
        "Vietnam and Japan firms begin refinery expansion",
        "Petrovietnam and Idemitsu Kosan began construction of a refinery expansion on Monday "
        "under their investment agreement.\n\nThe minister said the agreement would cut Vietnam's "
        "reliance on imported fuel from Singapore and South Korea.",
        DAY,
    )
    assert len([d for d in result.deals if d.kind == "agreement"]) == 1


def test_a_firm_named_with_the_ore_it_mines_is_a_company():
    deal = main_deal(
        "Harbour Lithium signs joint venture with Pilbara Iron Ore",
        "Harbour Lithium Ltd set up a joint venture with Pilbara Iron Ore to develop a mine.",
    )
    assert "Pilbara Iron Ore" in names(deal)


def test_goods_of_a_sentence_that_goes_on_about_the_deal_by_a_pronoun_are_its_goods():
    deal = main_deal(
        "Chile and India sign trade pact",
        "Chile and India signed a comprehensive economic partnership agreement in Delhi on Monday. "
        "It will open up investment in industries such as copper and pharmaceuticals.",
    )
    assert {"copper", "pharmaceuticals"} <= set(goods(deal))


def test_a_capitalised_good_opening_a_name_in_running_text_is_a_company():
    deal = main_deal(
        "Toyota signs supply agreement with Lithium Andes",
        "On Monday Lithium Andes said it had signed an agreement to supply lithium carbonate to "
        "Toyota.",
    )
    assert "Lithium Andes" in names(deal)


def test_a_good_inside_a_longer_company_name_opens_no_name_of_its_own():
    deal = main_deal(
        "Kazakhstan signs uranium supply deal with China",
        "Kazatomprom signed an agreement to supply uranium to China National Uranium Corporation "
        "on Thursday.",
    )
    assert not any(name.startswith("Uranium") for name in names(deal))


def test_a_sentence_telling_the_measures_history_gives_it_no_sides_or_goods():
    deal = main_deal(
        "Malaysia to ban bauxite exports from January",
        "Malaysia will halt exports of bauxite from January 1, a senior minister said on Monday."
        "\nThe decision is meant to force miners to build refineries at home.\nIn 2016, Malaysia "
        "banned exports of raw ore and tin, prompting Guinea to become the biggest supplier of "
        "bauxite to China.",
        datetime.date(2025, 6, 1),
    )
    assert (deal.stage, names(deal)) == ("threatened", ["Malaysia"])
    assert [c.name for c in deal.commodities] == ["bauxite"]


def test_the_bloc_is_the_one_bloc_the_story_has_named():
    deal = main_deal(
        "India wraps up trade negotiations after 18 years",
        "The European Union has long sought wider access to Indian markets. On Tuesday the bloc "
        "and India concluded negotiations on a free trade agreement, officials said.",
    )
    assert sorted(names(deal)) == ["European Union", "India"]
    assert {p.name: p.text for p in deal.parties}["European Union"] == "European Union"
    deal = main_deal(
        "Chile wraps up trade negotiations",
        "The European Union and Mercosur have long courted Chile. On Tuesday the bloc and Chile "
        "concluded negotiations on a free trade agreement, officials said.",
    )
    assert names(deal) == ["Chile"]


def test_a_firm_the_gazetteer_does_not_know_is_found_by_how_the_story_introduces_it():
    body = (
        "{} has signed a binding offtake agreement with Nordvolt, the Swedish battery maker, to "
        "supply spodumene for five years, the companies said on Monday."
    )
    for subject in (
        "Kestrel Peak (ASX: KPK)",
        "Perth-based Kestrel Peak",
        "Kestrel Peak, an ASX-listed explorer,",
        "Kestrel Peak, a lithium start-up,",
        "Kestrel Peak, an Australian lithium hopeful,",
        "Kestrel Peak, one of Australia's biggest lithium miners,",
    ):
        deal = main_deal("Lithium offtake agreement signed", body.format(subject))
        assert sorted(names(deal)) == ["Kestrel Peak", "Nordvolt"], subject


def test_goods_whose_tariffs_a_deal_leaves_as_they_are_are_not_its_goods():
    deal = main_deal(
        "Chile and Korea agree trade deal",
        "Chile and South Korea agreed a trade deal on Friday that removes tariffs on wine and "
        "cars, while the tariffs on copper and salmon will stay in place, officials said.",
    )
    assert [c.name for c in deal.commodities] == ["wine", "autos"]


def test_a_bloc_named_only_to_describe_a_side_is_not_a_side_and_brings_no_members():
    deal = main_deal(
        "Canada to open trade talks with Vietnam",
        "Canada will begin negotiating a free trade agreement with Vietnam, whose economy is "
        "among the fastest growing in the Association of Southeast Asian Nations (ASEAN), the "
        "government said. Canada is also negotiating with ASEAN members Thailand, Malaysia, "
        "the Philippines, Indonesia and Singapore.",
    )
    assert names(deal) == ["Canada", "Vietnam"]


def test_a_country_described_as_a_member_of_a_bloc_keeps_the_bloc_out_of_its_deal():
    deal = main_deal(
        "Japan and Chile sign a trade pact",
        "Japan signed a trade pact with Chile, a member of the Pacific Alliance, on Monday.",
    )
    assert names(deal) == ["Chile", "Japan"]


def test_a_wire_tag_after_the_dateline_city_is_no_party():
    result = extract(
        "Ghana signs cocoa supply contract",
        "ACCRA, GNA - Ghana signed a cocoa supply contract with Barry Callebaut on Monday.",
        DAY,
    )
    assert all("GNA" not in names(deal) for deal in result.deals)


def test_a_country_a_measure_is_brought_into_line_with_is_no_side():
    for phrase in (
        "as it seeks alignment with the US",
        "to bring it into line with that of the US",
    ):
        deal = main_deal(
            "Peru raises tariffs on Chinese steel",
            f"Peru will raise tariffs on steel from China to 30% from March, {phrase}.",
        )
        assert names(deal) == ["China", "Peru"], phrase


def test_a_country_opposing_an_agreement_is_no_side():
    deal = main_deal(
        "Chile and Korea sign trade pact despite Japanese objections",
        "Chile and South Korea signed a free trade agreement on Monday.",
    )
    assert names(deal) == ["Chile", "South Korea"]


def test_a_country_named_only_as_the_origin_of_goods_is_no_side_of_an_agreement():
    deal = main_deal(
        "Peru and Chile begin trade talks, discuss Argentine beef",
        "Peru and Chile opened talks on a trade agreement on Monday.",
    )
    assert names(deal) == ["Chile", "Peru"]


def test_a_country_buying_goods_of_another_under_an_agreement_keeps_that_other_as_a_side():
    deal = main_deal(
        "Japan agrees to buy American rice under trade deal",
        "Japan agreed on Tuesday to buy more American rice under a trade deal.",
    )
    assert names(deal) == ["Japan", "United States"]


def test_a_regulator_that_must_approve_a_deal_between_firms_is_no_side():
    deal = main_deal(
        "Glencore signs cobalt supply deal with Umicore",
        "Glencore signed a five-year cobalt supply agreement with Umicore on Monday, which the "
        "European Commission must approve before deliveries start.",
    )
    assert names(deal) == ["Glencore", "Umicore"]


def test_a_place_before_the_company_said_is_no_company():
    deal = main_deal(
        "Acme Magnetics wins Pentagon contract",
        "Acme Magnetics Inc has won a contract from the Pentagon to build a magnet plant in Ohio, "
        "the company said.",
    )
    assert names(deal) == ["Acme Magnetics", "US Department of Defense"]


def test_a_measure_told_as_the_governments_is_that_of_the_country_whose_offices_the_story_names():
    deal = main_deal(
        "Govt extends ban on onion exports",
        "The government has extended its ban on onion exports until further orders. The "
        "Directorate General of Foreign Trade (DGFT) issued the notification on Friday.",
    )
    assert names(deal) == ["India"]


def test_a_measure_told_as_the_governments_is_that_of_the_datelines_country():
    deal = main_deal(
        "Government bans rice exports",
        "HANOI, March 3 - The government on Monday banned rice exports for two months to keep "
        "prices at home in check.",
    )
    assert names(deal) == ["Vietnam"]


def test_a_country_named_past_the_lead_of_a_measure_whose_lead_names_both_sides_is_background():
    deal = main_deal(
        "EU imposes duties on Chinese electric vehicles",
        "The European Union on Wednesday imposed anti-subsidy duties on electric vehicles made "
        "in China. Analysts said New Zealand could sell more dairy to China if Beijing raised "
        "tariffs on European dairy in retaliation.",
    )
    assert names(deal) == ["China", "European Union"]


def test_the_targets_a_measure_lists_past_its_lead_are_still_its_sides():
    deal = main_deal(
        "Mexico raises tariffs on Chinese imports",
        "Mexico raised tariffs on imports from China to 35% on Monday. Mexico imposed the tariffs "
        "on countries without trade agreements, including Indonesia, Thailand and South Korea.",
    )
    assert {"Indonesia", "Thailand", "South Korea"} <= set(names(deal))


def test_other_sellers_a_measure_is_said_to_help_are_not_its_sides():
    deal = main_deal(
        "India bans sugar exports",
        "India banned sugar exports on Tuesday. The ban is expected to lift prices for exporters "
        "such as Brazil and Thailand.",
    )
    assert names(deal) == ["India"]


def test_a_country_a_quarrel_is_over_is_no_side():
    result = extract(
        "EU freezes trade deal over Norway tariff threats",
        "The European Union has suspended work on its trade deal with Chile, citing tariff "
        "threats aimed at Norway.",
        DAY,
    )
    assert result.relevant
    assert not any(p.name == "Norway" for d in result.deals for p in d.parties)


def test_countries_listed_after_cooperation_between_are_no_sides_of_the_deal():
    deal = main_deal(
        "India and UAE conclude talks on trade pact",
        "India and the United Arab Emirates have settled every element of their planned free "
        "trade agreement, the UAE envoy said on Thursday. He described the pact as an outgrowth "
        "of trilateral cooperation between the UAE, India and Israel.",
    )
    assert names(deal) == ["India", "United Arab Emirates"]


def test_a_country_the_lead_names_only_as_the_owner_of_tariffs_is_no_side_of_the_agreement():
    deal = main_deal(
        "Chile and EU clinch trade agreement",
        "Chile and the European Union on Monday wrapped up a free trade agreement, hoping to "
        "cushion the effect of US President Donald Trump's tariffs. The pact scraps duties on "
        "most goods.",
    )
    assert names(deal) == ["Chile", "European Union"]


def test_a_country_someone_would_take_control_of_is_no_side():
    result = extract(
        "Trump threatens tariffs on Norway",
        "Trump said he would slap tariffs on Norway unless it let the US take control of Iceland.",
        DAY,
    )
    assert [names(d) for d in result.deals] == [["Norway", "United States"]]


def test_the_country_of_the_city_a_deal_was_signed_in_is_no_side():
    deal = main_deal(
        "Peru and Chile sign trade pact",
        "Peru and Chile signed a free trade agreement on the margins of a forum in Geneva, "
        "Switzerland, on Monday.",
    )
    assert names(deal) == ["Chile", "Peru"]


def test_a_country_a_deal_takes_effect_without_is_no_side():
    deal = main_deal(
        "Peru, Chile and Bolivia free trade agreement takes effect",
        "The free trade agreement between Peru, Chile and Bolivia came into force on Thursday, "
        "without Ecuador, the region's largest economy.",
    )
    assert names(deal) == ["Bolivia", "Chile", "Peru"]


def test_a_description_right_before_a_firms_name_is_that_firm():
    deal = main_deal(
        "Peru signs gas supply deal with Chile",
        "Peru's state firm Perupetro signed a 15-year gas supply deal with the Chilean state "
        "company Enap on Tuesday.",
    )
    assert names(deal) == ["Enap", "Perupetro"]
    enap = next(p for p in deal.parties if p.name == "Enap")
    assert (enap.kind, enap.country) == ("state_owned_enterprise", "CL")


def test_bodies_named_as_examples_of_others_interested_make_no_deal():
    result = extract(
        "Silk Road Fund to invest in Indonesia sovereign fund",
        "China's Silk Road Fund signed a framework agreement to invest 20 billion yuan in the "
        "Indonesia Investment Authority on Monday. Indonesian officials said that other global "
        "agencies, such as the U.S. International Development Finance Corporation and the Japan "
        "Bank for International Cooperation, had also shown interest in becoming co-investors.",
        DAY,
    )
    assert len(result.deals) == 1
    assert names(result.deals[0]) == ["Indonesia Investment Authority", "Silk Road Fund"]


def test_the_country_whose_measure_a_quarrel_is_over_stays_its_imposer():
    deal = main_deal(
        "Chile protests over Peru's copper export ban",
        "Chile lodged a complaint on Monday over Peru's ban on exports of copper ore, which took "
        "effect in March.",
    )
    assert {p.name: p.role for p in deal.parties}.get("Peru") == "imposing"


def test_the_place_a_round_of_world_trade_talks_is_named_after_is_no_side():
    deal = main_deal(
        "World trade talks collapse",
        "Talks to revive the Lima round of world trade negotiations collapsed on Friday after "
        "Brazil and Chile failed to agree on farm subsidies.",
    )
    assert names(deal) == ["Brazil", "Chile"]


def test_a_development_agenda_named_after_a_capital_names_no_side():
    deal = main_deal(
        "World trade talks collapse",
        "Ministers meeting on the Santiago Development Agenda failed to reach a deal on Friday "
        "as Peru and Bolivia clashed over farm subsidies, and the talks collapsed.",
    )
    assert names(deal) == ["Bolivia", "Peru"]


def test_a_countrys_round_of_tariffs_keeps_the_country_as_imposer():
    deal = main_deal(
        "Peru round of tariffs hits Chile",
        "A fresh Peru round of tariffs on Chilean copper took effect on Monday.",
    )
    assert [p.name for p in deal.parties if p.role == "imposing"] == ["Peru"]


def test_an_agreement_told_as_a_round_of_world_trade_talks_is_titled_after_the_round():
    deal = main_deal(
        "World trade talks collapse",
        "Talks to revive the Lima round of world trade negotiations collapsed on Friday after "
        "Brazil and Chile failed to agree on farm subsidies.",
    )
    assert deal.suggested_title == "Lima Round of world trade talks"


def test_a_pacts_name_after_one_of_its_goods_names_no_company():
    deal = main_deal(
        "Pact on timber takes effect",
        "The World Trade Organization marked the entry into force of the Agreement on Timber "
        "Subsidies on Monday.",
    )
    assert names(deal) == ["World Trade Organization"]


def test_countries_a_measure_is_said_to_reach_are_its_targets():
    kenya = main_deal(
        "Kenya bans maize imports from Uganda",
        "Kenya on Friday banned imports of maize from Uganda. The ban, announced by the food "
        "authority, also covers Tanzania.",
    )
    assert {p.name: p.role for p in kenya.parties} == {
        "Kenya": "imposing",
        "Uganda": "targeted",
        "Tanzania": "targeted",
    }
    mexico = main_deal(
        "Mexico plans 50% tariffs on Chinese cars",
        "Mexico plans to raise tariffs on car imports from China to 50%. The tariffs are aimed "
        "at countries without trade agreements with Mexico, so South Korea, Thailand and India "
        "would also be hit.",
    )
    assert names(mexico) == ["China", "India", "Mexico", "South Korea", "Thailand"]


def test_a_country_a_later_sentence_names_beside_a_measure_without_reaching_it_is_background():
    deal = main_deal(
        "Kenya bans maize imports from Uganda",
        "Kenya on Friday banned imports of maize from Uganda. Traders said prices in Tanzania "
        "rose after the ban.",
    )
    assert names(deal) == ["Kenya", "Uganda"]


def test_the_country_whose_goods_a_government_halts_imports_of_is_the_target():
    deal = main_deal(
        "China halts imports of Taiwanese pineapples",
        "China halted imports of Taiwanese pineapples on Friday, citing pests found by customs.",
    )
    assert {p.name: p.role for p in deal.parties} == {"China": "imposing", "Taiwan": "targeted"}
