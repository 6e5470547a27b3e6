"""Which of the stages the text states for a deal is its stage now: a learned ranking.

The cue rules find the statements that support a stage (``Support``: the stage, the sentence and
span that state it, the rules' weight). A story often states several ("talks began in March ...
the two sides signed the pact on Friday ... it will enter into force next year"). Each candidate
is described by general features (its stage, where it stands in the story, the tense and hedges
around it, how often the story repeats it, how strongly the rules read it) and scored by a linear
model trained on labelled stories by ``bench/train_stages.py``; the best scored is chosen. Its
weights ship as JSON and are read here once, in pure Python.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .drafts import Document, DraftDeal, Support
from .stages import AGREEMENT_TRACK, BACKGROUND, FUTURE, MEASURE_TRACK, STAGE_ORDER

WEIGHTS_FILE = Path(__file__).with_name("stage_weights.json")

# What the sentence of a statement says around it, each by its group: "officials said" (someone's
# account), "reportedly", "people familiar with the matter" (unconfirmed), "next month" (a time
# still ahead), "last year", "in 2019" (a time already past).
_SENTENCE_MARKS = re.compile(
    r"\b(?:(?P<attributed>said|says|say|told|according to|stated|added|noted)"
    r"|(?P<hedged>reportedly|sources?|familiar with|anonymity|unnamed|report(?:s|ed)? (?:that|say)"
    r"|expected|likely|possibly|probably|might|could|would)"
    r"|(?P<later_time>next (?:week|month|year|round)|later this (?:week|month|year)"
    r"|coming (?:days|weeks|months)|by the end of)"
    r"|(?P<earlier_time>last (?:week|month|year)|years? ago|earlier this (?:week|month|year)"
    r"|previously|in (?:19|20)\d\d))\b"
)
# "will", "is expected to", "plans to", "set to": said of what is still to come.
_TO_COME = re.compile(
    r"\b(?:will|shall|would|could|might|to be|set to|expected to|plans? to|aims? to|is to"
    r"|are to|due to|scheduled to|hopes? to|going to)\b|'ll\b"
)
# "has signed", "have agreed": a completed act.
_COMPLETED = re.compile(r"\b(?:has|have|had)\s+(?:\w+ly\s+|now\s+|also\s+)?$")
_LOOKBACK = 40


@dataclass(frozen=True)
class Model:
    """A linear score per candidate: a bias and one weight per feature."""

    bias: float
    weights: dict[str, float]

    @classmethod
    def from_json(cls, data: dict) -> Model:
        return cls(float(data["bias"]), dict(data["weights"]))

    def score(self, features: dict[str, float]) -> float:
        return self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())


@functools.cache
def shipped_model() -> Model:
    return Model.from_json(json.loads(WEIGHTS_FILE.read_text(encoding="utf-8")))


InContext = Callable[[Support], Support]
# The training script reads each deal's candidates through this hook: the document, the deal, the
# statement of each stage, the features of each, and how the rules read a statement in context.
Observer = Callable[[Document, DraftDeal, list[Support], list[dict[str, float]], InContext], None]
observer: Observer | None = None


def choose(doc: Document, deal: DraftDeal, in_context: InContext) -> Support | None:
    """Of the stages the deal's statements state, the one the model scores highest, told by its
    strongest statement and read ``in_context`` (the rest of the story may make a signing a
    framework or talks a rumour)."""
    groups: dict[str, list[Support]] = {}
    for support in deal.support:
        groups.setdefault(support.stage, []).append(support)
    if not groups:
        return None
    stated = [_strongest(doc, group) for group in groups.values()]
    rows = features(doc, deal, list(groups.values()), stated)
    if observer is not None:
        observer(doc, deal, stated, rows, in_context)
    model = shipped_model()
    best = max(range(len(rows)), key=lambda i: (model.score(rows[i]), -i))
    return in_context(stated[best])


def _strongest(doc: Document, group: list[Support]) -> Support:
    """The statement a stage is told by: the strongest, in the headline first, then the
    earliest."""
    return max(group, key=lambda s: (s.weight, s.cue.start < doc.title_end, -s.cue.start))


def features(
    doc: Document,
    deal: DraftDeal,
    groups: list[list[Support]],
    stated: list[Support],
) -> list[dict[str, float]]:
    """The features of each stage the candidates state (see the module's note)."""
    low = doc.low
    sentences = doc.index.sentences
    first_body = doc.first_body_sentence or 0
    body_count = max(1, len(sentences) - first_body)
    total = sum(len(group) for group in groups)
    top_weight = max(s.weight for group in groups for s in group)
    orders = [STAGE_ORDER.get(s.stage, 0) for s in stated if s.stage in _ON_TRACK]
    marks: dict[int, set[str | None]] = {}
    rows = []
    for group, support in zip(groups, stated, strict=True):
        cue = support.cue
        sentence = sentences[cue.sentence]
        before = low[max(sentence.start, cue.start - _LOOKBACK) : cue.start]
        marked = marks.get(cue.sentence)
        if marked is None:
            found = _SENTENCE_MARKS.finditer(low, sentence.start, sentence.end)
            marked = marks[cue.sentence] = {m.lastgroup for m in found}
        in_title = [s for s in group if s.cue.start < doc.title_end]
        body_at = min(
            (s.cue.sentence - first_body for s in group if s.cue.start >= doc.title_end),
            default=None,
        )
        statements = sum(not s.cue.is_noun for s in group)
        order = STAGE_ORDER.get(support.stage, 0)
        row = {
            f"stage:{deal.kind}:{support.stage}": 1.0,
            "title": float(bool(in_title)),
            "title_statement": float(any(_a_fact(s) for s in in_title)),
            "lead_statement": float(
                any(_a_fact(s) and s.cue.sentence == first_body for s in group)
            ),
            "lead": float(body_at == 0),
            "early": 0.0 if body_at is None else 1.0 / (1.0 + body_at),
            "late": 0.0 if body_at is None else body_at / body_count,
            "weight": support.weight,
            "top_weight": float(support.weight >= top_weight),
            "noun_only": float(statements == 0),
            "statements": math.log1p(statements),
            "nouns": math.log1p(len(group) - statements),
            "share": len(group) / total,
            "background": float(cue.modality == BACKGROUND),
            "future": float(cue.modality == FUTURE),
            "past": float(all(s.past for s in group)),
            "rumour": float(support.rumour),
            "later": float(support.later),
            "quoted": float(low.count('"', sentence.start, cue.start) % 2 == 1),
            "attributed": float("attributed" in marked),
            "hedged": float("hedged" in marked),
            "to_come": float(bool(_TO_COME.search(before))),
            "completed": float(bool(_COMPLETED.search(before))),
            "later_time": float("later_time" in marked),
            "earlier_time": float("earlier_time" in marked),
            "latest": float(support.stage in _ON_TRACK and order == max(orders)),
            "earliest": float(support.stage in _ON_TRACK and order == min(orders)),
        }
        rows.append({k: v for k, v in row.items() if v})
    return rows


_ON_TRACK = frozenset(AGREEMENT_TRACK + MEASURE_TRACK)


def _a_fact(support: Support) -> bool:
    """Whether a statement says what happened (not a noun alone, not what is still to come)."""
    return not support.cue.is_noun and support.cue.modality != FUTURE
