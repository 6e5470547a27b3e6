"""Goods of an agreement told outside the sentences of its cues.

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
from .stages import AGREEMENT

TERMS = re.compile(
    r"\b(?:duty[- ]free|tariff[- ]free|zero[- ](?:duty|duties|tariffs?)|market access"
    r"|(?:more|greater|better|wider|improved) access|non-tariff barriers|agenda"
    r"|preferential (?:access|tariffs?|treatment)|tariff (?:concessions?|cuts?|reductions?"
    r"|elimination|lines|rates?)|(?:eliminat|remov|abolish|scrap|cut|lower|reduc|lift|waiv)\w*"
    r" (?:\w+ ){0,2}(?:tariffs?|duty|duties)"
    # "Chinese tariffs will no longer apply to Canadian peas".
    r"|(?:tariffs?|duty|duties|levies) (?:will |would )?no longer appl(?:y|ies))\b"
)


def term_sentences(doc: Document) -> set[int]:
    """The sentences that state tariff terms."""
    if doc.terms is None:
        doc.terms = {doc.index.index_of(m.start()) for m in TERMS.finditer(doc.low)}
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
    cuts and levies are then the agreement's terms."""
    terms = term_sentences(doc)
    about_it = bool(deal.sentences() & doc.lead_sentences)
    return [
        c
        for c in doc.commodities
        if c.sentence in terms
        and (c.sentence not in deal.sentences() or about_it)
        and (about_it or closest(doc, deals, c) is None)
    ]
