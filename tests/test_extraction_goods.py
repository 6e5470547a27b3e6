"""The goods taxonomy: one entry for each name, goods across the Harmonized System, and phrases
that hold a good's name without naming a good."""

import datetime
import json

import pytest

from deals.extraction import extract, load_taxonomy
from deals.extraction.gazetteer import DATA_DIR

DAY = datetime.date(2025, 6, 12)


def goods(title, body=""):
    result = extract(title, body, DAY)
    assert result.relevant, result.reason
    return [c.name for c in result.deals[0].commodities]


# -- the data -------------------------------------------------------------------------------------


def test_no_name_or_alias_stands_for_two_goods():
    owner = {}
    for entry in load_taxonomy():
        for name in {entry.name.casefold(), *(alias.casefold() for alias in entry.aliases)}:
            assert owner.setdefault(name, entry.name) == entry.name, name


def test_every_good_has_hs_codes_and_a_parent_listed_before_it():
    seen = set()
    for entry in load_taxonomy():
        assert entry.hs_codes, entry.name
        assert entry.parent is None or entry.parent in seen, entry.name
        seen.add(entry.name)


def test_phrases_that_are_not_goods_are_not_names_of_goods_as_written():
    # "SALT" (the arms treaty) is written in capitals; the good is "salt".
    data = json.loads((DATA_DIR / "commodities.json").read_text(encoding="utf-8"))
    known = {n for e in load_taxonomy() for n in (e.name, *e.aliases)}
    assert data["not_goods"]
    assert not known & set(data["not_goods"])


# -- goods across the Harmonized System -----------------------------------------------------------


def test_a_shea_nut_export_ban_is_about_nuts():
    assert goods(
        "Ghana bans shea nut exports",
        "Ghana banned the export of unprocessed shea nut from Monday, the trade ministry said.",
    ) == ["nuts"]


def test_a_garment_tariff_is_about_textiles_and_apparel():
    assert goods("US sets 20% tariff on Cambodian garment imports") == ["textiles"]


def test_manufactured_goods_of_many_chapters_each_find_their_entry():
    assert goods(
        "Peru raises tariffs on Chinese imports",
        "Peru raised tariffs to 35% on imports from China of glass, bicycles, power tools, "
        "transformers, polyester, sunflower oil and beer.",
    ) == [
        "glass",
        "bicycles",
        "hand tools",
        "transformers",
        "synthetic fibres",
        "sunflower oil",
        "beer",
    ]


def test_farm_inputs_and_fibres_are_goods_of_their_own():
    assert goods("Japan eases curbs on fertiliser and pesticides from China") == [
        "fertilizers",
        "pesticides",
    ]
    assert goods(
        "Bangladesh wins duty-free access for jute goods and knitwear",
        "Bangladesh and Canada signed a trade agreement giving duty-free access to jute goods "
        "and knitwear.",
    ) == ["jute", "textiles"]


def test_animal_semen_and_embryos_are_animal_genetics():
    assert goods(
        "Philippines lifts ban on US pig semen and bovine embryos",
        "The Philippines lifted its ban on imports of pig semen and bovine embryos from the "
        "United States on Monday.",
    ) == ["animal genetics"]


def test_a_cathode_precursor_is_a_battery_material():
    assert goods(
        "Indonesia and South Korea sign deal on battery precursors",
        "Indonesia and South Korea signed an agreement on Tuesday to supply precursor cathode "
        "active material to Korean battery makers.",
    ) == ["battery materials"]


def test_household_and_workshop_goods_of_other_chapters_find_their_entry():
    assert goods("Pakistan raises duties on soap, paints and varnishes and cattle hides") == [
        "soaps and detergents",
        "dyes and pigments",
        "leather",
    ]
    assert goods(
        "EU imposes tariffs on Chinese plug-in hybrid electric vehicles and electric scooters"
    ) == ["hybrid vehicles", "motorcycles"]


def test_a_new_good_named_only_in_a_sentence_of_history_is_not_the_deals():
    result = extract(
        "Peru and Vietnam sign free trade agreement",
        "Peru and Vietnam signed a free trade agreement on Monday that removes tariffs on coffee "
        "and cashews. In 2016 Peru banned imports of Vietnamese sunflower oil, hurting margarine "
        "makers.",
        DAY,
    )
    assert [c.name for c in result.deals[0].commodities] == ["coffee", "nuts"]


