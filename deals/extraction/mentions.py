"""Turning a drafted deal into the :class:`DealMention` the extractor reports."""

from __future__ import annotations

import datetime
import re
from bisect import bisect_left

from . import stage_ranker
from .clusters import bears_the_measure, owns_the_measure
from .dates import stated_date
from .drafts import COUNTRYLIKE, Document, DraftDeal, Support
from .goods import agreement_terms_goods, other_measures_goods, terms_of_the_agreement
from .lexicon import TOPIC
from .named import named_stage
from .parties import VIA_REFERENCE, CommodityHit, PartyHit, dateline_span
from .sides import agreement_sides, listed_countries, rated_firms
from .stages import AGREEMENT, FACTUAL, MEASURE
from .text import clause_end, clause_start, quote
from .types import CommodityMention, DealMention, Figure, PartyMention

# "tariffs on Indonesian nickel": what follows "on" belongs to the measure.
_OBJECT_OF_MEASURE = re.compile(
    r"[\w-]+(?:\s+[\w%.-]+){0,2}?\s+(?:on|against|targeting)\s+(?:[\w.'-]+\s+){0,3}$"
)
_INVEST = re.compile(
    r"\b(?:invest(?:s|ed|ing)?|stake|acquir(?:e|es|ed|ing)|buy(?:s|ing)?|bought|fund(?:s|ing|ed))\b"
)
_UNNAMED = "(unnamed)"
_IN_EFFECT = re.compile(r"took effect|in effect|in force|into (?:force|effect)|effective")
_MEASURE_SIDES = frozenset({"country", "bloc", "government_body"})
_TARGETED_COMPANY = re.compile(
    r"(?:\b(?:on|against|targeting)\s+(?:the\s+)?(?:[\w.'-]+\s+){0,2}"
    r"|\b(?:sanction(?:s|ed|ing)?|blacklist(?:s|ed|ing)?|added|adds|adding|penali[sz]e[sd]?)"
    r"\s+(?:[\w.'-]+\s+){0,3})$"
)
_UNDER_MEASURE = re.compile(
    r"^[^.;]*?\b(?:under (?:[\w.-]+ ){0,2}sanctions|subject to (?:[\w.-]+ ){0,2}sanctions"
    r"|(?:was|were|has been|have been) (?:sanctioned|blacklisted))\b"
)
_IN_BEFORE = re.compile(r"\bin\s+$")
_ABSENT = re.compile(
    r"\b(?:(?:do|does|did)\s+not\s+have|(?:don't|doesn't|didn't)\s+have|have\s+no|has\s+no"
    r"|without|lacks?|lacking)\s+(?:an?\s+|any\s+)?(?:[\w-]+\s+){0,2}$"
)
_MEASURE_WHATS = frozenset({"tariff_rate", "previous_rate", "quota"})
_AGREEMENT_WHATS = frozenset(
    {"investment", "stake", "deal_value", "reserves", "capacity", "volume", "price", "loan"}
)


def _choose_stage(doc: Document, deal: DraftDeal) -> Support | None:
    """The statement of the deal's stage now: the one the ranking scores highest, as the rules
    below then read it; a measure nothing is said to happen to, by how the story names it."""
    if not deal.support:
        return _measure_named_as_a_fact(doc, deal) if deal.kind == MEASURE else None
    return stage_ranker.choose(doc, deal, lambda best: _read_in_context(doc, deal, best))


def _read_in_context(doc: Document, deal: DraftDeal, best: Support) -> Support:
    """What the chosen statement says once the rest of the story is read: a measure in effect
    only from a later date is threatened; a headline's signing over a body's memorandum is a
    framework, and its deal "struck" over a body's signing is signed; a story told as a report
    is a rumour."""
    if (
        deal.kind == MEASURE
        and best.stage == "imposed"
        and any(s.later for s in deal.support)
        and not _said_in_effect(doc, deal, best)
    ):
        return Support("threatened", best.weight, best.cue, best.rumour, later=True)
    if deal.kind != AGREEMENT:
        return best
    first_body = doc.first_body_sentence
    best = _framework_in_body(doc, deal, best)
    best = _signed_in_body(doc, deal, best)
    # A headline sums up its lead: when the lead attributes the story to unnamed sources, so
    # does the headline ("X in talks to buy Y" over "..., people familiar with the matter said").
    lead_rumour = any(s.rumour and s.cue.sentence == first_body for s in deal.support)
    confirmed = any(
        not s.rumour and s.weight >= 0.5 and not (lead_rumour and s.cue.start < doc.title_end)
        for s in deal.support
    )
    headline_rumour = lead_rumour and best.cue.start < doc.title_end
    if (best.rumour or headline_rumour) and not confirmed:
        return Support("rumoured", best.weight, best.cue, True)
    # "Miner jumps on report government wants a stake": a story told as a report is a rumour,
    # whatever talks the parties own up to further down.
    if best.stage in _EARLY and any(s.rumour and s.cue.start < doc.title_end for s in deal.support):
        return Support("rumoured", best.weight, best.cue, True)
    return best


_EARLY = frozenset({"talks", "negotiating"})


