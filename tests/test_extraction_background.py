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
