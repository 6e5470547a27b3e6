"""Train the ranking the extractor's stage decision reads (``deals/extraction/stage_ranker.py``).

Run from the repository root: ``python bench/train_stages.py [--write] [--halves] [--misses]``. It
reads the labelled development stories (``bench/realnews/dev``, ``bench/heldout/dev.json`` and the
held-out cases of ``tests/extraction_cases.py``; never a test set) and, for the main deal of each,
the stages its statements state (each read in context, as the extractor would report it) with
their features. A story whose labelled stage (or one of its alternatives) is among them teaches
the ranking: a logistic regression (``bench/logistic.py``) on the difference of features between
a right and a wrong stage of one story. It prints the share of stories whose stage is among the
candidates at all (the most any chooser could get right), and the cross-validated stage accuracy
(folds by story, the same folds for both) of the model and of the hand-weighted ranking it
replaced, for each penalty tried; it keeps the penalty with the best (the largest on a tie), and
with ``--write`` saves the weights to ``deals/extraction/stage_weights.json``. ``--halves`` also
fits on half A of the development stories only (by the hash of the name) and scores half B.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import logistic  # noqa: E402
from bench.extraction import load_heldout, load_heldout_json  # noqa: E402
from bench.extraction_scoring import Item  # noqa: E402
from bench.realnews_scoring import extraction_items, load_stories  # noqa: E402
from deals.extraction import Gazetteer, extract, stage_ranker  # noqa: E402
from deals.extraction.drafts import Support  # noqa: E402
from deals.extraction.stages import STAGE_ORDER  # noqa: E402

SEED = 20
FOLDS = 5
REPEATS = 3
PENALTIES = (0.1, 0.03, 0.01, 0.003, 0.001)


@dataclass(frozen=True)
class Story:
    """The main deal of one labelled story, as the extractor saw it."""

    name: str
    half: str  # "A" or "B", by the hash of the name
    stages: list[str | None]  # each candidate as read in context ([] when no main deal was found)
    rows: list[dict[str, float]]
    ruled: str | None  # the stage the hand-written ranking chose, as read in context
    allowed: frozenset[str | None]
    found: bool  # a main deal of the labelled kind was found

    def right(self, stage: str | None) -> bool:
        return self.found and stage in self.allowed

    @property
    def reachable(self) -> bool:
        return any(stage in self.allowed for stage in self.stages)


def half_of(name: str) -> str:
    return "A" if int(hashlib.sha256(name.encode()).hexdigest()[0], 16) % 2 == 0 else "B"


def labelled_items() -> list[Item]:
    """Every development story with a labelled deal."""
    stories = load_stories(ROOT / "bench" / "realnews" / "dev")
    items = [
        *extraction_items(stories, Gazetteer.default()),
        *load_heldout_json("dev.json"),
        *load_heldout(),
    ]
    return [item for item in items if item.relevant and item.deals]


def ranked_by_hand(doc, support: Support) -> tuple[float, int]:
    """The ranking the model replaces: the rules' weight, half again in the headline and a tenth
    more in the first sentence of the body, the later stage on a tie."""
    in_title = support.cue.start < doc.title_end
    lead = support.cue.sentence == doc.first_body_sentence
    score = support.weight * (1.5 if in_title else 1.1 if lead else 1.0)
    return round(score, 3), STAGE_ORDER.get(support.stage, 0)


def read(item: Item) -> Story:
    """The candidates of the story's main deal, and the stage the hand-written ranking chose."""
    seen: list[tuple] = []
    stage_ranker.observer = lambda *call: seen.append(call)
    try:
        result = extract(item.title, item.body, item.published)
    finally:
        stage_ranker.observer = None
    gold = item.deals[0]
    allowed = frozenset([gold["stage"], *gold.get("alt_stages", [])])
    main = result.deals[0] if result.deals else None
    found = main is not None and main.kind == gold["kind"]
    # The extractor drops some deals after reading their stage; the main one is the first read of
    # its kind.
    call = next((c for c in seen if found and c[1].kind == main.kind), None)
    if call is None:
        # No statement of a stage: the stage (if any) came from elsewhere, the same both ways.
        stage = main.stage if found else None
        return Story(item.name, half_of(item.name), [], [], stage, allowed, found)
    doc, deal, stated, rows, in_context = call
    stages = [in_context(s).stage for s in stated]
    ruled = in_context(max(deal.support, key=lambda s: ranked_by_hand(doc, s))).stage
    return Story(item.name, half_of(item.name), stages, rows, ruled, allowed, found)


