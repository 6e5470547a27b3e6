"""A look-alike never creates or moves a deal, and a deal named only as background is left to an
editor, even from a trusted source."""

import datetime

import pytest

from deals import services
from deals.models import ArticleState, Deal, ReviewState, TimelineEntry

from .factories import submitted

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 2, 3)


@pytest.fixture
def trusted(reader):
    """An account editors trust: its articles may be accepted without review."""
    services.set_trust(user=reader, trusted=True)
    return reader


def wire(slug: str, account) -> dict:
    return {"url": f"https://www.wire.example/{slug}", "outlet": "Wire", "submitted_by": account}


MALAYSIA_BAN = (
    "Malaysia bans the export of unprocessed rare earths",
    "Malaysia has banned exports of raw rare earths to build a refining industry at home. The "
    "ban is in effect.",
)
# A central bank story that names the same ban as its background.
CENTRAL_BANK = (
    "Bank Negara holds key rate as Malaysia's rare earths export ban bites",
    "Bank Negara Malaysia kept its overnight policy rate at 3% on Thursday. Governor Lim said the"
    " ban on exports of raw rare earths, in effect since last year, was weighing on mining"
    " revenue. Economists had expected no change.",
)
# A port story that names a trade agreement in passing, years after it took effect.
PORT_STORY = (
    "Port of Rotterdam handles record container volumes",
    "The port handled 15 million containers in the first half, a record. Traffic with Japan has"
    " grown since the EU-Japan economic partnership agreement took effect in 2019. The port"
    " plans a new terminal.",
)


def assert_waits_for_an_editor(article):
    """Parsed, its main proposal pending for an editor, and no deal made from it."""
    article.refresh_from_db()
    assert article.state == ArticleState.PARSED
    proposal = article.proposals.get(position=0)
    assert proposal.state == ReviewState.PENDING
    assert not proposal.auto_accepted
    assert not Deal.objects.exists()


def test_a_look_alike_from_a_trusted_source_makes_no_proposal_and_leaves_the_deal_alone(
    reference_data, trusted
):
    services.parse_article(submitted(*MALAYSIA_BAN, published_on=DAY, **wire("ban", trusted)))
    deal = Deal.objects.get()
    entries = TimelineEntry.objects.count()

    later = DAY + datetime.timedelta(days=30)
    article = submitted(*CENTRAL_BANK, published_on=later, **wire("rates", trusted))
    outcome = services.parse_article(article)

    article.refresh_from_db()
    assert article.state == outcome.state == ArticleState.NOT_RELEVANT
    assert "Bank Negara holds key rate" in article.failure_reason
    assert not article.proposals.exists()
    assert Deal.objects.get() == deal
    assert TimelineEntry.objects.count() == entries


def test_a_deal_named_only_as_background_waits_for_an_editor_even_from_a_trusted_source(
    reference_data, trusted
):
    article = submitted(*PORT_STORY, published_on=DAY, **wire("port", trusted))

    services.parse_article(article)

    assert_waits_for_an_editor(article)


def test_a_deal_in_the_headline_from_a_trusted_source_is_still_accepted(reference_data, trusted):
    article = submitted(*MALAYSIA_BAN, published_on=DAY, **wire("ban", trusted))

    services.parse_article(article)

    assert article.proposals.get(position=0).state == ReviewState.ACCEPTED
    assert Deal.objects.get().status.slug == "imposed"


# A deal story whose lead names no trade: kept, but an editor confirms it.
RAIL_MEMORANDUM = (
    "Ghana signs memorandum of understanding on new rail corridor",
    "Ghana signed a memorandum of understanding on Monday to build a rail corridor to its"
    " northern border. Officials said work would start next year.",
)


def test_a_story_whose_lead_names_no_trade_waits_for_an_editor_and_its_state_says_why(
    reference_data, trusted
):
    article = submitted(*RAIL_MEMORANDUM, published_on=DAY, **wire("rail", trusted))

    services.parse_article(article)

    assert_waits_for_an_editor(article)
    assert article.failure_reason.startswith("Its deals wait for an editor")


def test_a_story_read_with_no_doubt_is_parsed_with_no_reason(reference_data, trusted):
    article = submitted(*MALAYSIA_BAN, published_on=DAY, **wire("ban", trusted))

    services.parse_article(article)

    article.refresh_from_db()
    assert article.state == ArticleState.PARSED
    assert article.failure_reason == ""
