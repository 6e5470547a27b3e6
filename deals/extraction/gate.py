"""Which sentences contain which trigger stems, found in one Aho-Corasick pass.

Scanning a 3 KB text with a Python regular expression costs about 0.1 ms whatever the pattern, and
the extractor has dozens of patterns. Each pattern therefore names the stems that any of its matches
must contain, and runs only over the sentences holding one of them.
"""

from __future__ import annotations

from collections.abc import Iterable

import ahocorasick

from .text import Sentence, SentenceIndex


class StemGate:
    """A fixed set of lower-case stems and the automaton that finds them."""

    def __init__(self, stems: Iterable[str]):
        self._automaton = ahocorasick.Automaton()
        for stem in set(stems):
            self._automaton.add_word(stem, stem)
        self._automaton.make_automaton()

    def scan(self, low: str, index: SentenceIndex) -> GateResult:
        found: dict[str, set[int]] = {}
        last_stem_sentence: dict[str, int] = {}
        for end, stem in self._automaton.iter(low):
            i = index.index_of(end)
            if last_stem_sentence.get(stem) != i:
                last_stem_sentence[stem] = i
                found.setdefault(stem, set()).add(i)
        return GateResult(found, index.sentences)


class GateResult:
    """Sentence spans holding any of a pattern's stems."""

    def __init__(self, found: dict[str, set[int]], sentences: list[Sentence]):
        self._found = found
        self._sentences = sentences

    def indices(self, stems: Iterable[str]) -> set[int]:
        indices: set[int] = set()
        for stem in stems:
            indices |= self._found.get(stem, set())
        return indices

    def spans(self, stems: Iterable[str]) -> list[tuple[int, int]]:
        indices = self.indices(stems)
        spans: list[tuple[int, int]] = []
        previous = -2
        for i in sorted(indices):
            sentence = self._sentences[i]
            if i == previous + 1 and spans:
                spans[-1] = (spans[-1][0], sentence.end)
            else:
                spans.append((sentence.start, sentence.end))
            previous = i
        return spans
