"""Names of organisations as readers know them: without a legal form or a date word stuck in
front, and their short forms further down a story ("MP Materials ... MP")."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from .text import SentenceIndex, words

if TYPE_CHECKING:
    from .gazetteer import Gazetteer
    from .parties import PartyHit

# "Wealth Minerals Ltd", "Acme Holdings Corp.": the legal form is not part of the name readers use.
_LEGAL_FORM = re.compile(
    r",?\s+(?:Ltd|Limited|Inc|Incorporated|Corp|Co|PLC|plc|LLC|AG|SA|SE|NV|N\.V|GmbH|Tbk|Pte"
    r"|Bhd|Berhad|S\.A)\.?$"
)
# "On Wednesday Lithium Americas said ...": a day or month opening the sentence is not a name.
_DATE_WORDS = words(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
    "June July August September October November December"
)
# First words of company names that say nothing on their own ("General Motors" is not "General").
_GENERIC_FIRST_WORDS = words(
    "The A An General National International Global United First New Royal State Public Central "
    "Western Eastern Northern Southern Great Grand Golden Green Blue Red Black White Pacific "
    "Atlantic Asian African American European Arab Gulf Export Investment Bank Trade Energy Oil "
    "Gas Mining Metals Steel Power Capital Industrial Commercial Development Saudi Abu Korea "
    "Japan China Indian Emirates Qatar Kuwait Oman Russian Chinese US UK EU"
)
_ORGANISATIONS = frozenset({"company", "state_owned_enterprise", "sovereign_fund"})
# A word of four letters or more with a full stop, other than a legal form ("Corp."), ends a
# sentence; initials and abbreviations ("U.S.", "Co.") are shorter or capitals only.
_ENDS_A_SENTENCE = re.compile(r"(?!(?:Corp|Bhd|Ltd|Inc)\.)[A-Z]?[a-z]{3,}\.")


def strip_legal_form(name: str) -> str:
    """The name without its trailing legal forms; a name that is nothing else is kept."""
    while True:
        bare = _LEGAL_FORM.sub("", name)
        if bare == name or " " not in name or _LEGAL_FORM.fullmatch(" " + bare):
            return name
        name = bare


def organisation_name(name: str, start: int) -> tuple[str, int] | None:
    """The name of a found organisation as readers know it, and where it starts; None when only
    a legal form ("Co Ltd") or a single word after a date word ("Wednesday Lithium") is left."""
    tokens = name.split(" ")
    # "... in December. Wealth Minerals": a word ending a sentence does not start the name.
    ends = [j for j, token in enumerate(tokens[:-1]) if _ENDS_A_SENTENCE.fullmatch(token)]
    if ends:
        start += sum(len(t) + 1 for t in tokens[: ends[-1] + 1])
        tokens = tokens[ends[-1] + 1 :]
    dated = False
    while tokens and tokens[0] in _DATE_WORDS:
        start += len(tokens[0]) + 1
        tokens, dated = tokens[1:], True
    if not tokens or (dated and len(tokens) == 1):
        return None
    name = strip_legal_form(" ".join(tokens))
    if _LEGAL_FORM.fullmatch(" " + _LEGAL_FORM.sub("", name)) or _LEGAL_FORM.fullmatch(" " + name):
        return None
    return name, start


def short_names(
    gazetteer: Gazetteer, text: str, parties: list[PartyHit], index: SentenceIndex
) -> list[PartyHit]:
    """Hits for the short form of each organisation named in full ("MP Materials" then "MP",
    "Harbour Lithium" then "Harbour's plant"), where no other party is named."""
    spans = sorted((p.start, p.end) for p in parties)
    found = []
    seen: set[str] = set()
    for hit in parties:
        if hit.kind not in _ORGANISATIONS or hit.name.endswith(")"):
            continue
        first = text[hit.start : hit.end].split(" ")[0]
        if (
            " " not in text[hit.start : hit.end]
            or first in seen
            or len(first) < 2
            or not first[0].isupper()
            or first in _GENERIC_FIRST_WORDS
            or not first.replace("-", "").isalnum()
            or gazetteer.find(first, first.lower())
        ):
            continue
        seen.add(first)
        for match in re.finditer(r"(?<![\w-])" + re.escape(first) + r"(?![\w-]| [A-Z])", text):
            at, end = match.span()
            if any(s <= at < e for s, e in spans):
                continue
            found.append(
                replace(
                    hit, start=at, end=end, sentence=index.index_of(at), via="short", excluded=""
                )
            )
    return found


_ACRONYM = re.compile(r"[A-Z]{2,6}")
_BRACKETED_ACRONYM = re.compile(r" \(([A-Z]{2,6})\)")
_LEGAL_FORM_AFTER = re.compile(r",? (?:Ltd|Limited|Inc|Corp|Corporation|Co|PLC|plc|LLC)\b")


def initials(name: str) -> str:
    """ "Reliance Industries Ltd" is "RIL"."""
    return "".join(word[0] for word in name.replace("-", " ").split() if word[0].isupper())


def name_acronyms(text: str, parties: list[PartyHit]) -> None:
    """ "RIL" in a story that names "Reliance Industries Ltd": an acronym made of the initials of
    an organisation the story names, or given to it in brackets after its name, is that
    organisation (the hits are renamed in place)."""
    named: dict[str, PartyHit] = {}
    for hit in parties:
        if hit.kind in _ORGANISATIONS and not hit.name.endswith(")"):
            written = text[hit.start : hit.end]
            legal = _LEGAL_FORM_AFTER.match(text, hit.end)
            for form in (written, hit.name, written + legal.group() if legal else ""):
                if " " in form:
                    named.setdefault(initials(form), hit)
            # "the Indonesia Investment Authority (INA)": the short name it is given in brackets.
            bracketed = _BRACKETED_ACRONYM.match(text, hit.end)
            if bracketed:
                named.setdefault(bracketed.group(1), hit)
    if not named:
        return
    for i, hit in enumerate(parties):
        if hit.via != "found" or not _ACRONYM.fullmatch(hit.name):
            continue
        owner = named.get(hit.name)
        if owner is not None and owner.name != hit.name:
            parties[i] = replace(
                hit, name=owner.name, kind=owner.kind, country=owner.country, via="short"
            )


# "the Department of Agriculture", "the Commerce Ministry": an office every government has, named
# without its country. The gazetteer files each such name under one country; a story may mean
# another's.
_OFFICE_WORDS = words(
    "department dept ministry office of the for and commerce agriculture energy defense defence "
    "state treasury trade foreign affairs industry customs federal service international "
    "remedies authority anti-dumping commission administration war economy economic finance "
    "council board revenue directorate general"
)


def is_office_name(written: str) -> bool:
    """Whether a name of two words or more is made only of the words offices are named by."""
    parts = written.lower().split()
    return len(parts) > 1 and all(part in _OFFICE_WORDS for part in parts)


def home_offices(text: str, parties: list[PartyHit], home: str | None) -> None:
    """An office named without its country ("the Commerce Ministry") is the one of the country
    the story gave it before ("China's Commerce Ministry ... the Commerce Ministry"); otherwise,
    when the story never names the country the gazetteer files it under, it is the office of the
    story's own country (``home``, where the dateline places it), or of no country it names
    (the hits are changed in place)."""
    qualified: dict[str, str] = {}
    named: set[str] | None = None
    for hit in parties:
        if hit.kind != "government_body" or hit.excluded or not hit.country:
            continue
        written = text[hit.start : hit.end]
        if not is_office_name(written):
            # "China's Commerce Ministry": the office named with its country.
            parts = written.split()
            for size in range(2, len(parts)):
                tail = " ".join(parts[-size:])
                if is_office_name(tail):
                    qualified.setdefault(tail.lower(), hit.country)
            continue
        country = qualified.get(written.lower())
        if named is None:
            named = {
                other.country
                for other in parties
                if other.country and not other.excluded and not _bare_office(text, other)
            }
        if country is None and hit.country not in named:
            country = home or ""
        if country is None or country == hit.country:
            continue
        if not country:
            hit.excluded = "namesake"
            continue
        hit.name, hit.country = written, country


def _bare_office(text: str, hit: PartyHit) -> bool:
    return hit.kind == "government_body" and is_office_name(text[hit.start : hit.end])
