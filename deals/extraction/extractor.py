"""``extract()``: one article in, the deals and measures it reports out."""

from __future__ import annotations

import dataclasses
import datetime
import re

from .clusters import INSTRUMENTS, split_measures
from .dates import names_a_later_date
from .drafts import COUNTRYLIKE, Document, DraftDeal, Support
from .figures import find_figures
from .gate import StemGate
from .gazetteer import VIA_DEMONYM, VIA_LEADER, Gazetteer
from .goods import term_sentences
from .inputs import check_input
from .lexicon import MEASURE_NOUN, PRIVATE_PERSONS, TRADE_WORDS
from .mentions import to_mention
from .organisations import ORGANISATION_STEMS
from .parties import EXCLUSION_STEMS, find_hits
from .relevance import judge, why_not
from .sides import background_agreements
from .stages import (
    AGREEMENT,
    BACKGROUND,
    FACTUAL,
    FUTURE,
    MEASURE,
    NEGATED,
    STAGE_ORDER,
    Cue,
    find_cues,
)
from .term_dates import find_term_dates
from .text import (
    SentenceIndex,
    clause_end,
    clause_start,
    lower_same_length,
    normalise,
    split_sentences,
)
from .types import DealMention, Extraction, document_text

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
    r"(?:n't|\b(?:seek|seeks|seeking|sought|pursue|pursues|pursuing|push(?:es|ing)? for|hopes? for"
    r"|hoping for|negotiat\w*|talks|towards?|on a|for a|possible|potential|proposed|planned|future"
    r"|prospective|envisaged|would-be|any|no|without|if|unless|would|could|might|may|not|lack"
    r"|lacks|lacking|for))\s+(?:[\w.-]+\s+){0,3}$"
)
_NOUN_DEFAULT = {
    "trade": "framework",
    "commercial": "framework",
    "deal": "framework",
    "jv": "framework",
    "process": "talks",
}
_TRADE_LABELS = frozenset({"trade", "commercial", "jv", "mou"})
# "denies a report it is in talks": STAGES.md reads a denial as a rumour, not as nothing.
_DENIED_REPORT = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|dismiss(?:es|ed|ing)?|reject(?:s|ed|ing)?)\s+(?:an?\s+|the\s+)?"
    r"(?:media\s+|news\s+|press\s+)?(?:reports?|speculation|rumou?rs?)\b[^.;]*$"
)
# "tariff uncertainty", "sanctions fears": the climate, not a measure anyone took.
_GENERIC_MEASURE = re.compile(
    r"\s*(?:-related\s+)?(?:uncertainty|uncertainties|concerns?|worries|fears|jitters|turmoil"
    r"|volatility|headwinds|risks?|angst|anxiety|noise|chaos)\b"
)
# "sanctions on the supreme court judge", "a ban on two officials": a measure on people, not on
# goods or a country's trade.
_ON_PEOPLE_LABELS = frozenset({"sanctions", "ban"})
# Besides private persons, those who hold an office: a sanction on them is on the person.
_OFFICE_HOLDERS = (
    r"judges?|officials?|ministers?|generals?|officers?|lawmakers|senators?|politicians?"
    r"|relatives|family members|executives"
)
_ON_A_PERSON = re.compile(
    r"\s+(?:on|against)\s+(?:[\w.'-]+\s+){0,4}?(?:"
    + _OFFICE_HOLDERS
    + "|"
    + "|".join(PRIVATE_PERSONS)
    + r")\b"
)
# "the agreement removes tariffs on cars": a tariff cut that is part of the agreement.
_AGREEMENT_CUTS = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:remov|cut|eliminat|lower|reduc|scrap|slash|phas|abolish|lift|wai"
    r"|end)\w*\s+(?:[\w%.$-]+\s+){0,4}?$"
)
# "removed tariffs on ethanol under the trade agreement", "eliminated duties on kiwifruit as the
# FTA entered into force": a cut the agreement makes, named after it.
_UNDER_AGREEMENT = re.compile(
    r"[^.;]*?\b(?:under|as part of|in line with|pursuant to|in accordance with|as agreed (?:in"
    r"|under)|as|when|once)\s+(?:[\w'-]+\s+){0,4}?$"
)
_AS_OR_WHEN = re.compile(r"[^.;]*\b(?:as|when|once)\s+(?!part of|agreed)(?:[\w'-]+\s+){0,4}?$")
# "... as the FTA enters into force": what "as" or "when" ties the cut to.
_TAKES_FORCE = re.compile(
    r"(?:\s+[\w'-]+){0,4}?\s+(?:took|takes|take|taking|entered|enters|enter|entering|came|comes"
    r"|come|coming|went|goes|go|going)\s+(?:effect|into (?:force|effect))\b"
)
# "under the USMCA exemption", "goods that comply with USMCA rules": the measure's own carve-out.
_CARVE_OUT = re.compile(r"[-\s]+(?:exemptions?|rules?|compliant|carve-?outs?|waivers?)\b")
_GOVERNMENT = re.compile(r"\b(?:govt|government|centre|cabinet|ministry|minister)\b")
# "a deal to cut tariffs": the cue itself opens with the cut.
_CUT_OPENS = re.compile(
    r"(?:remov|cut|eliminat|lower|reduc|scrap|slash|phas|abolish|lift|wai|end|trim)\w*\s"
)
# "cuts duties", "tariffs fell to 15%": a measure's rate lowered.
_LOWERED = re.compile(
    r"(?:cut|lower|reduc|slash|trim)|[^.;]*\b(?:fell|falls?|dropped|drops|cut|lowered|reduced"
    r"|came down|comes down)\s+(?:from\s+[\d.]+%?\s+)?to\s"
)
_IT_OPENS = re.compile(r"\s*(?:it|the (?:pact|deal|agreement|accord))\s")
_SHORT_GAP = re.compile(r"\s+(?:[\w-]+\s+){0,2}?")
_AGREEMENT_NOUN_LABELS = frozenset({"trade", "deal", "commercial"})
# "cancels wheat purchases", "scrapped the supply contract": the cue names its agreement itself.
_NAMES_AN_AGREEMENT = re.compile(r"deal|agreement|contract|pact|purchase|order")
# "FTA talks", "trade negotiations": a deal being talked about, not one that exists.
_TALKS_AFTER = re.compile(r"(?:\s+[\w-]+)?\s+(?:talks|negotiations?)\b")
# "signed terms of reference to launch talks": what was signed is the start of negotiations.
_SIGNED_TO_TALK = re.compile(
    r"[^.;]{0,60}?\b(?:terms of reference|to (?:formally |officially )?(?:launch|start|begin|open"
    r"|kick off)\s+(?:[\w-]+\s+){0,3}?(?:talks|negotiations))"
)
# "In 2019 Italy signed up", "Back in August 2019, the pair had agreed": a year before the story's
# own dates an event of the deal's history.
_PAST_YEAR = re.compile(
    r"\b(?:in|since|back in|from|during|of|until)\s+(?:(?:early|late|mid)[- ]?)?(?:[a-z]+\s+)?"
    r"((?:19|20)\d\d)\b|\b(?:last year|years ago)\b"
)
_EARLY_AGREEMENT_STAGES = frozenset({"talks", "negotiating"})
_TALKS_NOUN = re.compile(r"talks|negotiation")
_PLURAL_DEALS = ("deals", "agreements", "pacts", "accords", "treaties", "frameworks", "ftas")
_BUSINESS_DEALS = frozenset({"commercial", "deal", "jv"})
_ANNOUNCED = re.compile(r"announc|unveil")
_FRAMEWORK_WORDS = re.compile(r"framework|arrangement")
_TRADE_RULING = re.compile(
    r"\b(?:wto|world trade organi[sz]ation|dispute panel|appellate body|arbitrat\w+)\b"
)
_RULING_CUE = re.compile(r"struck|strike|overturn|invalidat")
_NAMES_A_MEASURE = re.compile(MEASURE_NOUN)
_PUT_ON = frozenset({"imposed", "threatened"})
_ENDINGS = frozenset({"lifted", "suspended"})
# "decided to suspend its duties", "agreed to pause the tariffs": the decision is taken.
_DECIDED = re.compile(r"\b(?:agreed|agrees|decided|decides|voted|votes)\s+to\s+(?:[\w-]+\s+)?$")
# "will be put on hold for at least 30 days": a pause announced for a stated time has begun.
_FOR_A_TIME = re.compile(
    r"[^.;]{0,60}?\bfor\s+\"?(?:at least\s+|another\s+|a further\s+|up to\s+)?(?:\d+|a|an|one"
    r"|two|three|four|six|nine|twelve|thirty|sixty|ninety)[- ](?:days?|weeks?|months?|years?)\b"
)

