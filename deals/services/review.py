"""Editors' review of proposals: accept one into the deal it is about, or reject it."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from deals.models import (
    Article,
    ArticleState,
    Commodity,
    CommodityAlias,
    Deal,
    DealKind,
    Figure,
    Party,
    PartyAlias,
    PartyKind,
    Proposal,
    ProposedCommodity,
    ProposedParty,
    ReviewState,
    Role,
    Status,
    provisional_hash,
)

from .deals import PartyLink, add_parties, create_deal, record_timeline_entry, unique_slug
from .directory import directory
from .matching import (
    MATCH_THRESHOLD,
    Match,
    is_sole_deal,
    match_deal,
    score_match,
    sketch_of,
    sketches_of,
)
from .queueing import PARSE_ARTICLE, REFRESH_PARTY_SEARCH, queue_after_commit
from .search import refresh_search_documents
from .seeding import taxonomy_parent

logger = logging.getLogger(__name__)


def _known_party_names() -> set[str]:
    names = Party.objects.annotate(key=Lower("name")).values_list("key", flat=True)
    aliases = PartyAlias.objects.annotate(key=Lower("name")).values_list("key", flat=True)
    return {*names, *aliases}


def _looks_like_a_name(text: str) -> bool:
    # "Khazanah" or "U.S." teach the gazetteer a name; "a Chinese state-owned firm" does not.
    return bool(text) and (text[0].isupper() or text[0].isdigit())


def _add_aliases(party: Party, written: list[str], known: set[str]) -> None:
    for name in written:
        key = name.strip().casefold()
        if key and key not in known and _looks_like_a_name(name.strip()):
            PartyAlias.objects.create(party=party, name=name.strip()[:200])
            known.add(key)
            # The party's other deals are found by the new name too.
            queue_after_commit(REFRESH_PARTY_SEARCH, party.pk)


def _known_as(model: type[Party] | type[Commodity], name: str) -> Party | Commodity | None:
    """The party or commodity with this name, else the one with this alias, letter case aside."""
    return (
        model.objects.filter(name__iexact=name).first()
        or model.objects.filter(aliases__name__iexact=name).first()
    )


def _resolve_party(mention: ProposedParty, known: set[str]) -> Party:
    """The mention's party: the one an editor or the parser chose, else found or created."""
    party = mention.party
    if party is None:
        party = _known_as(Party, mention.name)
    if party is None:
        country = None
        if mention.kind != PartyKind.COUNTRY and mention.country_code:
            country = Party.objects.countries().filter(iso_code=mention.country_code).first()
        iso_code = ""
        if mention.kind == PartyKind.COUNTRY and mention.country_code:
            taken = Party.objects.filter(iso_code=mention.country_code).exists()
            iso_code = "" if taken else mention.country_code
        party = Party.objects.create(
            name=mention.name,
            slug=unique_slug(Party, mention.name),
            kind=mention.kind,
            iso_code=iso_code,
            country=country,
        )
        known.add(party.name.casefold())
        mention.party = party
        mention.save(update_fields=["party"])
    # The next parse then knows the names this source used.
    _add_aliases(party, [mention.name, mention.name_as_written], known)
    return party


def _resolve_commodity(mention: ProposedCommodity) -> Commodity:
    commodity = mention.commodity
    if commodity is None:
        commodity = _known_as(Commodity, mention.name)
    if commodity is None:
        commodity = Commodity.objects.create(
            name=mention.name,
            slug=unique_slug(Commodity, mention.name, max_length=120),
            hs_codes=mention.hs_codes,
            parent=taxonomy_parent(mention.name),
        )
        mention.commodity = commodity
        mention.save(update_fields=["commodity"])
    written = mention.name_as_written.strip()
    taken = (
        Commodity.objects.filter(name__iexact=written).exists()
        or CommodityAlias.objects.filter(name__iexact=written).exists()
    )
    if written and not taken and _looks_like_a_name(written):
        CommodityAlias.objects.create(commodity=commodity, name=written[:120])
    return commodity


def _twin_of_new_deal(proposal: Proposal, *, automatic: bool, since) -> Match | None:
    """Lock the identity of the new deal `proposal` would create; the deal it joins instead.

    Two articles about one new deal can be accepted at the same moment, each parsed before the
    other's deal existed. Every deal a proposal can match shares one of its known parties, so
    both accepts lock those parties' rows first: the second waits for the first to commit, then
    matches again and joins the deal the first created. Automatic accepts join any match; an
    editor's accept joins only a deal created while it waited, since one that already existed
    is one the editor chose against.
    """
    sketch = sketch_of(proposal)
    # FOR NO KEY UPDATE: exclusive among accepts, yet it never waits for the key-share locks
    # that inserting a row which refers to a party takes (a proposed party, a deal's party).
    parties = Party.objects.select_for_update(no_key=True).filter(pk__in=sketch.party_ids)
    list(parties.order_by("pk").values_list("pk", flat=True))
    match = match_deal(sketch, lineage=directory().lineage)
    if match is None or not (automatic or match.deal.created_at >= since):
        return None
    return match


