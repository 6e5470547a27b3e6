"""The real-news corpus of ``bench/realnews/``: its stories, and how the benchmarks score them.

Each folder (``dev/``, ``test/``) holds article files as ``manage.py ingest`` reads them and a
``labels.json`` keyed by file name (the README's "The real-news corpus" describes the labels).

The stream scoring (``score_stream``) judges what the tracker did with a folder fed oldest first:

- A story is *filed under* a deal when its article is the source of a timeline entry on it, or a
  proposal of it was accepted into it. Deal stories are those with a labelled deal (look-alikes
  are scored apart).
- Pairs: two deal stories of one arc filed under a common deal count towards recall; two deal
  stories of different arcs (a story outside any arc is an arc of its own) filed under a common
  deal count as a false merge. Two single stories about the same deal, or a story whose
  background deal is another arc's, count as a false merge too: that share is an upper bound.
- The deals an arc's stories are filed under count every one; its *own* deals leave out, for
  each story, the deals that are recognisably one of the background deals the story is labelled
  with (by kind and most of its labelled parties, as below): what is left is where the arc's own
  news went, and a deal scattered over several shows as more than one.
- An arc's deal is the deal most of its stories are filed under (on a tie, the one filed first);
  its final stage is right when it is the stage, or an alternative stage, the arc's latest story
  is labelled with.
- Scored for some arcs only (``arcs``), a pair counts when one of its stories is in them (so
  same-arc pairs are theirs, and false merges are those touching them), the story figures and
  arc rows are of their stories, and look-alikes are left out: a way to keep arcs held back
  while rules are tuned on others.
- A story's main deal got an entry when its article is the source of a timeline entry on its
  arc's deal, or on a deal of the labelled kind holding more than half of the main deal's
  labelled parties (by name or alias, ignoring case).
"""

from __future__ import annotations

import datetime
import itertools
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bench.extraction_scoring import Item, Tally
from deals.extraction import Gazetteer, parse_article_file

CORPUS = Path(__file__).resolve().parent / "realnews"
FOLDERS = ("dev", "test")


@dataclass(frozen=True)
class Story:
    """One article file of the corpus and its label."""

    name: str
    title: str
    url: str
    published: datetime.date | None
    body: str
    label: dict

    @property
    def outlet(self) -> str:
        return self.label["outlet"]

    @property
    def arc(self) -> str | None:
        return self.label.get("arc")

    @property
    def lookalike(self) -> bool:
        return bool(self.label.get("lookalike"))

    @property
    def deals(self) -> list[dict]:
        return self.label.get("deals") or []

    @property
    def is_deal_story(self) -> bool:
        return bool(self.deals) and not self.lookalike

    @property
    def group(self) -> str:
        """Its arc, or the story alone."""
        return f"arc {self.arc}" if self.arc else f"story {self.name}"


def read_labels(folder: Path) -> dict[str, dict]:
    return json.loads((folder / "labels.json").read_text(encoding="utf-8"))


def load_stories(folder: Path) -> list[Story]:
    """Every labelled story of a folder, in file-name order."""
    stories = []
    for name, label in sorted(read_labels(folder).items()):
        article = parse_article_file((folder / name).read_text(encoding="utf-8"))
        stories.append(
            Story(name, article.title, article.url, article.published, article.body, label)
        )
    return stories


def oldest_first(stories: list[Story]) -> list[Story]:
    """The order a stream feeds stories in: by date, undated ones last, then by file name."""
    return sorted(stories, key=lambda story: (story.published is None, _date_of(story), story.name))


def _date_of(story: Story) -> datetime.date:
    return story.published or datetime.date.min


# --- Extraction -------------------------------------------------------------------------------


def extraction_items(stories: list[Story], gazetteer: Gazetteer) -> list[Item]:
    """The stories as the extraction benchmark scores them.

    A labelled party matches a predicted one whose canonical name it is or whose aliases it is
    among; a labelled commodity stands for the taxonomy entry it names or is an alias of.
    """
    parties_named: dict[str, list[str]] = {}
    for party in gazetteer.parties:
        for name in {party.name.casefold(), *(alias.casefold() for alias in party.aliases)}:
            parties_named.setdefault(name, []).append(party.name)
    commodity_named: dict[str, str] = {}
    for commodity in gazetteer.commodities:
        for name in (*commodity.aliases, commodity.name):
            commodity_named[name.casefold()] = commodity.name
    items = []
    for story in stories:
        deals = [
            {
                "kind": deal["kind"],
                "parties": [party["name"] for party in deal["parties"]],
                "party_kinds": {party["name"]: party["kind"] for party in deal["parties"]},
                "commodities": deal["commodities"],
                "stage": deal["stage"],
                "alt_stages": deal.get("alt_stages", []),
                "figures": deal.get("figures", []),
            }
            for deal in story.deals
        ]
        names = {party["name"] for deal in story.deals for party in deal["parties"]}
        goods = {good for deal in story.deals for good in deal["commodities"]}
        items.append(
            Item(
                story.name,
                story.title,
                story.body,
                story.published,
                bool(story.label["relevant"]),
                deals,
                aliases={name: parties_named.get(name.casefold(), []) for name in names},
                lookalike=story.lookalike,
                commodity_names={
                    good: commodity_named[good.casefold()]
                    for good in goods
                    if good.casefold() in commodity_named
                },
            )
        )
    return items


# --- Streams ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrackedDeal:
    """A deal as the tracker shows it after a stream."""

    slug: str
    kind: str
    stage: str | None
    #: Its parties' names and aliases, case-folded.
    party_names: frozenset[str]