# "is about to lift its ban", "is set to end the curbs": an end already scheduled.
_SCHEDULED = re.compile(
    r"\b(?:is|are|was|were)\s+(?:about|set|due|scheduled|slated)\s+to\s+(?:[\w-]+\s+)?$"
)
# "will end its ban from October 11", "will lift the curbs tomorrow": an end given its day.
_WILL = re.compile(r"\b(?:will|shall)\s+(?:[\w-]+\s+)?$")
_ON_A_DAY = re.compile(
    r"[^.;]{0,80}?\b(?:tomorrow|today|tonight|(?:from|on|as of|starting|effective)\s+"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:\d{1,2}\s+)?(?:january|february|march"
    r"|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul"
    r"|aug|sept?|oct|nov|dec)\b))"
)


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
    doc = Document(raw, text, low, title_end, published, index, parties, commodities, gazetteer)
    cues = [
        c
        for c in find_cues(low, sentences, index)
        if not _generic_measure(low, c) and not _no_government_act(doc, c)
    ]
    cues = _without_agreement_terms(low, cues)
    figures = sorted(
        [*find_figures(raw, low, sentences, index), *find_term_dates(raw, low, sentences, index)],
        key=lambda figure: figure.start,
    )
    deals = _candidate_deals(doc, cues)
    if not deals:
        reason = why_not(doc, _why_not(doc, cues))
        return Extraction(title=title, relevant=False, reason=reason, figures=figures)
    ordered = _ordered(doc, deals)
    ordered += background_agreements(doc, ordered)
    mentions = [to_mention(doc, deal, ordered, figures) for deal in ordered]
    if _fold_terms(doc, ordered, mentions, figures):
        # The folded drafts' goods, parties and figures go to the deals that took them in.
        ordered = [deal for deal in ordered if deal.cues or deal.nouns]
        doc.closest.clear()
        doc.deals_in.clear()
        doc.figure_places.clear()
        mentions = [to_mention(doc, deal, ordered, figures) for deal in ordered]
    ordered, mentions = _without_one_sided_agreements(ordered, mentions)
    ordered, mentions = _with_steps_of_their_own(doc, ordered, mentions)
    ordered, mentions = _without_repeats(ordered, mentions)
    _answers_keep_their_own_goods(mentions)
    _answers_fall_on_the_imposer(doc, ordered, mentions)
    verdict = judge(doc, ordered, mentions)
    if not verdict.relevant:
        return Extraction(title=title, relevant=False, reason=verdict.reason, figures=figures)
    return Extraction(
        title=title, relevant=True, reason=verdict.reason, deals=mentions, figures=figures
    )


