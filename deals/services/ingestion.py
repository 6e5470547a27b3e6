"""Turn a submitted article into proposals: check it, parse it, resolve names, match deals.

Matching itself lives in `deals.services.matching`.
"""

import datetime
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from deals.extraction import (
    Extraction,
    check_input,
    document_text,
    extract,
    html_to_text,
    looks_like_html,
)
from deals.models import (
    Article,
    ArticleState,
    DatePrecision,
    DealKind,
    PartyKind,
    Proposal,
    ProposedCommodity,
    ProposedFigure,
    ProposedParty,
    Role,
    Status,
)

from .directory import Directory, directory
from .drafts import draft_summary, marks_of
from .matching import match_deal, sketch_of
from .review import accept_proposal
from .trust import provenance_of

logger = logging.getLogger(__name__)

T = TypeVar("T")


def readable_text(body: str) -> str:
    """The text of an article body: HTML is read as the text it shows."""
    return html_to_text(body) if looks_like_html(body) else body


def extract_article(*, title: str, body: str, published: datetime.date | None) -> Extraction:
    """Run the extractor with the database's gazetteer, without writing anything."""
    return extract(title, readable_text(body), published, gazetteer=directory().gazetteer)


# --- Parsing an article into proposals --------------------------------------------------------


@dataclass
class ParseOutcome:
    """What parsing did to an article: its final state, its reason and its proposals."""

    state: str
    reason: str = ""
    proposals: list[Proposal] = field(default_factory=list)


def _once_per_name(mentions: Iterable[T]) -> Iterator[T]:
    """Each named mention once: the first of those with the same name, letter case aside."""
    seen: set[str] = set()
    for mention in mentions:
        if mention.name.casefold() not in seen:
            seen.add(mention.name.casefold())
            yield mention


def _too_large(body: str) -> str | None:
    size = len(body.encode("utf-8", errors="replace"))
    limit = settings.TRACKER_MAX_ARTICLE_BYTES
    if size > limit:
        return f"The article is {size:,} bytes long; the tracker reads at most {limit:,}."
    return None


def _finish(article: Article, state: str, reason: str = "") -> None:
    Article.objects.filter(pk=article.pk).update(
        state=state, failure_reason=reason, state_changed_at=timezone.now()
    )
    article.state, article.failure_reason = state, reason


def _parsed_reason(reason: str, passing: list[str]) -> str:
    """What a parsed article's state says beside it: why its deals wait for an editor, and the
    deals it told only in passing that opened no deal."""
    if passing:
        told = "; ".join(passing)
        reason = " ".join(filter(None, [reason, f"Told only in passing, not followed: {told}."]))
    return reason


def _as_decimal(value: float | None) -> Decimal | None:
    # The figure column holds 20 digits before the point; a larger value is kept as text only.
    if value is None or abs(value) >= 1e20 or value != value:
        return None
    return Decimal(str(round(value, 4)))


def _happened(mention, article: Article) -> tuple[datetime.date, str]:
    if mention.happened_on is not None:
        precision = mention.happened_on_precision or DatePrecision.DAY
        return mention.happened_on, precision
    if article.published_on is not None:
        return article.published_on, DatePrecision.DAY
    return timezone.localtime(article.created_at).date(), DatePrecision.DAY


def _propose(
    article: Article, position: int, mention, found: Directory, stages, figures, body: str
) -> Proposal:
    kind = mention.kind if mention.kind in DealKind.values else DealKind.AGREEMENT
    happened_on, precision = _happened(mention, article)
    status = stages.get(mention.stage)
    proposal = Proposal.objects.create(
        article=article,
        position=position,
        kind=kind,
        title=(mention.suggested_title or article.title)[:300],
        summary=draft_summary(mention, figures, title=article.title, body=body, main=position == 0),
        marks=marks_of(
            mention,
            figures,
            document_text(article.title, body),
            stage_name=status.name if status else "",
        ),
        status=status,
        happened_on=happened_on,
        precision=precision if precision in DatePrecision.values else DatePrecision.DAY,
        quote=mention.stage_quote or "",
        confidence=min(max(float(mention.confidence or 0.0), 0.0), 1.0),
    )
    parties = []
    for party in _once_per_name(mention.parties):
        parties.append(
            ProposedParty(
                proposal=proposal,
                name_as_written=party.text[:200],
                name=party.name[:200],
                kind=party.kind if party.kind in PartyKind.values else PartyKind.COMPANY,
                role=party.role if party.role in Role.values else "",
                country_code=(party.country or "")[:2].upper(),
                party_id=found.party_id(
                    party.name, party.text, country=party.country, kind=party.kind
                ),
            )
        )
    ProposedParty.objects.bulk_create(parties)
    commodities = []
    for commodity in _once_per_name(mention.commodities):
        commodities.append(
            ProposedCommodity(
                proposal=proposal,
                name_as_written=commodity.text[:120],
                name=commodity.name[:120],
                hs_codes=list(commodity.hs_codes),
                commodity_id=found.commodity_id(commodity.name, commodity.text),
            )
        )
    ProposedCommodity.objects.bulk_create(commodities)
    proposed, seen = [], set()
    for figure in figures:
        if figure.text[:120] in seen:
            continue
        seen.add(figure.text[:120])
        proposed.append(
            ProposedFigure(
                proposal=proposal,
                text=figure.text[:120],
                value=_as_decimal(figure.value),
                unit=(figure.unit or "")[:20],
                what=figure.what,
                quote=figure.quote or "",
            )
        )
    ProposedFigure.objects.bulk_create(proposed)

    match = match_deal(sketch_of(proposal), lineage=found.lineage)
    if match is not None:
        proposal.deal, proposal.match_score, proposal.match_reason = (
            match.deal,
            round(match.score, 3),
            match.reason[:300],
        )
        proposal.save(update_fields=["deal", "match_score", "match_reason"])
    return proposal


