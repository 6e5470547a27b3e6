"""Goods of an agreement told outside the sentences of its cues.

Stories about a trade agreement list what it covers in sentences of their own ("Every
labour-intensive sector gets duty-free access from the outset: textiles and apparel, gems and
jewellery, leather ..."): a sentence stating tariff terms names goods of the agreement, unless a
measure is told in it.
"""

from __future__ import annotations

import re

from .drafts import Document, DraftDeal
from .parties import CommodityHit

TERMS = re.compile(
    r"\b(?:duty[- ]free|tariff[- ]free|zero[- ](?:duty|duties|tariffs?)|market access"
    r"|preferential (?:access|tariffs?|treatment)|tariff (?:concessions?|cuts?|reductions?"
    r"|elimination|lines)|(?:eliminat|remov|abolish|scrap|cut|lower|reduc)\w* (?:\w+ ){0,2}"
    r"(?:tariffs|duties))\b"
)


def term_sentences(doc: Document) -> set[int]:
    """The sentences that state tariff terms."""
    return {doc.index.index_of(m.start()) for m in TERMS.finditer(doc.low)}


def agreement_terms_goods(
    doc: Document, deal: DraftDeal, deals: list[DraftDeal], closest
) -> list[CommodityHit]:
    """The goods named in sentences stating tariff terms, where no other deal is told."""
    sentences = term_sentences(doc) - deal.sentences()
    return [
        c
        for c in doc.commodities
        if c.sentence in sentences and closest(doc, deals, c) in (None, deal)
    ]
