"""The real-news benchmarks: how they score the tracker (a tiny made-up stream, made-up labels),
and the stream benchmark run whole on a made-up folder."""

import datetime
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.extraction_scoring import Score, score_item
from bench.realnews_scoring import (
    Story,
    StreamResult,
    TrackedDeal,
    extraction_items,
    oldest_first,
    score_stream,
)
from deals.extraction import Gazetteer, extract

ROOT = Path(__file__).resolve().parent.parent


def deal(kind="measure", parties=("United States", "India"), stage="imposed", **extra) -> dict:
    return {
        "kind": kind,
        "parties": [{"name": name, "kind": "country", "role": None} for name in parties],
        "mentioned": [],
        "commodities": extra.pop("commodities", []),
        "stage": stage,
        "alt_stages": extra.pop("alt_stages", []),
        "figures": extra.pop("figures", []),
    }


def story(name, day=None, *, arc=None, deals=(), outlet=None, title="", body="") -> Story:
    label = {
        "outlet": outlet or f"{name}.example",
        "date_from": "url",
        "relevant": bool(deals),
        "arc": arc,
        "lookalike": not deals,
        "deals": list(deals),
    }
    published = datetime.date(2025, 1, day) if day else None
    return Story(name, title or name, f"https://{name}.example/", published, body, label)


def tracked(slug, stage="imposed", kind="measure", parties=("united states", "india")):
    return TrackedDeal(slug=slug, kind=kind, stage=stage, party_names=frozenset(parties))


def result(filed: dict[str, set[str]], entries=None, deals=()) -> StreamResult:
    return StreamResult(
        filed=filed, entries=entries or {}, deals={deal.slug: deal for deal in deals}
    )


ARC = [
    story("a1", 1, arc="tariff", deals=[deal(stage="threatened")]),
    story("a2", 2, arc="tariff", deals=[deal()]),
    story("a3", 3, arc="tariff", deals=[deal(stage="lifted", alt_stages=["suspended"])]),
]
SINGLE = story("s1", 2, deals=[deal("agreement", ("Japan", "India"), "signed")])
LOOKALIKE = story("l1", 2)


def test_same_arc_pairs_under_one_deal_are_recall_and_other_pairs_are_false_merges():
    filed = {"a1": {"d1"}, "a2": {"d1"}, "a3": {"d2"}, "s1": {"d1"}, "l1": {"d1"}}
    score = score_stream([*ARC, SINGLE, LOOKALIKE], result(filed))
    assert (score.same_arc.hits, score.same_arc.total) == (1, 3)
    # The single story shares d1 with a1 and a2; look-alikes are left out of pairs.
    assert (score.different_arcs.hits, score.different_arcs.total) == (2, 3)
    assert (score.lookalikes_filed.hits, score.lookalikes_filed.total) == (1, 1)


def test_scoring_some_arcs_counts_only_pairs_and_stories_touching_them():
    other = [story(f"o{day}", day, arc="pact", deals=[deal("agreement")]) for day in (1, 2)]
    filed = {"a1": {"d1"}, "a2": {"d1"}, "a3": {"d2"}, "s1": {"d1"}, "o1": {"d3"}, "o2": {"d2"}}
    stream = [*ARC, SINGLE, *other, LOOKALIKE]

    score = score_stream(stream, result(filed), arcs=["tariff"])

    # The pact's own pair is left out; its stories still count where they meet the tariff's.
    assert (score.same_arc.hits, score.same_arc.total) == (1, 3)
    assert (score.different_arcs.hits, score.different_arcs.total) == (3, 9)
    assert [row.arc for row in score.arcs] == ["tariff"]
    assert score.filed.total == 3
    assert score.lookalikes_filed.total == 0
    whole = score_stream(stream, result(filed))
    assert (whole.same_arc.hits, whole.same_arc.total) == (1, 4)


def test_an_arcs_deal_is_the_one_most_of_its_stories_are_filed_under():
    filed = {"a1": {"d2"}, "a2": {"d1", "d3"}, "a3": {"d1"}}
    deals = [tracked("d1", "suspended"), tracked("d2"), tracked("d3")]
    (row,) = score_stream(ARC, result(filed, deals=deals)).arcs
    assert (row.deal, row.deals, row.on_its_deal, row.unfiled) == ("d1", 3, 2, 0)
    # Its latest story (a3) says lifted, or suspended as a careful editor could.
    assert (row.final_stage, row.wanted, row.final_stage_right) == (
        "suspended",
        ["lifted", "suspended"],
        True,
    )


def test_an_arcs_own_deals_leave_out_the_background_deals_its_stories_are_labelled_with():
    background = deal("agreement", ("Japan", "India"), "signed")
    stories = [
        story("a1", 1, arc="tariff", deals=[deal(stage="threatened"), background]),
        story("a2", 2, arc="tariff", deals=[deal()]),
        story("a3", 3, arc="tariff", deals=[deal(stage="lifted")]),
    ]
    filed = {"a1": {"d1", "pact"}, "a2": {"d1"}, "a3": {"d2"}}
    deals = [
        tracked("d1"),
        tracked("d2"),
        tracked("pact", kind="agreement", parties=("japan", "india")),
    ]

    (row,) = score_stream(stories, result(filed, deals=deals)).arcs

    # The pact is a1's labelled background; the tariff's own news went to d1 and d2.
    assert (row.deals, row.own_deals) == (3, 2)


