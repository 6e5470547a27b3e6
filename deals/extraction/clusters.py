"""Several measures in one article: one per imposing party, target, instrument and goods.

Wire stories about a measure often report others too: the counter-tariffs of the targeted country,
the earlier measure it answers ("in response to Washington's decision to double its duties"), a
background ban. Each measure cue is read in its *segment* (its sentence, cut at "in response to",
"after", "; " ...), the segment's countries give an imposing party (before the cue) and a target
(after "on", "against", "from", "to" ... or a demonym before a good), and segments that agree go
into one measure; a segment that names both its sides and only goods of other families than
the measure's is another measure between the same sides. A segment naming no country continues the
measure read just before it, unless it tells a further act on other goods ("The ministry also
extended the duty exemption on yellow peas"): that is a measure of its own between the same sides.
A measure nothing is said to happen to is still reported apart when the story names it as a fact
with both its sides, by another imposer ("In May the Commission brought in a ban on imports from
Ukraine"), or by the same one on other goods ("In addition, Ottawa plans a surtax on steel").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from .drafts import COUNTRYLIKE, Document, DraftDeal, Support
from .gazetteer import VIA_DEMONYM
from .named import named_stage
from .parties import PartyHit
from .prefixes import PrefixMatcher
from .stages import MEASURE, Cue

_BREAK = re.compile(
    r";|\s-\s|\b(?:in (?:response|reply|retaliation) (?:to|for|against)|in retaliation"
    r"|retaliat(?:ing|ion) (?:for|against)|after|following|while|whereas"
    r"|even (?:if|though)|although|despite|since then)\b"
)
# ", and Washington raised ...": a new subject starts a new segment (read on the cased text).
_NEW_SUBJECT = re.compile(r",\s(?:and|but|while)\s(?=[A-Z])")
_BREAKS = PrefixMatcher([_BREAK])
_TARGET_BEFORE = re.compile(
    r"(?:\b(?:on|against|targeting|to|into|from|at|toward|towards)"
    r"|\b(?:imports?|exports?|shipments?|goods|products|purchases) of)"
    r"\s+(?:the\s+)?(?:[\w.'%$-]+\s+){0,3}$"
)
# "On Thursday U.S. President ...": a day or date after "on" says when, not on whom.
_WHEN = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|july"
    r"|august|september|october|november|december|\d{1,4}(?:st|nd|rd|th)?)\b"
)
_BY_BEFORE = re.compile(r"\bby\s+(?:the\s+)?$")
# "retaliatory tariffs from Beijing": the measure comes from the one who imposes it.
_FROM_IMPOSER = re.compile(
    r"\b(?:tariffs?|dut(?:y|ies)|lev(?:y|ies)|sanctions|bans?|curbs|retaliation)\s+from\s+(?:the\s+)?$"
)
# "India faces a 50% US tariff", "Canada was hit with a 35% tariff", "Brazil's coffee shipments
# to the US still face 40% tariffs": the country whose goods bear the measure is its target.
_BEARS = re.compile(
    r"[^;:\n]{0,100}?\b(?:fac(?:e|es|ed|ing)|hit (?:with|by)|slapped with|subject(?:ed)? to"
    r"|brac(?:e|es|ed|ing) for)\s+(?:[^;:\n]{0,40}?\s)?(?:tariffs?|dut(?:y|ies)|lev(?:y|ies)"
    r"|sanctions|bans?|quotas?|curbs|embargo(?:es)?)\b"
)
# "Trump says Canadian goods face ...": who speaks is not whose goods bear it.
_ANOTHER_CLAUSE = re.compile(
    r"\b(?:says?|said|told|tells|warn(?:s|ed)?|announc(?:es|ed)|that|who|which|as|but|while)\b"
)
# "shipments to the US", "exported to the U.S.": where the goods go, the country imposing on them.
_DESTINATION = re.compile(
    r"\b(?:exports?|exported|shipments?|shipped|sales|sold|goods|products)\s+(?:\w+\s+){0,2}?"
    r"(?:to|into)\s+(?:the\s+)?$"
)


def bears_the_measure(doc: Document, hit: PartyHit) -> bool | None:
    """Whether a country named before a measure bears it (its target) rather than imposes it:
    True for the country whose goods "face" the measure, False for where those goods go
    ("shipments to the US face tariffs": the US imposes), None when the words after it say
    neither."""
    bears = _BEARS.match(doc.low, hit.end, doc.index.sentences[hit.sentence].end)
    if not bears or _ANOTHER_CLAUSE.search(doc.low, hit.end, bears.end()):
        return None
    return not _DESTINATION.search(doc.low, max(0, hit.start - 40), hit.start)


# "a 50% US tariff", "China's retaliatory duties": the country named right before the measure.
_OWNS_THE_MEASURE = re.compile(
    r"(?:'s?)?\s+(?:(?:new|additional|reciprocal|retaliatory|punitive|steep|higher|extra"
    r"|\d+(?:\.\d+)?(?:%|\s+per\s*cent|\s+percent|pc))\s+){0,2}(?:tariffs?|dut(?:y|ies)|lev(?:y|ies)"
    r"|sanctions|export controls"
    r"|export bans?|import bans?)\b"
)


def owns_the_measure(doc: Document, hit: PartyHit) -> bool:
    """Whether a country is named right before a measure as the one whose measure it is ("faces
    a 50% US tariff"), wherever the sentence's cue is."""
    return bool(_OWNS_THE_MEASURE.match(doc.low, hit.end))


INSTRUMENTS = {
    "tariffs": "tariff",
    "quotas": "quota",
    "export ban": "ban",
    "export allowance": "ban",
    "import ban": "ban",
    "ban": "ban",
    "embargo": "ban",
    "export controls": "controls",
    "white list": "controls",
    "entity listing": "controls",
    "sanctions": "sanctions",
    "price cap": "sanctions",
}


@dataclass
class _Segment:
    start: int
    end: int
    cues: list[Cue] = field(default_factory=list)
    imposer: str | None = None
    #: The countries it is on, in the order named ("tariffs on Canadian and Mexican goods").
    targets: list[str] = field(default_factory=list)
    instruments: set[str] = field(default_factory=set)
    #: The goods it names, each with its broader families ("steel" is also "metals").
    goods: set[str] = field(default_factory=set)
    #: The goods it names, as named (by taxonomy index).
    named_goods: set[int] = field(default_factory=set)
    #: "The ministry also extended ...": told as a further step of its own.
    further: bool = False
    #: "It earlier banned exports of flour": the goods of a step told as done before the news.
    earlier_goods: set[int] = field(default_factory=set)
    #: A step of the news itself is told in it.
    told_now: bool = False

    @property
    def names_a_side(self) -> bool:
        return self.imposer is not None or bool(self.targets)

    @property
    def names_both_sides(self) -> bool:
        return self.imposer is not None and bool(self.targets)


@dataclass
class _Cluster:
    imposer: str | None
    targets: list[str]
    instruments: set[str]
    segments: list[_Segment] = field(default_factory=list)
    goods: set[str] = field(default_factory=set)
    named_goods: set[int] = field(default_factory=set)
    #: Opened by a segment told apart from the cluster before it (``told_apart``).
    apart: bool = False
    #: Something happens to it in the news, not only in its history.
    told_now: bool = False
    #: For an earlier step told beside a measure (``told_before``): that measure.
    beside: _Cluster | None = None

    def accepts(self, segment: _Segment) -> bool:
        def agree(a: str | None, b: str | None) -> bool:
            return a is None or b is None or a == b

        instruments_agree = (
            not self.instruments
            or not segment.instruments
            or bool(self.instruments & segment.instruments)
        )
        # "a 100% surtax on Chinese EVs ... Canada imposed a 25% surtax on steel from China": the
        # same sides, other goods, another measure; a segment naming fewer sides goes on.
        goods_agree = (
            not self.goods
            or not segment.goods
            or bool(self.goods & segment.goods)
            or not segment.names_both_sides
        )
        return (
            agree(self.imposer, segment.imposer)
            and (not self.targets or not segment.targets or bool(self.shared(segment)))
            and instruments_agree
            and goods_agree
        )

    def matches(self, segment: _Segment) -> int:
        return (
            2 * (self.imposer is not None and self.imposer == segment.imposer)
            + 2 * bool(self.shared(segment))
            + bool(self.instruments & segment.instruments)
        )

    def shared(self, segment: _Segment) -> set[str]:
        return set(self.targets) & set(segment.targets)

    @property
    def sides(self) -> tuple[str | None, str | None]:
        """Its imposer and first target."""
        return self.imposer, (self.targets[0] if self.targets else None)

    def take(self, segment: _Segment) -> None:
        self.segments.append(segment)
        self.imposer = self.imposer or segment.imposer
        self.targets += [t for t in segment.targets if t not in self.targets]
        self.instruments |= segment.instruments
        if segment.names_a_side:
            self.goods |= segment.goods
        self.named_goods |= segment.named_goods
        self.told_now = self.told_now or segment.told_now

    def told_apart(self, segment: _Segment) -> bool:
        """ "The ministry also extended the duty exemption on yellow peas": a further step on
        other goods than the measure's, naming no side, is a measure of its own between the
        same sides."""
        return (
            segment.further
            and not segment.names_a_side
            and bool(self.named_goods)
            and bool(segment.named_goods)
            and not self.named_goods & segment.named_goods
        )

    def told_before(self, segment: _Segment) -> bool:
        """ "Zimbabwe bans lithium concentrate exports ... It banned exports of lithium ore in
        2022": a step told as done before the news, by the measure's imposer (or naming no side),
        on none of the measure's goods, is an earlier measure of its own."""
        if not segment.earlier_goods or not self.named_goods or not self.told_now:
            return False
        if segment.imposer not in (None, self.imposer) or set(segment.targets) - set(self.targets):
            return False
        return not self.named_goods & segment.earlier_goods


def split_measures(doc: Document, measure: DraftDeal) -> list[DraftDeal]:
    """The measure draft split into one draft per measure the article reports, main one first."""
    segments = _segments(doc, measure)
    if len(segments) < 2:
        measure.segments = [(s.start, s.end) for s in segments]
        return [measure]
    clusters = _clustered(segments)
    if len(clusters) < 2:
        measure.segments = [(s.start, s.end) for s in segments]
        measure.sides = clusters[0].sides
        return [measure]
    drafts = _drafts(measure, clusters)
    # A measure is reported when something happened to it; a cluster of nouns only ("U.S.
    # sanctions Hong Kong shippers" over a body that says who imposed what) joins the supported
    # measure it shares a side with, and one that names no side joins the main measure.
    supported = [(d, c) for d, c in zip(drafts, clusters, strict=True) if d.support]
    if not supported:
        return [measure]
    kept = [d for d, _c in supported]
    main = kept[0]
    imposers = {c.imposer for _d, c in supported}
    sides_told = {side for _d, c in supported for side in (c.imposer, *c.targets) if side}
    for draft, cluster in zip(drafts, clusters, strict=True):
        if draft.support:
            continue
        if cluster.apart or _on_other_goods(cluster, [c for _d, c in supported]):
            named = _further_stage(doc, draft)
        else:
            named = _named_apart(doc, draft, cluster, imposers, sides_told)
        if named is not None:
            draft.support = [named]
            kept.append(draft)
            continue
        sides = {cluster.imposer, *cluster.targets} - {None}
        sharing = [d for d, c in supported if sides & {c.imposer, *c.targets}]
        if sharing or not sides:
            _merge(sharing[0] if sharing else main, draft)
    if len(kept) == 1:
        kept[0].segments = [(s.start, s.end) for s in segments]
    return sorted(kept, key=lambda d: min(c.start for c in d.nouns + d.cues))


def _clustered(segments: list[_Segment]) -> list[_Cluster]:
    """The segments gathered into one cluster per measure: a segment naming no side continues
    the one before it; one that names sides joins the cluster agreeing with it best."""
    clusters: list[_Cluster] = []
    last: _Cluster | None = None
    for segment in segments:
        named = segment.imposer is not None or bool(segment.targets)
        if last is not None and last.beside is not None and not segment.earlier_goods:
            # The story goes back to the news after telling an earlier step.
            last = last.beside
        if not named and last is not None and last.told_apart(segment):
            chosen = _Cluster(last.imposer, list(last.targets), set(last.instruments), apart=True)
            clusters.append(chosen)
        elif (before := _told_before(clusters, last, segment)) is not None:
            chosen = _Cluster(
                before.imposer, list(before.targets), set(), apart=True, beside=before
            )
            clusters.append(chosen)
        elif not named and last is not None and last.accepts(segment):
            chosen = last
        else:
            fitting = [c for c in clusters if c.accepts(segment)]
            chosen = max(
                fitting, key=lambda c: (c.matches(segment), clusters.index(c)), default=None
            )
            if chosen is None:
                chosen = _Cluster(None, [], set())
                clusters.append(chosen)
        chosen.take(segment)
        last = chosen
    return clusters


def _told_before(
    clusters: list[_Cluster], last: _Cluster | None, segment: _Segment
) -> _Cluster | None:
    """The measure a segment tells an earlier step of its imposer beside (``told_before``): the
    one it names the sides of, or, naming none, the one told just before."""
    if segment.names_a_side:
        fitting = [c for c in clusters if c.imposer is not None and c.accepts(segment)]
    else:
        fitting = [last] if last is not None else []
    return next((c for c in fitting if c.told_before(segment)), None)


def _drafts(measure: DraftDeal, clusters: list[_Cluster]) -> list[DraftDeal]:
    """One draft per cluster, with the cues, nouns and support of its segments."""
    drafts = []
    support_of = {id(s.cue): s for s in measure.support}
    for cluster in clusters:
        cues = {id(c) for segment in cluster.segments for c in segment.cues}
        draft = DraftDeal(MEASURE)
        draft.nouns = [n for n in measure.nouns if id(n) in cues]
        draft.cues = [c for c in measure.cues if id(c) in cues]
        draft.support = [s for c in draft.cues if (s := support_of.get(id(c))) is not None]
        draft.segments = [(s.start, s.end) for s in cluster.segments]
        draft.sides = cluster.sides
        draft.further = cluster.apart
        drafts.append(draft)
    return drafts


def _named_apart(
    doc: Document,
    draft: DraftDeal,
    cluster: _Cluster,
    imposers: set[str | None],
    sides_told: set[str],
) -> Support | None:
    """ "in response to Washington's ban on Russian uranium", "China's probe follows Canada's
    100% tariff on Chinese EVs": a measure named as a fact, by a party that imposes none of the
    measures the story reports, is a measure of its own, in effect (``named_stage``)."""
    if cluster.imposer is None or cluster.imposer in imposers:
        return None
    for noun in sorted(draft.nouns, key=lambda n: n.start):
        if _ANSWERED.search(doc.low, max(0, noun.start - 70), noun.start):
            found = named_stage(doc, noun, answered=True)
            if found is not None:
                return found
    if not cluster.targets or not sides_told & {cluster.imposer, *cluster.targets}:
        return None
    # "In May the Commission brought in a ban on imports from Ukraine": a measure of another
    # imposer, told with both its sides as a fact, one of them a side of a reported measure,
    # unless the story says it is gone ("UK tariffs on Australian goods have been eliminated": a
    # term of an agreement).
    for noun in sorted(draft.nouns, key=lambda n: n.start):
        s = doc.index.sentences[noun.sentence]
        before = doc.low[max(0, noun.start - 50) : noun.start]
        if _GONE.search(doc.low, noun.end, s.end) or _OPPOSED.search(before):
            return None
        if _UNDER.search(before):
            continue
        found = named_stage(doc, noun)
        if found is not None:
            return found
    return None


_GONE = re.compile(
    r"\b(?:eliminat|remov|scrap|abolish|lift|phas(?:e|ed|ing) out|waiv|drop|end(?:s|ed)?\b|expir"
    r"|cuts?\b)"
)
# "exports are capped under existing quotas": the rules trade runs under, not a measure taken.
_UNDER = re.compile(r"\bunder\s+(?:[\w'-]+\s+){0,3}$")
# "The EU challenged the ban": who opposes a measure is not its imposer.
_OPPOSED = re.compile(
    r"\b(?:challeng|contest|oppos|criticis|criticiz|protest|condemn|disput|appeal|complain"
    r"|object)\w*\s+(?:[\w'-]+\s+){0,3}$"
)


def _on_other_goods(cluster: _Cluster, supported: list[_Cluster]) -> bool:
    """ "In addition, Ottawa plans a 25% surtax on steel imported from China" after a surtax on
    Chinese EVs: a measure naming both its sides, by an imposer of a reported measure, on goods
    none of its measures names, is one of its own."""
    same = [c for c in supported if cluster.imposer is not None and c.imposer == cluster.imposer]
    return (
        bool(same)
        and bool(cluster.targets)
        and bool(cluster.named_goods)
        and not any(c.named_goods & cluster.named_goods for c in same)
    )


def _further_stage(doc: Document, draft: DraftDeal) -> Support | None:
    """ "The FBR has also put a 2% customs duty on vehicle parts": the stage naming a further
    measure gives it; "Ottawa plans a 25% surtax" is one threatened."""
    for noun in sorted(draft.nouns, key=lambda n: n.start):
        if _PLANNED.search(doc.low, max(0, noun.start - 40), noun.start):
            return Support("threatened", 0.3, noun, False)
        found = named_stage(doc, noun)
        if found is not None:
            return found
    return None


# "plans a 25% surtax", "is planning new duties", "proposed tariffs of 20%".
_PLANNED = re.compile(
    r"\b(?:plans?|planned|planning|propos(?:es|ed|ing)|intends?|consider(?:s|ing)?|weighs?)"
    r"\s+(?:[\w%.$'-]+\s+){0,3}$"
)


# "in response to Washington's ban", "follows Canada's 100% tariff", "a direct answer to the
# tariffs": the measure another one answers.
_ANSWERED = re.compile(
    r"\b(?:(?:in|a|an|the|as a)\s+(?:direct\s+)?(?:response|reply|answer|retaliation)\s+(?:to|for"
    r"|against)|retaliat(?:e|es|ed|ing)\s+(?:for|against)|follow(?:s|ed|ing)?|(?:comes?|came)\s+after"
    r"|after)\s+(?:[\w%.$'-]+\s+){0,5}$"
)


def _merge(into: DraftDeal, draft: DraftDeal) -> None:
    into.nouns += draft.nouns
    into.cues += draft.cues
    into.support += draft.support
    into.segments = [*(into.segments or []), *(draft.segments or [])]
    into._sentences = into._by_sentence = into._sorted_starts = None


def _breaks(doc: Document) -> list[tuple[int, int]]:
    """Every segment break of the document, in text order."""
    (found,) = _BREAKS.matches(doc.low)
    subjects = list(_NEW_SUBJECT.finditer(doc.text))
    return sorted(m.span() for m in found + subjects)


def _segments(doc: Document, measure: DraftDeal) -> list[_Segment]:
    by_start: dict[int, _Segment] = {}
    breaks = _breaks(doc)
    ends = [b[1] for b in breaks]
    for cue in sorted(measure.nouns + measure.cues, key=lambda c: c.start):
        sentence = doc.index.sentences[cue.sentence]
        start, end = sentence.start, sentence.end
        i = bisect_right(ends, cue.start)
        if i and ends[i - 1] > start:
            start = ends[i - 1]
        for break_start, _break_end in breaks[i:]:
            if break_start >= sentence.end:
                break
            if break_start >= cue.end:
                end = break_start
                break
        segment = by_start.get(start)
        if segment is None:
            segment = by_start[start] = _Segment(start, end)
        segment.end = max(segment.end, end)
        segment.cues.append(cue)
        instrument = INSTRUMENTS.get(cue.label)
        if instrument:
            segment.instruments.add(instrument)
    segments = sorted(by_start.values(), key=lambda s: s.start)
    support_of = {id(s.cue): s for s in measure.support}
    for segment in segments:
        _read_sides(doc, segment)
        _read_goods(doc, segment)
        _read_times(doc, segment, support_of)
    return segments


def _read_goods(doc: Document, segment: _Segment) -> None:
    starts = doc.commodity_starts
    hits = doc.commodities[bisect_left(starts, segment.start) : bisect_left(starts, segment.end)]
    segment.goods = {name for c in hits for name in doc.gazetteer.commodity_lineage(c.index)}
    segment.named_goods = {c.index for c in hits}
    noun = min((c.start for c in segment.cues if c.is_noun), default=segment.end)
    segment.further = bool(_FURTHER.search(doc.low, segment.start, noun))


# "The finance ministry also extended ...", "has also put a 2% duty on ...": a further act (not
# "the duties also apply to steel", which tells more of the same measure).
_FURTHER = re.compile(
    r"\balso\s+(?:(?:has|have|had|been|will|plans? to|decided to|moved to)\s+){0,2}"
    r"(?:impos|put|plac|rais|hik|cut|lower|reduc|extend|lift|scrap|remov|suspend|ban|halt"
    r"|introduc|slap|levi|levy|approv|waiv|exempt|restrict|announc)\w*"
)


def _read_times(doc: Document, segment: _Segment, support_of: dict[int, Support]) -> None:
    """Whether the segment tells a step of the news, and the goods of a step it tells as done
    before ("banned exports of unprocessed lithium ore in 2022", "had earlier banned flour")."""
    starts = doc.commodity_starts
    for cue in segment.cues:
        support = support_of.get(id(cue))
        if support is None:
            continue
        start = segment.start
        for clause in _CLAUSE.finditer(doc.low, segment.start, cue.start):
            start = clause.end()
        clause = _CLAUSE.search(doc.low, cue.end, segment.end)
        end = clause.start() if clause else segment.end
        earlier = support.past or bool(
            _EARLIER.search(doc.low, max(segment.start, cue.start - 60), end)
        )
        if not earlier or cue.is_noun:
            segment.told_now = segment.told_now or not earlier
            continue
        hits = doc.commodities[bisect_left(starts, start) : bisect_left(starts, end)]
        segment.earlier_goods |= {c.index for c in hits}


# The bounds of the words a step falls on: "banned exports of ore in 2022, and since then ...".
_CLAUSE = re.compile(r";|:|\s-\s|,\s+(?:and|but|while|which|who|as|after|since|when)\b")
# "earlier banned", "had already lifted", "last year": a step told as done before (a year before
# the story's is read with the stage, ``Support.past``).
_EARLIER = re.compile(
    r"\b(?:earlier|previously|already|had|last (?:year|month|week)|(?:years|months) ago)\b"
)


def _country_of(doc: Document, hit: PartyHit) -> str | None:
    if hit.kind in COUNTRYLIKE:
        return hit.name
    if hit.kind == "government_body" and hit.country:
        home = doc.gazetteer.country_party(hit.country)
        return home.name if home else None
    return None


# "USDA says", "a Commerce Ministry report said that": an office as the source telling the
# measure, before the name of the one who took it ("Trump says Canada tariff will start" is the
# imposer speaking).
_REPORTS = re.compile(
    r"(?:'s?)?(?:\s+[\w-]+){0,3}?\s+(?:says?|said|reports?|reported|told|tells|notes?|noted)"
    r"\s+(?:that\s+)?\S"
)


# "Albania, Montenegro and Iceland have been added to the list": a country, the rest of the list
# after it, and the words that add them.
_ADDED_TO_A_LIST = re.compile(
    r"(?:,?\s+(?:and\s+)?[\w.'-]+){0,8}?\s+(?:have|has|had|were|was|are|is)"
    r"\s+(?:been\s+|now\s+|also\s+){0,2}added\s+to\b"
)
_EXPORTS_FROM = re.compile(r"\bexports?\s+(?:of\s+(?:[\w-]+\s+){1,3})?from\s+(?:the\s+)?$")
_EXPORT_LABELS = frozenset({"export ban", "export controls", "export allowance"})


#: Instruments on what a country buys: the country goods are shipped to imposes them.
_ON_IMPORTS = frozenset({"tariff", "quota"})


def _read_sides(doc: Document, segment: _Segment) -> None:
    first_cue = min(c.start for c in segment.cues)
    before: list[str] = []
    sources: list[str] = []
    origins: list[str] = []
    exports = any(c.label in _EXPORT_LABELS for c in segment.cues)
    starts = doc.party_starts
    for hit in doc.parties[bisect_left(starts, segment.start) : bisect_left(starts, segment.end)]:
        if hit.excluded:
            continue
        country = _country_of(doc, hit)
        if country is None:
            continue
        window = doc.low[max(segment.start, hit.start - 40) : hit.start]
        bears = bears_the_measure(doc, hit)
        if bears is not None:
            if bears:
                segment.targets.append(country)
            else:
                before.append(country)
        elif (
            _BY_BEFORE.search(window)
            or _FROM_IMPOSER.search(window)
            or (segment.instruments <= _ON_IMPORTS and _DESTINATION.search(window))
        ):
            # "hit with duties by Chile", "retaliatory tariffs from Beijing", "duties on European
            # goods sold to China": who imposes.
            before.append(country)
        elif doc.low.find(" added to", hit.end, segment.end) >= 0 and _ADDED_TO_A_LIST.match(
            doc.low, hit.end, segment.end
        ):
            # "Albania and Iceland have been added to the list of countries from which Russia
            # bans food imports": those added to a measure's list are its targets.
            segment.targets.append(country)
        elif exports and _EXPORTS_FROM.search(window):
            # "a ban on sugar exports from Kazakhstan": an export measure is the exporter's.
            before.append(country)
        elif _before_a_good(doc, hit):
            segment.targets.append(country)
            origins.append(country)
        elif _named_as_target(window):
            segment.targets.append(country)
        elif hit.end <= first_cue or owns_the_measure(doc, hit):
            before.append(country)
            if hit.kind not in COUNTRYLIKE and _REPORTS.match(doc.low, hit.end, first_cue):
                sources.append(country)
    # "A USDA report says South Africa has put duties on ...": the source is not who imposes.
    before = [c for c in before if c not in sources] or before
    # "the quarrel between Beijing and Ottawa, dominated by the tariffs on Chinese EVs": the
    # country whose goods the measure is on is not the one that took it.
    before = [c for c in before if c not in origins] or before
    if before:
        segment.imposer = before[0]
    segment.targets = [t for t in dict.fromkeys(segment.targets) if t != segment.imposer]


def _named_as_target(window: str) -> bool:
    """Whether the words before a country name it as a measure's target ("tariffs on", "imports
    from"), not the day something happened ("On Thursday U.S. President ...")."""
    found = _TARGET_BEFORE.search(window)
    return bool(found) and not _WHEN.search(found.group())


def _before_a_good(doc: Document, hit: PartyHit) -> bool:
    """ "Chinese steel", "Canadian canola": a demonym describing a good names its origin."""
    if hit.via != VIA_DEMONYM:
        return False
    return any(
        0 <= c.start - hit.end <= 2 or (0 <= c.start - hit.end <= 25 and "-" in doc.low[hit.end])
        for c in doc.commodities_by_sentence.get(hit.sentence, ())
    )
