"""``extract()``: one article in, the deals and measures it reports out."""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass, field

from .dates import stated_date
from .figures import MACRO_WHATS, find_figures
from .gate import StemGate
from .gazetteer import VIA_LEADER, Gazetteer
from .inputs import check_input
from .organisations import ORGANISATION_STEMS
from .parties import EXCLUSION_STEMS, CommodityHit, PartyHit, find_hits
from .stages import (
    AGREEMENT,
    BACKGROUND,
    FACTUAL,
    FUTURE,
    MEASURE,
    STAGE_ORDER,
    TOPIC,
    TRADE_WORDS,
    Cue,
    find_cues,
)
from .text import (
    SentenceIndex,
    clause_end,
    clause_start,
    lower_same_length,
    normalise,
    split_sentences,
)
from .types import CommodityMention, DealMention, Extraction, Figure, PartyMention, document_text

_GATE = StemGate(ORGANISATION_STEMS | frozenset(EXCLUSION_STEMS))
_SELF_CONTAINED = re.compile(
    r"talks|discussions|negotiat|deal|agreement|pact|accord|framework|understanding|memorand"
    r"|\bmous?\b"
    r"|\blois?\b|letter|contract|working group|statement|construction|production|operations"
    r"|shipment"
    r"|cargo|deliver|ground|online|plant|refinery|facility|factory|mine\b|acquisition|merger"
    r"|takeover|transaction|willingness|interest|openness|partnership|cooperation|collaboration"
    r"|investment|opportunit|approval"
)
_NOUN_NOT_A_FACT = re.compile(
    r"\b(?:seek|seeks|seeking|sought|pursue|pursues|pursuing|push(?:es|ing)? for|hopes? for"
    r"|hoping for|negotiat\w*|talks|towards?|on a|for a|possible|potential|proposed|planned|future"
    r"|prospective|envisaged|would-be|any|no|without|if|would|could|might|may"
    r"|for)\s+(?:[\w.-]+\s+){0,3}$"
)
_NOUN_DEFAULT = {
    "trade": "framework",
    "commercial": "framework",
    "deal": "framework",
    "jv": "framework",
    "process": "talks",
}
# "tariffs on Indonesian nickel": what follows "on" belongs to the measure.
_OBJECT_OF_MEASURE = re.compile(r"[\w-]+\s+(?:on|against|targeting)\s+(?:[\w.'-]+\s+){0,3}$")
_INVEST = re.compile(
    r"\b(?:invest(?:s|ed|ing)?|stake|acquir(?:e|es|ed|ing)|buy(?:s|ing)?|bought|fund(?:s|ing|ed))\b"
)
_IN_BEFORE = re.compile(r"\bin\s+$")
_TRADE_LABELS = frozenset({"trade", "commercial", "jv", "mou"})
_COUNTRYLIKE = frozenset({"country", "bloc"})
_MEASURE_WHATS = frozenset({"tariff", "quota"})
_AGREEMENT_WHATS = frozenset(
    {"investment", "stake", "deal value", "reserves", "capacity", "production", "purchases", "loan"}
)


@dataclass
class _Support:
    stage: str
    weight: float
    cue: Cue
    rumour: bool


@dataclass
class _Deal:
    kind: str
    nouns: list[Cue] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    support: list[_Support] = field(default_factory=list)
    _by_sentence: dict[int, list[int]] | None = None
    _sentences: set[int] | None = None

    def sentences(self) -> set[int]:
        if self._sentences is None:
            self._sentences = {c.sentence for c in self.nouns} | {c.sentence for c in self.cues}
        return self._sentences

    def cue_starts(self, sentence: int) -> list[int]:
        if self._by_sentence is None:
            self._by_sentence = {}
            for cue in self.nouns + self.cues:
                self._by_sentence.setdefault(cue.sentence, []).append(cue.start)
        return self._by_sentence.get(sentence, [])


@dataclass
class _Doc:
    raw: str
    text: str
    low: str
    title_end: int
    published: datetime.date | None
    index: SentenceIndex
    parties: list[PartyHit]
    commodities: list[CommodityHit]
    gazetteer: Gazetteer

    @functools.cached_property
    def topic_sentences(self) -> set[int]:
        return {self.index.index_of(m.start()) for m in TOPIC.finditer(self.low)}

    def sentence_text(self, i: int) -> str:
        s = self.index.sentences[i]
        return self.raw[s.start : s.end]


