"""Matching an article's deal to the deals the tracker follows, or proposing a new one."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone
from rapidfuzz import fuzz, utils

from deals.models import Deal, DealKind, DealParty, PartyKind, Proposal, ProposedParty, Role

#: Below this score an article's deal is proposed as a new deal.
MATCH_THRESHOLD = 0.6
#: Deals quiet for longer than this get no credit for recent activity.
RECENT = datetime.timedelta(days=730)
#: Parties that make an agreement a project (a refinery, an offtake) rather than a trade pact:
#: for those, the goods involved tell two deals between the same parties apart.
_PROJECT_PARTY_KINDS = {
    PartyKind.COMPANY,
    PartyKind.STATE_OWNED_ENTERPRISE,
    PartyKind.SOVEREIGN_FUND,
}


@dataclass(frozen=True)
class DealSketch:
    """What matching compares: a deal's kind, parties, goods, title and last activity."""

    kind: str
    party_ids: frozenset[int]
    commodity_ids: frozenset[int] = frozenset()
    imposing_ids: frozenset[int] = frozenset()
    titles: tuple[str, ...] = ()
    on: datetime.date | None = None
    party_kinds: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Match:
    """A deal an article's mention is about, how close it came and why."""

    deal: Deal
    score: float
    reason: str


def _related_goods(left: Iterable[int], right: Iterable[int], lineage) -> bool:
    """Whether two sets of commodities share one, or one holds a parent of the other's."""
    left, right = set(left), set(right)
    return any(lineage(b) & left for b in right) or any(lineage(a) & right for a in left)


def score_match(sketch: DealSketch, candidate: DealSketch, *, lineage) -> tuple[float, str] | None:
    """How likely `sketch` is the `candidate` deal (0..1), with the reason; None if it is not."""
    shared = sketch.party_ids & candidate.party_ids
    if sketch.kind != candidate.kind or not shared:
        return None
    # A tariff imposed by one side and the other side's retaliation are two measures.
    imposers = sketch.imposing_ids, candidate.imposing_ids
    if all(imposers) and not imposers[0] & imposers[1]:
        return None
    party_score = len(shared) / len(sketch.party_ids | candidate.party_ids)

    if sketch.commodity_ids and candidate.commodity_ids:
        related = _related_goods(sketch.commodity_ids, candidate.commodity_ids, lineage)
        goods_matter = sketch.kind == DealKind.MEASURE or bool(
            (sketch.party_kinds | candidate.party_kinds) & _PROJECT_PARTY_KINDS
        )
        if not related and goods_matter:
            return None
        goods_score = 1.0 if related else 0.0
    else:
        goods_score = 0.5

    title_score = max(
        (
            fuzz.token_set_ratio(mine, theirs, processor=utils.default_process) / 100
            for mine in sketch.titles
            for theirs in candidate.titles
        ),
        default=0.0,
    )
    recency_score = 0.0
    if candidate.on is None or sketch.on is None:
        recency_score = 0.5
    else:
        idle = sketch.on - candidate.on
        recency_score = max(0.0, 1.0 - max(idle.days, 0) / RECENT.days)

    score = 0.5 * party_score + 0.2 * goods_score + 0.2 * title_score + 0.1 * recency_score
    reason = (
        f"parties {len(shared)}/{len(sketch.party_ids | candidate.party_ids)}, "
        f"goods {'shared' if goods_score == 1 else 'different' if goods_score == 0 else 'n/a'}, "
        f"title {title_score:.0%}, activity {recency_score:.0%}"
    )
    return score, reason


def match_deal(sketch: DealSketch, *, lineage) -> Match | None:
    """The deal the tracker follows that `sketch` is most likely about, if any is close enough.

    `lineage(pk)` gives a commodity and the commodities above it (`directory().lineage`).
    """
    if not sketch.party_ids:
        return None
    candidates = list(
        Deal.objects.filter(kind=sketch.kind, deal_parties__party_id__in=sketch.party_ids)
        .distinct()
        .order_by("-last_changed_on", "-id")
        .only("pk", "title", "kind", "last_changed_on", "created_at")[:50]
    )
    if not candidates:
        return None
    by_pk = {deal.pk: deal for deal in candidates}
    parties: dict[int, set[int]] = {pk: set() for pk in by_pk}
    imposing: dict[int, set[int]] = {pk: set() for pk in by_pk}
    kinds: dict[int, set[str]] = {pk: set() for pk in by_pk}
    links = DealParty.objects.filter(deal_id__in=by_pk).values_list(
        "deal_id", "party_id", "role", "party__kind"
    )
    for deal_id, party_id, role, kind in links:
        parties[deal_id].add(party_id)
        kinds[deal_id].add(kind)
        if role == Role.IMPOSING:
            imposing[deal_id].add(party_id)
    goods: dict[int, set[int]] = {pk: set() for pk in by_pk}
    through = Deal.commodities.through.objects.filter(deal_id__in=by_pk)
    for deal_id, commodity_id in through.values_list("deal_id", "commodity_id"):
        goods[deal_id].add(commodity_id)

    best: Match | None = None
    for pk, deal in by_pk.items():
        candidate = DealSketch(
            kind=deal.kind,
            party_ids=frozenset(parties[pk]),
            commodity_ids=frozenset(goods[pk]),
            imposing_ids=frozenset(imposing[pk]),
            titles=(deal.title,),
            on=deal.last_changed_on or timezone.localtime(deal.created_at).date(),
            party_kinds=frozenset(kinds[pk]),
        )
        scored = score_match(sketch, candidate, lineage=lineage)
        if scored is None:
            continue
        score, reason = scored
        if score >= MATCH_THRESHOLD and (best is None or score > best.score):
            best = Match(deal=deal, score=score, reason=reason)
    return best


def sketch_of(proposal: Proposal) -> DealSketch:
    """What matching compares for a saved proposal.

    A deal the parser found no parties for ("... as part of a new trade deal") is taken to be
    between the parties of the other deals the same article reports.
    """
    parties = list(proposal.parties.exclude(party=None).values_list("party_id", "role", "kind"))
    if not parties:
        siblings = ProposedParty.objects.filter(proposal__article_id=proposal.article_id)
        parties = [
            (pk, "", kind)
            for pk, kind in siblings.exclude(party=None).values_list("party_id", "kind").distinct()
        ]
    return DealSketch(
        kind=proposal.kind,
        party_ids=frozenset(pk for pk, _, _ in parties),
        commodity_ids=frozenset(
            proposal.commodities.exclude(commodity=None).values_list("commodity_id", flat=True)
        ),
        imposing_ids=frozenset(pk for pk, role, _ in parties if role == Role.IMPOSING),
        titles=(proposal.title, proposal.article.title),
        on=proposal.happened_on,
        party_kinds=frozenset(kind for _, _, kind in parties),
    )
