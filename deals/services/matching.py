"""Matching an article's deal to the deals the tracker follows, or proposing a new one.

A deal is known by its sides, not by the words of one report. An agreement is the same deal only
when both its sides are: the US–UK deal is not the US–India deal, however alike their titles. A
measure is known by who imposes it, on whom and on what goods; the instrument a report calls it
(a ban, controls, a quota) only picks between measures that fit. A report of it years later (an
extension, a ruling against it) is still about it. Every report accepted into a
deal says who its sides are, so a party one report named in passing weighs less than the parties
every report names, and the title drafted from the first report is only a hint.
"""

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import Q
from rapidfuzz import fuzz, utils

from deals.models import (
    Deal,
    DealKind,
    DealParty,
    Party,
    PartyKind,
    Proposal,
    ProposedParty,
    ReviewState,
    Role,
)

#: Below this score an article's deal is proposed as a new deal.
MATCH_THRESHOLD = 0.6
#: A deal's parties and roles named by at least this share of its reports are its sides.
SIDE_SHARE = 0.5
#: How many of the deals sharing a party with the article are compared, the latest first.
CANDIDATES = 100
#: Parties that make an agreement a project (a refinery, an offtake) rather than a trade pact:
#: for those, the goods involved tell two deals between the same parties apart.
_ECONOMIES = {PartyKind.COUNTRY, PartyKind.BLOC}
_PROJECT_PARTY_KINDS = {
    PartyKind.COMPANY,
    PartyKind.STATE_OWNED_ENTERPRISE,
    PartyKind.SOVEREIGN_FUND,
}
#: The parser names a measure's instrument in the title it drafts ("China export ban on
#: gallium"); these words tell which instrument, most specific first.
_INSTRUMENTS = (
    ("export ban", re.compile(r"\bexport (?:ban|embargo|prohibition)s?\b")),
    ("import ban", re.compile(r"\bimport (?:ban|embargo|prohibition)s?\b")),
    ("export controls", re.compile(r"\bexport (?:controls?|licen[cs]ing|restrictions?)\b")),
    ("ban", re.compile(r"\b(?:ban|embargo)s?\b")),
    ("quota", re.compile(r"\bquotas?\b")),
    ("sanctions", re.compile(r"\bsanction(?:s|ed)?\b|\bprice cap\b")),
    ("tariff", re.compile(r"\btariffs?\b|\bdut(?:y|ies)\b|\blev(?:y|ies)\b")),
)


def _same_instrument(mine: Iterable[str], theirs: Iterable[str]) -> bool:
    """Whether two reports name one instrument: reports call one measure on exports a ban,
    curbs or controls, and a ban of no stated direction fits either direction."""
    mine, theirs = ({_SAME.get(name, name) for name in names} for names in (mine, theirs))
    if "ban" in mine | theirs:
        mine, theirs = (set(map(_BANS.get, names, names)) for names in (mine, theirs))
    return bool(mine & theirs)


_SAME = {"export controls": "export ban"}
_BANS = {"export ban": "ban", "import ban": "ban"}


#: Instruments on what a country sends abroad, where the imposer and goods are the measure.
_EXPORT_INSTRUMENTS = frozenset({"export ban", "export controls"})


def _on_exports(sketch: "DealSketch") -> bool:
    """Whether a report's measure is on exports (a ban of no stated direction fits)."""
    stated = sketch.instruments - {"ban"}
    return bool(stated) and stated <= _EXPORT_INSTRUMENTS


#: The parser titles an agreement told as a round of world trade talks after the round.
_ROUND_TITLE = re.compile(r"^(.+) Round of world trade talks$")


def round_of(title: str) -> str | None:
    """The round of world trade talks an agreement's title names, if any."""
    named = _ROUND_TITLE.match(title)
    return named.group(1).casefold() if named else None


def instrument_of(title: str) -> str | None:
    """The instrument a measure's title names, if any."""
    low = title.casefold()
    return next((name for name, words in _INSTRUMENTS if words.search(low)), None)