def _new_figures(deal: Deal, proposal: Proposal) -> list:
    """The proposal's figures the deal does not have yet.

    A figure is already there when the deal holds the same amount in the same unit from this
    article, or one an editor entered without a source, whatever its label or wording: an
    editor who typed "25 per cent, tariff rate" does not want "25%, tariff" beside it.
    """
    held = {
        (value, unit.casefold())
        for value, unit in deal.figures.filter(
            Q(article=proposal.article) | Q(article__isnull=True), value__isnull=False
        ).values_list("value", "unit")
    }
    new = []
    for figure in proposal.figures.all():
        key = (figure.value, figure.unit.casefold())
        if figure.value is not None and key in held:
            continue
        held.add(key)
        new.append(figure)
    return new


def _check_sides_known(proposal: Proposal) -> None:
    """Refuse to make a deal no later report could be matched to.

    A deal is known by its sides: one with no party could never be found again. A deal the
    story gives as background (not its first) is made only with its sides named: both sides
    of an agreement, the imposer of a measure (or the two sides, its roles unread); "talks on a
    trade agreement" the United States is in, with whom unsaid, is not a deal of its own.
    """
    roles = list(proposal.parties.values_list("role", flat=True))
    if not roles:
        raise ValidationError(
            {"deal": "It names no party: choose the deal it is about, or add its parties."}
        )
    if proposal.position == 0 or len(roles) >= 2:
        return
    if proposal.kind == DealKind.MEASURE and Role.IMPOSING in roles:
        return
    raise ValidationError(
        {
            "deal": "It names one side only of a deal the story gives as background: choose the "
            "deal it is about, or add its other side."
        }
    )


def _behind(proposal: Proposal, deal: Deal, *, created: bool) -> bool:
    """Whether a report's stage is a step the deal had already passed by the report's date.

    A story about a deal already in force that recalls how it was agreed ("the partnership,
    formed in July, ...") states its framework only as background: the deal does not go back.
    Only steps forward on a track compare; a setback (stalled, suspended, lifted ...) is news
    whenever it comes, and any step after a setback is too (talks resume, a tariff returns).
    An older report's step is history and is kept in its place on the timeline.
    """
    status = proposal.status
    if created or deal.status_id is None or deal.last_changed_on is None:
        return False
    if (proposal.happened_on or timezone.localdate()) < deal.last_changed_on:
        return False
    current = Status.objects.filter(pk=deal.status_id).only("order", "track").first()
    return (
        current is not None
        and status.is_on_track
        and current.track == status.track
        and status.order < current.order
    )


@transaction.atomic
def accept_proposal(*, proposal: Proposal, reviewed_by=None, automatic: bool = False) -> Proposal:
    """Write what a proposal says into the tracker, all in one transaction.

    Creates the deal when the proposal targets none (unless another accept just created it:
    see `_twin_of_new_deal`), creates the parties and commodities the tracker does not know yet
    (with the names the source used as aliases, so the next parse knows them), attaches them to
    the deal, records the timeline entry with its quote and adds the figures. Accepting an
    accepted proposal again changes nothing.
    """
    started = timezone.now()
    twin = None
    current = Proposal.objects.select_related("article").get(pk=proposal.pk)
    if current.deal_id is None and current.state == ReviewState.PENDING:
        # Before locking the proposal: an accept holding these parties may retarget it.
        twin = _twin_of_new_deal(current, automatic=automatic, since=started)
    proposal = Proposal.objects.select_for_update().select_related("article").get(pk=proposal.pk)
    if proposal.state == ReviewState.ACCEPTED:
        return proposal
    if proposal.state != ReviewState.PENDING:
        raise ValidationError(f"This proposal is {proposal.get_state_display().lower()}.")
    if proposal.article.state == ArticleState.NOT_RELEVANT:
        # A look-alike (a markets wrap, a merger, a wage deal) never reaches a deal.
        raise ValidationError("Its article is not about a trade deal; parse it again first.")
    if proposal.deal is None and twin is not None:
        proposal.deal = twin.deal
        proposal.match_score, proposal.match_reason = round(twin.score, 3), twin.reason[:300]
    deal = proposal.deal
    if deal is not None and deal.kind != proposal.kind:
        raise ValidationError(
            {
                "deal": f"“{deal}” is a {deal.get_kind_display().lower()}; this proposal "
                "reports the other kind of deal."
            }
        )

    if deal is None:
        _check_sides_known(proposal)

    known = _known_party_names()
    links = [
        PartyLink(
            party=_resolve_party(mention, known),
            role=mention.role,
            name_as_written=mention.name_as_written,
        )
        for mention in proposal.parties.select_related("party")
    ]
    commodities = [
        _resolve_commodity(mention) for mention in proposal.commodities.select_related("commodity")
    ]
    created = deal is None
    if created:
        deal = create_deal(
            title=proposal.title,
            kind=proposal.kind,
            summary=proposal.summary.strip(),
            parties=links,
            commodities=commodities,
        )
    else:
        add_parties(deal=deal, parties=links)
        deal.commodities.add(*commodities)
        # A deal editors made by hand, without a summary, takes the story's draft.
        if proposal.summary.strip() and not deal.summary.strip():
            deal.summary = proposal.summary.strip()
            deal.save(update_fields=["summary", "updated_at"])

    entry = None
    if proposal.status_id is not None and not _behind(proposal, deal, created=created):
        entry = record_timeline_entry(
            deal=deal,
            status=proposal.status,
            happened_on=proposal.happened_on or timezone.localdate(),
            precision=proposal.precision,
            article=proposal.article,
            quote=proposal.quote,
            recorded_by=reviewed_by,
        )
    Figure.objects.bulk_create(
        [
            Figure(
                deal=deal,
                article=proposal.article,
                text=figure.text,
                value=figure.value,
                unit=figure.unit,
                what=figure.what,
                quote=figure.quote,
            )
            for figure in _new_figures(deal, proposal)
        ],
        # The same figure from the same article is kept once per deal.
        ignore_conflicts=True,
    )

    proposal.deal, proposal.timeline_entry = deal, entry
    proposal.state, proposal.auto_accepted = ReviewState.ACCEPTED, automatic
    proposal.reviewed_by, proposal.reviewed_at = reviewed_by, timezone.now()
    proposal.save(
        update_fields=[
            "deal",
            "match_score",
            "match_reason",
            "timeline_entry",
            "state",
            "auto_accepted",
            "reviewed_by",
            "reviewed_at",
        ]
    )
    # The commodities just added, and any summary, join the search document.
    refresh_search_documents(deal_ids=[deal.pk])
    if created:
        retarget_pending(deal=deal)
    return proposal