def _said_in_effect(doc: Document, deal: DraftDeal, best: Support) -> bool:
    """Whether the story says the measure is in effect now ("the embargo took effect on
    Monday"), in the chosen statement or another, whatever later date a part of it takes effect
    from ("a second cap will apply from February")."""
    return any(
        s.stage == "imposed"
        and not s.later
        and not s.past
        and _IN_EFFECT.search(doc.low, s.cue.start, s.cue.end)
        for s in (best, *deal.support)
    )


def _measure_named_as_a_fact(doc: Document, deal: DraftDeal) -> Support | None:
    """A measure the story names as a fact in the headline or the lead, with nothing said to
    happen to it, is in effect (``named_stage``): the earliest such naming, at a low weight. A
    measure only named further down ("exporters said the duty was still high") is background,
    with no stage."""
    for noun in sorted(deal.nouns, key=lambda n: n.start):
        if noun.sentence not in doc.lead_sentences:
            continue
        found = named_stage(doc, noun)
        if found is not None:
            return found
    return None


_FRAMEWORK_TEXT = re.compile(r"memorand|mous?\b|letters? of intent|lois?\b|heads of|framework")


def _framework_in_body(doc: Document, deal: DraftDeal, best: Support) -> Support:
    """A headline "pact" or "deal" signed over a body that reports only a memorandum, letter of
    intent or framework is a framework: the body is the more precise of the two."""
    if best.stage != "signed" or best.cue.start >= doc.title_end:
        return best
    body = [s for s in deal.support if s.cue.start >= doc.title_end]
    if any(s.stage in _BINDING and s.weight >= 0.5 for s in body):
        return best
    for support in body:
        cue = support.cue
        if support.stage == "framework" and (
            (cue.stage or {}).get(AGREEMENT) == "signed"
            or _FRAMEWORK_TEXT.match(doc.low, cue.start, cue.end)
        ):
            return support
    return best


_BINDING = frozenset({"signed", "in_force", "implemented"})
_SIGNED_VERB = re.compile(r"(?:signed|inked)\b")


def _signed_in_body(doc: Document, deal: DraftDeal, best: Support) -> Support:
    """A headline deal "reached", "struck" or "sealed" says a deal was made, not how far: a body
    sentence that says, as a plain fact, that the sides signed it is the more precise."""
    if best.stage != "framework" or best.cue.start >= doc.title_end:
        return best
    body = [s for s in deal.support if s.cue.start >= doc.title_end and s.weight >= 0.9]
    if any(s.stage == "framework" for s in body):
        # "signed a memorandum": the body says itself that what was signed binds no one.
        return best
    signed = [
        s
        for s in deal.support
        if s.cue.start >= doc.title_end
        and s.stage == "signed"
        and s.weight >= 0.9
        and s.cue.modality == FACTUAL
        and _SIGNED_VERB.match(doc.low, s.cue.start)
    ]
    return min(signed, key=lambda s: s.cue.start, default=best)


def to_mention(
    doc: Document, deal: DraftDeal, deals: list[DraftDeal], figures: list[Figure]
) -> DealMention:
    support = _choose_stage(doc, deal)
    sentences = deal.sentences()
    parties = _parties(doc, deal, deals, sentences)
    commodities = _commodities(doc, deal, deals, sentences, parties)
    happened_on, precision = _happened_on(doc, deal, support)
    mention = DealMention(
        kind=deal.kind,
        stage=support.stage if support else None,
        stage_quote=quote(doc.sentence_text(_quoted(doc, deal, support).cue.sentence))
        if support
        else "",
        confidence=_confidence(deal, support, parties),
        parties=parties,
        commodities=commodities,
        figures=_figures(doc, deal, deals, figures),
        happened_on=happened_on,
        happened_on_precision=precision,
    )
    mention.suggested_title = _suggested_title(doc, deal, mention)
    return mention


def _quoted(doc: Document, deal: DraftDeal, support: Support) -> Support:
    """The statement to quote for the chosen stage: the body sentence that states it (the
    strongest, then the earliest); the headline only when no body sentence does."""
    if support.cue.start >= doc.title_end:
        return support
    body = [
        s
        for s in deal.support
        if s.stage == support.stage and s.cue.start >= doc.title_end and s.weight >= 0.5
    ]
    return max(body, key=lambda s: (s.weight, -s.cue.start), default=support)