def _answers_keep_their_own_goods(mentions: list) -> None:
    """ "The EU imposes tariffs on Chinese EVs ... China threatens duties on European pork": the
    answer to the story's main measure falls on goods of its own; a good the main measure already
    falls on is that measure's, not the answer's (unless it is all the answer names)."""
    main = mentions[0]
    if main.kind != MEASURE or not main.commodities:
        return
    imposing = {p.name for p in main.parties if p.role == "imposing"}
    targeted = {p.name for p in main.parties if p.role == "targeted"}
    if not imposing or not targeted:
        return
    taken = {c.name for c in main.commodities}
    for mention in mentions[1:]:
        if mention.kind != MEASURE:
            continue
        its_imposing = {p.name for p in mention.parties if p.role == "imposing"}
        if not its_imposing & targeted or its_imposing & imposing:
            continue
        own = [c for c in mention.commodities if c.name not in taken]
        if own:
            mention.commodities = own


# "China reacted by opening an investigation", "Ottawa hit back with duties of its own".
_ANSWER = re.compile(
    r"\b(?:retaliat\w*|react(?:s|ed|ing)?|respond(?:s|ed|ing)?|hit(?:s|ting)? back|in response"
    r"|in return|counter-?measures?|countered)\b"
)


def _answers_fall_on_the_imposer(doc: Document, drafts: list[DraftDeal], mentions: list) -> None:
    """ "Mexico delays its tariffs on China ... China reacted by opening a trade barrier
    investigation": a measure the main measure's target takes in answer, told without its own
    target, falls on the main measure's imposer."""
    main = mentions[0]
    if main.kind != MEASURE:
        return
    imposer = next((p for p in main.parties if p.role == "imposing"), None)
    targets = {p.name for p in main.parties if p.role == "targeted"}
    if imposer is None:
        return
    for draft, mention in zip(drafts[1:], mentions[1:], strict=True):
        if mention.kind != MEASURE or any(p.role == "targeted" for p in mention.parties):
            continue
        its_imposers = {p.name for p in mention.parties if p.role == "imposing"}
        if not its_imposers or not its_imposers <= targets:
            continue
        spans = [doc.index.sentences[i] for i in draft.sentences()]
        if any(_ANSWER.search(doc.low, s.start, s.end) for s in spans):
            mention.parties.append(dataclasses.replace(imposer, role="targeted"))


def _with_steps_of_their_own(
    doc: Document, drafts: list[DraftDeal], mentions: list
) -> tuple[list[DraftDeal], list]:
    """Drop an agreement told after the story's main deal that the story gives no step of its
    own: one only referred to ("goods that qualify under the United States-Mexico-Canada
    Agreement", "a review of the US-Mexico-Canada free trade pact") or a cooperation named in
    passing ("this new cooperation"). Its names stay out of the other deals."""
    kept = [
        (draft, mention)
        for n, (draft, mention) in enumerate(zip(drafts, mentions, strict=True))
        if n == 0
        or draft.kind != AGREEMENT
        or any(_states_a_step(doc, support.cue) for support in draft.support)
    ]
    return [draft for draft, _ in kept], [mention for _, mention in kept]


# "under the United States-Mexico-Canada Agreement", "within the framework of the SADC", "a
# review of the US-Mexico-Canada pact", "members of the WTO": an agreement in place, referred to.
_REFERRED_TO = re.compile(
    r"\b(?:under|within|pursuant to|in (?:accordance|line|compliance|keeping) with|compliant with"
    r"|(?:review|rules?|terms|provisions?|members?|signator(?:y|ies)|parties|framework)"
    r" (?:of|to))\s+(?:the\s+)?(?P<name>(?:[\w'.-]+\s+){0,4}?)$"
)
_COOPERATION = re.compile(r"co-?operation|collaboration")


