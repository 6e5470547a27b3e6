"""Working records while an article is read: the document, and each deal being assembled."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field

from .gazetteer import Gazetteer
from .lexicon import TOPIC
from .parties import CommodityHit, PartyHit
from .stages import Cue
from .text import SentenceIndex

COUNTRYLIKE = frozenset({"country", "bloc"})


@dataclass
class Support:
    """A statement in the text that supports a stage for a deal."""

    stage: str
    weight: float
    cue: Cue
    rumour: bool
    later: bool = False  # a measure said to take effect on a later date


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
    _by_sentence: dict[int, list[int]] | None = None
    _sentences: set[int] | None = None

    def sentences(self) -> set[int]:
        if self._sentences is None:
            self._sentences = {c.sentence for c in self.nouns} | {c.sentence for c in self.cues}
        return self._sentences

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
    def party_starts(self) -> list[int]:
        return [p.start for p in self.parties]

    @functools.cached_property
    def topic_sentences(self) -> set[int]:
        return {self.index.index_of(m.start()) for m in TOPIC.finditer(self.low)}

    def sentence_text(self, i: int) -> str:
        s = self.index.sentences[i]
        return self.raw[s.start : s.end]