def extract(
    title: str,
    body: str = "",
    published: datetime.date | None = None,
    gazetteer: Gazetteer | None = None,
) -> Extraction:
    """Read one article (plain text) and report the trade deals and measures in it.

    Offsets in the result index ``document_text(title, body)``.
    """
    problem = check_input(title, body)
    if problem:
        return Extraction(title=title, relevant=False, reason=problem)
    gazetteer = gazetteer or Gazetteer.default()
    raw = document_text(title, body)
    text = normalise(raw)
    low = lower_same_length(text)
    title_end = len(title) if title else 0
    sentences = split_sentences(text, title_end)
    index = SentenceIndex(sentences)
    gate = _GATE.scan(low, index)
    parties, commodities = find_hits(gazetteer, text, low, title_end, index, gate)
    doc = _Doc(raw, text, low, title_end, published, index, parties, commodities, gazetteer)
    cues = find_cues(low, sentences, index)
    figures = find_figures(raw, low, sentences, index)
    deals = _candidate_deals(doc, cues)
    if not deals:
        return Extraction(title=title, relevant=False, reason=_why_not(doc, cues), figures=figures)
    mentions = [_mention(doc, deal, deals, figures) for deal in _ordered(doc, deals)]
    return Extraction(title=title, relevant=True, reason="", deals=mentions, figures=figures)


# -- cues to deals --------------------------------------------------------------------------


def _nearest_noun(cue: Cue, nouns: list[Cue]) -> Cue | None:
    best, best_distance = None, 1e9
    for noun in nouns:
        if noun.sentence != cue.sentence:
            continue
        if noun.start >= cue.end:
            distance = noun.start - cue.end
        elif noun.end <= cue.start:
            distance = (cue.start - noun.end) * 1.3
        else:
            distance = 0
        if distance < best_distance:
            best, best_distance = noun, distance
    return best


def _candidate_deals(doc: _Doc, cues: list[Cue]) -> list[_Deal]:
    nouns = [c for c in cues if c.is_noun]
    topics = doc.topic_sentences
    agreement, measure = _Deal(AGREEMENT), _Deal(MEASURE)
    for noun in nouns:
        (agreement if noun.kinds == "A" else measure).nouns.append(noun)
    a_sentences = {n.sentence for n in agreement.nouns} | topics
    m_sentences = {n.sentence for n in measure.nouns}
    countries_in = {}
    for hit in doc.parties:
        if hit.kind in _COUNTRYLIKE and not hit.excluded:
            countries_in.setdefault(hit.sentence, set()).add(hit.name)
    for cue in cues:
        if cue.is_noun:
            continue
        kind = None
        if cue.kinds == "A":
            cue_text = doc.low[cue.start : cue.end]
            if (
                cue.sentence in a_sentences
                or _SELF_CONTAINED.search(cue_text)
                or len(countries_in.get(cue.sentence, ())) >= 2
                or cue.label == "rumour"
            ):
                kind = AGREEMENT
        elif cue.kinds == "M":
            if cue.sentence in m_sentences or cue.label:
                kind = MEASURE
        else:
            noun = _nearest_noun(cue, nouns)
            if noun is not None:
                kind = AGREEMENT if noun.kinds == "A" else MEASURE
        if kind is None:
            continue
        cue.kind = kind
        deal = agreement if kind == AGREEMENT else measure
        stage = cue.stage[kind]
        support = _support_for(doc, cue, kind, stage, nouns)
        if support is None:
            continue
        deal.cues.append(cue)
        deal.support.append(support)
    for noun in agreement.nouns:
        stage = _NOUN_DEFAULT.get(noun.label)
        if stage and not _NOUN_NOT_A_FACT.search(doc.low, max(0, noun.start - 60), noun.start):
            agreement.support.append(
                _Support(stage, 0.35 if stage != "talks" else 0.3, noun, False)
            )
    deals = []
    if _agreement_is_trade(doc, agreement):
        deals.append(agreement)
    if _measure_is_reported(doc, measure, bool(deals)):
        deals.append(measure)
    if len(deals) > 1 and any(d.support for d in deals):
        deals = [d for d in deals if d.support]
    return deals


def _support_for(doc: _Doc, cue: Cue, kind: str, stage: str, nouns: list[Cue]) -> _Support | None:
    weight = cue.weight
    if cue.modality == FUTURE:
        if kind == MEASURE and stage == "imposed":
            stage, weight = "threatened", 0.8
        else:
            return None
    elif cue.modality == BACKGROUND:
        weight *= 0.6
    elif cue.modality != FACTUAL:
        return None
    if kind == AGREEMENT:
        noun = _nearest_noun(cue, [n for n in nouns if n.kinds == "A"])
        if stage == "signed" and noun is not None and noun.label == "mou":
            stage = "framework"
        if stage == "framework" and noun is not None and noun.label == "process":
            stage = "talks" if cue.weight < 0.8 else stage
    if cue.rumour and cue.label != "rumour":
        weight *= 0.7
    return _Support(stage, weight, cue, cue.rumour)