# -- words that hold a good's name ----------------------------------------------------------------


def test_bargaining_chips_are_not_semiconductors_but_computer_chips_are():
    assert (
        goods(
            "Kenya and Japan open trade talks",
            "Kenya and Japan opened talks on a trade agreement on Tuesday. Officials said "
            "tariffs would serve as bargaining chips.",
        )
        == []
    )
    assert goods(
        "Kenya and Japan open trade talks",
        "Kenya and Japan opened talks on a trade agreement on Tuesday covering computer chips "
        "and tea.",
    ) == ["semiconductors", "tea"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The two sides agreed to beef up cooperation on customs.",
        "Officials said the talks bore fruit after years of work.",
        "Negotiators went for the low-hanging fruit first.",
        "Parliament is expected to rubber-stamp the agreement next month.",
        "The deal sets a gold standard for labour rules.",
        "Both leaders said the pact would further cement ties between them.",
    ],
)
def test_idioms_holding_a_goods_name_name_no_good(sentence):
    assert (
        goods(
            "Chile and Kenya sign trade agreement",
            f"Chile and Kenya signed a trade agreement on Friday. {sentence}",
        )
        == []
    )


def test_arms_are_goods_only_as_weapons_traded():
    assert goods(
        "Kenya bans arms exports to Sudan",
        "Kenya banned arms exports to Sudan on Monday, the ministry said.",
    ) == ["defence equipment"]


def test_illegal_drugs_a_tariff_is_levied_over_are_not_pharmaceuticals():
    assert (
        goods(
            "US imposes 25% tariffs on Mexican goods",
            "The United States imposed 25% tariffs on Mexican goods on Tuesday over the flow of "
            "illegal drugs across the border.",
        )
        == []
    )


def test_goods_named_beside_the_sides_of_the_agreement_a_story_is_about_are_the_agreements():
    assert goods(
        "Chile and Kenya sign trade agreement",
        "Chile and Kenya signed a free trade agreement on Friday. "
        "Kenya has also promised to buy more Chilean wine and salmon. "
        "Farming was the sticking point, with Kenyan tea the hardest to settle.",
    ) == ["wine", "seafood", "tea"]


def test_goods_named_apart_from_the_sides_of_the_agreement_are_not_the_agreements():
    assert (
        goods(
            "Chile and Kenya sign trade agreement",
            "Chile and Kenya signed a free trade agreement on Friday. "
            "Copper prices rose on the London exchange the same day.",
        )
        == []
    )


# -- the names news uses for each family --------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("exports of mealie meal and white maize", ["flour", "corn"]),
        ("imports of sunflower and soya beans", ["sunflower seeds", "soybeans"]),
        ("imports of paddy and milled rice", ["rice"]),
        ("imports of bone-in chicken portions and goat meat", ["poultry", "sheep meat"]),
        ("exports of coltan, cassiterite and wolframite", ["tantalum", "tin", "tungsten"]),
        ("imports of crude steel and aluminum extrusions", ["steel", "aluminium"]),
        ("imports of crude edible oils and crude soybean oil", ["vegetable oils", "soybean oil"]),
        ("imports of diesel fuel and motor spirit", ["refined fuels"]),
        ("imports of heavy goods vehicles and plug-in hybrids", ["trucks", "hybrid vehicles"]),
        (
            "imports of new energy vehicles and automotive batteries",
            ["electric vehicles", "batteries"],
        ),
        (
            "imports of sunglasses, wigs and antiques",
            ["eyewear", "wigs and human hair", "works of art"],
        ),
        ("imports of luxury items such as watches", ["luxury goods", "clocks and watches"]),
        ("imports of cornstarch and breakfast cereals", ["starch", "processed food"]),
        ("imports of H-shaped steel and I-beams", ["steel"]),
        ("imports of canola oil and meal", ["rapeseed oil", "canola meal"]),
        (
            "imports of raw minerals and lithium concentrates",
            ["raw minerals", "spodumene concentrate"],
        ),
        ("imports of cooked chicken and breeding chicks", ["poultry", "live animals"]),
    ],
)
def test_everyday_trade_names_find_the_entry_of_their_family(sentence, expected):
    assert goods("Ruritania raises tariffs", f"Ruritania raised tariffs on {sentence}.") == expected


