"""Which of the names told near an agreement's cues are its sides.

Wire copy names the sides of a deal in its headline and lead; sentences further down that speak of
*the* deal ("Under the contract, Kazatomprom will deliver ...") continue it and may name the firms
or bodies behind the countries of the headline. Other names further down are background: earlier
deals ("its deals with Vietnam"), rivals, markets, statistics.
"""

from __future__ import annotations

import re

from .drafts import COUNTRYLIKE, Document, DraftDeal
from .parties import PartyHit

# "the deal", "this agreement", "under the contract", "the pact's": the deal already told.
_DEFINITE = re.compile(r"\b(?:the|this|that|its|under the|of the)\s+(?:[\w'-]+\s+){0,3}$")


def continuing_sentences(doc: Document, deal: DraftDeal) -> set[int]:
    """The body sentences of ``deal`` that speak of the deal the lead told, by a definite noun."""
    found = set()
    for noun in deal.nouns:
        if noun.start < doc.title_end or doc.low[noun.end - 1] == "s":
            continue
        s = doc.index.sentences[noun.sentence]
        if _DEFINITE.search(doc.low, max(s.start, noun.start - 40), noun.start):
            found.add(noun.sentence)
    return found


def agreement_sides(doc: Document, deal: DraftDeal, hits: list[PartyHit]) -> list[PartyHit]:
    """The hits of an agreement that name its sides (see the module's note)."""
    lead = doc.lead_sentences
    named_in_lead = {p.name for p in hits if p.sentence in lead}
    if len(named_in_lead) < 2:
        return hits
    told = continuing_sentences(doc, deal) - lead
    return [
        p
        for p in hits
        if p.name in named_in_lead or (p.sentence in told and p.kind not in COUNTRYLIKE)
    ]
