"""Deals a story tells as background to its own: each one reported apart, after the main deal,
with its own sides, goods and stage, and none of them handed to the main deal."""

from .stories import deals_of, goods


def roles(deal):
    return {p.name: p.role for p in deal.parties}


def test_the_measure_another_answers_is_a_measure_of_its_own():
    main, *rest = deals_of(
        "Norway curbs salmon exports to Chile",
        "Norway has limited salmon exports to Chile, in response to Santiago's ban on imports "
        "of Norwegian copper.",
    )
    assert (main.kind, main.stage) == ("measure", "imposed")
    assert roles(main) == {"Norway": "imposing", "Chile": "targeted"}
    assert "copper" not in goods(main)
    answered = next(d for d in rest if d.kind == "measure")
    assert answered.stage == "imposed"
    assert roles(answered) == {"Chile": "imposing", "Norway": "targeted"}
    assert goods(answered) == ["copper"]
    assert "Santiago's ban" in answered.stage_quote


def test_a_measure_named_as_one_a_government_might_answer_is_no_measure_of_its_own():
    deals = deals_of(
        "Norway curbs salmon exports to Chile",
        "Norway has limited salmon exports to Chile. Officials fear Santiago could answer with "
        "a ban on imports of Norwegian copper.",
    )
    assert len([d for d in deals if d.kind == "measure"]) == 1


def test_the_measure_a_retaliation_comes_from_is_imposed_by_the_one_it_comes_from():
    deals = deals_of(
        "Chile wine makers brace for retaliation",
        "Wine makers are bracing for possible retaliatory tariffs from Beijing after Chile "
        "imposed duties on Chinese steel on Monday.",
    )
    measures = [d for d in deals if d.kind == "measure"]
    assert len(measures) == 2
    retaliation = next(d for d in measures if d.stage == "threatened")
    assert roles(retaliation).get("China") == "imposing"
    duties = next(d for d in measures if d.stage == "imposed")
    assert roles(duties) == {"Chile": "imposing", "China": "targeted"}
    assert goods(duties) == ["steel"]


def test_the_measure_a_retaliation_is_for_is_told_apart_from_it():
    main, *rest = deals_of(
        "Wine makers hit by Chinese tariffs",
        "China imposed tariffs on Chilean wine on Monday, a retaliation for Chile's duties on "
        "Chinese steel.",
    )
    assert roles(main) == {"China": "imposing", "Chile": "targeted"}
    assert goods(main) == ["wine"]
    answered = next(d for d in rest if d.kind == "measure")
    assert roles(answered) == {"Chile": "imposing", "China": "targeted"}
    assert goods(answered) == ["steel"]


def test_a_measure_of_another_imposer_told_as_a_fact_is_a_measure_of_its_own():
    main, *rest = deals_of(
        "Norway to ban Chilean salmon",
        "Norway will ban imports of Chilean salmon from Monday, the government said on Friday. "
        "Last year the European Commission brought in a ban on imports of copper from Chile.",
    )
    assert roles(main) == {"Norway": "imposing", "Chile": "targeted"}
    other = next(d for d in rest if d.kind == "measure")
    assert sorted(roles(other)) == ["Chile", "European Union"]
    assert goods(other) == ["copper"]


def test_tariffs_an_agreement_eliminated_are_no_measure_of_their_own():
    deals = deals_of(
        "UK-Australia trade deal enters into force",
        "The free trade agreement between the UK and Australia entered into force on Wednesday. "
        "UK tariffs on Australian auto parts have now been eliminated.",
    )
    assert [d.kind for d in deals] == ["agreement"]


def test_who_challenged_a_measure_imposes_no_measure_of_its_own():
    deals = deals_of(
        "Norway to ban Chilean salmon",
        "Norway will ban imports of Chilean salmon from Monday, the government said on Friday. "
        "The EU challenged the ban on Chilean salmon at the WTO.",
    )
    assert not any("European Union" in roles(d) for d in deals if d.kind == "measure")


def test_the_quotas_trade_runs_under_are_no_measure_of_their_own():
    deals = deals_of(
        "Peru-EU trade talks collapse",
        "Talks on a free trade agreement between Peru and the European Union collapsed on "
        "Friday, the trade minister said.\n\nPeruvian beef exports to Europe are capped at about "
        "3,000 tonnes a year under existing quotas.\n\nThe breakdown comes as Peru's trade with "
        "China recovers after Beijing lifted restrictions on Peruvian grapes.",
    )
    assert [d.kind for d in deals] == ["agreement", "measure"]


# -- earlier measures of the same government, on other goods ----------------------------------