def _agreement_is_trade(doc: _Doc, deal: _Deal) -> bool:
    if not deal.nouns and not any(s.cue.weight >= 0.7 for s in deal.support):
        return False
    sentences = deal.sentences()
    parties = [p for p in doc.parties if p.sentence in sentences and not p.excluded]
    has_commodity = any(c.sentence in sentences for c in doc.commodities)
    if not parties and not has_commodity:
        return False
    if any(n.label in _TRADE_LABELS for n in deal.nouns) or has_commodity:
        return True
    if any(p.kind not in _COUNTRYLIKE and p.via != VIA_LEADER for p in parties):
        return any(n.label != "process" for n in deal.nouns) or bool(deal.support)
    for i in sentences:
        s = doc.index.sentences[i]
        if TRADE_WORDS.search(doc.low, s.start, s.end):
            return True
    return False


def _measure_is_reported(doc: _Doc, deal: _Deal, has_agreement: bool) -> bool:
    if deal.support:
        return True
    if has_agreement:
        return False
    nouns = [n for n in deal.nouns if n.label != "order"]
    sentences = {n.sentence for n in nouns}
    return any(p.sentence in sentences and not p.excluded for p in doc.parties)


def _ordered(doc: _Doc, deals: list[_Deal]) -> list[_Deal]:
    def key(deal: _Deal):
        title_cues = [
            s.cue.start for s in deal.support if s.cue.start < doc.title_end and s.weight >= 0.5
        ]
        title_nouns = [n.start for n in deal.nouns if n.start < doc.title_end]
        best = max((s.weight for s in deal.support), default=0.0)
        return (
            0 if title_cues else 1,
            min(title_cues) if title_cues else 0,
            0 if title_nouns else 1,
            -best,
            0 if deal.kind == AGREEMENT else 1,
        )

    return sorted(deals, key=key)


# -- one deal to a DealMention --------------------------------------------------------------


def _choose_stage(doc: _Doc, deal: _Deal) -> _Support | None:
    best, best_key = None, None
    first_body = next((i for i, s in enumerate(doc.index.sentences) if not s.in_title), -1)
    for support in deal.support:
        in_title = support.cue.start < doc.title_end
        score = support.weight * (
            1.5 if in_title else 1.1 if support.cue.sentence == first_body else 1.0
        )
        key = (round(score, 3), STAGE_ORDER.get(support.stage, 0))
        if best_key is None or key > best_key:
            best, best_key = support, key
    confirmed = any(not s.rumour and s.weight >= 0.5 for s in deal.support)
    if best is not None and deal.kind == AGREEMENT and best.rumour and not confirmed:
        return _Support("rumoured", best.weight, best.cue, True)
    return best


def _mention(doc: _Doc, deal: _Deal, deals: list[_Deal], figures: list[Figure]) -> DealMention:
    support = _choose_stage(doc, deal)
    sentences = deal.sentences()
    parties = _parties(doc, deal, deals, sentences)
    commodities = _commodities(doc, deal, deals, sentences)
    happened_on, precision = _happened_on(doc, deal, support)
    mention = DealMention(
        kind=deal.kind,
        stage=support.stage if support else None,
        stage_quote=doc.sentence_text(support.cue.sentence) if support else "",
        confidence=_confidence(deal, support, parties),
        parties=parties,
        commodities=commodities,
        figures=_figures(doc, deal, deals, figures),
        happened_on=happened_on,
        happened_on_precision=precision,
    )
    mention.suggested_title = _suggested_title(doc, deal, mention)
    return mention