def _parties(
    doc: Document, deal: DraftDeal, deals: list[DraftDeal], sentences: set[int]
) -> list[PartyMention]:
    by_sentence = doc.parties_by_sentence
    listed: set[str] = set()
    hits = [
        p
        for i in sorted(sentences)
        for p in by_sentence.get(i, ())
        if not p.excluded and _closest_deal(doc, deals, p) is deal
    ]
    history = history_sentences(doc, deal)
    if history:
        # "In 2014 Indonesia banned ore exports, prompting the Philippines to ...": the names only
        # a sentence of the deal's history gives are not its sides.
        told = {p.name for p in hits if p.sentence not in history}
        if told:
            hits = [p for p in hits if p.sentence not in history or p.name in told]
    if deal.kind == MEASURE:
        hits = [p for p in hits if p.kind != "international_org"]
        if deal.segments is not None:
            hits = [p for p in hits if deal.tells(p.start)]
        hits = [p for p in hits if p.kind in _MEASURE_SIDES or _measure_target(doc, p)]
        hits += [p for p in rated_firms(doc, deal) if p not in hits]
        if deal.further and deal.sides is not None:
            # "The ministry also put a duty on ...": a further measure told without its sides
            # has those of the measure it was split from.
            hits += _named_sides(doc, deal.sides)
        if not any(p.kind in _MEASURE_SIDES for p in hits):
            own = _own_government(doc, sentences)
            if own is not None:
                hits.append(own)
        if any(p.kind in COUNTRYLIKE for p in hits):
            # "The Ministry of Commerce said ...": a ministry of no stated country acts for the
            # government already named.
            hits = [p for p in hits if p.kind != "government_body" or p.country]
        hits = _without_the_imposing_blocs_members(doc, deal, hits)
        hits = [p for p in hits if not _WORKS_WITH.search(doc.low, max(0, p.start - 60), p.start)]
        # "The duties target countries ..., including Indonesia, Thailand and South Korea".
        listed = listed_countries(doc, hits)
        hits = _sides_of_the_lead(doc, hits, listed)
    elif deal.sides is not None:
        # An agreement told with a party of its own in a body sentence: its sides, as named.
        hits = [p for p in hits if p.name in deal.sides]
        hits += [p for p in _first_hits(doc, deal.sides) if p.name not in {h.name for h in hits}]
    else:
        hits = _shared_sides(doc, sentences, hits)
        trade = any(n.label in {"trade", "mou"} for n in deal.nouns)
        if trade and len({p.name for p in hits if p.kind in COUNTRYLIKE}) >= 2:
            hits = [p for p in hits if p.kind in COUNTRYLIKE]
        hits, listed = agreement_sides(doc, deal, hits)
    roles = _measure_roles(doc, deal, hits) if deal.kind == MEASURE else _agreement_roles(doc, hits)
    if deal.kind == MEASURE:
        # "Albania and Iceland have been added to the list": the countries a measure lists.
        imposer = deal.sides[0] if deal.sides is not None else None
        roles.update({name: "targeted" for name in listed if name != imposer})
    by_name: dict[str, PartyMention] = {}
    order = sorted(hits, key=lambda p: (p.start >= doc.title_end, p.via == VIA_REFERENCE, p.start))
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
            text=hit.name if hit.via == VIA_REFERENCE else doc.raw[hit.start : hit.end],
            start=hit.start,
            end=hit.end,
            country=country,
        )
    mentions = _without_shadowed_unnamed(list(by_name.values()))
    if len(mentions) > 6:
        counts = {}
        for hit in hits:
            counts[hit.name] = counts.get(hit.name, 0) + 1
        mentions = [
            m
            for m in mentions
            if counts.get(m.name, 0) > 1 or m.start < doc.title_end or m.name in listed
        ] or mentions
    return mentions


# "The government banned onion exports", "Govt extends ban": a government the story does not name.
_GOVERNMENT = re.compile(r"\b(?:govt|government|centre|cabinet|ministry|authorities)\b")


def _named_sides(doc: Document, sides: tuple[str | None, str | None]) -> list[PartyHit]:
    """The first hit of each of a measure's sides (imposing party, target)."""
    found = []
    for name in sides:
        hit = next(
            (p for p in doc.parties if p.name == name and not p.excluded and p.kind in COUNTRYLIKE),
            None,
        )
        if hit is not None:
            found.append(hit)
    return found


def _first_hits(doc: Document, names: tuple[str | None, ...]) -> list[PartyHit]:
    """The first hit of each of ``names``."""
    found = []
    for name in names:
        hit = next((p for p in doc.parties if p.name == name and not p.excluded), None)
        if hit is not None:
            found.append(hit)
    return found


def _own_government(doc: Document, sentences: set[int]) -> PartyHit | None:
    """The government a measure told as "the government's" belongs to: that of the offices the
    story names, when they are all of one country, or of the place its dateline gives."""
    if not any(
        _GOVERNMENT.search(doc.low, s.start, s.end)
        for s in (doc.index.sentences[i] for i in sentences)
    ):
        return None
    offices = [
        p for p in doc.parties if p.kind == "government_body" and p.country and not p.excluded
    ]
    if offices and len({p.country for p in offices}) == 1:
        return offices[0]
    dateline = dateline_span(doc.text, doc.title_end)
    if dateline is None or offices:
        return None
    return next(
        (p for p in doc.parties if p.kind == "country" and dateline[0] <= p.start < dateline[1]),
        None,
    )


# "Trump agreed to work with South Korea and Japan on shipbuilding": partners in something else,
# not sides of the measure the sentence goes on to tell.
_WORKS_WITH = re.compile(
    r"\b(?:work|works|worked|working|cooperate|cooperates|cooperated|cooperating|co-operate"
    r"|collaborate|collaborates|collaborated|collaborating)\s+with\s+(?:the\s+)?"
    r"(?:[\w.'-]+(?:\s+[\w.'-]+)?(?:,\s+|\s+and\s+)){0,6}$"
)


def _without_the_imposing_blocs_members(
    doc: Document, deal: DraftDeal, hits: list[PartyHit]
) -> list[PartyHit]:
    """ "The EU banned imports of Ukrainian wheat into Bulgaria, Hungary and Poland": the member
    states a bloc's measure names (where it applies, which are exempt) are the bloc's, not sides
    of their own."""
    imposer, target = deal.sides if deal.sides is not None else (None, None)
    members = doc.gazetteer.bloc_members.get(imposer or "")
    if not members:
        return hits
    return [p for p in hits if p.kind != "country" or p.country not in members or p.name == target]


