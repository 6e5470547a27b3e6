"""Run many regular expressions over a text in one pass.

A Python regex scan costs about 30 ns per character whatever the pattern, so forty patterns over a
3 KB article cost milliseconds. Most of our patterns begin with one of a few literal words
("signed", "talks", "tariff"...). :func:`literal_prefixes` reads those words out of the compiled
pattern; :class:`PrefixMatcher` finds every prefix with one Aho-Corasick pass and tries the pattern
only there, with ``pattern.match(text, position)``. Whitespace in a prefix is read as one space,
which is how normalised prose separates words; otherwise the results are those of ``finditer``
plus any overlapping matches. A pattern without such prefixes is scanned as ``finditer`` does.
A pattern whose matches must also contain one of a few other words further on ("tariffs on steel
were *lifted*", :func:`required_words`) is tried only where one of them occurs at or after it.

:class:`Scanner` finds exactly what ``finditer`` finds, trying the pattern only where an exact
prefix occurs (one that may follow an opening lookbehind, and stops at any whitespace): from the
first such place, then from the first after the end of each match.
"""

from __future__ import annotations

import re
import re._constants as sre_constants
import re._parser as sre_parse
import sys
from bisect import bisect_left

import ahocorasick

_MAX_PREFIXES = 400


def _chars(av, exact: bool) -> set[str] | None:
    chars: set[str] = set()
    for op, value in av:
        if op is sre_constants.LITERAL:
            chars.add(chr(value))
        elif op is sre_constants.CATEGORY and value is sre_constants.CATEGORY_SPACE and not exact:
            # Normalised prose separates words with one space; line breaks end sentences.
            chars.add(" ")
        elif op is sre_constants.RANGE and value[1] - value[0] < 30:
            chars.update(chr(c) for c in range(value[0], value[1] + 1))
        else:
            return None
    return chars


def _sequence(items, exact: bool, opening: bool = True) -> tuple[set[str], bool]:
    """Prefixes every match of ``items`` starts with, and whether they cover the whole sequence.

    ``exact`` prefixes hold whatever the whitespace; they may follow a lookbehind that opens the
    pattern (``opening``: nothing is matched before ``items``)."""
    results = {""}
    for op, av in items:
        at_start = opening and results == {""}
        if op is sre_constants.AT:
            continue
        lookbehind = op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT) and av[0] < 0
        if exact and at_start and lookbehind:
            continue
        if op is sre_constants.LITERAL:
            results = {r + chr(av) for r in results}
            continue
        if op is sre_constants.IN:
            chars = _chars(av, exact)
            if chars is None or len(chars) * len(results) > _MAX_PREFIXES:
                return results, False
            results = {r + c for r in results for c in chars}
            continue
        if op is sre_constants.SUBPATTERN:
            if exact and av[1] & re.IGNORECASE:
                return results, False
            sub, complete = _sequence(av[-1], exact, at_start)
        elif op is sre_constants.BRANCH:
            sub, complete = set(), True
            for branch in av[1]:
                branch_prefixes, branch_complete = _sequence(branch, exact, at_start)
                sub |= branch_prefixes
                complete = complete and branch_complete
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            low, high, body = av
            sub, complete = _sequence(body, exact, False)
            if low == 0:
                with_it = {r + s for r in results for s in sub}
                if complete and high == 1 and len(with_it | results) <= _MAX_PREFIXES:
                    results = with_it | results
                    continue
                return with_it | results, False
            complete = complete and low == high == 1
        else:
            return results, False
        if len(sub) * len(results) > _MAX_PREFIXES:
            return results, False
        results = {r + s for r in results for s in sub}
        if not complete:
            return results, False
    return results, True


def literal_prefixes(pattern: re.Pattern[str], exact: bool = False) -> set[str] | None:
    """Literal strings one of which starts every match, or None when there are none.

    None of them starts with another ("ban" stands for "ban on" too), so each place is tried once.
    ``exact`` ones hold whatever the whitespace and may follow a lookbehind opening the pattern.
    """
    if pattern.flags & re.IGNORECASE:
        return None
    prefixes, _complete = _sequence(sre_parse.parse(pattern.pattern, pattern.flags), exact)
    if not prefixes or "" in prefixes:
        return None
    return _shortest(prefixes)