@dataclass(frozen=True)
class DealSketch:
    """What matching compares: a deal's kind, sides, goods, instrument and titles.

    `weights` gives each party the share of the deal's reports that name it (1 for a party of a
    single report); `imposing_ids` and `targeted_ids` are the parties most reports give that role.
    A report's `lead_ids` are the first two parties it names, the sides its headline names;
    `unknown` counts the parties it names that the tracker does not know yet, `lead_unknown`
    those among its first two. `economy_ids` are its countries and blocs, and a deal's
    `fewest_economies` how many of them the report naming fewest named (0 for a deal an editor
    made by hand). `rounds` are the rounds of world trade talks its titles name. A report that
    named no party takes the parties of the article's other deals, `borrowed`.
    """

    kind: str
    party_ids: frozenset[int]
    commodity_ids: frozenset[int] = frozenset()
    imposing_ids: frozenset[int] = frozenset()
    targeted_ids: frozenset[int] = frozenset()
    instruments: frozenset[str] = frozenset()
    titles: tuple[str, ...] = ()
    party_kinds: frozenset[str] = frozenset()
    weights: Mapping[int, float] = field(default_factory=dict)
    lead_ids: frozenset[int] = frozenset()
    unknown: int = 0
    lead_unknown: int = 0
    economy_ids: frozenset[int] = frozenset()
    fewest_economies: int = 0
    rounds: frozenset[str] = frozenset()
    borrowed: bool = False

    def weight(self, party_id: int) -> float:
        return self.weights.get(party_id, 1.0)

    @property
    def side_ids(self) -> frozenset[int]:
        """The parties most of its reports name: a party named once in passing is not a side."""
        return frozenset(pk for pk in self.party_ids if self.weight(pk) >= SIDE_SHARE)


@dataclass(frozen=True)
class Match:
    """A deal an article's mention is about, how close it came and why."""

    deal: Deal
    score: float
    reason: str


def _most_specific(goods: Iterable[int], lineage) -> set[int]:
    """The goods no other of them is a kind of: "critical minerals" named beside "antimony" is
    the category of the good, not another good."""
    goods = set(goods)
    above = {parent for good in goods for parent in lineage(good) if parent != good}
    return goods - above


def _kin(one: int, other: int, lineage) -> bool:
    """Whether one good is a kind of the other, or both are kinds of one good below the top of
    the tree ("rare earth magnets" and "neodymium" are rare earths; "antimony" and "rare earths"
    are only both critical minerals)."""
    common = lineage(one) & lineage(other)
    return one in common or other in common or any(len(lineage(good)) > 1 for good in common)


def _goods_fit(left: Iterable[int], right: Iterable[int], lineage) -> float | None:
    """How two sets of commodities fit: 1 for the same goods or kin of them, 0.5 for goods of
    one family only (pork and soybeans, both farm goods), 0 for unrelated goods, None when
    either names none."""
    left, right = _most_specific(left, lineage), _most_specific(right, lineage)
    if not left or not right:
        return None
    if any(_kin(one, other, lineage) for one in left for other in right):
        return 1.0
    families = {good for one in left for good in lineage(one)}
    return 0.5 if any(lineage(other) & families for other in right) else 0.0