def _sides_of_the_lead(doc: Document, hits: list[PartyHit], listed: set[str]) -> list[PartyHit]:
    """ "EU imposes duties on Chinese EVs" over "New Zealand could gain market share if China
    raised tariffs": when the lead names a measure's two sides, a country named only further
    down is background, unless a sentence lists it among the measure's targets."""
    lead = doc.lead_sentences
    sides = {p.name for p in hits if p.sentence in lead and p.kind in COUNTRYLIKE}
    if len(sides) < 2:
        return hits
    return [
        p
        for p in hits
        if p.sentence in lead or p.kind not in COUNTRYLIKE or p.name in sides or p.name in listed
    ]


def history_sentences(doc: Document, deal: DraftDeal) -> set[int]:
    """The body sentences past the lead where the deal is told only as history."""
    past = {s.cue.sentence for s in deal.support if s.past}
    if not past:
        return past
    return past - {s.cue.sentence for s in deal.support if not s.past} - doc.lead_sentences


def _measure_target(doc: Document, hit: PartyHit) -> bool:
    """A company is a party to a measure only as its target: "sanctions on X", "blacklisted X",
    "X, which has been under sanctions since 2021"."""
    before = doc.low[max(0, hit.start - 50) : hit.start]
    if _TARGETED_COMPANY.search(before):
        return True
    s = doc.index.sentences[hit.sentence]
    return bool(_UNDER_MEASURE.search(doc.low, hit.end, min(s.end, hit.end + 80)))


def _shared_sides(doc: Document, sentences: set[int], hits: list[PartyHit]) -> list[PartyHit]:
    """ "Japan threatens duties on U.S. steel as talks stall": the talks named in a headline or
    lead next to a measure are between the same two countries."""
    if len({p.name for p in hits}) >= 2:
        return hits
    lead = doc.lead_sentences & sentences
    shared = [
        p for p in doc.parties if p.sentence in lead and not p.excluded and p.kind in COUNTRYLIKE
    ]
    if len({p.name for p in shared}) != 2:
        return hits
    return sorted({id(p): p for p in [*hits, *shared]}.values(), key=lambda p: p.start)


def _without_shadowed_unnamed(mentions: list[PartyMention]) -> list[PartyMention]:
    """Drop "Argentine company (unnamed)" when the deal also names an Argentine organisation:
    the description ("the Argentine developer") and the name are the same party."""
    named = {
        m.country
        for m in mentions
        if m.kind not in COUNTRYLIKE
        and m.kind != "government_body"
        and not m.name.endswith(_UNNAMED)
    }
    return [m for m in mentions if not (m.name.endswith(_UNNAMED) and m.country in named)]


def _measure_roles(doc: Document, deal: DraftDeal, hits: list[PartyHit]) -> dict[str, str]:
    roles: dict[str, str] = {}
    if deal.sides is not None:
        imposer, target = deal.sides
        roles = {name: role for name, role in ((imposer, "imposing"), (target, "targeted")) if name}
    anchors: dict[int, int] = {}
    for cue in sorted(deal.cues + deal.nouns, key=lambda c: (c.is_noun, c.start)):
        anchors.setdefault(cue.sentence, cue.start)
    for hit in sorted(hits, key=lambda p: (p.start >= doc.title_end, p.start)):
        anchor = anchors.get(hit.sentence)
        if anchor is None:
            continue
        if hit.end <= anchor:
            bears = bears_the_measure(doc, hit)
            roles.setdefault(hit.name, "targeted" if bears else "imposing")
        else:
            roles.setdefault(hit.name, "imposing" if owns_the_measure(doc, hit) else "targeted")
    return roles


def _agreement_roles(doc: Document, hits: list[PartyHit]) -> dict[str, str]:
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


def _closest_deal(
    doc: Document, deals: list[DraftDeal], hit: CommodityHit | PartyHit
) -> DraftDeal | None:
    """Of the deals with a cue in the sentence of ``hit``, the one whose cue is nearest."""
    if len(deals) == 1:
        return deals[0]
    key = (id(hit), hit.start)
    try:
        return doc.closest[key]
    except KeyError:
        found = doc.closest[key] = _nearest_deal(doc, deals, hit)
        return found


def _deals_in(doc: Document, deals: list[DraftDeal], sentence: int) -> list[DraftDeal]:
    """The deals with a cue in ``sentence``, in the order of ``deals``."""
    present = doc.deals_in.get(sentence)
    if present is None:
        present = doc.deals_in[sentence] = [d for d in deals if d.cue_starts(sentence)]
    return present


def _nearest_deal(
    doc: Document, deals: list[DraftDeal], hit: CommodityHit | PartyHit
) -> DraftDeal | None:
    best, best_distance = None, None
    at = hit.start
    for deal in _deals_in(doc, deals, hit.sentence):
        if not deal.tells(at):
            continue
        measure = deal.kind == MEASURE
        for start in deal.cue_starts(hit.sentence):
            if not measure and _ABSENT.search(doc.low, max(0, start - 40), start):
                # "countries that do not have a trade agreement with Mexico, including Indonesia":
                # an agreement said not to exist claims none of the names around it.
                continue
            distance = abs(start - at)
            if (
                measure
                and start < at
                and best_distance != 0
                and _OBJECT_OF_MEASURE.match(doc.low, start, at)
            ):
                distance = 0
            if best_distance is None or distance < best_distance:
                best, best_distance = deal, distance
    return best