def _parties(doc: _Doc, deal: _Deal, deals: list[_Deal], sentences: set[int]) -> list[PartyMention]:
    hits = [
        p
        for p in doc.parties
        if p.sentence in sentences and not p.excluded and _closest_deal(doc, deals, p) is deal
    ]
    if deal.kind == MEASURE:
        hits = [p for p in hits if p.kind != "international_org"]
    else:
        trade = any(n.label in {"trade", "mou"} for n in deal.nouns)
        if trade and len({p.name for p in hits if p.kind in _COUNTRYLIKE}) >= 2:
            hits = [p for p in hits if p.kind in _COUNTRYLIKE]
        named_in_title = {p.name for p in hits if p.start < doc.title_end}
        if len(named_in_title) >= 2:
            # The headline names the sides; elsewhere only those acting in a stage statement.
            acting = {s.cue.sentence for s in deal.support if not s.cue.is_noun}
            hits = [p for p in hits if p.name in named_in_title or p.sentence in acting]
    roles = _measure_roles(doc, deal, hits) if deal.kind == MEASURE else _agreement_roles(doc, hits)
    by_name: dict[str, PartyMention] = {}
    order = sorted(hits, key=lambda p: (p.start >= doc.title_end, p.start))
    for hit in order:
        name, kind, country = hit.name, hit.kind, hit.country
        if deal.kind == MEASURE and kind == "government_body" and country:
            home = doc.gazetteer.country_party(country)
            if home is not None:
                name, kind = home.name, home.kind
        if name in by_name:
            continue
        by_name[name] = PartyMention(
            name=name,
            kind=kind,
            role=roles.get(hit.name) or roles.get(name),
            text=doc.raw[hit.start : hit.end],
            start=hit.start,
            end=hit.end,
            country=country,
        )
    mentions = list(by_name.values())
    if len(mentions) > 6:
        counts = {}
        for hit in hits:
            counts[hit.name] = counts.get(hit.name, 0) + 1
        mentions = [
            m for m in mentions if counts.get(m.name, 0) > 1 or m.start < doc.title_end
        ] or mentions
    return mentions


def _measure_roles(doc: _Doc, deal: _Deal, hits: list[PartyHit]) -> dict[str, str]:
    roles: dict[str, str] = {}
    anchors: dict[int, int] = {}
    for cue in sorted(deal.cues + deal.nouns, key=lambda c: (c.is_noun, c.start)):
        anchors.setdefault(cue.sentence, cue.start)
    for hit in sorted(hits, key=lambda p: (p.start >= doc.title_end, p.start)):
        anchor = anchors.get(hit.sentence)
        if anchor is None:
            continue
        if hit.end <= anchor:
            s = doc.index.sentences[hit.sentence]
            if (
                hit.start >= clause_start(doc.low, s.start, anchor)
                or hit.sentence not in roles.values()
            ):
                roles.setdefault(hit.name, "imposing")
        else:
            roles.setdefault(hit.name, "targeted")
    return roles


def _agreement_roles(doc: _Doc, hits: list[PartyHit]) -> dict[str, str]:
    roles: dict[str, str] = {}
    for hit in hits:
        s = doc.index.sentences[hit.sentence]
        after = _INVEST.search(doc.low, hit.end, min(s.end, hit.end + 60))
        if hit.kind in {"company", "state_owned_enterprise", "sovereign_fund"} and after:
            roles.setdefault(hit.name, "investor")
        elif (
            hit.kind == "country"
            and _IN_BEFORE.search(doc.low, max(0, hit.start - 4), hit.start)
            and TOPIC.search(doc.low, s.start, s.end)
        ):
            roles.setdefault(hit.name, "host")
    return {hit.name: roles.get(hit.name, "partner") for hit in hits}


def _closest_deal(doc: _Doc, deals: list[_Deal], hit: CommodityHit | PartyHit) -> _Deal | None:
    """Of the deals with a cue in the sentence of ``hit``, the one whose cue is nearest."""
    if len(deals) == 1:
        return deals[0]
    best, best_distance = None, None
    for deal in deals:
        for start in deal.cue_starts(hit.sentence):
            distance = abs(start - hit.start)
            if (
                deal.kind == MEASURE
                and start < hit.start
                and _OBJECT_OF_MEASURE.match(doc.low, start, hit.start)
            ):
                distance = 0
            if best_distance is None or distance < best_distance:
                best, best_distance = deal, distance
    return best or (deals[0] if len(deals) == 1 else None)


def _commodities(
    doc: _Doc, deal: _Deal, deals: list[_Deal], sentences: set[int]
) -> list[CommodityMention]:
    gaz = doc.gazetteer
    chosen = [
        c
        for c in doc.commodities
        if c.sentence in sentences and _closest_deal(doc, deals, c) is deal
    ]
    names = {gaz.commodities[c.index].name for c in chosen}
    if deal.kind == AGREEMENT:
        topic_sentences = doc.topic_sentences - sentences
        for hit in doc.commodities:
            if hit.sentence in topic_sentences:
                lineage = gaz.commodity_lineage(hit.index)
                if names.intersection(lineage[1:]):
                    chosen.append(hit)
    seen: dict[str, CommodityMention] = {}
    for hit in sorted(chosen, key=lambda c: c.start):
        entry = gaz.commodities[hit.index]
        if entry.name in seen:
            continue
        seen[entry.name] = CommodityMention(
            name=entry.name,
            hs_codes=list(entry.hs_codes),
            parent=entry.parent,
            text=doc.raw[hit.start : hit.end],
            start=hit.start,
            end=hit.end,
        )
    return list(seen.values())