def _agreement_sides(sketch: DealSketch, candidate: DealSketch, goods: bool | None, sole: bool):
    """How well an agreement's parties fit the candidate's (0..1), or None when a side differs.

    Both sides must match: sharing one country is not being the same agreement. A report's
    headline sides (its first two parties) must be parties of the deal; a background party it
    names besides does not count against it. When either names a single side, the report is
    about the deal only when they share goods, or when the deal is the only one the tracker
    follows with that party and the report names no other goods.
    """
    if sketch.rounds or candidate.rounds:
        # A round of world trade talks is known by its name: each report names a few of its many
        # members, and a deal between two of them is not the round.
        return 1.0 if sketch.rounds & candidate.rounds else None
    mine, sides = sketch.party_ids, candidate.side_ids
    if sketch.lead_unknown >= 2:
        # Its headline is about two parties the tracker has never filed a deal under.
        return None
    core = frozenset(pk for pk in sides if candidate.weight(pk) >= 1) & candidate.economy_ids
    if len(mine) <= 2 < max(len(core), candidate.fewest_economies):
        # Two members of a pact among many, making a deal of their own (a bilateral pact, a
        # supply deal), are not the pact: its every report names more of its members, though
        # not always the same ones.
        return None
    shared = mine & candidate.party_ids
    if len(mine) < 2 or len(sides) < 2:
        if not (mine & sides and (goods or (sole and goods is None))):
            return None
        found = min(sum(candidate.weight(pk) for pk in shared), 2.0)
        return (found / 2 + len(shared) / len(mine)) / 2
    if len(mine & sides) < 2 or not sketch.lead_ids <= candidate.party_ids:
        return None
    # Both sides found make a full match, however many members a multilateral deal lists and
    # however often its reports named them; the report's other parties (a bloc's members,
    # countries named as background) only rank the deals it could be about.
    return 0.75 + 0.25 * len(shared) / len(mine)


def _recover_sides(
    sketch: DealSketch, other: DealSketch, *, report: bool
) -> tuple[frozenset, frozenset]:
    """A report's imposers and targets, with a side it lost found again.

    A report that names no imposer and lists the other's imposer among its targets ("tariffs on
    the US and Brazil") names the same sides, the parser only lost who imposes; so does one that
    names no target and lists the other's target among its imposers. A report whose imposers are
    both the deal's imposer and, outside its headline, the deal's target (the target's answer,
    "Borduria opened a probe into them", read as a measure of its own) is about the deal's
    target, whatever other targets it lists. A report that names the imposer and no target, but
    names the deal's target in a sentence of background ("the duties, which hit Borduria's
    mills"), is about the deal's target; one that names the deal's target and no imposer, but
    names the deal's imposer in background, is about the deal's imposer. A report that gives
    no party a role ("the government extends its ban on onion exports", the country read from
    the ministry that signed it) lost both: the parties it names hold the roles they hold in the
    deal (not those it borrowed from the article's other deals). A deal's parties without a
    role are background its reports named in passing, never a side.
    """
    imposers, targets = sketch.imposing_ids, sketch.targeted_ids
    lost = targets & other.imposing_ids
    if not imposers and lost and targets - lost:
        imposers, targets = lost, targets - lost
    lost = imposers & other.targeted_ids
    # A target read as imposing is one the report names in passing, not one its headline names.
    misread = report and imposers & other.imposing_ids and not lost & sketch.lead_ids
    if lost and imposers - lost and (not targets or misread):
        imposers, targets = imposers - lost, targets | lost
    if report:
        background = sketch.party_ids - imposers - targets
        if imposers and not targets:
            targets = background & other.targeted_ids
        elif targets & other.targeted_ids and not imposers:
            imposers = background & other.imposing_ids
        elif not imposers and not targets and not sketch.borrowed:
            imposers, targets = background & other.imposing_ids, background & other.targeted_ids
    return imposers, targets


def _measure_sides(sketch: DealSketch, candidate: DealSketch, goods: bool | None, sole: bool):
    """How well a measure's imposer and target fit the candidate's (0..1), or None if they differ.

    A side both name and differ on makes another measure (a tariff and the other side's
    retaliation are two measures); a side only one of them names leaves the goods to tell, or
    the deal being the only one the tracker follows with that party when no goods are named. A
    party the parser gave the other role besides does not count once the imposer is the same.
    An export ban or export control is known by who imposes it on what goods: the buyers a
    report names are where the goods went, not its target, and differ from report to report.
    A report whose headline sides (its first two parties) are neither of the measure's is about
    another measure, whatever parties its later paragraphs share with it.
    """
    if sketch.lead_ids and not sketch.borrowed and not sketch.lead_ids & candidate.party_ids:
        # Neither side its headline names is the measure's: the parties it shares with it are
        # ones it names further down (its background).
        return None
    (my_imposers, my_targets), (their_imposers, their_targets) = (
        _recover_sides(sketch, candidate, report=True),
        _recover_sides(candidate, sketch, report=False),
    )
    imposers, targets = (my_imposers, their_imposers), (my_targets, their_targets)
    exports = _on_exports(sketch) and _on_exports(candidate)
    fits = []
    for mine, theirs in (imposers, targets):
        if mine and theirs:
            if not mine & theirs:
                if not (exports and fits == [1.0]):
                    return None
                fits.append(0.5)
                continue
            fits.append(1.0)
        else:
            fits.append(0.5)
    # Unless the imposer is the same, who the deal imposes on does not impose this report's
    # measure, and the other way round (a report listing both sides as targeted has only lost
    # its imposer).
    flipped = imposers[0] & targets[1] or (targets[0] & imposers[1] and fits[1] < 1)
    if fits[0] < 1 and flipped:
        return None
    if fits != [1.0, 1.0] and not (max(fits) == 1.0 and (goods or (sole and goods is None))):
        return None
    return sum(fits) / len(fits)