def _commodities(
    doc: Document,
    deal: DraftDeal,
    deals: list[DraftDeal],
    sentences: set[int],
    parties: list[PartyMention],
) -> list[CommodityMention]:
    gaz = doc.gazetteer
    by_sentence = doc.commodities_by_sentence
    chosen = [
        c
        for i in sorted(sentences)
        for c in by_sentence.get(i, ())
        if _closest_deal(doc, deals, c) is deal
    ]
    if deal.kind == AGREEMENT:
        chosen += agreement_terms_goods(doc, deal, deals, _closest_deal)
        chosen += [
            c
            for i in _told_on(doc, sentences)
            for c in by_sentence.get(i, ())
            if _closest_deal(doc, deals, c) in (None, deal)
        ]
    else:
        terms = terms_of_the_agreement(doc, deals)
        chosen = [c for c in chosen if c.sentence not in terms]
    if deal.kind == AGREEMENT:
        chosen += _goods_told_around(doc, deal, deals, parties)
    names = {gaz.commodities[c.index].name for c in chosen}
    if deal.kind == AGREEMENT:
        topic_sentences = doc.topic_sentences - sentences
        for hit in doc.commodities:
            if hit.sentence in topic_sentences:
                lineage = gaz.commodity_lineage(hit.index)
                if names.intersection(lineage[1:]):
                    chosen.append(hit)
        chosen = [c for c in chosen if not _left_as_they_are(doc, c)]
    elif deal is deals[0]:
        chosen += _finer_goods_around(doc, deal, deals, names, sentences)
    history = history_sentences(doc, deal)
    if history and any(c.sentence not in history for c in chosen):
        # "In 2014 Indonesia banned raw ore exports, hurting stainless steel makers": goods only a
        # sentence of the deal's history names are not goods of its news.
        # A good the news names by a broader word ("batteries") keeps its precise name.
        told = {gaz.commodities[c.index].name for c in chosen if c.sentence not in history}
        chosen = [
            c
            for c in chosen
            if c.sentence not in history or told.intersection(gaz.commodity_lineage(c.index))
        ]
    if deal.kind == MEASURE:
        imposers = {p.name for p in parties if p.role == "imposing"}
        other = other_measures_goods(doc, chosen, imposers)
        chosen = [c for c in chosen if c not in other and not _spared(doc, c)]
        chosen = _without_the_imposers_own_goods(doc, chosen, parties)
        chosen = _without_goods_of_another_imposer(doc, chosen, parties)
    chosen = _without_broad_roots(doc, chosen)
    chosen = _without_third_countries_goods(doc, chosen, parties)
    chosen = _without_short_forms(doc, chosen)
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


def _goods_told_around(
    doc: Document, deal: DraftDeal, deals: list[DraftDeal], parties: list[PartyMention]
) -> list[CommodityHit]:
    """The goods a story about an agreement names, past its lead, in sentences that tell no deal
    but name a side of it: "Seoul has also promised to buy more American aircraft",
    "Farming was the sticking point, with Chilean wine quotas the hardest to settle". A story
    whose headline or lead tells the agreement goes on about it, and the goods it names beside
    the agreement's sides are what the agreement covers."""
    if deal is not deals[0] or not deal.sentences() & doc.lead_sentences:
        return []
    sides = {p.name for p in parties}
    return [
        c
        for c in doc.commodities
        if c.sentence not in doc.lead_sentences
        and not _deals_in(doc, deals, c.sentence)
        and any(p.name in sides for p in doc.parties_by_sentence.get(c.sentence, ()))
    ]


def _finer_goods_around(
    doc: Document, deal: DraftDeal, deals: list[DraftDeal], names: set[str], sentences: set[int]
) -> list[CommodityHit]:
    """ "lower export taxes on meat ... The cut would follow this schedule: poultry and beef from
    6.75% to 5%": the finer goods a measure's story names, in sentences telling no deal, of the
    goods its measure falls on."""
    gaz = doc.gazetteer
    return [
        hit
        for hit in doc.commodities
        if hit.sentence not in sentences
        and not _deals_in(doc, deals, hit.sentence)
        and (
            (
                names.intersection(gaz.commodity_lineage(hit.index)[1:])
                and _refers_to_the_measure(doc, hit.sentence)
            )
            or _pays_the_rate(doc, hit)
        )
    ]


# "Among the imports now paying duties of 10% to 55% are foods such as cheese": goods a
# sentence gives the measure's rate on.
_PAYS_THE_RATE = re.compile(
    r"\b(?:pay|pays|paying|face|faces|facing|subject to|attract|attracts|attracting)\s+"
    r"(?:[\w-]+\s+){0,2}(?:tariffs?|duty|duties|levy|levies|taxes)\s+of\s+\d[^.]*$"
)


def _pays_the_rate(doc: Document, hit: CommodityHit) -> bool:
    start = doc.index.sentences[hit.sentence].start
    return _PAYS_THE_RATE.search(doc.low, start, hit.start) is not None


# "the tax cut would follow this schedule", "would be covered", "the ban applies to": a sentence
# going on about the measure the story has told.
_THE_MEASURE = re.compile(
    r"\b(?:(?:the|this|these|its) (?:[\w-]+ ){0,2}(?:ban|bans|cut|cuts|tax|taxes|duty|duties|tariff"
    r"|tariffs|levy|levies|measure|measures|restriction|restrictions|curbs|embargo)\b"
    r"|(?:be|are|is) covered\b|appl(?:y|ies) to\b)"
)