def _states_a_step(doc: Document, cue: Cue) -> bool:
    """Whether ``cue`` tells a step of an agreement, rather than naming a cooperation or
    referring to an agreement in place by its name."""
    if not cue.is_noun:
        return True
    if _COOPERATION.match(doc.low, cue.start, cue.end):
        return False
    referred = _REFERRED_TO.search(doc.low, max(0, cue.start - 70), cue.start)
    # A name ("the SADC Free Trade Agreement", "USMCA") is an agreement already in place; "under
    # the new deal" may be the news.
    return referred is None or doc.text[referred.start("name") : cue.end].islower()


def _fold_terms(doc: Document, drafts: list[DraftDeal], mentions: list, figures: list) -> bool:
    """Fold each measure told after the main deal that is a term of an agreement between the
    same sides (``_is_a_term``) into that agreement: its sentences, and so its goods, parties and
    figures, are told of the agreement, which takes no measure's stage from them. Return whether
    any was folded; a folded draft is left empty."""
    folded = False
    for n in range(1, len(drafts)):
        draft, mention = drafts[n], mentions[n]
        if draft.kind != MEASURE:
            continue
        host = next(
            (
                drafts[i]
                for i, other in enumerate(mentions)
                if i != n
                and (drafts[i].cues or drafts[i].nouns)
                and other.kind == AGREEMENT
                and _is_a_term(doc, draft, mention, other, figures)
            ),
            None,
        )
        if host is None:
            continue
        host.cues += draft.cues + draft.nouns
        host._sentences = host._by_sentence = host._sorted_starts = None
        draft.cues, draft.nouns, draft.support = [], [], []
        folded = True
    return folded


def _is_a_term(doc: Document, draft: DraftDeal, measure, agreement, figures: list) -> bool:
    """Whether a measure is a term of an agreement between the same sides: every statement of it
    is past the lead and tells a rate cut or lifted ("India lowered its tariff on whisky to
    75%", "tariffs on 98 per cent of imports have been eliminated"), a tariff term ("tariff-free
    quotas") or a rate still to come ("the US will levy a tariff rate of 18 per cent")."""
    sides = {p.name for p in agreement.parties}
    names = {p.name for p in measure.parties}
    if not agreement.stage or len(names) < 2 or not names <= sides or not draft.support:
        return False
    if not _instruments(draft) or not _instruments(draft) <= _RATED:
        return False
    terms = term_sentences(doc)
    for support in draft.support:
        cue = support.cue
        if cue.sentence in doc.lead_sentences:
            return False
        if (
            support.stage == "lifted"
            or _LOWERED.match(doc.low, cue.start, cue.end)
            or cue.sentence in terms
            or _RATE_COMES_DOWN.search(doc.low, *_span(doc, cue.sentence))
        ):
            continue
        if cue.modality == FUTURE and _sets_a_rate(doc, cue, figures):
            continue
        return False
    return True


# "will drop from 25 to 15 percent", "lower the tariffs to 15%": a rate brought down to a figure.
_RATE_COMES_DOWN = re.compile(
    r"\b(?:drop|drops|dropped|dropping|fall|falls|fell|falling|come down|comes down|came down"
    r"|cut|cuts|cutting|lower|lowers|lowered|lowering|reduce|reduces|reduced|reducing|slash"
    r"|slashes|slashed|slashing|trim|trims|trimmed|trimming)\s+(?:[\w'-]+\s+){0,4}?"
    r"(?:from\s+[\d.]+\s*(?:%|per ?cent|percent)?\s+)?to\s+[\d.]+\s*(?:%|per ?cent|percent)"
)
_RATE_WHATS = frozenset({"tariff_rate"})
# The instruments an agreement sets the rates of.
_RATED = frozenset({"tariff", "quota"})
_CONDITION = re.compile(r"\b(?:if|unless|otherwise|should)\b")


def _sets_a_rate(doc: Document, cue: Cue, figures: list) -> bool:
    """Whether the sentence of ``cue`` states, with no condition, the tariff rate to come."""
    s = doc.index.sentences[cue.sentence]
    if _CONDITION.search(doc.low, s.start, s.end):
        return False
    return any(s.start <= f.start < s.end and f.what in _RATE_WHATS for f in figures)


def _span(doc: Document, i: int) -> tuple[int, int]:
    s = doc.index.sentences[i]
    return s.start, s.end


def _instruments(draft: DraftDeal) -> set[str]:
    return {INSTRUMENTS[c.label] for c in draft.nouns + draft.cues if c.label in INSTRUMENTS}


def _without_repeats(drafts: list[DraftDeal], mentions: list) -> tuple[list[DraftDeal], list]:
    """A measure a story tells twice, between the same parties at the same stage, with no goods
    that tell the two apart (one names none, or both the same), is one measure ("has granted
    its first permit to export ... since it tightened controls", then "export controls on three
    materials bound for South Korea were tightened"): the later telling's goods and figures go
    to the first."""
    kept: list[tuple[DraftDeal, DealMention]] = []
    for draft, mention in zip(drafts, mentions, strict=True):
        first = next((m for _, m in kept if _tells_again(m, mention)), None)
        if first is None:
            kept.append((draft, mention))
            continue
        named = {c.name for c in first.commodities}
        first.commodities += [c for c in mention.commodities if c.name not in named]
        first.figures += [f for f in mention.figures if f not in first.figures]
    return [draft for draft, _ in kept], [mention for _, mention in kept]


