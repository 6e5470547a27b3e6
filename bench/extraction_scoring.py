"""How the extraction benchmark scores the extractor against labelled texts.

Scoring rules:

- Parties are scored per deal. Each labelled deal, in order, is paired with the unpaired predicted
  deal of the same kind that shares most parties and commodities with it (the first one on a tie),
  so a background deal the extractor lists before the main one is still scored against its own
  label; a party counts as found when its canonical name matches case-insensitively (or matches
  one of the label's aliases), a legal suffix aside ("Wealth Minerals Ltd" is "Wealth Minerals").
  A labelled unnamed party such as "Chinese state-owned enterprise (unnamed)" matches a predicted
  party whose name also ends in "(unnamed)" with the same kind and the same home country. Parties
  of unpaired deals count as misses (labelled) or false alarms (predicted).
- Stage: the first predicted deal against the first labelled deal; right when the kinds agree and
  the stage is the label's ``stage`` or one of its ``alt_stages``.
- Figures: a labelled figure text counts as found when the extractor reports a figure with that
  text, on a deal or tied to none (the tracker proposes those with the main deal). Where labels
  say what kind of number a figure is (percent, money, quantity, count), the report breaks the
  count down by kind. When the label says what the figure measures (``what``), the extractor's
  figure of that text is right when it gives the same slug of ``FIGURE_WHATS``.
- Commodities: per paired deal, like parties (taxonomy names; an item's ``commodity_names`` turns
  a label's name into the taxonomy name it stands for).
- ``optional_parties`` (held-out JSON sets): predicting one is neither a hit nor a false alarm.
- Look-alikes (items marked ``lookalike``): right when the extractor finds the text not relevant.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from deals.extraction import Extraction, Gazetteer, extract
from deals.extraction.text import normalise

TARGETS = {"parties_f1": 0.9, "stage": 0.85, "figures": 0.9, "speed": 200.0, "worst_mb": 10.0}
UNNAMED = "(unnamed)"
# "Ltd", "Inc.", "plc": the same company with or without its legal form.
_LEGAL_SUFFIX = re.compile(
    r",?\s+(?:ltd|limited|inc|incorporated|corp|corporation|co|plc|llc|ag|sa|se|nv|n\.v|gmbh"
    r"|tbk|pte|bhd|berhad|s\.a)\.?$"
)
UNNAMED_KINDS = {
    "state-owned enterprise": "state_owned_enterprise",
    "sovereign wealth fund": "sovereign_fund",
    "company": "company",
}
HIDDEN_TEST_MISSES = "this set is never used for tuning; BENCH_SHOW_TEST=1 shows them"


@dataclass
class Tally:
    """How many of some things (figures, stories, pairs of stories) came out a given way."""

    hits: int = 0
    total: int = 0

    def count(self, hit: bool) -> None:
        self.total += 1
        self.hits += hit

    def __str__(self) -> str:
        share = f" ({self.hits / self.total:.1%})" if self.total else ""
        return f"{self.hits}/{self.total}{share}"


@dataclass
class Item:
    """One labelled text: what to feed the extractor and what a careful editor read in it."""

    name: str
    title: str
    body: str
    published: datetime.date | None
    relevant: bool
    deals: list[dict]
    aliases: dict[str, list[str]] = field(default_factory=dict)
    lookalike: bool = False
    commodity_names: dict[str, str] = field(default_factory=dict)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    stage_right: int = 0
    stage_total: int = 0
    figures_found: int = 0
    figures_total: int = 0
    #: Labelled figures found, by their ``kind``.
    figure_kinds: dict[str, Tally] = field(default_factory=dict)
    #: Found figures whose ``what`` the extractor gave, and gave right.
    what: Tally = field(default_factory=Tally)
    irrelevant_right: int = 0
    irrelevant_total: int = 0
    #: Look-alikes marked not relevant.
    lookalikes: Tally = field(default_factory=Tally)
    relevant_right: int = 0
    relevant_total: int = 0
    commodity_tp: int = 0
    commodity_fp: int = 0
    commodity_fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def commodities_f1(self) -> float:
        tp, fp, fn = self.commodity_tp, self.commodity_fp, self.commodity_fn
        return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0

    @property
    def stage(self) -> float:
        return self.stage_right / self.stage_total if self.stage_total else 1.0

    @property
    def figures(self) -> float:
        return self.figures_found / self.figures_total if self.figures_total else 1.0


def _unnamed_key(name: str, kind: str | None, gazetteer: Gazetteer) -> tuple | None:
    if not name.endswith(UNNAMED):
        return None
    described = name[: -len(UNNAMED)].strip()
    for phrase, phrase_kind in UNNAMED_KINDS.items():
        if described.endswith(phrase):
            demonym = described[: -len(phrase)].strip()
            text = normalise(demonym)
            hits = gazetteer.find(text, text.lower())
            country = gazetteer.parties[hits[0].index].country if hits else None
            return (kind or phrase_kind, country)
    return None


def _bare(name: str) -> str:
    """The name without its legal forms ("Corporation Limited" is two of them)."""
    name, previous = name.casefold(), ""
    while name != previous:
        name, previous = _LEGAL_SUFFIX.sub("", name), name
    return name


def _party_matches(gold: str, gold_kind: str | None, predicted, aliases, gazetteer) -> bool:
    names = {_bare(gold), *(_bare(a) for a in aliases.get(gold, []))}
    if _bare(predicted.name) in names:
        return True
    gold_key = _unnamed_key(gold, gold_kind, gazetteer)
    if gold_key is None or not predicted.name.endswith(UNNAMED):
        return False
    return (predicted.kind, predicted.country) == gold_key


def _score_figures(item: Item, result: Extraction, score: Score) -> None:
    found: dict[str, list[str | None]] = {}
    for figure in [*result.figures, *(figure for deal in result.deals for figure in deal.figures)]:
        found.setdefault(normalise(figure.text), []).append(figure.what)
    for gold in item.deals:
        for figure in gold.get("figures", []):
            if not isinstance(figure, dict):
                figure = {"text": figure}
            text, whats = figure["text"], found.get(normalise(figure["text"]))
            score.figures_total += 1
            score.figure_kinds.setdefault(figure.get("kind", "unlabelled"), Tally()).count(
                whats is not None
            )
            if whats is None:
                score.misses.append(f"figure missed: {text} in {item.name}")
                continue
            score.figures_found += 1
            labelled = figure.get("what")
            said = [what for what in whats if what]
            if not labelled or not said:
                continue
            right = labelled in said
            score.what.count(right)
            if not right:
                score.misses.append(
                    f"figure what: {text} read as {'/'.join(said)}, labelled {labelled} "
                    f"in {item.name}"
                )


def _paired(gold: dict, unpaired: list, item: Item, gazetteer: Gazetteer):
    """The unpaired predicted deal of the labelled deal's kind sharing most with it."""
    goods = {item.commodity_names.get(name, name) for name in gold.get("commodities", [])}

    def shared(deal) -> int:
        parties = sum(
            any(
                _party_matches(
                    name, gold.get("party_kinds", {}).get(name), p, item.aliases, gazetteer
                )
                for p in deal.parties
            )
            for name in gold["parties"]
        )
        return parties + len(goods & {c.name for c in deal.commodities})

    candidates = [d for d in unpaired if d.kind == gold["kind"]]
    return max(candidates, key=lambda d: (shared(d), -candidates.index(d)), default=None)


