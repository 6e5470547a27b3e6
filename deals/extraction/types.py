"""The extractor's input rows and output records: plain dataclasses with JSON-ready ``to_dict()``.

Offsets (``start``/``end`` on mentions and figures) index the *document text*, the string built by
:func:`document_text` from the title and body: ``title + "\\n\\n" + body`` when both are present,
otherwise whichever one is not empty. Offsets below ``len(title)`` fall in the title.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

PARTY_KINDS = (
    "country",
    "bloc",
    "company",
    "state_owned_enterprise",
    "sovereign_fund",
    "government_body",
    "international_org",
)

#: What a figure measures: (slug, reader-facing name). Terms of a deal (a tariff rate, its value,
#: an investment, a stake, a quota, a price) are told apart from the background a story gives
#: (the trade between the sides, reserves, market shares), so that a background statistic is
#: never shown as a term of the deal.
FIGURE_WHATS = (
    ("tariff_rate", "Tariff rate"),
    ("previous_rate", "Previous rate"),
    ("deal_value", "Deal value"),
    ("investment", "Investment"),
    ("loan", "Loan"),
    ("stake", "Stake"),
    ("quota", "Quota"),
    ("volume", "Volume"),
    ("price", "Price"),
    ("trade_value", "Value of trade"),
    ("market_share", "Market share"),
    ("reserves", "Reserves"),
    ("capacity", "Capacity"),
    ("count", "Count"),
    ("date", "Date"),
    ("other", "Other figure"),
)

TITLE_BODY_SEPARATOR = "\n\n"


def document_text(title: str, body: str = "") -> str:
    """The string every offset in an :class:`Extraction` points into."""
    if title and body:
        return title + TITLE_BODY_SEPARATOR + body
    return title or body


@dataclass(frozen=True)
class PartyEntry:
    """A party the gazetteer knows: shipped data, or an editor's row from the database."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    country: str | None = None


@dataclass(frozen=True)
class CommodityEntry:
    """A commodity the gazetteer knows; ``parent`` names another entry (or is None for a root)."""

    name: str
    hs_codes: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    parent: str | None = None


@dataclass(frozen=True)
class PartyMention:
    """A party to a deal as found in the text, resolved to a canonical name."""

    name: str
    kind: str
    role: str | None
    text: str
    start: int
    end: int
    country: str | None = None

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "kind": self.kind,
            "role": self.role,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "country": self.country,
        }


@dataclass(frozen=True)
class CommodityMention:
    """A traded good named in the text, resolved to a taxonomy entry."""

    name: str
    hs_codes: list[str]
    parent: str | None
    text: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "hs_codes": list(self.hs_codes),
            "parent": self.parent,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Figure:
    """A number with its unit as written, normalised (scale applied), with what it measures (a
    slug of :data:`FIGURE_WHATS`); a date a deal sets has no value and the unit "date". ``macro``
    marks a statistic of a whole economy (a policy rate, inflation, growth): it is kept with the
    article but is never a deal's."""

    text: str
    value: float | None
    unit: str
    what: str
    quote: str
    start: int
    end: int
    macro: bool = False

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "value": self.value,
            "unit": self.unit,
            "what": self.what,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class DealMention:
    """One agreement or measure reported by an article, with the evidence for its stage."""

    kind: str
    stage: str | None
    stage_quote: str
    confidence: float
    parties: list[PartyMention] = field(default_factory=list)
    commodities: list[CommodityMention] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    suggested_title: str = ""
    happened_on: datetime.date | None = None
    happened_on_precision: str | None = None
    #: Told only in passing: a deal after the story's main one, outside its headline and first
    #: sentence ("Last year the Commission brought in a ban on imports of copper from Chile").
    in_passing: bool = False

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "stage": self.stage,
            "stage_quote": self.stage_quote,
            "confidence": self.confidence,
            "parties": [p.to_dict() for p in self.parties],
            "commodities": [c.to_dict() for c in self.commodities],
            "figures": [f.to_dict() for f in self.figures],
            "suggested_title": self.suggested_title,
            "happened_on": self.happened_on.isoformat() if self.happened_on else None,
            "happened_on_precision": self.happened_on_precision,
            "in_passing": self.in_passing,
        }


@dataclass
class Extraction:
    """What the extractor read in one article; ``deals`` is empty when it is not relevant."""

    title: str
    relevant: bool
    # Why it is not relevant; for a relevant article, why its deals wait for an editor, if so.
    reason: str = ""
    deals: list[DealMention] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "relevant": self.relevant,
            "title": self.title,
            "reason": self.reason,
            "deals": [d.to_dict() for d in self.deals],
            "figures": [f.to_dict() for f in self.figures],
        }


@dataclass(frozen=True)
class ArticleFile:
    """An article file split into its header fields and body."""

    title: str
    url: str
    published: datetime.date | None
    body: str