def score_match(
    sketch: DealSketch, candidate: DealSketch, *, lineage, sole: bool = False
) -> tuple[float, str] | None:
    """How likely `sketch` is the `candidate` deal (0..1), with the reason; None if it is not.

    `sole` says the candidate is the only deal of its kind the tracker follows with the parties
    they share.
    """
    if sketch.kind != candidate.kind or not sketch.party_ids & candidate.party_ids:
        return None
    fit = _goods_fit(sketch.commodity_ids, candidate.commodity_ids, lineage)
    goods_matter = sketch.kind == DealKind.MEASURE or bool(
        (sketch.party_kinds | candidate.party_kinds) & _PROJECT_PARTY_KINDS
    )
    if fit == 0 and goods_matter:
        # A measure, or a project of companies, on unrelated goods is another one.
        return None
    # Goods of one family do not set two deals apart, but only the same goods (or kin) tell
    # which of a party's deals a report naming one side is about.
    related = None if fit is None else fit == 1
    # A trade agreement covers many goods and each report names some: only kin goods count.
    goods_score = 0.5 if fit is None or (fit < 1 and not goods_matter) else fit

    if sketch.kind == DealKind.MEASURE:
        sides_score = _measure_sides(sketch, candidate, related, sole)
    else:
        sides_score = _agreement_sides(sketch, candidate, related, sole)
    if sides_score is None:
        return None

    title_score = max(
        (
            fuzz.token_set_ratio(mine, theirs, processor=utils.default_process) / 100
            for mine in sketch.titles
            for theirs in candidate.titles
        ),
        default=0.0,
    )
    if sketch.kind == DealKind.MEASURE:
        if sketch.instruments and candidate.instruments:
            instrument_score = float(_same_instrument(sketch.instruments, candidate.instruments))
        else:
            instrument_score = 0.5
        score = 0.5 * sides_score + 0.2 * goods_score + 0.2 * instrument_score + 0.1 * title_score
        what = f"instrument {instrument_score:.0%}"
    else:
        score = 0.6 * sides_score + 0.2 * goods_score + 0.2 * title_score
        what = f"parties {len(sketch.party_ids & candidate.party_ids)}/{len(sketch.party_ids)}"
    reason = (
        f"sides {sides_score:.0%}, {what}, "
        f"goods {'n/a' if fit is None else {1: 'shared', 0.5: 'of a family'}.get(fit, 'apart')}, "
        f"title {title_score:.0%}"
    )
    return score, reason


def _side_of(party_ids: Iterable[int]):
    """A party's side: a government body acts for its country ("the Pentagon" is the United
    States' side of a deal), any other party for itself."""
    bodies = dict(
        Party.objects.filter(
            pk__in=list(party_ids), kind=PartyKind.GOVERNMENT_BODY, country__isnull=False
        ).values_list("pk", "country_id")
    )
    return lambda pk: bodies.get(pk, pk)