def _tells_again(first: DealMention, later: DealMention) -> bool:
    """Whether `later` tells the measure `first` told: the same parties, one of them imposing it
    in both (two countries lifting their curbs on each other are two measures), no goods that
    tell them apart, and the same stage, or an earlier step of it with every party in the same
    role ("has removed its restrictions on onion exports", then how the ban was imposed)."""
    goods = [{c.name for c in mention.commodities} for mention in (first, later)]
    imposing = [{p.name for p in m.parties if p.role == "imposing"} for m in (first, later)]
    stages = [STAGE_ORDER.get(mention.stage or "", -1) for mention in (first, later)]
    roles = [{(p.name, p.role) for p in mention.parties} for mention in (first, later)]
    return (
        first.kind == later.kind == MEASURE
        and (first.stage == later.stage or (stages[1] < stages[0] and roles[0] == roles[1]))
        and {p.name for p in later.parties} == {p.name for p in first.parties}
        and bool(imposing[0] & imposing[1])
        and (not all(goods) or goods[0] == goods[1])
    )


def _without_one_sided_agreements(
    drafts: list[DraftDeal], mentions: list
) -> tuple[list[DraftDeal], list]:
    """An agreement told after the story's main deal with a single side ("warning of tariffs if
    they fail to reach a trade agreement") is a passing word, not a deal of its own: an agreement
    needs two sides."""
    kept = [
        (draft, mention)
        for n, (draft, mention) in enumerate(zip(drafts, mentions, strict=True))
        if n == 0 or mention.kind != AGREEMENT or len(mention.parties) >= 2
    ]
    return [draft for draft, _ in kept], [mention for _, mention in kept]


def _generic_measure(low: str, cue: Cue) -> bool:
    return (
        cue.is_noun
        and cue.kinds == "M"
        and bool(
            _GENERIC_MEASURE.match(low, cue.end)
            or (cue.label in _ON_PEOPLE_LABELS and _ON_A_PERSON.match(low, cue.end))
        )
    )


def _no_government_act(doc: Document, cue: Cue) -> bool:
    """Whether a cue that is a measure only as a government's act names no government: a
    country dropped from or restored to a white list is named in the cue ("restore South Korea
    to its white list"; an app on one is no trade matter), and an amount of exports allowed is
    a quota when a country or its government allows it, not an airline."""
    hits = doc.parties_by_sentence.get(cue.sentence, ())
    if cue.label == "white list":
        return not any(
            hit.kind in COUNTRYLIKE and hit.via != VIA_DEMONYM and cue.start <= hit.start < cue.end
            for hit in hits
        )
    if cue.label == "export allowance":
        return not any(
            hit.kind in COUNTRYLIKE or hit.kind == "government_body" for hit in hits
        ) and not _GOVERNMENT.search(doc.low, doc.index.sentences[cue.sentence].start, cue.start)
    return False


def _without_agreement_terms(low: str, cues: list[Cue]) -> list[Cue]:
    """Drop measure cues that describe what an agreement does to tariffs ("the pact cuts tariffs
    on cars to 10%"): those terms belong to the agreement, they are not a measure of their own."""
    agreements: dict[int, list[Cue]] = {}
    for c in cues:
        if c.is_noun and c.label in _AGREEMENT_NOUN_LABELS:
            agreements.setdefault(c.sentence, []).append(c)
    if not agreements:
        return cues
    kept = []
    for cue in cues:
        if cue.kinds == "M" and any(
            _cut_under(low, cue, a) for a in agreements.get(cue.sentence, ())
        ):
            continue
        if cue.kinds == "M" and any(
            a.end <= cue.start
            and cue.start - a.end < 80
            and (
                _AGREEMENT_CUTS.match(low[a.end : cue.start] + " ")
                or (
                    _CUT_OPENS.match(low, cue.start)
                    and _SHORT_GAP.fullmatch(low, a.end, cue.start) is not None
                )
            )
            for a in agreements.get(cue.sentence, ())
        ):
            continue
        kept.append(cue)
    return kept


def _cut_under(low: str, cue: Cue, agreement: Cue) -> bool:
    """Whether measure ``cue`` is a cut told as the agreement named after it making it
    ("removed its tariffs on ethanol under the trade agreement")."""
    if cue.is_noun or agreement.start < cue.end or agreement.start - cue.end > 120:
        return False
    if (cue.stage or {}).get(MEASURE) != "lifted" and not _CUT_OPENS.match(low, cue.start):
        return False
    if _CARVE_OUT.match(low, agreement.end):
        return False
    gap = low[cue.end : agreement.start]
    if not _UNDER_AGREEMENT.fullmatch(gap):
        return False
    return not _AS_OR_WHEN.fullmatch(gap) or bool(_TAKES_FORCE.match(low, agreement.end))


