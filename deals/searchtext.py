"""The words of a deal's search document and of a reader's search, for databases without
PostgreSQL's full-text search: lower-cased, stemmed like PostgreSQL's English configuration.

Pure: text in, text out. A document is a run of stems with a space on each side, its pieces
apart by " | ", so a term matches whole stems and a phrase never spans two pieces.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"\w+")
# websearch syntax: "a quoted phrase", -excluded, or a bare word.
_TERM = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("english")


def stems(text: str) -> str:
    """The stems of `text`, space-separated."""
    return " ".join(_stemmer().stemWords(_WORD.findall(text.casefold())))


def document(*pieces: str) -> str:
    """A searchable run of stems; pieces earlier in the list weigh more when ranking."""
    return " " + " | ".join(filter(None, (stems(piece) for piece in pieces))) + " "


@dataclass(frozen=True)
class Term:
    """A word or phrase a document must hold (or, if `excluded`, must not), as stems."""

    stems: str
    excluded: bool = False

    @property
    def needle(self) -> str:
        return f" {self.stems} "


def terms(query: str) -> list[Term]:
    """The words and quoted phrases of a search, the way `websearch_to_tsquery` reads them."""
    found = []
    for phrase_sign, phrase, word_sign, word in _TERM.findall(query):
        text = stems(phrase or word)
        if text and (word or phrase).casefold() != "or":
            found.append(Term(text, excluded=bool(phrase_sign or word_sign)))
    return found