def retarget_pending(*, deal: Deal) -> int:
    """Point pending proposals that would create a new deal at `deal` when they are about it.

    Four articles about one new deal wait for review together; once the first is accepted, the
    other three should join its deal rather than create three more.
    """
    about_its_parties = (
        Proposal.objects.pending()
        # Through the article: a proposal without parties is matched on its siblings' parties.
        .filter(
            deal=None, kind=deal.kind, article__proposals__parties__party__in=deal.parties.all()
        )
        .values("pk")
    )
    candidates = (
        Proposal.objects.filter(pk__in=about_its_parties)
        # One an editor is accepting right now is theirs to settle: waiting for it could
        # deadlock with their accept, which waits for this deal's parties.
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("article")
    )
    target = sketches_of([deal])[deal.pk]
    lineage = directory().lineage
    moved = 0
    for proposal in candidates:
        sketch = sketch_of(proposal)
        sole = not sketch.unknown and is_sole_deal(deal, sketch.party_ids & target.party_ids)
        scored = score_match(sketch, target, lineage=lineage, sole=sole)
        if scored is None or scored[0] < MATCH_THRESHOLD:
            continue
        proposal.deal, proposal.match_score = deal, round(scored[0], 3)
        proposal.match_reason = scored[1][:300]
        proposal.save(update_fields=["deal", "match_score", "match_reason"])
        moved += 1
    return moved


@transaction.atomic
def reject_proposal(*, proposal: Proposal, reviewed_by) -> Proposal:
    """Reject a pending proposal: nothing of it reaches the deals."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.state == ReviewState.REJECTED:
        return proposal
    if proposal.state != ReviewState.PENDING:
        raise ValidationError(f"This proposal is {proposal.get_state_display().lower()}.")
    proposal.state, proposal.reviewed_by, proposal.reviewed_at = (
        ReviewState.REJECTED,
        reviewed_by,
        timezone.now(),
    )
    proposal.save(update_fields=["state", "reviewed_by", "reviewed_at"])
    return proposal


@transaction.atomic
def parse_again(*, article: Article) -> bool:
    """Queue an article for a new parse; its pending proposals give way to the new ones.

    An article with accepted proposals is already part of the record and is not parsed again.
    """
    article = Article.objects.select_for_update().get(pk=article.pk)
    if article.proposals.filter(state=ReviewState.ACCEPTED).exists():
        return False
    article.proposals.pending().update(state=ReviewState.SUPERSEDED, reviewed_at=timezone.now())
    # An article submitted by URL whose page never came is fetched again first.
    never_fetched = bool(article.url) and article.content_hash == provisional_hash(article.url)
    Article.objects.filter(pk=article.pk).update(
        state=ArticleState.FETCHING if never_fetched else ArticleState.QUEUED,
        failure_reason="",
        attempts=0,
        state_changed_at=timezone.now(),
    )
    queue_after_commit(PARSE_ARTICLE, article.pk)
    return True