def test_an_arc_filed_nowhere_has_no_deal_and_no_final_stage():
    (row,) = score_stream(ARC, result({"a1": {"d1"}})).arcs
    assert (row.deal, row.unfiled, row.final_stage, row.final_stage_right) == ("d1", 2, None, False)


def test_a_storys_main_deal_is_its_arcs_deal_or_one_holding_most_of_its_labelled_parties():
    deals = [
        tracked("arc-deal", parties=("mexico",)),
        tracked("japan-india", kind="agreement", parties=("japan", "india")),
        tracked("japan-china", kind="agreement", parties=("japan", "china")),
    ]
    entries = {
        "a1": [("arc-deal", "threatened")],
        "a2": [("arc-deal", "imposed")],
        "a3": [("japan-india", "signed")],
        "s1": [("japan-china", "signed")],
    }
    filed = {name: {slug for slug, _ in rows} for name, rows in entries.items()}
    score = score_stream([*ARC, SINGLE], result(filed, entries, deals))
    # a1 and a2 on their arc's deal; a3's entry is on another deal; s1's deal shares one party
    # of two, not more than half.
    assert str(score.main_entry) == str(score.main_entry_at_stage) == "2/4 (50.0%)"


def test_a_lookalike_with_an_entry_is_counted_against_the_tracker():
    entries = {"l1": [("d1", "imposed")]}
    score = score_stream([LOOKALIKE], result({"l1": {"d1"}}, entries, [tracked("d1")]))
    assert str(score.lookalikes_with_entry) == str(score.lookalikes_filed) == "1/1 (100.0%)"
    assert score.misses == ["look-alike filed under d1: l1"]


def test_streams_feed_stories_by_date_and_undated_ones_last():
    stories = [story("c", None), story("b", 2), story("a", 2), story("d", 1)]
    assert [s.name for s in oldest_first(stories)] == ["d", "a", "b", "c"]


def score_of(labelled: Story) -> Score:
    gazetteer = Gazetteer.default()
    (item,) = extraction_items([labelled], gazetteer)
    score = Score()
    score_item(item, extract(item.title, item.body, item.published), score, gazetteer)
    return score


def test_a_labelled_party_matches_the_parsers_party_by_name_or_alias_ignoring_case():
    labelled = story(
        "pact",
        3,
        title="UK and India sign free trade agreement",
        body="Britain and India signed a free trade agreement in London on Thursday.",
        deals=[deal("agreement", ("UK", "india"), "signed")],
    )
    score = score_of(labelled)
    assert (score.tp, score.fn, score.stage_right) == (2, 0, 1)


def test_a_figures_what_is_right_when_the_parsers_word_agrees_with_the_label():
    body = "The United States imposed a 25% tariff on Indian steel on Monday."
    for what, right in (("tariff_rate", 1), ("deal_value", 0)):
        labelled = story(
            "duty",
            3,
            title="US imposes tariff on Indian steel",
            body=body,
            deals=[
                deal(
                    commodities=["steel"],
                    figures=[{"text": "25%", "what": what, "kind": "percent"}],
                )
            ],
        )
        score = score_of(labelled)
        assert (score.figures_found, score.what.hits, score.what.total) == (1, right, 1)


def test_a_lookalike_the_parser_finds_not_relevant_is_right():
    labelled = story(
        "merger",
        3,
        title="Studio shareholders approve merger",
        body="Shareholders approved the studio merger on Friday, the companies said.",
    )
    score = score_of(labelled)
    assert (score.lookalikes.hits, score.lookalikes.total) == (1, 1)


def write_folder(folder, stories: list[Story]) -> None:
    folder.mkdir()
    for each in stories:
        (folder / each.name).write_text(
            f"Title: {each.title}\nURL: {each.url}\nDate: {each.published}\n\n{each.body}\n"
        )
    labels = {each.name: each.label for each in stories}
    (folder / "labels.json").write_text(json.dumps(labels))


@pytest.mark.pipeline
def test_the_stream_benchmark_feeds_a_folder_through_a_worker_and_prints_its_table(tmp_path):
    duty = "The United States {} its 25% tariff on Indian steel on {}, officials said."
    write_folder(
        tmp_path / "stream",
        [
            story(
                "2025-01-02-duty.txt",
                2,
                arc="steel",
                title="US imposes 25% tariff on Indian steel",
                body=duty.format("imposed", "Thursday"),
                deals=[deal(commodities=["steel"])],
            ),
            story(
                "2025-01-09-duty-lifted.txt",
                9,
                arc="steel",
                title="US lifts its tariff on Indian steel",
                body=duty.format("lifted", "Thursday"),
                deals=[deal(stage="lifted", commodities=["steel"])],
            ),
            story(
                "2025-01-05-merger.txt",
                5,
                title="Studio shareholders approve merger",
                body="Shareholders approved the studio merger on Friday, the companies said.",
            ),
        ],
    )
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "streams.py"), str(tmp_path / "stream")],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert run.returncode == 0, run.stderr
    cells = [line.strip().split("  ", 1) for line in run.stdout.splitlines()]
    table = {cell[0]: cell[1].strip() for cell in cells if len(cell) == 2}
    assert table["in arcs"] == "2 in 1 arcs"
    assert table["look-alikes"] == "1"
    assert table["pairs under one deal, same arc"] == "1/1 (100.0%)  (recall)"
    assert table["look-alikes with an entry on a deal"] == "0/1 (0.0%)"
    assert table["arcs whose deal ends at their latest story's stage"] == "1/1"
