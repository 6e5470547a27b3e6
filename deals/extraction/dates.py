"""Dates stated next to a stage statement ("signed on 5 March", "in January 2024", "on Monday")."""

from __future__ import annotations

import datetime
import re

_MONTHS = {
    name: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_PATTERNS = [
    re.compile(
        r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"
    ),
    re.compile(
        r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d))?"
    ),
    re.compile(r"\b(?P<iso>(?:19|20)\d\d-\d\d-\d\d)\b"),
    re.compile(r"\b(?:in|since|from|during)\s+" + _MONTH + r"(?:\s+(?P<year>(?:19|20)\d\d))?\b"),
    re.compile(r"\b(?:on|last|this)\s+(?P<weekday>" + "|".join(_WEEKDAYS) + r")\b"),
    re.compile(r"\b(?:in|since|from|during)\s+(?P<year>(?:19|20)\d\d)\b"),
]

# A calendar date as written, in the case it is written: "March 23", "Dec. 31, 2018", "31 January
# 2024", "17th Jun, 2020", "June 2023", "31.05.2023". A month alone or a weekday is not one.
_CALENDAR_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
CALENDAR_DATE = re.compile(
    rf"\b(?:{_CALENDAR_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?"
    rf"|{_DAY}\s+(?:of\s+)?{_CALENDAR_MONTH}(?:,?\s+{_YEAR}\b)?"
    rf"|{_CALENDAR_MONTH},?\s+{_YEAR}\b"
    rf"|(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.{_YEAR}\b)"
)

# Most clauses state no number: only these patterns can match there.
_DIGIT = re.compile(r"\d")
_PATTERNS_WITHOUT_DIGITS = [_PATTERNS[3], _PATTERNS[4]]


def _resolve(match: re.Match[str], published: datetime.date | None):
    groups = match.groupdict()
    if groups.get("iso"):
        try:
            return datetime.date.fromisoformat(groups["iso"]), "day"
        except ValueError:
            return None
    if groups.get("weekday"):
        if published is None:
            return None
        target = _WEEKDAYS.index(groups["weekday"])
        back = (published.weekday() - target) % 7
        return published - datetime.timedelta(days=back), "day"
    year = int(groups["year"]) if groups.get("year") else (published.year if published else None)
    if year is None:
        return None
    month = _MONTHS.get(groups["month"]) if groups.get("month") else None
    if month is None:
        return datetime.date(year, 1, 1), "year"
    if groups.get("day"):
        try:
            day = datetime.date(year, month, int(groups["day"]))
        except ValueError:
            return None
        if published and not groups.get("year") and day > published:
            day = day.replace(year=year - 1) if not (month == 2 and day.day == 29) else day
        return day, "day"
    return datetime.date(year, month, 1), "month"


def stated_date(
    low: str, start: int, end: int, published: datetime.date | None
) -> tuple[datetime.date, str] | None:
    """The date written in ``low[start:end]`` (the clause of a stage cue), unless in the future."""
    patterns = _PATTERNS if _DIGIT.search(low, start, end) else _PATTERNS_WITHOUT_DIGITS
    for pattern in patterns:
        match = pattern.search(low, start, end)
        if not match:
            continue
        resolved = _resolve(match, published)
        if resolved is None:
            continue
        if published and resolved[0] > published:
            return None
        return resolved
    return None


_NEXT = re.compile(
    r"\b(?:next (?:week|month|year|quarter)|later this (?:week|month|year)|from next)\b"
)


def names_a_later_date(
    low: str, start: int, end: int, published: datetime.date | None, before: int | None = None
) -> bool:
    """Whether ``low[start:end]`` names, starting before ``before``, a day after ``published``
    ("on April 1", "from January 2027", "next month"); without a publication date any stated
    day counts as later."""
    before = end if before is None else before
    upcoming = _NEXT.search(low, start, end)
    if upcoming and upcoming.start() < before:
        return True
    for pattern in _PATTERNS:
        match = pattern.search(low, start, end)
        if match is None or match.groupdict().get("weekday") or match.start() >= before:
            continue
        groups = match.groupdict()
        if published is None:
            return True
        if groups.get("iso"):
            resolved = _resolve(match, published)
            return resolved is not None and resolved[0] > published
        year = int(groups["year"]) if groups.get("year") else published.year
        month = _MONTHS.get(groups["month"]) if groups.get("month") else None
        if month is None:
            return year > published.year
        try:
            day = datetime.date(year, month, int(groups["day"]) if groups.get("day") else 1)
        except ValueError:
            return False
        if groups.get("day") or groups.get("year"):
            return day > published
        return (year, month) > (published.year, published.month)
    return False