def required_words(pattern: re.Pattern[str]) -> set[str] | None:
    """Literal strings one of which every match contains, or None when there are none: those
    that start some part of the pattern up to its end (of each alternative, when the pattern is a
    choice of them), the part whose shortest one is longest, so that they occur seldom."""
    if pattern.flags & re.IGNORECASE:
        return None
    return _required(list(sre_parse.parse(pattern.pattern, pattern.flags)))


# Shorter required words occur too often to be worth looking for.
_FEWEST_REQUIRED_LETTERS = 4


def _required(items) -> set[str] | None:
    if len(items) == 1 and items[0][0] is sre_constants.BRANCH:
        found: set[str] = set()
        for branch in items[0][1][1]:
            words = _required(list(branch))
            if not words:
                return None
            found |= words
        return _shortest(found)
    best: set[str] | None = None
    for k in range(len(items)):
        words, _complete = _sequence(items[k:], exact=True)
        if not words or "" in words:
            continue
        words = _shortest(words)
        if best is None or min(map(len, words)) >= min(map(len, best)):
            best = words
    return best if best and min(map(len, best)) >= _FEWEST_REQUIRED_LETTERS else None


def _shortest(words: set[str]) -> set[str]:
    """The words none of which starts with another: an occurrence of "bans" is one of "ban"."""
    return {w for w in words if not any(w[:n] in words for n in range(1, len(w)))}


# Classes that never hold a line break; any other may.
_NO_LINE_BREAK = frozenset(
    {
        sre_constants.CATEGORY_DIGIT,
        sre_constants.CATEGORY_WORD,
        sre_constants.CATEGORY_NOT_SPACE,
        sre_constants.CATEGORY_NOT_LINEBREAK,
    }
)


def may_span_lines(pattern: re.Pattern[str]) -> bool:
    """Whether a match of ``pattern`` may hold a line break (False only when it surely cannot)."""
    return _may_take_line_break(sre_parse.parse(pattern.pattern, pattern.flags), pattern.flags)


def _may_take_line_break(items, flags: int) -> bool:
    for op, av in items:
        if op is sre_constants.LITERAL:
            if av == 10:
                return True
        elif op is sre_constants.NOT_LITERAL:
            if av != 10:
                return True
        elif op is sre_constants.IN:
            negated = bool(av) and av[0][0] is sre_constants.NEGATE
            held = False
            for item_op, value in av[negated:]:
                if item_op is sre_constants.LITERAL:
                    held = held or value == 10
                elif item_op is sre_constants.RANGE:
                    held = held or value[0] <= 10 <= value[1]
                elif item_op is sre_constants.CATEGORY:
                    held = held or value not in _NO_LINE_BREAK
                else:
                    return True
            if held != negated:
                return True
        elif op is sre_constants.ANY:
            if flags & re.DOTALL:
                return True
        elif op is sre_constants.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if _may_take_line_break(sub, (flags | add_flags) & ~del_flags):
                return True
        elif op is sre_constants.BRANCH:
            if any(_may_take_line_break(branch, flags) for branch in av[1]):
                return True
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            if _may_take_line_break(av[2], flags):
                return True
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT, sre_constants.AT):
            continue  # looks around, takes nothing
        else:
            return True
    return False