# -- cues to deals --------------------------------------------------------------------------


def _nearest_noun(cue: Cue, nouns: list[Cue]) -> Cue | None:
    """Of ``nouns`` (those of the sentence of ``cue``), the one nearest to it."""
    best, best_distance = None, 1e9
    for noun in nouns:
        if noun.start >= cue.end:
            distance = noun.start - cue.end
        elif noun.end <= cue.start:
            distance = (cue.start - noun.end) * 1.3
        else:
            distance = 0
        if distance < best_distance:
            best, best_distance = noun, distance
    return best


def _candidate_deals(doc: Document, cues: list[Cue]) -> list[DraftDeal]:
    nouns = [c for c in cues if c.is_noun]
    nouns_in: dict[int, list[Cue]] = {}
    agreement_nouns_in: dict[int, list[Cue]] = {}
    for noun in nouns:
        nouns_in.setdefault(noun.sentence, []).append(noun)
        if noun.kinds == "A":
            agreement_nouns_in.setdefault(noun.sentence, []).append(noun)
    topics = doc.topic_sentences
    agreement, measure = DraftDeal(AGREEMENT), DraftDeal(MEASURE)
    for noun in nouns:
        (agreement if noun.kinds == "A" else measure).nouns.append(noun)
    a_sentences = {n.sentence for n in agreement.nouns} | topics
    m_sentences = {n.sentence for n in measure.nouns}
    countries_in = {}
    for hit in doc.parties:
        if hit.kind in COUNTRYLIKE and not hit.excluded:
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
            if (
                cue.sentence in m_sentences
                or cue.label
                # "to add a 100% tax": a measure put on names itself.
                or (
                    cue.stage[MEASURE] in _PUT_ON
                    and _NAMES_A_MEASURE.search(doc.low, cue.start, cue.end)
                )
            ):
                kind = MEASURE
        else:
            noun = _nearest_noun(cue, nouns_in.get(cue.sentence, []))
            if _NAMES_AN_AGREEMENT.search(doc.low, cue.start, cue.end):
                kind = AGREEMENT
            elif noun is not None:
                kind = AGREEMENT if noun.kinds == "A" else MEASURE
            elif cue.sentence in doc.lead_sentences and nouns:
                # "Italy pulls out of the Belt and Road": a headline without a deal noun is about
                # the kind of deal the story names most.
                agreements = sum(n.kinds == "A" for n in nouns)
                kind = AGREEMENT if agreements * 2 >= len(nouns) else MEASURE
        if kind is None:
            continue
        cue.kind = kind
        deal = agreement if kind == AGREEMENT else measure
        stage = cue.stage[kind]
        support = _support_for(doc, cue, kind, stage, agreement_nouns_in.get(cue.sentence, []))
        if support is None:
            continue
        deal.cues.append(cue)
        deal.support.append(support)
    for noun in agreement.nouns:
        stage = _NOUN_DEFAULT.get(noun.label)
        named = doc.low[noun.start : noun.end]
        if stage and (_TALKS_AFTER.match(doc.low, noun.end) or _TALKS_NOUN.search(named)):
            stage = "talks"
        if named.endswith("s") and named.endswith(_PLURAL_DEALS):
            # "deliveries under foreign trade deals": deals of a kind, not the story's deal.
            continue
        if stage and not _NOUN_NOT_A_FACT.search(doc.low, max(0, noun.start - 60), noun.start):
            agreement.support.append(Support(stage, 0.35 if stage != "talks" else 0.3, noun, False))
    deals = []
    if (
        _agreement_is_trade(doc, agreement)
        and not _only_a_frame(doc, agreement, measure)
        and not _only_goods_moving(agreement, measure)
    ):
        deals.append(agreement)
    if _measure_is_reported(doc, measure, bool(deals) and bool(agreement.support)):
        deals.append(measure)
    if len(deals) > 1 and any(d.support for d in deals):
        deals = [d for d in deals if d.support]
    elif len(deals) > 1 and any(n.start < doc.title_end for n in measure.nouns):
        # Nothing happens to either in the text: the story is about the one its headline names.
        deals = [d for d in deals if any(n.start < doc.title_end for n in d.nouns)]
    if measure in deals:
        deals = [part for d in deals for part in (split_measures(doc, d) if d is measure else [d])]
    return deals


# "goods covered by the USMCA", "products that comply with the agreement", "members' obligations
# under GATT 1994": the agreement as the rules goods or measures fall under.
_FRAME_BEFORE = re.compile(
    r"\b(?:under|covered by|compl(?:y|ies|ying|iant) with|meets?|meeting|in line with"
    r"|consistent with|in (?:breach|violation) of|violat(?:e|es|ed|ing))\s+(?:the\s+)?"
    r"(?:[\w.'-]+,?\s+){0,4}$"
)


def _only_goods_moving(agreement: DraftDeal, measure: DraftDeal) -> bool:
    """Whether the "agreement" is only goods moving ("Japan clears first hydrogen fluoride
    shipment to South Korea") in a story that names a measure and no agreement: the shipment is
    one the measure let through, not a deal of its own."""
    return (
        not agreement.nouns
        and bool(measure.nouns)
        and all(s.stage == "implemented" or s.cue.label == "rumour" for s in agreement.support)
    )