def sketches_of(deals: Iterable[Deal]) -> dict[int, DealSketch]:
    """What matching compares for each deal, read from its parties and its accepted reports."""
    by_pk = {deal.pk: deal for deal in deals}
    parties: dict[int, set[int]] = {pk: set() for pk in by_pk}
    kinds: dict[int, set[str]] = {pk: set() for pk in by_pk}
    economies: dict[int, set[int]] = {pk: set() for pk in by_pk}
    listed_roles: dict[int, dict[int, str]] = {pk: {} for pk in by_pk}
    links = DealParty.objects.filter(deal_id__in=by_pk).values_list(
        "deal_id", "party_id", "role", "party__kind"
    )
    links = list(links)
    listed = _side_of({party_id for _, party_id, _, _ in links})
    for deal_id, party_id, role, kind in links:
        party_id = listed(party_id)
        parties[deal_id].add(party_id)
        kinds[deal_id].add(kind)
        listed_roles[deal_id][party_id] = role
        if kind in _ECONOMIES:
            economies[deal_id].add(party_id)
    goods: dict[int, set[int]] = {pk: set() for pk in by_pk}
    through = Deal.commodities.through.objects.filter(deal_id__in=by_pk)
    for deal_id, commodity_id in through.values_list("deal_id", "commodity_id"):
        goods[deal_id].add(commodity_id)

    accepted = Proposal.objects.filter(deal_id__in=by_pk, state=ReviewState.ACCEPTED)
    reports: dict[int, set[int]] = {pk: set() for pk in by_pk}
    titles: dict[int, list[str]] = {pk: [by_pk[pk].title] for pk in by_pk}
    for proposal_id, deal_id, title in accepted.values_list("pk", "deal_id", "title"):
        reports[deal_id].add(proposal_id)
        titles[deal_id].append(title)
    mentions = ProposedParty.objects.filter(proposal__in=accepted).exclude(party=None)
    rows = list(mentions.values_list("proposal_id", "proposal__deal_id", "party_id", "role"))
    side = _side_of({party_id for _, _, party_id, _ in rows})
    named: dict[int, Counter] = {pk: Counter() for pk in by_pk}
    in_role: dict[int, Counter] = {pk: Counter() for pk in by_pk}
    economies_named: Counter = Counter()
    # Each report counts once for a party, however often it names it.
    for report, deal_id, party_id in {(r, d, side(p)) for r, d, p, _ in rows}:
        named[deal_id][party_id] += 1
        economies_named[report] += party_id in economies[deal_id]
    for _report, deal_id, party_id, role in {(r, d, side(p), role) for r, d, p, role in rows}:
        in_role[deal_id][(party_id, role)] += 1

    sketches = {}
    for pk, deal in by_pk.items():
        count = len(reports[pk])
        if count:
            weights = {party: named[pk][party] / count for party in parties[pk]}
            share = SIDE_SHARE * count
            roles = {
                role: frozenset(p for p in parties[pk] if in_role[pk][(p, role)] >= share)
                for role in (Role.IMPOSING, Role.TARGETED)
            }
        else:
            # A deal an editor made by hand: every party it lists is a side, in its listed role.
            weights = {}
            roles = {
                role: frozenset(p for p, r in listed_roles[pk].items() if r == role)
                for role in (Role.IMPOSING, Role.TARGETED)
            }
        measure_titles = titles[pk] if deal.kind == DealKind.MEASURE else ()
        sketches[pk] = DealSketch(
            kind=deal.kind,
            party_ids=frozenset(parties[pk]),
            commodity_ids=frozenset(goods[pk]),
            imposing_ids=roles[Role.IMPOSING],
            targeted_ids=roles[Role.TARGETED],
            instruments=frozenset(filter(None, map(instrument_of, measure_titles))),
            titles=(deal.title,),
            party_kinds=frozenset(kinds[pk]),
            weights=weights,
            economy_ids=frozenset(economies[pk]),
            fewest_economies=min((economies_named[r] for r in reports[pk]), default=0),
            rounds=frozenset(filter(None, map(round_of, titles[pk]))),
        )
    return sketches


