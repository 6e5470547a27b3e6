"""Writes that touch several models. Views, admin, tasks and commands call these, nothing else."""

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.text import slugify

from deals.extraction import ingested_text
from deals.models import (
    Article,
    ArticleState,
    Commodity,
    Contributor,
    DatePrecision,
    Deal,
    DealParty,
    EntryKind,
    Party,
    Status,
    TimelineEntry,
    content_hash,
    provisional_hash,
)

from .queueing import ANNOUNCE_CHANGE, PARSE_ARTICLE, queue_after_commit
from .search import refresh_search_documents


def unique_slug(model: type[models.Model], text: str, *, max_length: int = 200) -> str:
    """A slug for `text` that no row of `model` has yet (`us-india-trade-deal-2`)."""
    # Dashes and slashes separate words in titles ("United States–India"): keep them apart.
    base = slugify(re.sub(r"[\u2010-\u2015/]", " ", text))[: max_length - 6].strip("-")
    base = base or model._meta.model_name
    taken = set(model._default_manager.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, counter = base, 2
    while slug in taken:
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


@dataclass(frozen=True)
class PartyLink:
    """A party to attach to a deal, with its role and the name the source used."""

    party: Party
    role: str = ""
    name_as_written: str = ""


@transaction.atomic
def create_deal(
    *,
    title: str,
    kind: str,
    summary: str = "",
    parties: Iterable[PartyLink] = (),
    commodities: Iterable[Commodity] = (),
) -> Deal:
    """Create a deal with its parties and commodities; its stage comes from its timeline."""
    deal = Deal.objects.create(
        title=title, slug=unique_slug(Deal, title), kind=kind, summary=summary
    )
    add_parties(deal=deal, parties=parties)
    deal.commodities.add(*commodities)
    refresh_search_documents(deal_ids=[deal.pk])
    return deal


def add_parties(*, deal: Deal, parties: Iterable[PartyLink]) -> None:
    """Attach parties to a deal; a party already attached keeps its first role and name."""
    attached = set(deal.deal_parties.values_list("party_id", flat=True))
    links = []
    for link in parties:
        if link.party.pk in attached:
            continue
        attached.add(link.party.pk)
        links.append(
            DealParty(
                deal=deal, party=link.party, role=link.role, name_as_written=link.name_as_written
            )
        )
    DealParty.objects.bulk_create(links)
    if links:
        refresh_search_documents(deal_ids=[deal.pk])


def _check_stage_fits(deal: Deal, status: Status) -> None:
    if not Status.objects.for_kind(deal.kind).filter(pk=status.pk).exists():
        raise ValidationError(
            {"status": f"“{status}” is not a stage of a {deal.get_kind_display().lower()}."}
        )


@transaction.atomic
def record_timeline_entry(
    *,
    deal: Deal,
    status: Status,
    happened_on: datetime.date,
    precision: str = DatePrecision.DAY,
    article: Article | None = None,
    quote: str = "",
    note: str = "",
    kind: str = EntryKind.REPORT,
    recorded_by=None,
) -> TimelineEntry:
    """Record that a deal reached a stage, and bring the deal's current stage up to date.

    The deal's stage is that of its latest entry by the date it happened, so an entry about
    something older than the current stage is kept in the timeline without moving the deal.
    Recording the same stage from the same article twice returns the first entry.
    """
    _check_stage_fits(deal, status)
    # Lock the deal so two entries recorded at once cannot both believe they are the latest.
    deal = Deal.objects.select_for_update().get(pk=deal.pk)
    if article is not None:
        existing = TimelineEntry.objects.filter(deal=deal, article=article, status=status).first()
        if existing is not None:
            return existing
    previous_status_id = deal.status_id
    entry = TimelineEntry(
        deal=deal,
        status=status,
        happened_on=happened_on,
        precision=precision,
        article=article,
        quote=quote,
        note=note,
        kind=kind,
        recorded_by=recorded_by,
        previous_status_id=previous_status_id,
    )
    entry.full_clean()
    entry.save()

    latest = deal.timeline.latest_first().only("status_id", "happened_on").first()
    first = deal.timeline.order_by("happened_on").values_list("happened_on", flat=True).first()
    deal.status_id = latest.status_id
    deal.last_changed_on = latest.happened_on
    deal.first_reported_on = first
    deal.save(update_fields=["status", "last_changed_on", "first_reported_on", "updated_at"])

    entry.changed_stage = latest.pk == entry.pk and previous_status_id != status.pk
    if entry.changed_stage:
        entry.save(update_fields=["changed_stage"])
    refresh_search_documents(deal_ids=[deal.pk])
    queue_after_commit(ANNOUNCE_CHANGE, entry.pk)
    return entry


def correct_stage(
    *,
    deal: Deal,
    status: Status,
    reason: str,
    happened_on: datetime.date | None = None,
    recorded_by=None,
) -> TimelineEntry:
    """Put a deal at the stage an editor knows is right; the correction joins the timeline."""
    if not reason.strip():
        raise ValidationError({"note": "Say why the stage is being corrected."})
    latest = deal.timeline.latest_first().values_list("happened_on", flat=True).first()
    today = timezone.localdate()
    return record_timeline_entry(
        deal=deal,
        status=status,
        happened_on=happened_on or max(filter(None, [latest, today])),
        kind=EntryKind.CORRECTION,
        note=reason,
        recorded_by=recorded_by,
    )


@dataclass(frozen=True)
class Submission:
    """The outcome of submitting an article: the article, and whether it is new."""

    article: Article
    created: bool


def _same_url(url: str) -> models.Q:
    # The unique index on URLs leaves out empty ones; a query must repeat that condition for
    # the database to use it, instead of reading every article.
    return models.Q(url=url) & ~models.Q(url="")


def _keep_once(same: models.Q, **fields) -> Submission:
    """Keep an article unless one matching `same` is kept already, then queue its processing.

    The unique constraints settle a race: when two requests submit the same article at once,
    the one that loses returns the article the other kept.
    """
    duplicate = Article.objects.filter(same).first()
    if duplicate is not None:
        return Submission(article=duplicate, created=False)
    try:
        with transaction.atomic():
            article = Article.objects.create(**fields)
            if article.submitted_by_id is not None:
                # Editors see every account that submits, to decide whether to trust it.
                Contributor.objects.get_or_create(user_id=article.submitted_by_id)
    except IntegrityError:
        return Submission(article=Article.objects.get(same), created=False)
    # The article is saved whatever happens to the broker; the sweeper queues it if this fails.
    queue_after_commit(PARSE_ARTICLE, article.pk)
    return Submission(article=article, created=True)


def article_identity(title: str, body: str) -> str:
    """What makes two submissions the same article: their text as the tracker keeps it, hashed.

    Every check for "already kept" (the service, the admin's form, fetched pages) uses this.
    """
    return content_hash(ingested_text(title), ingested_text(body))


def submit_article(
    *,
    title: str,
    body: str = "",
    url: str = "",
    outlet: str = "",
    published_on: datetime.date | None = None,
    submitted_by=None,
) -> Submission:
    """Keep an article, once: the same text (or URL) again returns the article already kept."""
    # No bidirectional controls reach readers; a binary upload (NUL) is kept and failed as such.
    title, body, outlet = ingested_text(title), ingested_text(body), ingested_text(outlet)
    digest = article_identity(title, body)
    same = models.Q(content_hash=digest)
    if url:
        same |= _same_url(url)
    return _keep_once(
        same,
        title=title[:500],
        body=body,
        url=url,
        outlet=outlet,
        published_on=published_on,
        content_hash=digest,
        submitted_by=submitted_by,
    )


def submit_url(*, url: str, outlet: str = "", submitted_by=None) -> Submission:
    """Keep an article by its page's URL, once; a worker fetches the page and then parses it.

    The article is kept at once, waiting to be fetched, with the URL as its provisional title;
    the request never waits for the site. The same URL again returns the article already kept.
    """
    return _keep_once(
        _same_url(url),
        title=ingested_text(url)[:500],
        url=url,
        outlet=ingested_text(outlet),
        content_hash=provisional_hash(url),
        state=ArticleState.FETCHING,
        submitted_by=submitted_by,
    )