def _refers_to_the_measure(doc: Document, i: int) -> bool:
    s = doc.index.sentences[i]
    return _THE_MEASURE.search(doc.low, s.start, s.end) is not None


# "the tariffs on steel and aluminium will stay as they are": what the deal leaves alone.
_STAYS = re.compile(
    r"[^.;:,]{0,50}?\b(?:stay|stays|remain|remains)\s+(?:in place|in force|unchanged|untouched"
    r"|as (?:they|it) (?:are|is|stand|stands)|the same)\b"
)


def _left_as_they_are(doc: Document, hit: CommodityHit) -> bool:
    """A good an agreement's story says keeps its tariff as it is ("the 50% tariffs on steel and
    aluminium will stay in place") is a good the agreement leaves out."""
    s = doc.index.sentences[hit.sentence]
    return hit.start >= doc.title_end and _STAYS.match(doc.low, hit.end, s.end) is not None


# "It will open up investment in industries such as pharmaceuticals": a sentence that opens with
# a pronoun goes on about the deal the sentence before it told.
_PRONOUN_OPENS = re.compile(
    r"(?:it|this|the (?:pact|deal|agreement|accord))\s+(?:will|would|also|covers|includes|opens"
    r"|gives|cuts|removes|eliminates|lowers)\b"
)


def _told_on(doc: Document, sentences: set[int]) -> list[int]:
    return [
        i + 1
        for i in sentences
        if i + 1 < len(doc.index.sentences)
        and i + 1 not in sentences
        and not doc.index.sentences[i + 1].in_title
        and _PRONOUN_OPENS.match(doc.low, doc.index.sentences[i + 1].start)
    ]


# "Some goods are spared the duty: among them cotton and fertilisers", "a duty exemption on
# yellow peas", "exempts solar panels": goods the measure leaves out ("exempt Japan from the steel
# tariffs" names the goods it falls on).
_SPARED = re.compile(
    r"\b(?:spared|exempt(?:s|ed|ing|ion|ions)?|carve[- ]outs?|excluded from)\b(?![^.;:]*\bfrom\b)"
    # Up to the good, within the clause, or within the list a colon opens.
    r"(?:[^.;:]*|[^.;:]*:[^.]*)$"
)


# "also extended the duty exemption on yellow peas": an exemption acted on is a measure told,
# and the goods it names are its own.
_EXEMPTION_ACTED_ON = re.compile(
    r"\b(?:extend(?:s|ed|ing)?|grant(?:s|ed|ing)?|introduc(?:e|es|ed|ing)|renew(?:s|ed|ing)?"
    r"|approv(?:e|es|ed|ing)|announc(?:e|es|ed|ing)|scrap(?:s|ped|ping)?|end(?:s|ed|ing)?"
    r"|revok(?:e|es|ed|ing)|withdr(?:ew|aw|aws|awn))\s+(?:[\w-]+\s+){0,5}?exemptions?\b"
)


# "restrictions on all items except vehicles", "goods other than vehicles", "everything but
# vehicles": the goods named as the exception.
_EXCEPT = re.compile(
    r"\b(?:except(?:\s+for)?|excluding|other than|apart from|(?:everything|anything|all) but)"
    r"\s+(?:[\w,-]+\s+){0,5}$"
)


def _spared(doc: Document, hit: CommodityHit) -> bool:
    """Whether a measure's sentence names ``hit`` among the goods it leaves out."""
    start = max(doc.index.sentences[hit.sentence].start, hit.start - 400)
    if _EXCEPT.search(doc.low, max(start, hit.start - 60), hit.start):
        return True
    spared = _SPARED.search(doc.low, start, hit.start)
    return spared is not None and not _EXEMPTION_ACTED_ON.search(doc.low, start, hit.start)


def _without_third_countries_goods(
    doc: Document, chosen: list[CommodityHit], parties: list[PartyMention]
) -> list[CommodityHit]:
    """ "India would stop buying Russian oil" in a story of a US-India deal: a good said to come
    from a country that is not a side of the deal is another trade, not one the deal covers."""
    sides = {p.name for p in parties if p.kind in COUNTRYLIKE}
    if not sides:
        return chosen
    kept = []
    for hit in chosen:
        origin = next(
            (
                p
                for p in doc.parties_by_sentence.get(hit.sentence, ())
                if p.kind == "country" and _origin_of(doc, p, hit)
            ),
            None,
        )
        if origin is None or origin.name in sides:
            kept.append(hit)
    return kept


def _without_the_imposers_own_goods(
    doc: Document, chosen: list[CommodityHit], parties: list[PartyMention]
) -> list[CommodityHit]:
    """ "if China raised tariffs against EU dairy products" in a story of the EU's tariffs on
    Chinese cars: the imposer's own goods are those a measure against it would fall on."""
    imposers = {p.name for p in parties if p.role == "imposing"}
    targets = {p.name for p in parties if p.role == "targeted"} - imposers
    if not imposers or not targets:
        return chosen
    kept = []
    for hit in chosen:
        origin = next(
            (
                p
                for p in doc.parties_by_sentence.get(hit.sentence, ())
                if p.kind in COUNTRYLIKE and p.end <= hit.start and _origin_of(doc, p, hit)
            ),
            None,
        )
        if (
            origin is None
            or origin.name not in imposers
            or _EXPORTS.search(doc.low, doc.index.sentences[hit.sentence].start, hit.start)
        ):
            kept.append(hit)
    return kept


