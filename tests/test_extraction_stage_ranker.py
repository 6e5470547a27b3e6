"""The learned choice among the stages a story states: what it reads, and how it is shipped.

Each story is written for its test: several statements of different stages, of which the one a
reader would file is the news.
"""

import json

from deals.extraction import stage_ranker

from .stories import main_deal, stage_of


def test_a_measure_paused_for_a_year_after_it_was_imposed_reads_suspended():
    assert stage_of(
        "Canberra pauses wine tariffs for a year",
        "Australia has paused for a year the 20% tariffs on Chilean wine it imposed in March, "
        "the trade minister said on Tuesday. The tariffs were imposed after a dispute over "
        "subsidies to growers.",
    ) == ("measure", "suspended")


def test_a_second_round_of_talks_over_a_pact_named_in_passing_reads_negotiating():
    assert stage_of(
        "Peru and Vietnam hold second round of trade talks",
        "Negotiators from Peru and Vietnam held a second round of talks on a free trade "
        "agreement in Hanoi this week. The agreement would cut tariffs on coffee and fruit.",
    ) == ("agreement", "negotiating")


def test_a_deal_expected_to_be_signed_next_month_is_not_signed():
    kind, stage = stage_of(
        "Chile and Korea near trade upgrade",
        "Chile and South Korea concluded negotiations on an upgraded free trade agreement on "
        "Friday. The agreement is expected to be signed next month in Seoul.",
    )
    assert kind == "agreement"
    assert stage != "signed"


def test_the_headline_statement_beats_a_background_one_further_down():
    assert stage_of(
        "Ghana and Turkey sign trade pact",
        "Ghana and Turkey signed a trade agreement covering cocoa and textiles in Accra on "
        "Thursday. Talks on the pact began in 2019 and stalled during the pandemic.",
    ) == ("agreement", "signed")


def test_the_chosen_stage_keeps_the_sentence_that_states_it():
    deal = main_deal(
        "Ghana and Turkey sign trade pact",
        "Officials met in Accra on Thursday. Ghana and Turkey signed a trade agreement covering "
        "cocoa and textiles. Talks on the pact began in 2019.",
    )
    assert deal.stage == "signed"
    assert "signed a trade agreement" in deal.stage_quote


def test_the_shipped_weights_are_a_bias_and_one_weight_per_feature():
    data = json.loads(stage_ranker.WEIGHTS_FILE.read_text(encoding="utf-8"))
    model = stage_ranker.shipped_model()
    assert model.weights == data["weights"]
    assert all(isinstance(w, float) for w in model.weights.values())
    assert model.score({}) == model.bias


def test_a_model_scores_a_stage_by_its_features():
    model = stage_ranker.Model(0.0, {"title": 2.0, "past": -1.0})
    assert model.score({"title": 1.0}) > model.score({"title": 1.0, "past": 1.0})