def test_an_earlier_ban_on_other_goods_is_a_measure_of_its_own():
    main, *rest = deals_of(
        "Peru bans petrol imports",
        "Peru banned petrol imports on Monday to save foreign currency. It earlier banned "
        "exports of flour and sugar.",
    )
    assert (main.stage, roles(main)) == ("imposed", {"Peru": "imposing"})
    assert goods(main) == ["refined fuels"]
    earlier = next(d for d in rest if d.kind == "measure")
    assert (earlier.stage, roles(earlier)) == ("imposed", {"Peru": "imposing"})
    assert goods(earlier) == ["flour", "sugar"]
    assert earlier.stage_quote.startswith("It earlier banned")


def test_a_ban_on_other_goods_lifted_last_year_is_a_measure_of_its_own():
    main, *rest = deals_of(
        "Peru bans onion exports",
        "Peru banned exports of onions on Monday. A ban on exports of rice was lifted last year.",
    )
    assert main.stage == "imposed"
    assert "rice" not in goods(main)
    lifted = next(d for d in rest if d.kind == "measure")
    assert (lifted.stage, roles(lifted), goods(lifted)) == (
        "lifted",
        {"Peru": "imposing"},
        ["rice"],
    )


def test_duties_kept_on_other_goods_are_a_measure_of_their_own():
    main, *rest = deals_of(
        "Chile lifts duties on Peruvian fruit",
        "Chile lifted its duties on Peruvian fruit on Monday. Duties on Peruvian wine, imposed "
        "in 2022, stay in place.",
    )
    assert (main.stage, goods(main)) == ("lifted", ["fruit"])
    kept = next(d for d in rest if d.kind == "measure")
    assert (kept.stage, goods(kept)) == ("imposed", ["wine"])
    assert roles(kept) == {"Chile": "imposing", "Peru": "targeted"}


def test_the_other_sides_earlier_duties_beside_a_probe_are_a_measure_of_their_own():
    main, *rest = deals_of(
        "Canada probes Chinese steel",
        "Canada opened an anti-dumping probe into steel from China on Monday. China had "
        "already imposed duties on Canadian canola oil and meal in March.",
    )
    assert roles(main) == {"Canada": "imposing", "China": "targeted"}
    assert goods(main) == ["steel"]
    duties = next(d for d in rest if d.kind == "measure")
    assert roles(duties) == {"China": "imposing", "Canada": "targeted"}
    assert duties.stage == "imposed"


def test_an_earlier_step_on_the_same_goods_is_no_measure_of_its_own():
    deals = deals_of(
        "Peru bans onion exports",
        "Peru banned exports of onions on Monday. It had banned onion exports in 2019 too.",
    )
    assert len([d for d in deals if d.kind == "measure"]) == 1


def test_a_step_of_the_news_on_more_goods_is_no_earlier_measure():
    deals = deals_of(
        "Peru bans onion exports",
        "Peru banned exports of onions on Monday. The ban also covers garlic.",
    )
    assert len([d for d in deals if d.kind == "measure"]) == 1


def test_an_office_that_reports_a_measure_is_not_its_imposer():
    deals = deals_of(
        "Peru raises duties on Chilean wine, USDA says",
        "A USDA report says Peru has put provisional duties on imports of wine from Chile. "
        "Wine imports into Peru have fallen by a third. U.S. wine still pays a 10 percent duty.",
    )
    assert [d.kind for d in deals] == ["measure"]
    assert roles(deals[0])["Peru"] == "imposing"
    assert roles(deals[0])["Chile"] == "targeted"
    assert roles(deals[0]).get("United States") != "imposing"


def test_the_country_whose_goods_a_measure_falls_on_is_not_its_imposer():
    main, *rest = deals_of(
        "Beijing eases tariffs on Canadian farm goods",
        "China will suspend tariffs on agricultural products from Canada. The move points to a "
        "thaw in the quarrel between Beijing and Ottawa, which has been dominated by the tariffs "
        "imposed on Chinese steel and aluminium.",
    )
    assert roles(main) == {"China": "imposing", "Canada": "targeted"}
    assert "steel" not in goods(main)
    steel = next(d for d in rest if d.kind == "measure")
    assert roles(steel) == {"Canada": "imposing", "China": "targeted"}
    assert goods(steel) == ["aluminium", "steel"]