_EXPORTS = re.compile(r"\bexport")

# "In May the European Commission brought in a ban on imports of wheat and corn": a measure its
# subject put on the goods after it.
_PUT_A_MEASURE_ON = re.compile(
    r"\s+(?:has\s+|had\s+|have\s+)?(?:brought in|imposed|introduced|adopted|agreed to|put in place"
    r"|put|placed|slapped|set|extended|announced)\s+(?:an?\s+|its\s+|the\s+|new\s+)?"
    r"(?:[\w%-]+\s+){0,3}?(?:ban|bans|embargo|tariffs?|duty|duties|levy|levies|quotas?|restrictions"
    r"|curbs|surtax(?:es)?)\s+on\b[^.;:]*$"
)


def _without_goods_of_another_imposer(
    doc: Document, chosen: list[CommodityHit], parties: list[PartyMention]
) -> list[CommodityHit]:
    """ "In May the European Commission brought in a ban on imports of wheat" in a story of
    Poland's ban on grain: goods of a measure the sentence gives another government."""
    sides = {p.name for p in parties}
    if not sides:
        return chosen
    gaz = doc.gazetteer
    kept = []
    for hit in chosen:
        other = False
        for p in doc.parties_by_sentence.get(hit.sentence, ()):
            if p.end > hit.start or p.excluded or p.kind not in _GOVERNMENTS:
                continue
            home = gaz.country_party(p.country)
            if p.name in sides or (home is not None and home.name in sides):
                continue
            if _PUT_A_MEASURE_ON.match(doc.low, p.end, hit.start):
                other = True
        if not other:
            kept.append(hit)
    return kept


_GOVERNMENTS = frozenset({"country", "bloc", "government_body"})


def _origin_of(doc: Document, party: PartyHit, hit: CommodityHit) -> bool:
    """Whether ``party`` is where ``hit`` comes from: "Russian oil", "Russia's oil" (and "the
    trade in Russian crude", though "in" reads as a place), "oil from Russia"."""
    if party.end <= hit.start:
        if doc.text[party.end : hit.start] not in _ORIGIN_GAPS:
            return False
        if party.excluded == "place":
            # "Australian lithium mines": where an asset lies, not where a good comes from.
            return not _ASSET_AFTER_GOOD.match(doc.low, hit.end)
        return party.excluded not in _NOT_AN_ORIGIN
    return party.excluded not in _NOT_AN_ORIGIN and bool(
        _FROM_GAP.fullmatch(doc.low, hit.end, party.start)
    )


_ORIGIN_GAPS = frozenset({" ", "'s ", "' "})
# "Australian lithium mines": the country where the asset a deal is about lies.
_NOT_AN_ORIGIN = frozenset({"place", "descriptor", "source"})
_ASSET_AFTER_GOOD = re.compile(
    r"\s+(?:[a-z][\w-]*\s+){0,2}?(?:projects?|mines?|deposits?|fields?|plants?|refiner(?:y|ies)"
    r"|terminals?|smelters?|assets|reserves|sector|industry|producers?|miners?|companies)\b"
)
# "oil from Russia", "oil imported from Russia".
_FROM_GAP = re.compile(r"\s+(?:(?:imported|bought|shipped|sourced)\s+)?from\s+(?:the\s+)?")


def _without_short_forms(doc: Document, chosen: list[CommodityHit]) -> list[CommodityHit]:
    """ "gas" in a story of an LNG supply deal: a good named by a one-word short form of a broader
    entry (its alias, not its name) is the more precise good the deal names."""
    gaz = doc.gazetteer
    lineages = {gaz.commodities[hit.index].name: gaz.commodity_lineage(hit.index) for hit in chosen}
    broader = {name for lineage in lineages.values() for name in lineage[1:]}
    kept = []
    for hit in chosen:
        entry = gaz.commodities[hit.index]
        written = doc.low[hit.start : hit.end]
        # "gas" of "natural gas": one word of the name standing for it.
        if entry.name in broader and written in entry.name.lower().split()[1:]:
            continue
        kept.append(hit)
    return kept


def _without_broad_roots(doc: Document, chosen: list[CommodityHit]) -> list[CommodityHit]:
    """ "metals needed for ... copper", "a deal to supply natural gas ... 4 million tons of
    liquefied natural gas a year": a broader good (a category such as energy, metals or
    agriculture, or a good such as natural gas) named next to one of its own goods adds nothing,
    unless the headline names it or it is an item of a list of goods ("automobiles, trucks, rice
    and other farm products"). A broader good whose own goods the deal names one by one ("farm
    goods ... canola meal, peas and lobster") stands for them even in the headline."""
    gaz = doc.gazetteer
    finer: dict[str, set[str]] = {}
    for hit in chosen:
        name = gaz.commodities[hit.index].name
        for root in gaz.commodity_lineage(hit.index)[1:]:
            if root != name:
                finer.setdefault(root, set()).add(name)
    return [
        hit
        for hit in chosen
        if len(finer.get(gaz.commodities[hit.index].name, ())) < _NAMED_GOODS
        and (
            hit.start < doc.title_end
            or gaz.commodities[hit.index].name not in finer
            or _listed_good(doc, hit)
        )
    ]