def _only_a_frame(doc: Document, agreement: DraftDeal, measure: DraftDeal) -> bool:
    """Whether a story about a measure names an agreement only as the rules its goods or the
    measure fall under ("tariffs paused on goods covered by the USMCA", "a ban that breaches
    GATT"): nothing happens to the agreement, so it is no deal of the story. A noun restating an
    agreement the sentence already named so ("under GATT 1994, the general agreement ..., a
    pact ...") is the same reference."""
    if not agreement.support or not any(not s.cue.is_noun for s in measure.support):
        return False
    if any(not s.cue.is_noun for s in agreement.support):
        return False
    framed: set[int] = set()
    for noun in sorted(agreement.nouns, key=lambda n: n.start):
        sentence = doc.index.sentences[noun.sentence]
        before = doc.low[max(sentence.start, noun.start - 60) : noun.start]
        if noun.sentence in framed or _FRAME_BEFORE.search(before):
            framed.add(noun.sentence)
        else:
            return False
    return True


# "takes effect on April 1", "will apply from January 2027", "kicks in next month".
_TAKES_EFFECT = re.compile(
    r"\b(?:takes? effect|taking effect|(?:comes?|enters?|goes|go) into (?:force|effect)"
    r"|appl(?:y|ies)|starts?|begins?|kicks? in|(?:is|are|will be|becomes?) effective|effective)"
    r"\b[^.;]{0,40}?(?:\b(?:on|from|in|as of|starting|by)\b|next|later)"
)


def _takes_effect_later(doc: Document, cue: Cue) -> bool:
    """A measure said to take effect on a later date is not yet in effect, whatever else the
    sentence says it was (published, announced, signed)."""
    known = doc.takes_effect_later.get(cue.sentence)
    if known is not None:
        return known
    s = doc.index.sentences[cue.sentence]
    later = False
    for match in _TAKES_EFFECT.finditer(doc.low, s.start, s.end):
        end = clause_end(doc.low, match.end(), s.end)
        if names_a_later_date(doc.low, match.start(), end, doc.published, match.end() + 12):
            later = True
            break
    doc.takes_effect_later[cue.sentence] = later
    return later


def _support_for(
    doc: Document, cue: Cue, kind: str, stage: str, agreement_nouns: list[Cue]
) -> Support | None:
    """What ``cue`` says of its deal; ``agreement_nouns``: the agreement nouns of its sentence."""
    weight = cue.weight
    s = doc.index.sentences[cue.sentence]
    if kind == MEASURE and stage == "imposed" and _takes_effect_later(doc, cue):
        return Support("threatened", 0.85, cue, cue.rumour, later=True)
    if (
        kind == AGREEMENT
        and cue.modality == NEGATED
        and _DENIED_REPORT.search(doc.low, s.start, cue.start)
    ):
        return Support("rumoured", 0.6, cue, True)
    if (
        kind == MEASURE
        and _RULING_CUE.match(doc.low, cue.start)
        and _TRADE_RULING.search(doc.low, s.start, s.end)
    ):
        # A WTO panel that "strikes down" a ban rules on it; the ban stays until its government
        # lifts it.
        return None
    if (
        kind == MEASURE
        and _LOWERED.match(doc.low, cue.start, cue.end)
        and (cue.modality != FACTUAL or agreement_nouns or _IT_OPENS.match(doc.low, s.start))
    ):
        # "will lower its tariffs to 18%", "designed to lower tariffs", "it cuts duties on
        # beef": a cut still to come, or one an agreement makes, is the agreement's term; the
        # measure stands as it is.
        return None
    if kind == AGREEMENT and stage == "signed" and _SIGNED_TO_TALK.match(doc.low, cue.end):
        stage = "negotiating"
    if cue.modality == FUTURE:
        if kind == MEASURE and stage in _ENDINGS and _decided_or_timed(doc, cue, stage):
            weight *= 0.9
        elif kind == MEASURE and stage == "imposed":
            stage, weight = "threatened", 0.8
        elif kind == MEASURE and stage in _ENDINGS and cue.start < doc.title_end:
            # "Trump to lift tariffs on Canada": a headline's announced end is the news editors
            # file, less surely than one done.
            weight *= 0.6
        elif kind == AGREEMENT and stage in _EARLY_AGREEMENT_STAGES:
            # "Japan and the GCC to resume talks", "to begin negotiations next year": the sides
            # talk about negotiating; formal rounds are still to come.
            stage, weight = "talks", weight * 0.6
        else:
            return None
    elif cue.modality == BACKGROUND:
        weight *= 0.6
    elif cue.modality != FACTUAL:
        return None
    past = cue.modality == BACKGROUND
    if kind == AGREEMENT:
        noun = _nearest_noun(cue, agreement_nouns)
        if stage == "signed" and noun is not None and noun.label == "mou":
            stage = "framework"
        if stage == "framework" and noun is not None and noun.label == "process":
            stage = "talks" if cue.weight < 0.8 else stage
        if (
            stage == "framework"
            and noun is not None
            and noun.label in _BUSINESS_DEALS
            and _ANNOUNCED.match(doc.low, cue.start)
            and not _FRAMEWORK_WORDS.search(doc.low, noun.start, noun.end)
            and _names_a_company(doc, cue.sentence)
        ):
            # A company announcing a supply deal or partnership announces one it has signed;
            # governments announce frameworks.
            stage = "signed"
    if cue.rumour and cue.label != "rumour":
        weight *= 0.7
    if _in_the_past(doc, cue):
        weight *= 0.6
        past = True
    return Support(stage, weight, cue, cue.rumour, past=past)