def _automaton(values: dict[str, object]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word, value in values.items():
        automaton.add_word(word, value)
    automaton.make_automaton()
    return automaton


class PrefixMatcher:
    """Patterns tried only where one of their literal prefixes occurs."""

    def __init__(self, patterns: list[re.Pattern[str]]):
        self.patterns = patterns
        self.unanchored: list[int] = []
        # Patterns with exact prefixes only past an opening lookbehind: scanned as finditer does.
        self.behind: list[int] = []
        self._bounded = [p.pattern.startswith((r"\b", "(?<![")) for p in patterns]
        # Per pattern, -1 when it requires words beyond its prefixes, else past any text's end.
        self._no_word_yet = [sys.maxsize] * len(patterns)
        # Patterns that require words and whose matches never cross a line break: one of the words
        # must start on the line of the prefix.
        self._one_line: set[int] = set()
        by_word: dict[str, tuple[list[int], list[int], list[int]]] = {}
        for i, pattern in enumerate(patterns):
            prefixes, kind = literal_prefixes(pattern), 0
            if prefixes is None:
                prefixes, kind = literal_prefixes(pattern, exact=True), 1
                (self.behind if prefixes else self.unanchored).append(i)
            for prefix in prefixes or ():
                by_word.setdefault(prefix, ([], [], []))[kind].append(i)
            required = required_words(pattern) if kind == 0 and prefixes else None
            if required and required != prefixes:
                self._no_word_yet[i] = -1
                if not may_span_lines(pattern):
                    self._one_line.add(i)
                for word in required:
                    by_word.setdefault(word, ([], [], []))[2].append(i)
        self._automaton = _automaton(
            {
                word: (len(word), tuple(anchored), tuple(behind), tuple(requiring))
                for word, (anchored, behind, requiring) in by_word.items()
            }
        )

    def matches(
        self, text: str, spans: list[tuple[int, int]] | None = None
    ) -> list[list[re.Match[str]]]:
        """Matches per pattern, each list in text order; unanchored patterns scan ``spans``."""
        found: list[list[re.Match[str]]] = [[] for _ in self.patterns]
        starts: dict[int, list[int]] = {i: [] for i in self.behind}
        hits = list(self._automaton.iter(text))
        # Where the last of the words each pattern requires starts.
        last_word = self._no_word_yet[:]
        one_line = self._one_line
        word_starts: dict[int, list[int]] = {}
        for end, (length, _ids, _behind, requiring) in hits:
            for i in requiring:
                last_word[i] = max(last_word[i], end - length + 1)
                if i in one_line:
                    word_starts.setdefault(i, []).append(end - length + 1)
        line_end = -1
        bounded = self._bounded
        patterns = self.patterns
        for end, (length, ids, behind, _requiring) in hits:
            start = end - length + 1
            for i in behind:
                starts[i].append(start)
            if not ids:
                continue
            before_is_word = start > 0 and text[start - 1].isalnum()
            for i in ids:
                if (before_is_word and bounded[i]) or last_word[i] < start:
                    continue
                if i in one_line:
                    if line_end < start:
                        line_end = text.find("\n", start)
                        line_end = len(text) if line_end < 0 else line_end
                    if not any(start <= at < line_end for at in word_starts[i]):
                        continue
                match = patterns[i].match(text, start)
                if match is not None:
                    found[i].append(match)
        whole = spans if spans is not None else [(0, len(text))]
        for i in self.unanchored:
            for start, end in whole:
                found[i].extend(patterns[i].finditer(text, start, end))
        for i, candidates in starts.items():
            for start, end in whole:
                found[i] += _scan(patterns[i], text, sorted(candidates), start, end)
        for matches in found:
            if len(matches) > 1:
                matches.sort(key=lambda m: m.start())
        return found


class Scanner:
    """One pattern's ``finditer``, tried only where one of its exact literal prefixes occurs (or
    in full when it has none)."""

    def __init__(self, pattern: re.Pattern[str]):
        self.pattern = pattern
        prefixes = literal_prefixes(pattern, exact=True)
        self._automaton = _automaton({p: len(p) for p in prefixes}) if prefixes else None

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
        """The matches ``pattern.finditer(text, start, end)`` finds, in text order."""
        end = len(text) if end is None else end
        if self._automaton is None:
            return list(self.pattern.finditer(text, start, end))
        candidates = sorted(
            {at - length + 1 for at, length in self._automaton.iter(text, start, end)}
        )
        return _scan(self.pattern, text, candidates, start, end)


def _scan(
    pattern: re.Pattern[str], text: str, candidates: list[int], start: int, end: int
) -> list[re.Match[str]]:
    """What ``pattern.finditer(text, start, end)`` finds, trying only ``candidates`` (sorted), the
    places where its matches can start. A match starts with a literal, so it is never empty, and
    the next is sought after its end."""
    found = []
    position = start
    for candidate in candidates[bisect_left(candidates, start) :]:
        if candidate >= end:
            break
        if candidate < position:
            continue
        match = pattern.match(text, candidate, end)
        if match is not None:
            found.append(match)
            position = match.end()
    return found