# How many goods of its own a broader good's deal must name for them to stand in its place.
_NAMED_GOODS = 3


# ", ", " and ", ", and other ": the gap between two goods of a list.
_GOODS_GAP = re.compile(r"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:other\s+)?")


def _listed_good(doc: Document, hit: CommodityHit) -> bool:
    """Whether another good stands right before or after ``hit``, as items of one list."""
    hits = doc.commodities
    i = bisect_left(doc.commodity_starts, hit.start)
    before = hits[i - 1] if i > 0 else None
    after = hits[i + 1] if i + 1 < len(hits) else None
    return bool(
        (before is not None and _GOODS_GAP.fullmatch(doc.low, before.end, hit.start))
        or (after is not None and _GOODS_GAP.fullmatch(doc.low, hit.end, after.start))
    )


def _figures(
    doc: Document, deal: DraftDeal, deals: list[DraftDeal], figures: list[Figure]
) -> list[Figure]:
    own = deal.sentences()
    if deal.kind == AGREEMENT:
        own = own | doc.topic_sentences
    result = []
    texts = set()
    for figure in figures:
        if figure.macro:
            continue
        i, wanted = _figure_place(doc, deals, figure)
        linked = deal.kind == AGREEMENT and figure.what in _AGREEMENT_WHATS
        if i not in own and not linked:
            continue
        if wanted is not None and wanted != deal.kind:
            continue
        if figure.text not in texts:
            texts.add(figure.text)
            result.append(figure)
    return result


def _figure_place(doc: Document, deals: list[DraftDeal], figure: Figure) -> tuple[int, str | None]:
    """The sentence of ``figure`` and, when several deals are told in it, the kind of deal the
    figure belongs to (worked out once per article)."""
    known = doc.figure_places.get(figure.start)
    if known is not None:
        return known
    i = doc.index.index_of(figure.start)
    wanted = None
    holders = _deals_in(doc, deals, i)
    if len(holders) > 1:
        if figure.what in _MEASURE_WHATS:
            wanted = MEASURE
        elif figure.what in _AGREEMENT_WHATS:
            wanted = AGREEMENT
        else:
            wanted = min(holders, key=lambda d: d.cue_distance(i, figure.start)).kind
    known = doc.figure_places[figure.start] = (i, wanted)
    return known


def _happened_on(
    doc: Document, deal: DraftDeal, support: Support | None
) -> tuple[datetime.date | None, str | None]:
    """A date stated next to a statement of the chosen stage, else the publication date."""
    if support is not None and support.stage != "threatened":
        same_stage = [s for s in deal.support if s.stage == support.stage and s is not support]
        for statement in [support, *same_stage]:
            s = doc.index.sentences[statement.cue.sentence]
            start = clause_start(doc.low, s.start, statement.cue.start)
            end = clause_end(doc.low, statement.cue.end, s.end)
            found = _stated_date(doc, start, end)
            if found is None and start > s.start:
                found = _stated_date(doc, s.start, min(s.end, s.start + 30))
            if found is not None:
                return found
    if doc.published is not None:
        return doc.published, "day"
    return None, None


def _stated_date(doc: Document, start: int, end: int) -> tuple[datetime.date, str] | None:
    key = (start, end)
    if key not in doc.dates:
        doc.dates[key] = stated_date(doc.low, start, end, doc.published)
    return doc.dates[key]


def _confidence(deal: DraftDeal, support: Support | None, parties: list[PartyMention]) -> float:
    wanted = 2 if deal.kind == AGREEMENT else 1
    party_factor = 1.0 if len(parties) >= wanted else 0.75 if parties else 0.5
    if support is None:
        return round(0.3 * party_factor, 2)
    base = min(1.0, 0.3 + support.weight * 0.7)
    if support.rumour:
        base *= 0.8
    return round(base * party_factor, 2)


def _suggested_title(doc: Document, deal: DraftDeal, mention: DealMention) -> str:
    commodity = mention.commodities[0].name if mention.commodities else ""
    if deal.kind != MEASURE:
        # "talks on the Doha round collapsed": a round of world trade talks is known by its name,
        # whichever of its many members a report names.
        sentences = deal.sentences()
        named = next(
            (p for p in doc.parties if p.excluded == "round" and p.sentence in sentences), None
        )
        if named is not None:
            return f"{doc.text[named.start : named.end]} Round of world trade talks"
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
    countries = [p.name for p in mention.parties if p.kind in COUNTRYLIKE]
    others = [p.name for p in mention.parties if p.kind not in COUNTRYLIKE]
    named = [name for name in others if not name.endswith(_UNNAMED)]
    # Readers know a deal by its countries when it has two sides of them ("China–Malaysia
    # rare earths agreement"); a deal between firms of one country by the firms.
    if "trade" in labels or len(countries) >= 2:
        names = countries or named or others
    else:
        names = named or countries or others
    who = "\u2013".join(names[:3])
    if "trade" in labels:
        what = "trade agreement"
    elif "jv" in labels:
        what = f"{commodity} joint venture".strip()
    else:
        what = f"{commodity} agreement".strip()
    return f"{who} {what}".strip() or what