def _decided_or_timed(doc: Document, cue: Cue, stage: str) -> bool:
    """Whether a measure's end put in the future is in fact a decision taken ("decided to
    suspend the duties") or a pause announced for a stated time ("will pause the tariffs for
    30 days")."""
    s = doc.index.sentences[cue.sentence]
    start = clause_start(doc.low, s.start, cue.start)
    if _DECIDED.search(doc.low, max(start, cue.start - 40), cue.start):
        return True
    if _SCHEDULED.search(doc.low, max(start, cue.start - 40), cue.start):
        return True
    if (
        stage == "lifted"
        and _WILL.search(doc.low, max(start, cue.start - 20), cue.start)
        and _ON_A_DAY.match(doc.low, cue.end, s.end)
    ):
        return True
    return stage == "suspended" and _FOR_A_TIME.match(doc.low, cue.end, s.end) is not None


def _names_a_company(doc: Document, sentence: int) -> bool:
    return any(
        p.kind not in COUNTRYLIKE and p.kind != "government_body" and not p.excluded
        for p in doc.parties_by_sentence.get(sentence, ())
    )


def _in_the_past(doc: Document, cue: Cue) -> bool:
    """Whether the clause of ``cue`` dates it to a year before the story's."""
    if doc.published is None or cue.start < doc.title_end:
        return False
    s = doc.index.sentences[cue.sentence]
    start = clause_start(doc.low, s.start, cue.start)
    spans = [(start, clause_end(doc.low, cue.end, s.end))]
    if start > s.start:
        spans.append((s.start, min(s.end, s.start + 30)))
    for a, b in spans:
        for match in _PAST_YEAR.finditer(doc.low, a, b):
            year = match.group(1)
            if year is None or int(year) < doc.published.year:
                return True
    return False


def _agreement_is_trade(doc: Document, deal: DraftDeal) -> bool:
    if not deal.nouns and not any(s.cue.weight >= 0.7 for s in deal.support):
        return False
    sentences = deal.sentences()
    parties = [p for p in doc.parties if p.sentence in sentences and not p.excluded]
    has_commodity = any(c.sentence in sentences for c in doc.commodities)
    if not parties and not has_commodity:
        return False
    if any(n.label in _TRADE_LABELS for n in deal.nouns) or has_commodity:
        return True
    if any(p.kind not in COUNTRYLIKE and p.via != VIA_LEADER for p in parties):
        return any(n.label != "process" for n in deal.nouns) or bool(deal.support)
    for i in sentences:
        s = doc.index.sentences[i]
        if TRADE_WORDS.search(doc.low, s.start, s.end):
            return True
    return False


def _measure_is_reported(doc: Document, deal: DraftDeal, has_agreement: bool) -> bool:
    if deal.support:
        return True
    if has_agreement:
        return False
    nouns = [n for n in deal.nouns if n.label != "order"]
    sentences = {n.sentence for n in nouns}
    # A measure that nothing happens to, named once in passing in the body ("investors worried
    # about tariffs"), is background to a story about something else.
    if len(sentences) < 2 and not any(n.start < doc.title_end for n in nouns):
        return False
    return any(p.sentence in sentences and not p.excluded for p in doc.parties)


def _ordered(doc: Document, deals: list[DraftDeal]) -> list[DraftDeal]:
    def key(deal: DraftDeal):
        title_cues = [
            s.cue.start for s in deal.support if s.cue.start < doc.title_end and s.weight >= 0.5
        ]
        title_nouns = [n.start for n in deal.nouns if n.start < doc.title_end]
        lead = doc.first_body_sentence
        lead_cues = [s for s in deal.support if s.cue.sentence == lead and s.weight >= 0.5]
        best = max((s.weight for s in deal.support), default=0.0)
        return (
            0 if title_cues else 1,
            min(title_cues) if title_cues else 0,
            0 if title_nouns else 1,
            # Then the deal the lead reports something of, over one told further down.
            0 if lead_cues else 1,
            -best,
            0 if deal.kind == AGREEMENT else 1,
        )

    return sorted(deals, key=key)


def _why_not(doc: Document, cues: list[Cue]) -> str:
    if any(c.is_noun for c in cues):
        return (
            "It mentions a deal or measure, but not one about trade between identifiable parties."
        )
    if TRADE_WORDS.search(doc.low):
        return "It is about trade (figures or markets) but reports no trade deal or trade measure."
    return "No trade deal or trade measure is mentioned."
