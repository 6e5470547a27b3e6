"""Dates a deal or measure sets: when it takes effect, until when it runs, by when a step is due.

"The duties take effect March 23", "the ban stays in force until Dec. 31, 2018", "from June
2023", "banned wheat exports on May 13": each is a term an editor keeps beside the deal's rates
and quotas. A date that only dates the news (a dateline, "said on May 4") or that no deal's step
governs is not one.
"""

from __future__ import annotations

import re

from .dates import CALENDAR_DATE
from .prefixes import Scanner
from .text import Sentence, SentenceIndex, quote
from .types import Figure

# The words that make the date a term, right before it: a start, an end, a deadline.
_GOVERNING = (
    r"from|until|till|til|through|thru|by|since|between|beyond|before|after|as of|effective"
    r"|(?:with )?effect from|starting|beginning|begins?|starts?|ends?|expires?|expiring|lasts?"
    r"|due|deadline|set for|scheduled for|dated|on or (?:before|after)"
    r"|(?:extend|extended|push(?:ed)? back|postponed|delayed|moved|prolong|prolonged|deferred"
    r"|running|run|runs|valid) (?:to|until|till)"
    r"|(?:take|takes|took|taking) effect(?: on)?|(?:come|comes|came|coming|enter|enters|entered"
    r"|entering) into (?:force|effect)(?: on)?|in force (?:from|until|till|since)"
    # "kicks in on October 1", "goes into effect on", "went live on".
    r"|(?:kick|kicks|kicked|kicking) in(?: on)?|(?:go|goes|went|going) (?:into effect|live)(?: on)?"
)
# A step of the deal told with the day it happened or will happen: "banned ... on May 13",
# "signed on April 2", "halted those exports in January 2020".
_STEP = (
    r"sign(?:s|ed)?|ban(?:s|ned)?|impos(?:e|es|ed)|halt(?:s|ed)?|suspend(?:s|ed)?|lift(?:s|ed)?"
    r"|launch(?:es|ed)?|extend(?:s|ed)?|approv(?:e|es|ed)|ratif(?:y|ies|ied)|introduc(?:e|es|ed)"
    r"|appl(?:y|ies|ied)|beg(?:an|in|ins)|start(?:s|ed)?|end(?:s|ed)?|expir(?:e|es|ed)"
    r"|conclud(?:e|es|ed)|agre(?:e|es|ed)|reach(?:es|ed)?|set|scrap(?:s|ped)?|withdr(?:aw|ew|awn)"
    r"|prohibit(?:s|ed)?|restrict(?:s|ed)?|curb(?:s|ed)?|rais(?:e|es|ed)|cut|hik(?:e|es|ed)"
    r"|announc(?:e|es|ed)|notif(?:y|ies|ied)|activat(?:e|es|ed)|open(?:s|ed)?|resum(?:e|es|ed)"
    r"|eas(?:e|es|ed)|relax(?:es|ed)?|tighten(?:s|ed)?|loosen(?:s|ed)?|issu(?:e|es|ed)"
)
_RIGHT_BEFORE = re.compile(rf"\b(?:{_GOVERNING})\s+(?:(?:the\s+)?\w+,?\s+)?$")
_STEP_BEFORE = re.compile(
    rf"\b(?:{_STEP})\b(?:\s+[\w'-]+){{0,6}}?\s+(?:on|in|at the end of|at the start of)\s+"
    r"(?:(?:the\s+)?\w+,?\s+)?$"
)
# A sentence that opens on the day of a step: "On October 28, India set a minimum price", "On
# August 14 the government used a special notification to ease the curbs".
_STEP_AFTER = re.compile(rf",?(?:\s+[\w'-]+){{0,8}}?\s+(?:{_STEP})\b")
# The day a deal's step is told in apposition: "left on May 1, the day the pact went live".
_THE_DAY_AFTER = re.compile(
    r",\s+the (?:day|date)\b(?:\s+[\w'()-]+){0,10}?\s+(?:went live|took effect|came into"
    r" (?:force|effect)|entered into force|began|started|kicked in)\b"
)
# Told, not done, on that day: "said on May 4", "reported on Friday, May 4".
_TOLD_BEFORE = re.compile(
    r"\b(?:said|says|told|reported|wrote|published|posted|added|stated)\b[^.;]{0,20}$"
)
_TOLD = re.compile(r"\b(?:said|says|told|reported|wrote|stated)\b")
# The end of a span that starts at a date just before: "from February 15 to June 30, 2026".
_RANGE_END = re.compile(r"(?:\s*(?:to|and|until|till|through)|\s*[-\u2013])\s+$")
_RANGE_GAP = 4  # characters between the first date and "to"
# A reporting period, not a term: "the June 2023 quarter", "the March 2024 half".
_PERIOD_AFTER = re.compile(r"\s+(?:quarter|half|fiscal)\b")
# A dateline or a stamp of the page: "April 29 --", "Oct 15 (Reuters) -".
_STAMP_AFTER = re.compile(r"\s*(?:\(|--|-\s|\u2014|\u2013|:)")
_LOOK_BACK = 80  # characters
_CALENDAR_DATES = Scanner(CALENDAR_DATE)


def find_term_dates(text: str, low: str, sentences: list[Sentence], index: SentenceIndex):
    """Every calendar date in the document that a step or a term of a deal governs, as figures
    measuring a date, in text order."""
    found = []
    for match in _CALENDAR_DATES.finditer(text):
        start, end = match.span()
        i = index.index_of(start)
        sentence = sentences[i]
        before = low[max(sentence.start, start - _LOOK_BACK) : start]
        if start == sentence.start and _STAMP_AFTER.match(text, end):
            continue
        governed = _RIGHT_BEFORE.search(before) or _STEP_BEFORE.search(before)
        # "said on May 4" dates the telling; "reported since July 12" a span.
        if _TOLD_BEFORE.search(before) and not _RIGHT_BEFORE.search(before):
            continue
        if _PERIOD_AFTER.match(text, end):
            continue
        range_end = found and _range_end(low, found[-1].end, start)
        step_after = _STEP_AFTER.match(low, end)
        opens_on = (
            low[sentence.start : start].strip() == "on"
            and step_after is not None
            # "On May 4 the minister said Malaysia intends to ban": the day of the telling.
            and not _TOLD.search(step_after.group())
        )
        if not (range_end or governed or opens_on or _THE_DAY_AFTER.match(text, end)):
            continue
        found.append(
            Figure(
                text=text[start:end],
                value=None,
                unit="date",
                what="date",
                quote=quote(text[sentence.start : sentence.end]),
                start=start,
                end=end,
            )
        )
    return found


def _range_end(low: str, previous_end: int, start: int) -> bool:
    """Whether the date at ``start`` closes a span opened by the date that ends at
    ``previous_end``."""
    if start - previous_end > _RANGE_GAP + len(" until "):
        return False
    return bool(_RANGE_END.fullmatch(low, previous_end, start) or low[previous_end:start] == " ")
