"""Reading a short story written for a test: its main deal, and that deal's kind and stage."""

import datetime

from deals.extraction import extract

#: The day the tests' stories are published, unless one says otherwise.
DAY = datetime.date(2025, 6, 12)


def main_deal(title, body="", published=DAY):
    """The story's main deal; the story must read as a deal story."""
    result = extract(title, body, published)
    assert result.relevant, result.reason
    return result.deals[0]


def stage_of(title, body="", published=DAY):
    deal = main_deal(title, body, published)
    return deal.kind, deal.stage
