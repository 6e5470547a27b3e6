"""Working records while an article is read: the document, and each deal being assembled."""

from __future__ import annotations

import datetime
import functools
import itertools
from bisect import bisect_right
from dataclasses import dataclass, field

from .gazetteer import Gazetteer
from .lexicon import TOPIC
from .parties import CommodityHit, PartyHit
from .prefixes import Scanner
from .stages import Cue
from .text import SentenceIndex

COUNTRYLIKE = frozenset({"country", "bloc"})
_TOPICS = Scanner(TOPIC)


@dataclass
class Support:
    """A statement in the text that supports a stage for a deal."""

    stage: str
    weight: float
    cue: Cue
    rumour: bool
    later: bool = False  # a measure said to take effect on a later date
    # Told as history: in a clause dated before the story's year, or opened by "after", "since".
    past: bool = False


@dataclass
class DraftDeal:
    """A deal being assembled from the cues attributed to it."""

    kind: str
    nouns: list[Cue] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    support: list[Support] = field(default_factory=list)
    # Where a measure that shares its sentences with other measures is told (start, end).
    segments: list[tuple[int, int]] | None = None
    # For a measure told apart from others: (imposing party, target) as read in its segments.
    sides: tuple[str | None, str | None] | None = None
    # A further measure told apart ("the ministry also put a duty on ..."), naming no side.
    further: bool = False
    _by_sentence: dict[int, list[int]] | None = None
    _sentences: set[int] | None = None
    _sorted_starts: dict[int, list[int]] | None = None
    # For ``tells``: the segments read, their sorted starts, and the furthest end up to each.
    _segment_index: tuple[list[tuple[int, int]], list[int], list[int]] | None = None

    def sentences(self) -> set[int]:
        if self._sentences is None:
            self._sentences = {c.sentence for c in self.nouns} | {c.sentence for c in self.cues}
        return self._sentences

    def tells(self, at: int) -> bool:
        """Whether offset ``at`` falls in one of the segments where this measure is told."""
        segments = self.segments
        if segments is None:
            return True
        if self._segment_index is None or self._segment_index[0] is not segments:
            ordered = sorted(segments)
            furthest = list(itertools.accumulate((end for _start, end in ordered), max))
            self._segment_index = (segments, [start for start, _end in ordered], furthest)
        _segments, starts, furthest = self._segment_index
        i = bisect_right(starts, at)
        return i > 0 and furthest[i - 1] > at

    def cue_distance(self, sentence: int, at: int) -> int:
        """How far ``at`` is from the nearest cue of this deal in ``sentence`` (which has one)."""
        if self._sorted_starts is None:
            self._sorted_starts = {}
        starts = self._sorted_starts.get(sentence)
        if starts is None:
            starts = self._sorted_starts[sentence] = sorted(self.cue_starts(sentence))
        i = bisect_right(starts, at)
        return min(abs(start - at) for start in starts[max(0, i - 1) : i + 1])

    def cue_starts(self, sentence: int) -> list[int]:
        if self._by_sentence is None:
            self._by_sentence = {}
            for cue in self.nouns + self.cues:
                self._by_sentence.setdefault(cue.sentence, []).append(cue.start)
        return self._by_sentence.get(sentence, [])


@dataclass
class Document:
    """One article as the extractor sees it: texts, sentences and what was found in them."""

    raw: str
    text: str
    low: str
    title_end: int
    published: datetime.date | None
    index: SentenceIndex
    parties: list[PartyHit]
    commodities: list[CommodityHit]
    gazetteer: Gazetteer
    # The deal each party or commodity hit belongs to, worked out once per article.
    closest: dict[tuple[int, int], DraftDeal | None] = field(default_factory=dict)
    deals_in: dict[int, list[DraftDeal]] = field(default_factory=dict)
    takes_effect_later: dict[int, bool] = field(default_factory=dict)
    dates: dict[tuple[int, int], tuple[datetime.date, str] | None] = field(default_factory=dict)
    # Per figure (by start): its sentence, and which kind of deal owns it where several are told.
    figure_places: dict[int, tuple[int, str | None]] = field(default_factory=dict)
    # The sentences stating tariff terms (``goods.term_sentences``), worked out once per article.
    terms: set[int] | None = None

    @functools.cached_property
    def parties_by_sentence(self) -> dict[int, list[PartyHit]]:
        found: dict[int, list[PartyHit]] = {}
        for hit in self.parties:
            found.setdefault(hit.sentence, []).append(hit)
        return found

    @functools.cached_property
    def commodities_by_sentence(self) -> dict[int, list[CommodityHit]]:
        found: dict[int, list[CommodityHit]] = {}
        for hit in self.commodities:
            found.setdefault(hit.sentence, []).append(hit)
        return found

    @functools.cached_property
    def commodity_starts(self) -> list[int]:
        return [c.start for c in self.commodities]

    @functools.cached_property
    def party_starts(self) -> list[int]:
        return [p.start for p in self.parties]

    @functools.cached_property
    def topic_sentences(self) -> set[int]:
        return {self.index.index_of(m.start()) for m in _TOPICS.finditer(self.low)}

    @functools.cached_property
    def first_body_sentence(self) -> int | None:
        return next((i for i, s in enumerate(self.index.sentences) if not s.in_title), None)

    @functools.cached_property
    def lead_sentences(self) -> frozenset[int]:
        """The headline and the first sentence of the body."""
        lead = {i for i, s in enumerate(self.index.sentences) if s.in_title}
        if self.first_body_sentence is not None:
            lead.add(self.first_body_sentence)
        return frozenset(lead)

    def sentence_text(self, i: int) -> str:
        s = self.index.sentences[i]
        return self.raw[s.start : s.end]