def score_item(item: Item, result: Extraction, score: Score, gazetteer: Gazetteer) -> None:
    if not item.relevant:
        score.irrelevant_total += 1
        if item.lookalike:
            score.lookalikes.count(not result.relevant)
        if not result.relevant:
            score.irrelevant_right += 1
        else:
            score.misses.append(f"marked relevant: {item.name}")
            score.fp += sum(len(d.parties) for d in result.deals)
        return
    score.relevant_total += 1
    if result.relevant:
        score.relevant_right += 1
    else:
        score.misses.append(f"marked not relevant: {item.name} ({result.reason})")
    unpaired = list(result.deals)
    for gold in item.deals:
        predicted = _paired(gold, unpaired, item, gazetteer)
        if predicted is not None:
            unpaired.remove(predicted)
        pred_parties = list(predicted.parties) if predicted else []
        for name in gold["parties"]:
            kind = gold.get("party_kinds", {}).get(name)
            match = next(
                (p for p in pred_parties if _party_matches(name, kind, p, item.aliases, gazetteer)),
                None,
            )
            if match is None:
                score.fn += 1
                score.misses.append(f"party missed: {name} in {gold['kind']} of {item.name}")
            else:
                score.tp += 1
                pred_parties.remove(match)
        optional = [
            name.casefold() for name in [*gold.get("optional_parties", []), *gold["parties"]]
        ]
        for extra in pred_parties:
            if extra.name.casefold() in optional:
                continue
            score.fp += 1
            score.misses.append(f"extra party: {extra.name} in {gold['kind']} of {item.name}")
        if "commodities" not in gold:
            continue
        pred_goods = {c.name for c in predicted.commodities} if predicted else set()
        gold_goods = {item.commodity_names.get(name, name) for name in gold["commodities"]}
        score.commodity_tp += len(pred_goods & gold_goods)
        score.commodity_fp += len(pred_goods - gold_goods)
        score.commodity_fn += len(gold_goods - pred_goods)
        for name in sorted(pred_goods ^ gold_goods):
            what = "extra" if name in pred_goods else "missed"
            score.misses.append(f"commodity {what}: {name} in {gold['kind']} of {item.name}")
    for deal in unpaired:
        score.fp += len(deal.parties)
        if any("commodities" in gold for gold in item.deals):
            score.commodity_fp += len(deal.commodities)
        if deal.parties:
            score.misses.append(f"extra {deal.kind} deal in {item.name}")
    if item.deals:
        score.stage_total += 1
        main, gold = (result.deals[0] if result.deals else None), item.deals[0]
        allowed = [gold["stage"], *gold.get("alt_stages", [])]
        if main is not None and main.kind == gold["kind"] and main.stage in allowed:
            score.stage_right += 1
        else:
            got = f"{main.kind} {main.stage}" if main else "nothing"
            score.misses.append(f"stage: {got}, wanted {gold['kind']} {allowed} in {item.name}")
    _score_figures(item, result, score)


