"""The real-news corpus of bench/realnews/: well formed, labelled in the tracker's vocabulary, and
as large and varied as the benchmarks that read it need."""

import re
from collections import Counter

import pytest

from bench.realnews_scoring import CORPUS, FOLDERS, Story, load_stories, read_labels
from deals.extraction import parse_article_file
from deals.extraction.types import PARTY_KINDS
from deals.stages import SHIPPED_STAGES

STAGES = {stage.slug: stage for stage in SHIPPED_STAGES}
DEAL_KINDS = {"agreement", "measure"}
DATE_FROM = {"url", "text", "events", "unknown"}
FIGURE_WHATS = {
    "tariff_rate",
    "previous_rate",
    "deal_value",
    "investment",
    "loan",
    "stake",
    "quota",
    "volume",
    "price",
    "trade_value",
    "market_share",
    "reserves",
    "capacity",
    "count",
    "date",
    "other",
}
FIGURE_KINDS = {"percent", "money", "quantity", "count"}
HEADER = re.compile(r"Title: .+\nURL: https?://\S+\nDate: (\d{4}-\d{2}-\d{2}|unknown)\n\n\s*\S")


@pytest.fixture(scope="module")
def folders() -> dict[str, list[Story]]:
    return {name: load_stories(CORPUS / name) for name in FOLDERS}


@pytest.fixture(scope="module")
def stories(folders) -> list[Story]:
    return [story for name in FOLDERS for story in folders[name]]


def arcs_of(stories: list[Story]) -> dict[str, list[Story]]:
    arcs: dict[str, list[Story]] = {}
    for story in stories:
        if story.arc:
            arcs.setdefault(story.arc, []).append(story)
    return arcs


def test_every_label_names_a_file_and_every_file_has_a_label():
    for name in FOLDERS:
        folder = CORPUS / name
        files = {path.name for path in folder.glob("*.txt")}
        labels = set(read_labels(folder))
        assert labels - files == set(), f"{folder}: labels without a file"
        assert files - labels == set(), f"{folder}: files without a label"


def test_every_file_starts_with_a_title_a_url_and_a_date_or_unknown_then_its_body():
    for name in FOLDERS:
        badly_formed = []
        for path in sorted((CORPUS / name).glob("*.txt")):
            header = HEADER.match(path.read_text(encoding="utf-8"))
            dated = header and header.group(1) != "unknown"
            if not header or (dated and parse_article_file(header.group()).published is None):
                badly_formed.append(path.name)
        assert badly_formed == []


def test_each_page_gives_one_story_only(stories):
    urls = Counter(story.url for story in stories)
    assert [url for url, count in urls.items() if count > 1] == []


def test_labels_use_the_corpus_vocabulary(stories):
    wrong = []
    for story in stories:
        label = story.label
        if not (isinstance(label.get("outlet"), str) and label["outlet"]):
            wrong.append(f"{story.name}: outlet")
        if label.get("date_from") not in DATE_FROM:
            wrong.append(f"{story.name}: date_from {label.get('date_from')!r}")
        if not isinstance(label.get("relevant"), bool) or not isinstance(
            label.get("lookalike"), bool
        ):
            wrong.append(f"{story.name}: relevant and lookalike are true or false")
        if label.get("lookalike") and (label.get("relevant") or label.get("deals")):
            wrong.append(f"{story.name}: a look-alike is not relevant and has no deals")
        if not (label.get("arc") is None or isinstance(label["arc"], str)):
            wrong.append(f"{story.name}: arc")
        for deal in label.get("deals", []):
            if deal.get("kind") not in DEAL_KINDS:
                wrong.append(f"{story.name}: deal kind {deal.get('kind')!r}")
            for party in deal.get("parties", []):
                if not party.get("name") or party.get("kind") not in PARTY_KINDS:
                    wrong.append(f"{story.name}: party {party}")
            if not deal.get("parties"):
                wrong.append(f"{story.name}: a deal without parties")
            if not all(isinstance(name, str) for name in deal.get("mentioned", [])):
                wrong.append(f"{story.name}: mentioned")
            if not all(isinstance(name, str) for name in deal.get("commodities", [])):
                wrong.append(f"{story.name}: commodities")
            for figure in deal.get("figures", []):
                if figure.get("what") not in FIGURE_WHATS or figure.get("kind") not in FIGURE_KINDS:
                    wrong.append(f"{story.name}: figure {figure}")
    assert wrong == []


def test_every_stage_is_a_slug_of_the_vocabulary_on_its_deals_track(stories):
    wrong = []
    for story in stories:
        for deal in story.deals:
            for slug in [deal.get("stage"), *deal.get("alt_stages", [])]:
                stage = STAGES.get(slug)
                if stage is None or stage.track not in (deal.get("kind"), "both"):
                    wrong.append(f"{story.name}: {deal.get('kind')} {slug!r}")
    assert wrong == []


def test_every_figure_is_written_in_its_storys_body(stories):
    missing = [
        f"{story.name}: {figure['text']!r}"
        for story in stories
        for deal in story.deals
        for figure in deal.get("figures", [])
        if figure["text"] not in story.body
    ]
    assert missing == []


def test_the_corpus_holds_at_least_240_stories_from_100_outlets(stories):
    count, outlets = len(stories), len({story.outlet for story in stories})
    assert count >= 240
    assert outlets >= 100


def test_the_corpus_holds_at_least_60_lookalikes(stories):
    lookalikes = sum(story.lookalike for story in stories)
    assert lookalikes >= 60


def test_at_least_12_arcs_each_follow_one_deal_through_4_dated_stories_of_4_outlets(stories):
    arcs = arcs_of(stories)
    count = len(arcs)
    assert count >= 12
    too_thin = {}
    for arc, members in arcs.items():
        dates = {story.published for story in members}
        outlets = {story.outlet for story in members}
        if None in dates or len(dates) < 4 or len(outlets) < 4:
            too_thin[arc] = f"{len(outlets)} outlets, dates {sorted(map(str, dates))}"
    assert too_thin == {}


def test_every_stage_is_the_main_stage_of_at_least_5_stories(stories):
    main_stages = Counter(story.deals[0]["stage"] for story in stories if story.deals)
    assert {slug: main_stages[slug] for slug in STAGES if main_stages[slug] < 5} == {}


def test_the_test_folder_holds_40_percent_of_stories_5_arcs_and_25_lookalikes(folders, stories):
    held_out = folders["test"]
    share = len(held_out) / len(stories)
    arcs = len(arcs_of(held_out))
    lookalikes = sum(story.lookalike for story in held_out)
    assert share >= 0.4
    assert arcs >= 5
    assert lookalikes >= 25


def test_an_arc_lies_wholly_in_one_folder(folders):
    dev, test = (set(arcs_of(folders[name])) for name in FOLDERS)
    assert dev & test == set()


def test_every_development_lookalike_has_one_kind_for_the_leave_one_kind_out_scores():
    from bench.train_relevance import labelled_texts, load_kinds

    lookalikes = {
        name for name, _title, _body, _published, lookalike in labelled_texts() if lookalike
    }
    named = Counter(story for _topics, stories in load_kinds().values() for story in stories)
    assert set(named) == lookalikes
    assert max(named.values()) == 1