@dataclass
class StreamResult:
    """What the tracker did with a stream of stories, by story file name."""

    #: The deals each story is filed under.
    filed: dict[str, set[str]]
    #: The (deal slug, stage slug) of each timeline entry a story is the source of.
    entries: dict[str, list[tuple[str, str]]]
    deals: dict[str, TrackedDeal]

    def filed_under(self, story: Story) -> set[str]:
        return self.filed.get(story.name, set())

    def entries_of(self, story: Story) -> list[tuple[str, str]]:
        return self.entries.get(story.name, [])


@dataclass
class ArcRow:
    """How one arc fared."""

    arc: str
    stories: int
    outlets: int
    deals: int
    #: The deals its stories are filed under, less each story's labelled background deals.
    own_deals: int
    unfiled: int
    deal: str | None
    on_its_deal: int
    final_stage: str | None
    wanted: list[str]

    @property
    def final_stage_right(self) -> bool:
        return self.final_stage in self.wanted


@dataclass
class StreamScore:
    """The stream benchmark's figures for one folder."""

    #: Pairs of stories of one arc, and of different arcs, filed under a common deal.
    same_arc: Tally = field(default_factory=Tally)
    different_arcs: Tally = field(default_factory=Tally)
    #: Deal stories filed under some deal; with an entry on their main deal (at its stage).
    filed: Tally = field(default_factory=Tally)
    main_entry: Tally = field(default_factory=Tally)
    main_entry_at_stage: Tally = field(default_factory=Tally)
    #: Look-alikes with a timeline entry on a deal; filed under a deal in any way.
    lookalikes_with_entry: Tally = field(default_factory=Tally)
    lookalikes_filed: Tally = field(default_factory=Tally)
    arcs: list[ArcRow] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)


def _arc_row(arc: str, stories: list[Story], result: StreamResult) -> ArcRow:
    votes = Counter(
        slug for story in oldest_first(stories) for slug in sorted(result.filed_under(story))
    )
    deal = votes.most_common(1)[0][0] if votes else None
    own = {
        slug
        for story in stories
        for slug in result.filed_under(story)
        if not any(
            _is_main_deal(result.deals.get(slug), background, None)
            for background in story.deals[1:]
        )
    }
    latest = max(stories, key=lambda story: (_date_of(story), story.name))
    main = latest.deals[0] if latest.deals else {}
    tracked = result.deals.get(deal) if deal else None
    return ArcRow(
        arc=arc,
        stories=len(stories),
        outlets=len({story.outlet for story in stories}),
        deals=len(votes),
        own_deals=len(own),
        unfiled=sum(not result.filed_under(story) for story in stories),
        deal=deal,
        on_its_deal=sum(deal in result.filed_under(story) for story in stories),
        final_stage=tracked.stage if tracked else None,
        wanted=[main["stage"], *main.get("alt_stages", [])] if main else [],
    )


def _is_main_deal(deal: TrackedDeal | None, main: dict, arc_deal: str | None) -> bool:
    if deal is None:
        return False
    if deal.slug == arc_deal:
        return True
    names = [party["name"].casefold() for party in main["parties"]]
    held = sum(name in deal.party_names for name in names)
    return deal.kind == main["kind"] and held * 2 > len(names)


def score_stream(
    stories: list[Story], result: StreamResult, *, arcs: Iterable[str] | None = None
) -> StreamScore:
    """Score what the tracker did with a folder's stories (see the module's rules), or with
    the stories of some `arcs` only."""
    score = StreamScore()
    chosen = None if arcs is None else set(arcs)

    def scored(story: Story) -> bool:
        return chosen is None or story.arc in chosen

    deal_stories = [story for story in stories if story.is_deal_story]
    for first, second in itertools.combinations(deal_stories, 2):
        if not (scored(first) or scored(second)):
            continue
        pairs = score.same_arc if first.group == second.group else score.different_arcs
        pairs.count(bool(result.filed_under(first) & result.filed_under(second)))

    arc_deals: dict[str, str | None] = {}
    by_arc: dict[str, list[Story]] = {}
    for story in stories:
        if story.arc and scored(story):
            by_arc.setdefault(story.arc, []).append(story)
    for arc, members in sorted(by_arc.items()):
        row = _arc_row(arc, members, result)
        arc_deals[arc] = row.deal
        score.arcs.append(row)
        if not row.final_stage_right:
            score.misses.append(
                f"arc {arc}: its deal ends at {row.final_stage}, its latest story says "
                f"{'/'.join(row.wanted)}"
            )

    for story in filter(scored, deal_stories):
        score.filed.count(bool(result.filed_under(story)))
        main = story.deals[0]
        allowed = [main["stage"], *main.get("alt_stages", [])]
        on_main = [
            stage
            for slug, stage in result.entries_of(story)
            if _is_main_deal(result.deals.get(slug), main, arc_deals.get(story.arc))
        ]
        score.main_entry.count(bool(on_main))
        score.main_entry_at_stage.count(any(stage in allowed for stage in on_main))
        if not on_main:
            score.misses.append(f"no entry on its main deal: {story.name}")

    for story in stories:
        if not story.lookalike or chosen is not None:
            continue
        score.lookalikes_with_entry.count(bool(result.entries_of(story)))
        score.lookalikes_filed.count(bool(result.filed_under(story)))
        if result.filed_under(story):
            filed = ", ".join(sorted(result.filed_under(story)))
            score.misses.append(f"look-alike filed under {filed}: {story.name}")
    return score
