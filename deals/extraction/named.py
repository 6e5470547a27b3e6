"""What naming a measure says of its stage, when nothing is said to happen to it.

A measure the story names as a fact ("exports plunge under China's 100% tariff", "in response to
Washington's ban") is in effect: a threat or a plan is always said as one ("a possible tariff",
"tariffs would rise"); an inquiry into one ("an anti-dumping probe") is a measure on its way.
"""

from __future__ import annotations

import re

from .drafts import Document, Support
from .stages import Cue

# "a possible tariff", "to avoid tariffs", "would face duties": a measure not (yet) in effect.
_NOT_IN_EFFECT = re.compile(
    r"\b(?:possible|potential|proposed|planned|threat(?:ened)?|threats? of|risk of|any|no|not"
    r"|without|if|would|could|might|may|will|avoid|avoiding|avert|averting|escape|fears? of"
    r"|looming|future|new|further|more|retaliatory|to|against)\s+(?:[\w%.$'-]+\s+){0,3}$"
)

# "an anti-dumping probe", "a tariff case": the inquiry into a measure, not the measure.
_AN_INQUIRY = re.compile(
    r"\s+(?:probes?|investigations?|inquir(?:y|ies)|cases?|complaints?|petitions?|reviews?)\b"
)

# "tariffs on Japanese goods would rise to 25%": what the clause says of it is still to come.
_PUT_AS_TO_COME = re.compile(
    r"[^.;,]{0,60}?\b(?:would|could|might|may|will|shall|set to|due to|expected to|is to|are to)\b"
)


def named_stage(
    doc: Document, noun: Cue, weight: float = 0.3, *, answered: bool = False
) -> Support | None:
    """The stage naming ``noun`` gives its measure (see the module's note), or None when the
    naming says nothing of it (hedged, or put as still to come). A measure ``answered`` (named
    as what another answers: "in response to Washington's ban") is not hedged by the words that
    bring it in."""
    if noun.label == "order":
        return None
    if not answered and _NOT_IN_EFFECT.search(doc.low, max(0, noun.start - 60), noun.start):
        return None
    if _AN_INQUIRY.match(doc.low, noun.end):
        # "extends its anti-dumping probe": a measure on its way.
        return Support("threatened", weight, noun, False)
    if _PUT_AS_TO_COME.match(doc.low, noun.end):
        return None
    return Support("imposed", weight, noun, False)
