"""Cue lexicons for deal nouns and stage statements, and the modality check on each cue.

All patterns run once over the lower-cased, normalised document text. A *noun cue* says a deal or
measure is being talked about ("trade pact", "export ban"); a *stage cue* says something happened
to it ("signed", "lifted", "in preliminary talks"). Each stage cue is then checked in its clause:
a hypothetical ("if", "could", "expected to") or negated ("has not signed") statement does not move
a stage, and a future one ("will take effect") only makes a measure *threatened*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from deals.stages import SHIPPED_STAGES

from .lexicon import (
    DEAL_VERB_USE,
    DUTY_IDIOM,
    NOT_TRADE,
    NOUNS,
    RUMOUR,
)
from .prefixes import PrefixMatcher
from .stage_cues import STAGE_CUES
from .text import Sentence, SentenceIndex, clause_start

AGREEMENT, MEASURE = "agreement", "measure"

# The vocabulary is the tracker's (deals/stages.py, plain data): the parser only reads it.
STAGE_SLUGS = tuple(stage.slug for stage in SHIPPED_STAGES)
AGREEMENT_TRACK = tuple(stage.slug for stage in SHIPPED_STAGES if stage.track == AGREEMENT)
MEASURE_TRACK = tuple(stage.slug for stage in SHIPPED_STAGES if stage.track == MEASURE)
OFF_TRACK = tuple(stage.slug for stage in SHIPPED_STAGES if stage.track == "both")
#: How far along its track a stage is, to prefer the later of two equally sure readings; the
#: final off-track stages rank alike.
STAGE_ORDER = (
    {slug: i for i, slug in enumerate(AGREEMENT_TRACK)}
    | {slug: i for i, slug in enumerate(MEASURE_TRACK)}
    | {slug: min(10 + i, 12) for i, slug in enumerate(OFF_TRACK)}
)

FACTUAL, FUTURE, HYPOTHETICAL, NEGATED, BACKGROUND = (
    "factual",
    "future",
    "hypothetical",
    "negated",
    "background",
)


@dataclass
class Cue:
    """A noun or stage cue found in the text."""

    start: int
    end: int
    sentence: int
    kinds: str  # "A", "M" or "AM"
    stage: dict[str, str] | None  # per kind; None for noun cues
    weight: float
    label: str  # noun type: "trade", "jv", "process", "tariff", "export ban", ...
    is_noun: bool
    modality: str = FACTUAL
    rumour: bool = False
    kind: str | None = None  # the deal kind the cue was attributed to


_HYPOTHETICAL = re.compile(
    r"\b(?:would|could|might|may|should|if|unless|whether|likely to|poised to|plans? to"
    r"|planning to|aims? to|aiming to|seeks? to|seeking to|hopes? to|hoping to|wants? to"
    r"|intends? to|ready to|prepared to|potential(?:ly)?|possible|possibly|any|once|in order to"
    r"|would-be|hypothetical|can|cannot|urged|urges|calls? for|called for|push(?:es|ed)? for"
    r"|must|has to|have to|had to|needs? to|needed to|required to|pending|before"
    r"|demand(?:s|ed)?|asked|asks"
    # "is considering banning exports": an act weighed, not taken.
    r"|consider(?:s|ing)|weigh(?:s|ing)|mull(?:s|ing)|contemplat(?:es|ing))\b"
)
_FUTURE = re.compile(
    r"\b(?:will|shall|is to|are to|due to|scheduled to|slated to|set to|expected to|from next"
    r"|going to|agreed to|decided to|voted to|moved to)\b|'ll\b"
)
_NEGATED = re.compile(
    r"\b(?:not|no|never|neither|nor|without|yet to|refused to|declined to|ruled out|denied|deny"
    r"|denies|rejected|rejects)\b|n't\b"
)
_MODAL = re.compile(
    f"(?P<negated>{_NEGATED.pattern})|(?P<hypothetical>{_HYPOTHETICAL.pattern})"
    f"|(?P<future>{_FUTURE.pattern})"
)
_BACKGROUND = re.compile(r"\b(?:after|since|following|despite|before|until|amid)\b")
# "since the CEPA was signed in February": a passive clause opened by "since" or "after" dates
# the statement before the story.
_SINCE_PASSIVE = re.compile(
    r"\b(?:since|after|following|until|while|when)\s+(?:[\w().'-]+\s+){1,8}?(?:was|were|had been"
    r"|has been|have been)\s+(?:still\s+)?$"
)
# "GCC countries generally levy a 5% tariff": a habit, not an event of the story.
_HABITUAL = re.compile(r"\b(?:generally|usually|typically|normally|traditionally|routinely)\s+$")
# "countries that have signed the pact", "the deal, which was signed in 2019": a relative clause
# describes what something is, it does not report what happened in the story.
_RELATIVE = re.compile(
    r"(?:\b(?:which|who)|\bthat(?=\s+(?:has|have|had)\b))\s+(?:(?:has|have|had|was|were|is|are|been"
    r"|already|recently|previously|also|earlier|once|first)\s+)*$"
)
# "the transit agreement that the three governments signed in January": a deal named before its
# own relative clause, whose subject comes between it and the verb.
_OBJECT_RELATIVE = re.compile(
    r"\b(?:agreements?|deals?|pacts?|accords?|treaty|treaties|memorandum|memoranda|mous?"
    r"|contracts?|ftas?)\s+(?:that|which)\s+(?:[\w'-]+\s+){1,5}$"
)
# "by removing barriers", "for signing": a gerund after a preposition names an act, it does not
# report one.
_GERUND_OBJECT = re.compile(r"\b(?:by|for|of|from|about|without|through|on)\s+$")
_GERUND = re.compile(r"[a-z]+ing\b")
# "did not, however, give the green light": the negation sits before an aside.
_NOT_THEN_BREAK = re.compile(r"(?:\bnot|\bnever|n't)\s*,(?:\s*[\w-]+\s*,)?$")
_IF_SENTENCE = re.compile(r"\s*(?:if|unless|should|were|had)\b")
# "expected to remove or phase out tariffs": the second verb shares the first one's "to".
_SHARED_TO = re.compile(r"\bto (?:be )?[a-z]+,? (?:or|and) $")
# "signed an order to implement the deal": what an order is signed to do, it does.
_ORDER_TO = re.compile(r"\b(?:order|decree|proclamation)\s+to\s+$")
_LOOKBACK_WORDS = 7
# "shipments under the trade deal halted": a noun after a preposition is not the subject of the
# verb that follows it, so a cue that opens with its noun does not speak of it.
_OBJECT_OF_PREPOSITION = re.compile(
    r"\b(?:of|under|for|on|in|with|to|from|by|about|against|over|into|through|at|after|before"
    r"|despite|amid|during|without|behind|via|like|towards?)\s+(?:(?:the|a|an|its|their|his|her"
    r"|our|this|that|these|those|any|every|each|[\w.-]+'s)\s+)?(?:[\w.'%$-]+\s+){0,2}$"
)


# "exports collapsed", "shipments fell through": a bare verb of ending said of goods, trade or a
# market tells of their fall, not of talks or a deal; the nearest of these nouns before the verb
# in its clause is what the verb speaks of.
_BARE_ENDING = frozenset(
    {
        "collapsed",
        "collapses",
        "foundered",
        "founders",
        "broke down",
        "breaks down",
        "fell apart",
        "falls apart",
        "fell through",
        "falls through",
    }
)
_ENDING_SUBJECT = re.compile(
    r"\b(?:(?P<flow>exports?|imports?|shipments?|sales|trade|trading|prices?|demand|volumes?"
    r"|purchases|deliveries|orders|output|production|supplies|arrivals|revenues?|profits?"
    r"|earnings|shares|stocks|markets?|currency|economy|investment|inflows?|outflows?)"
    r"|(?P<deal>talks|negotiations|discussions|deals?|agreements?|pacts?|accords?|treaty|fta"
    r"|cepa|bid|merger|takeover|truce|contracts?|partnership|alliance|ceasefire))\b"
)


def _said_of_a_flow(low: str, sentence: Sentence, start: int, matched: str) -> bool:
    """Whether a bare verb of ending at ``start`` speaks of goods, trade or a market."""
    if matched not in _BARE_ENDING:
        return False
    subjects = _ENDING_SUBJECT.finditer(low, clause_start(low, sentence.start, start), start)
    nearest = max(subjects, key=lambda m: m.start(), default=None)
    return nearest is not None and nearest.lastgroup == "flow"


def _lookback(low: str, clause_from: int, cue_start: int) -> str:
    window = low[clause_from:cue_start]
    words = window.split()
    return " ".join(words[-_LOOKBACK_WORDS:]) + (" " if window.endswith(" ") else "")


def modality(low: str, sentence: Sentence, cue_start: int, in_title: bool) -> str:
    """How the statement at ``cue_start`` is put: factual, future, hypothetical, negated..."""
    if _IF_SENTENCE.match(low, sentence.start):
        return HYPOTHETICAL
    clause_from = clause_start(low, sentence.start, cue_start)
    before = _lookback(low, clause_from, cue_start)
    found = {m.lastgroup for m in _MODAL.finditer(before)}
    if "negated" in found or _NOT_THEN_BREAK.search(
        low, max(sentence.start, clause_from - 24), clause_from
    ):
        return NEGATED
    if "hypothetical" in found:
        return HYPOTHETICAL
    if _HABITUAL.search(before):
        return HYPOTHETICAL
    to_before = _SHARED_TO.sub("to ", before)
    if "future" in found or (
        (to_before.endswith((" to ", " to be ")) or to_before in ("to ", "to be "))
        and not _ORDER_TO.search(to_before)
    ):
        return FUTURE
    if _GERUND_OBJECT.search(before) and _GERUND.match(low, cue_start):
        return HYPOTHETICAL
    # The clause break itself may be the opener (", after", ", which"): read a few characters
    # before the clause as well.
    opened = low[max(sentence.start, clause_from - 7, cue_start - 31) : cue_start]
    if (
        _BACKGROUND.search(opened)
        or _RELATIVE.search(opened)
        or _SINCE_PASSIVE.search(low, max(sentence.start, clause_from - 7), cue_start)
        or _OBJECT_RELATIVE.search(low, max(sentence.start, cue_start - 80), cue_start)
    ):
        return BACKGROUND
    return FACTUAL


# "within the framework of the SADC": the way things are done, not a framework agreed.
_FRAMEWORK_OF = re.compile(r"\b(?:within|in|under|through) the $")


def _noun_allowed(low: str, start: int, label: str, matched: str) -> bool:
    before = low[max(0, start - 40) : start]
    if NOT_TRADE.search(before):
        return False
    if (
        matched == "framework"
        and low.startswith(" of ", start + len(matched))
        and _FRAMEWORK_OF.search(before)
    ):
        return False
    if (
        matched.startswith("deal")
        and DEAL_VERB_USE.search(before)
        and " with" in low[start : start + 10]
    ):
        return False
    if label == "tariffs" and matched.startswith("dut"):
        # An idiom starting from 4 characters before the noun to 12 into it ("on duty",
        # "duty-free"), matched on the whole text so that "duties of" sees the rate after it.
        return not any(DUTY_IDIOM.match(low, at) for at in range(max(0, start - 4), start + 12))
    return True


# Nouns, then stage statements, then the rumour words: found in one pass over the text.
_CUE_MATCHER = PrefixMatcher(
    [pattern for pattern, _kinds, _label in NOUNS] + [cue[0] for cue in STAGE_CUES] + [RUMOUR]
)
_RUMOUR_ID = len(STAGE_CUES)


def find_cues(low: str, sentences: list[Sentence], index: SentenceIndex) -> list[Cue]:
    """Every noun and stage cue in the document, with modality set on the stage cues."""
    cues: list[Cue] = []
    taken = bytearray(len(low) + 1)
    # Earlier patterns win overlaps, so handle matches pattern by pattern.
    found = _CUE_MATCHER.matches(low)
    noun_matches, stage_matches = found[: len(NOUNS)], found[len(NOUNS) :]
    for i, match in ((i, m) for i, ms in enumerate(noun_matches) for m in ms):
        start, end = match.span()
        if taken.find(1, start, end) != -1:
            continue
        kinds, label = NOUNS[i][1], NOUNS[i][2]
        if not _noun_allowed(low, start, label, match.group()):
            continue
        taken[start:end] = b"\x01" * (end - start)
        cues.append(Cue(start, end, index.index_of(start), kinds, None, 0.0, label, True))
    rumour_sentences = {index.index_of(m.start()) for m in stage_matches[_RUMOUR_ID]}
    stage_taken = bytearray(len(low) + 1)
    for i, match in ((i, m) for i, ms in enumerate(stage_matches[:_RUMOUR_ID]) for m in ms):
        start, end = match.span()
        # "tariffs ... would rise to 25%": a cue that opens with its noun is put by its verb, and
        # takes only its verb's words from other cues ("talks on the pact signed in 2019 stall").
        verb = match.start("verb") if "verb" in match.re.groupindex else -1
        claimed = verb if verb >= 0 else start
        if end == start or stage_taken.find(1, claimed, end) != -1:
            continue
        n = index.index_of(start)
        sentence = sentences[n]
        if verb >= 0 and _OBJECT_OF_PREPOSITION.search(low, max(sentence.start, start - 60), start):
            continue
        if _said_of_a_flow(low, sentence, start, match.group()):
            continue
        stage_taken[claimed:end] = b"\x01" * (end - claimed)
        _pattern, kinds, stage, weight, label = STAGE_CUES[i]
        cue = Cue(start, end, n, kinds, stage, weight, label, False)
        cue.modality = modality(low, sentence, verb if verb >= 0 else start, sentence.in_title)
        cue.rumour = n in rumour_sentences
        cues.append(cue)
    for n in sorted(rumour_sentences):
        start = sentences[n].start
        cue = Cue(start, start, n, "A", {"agreement": "rumoured"}, 0.5, "rumour", False)
        cue.rumour = True
        cues.append(cue)
    cues.sort(key=lambda c: (c.start, c.end))
    return cues