def pairs(stories: list[Story]) -> tuple[list[dict[str, float]], list[bool]]:
    """Each right candidate against each wrong one of its story, both ways round."""
    rows, labels = [], []
    for story in stories:
        right = [r for s, r in zip(story.stages, story.rows, strict=True) if s in story.allowed]
        wrong = [r for s, r in zip(story.stages, story.rows, strict=True) if s not in story.allowed]
        for good in right:
            for bad in wrong:
                diff = {k: good.get(k, 0.0) - bad.get(k, 0.0) for k in good.keys() | bad.keys()}
                diff = {k: v for k, v in diff.items() if v}
                rows += [diff, {k: -v for k, v in diff.items()}]
                labels += [True, False]
    return rows, labels


def fit(stories: list[Story], penalty: float, dropped: frozenset[str]) -> stage_ranker.Model:
    rows, labels = pairs([s for s in stories if s.reachable])
    rows = [{k: v for k, v in r.items() if k not in dropped} for r in rows]
    _bias, weights = logistic.fit(rows, labels, penalty)
    return stage_ranker.Model(0.0, weights)


def pick(model: stage_ranker.Model, story: Story) -> str | None:
    """The stage the model chooses (as the extractor does: the earliest on a tie)."""
    if not story.rows:
        return story.ruled
    best = max(range(len(story.rows)), key=lambda i: (model.score(story.rows[i]), -i))
    return story.stages[best]


def cross_validate(
    stories: list[Story], penalty: float, dropped: frozenset[str]
) -> tuple[int, int, int]:
    """(model right, rules right, stories) over REPEATS rounds of FOLDS folds by story."""
    model_right = rules_right = total = 0
    for train, held in logistic.folds(stories, seed=SEED, repeats=REPEATS, count=FOLDS):
        model = fit(train, penalty, dropped)
        model_right += sum(s.right(pick(model, s)) for s in held)
        rules_right += sum(s.right(s.ruled) for s in held)
        total += len(held)
    return model_right, rules_right, total


def choose_penalty(stories: list[Story], dropped: frozenset[str], show: bool) -> float:
    best = None
    for penalty in PENALTIES:
        model_right, rules_right, total = cross_validate(stories, penalty, dropped)
        if show:
            print(
                f"  penalty {penalty:<6} cross-validated stage accuracy: model"
                f" {model_right / total:.3f}, by hand {rules_right / total:.3f}"
                f" ({total // REPEATS} stories, {REPEATS} rounds)"
            )
        if best is None or model_right > best[0]:
            best = (model_right, penalty)
    return best[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="save the weights")
    parser.add_argument("--halves", action="store_true", help="fit on half A, score half B")
    parser.add_argument("--misses", action="store_true", help="name the stories read wrong")
    parser.add_argument(
        "--without", default="", help="features to leave out, comma-separated (to compare)"
    )
    args = parser.parse_args()
    dropped = frozenset(filter(None, args.without.split(",")))
    stories = [read(item) for item in labelled_items()]
    reachable = sum(s.reachable for s in stories)
    print(
        f"{len(stories)} stories with a labelled deal; the labelled stage is among the main"
        f" deal's candidates in {reachable} ({reachable / len(stories):.3f}); by hand"
        f" {sum(s.right(s.ruled) for s in stories)} right"
    )
    penalty = choose_penalty(stories, dropped, show=True)
    model = fit(stories, penalty, dropped)
    right = sum(s.right(pick(model, s)) for s in stories)
    print(f"chosen: penalty {penalty}; on all training stories the model reads {right} right")
    for name, weight in sorted(model.weights.items(), key=lambda kv: -abs(kv[1])):
        print(f"    {weight:+.3f}  {name}")
    if args.misses:
        for s in stories:
            got = pick(model, s)
            if not s.right(got):
                wanted = sorted(map(str, s.allowed))
                print(f"  miss: {s.name}: {got} (by hand {s.ruled}), wanted {wanted}")
    if args.halves:
        a = [s for s in stories if s.half == "A"]
        b = [s for s in stories if s.half == "B"]
        half_model = fit(a, choose_penalty(a, dropped, show=False), dropped)
        print(
            f"fitted on half A ({len(a)} stories), half B ({len(b)} stories) stage accuracy:"
            f" by hand {sum(s.right(s.ruled) for s in b)}, model"
            f" {sum(s.right(pick(half_model, s)) for s in b)}; the labelled stage is among the"
            f" candidates in {sum(s.reachable for s in a)} of half A and"
            f" {sum(s.reachable for s in b)} of half B"
        )
    if args.write:
        data = {"bias": 0.0, "weights": dict(sorted(model.weights.items()))}
        stage_ranker.WEIGHTS_FILE.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {stage_ranker.WEIGHTS_FILE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