def match_deal(sketch: DealSketch, *, lineage) -> Match | None:
    """The deal the tracker follows that `sketch` is most likely about, if any is close enough.

    On a tie the deal with the latest activity wins. `lineage(pk)` gives a commodity and the
    commodities above it (`directory().lineage`).
    """
    if not sketch.party_ids:
        return None
    candidates = list(
        Deal.objects.filter(kind=sketch.kind, deal_parties__party_id__in=sketch.party_ids)
        .distinct()
        .order_by("-last_changed_on", "-id")
        .only("pk", "title", "kind", "last_changed_on", "created_at")[:CANDIDATES]
    )
    best: Match | None = None
    sketches = sketches_of(candidates)
    holders = Counter(pk for deal in candidates for pk in sketches[deal.pk].party_ids)
    for deal in candidates:
        shared = sketch.party_ids & sketches[deal.pk].party_ids
        sole = not sketch.unknown and all(holders[pk] == 1 for pk in shared)
        scored = score_match(sketch, sketches[deal.pk], lineage=lineage, sole=sole)
        if scored is None:
            continue
        score, reason = scored
        if score >= MATCH_THRESHOLD and (best is None or score > best.score):
            best = Match(deal=deal, score=score, reason=reason)
    return best


def is_sole_deal(deal: Deal, party_ids: Iterable[int]) -> bool:
    """Whether no other deal of its kind has any of these parties."""
    others = Deal.objects.filter(kind=deal.kind, deal_parties__party_id__in=list(party_ids))
    return not others.exclude(pk=deal.pk).exists()


def _known_party(mention: ProposedParty) -> int | None:
    """The party a mention names by name or alias, as accepting it would find it."""
    found = Party.objects.filter(
        Q(name__iexact=mention.name) | Q(aliases__name__iexact=mention.name)
    ).values_list("pk", flat=True)
    return found.first()


def sketch_of(proposal: Proposal) -> DealSketch:
    """What matching compares for a saved proposal.

    A deal the parser found no parties for ("... as part of a new trade deal") is taken to be
    between the parties of the other deals the same article reports. A party the parser could
    not resolve is looked up again (accepting another report may have created it since).
    """
    parties, unknown, lead_unknown = [], 0, 0
    for position, mention in enumerate(proposal.parties.order_by("pk")):
        pk = mention.party_id or _known_party(mention)
        if pk is None:
            lead_unknown += position < 2
            # A new party, or a name the parser made of something else: it counts only in
            # keeping a report that names one side from joining that side's only deal.
            unknown += 1
            continue
        parties.append((pk, mention.role, mention.kind))
    borrowed = not parties and not unknown
    if borrowed:
        siblings = ProposedParty.objects.filter(proposal__article_id=proposal.article_id)
        parties = [
            (pk, "", kind)
            for pk, kind in siblings.exclude(party=None).values_list("party_id", "kind").distinct()
        ]
    side = _side_of(pk for pk, _, _ in parties)
    parties = [(side(pk), role, kind) for pk, role, kind in parties]
    ids = list(dict.fromkeys(pk for pk, _, _ in parties))
    # The headline names the instrument of the article's main measure as surely as the title
    # the parser drafted from its first cue: both count.
    titles = [proposal.title, *([proposal.article.title] if proposal.position == 0 else [])]
    instruments = {instrument_of(title) for title in titles} - {None}
    goods = proposal.commodities.exclude(commodity=None).values_list("commodity_id", flat=True)
    return DealSketch(
        kind=proposal.kind,
        party_ids=frozenset(ids),
        commodity_ids=frozenset(goods),
        imposing_ids=frozenset(pk for pk, role, _ in parties if role == Role.IMPOSING),
        targeted_ids=frozenset(pk for pk, role, _ in parties if role == Role.TARGETED),
        instruments=frozenset(instruments if proposal.kind == DealKind.MEASURE else ()),
        titles=(proposal.title, proposal.article.title),
        party_kinds=frozenset(kind for _, _, kind in parties),
        lead_ids=frozenset(ids[:2]),
        unknown=unknown,
        lead_unknown=lead_unknown,
        borrowed=borrowed,
        rounds=frozenset(filter(None, [round_of(proposal.title)])),
    )