def test_the_answer_of_a_measures_target_falls_on_the_measures_imposer():
    main, *rest = deals_of(
        "Peru delays tariffs on Chinese goods",
        "Peru has put off its planned tariffs on imports from China until December. China hit "
        "back on Monday, imposing duties of 20% on copper.",
    )
    assert roles(main) == {"Peru": "imposing", "China": "targeted"}
    answer = next(d for d in rest if d.kind == "measure")
    assert roles(answer) == {"China": "imposing", "Peru": "targeted"}
    assert goods(answer) == ["copper"]


def test_the_member_states_a_blocs_measure_names_are_not_its_sides():
    main, *rest = deals_of(
        "Poland considering unilateral ban on Ukrainian grain imports",
        "Poland could introduce a unilateral ban on imports of Ukrainian grain, the agriculture "
        "minister said. In May the European Commission brought in a ban on imports of wheat and "
        "corn from Ukraine into Bulgaria, Hungary, Poland, Romania and Slovakia.",
    )
    assert roles(main) == {"Poland": "imposing", "Ukraine": "targeted"}
    eu = next(d for d in rest if d.kind == "measure")
    assert roles(eu) == {"European Union": "imposing", "Ukraine": "targeted"}
    assert goods(eu) == ["corn", "wheat"]


def test_a_country_named_before_its_measure_written_per_cent_owns_that_measure():
    main, *rest = deals_of(
        "Canola growers brace for China's 100% tariffs",
        "Canola growers are preparing for the blow as China moves to put steep tariffs on their "
        "industry, in retaliation for the Canadian tariffs on electric vehicles it exports. China "
        "is set to bring in a 100 per cent levy on canola oil from Canada. The tariffs answer "
        "Canada's 100 per cent levies on EVs made in China and its 25 per cent tax on steel and "
        "aluminum products.",
    )
    assert roles(main) == {"China": "imposing", "Canada": "targeted"}
    answered = next(d for d in rest if d.kind == "measure")
    assert roles(answered) == {"Canada": "imposing", "China": "targeted"}
    assert goods(answered) == ["aluminium", "electric vehicles", "steel"]


def test_sanctions_on_a_person_are_no_measure_of_their_own():
    deals = deals_of(
        "Peru raises tariffs on Chilean wine to 50%",
        "Peru raised its tariffs on Chilean wine to 50% on Wednesday. Earlier, the finance "
        "ministry had announced sanctions on the Chilean supreme court judge presiding over the "
        "trial.",
    )
    assert [d.kind for d in deals] == ["measure"]
    assert roles(deals[0]) == {"Peru": "imposing", "Chile": "targeted"}


def test_countries_a_leader_agrees_to_work_with_on_something_else_are_no_sides_of_a_measure():
    main = deals_of(
        "US and China pause port fees",
        "On his Asia trip, President Donald Trump agreed to work with South Korea and Japan on "
        "shipbuilding, and agreed with China to put on hold for a year the fees charged when "
        "Chinese ships call at U.S. ports.",
    )[0]
    assert main.kind == "measure"
    assert sorted(roles(main)) == ["China", "United States"]


def test_the_country_an_export_ban_names_exports_from_imposes_it():
    main = deals_of(
        "Kazakhstan bans sugar exports until the end of summer",
        "A joint decision was taken to ban sugar exports from Kazakhstan to third countries until "
        "August 31, the government said.",
    )[0]
    assert roles(main) == {"Kazakhstan": "imposing"}
    assert goods(main) == ["sugar"]


def test_the_countries_added_to_a_measures_list_are_its_targets():
    main = deals_of(
        "Russia adds four more countries to its food import ban",
        "Albania, Montenegro, Liechtenstein and Iceland have been added to the list of countries "
        "from which Russia bans food imports, the prime minister said on Thursday.",
    )[0]
    assert (main.kind, main.stage) == ("measure", "imposed")
    targets = ["Albania", "Montenegro", "Liechtenstein", "Iceland"]
    assert roles(main) == {"Russia": "imposing", **dict.fromkeys(targets, "targeted")}


def test_a_deal_told_after_the_opening_of_a_story_is_told_in_passing():
    main, *rest = deals_of(
        "Norway to ban Chilean salmon",
        "Norway will ban imports of Chilean salmon from Monday, the government said on Friday. "
        "Last year the European Commission brought in a ban on imports of copper from Chile.",
    )
    assert not main.in_passing
    assert [d.in_passing for d in rest] == [True]


def test_a_deal_told_in_the_first_sentence_is_not_told_in_passing():
    deals = deals_of(
        "Norway to ban Chilean salmon",
        "In May the European Commission brought in a ban on imports of copper from Chile. Norway "
        "will ban imports of Chilean salmon from Monday, the government said.",
    )
    assert len(deals) == 2
    assert not any(d.in_passing for d in deals)
