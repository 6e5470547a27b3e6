"""Offset-preserving normalisation and sentence splitting.

Every function here keeps string lengths unchanged, so an offset into the normalised text is an
offset into the original document text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from .prefixes import Scanner

# One character in, one character out: curly quotes and the dash family become ASCII.
_ONE_TO_ONE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
    }
)


def normalise(text: str) -> str:
    """ASCII quotes, dashes and spaces, same length as ``text``."""
    return text.translate(_ONE_TO_ONE)


def lower_same_length(text: str) -> str:
    """``text.lower()`` unless that changes the length (e.g. dotted capital I), then per char."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower()[0] for c in text)


def words(spaced: str) -> frozenset[str]:
    """A set of words written as one space-separated string."""
    return frozenset(spaced.split())


_ABBREVIATIONS = words(
    "mr mrs ms dr prof gen sen rep gov st inc corp co ltd bhd plc jr sr no vs etc "
    "jan feb mar apr jun jul aug sep sept oct nov dec e.g i.e approx est"
)
# "U.S." may end a sentence; split after it only when a typical sentence opener follows.
_OPENERS = words(
    "the a an it its this that these those he she they we in on at but and however meanwhile "
    "officials analysts both last earlier later"
)
_SENTENCE_END = Scanner(re.compile(r"[.!?]+[\"')\]]*\s+|\n+"))


class Sentence(NamedTuple):
    """One sentence of the document (a named tuple: articles have hundreds, made quickly)."""

    start: int
    end: int
    in_title: bool


def split_sentences(text: str, title_end: int) -> list[Sentence]:
    """Sentences of the document; the title (``text[:title_end]``) is always one sentence."""
    spans: list[Sentence] = []
    for region_start, region_end, in_title in ((0, title_end, True), (title_end, len(text), False)):
        if region_end <= region_start:
            continue
        start = region_start
        if in_title:
            _append(spans, text, region_start, region_end, in_title)
            continue
        region = text[region_start:region_end]
        for match in _SENTENCE_END.finditer(region):
            end = region_start + match.start()
            punct_end = region_start + match.end()
            if "\n" not in match.group() and not _is_boundary(text, end, punct_end):
                continue
            _append(spans, text, start, punct_end, in_title)
            start = punct_end
        _append(spans, text, start, region_end, in_title)
    return spans


def _is_boundary(text: str, end: int, next_start: int) -> bool:
    word_start = end
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:end].lower().strip("(\"'").rsplit("-", 1)[-1]
    first = text[next_start : next_start + 1]
    if first.islower():
        return False
    following = text[next_start : next_start + 20].split(" ", 1)[0].lower().strip("\"'(")
    if word in _ABBREVIATIONS:
        return False
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
        return following in _OPENERS
    return not (len(word) == 1 and word.isalpha())


def _append(spans: list[Sentence], text: str, start: int, end: int, in_title: bool) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Sentence(start, end, in_title))


class SentenceIndex:
    """Maps an offset to the sentence holding it."""

    def __init__(self, sentences: list[Sentence]):
        self.sentences = sentences
        self._starts = [s.start for s in sentences]

    def index_of(self, offset: int) -> int:
        i = bisect_right(self._starts, offset) - 1
        return i if i > 0 else 0


_CLAUSE_BREAK = re.compile(
    r";|:|\s-\s|,\s+(?:but|while|although|though|whereas|which|who|where|after|as)\b"
    r"|\s(?:but|while|whereas|although|though)\s|,"
)


def clause_start(text: str, sentence_start: int, offset: int) -> int:
    """Start of the clause of ``text`` that holds ``offset`` within its sentence."""
    window_start = max(sentence_start, offset - 160)
    last = sentence_start
    for match in _CLAUSE_BREAK.finditer(text, window_start, offset):
        last = match.end()
    return last


def clause_end(text: str, offset: int, sentence_end: int) -> int:
    """End of the clause of ``text`` that holds ``offset`` within its sentence."""
    match = _CLAUSE_BREAK.search(text, offset, sentence_end)
    return match.start() if match else sentence_end


#: The longest quote kept for a stage or a figure: a run-on "sentence" (a table, a list with no
#: full stops) would otherwise be copied whole into every figure it holds.
MAX_QUOTE = 600


def quote(sentence: str) -> str:
    """The sentence as a quote, cut at a word boundary when it is longer than MAX_QUOTE."""
    sentence = sentence.strip()
    if len(sentence) <= MAX_QUOTE:
        return sentence
    cut = sentence.rfind(" ", 0, MAX_QUOTE - 1)
    return sentence[: cut if cut > 0 else MAX_QUOTE - 1].rstrip() + "…"