def evaluate(items: list[Item]) -> Score:
    gazetteer = Gazetteer.default()
    score = Score()
    for item in items:
        score_item(item, extract(item.title, item.body, item.published), score, gazetteer)
    return score


def report(label: str, score: Score, hide_misses_because: str = "") -> list[str]:
    """Print a set's figures (and its misses, unless a reason to hide them is given); return
    the targets it missed."""
    print(f"== {label}")
    print(
        f"  parties   precision {score.precision:.3f}  recall {score.recall:.3f}  "
        f"F1 {score.f1:.3f}  (tp {score.tp}, fp {score.fp}, fn {score.fn})"
    )
    print(
        f"  main-deal stage accuracy {score.stage:.3f}  ({score.stage_right}/{score.stage_total})"
    )
    print(
        f"  relevance: non-deal items marked not relevant {score.irrelevant_right}/"
        f"{score.irrelevant_total}; deal items marked relevant "
        f"{score.relevant_right}/{score.relevant_total}"
    )
    if score.lookalikes.total:
        print(f"  look-alikes marked not relevant {score.lookalikes}")
    print(f"  figures found {score.figures:.3f}  ({score.figures_found}/{score.figures_total})")
    if "unlabelled" not in score.figure_kinds:
        for kind, found in sorted(score.figure_kinds.items()):
            print(f"    {kind:<8} found {found}")
    if score.what.total:
        print(
            f"  figures found with the right what {score.what} "
            "(of those labelled with what they measure)"
        )
    print(
        f"  commodities F1 {score.commodities_f1:.3f}  (tp {score.commodity_tp}, "
        f"fp {score.commodity_fp}, fn {score.commodity_fn})"
    )
    if hide_misses_because:
        print(f"    (misses hidden: {hide_misses_because})")
    else:
        for miss in score.misses:
            print(f"    - {miss}")
    failed = []
    if score.f1 < TARGETS["parties_f1"]:
        failed.append(f"{label}: parties F1 {score.f1:.3f} < {TARGETS['parties_f1']}")
    if score.stage < TARGETS["stage"]:
        failed.append(f"{label}: stage accuracy {score.stage:.3f} < {TARGETS['stage']}")
    if score.irrelevant_right != score.irrelevant_total:
        failed.append(f"{label}: a non-deal item was marked relevant")
    if score.figures < TARGETS["figures"]:
        failed.append(f"{label}: figures {score.figures:.3f} < {TARGETS['figures']}")
    return failed
