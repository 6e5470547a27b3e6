"""Reading a short story written for a test: its deals, its main deal, and a deal's kind, stage,
parties and goods."""

import datetime

from deals.extraction import extract

#: The day the tests' stories are published, unless one says otherwise.
DAY = datetime.date(2025, 6, 12)


def deals_of(title, body="", published=DAY):
    """The story's deals, the main one first; the story must read as a deal story."""
    result = extract(title, body, published)
    assert result.relevant, result.reason
    return result.deals


def main_deal(title, body="", published=DAY):
    """The story's main deal; the story must read as a deal story."""
    return deals_of(title, body, published)[0]


def names(deal):
    return sorted(p.name for p in deal.parties)


def goods(deal):
    return sorted(c.name for c in deal.commodities)


def stage_of(title, body="", published=DAY):
    deal = main_deal(title, body, published)
    return deal.kind, deal.stage