def test_singular_and_plural_and_both_spellings_name_one_good():
    for written in ("aluminium products", "aluminum products", "tyre", "tyres", "tires"):
        assert (
            len(goods("Ruritania raises tariffs", f"Ruritania raised tariffs on {written}.")) == 1
        )


def test_a_cathode_chemistry_names_battery_materials_not_iron_ore_or_fertiliser():
    assert goods(
        "Ruritania bans exports of lithium iron phosphate",
        "Ruritania banned exports of lithium iron phosphate on Monday.",
    ) == ["battery materials"]


def test_a_good_inside_the_name_of_another_good_is_not_named():
    # "crude" is oil and "fish" is seafood, but neither is named in these.
    assert goods(
        "Ruritania cuts duty on crude steel and fish oil",
        "Ruritania cut its duty on crude steel and fish oil.",
    ) == ["steel", "animal fats"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister said the world watches closely as the talks go on.",
        "Officials pointed to the old Silk Road as a model.",
        "Officials spoke of an outbreak of swine fever in the region.",
        "Ministers for agriculture and fisheries met in Brussels.",
        "Critics called the tariff a crude tool against greenhouse gas emissions.",
        "Artists will receive royalties when their original works of art are resold.",
        "A grains and oilseeds economist at a bank in Santiago welcomed the news.",
        "The minister called Kenya a global EV leader.",
        "Kenya would help meet Chile's energy needs, the minister said.",
        "Kenya has become Chile's largest oil supplier in recent years.",
        "Kenya also has large reserves of minerals such as lithium, tantalum and manganese.",
        "Kenya will help Chile diversify its energy sources and invest in renewable energy.",
        "Thousands of trucks carrying fruit queued at the border before the signing.",
    ],
)
def test_common_words_that_hold_a_goods_name_name_no_good_of_the_deal(sentence):
    assert (
        goods(
            "Chile and Kenya sign trade agreement",
            f"Chile and Kenya signed a trade agreement on Friday. {sentence}",
        )
        == []
    )


def test_a_drug_tariff_is_about_pharmaceuticals_but_drug_trafficking_is_no_good():
    assert goods(
        "Ruritania imposes 20% drug tariff",
        "Ruritania imposed a 20% tariff on drug imports from Freedonia on Monday.",
    ) == ["pharmaceuticals"]
    assert (
        goods(
            "Ruritania imposes 20% tariff on Freedonia",
            "Ruritania imposed a 20% tariff on goods from Freedonia on Monday over drug "
            "trafficking and the war on drugs.",
        )
        == []
    )


def test_chip_materials_under_export_controls_are_goods_of_their_own():
    assert goods(
        "Ruritania curbs exports of chip materials",
        "Ruritania restricted exports of photoresists and hydrogen fluoride on Monday.",
    ) == ["semiconductor materials"]


def test_what_a_good_is_essential_to_is_no_good_of_the_deal():
    assert goods(
        "Ruritania and Freedonia sign rare earths supply deal",
        "Ruritania and Freedonia signed a rare earths supply agreement on Friday. Ruritania "
        "mines rare earths, which are essential to products ranging from smartphones and jet "
        "engines to electric vehicles.",
    ) == ["rare earths"]


def test_what_a_good_is_critical_to_making_is_no_good_of_the_deal():
    assert goods(
        "Peru and Chile sign nickel supply deal",
        "Peru and Chile signed a supply agreement for nickel, a metal critical to making "
        "lithium-ion batteries, on Friday.",
    ) == ["nickel"]


def test_the_finer_goods_of_a_measures_schedule_are_its_goods():
    found = goods(
        "Ruritania cuts export taxes on meat and grain",
        "Ruritania cut its export taxes on meat and grain on Saturday, the president said. "
        "He spoke at a farm fair in the capital.\n\nThe tax cut follows this schedule: poultry "
        "and beef from 7% to 5%; wheat from 12% to 9%.",
    )
    assert {"poultry", "beef", "wheat"} <= set(found)


def test_finer_goods_of_a_sentence_not_about_the_measure_are_not_its_goods():
    found = goods(
        "Ruritania cuts export taxes on meat",
        "Ruritania cut its export taxes on meat on Saturday, the president said.\n\nFreedonia "
        "buys half of its beef abroad.",
    )
    assert "beef" not in found


