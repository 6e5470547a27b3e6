"""What the stage cue tables share: the shape of an entry and how its pattern is compiled.

An entry is ``(pattern, kinds, {kind: stage}, weight, label)``: the pattern runs on lower-cased,
normalised text (ASCII quotes and dashes) and begins with literal words, so that
:class:`~deals.extraction.prefixes.PrefixMatcher` can anchor it; ``kinds`` is "A", "M" or "AM"
(the kinds of deal it can speak of); the dict gives the stage it says per kind; the weight is how
sure the reading is; the label names the kind of measure (``"export ban"``) or is empty.
"""

from __future__ import annotations

import re

StageCue = tuple[re.Pattern[str], str, dict[str, str], float, str]


def rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)
