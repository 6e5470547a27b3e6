"""Which goods are a deal's: an agreement's told outside the sentences of its cues, and a
measure's apart from those of the measure it answers.

Stories about a trade agreement list what it covers in sentences of their own ("Every
labour-intensive sector gets duty-free access from the outset: textiles and apparel, gems and
jewellery, leather ..."): a sentence stating tariff terms names goods of the agreement. In a story
whose headline or lead tells the agreement, the tariff cuts, rates and lifts told in such sentences
are its terms even where they read like a measure ("The US will levy a reciprocal tariff rate of 18
per cent on goods such as textiles"); elsewhere a sentence telling another deal keeps its goods.
"""

from __future__ import annotations

import re

from .drafts import Document, DraftDeal
from .parties import CommodityHit
from .prefixes import Scanner
from .stages import AGREEMENT

TERMS = re.compile(
    r"\b(?:duty[- ]free|tariff[- ]free"
    # "zero duty", "zero import duty", "0% import duty", "nil duty".
    r"|(?:zero|0\s*%|0 per ?cent|nil)[- ](?:(?:import|export|customs)[- ])?(?:duty|duties|tariffs?)"
    r"|market access"
    r"|(?:more|greater|better|wider|improved) access|non-tariff barriers|agenda"
    r"|preferential (?:access|tariffs?|treatment)|tariff (?:concessions?|cuts?|reductions?"
    r"|elimination|lines|rates?)|(?:eliminat|remov|abolish|scrap|cut|lower|reduc|lift|waiv)\w*"
    r" (?:\w+ ){0,2}(?:tariffs?|duty|duties)"
    # "Chinese tariffs will no longer apply to Canadian peas".
    r"|(?:tariffs?|duty|duties|levies) (?:will |would )?no longer appl(?:y|ies))\b"
)
_TERMS = Scanner(TERMS)


def term_sentences(doc: Document) -> set[int]:
    """The sentences that state tariff terms."""
    if doc.terms is None:
        doc.terms = {doc.index.index_of(m.start()) for m in _TERMS.finditer(doc.low)}
    return doc.terms


def terms_of_the_agreement(doc: Document, deals: list[DraftDeal]) -> set[int]:
    """The sentences stating tariff terms in a story whose headline or lead tells an agreement:
    their goods are the agreement's, even where a measure is told in them too."""
    told = any(
        d.kind == AGREEMENT and d.sentences() & doc.lead_sentences and d.support for d in deals
    )
    return term_sentences(doc) if told else set()


def agreement_terms_goods(
    doc: Document, deal: DraftDeal, deals: list[DraftDeal], closest
) -> list[CommodityHit]:
    """The goods named in sentences stating tariff terms, where no other deal is told; in a story
    whose headline or lead tells the agreement, also where a measure is told, since its tariff
    cuts and levies are then the agreement's terms (not where another agreement is: its terms
    are its own)."""
    terms = term_sentences(doc)
    about_it = bool(deal.sentences() & doc.lead_sentences)
    found = []
    for c in doc.commodities:
        if c.sentence not in terms or (c.sentence in deal.sentences() and not about_it):
            continue
        other = closest(doc, deals, c)
        if other is None or (about_it and (other is deal or other.kind != AGREEMENT)):
            found.append(c)
    return found


# "Canada's 100 per cent levies on", "the Canadian tariffs on", "its 25% tax on": a measure
# named with its owner, the goods it falls on to follow.
_OWNED_INSTRUMENT = re.compile(
    r"(?:'s |' | )(?:[\d.]+\s*(?:%|-?per[- ]?cent|-?percent|pc)\s+)?(?:\w+\s+)?"
    r"(?:tariffs?|levies|levy|duties|duty|surtax(?:es)?|tax(?:es)?)\s+(?:imposed\s+)?on\b"
)
_ITS_INSTRUMENT = re.compile(
    r"\bits (?:[\d.]+\s*(?:%|-?per[- ]?cent|-?percent|pc)\s+)?(?:\w+\s+)?"
    r"(?:tariffs?|levies|levy|duties|duty|surtax(?:es)?|tax(?:es)?)\s+(?:imposed\s+)?on\b"
)


def other_measures_goods(
    doc: Document, hits: list[CommodityHit], imposers: set[str]
) -> list[CommodityHit]:
    """The goods of a measure story that belong to another country's measure: those after "the
    Canadian tariffs on" or "Canada's levies on" (and "its tax on") where the measure told is
    China's. A retaliation's story names the measure it answers, and that measure's goods are
    not the retaliation's."""
    if not imposers:
        return []
    other = []
    for hit in hits:
        countries = [
            p
            for p in doc.parties_by_sentence.get(hit.sentence, ())
            if p.kind == "country" and p.end <= hit.start
        ]
        if _owner_before(doc, hit, countries) not in (None, *imposers):
            other.append(hit)
    return other


def _owner_before(doc: Document, hit: CommodityHit, countries: list) -> str | None:
    """The country whose measure, named before ``hit`` in its sentence, falls on it."""
    owner = None
    for party in countries:
        m = _OWNED_INSTRUMENT.match(doc.low, party.end)
        if m and m.end() <= hit.start:
            owner = (m.end(), party.name)
    if owner is None:
        return None
    for m in _ITS_INSTRUMENT.finditer(doc.low, owner[0], hit.start):
        owner = (m.end(), owner[1])
    # The latest measure named before the good is the one it falls on, unless another
    # "tariffs on" without an owner comes between them.
    later = re.search(
        r"\b(?:tariffs?|levies|levy|duties|duty)\s+on\b", doc.low[owner[0] : hit.start]
    )
    return None if later else owner[1]