@pytest.mark.parametrize(
    "sentence",
    [
        "Kenya has promised to cut its purchases of Venezuelan oil.",
        "Kenya will end the trade in Venezuelan crude, the minister said.",
        "Kenya is not going to buy much oil from Venezuela, the minister said.",
    ],
)
def test_a_good_of_a_third_country_is_no_good_of_the_deal(sentence):
    assert "oil" not in goods(
        "Chile and Kenya sign trade agreement",
        f"Chile and Kenya signed a trade agreement on Friday. {sentence}",
    )


def test_goods_a_measure_spares_are_not_its_goods():
    found = goods(
        "Ruritania raises import duties on luxury goods",
        "Ruritania raised its import duties on luxury goods and perfumes on Monday.\n\nSome goods "
        "are spared the higher duty: among them cotton and fertilisers; fuels such as diesel; "
        "and solar panels.",
    )
    assert "cosmetics" in found
    assert not {"cotton", "fertilizers", "refined fuels", "solar panels"} & set(found)


def test_goods_exempted_from_a_tariff_on_another_good_keep_that_good():
    found = goods(
        "Ruritania imposes tariffs on steel",
        "Ruritania imposed tariffs of 25% on steel on Monday and refused to exempt Freedonia "
        "from the higher steel tariffs.",
    )
    assert "steel" in found


def test_goods_a_sentence_gives_the_measures_rate_on_are_its_goods():
    found = goods(
        "Ruritania raises import duties on luxury goods",
        "Ruritania raised its import duties on 600 luxury goods on Monday, the revenue board "
        "said.\n\nAmong the imports now paying duties of 10% to 50% are foods such as cheese "
        "and honey; and personal goods such as perfumes and watches.",
    )
    assert {"dairy", "honey", "cosmetics", "clocks and watches"} <= set(found)


def test_the_imposers_own_goods_are_not_goods_of_its_measure():
    result = extract(
        "EU imposes tariffs on Chinese electric vehicles",
        "The European Union imposed tariffs of up to 38% on electric vehicles from China on "
        "Wednesday. Analysts said the EU tariffs could hurt sales of EU dairy products in Asia.",
        DAY,
    )
    measure = next(d for d in result.deals if d.kind == "measure")
    assert [c.name for c in measure.commodities] == ["electric vehicles"]


def test_goods_of_a_measure_another_government_brought_in_are_not_the_deals():
    found = goods(
        "Poland to keep its ban on Ukrainian grain",
        "Poland will keep its ban on imports of grain from Ukraine after September 15, the "
        "farm minister said on Friday.\n\nIn May the European Commission brought in a ban on "
        "imports of wheat, corn and sunflower seeds from Ukraine into five countries.",
    )
    assert "grain" in found
    assert not {"wheat", "corn", "sunflower seeds"} & set(found)


def test_an_answer_to_the_main_measure_keeps_to_its_own_goods():
    result = extract(
        "EU imposes tariffs on Chinese electric vehicles",
        "The European Union imposed tariffs of up to 38% on electric vehicles from China on "
        "Wednesday.\n\nChina threatened retaliatory duties on European pork and brandy, saying "
        "the duties on electric vehicles were unfair.",
        DAY,
    )
    measures = [d for d in result.deals if d.kind == "measure"]
    assert [c.name for c in measures[0].commodities] == ["electric vehicles"]
    answer = next(d for d in measures[1:] if {"pork", "spirits"} <= {c.name for c in d.commodities})
    assert "electric vehicles" not in {c.name for c in answer.commodities}


def test_goods_investments_go_into_are_goods_of_the_deal():
    assert "aircraft" in goods(
        "US and Switzerland reach trade deal",
        "The United States and Switzerland reached a trade deal on Friday. Swiss firms pledged "
        "investments in US production that would go into aerospace and medical devices.",
    )


def test_goods_an_agreement_gives_zero_import_duty_are_its_goods():
    found = goods(
        "First zero-duty gold arrives under the India-UAE trade pact",
        "The first gold consignments arrived in the UAE under the India-UAE trade agreement, "
        "which came into force on May 1.\n\nGold and other precious metals now carry zero import "
        "duty, against 5% before.",
    )
    assert "precious metals" in found


def test_goods_named_as_the_exception_are_not_goods_of_the_measure():
    deal = extract(
        "Sri Lanka to lift import restrictions on everything but vehicles",
        "Import restrictions on all items except cars will be lifted tonight, the minister said.",
        published=DAY,
    ).deals[0]
    assert (deal.kind, deal.stage) == ("measure", "lifted")
    assert deal.commodities == []