def _figures_by_deal(extraction: Extraction) -> list[tuple]:
    """Each deal mention with its figures; figures the parser tied to no deal go to the main one."""
    tied = {(figure.start, figure.end) for deal in extraction.deals for figure in deal.figures}
    loose = [figure for figure in extraction.figures if (figure.start, figure.end) not in tied]
    return [
        (mention, [*mention.figures, *(loose if position == 0 else [])])
        for position, mention in enumerate(extraction.deals)
    ]


def should_auto_accept(proposal: Proposal, *, trusted: bool) -> bool:
    """Articles from trusted sources (`provenance_of`) need no editor when the parser is sure."""
    return (
        trusted
        and proposal.status_id is not None
        and proposal.confidence >= settings.TRACKER_AUTO_ACCEPT_CONFIDENCE
    )


def parse_article(article: Article) -> ParseOutcome:
    """Parse an article into proposals, one per deal it reports, and settle its state.

    Bad input (empty, too large, binary, not English) fails the article with its reason; an
    article about no trade deal is marked not relevant. Each deal it reports becomes a pending
    proposal, matched to the deal the tracker already follows when there is one (a deal told only
    in passing is proposed only then); proposals from trusted sources the parser is sure of are
    accepted at once: pages the tracker fetched from a trusted domain, and articles from accounts
    editors trust. An article the parser doubts is about a deal is parsed with the reason its
    deals wait for an editor. The article is always kept.
    """
    body = readable_text(article.body)
    problem = _too_large(article.body) or check_input(article.title, body)
    if problem:
        _finish(article, ArticleState.FAILED, problem)
        return ParseOutcome(ArticleState.FAILED, problem)

    found = directory()
    extraction = extract(article.title, body, article.published_on, gazetteer=found.gazetteer)
    if not extraction.relevant or not extraction.deals:
        reason = extraction.reason or "No trade deal or trade measure found in the article."
        _finish(article, ArticleState.NOT_RELEVANT, reason)
        return ParseOutcome(ArticleState.NOT_RELEVANT, reason)

    stages = {status.slug: status for status in Status.objects.all()}
    trusted = provenance_of(article).trusted
    with transaction.atomic():
        proposals, passing = [], []
        for position, (mention, figures) in enumerate(_figures_by_deal(extraction)):
            proposal = _propose(article, position, mention, found, stages, figures, body)
            if mention.in_passing and proposal.deal_id is None:
                # A deal the story tells only in passing adds a step to a deal the tracker
                # follows; one passing sentence is too thin a record to open a deal of its own.
                passing.append(proposal.title)
                proposal.delete()
                continue
            proposals.append(proposal)
        # A story whose deals must wait for an editor says why beside its state, and names the
        # deals it told only in passing that the tracker does not follow.
        _finish(article, ArticleState.PARSED, _parsed_reason(extraction.reason, passing))
        for proposal in proposals:
            if not should_auto_accept(proposal, trusted=trusted):
                continue
            try:
                with transaction.atomic():
                    accept_proposal(proposal=proposal, reviewed_by=None, automatic=True)
            except ValidationError as error:
                # An editor will see it among the pending proposals, with what went wrong.
                logger.warning("Proposal %s left for review: %s", proposal.pk, error)
    return ParseOutcome(ArticleState.PARSED, proposals=proposals)