def _figures(doc: _Doc, deal: _Deal, deals: list[_Deal], figures: list[Figure]) -> list[Figure]:
    own = deal.sentences()
    if deal.kind == AGREEMENT:
        own = own | doc.topic_sentences
    result = []
    for figure in figures:
        if figure.what in MACRO_WHATS:
            continue
        i = doc.index.index_of(figure.start)
        linked = deal.kind == AGREEMENT and figure.what in _AGREEMENT_WHATS
        if i not in own and not linked:
            continue
        holders = [d for d in deals if i in d.sentences()]
        if len(holders) > 1:
            if figure.what in _MEASURE_WHATS:
                wanted = MEASURE
            elif figure.what in _AGREEMENT_WHATS:
                wanted = AGREEMENT
            else:

                def distance(d: _Deal, start: int = figure.start, sentence: int = i) -> int:
                    return min(
                        abs(c.start - start) for c in d.nouns + d.cues if c.sentence == sentence
                    )

                wanted = min(holders, key=distance).kind
            if wanted != deal.kind:
                continue
        if all(f.text != figure.text for f in result):
            result.append(figure)
    return result


def _happened_on(
    doc: _Doc, deal: _Deal, support: _Support | None
) -> tuple[datetime.date | None, str | None]:
    """A date stated next to a statement of the chosen stage, else the publication date."""
    if support is not None and support.stage != "threatened":
        same_stage = [s for s in deal.support if s.stage == support.stage and s is not support]
        for statement in [support, *same_stage]:
            s = doc.index.sentences[statement.cue.sentence]
            start = clause_start(doc.low, s.start, statement.cue.start)
            end = clause_end(doc.low, statement.cue.end, s.end)
            found = stated_date(doc.low, start, end, doc.published)
            if found is None and start > s.start:
                found = stated_date(doc.low, s.start, min(s.end, s.start + 30), doc.published)
            if found is not None:
                return found
    if doc.published is not None:
        return doc.published, "day"
    return None, None


def _confidence(deal: _Deal, support: _Support | None, parties: list[PartyMention]) -> float:
    wanted = 2 if deal.kind == AGREEMENT else 1
    party_factor = 1.0 if len(parties) >= wanted else 0.75 if parties else 0.5
    if support is None:
        return round(0.3 * party_factor, 2)
    base = min(1.0, 0.3 + support.weight * 0.7)
    if support.rumour:
        base *= 0.8
    return round(base * party_factor, 2)


def _suggested_title(doc: _Doc, deal: _Deal, mention: DealMention) -> str:
    commodity = mention.commodities[0].name if mention.commodities else ""
    if deal.kind == MEASURE:
        labels = [c.label for c in deal.cues if c.label] + [
            n.label for n in deal.nouns if n.label != "order"
        ]
        label = labels[0] if labels else "trade measure"
        if label == "export ban" and any(
            "import" in doc.low[c.start : c.end] for c in deal.cues if c.label
        ):
            label = "import ban"
        imposing = [p.name for p in mention.parties if p.role == "imposing"]
        targeted = [p.name for p in mention.parties if p.role == "targeted"]
        target = targeted[0] if targeted else commodity
        title = f"{imposing[0]} {label}" if imposing else label[:1].upper() + label[1:]
        return f"{title} on {target}" if target else title
    labels = {n.label for n in deal.nouns}
    countries = [p.name for p in mention.parties if p.kind in _COUNTRYLIKE]
    others = [p.name for p in mention.parties if p.kind not in _COUNTRYLIKE]
    names = (countries or others) if "trade" in labels else (others or countries)
    who = "\u2013".join(names[:3])
    if "trade" in labels:
        what = "trade agreement"
    elif "jv" in labels:
        what = f"{commodity} joint venture".strip()
    else:
        what = f"{commodity} agreement".strip()
    return f"{who} {what}".strip() or what


def _why_not(doc: _Doc, cues: list[Cue]) -> str:
    if any(c.is_noun for c in cues):
        return (
            "It mentions a deal or measure, but not one about trade between identifiable parties."
        )
    if TRADE_WORDS.search(doc.low):
        return "It is about trade (figures or markets) but reports no trade deal or trade measure."
    return "No trade deal or trade measure is mentioned."
