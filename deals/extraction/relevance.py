"""Whether an article that names a deal is *about* one: look-alikes are kept out, with a reason.

Markets wraps, earnings, company takeovers, central banks, sports and labour contracts, budgets,
elections, opinion pieces and deals of other kinds (a building sold, a loan, a defence pact, a
services contract, a court case, a coalition agreement, a technology partnership, a power plant, a
film or broadcast deal, a crime, a storm) often name a trade deal or a tariff in passing, and read
like deal stories to the cue-based extractor. What the headline and the lead are about decides.
Each kind of look-alike has a few words (its *topic*, in ``topics.py``); the trade evidence the
extractor found is the counterweight. A few rules on the headline's own news decide first;
otherwise a logistic regression over these features, trained on labelled stories by
``bench/train_relevance.py``, weighs them. Its weights ship as JSON and are read here once, in
pure Python. Every decision names the words and sentence it came from.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from .drafts import COUNTRYLIKE, Document, DraftDeal
from .topics import NOT_BESIDE_TRADE, TOPICS, Evidence, find_topics, names_a_topic
from .types import DealMention

WEIGHTS_FILE = Path(__file__).with_name("relevance_weights.json")
# The most a deal named only after the first sentence can be trusted: an editor confirms it.
BACKGROUND_CONFIDENCE = 0.5
# From this probability of a look-alike up to the model's cut, the article is kept but doubted:
# an editor confirms each of its deals before any deal is created or moved.
DOUBTFUL = 0.4
# How many body sentences after the headline make the lead.
LEAD_SENTENCES = 2
# A state that acts through a body, a fund or a company of its own: a deal of state, not of firms.
_STATE_ACTORS = frozenset(
    {"government_body", "sovereign_fund", "state_owned_enterprise", "international_org"}
)


# Features that only ever count for a look-alike; every other feature only counts against one.
FOR_A_LOOKALIKE = frozenset({*TOPICS, "companies_only", "firm_takeover"})
# A label that opens a headline or a body: the piece argues, it does not report.
_GENRE = re.compile(
    r"\s*(?:opinion|editorial|op-ed|commentary|column|viewpoint|letters?)\s*[:|]", re.IGNORECASE
)
# Below this, what the text says of a deal is a passing mention ("talks", a noun on its own).
_PASSING = 0.5
# Topics whose "deal" is a contract with players or workers: named goods or countries do not
# make it a trade deal, only trade words in the lead could.
_CONTRACTS_OF_PEOPLE = frozenset({"sports", "labour"})
# Topics whose "deal" is of another kind (a building sold, a loan, a defence pact, a services
# contract, a court's ruling, a coalition agreement, a film or broadcast deal, a crime, a storm):
# likewise, only trade words in the lead make it a trade deal, not the firms, goods, countries or
# lender it names. Technology partnerships and built projects are left to the model: a refinery
# two state firms agree to build is a deal story.
_OTHER_DEALS = NOT_BESIDE_TRADE - {"technology", "projects"}
# Nouns of the extractor that name a trade deal, a deal in goods or a measure on goods ("free
# trade agreement", "purchase agreement", "joint venture", "tariffs", "export ban", "quotas"),
# unlike a deal, a contract, talks or a takeover of any kind.
_TRADE_NOUNS = frozenset(
    {
        "trade",
        "commercial",
        "jv",
        "tariffs",
        "export ban",
        "import ban",
        "export controls",
        "quotas",
        "embargo",
        "entity listing",
        "price cap",
    }
)
# Words that join a headline's news to its cause or background.
_CAUSE = re.compile(
    r"\b(?:after|amid|as|on|over|despite|following|while|ahead of|awaits?|awaiting|citing|cites"
    r"|points? to|from)\b|,"
)


# What a lead lacks when it says nothing of trade.
_NOTHING_OF_TRADE = (
    "Nothing in its headline or lead is about trade (no trade words or measure, goods, two"
    " countries or a state's party)"
)
# How a kept article whose deals an editor must confirm says so.
_WAITS = "Its deals wait for an editor"


@dataclass(frozen=True)
class Verdict:
    """Whether the article is about a deal; when it is not, why (naming words and sentence); when
    it is but its deals wait for an editor's word, why."""

    relevant: bool
    reason: str = ""
    score: float = 0.0


@dataclass(frozen=True)
class Model:
    """A logistic regression: a bias and one weight per feature; a look-alike above ``cut``."""

    bias: float
    weights: dict[str, float]
    cut: float = 0.5

    @classmethod
    def from_json(cls, data: dict) -> Model:
        return cls(float(data["bias"]), dict(data["weights"]), float(data.get("cut", 0.5)))

    def probability(self, features: dict[str, Evidence]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * e.value for name, e in features.items())
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


@functools.cache
def shipped_model() -> Model:
    return Model.from_json(json.loads(WEIGHTS_FILE.read_text(encoding="utf-8")))


# The training script reads the features of each story, and the rules to decide it with (given
# features, whether a rule keeps it out), through this hook; ``None`` judges.
observer: Callable[[dict[str, Evidence], Callable[[dict[str, Evidence]], bool]], None] | None = None


# A topic's words that name a deal of its kind ("defence pact", "cloud deal").
_NAMES_A_DEAL = re.compile(r"\b(?:pact|deal|agreement|treaty|contract)s?$")
# From a headline's deal word to a topic's words: the deal's purpose ("deal to make military
# drills ...", "pact on defence"), with no comma or new clause between them.
_DEAL_FOR = re.compile(
    r"(?:deal|pact|agreement|accord|treaty|contract)s?\s+(?:to|for|on|over|covering)"
    r"(?:\s+[\w'-]+){0,3}\s+$"
)


def features(
    doc: Document, drafts: Sequence[DraftDeal], mentions: Sequence[DealMention]
) -> dict[str, Evidence]:
    """What the headline and the lead are about, and what trade evidence the extractor found."""
    lead = _lead(doc)
    found = find_topics(doc, lead)
    first_deal = _first_deal_word(doc, drafts, found, lead[0])
    for name, e in list(found.items()):
        if e.value == 1.0 and first_deal is not None and _start(doc, e) > first_deal:
            if _NAMES_A_DEAL.search(e.words.lower()):
                continue  # "UK and Norway sign defence pact": the topic is the deal itself.
            if name == "effects":
                continue  # "Tariffs set to cut into retailer's profit": what the deal costs.
            if _DEAL_FOR.search(doc.low, first_deal, _start(doc, e)):
                continue  # "ink deal to make military drills run smoothly": what the deal is for.
            # "US and EU sign trade deal, sending stocks higher": the headline's news comes first.
            found[name] = Evidence(0.5, e.words, e.sentence)
    main = mentions[0]
    # A state's body that is the look-alike's own subject (the central bank whose rate decision
    # the headline reports) is no sign of a deal of state.
    state_actor = any(
        p.kind in _STATE_ACTORS and not names_a_topic(p.name, found)
        for m in mentions
        for p in m.parties
    )
    found["state_actor"] = Evidence(float(state_actor))
    takeover = found.get("takeover")
    if takeover is not None and (not state_actor or "sports" in found):
        # One firm buying another is business news; a state's fund or company buying is not,
        # unless what it buys is a club.
        found["firm_takeover"] = takeover
    lead_end = doc.index.sentences[lead[-1]].end
    countries = {p.name for p in main.parties if p.kind in COUNTRYLIKE}
    # Countries the lead names as parties of any deal it tells: a corridor's backers signing a
    # memorandum with the countries it crosses are parties of a deal of state.
    in_lead = {
        p.name for m in mentions for p in m.parties if p.kind in COUNTRYLIKE and p.start < lead_end
    }
    found["two_countries"] = Evidence(float(len(in_lead) >= 2))
    main_kinds = {p.kind for p in main.parties}
    found["companies_only"] = Evidence(
        float(
            "company" in main_kinds
            and not main_kinds - {"company"} - COUNTRYLIKE
            and len(countries) < 2
        )
    )
    # A good of the lead counts where a deal is told beside it: the goods an agreement's story
    # names around the agreement say what it covers, not that the story is about trade.
    told = set().union(*(d.sentences() for d in drafts))
    found["commodity"] = Evidence(
        float(
            any(
                c.start < lead_end and doc.index.index_of(c.start) in told for c in main.commodities
            )
        )
    )
    found["confidence"] = Evidence(main.confidence)
    lead_set = set(lead)
    deal_in_lead = any(d.sentences() & lead_set for d in drafts)
    found["deal_in_lead"] = Evidence(float(deal_in_lead))
    found["deal_in_title"] = Evidence(float(any(d.sentences() & set(lead[:1]) for d in drafts)))
    found["trade_noun"] = Evidence(
        float(
            any(c.label in _TRADE_NOUNS and c.sentence in lead_set for d in drafts for c in d.nouns)
        )
    )
    best = max((s.weight for d in drafts for s in d.support), default=0.0)
    found["best_support"] = Evidence(best)
    return found


def judge(doc: Document, drafts: Sequence[DraftDeal], mentions: Sequence[DealMention]) -> Verdict:
    """Keep an article the extractor found deals in, unless it reads like a look-alike."""
    found = features(doc, drafts, mentions)
    if observer is not None:
        observer(found, lambda given: _by_rule(doc, drafts, given) is not None)
        return Verdict(True)
    ruled = _by_rule(doc, drafts, found)
    if ruled is not None:
        return Verdict(False, ruled, 1.0)
    doubt, p = "", 0.0
    if not _trade_evidence(found):
        headline = " ".join(doc.sentence_text(_lead(doc)[0]).split())
        doubt = f'{_WAITS}: {_NOTHING_OF_TRADE.lower()}: "{headline}"'
    # Only what the headline or lead is about can make a look-alike: an article with deal
    # evidence and no such words is kept, however weak the evidence.
    if found.keys() & TOPICS.keys():
        model = shipped_model()
        p = model.probability(found)
        if p >= model.cut:
            return Verdict(False, _reason(doc, model, found), p)
        if p >= DOUBTFUL and not doubt:
            doubt = f"{_WAITS}, as it may be a look-alike. {_reason(doc, model, found)}"
    _doubt_background(doc, drafts, mentions)
    if doubt:
        _doubt_all(mentions)
    return Verdict(True, doubt, p)


def _by_rule(doc: Document, drafts: Sequence[DraftDeal], found: dict[str, Evidence]) -> str | None:
    """Why the headline's own news or the weakness of the deal keeps the article out, if it does."""
    title = _lead(doc)[0]
    genre = _GENRE.match(doc.text, doc.index.sentences[title].start) or _GENRE.match(
        doc.text, doc.index.sentences[min(title + 1, len(doc.index.sentences) - 1)].start
    )
    if genre is not None:
        return f'It is labelled "{genre.group(0).strip()}": an opinion piece, not news.'
    headline = " ".join(doc.sentence_text(title).split())
    caused = _headline_then_cause(doc, drafts, found, title)
    if caused is not None:
        return (
            f"Its headline reports {caused}, and names the deal only as its cause or background:"
            f' "{headline}"'
        )
    elsewhere = _headline_elsewhere(doc, drafts, found, title)
    if elsewhere is not None:
        return (
            f'Its headline reports {elsewhere}: "{headline}"; the deal is named only further'
            " down, as background."
        )
    if not found["deal_in_lead"].value and found["best_support"].value < _PASSING:
        first = min(i for d in drafts for i in d.sentences())
        passage = " ".join(doc.sentence_text(first).split())
        return f'It names a deal only in passing, after its lead: "{passage}"'
    own_news = _headline_topics(doc, found, title)
    people = [t for t in own_news if t[1] in _CONTRACTS_OF_PEOPLE]
    if people and "trade" not in found:
        _at, name, words = min(people)
        return (
            f'Its headline reports {TOPICS[name][0]} ("{words}"): "{headline}"; a contract'
            " with players or workers is not a trade deal."
        )
    other = [t for t in own_news if t[1] in _OTHER_DEALS]
    if other and "trade" not in found:
        _at, name, words = min(other)
        return (
            f'Its headline reports {TOPICS[name][0]} ("{words}"): "{headline}"; nothing in its'
            " lead names trade."
        )
    first = doc.first_body_sentence
    lead_other = [
        (_start(doc, e), name, e.words)
        for name, e in found.items()
        if name in _OTHER_DEALS and e.sentence == first and first is not None
    ]
    if lead_other and "trade" not in found:
        # "Embraer finalizes orders with two airlines" over "a firm order for 100 jets".
        _at, name, words = min(lead_other)
        sentence = " ".join(doc.sentence_text(first).split())
        return (
            f'Its first sentence reports {TOPICS[name][0]} ("{words}"): "{sentence}"; nothing'
            " in its lead names trade."
        )
    if own_news and not _trade_evidence(found):
        _at, name, words = min(own_news)
        return (
            f'Its headline reports {TOPICS[name][0]} ("{words}"): "{headline}"; nothing in its'
            " lead is about trade (no trade words, goods, two countries or a state's party)."
        )
    if (
        found["companies_only"].value
        and not _trade_evidence(found)
        and not any(doc.commodities_by_sentence.get(i) for d in drafts for i in d.sentences())
    ):
        # Firms' deal in goods names the goods, and one with a state names its body or fund;
        # their other deals (a takeover, a player's contract, an alliance, a software deal) are
        # no trade deal, whatever words tell them.
        if found.keys() & TOPICS.keys():
            return f"{_reason(doc, shipped_model(), found)}; {_NOTHING_OF_TRADE.lower()}."
        return f'{_NOTHING_OF_TRADE}: "{headline}"'
    return None


def _doubt_background(
    doc: Document, drafts: Sequence[DraftDeal], mentions: Sequence[DealMention]
) -> None:
    """A deal named neither in the headline nor in the first sentence is background to the story
    ("trade has grown since the 2019 agreement"): its mention keeps at most BACKGROUND_CONFIDENCE,
    below the confidence at which a trusted source's proposal is accepted without an editor. One
    after a main deal the story opens with, told only further down, is told in passing
    (``DealMention.in_passing``): the tracker files it only on a deal it already follows."""
    lead = doc.lead_sentences
    # The story's own opening, past a page's lines that are not the story's ("Announcement").
    opening = lead | set(_lead(doc)[:2])
    main_opens = bool(drafts[0].sentences() & opening)
    for n, (draft, mention) in enumerate(zip(drafts, mentions, strict=True)):
        if not draft.sentences() & lead:
            mention.confidence = min(mention.confidence, BACKGROUND_CONFIDENCE)
        mention.in_passing = n > 0 and main_opens and not draft.sentences() & opening


def _doubt_all(mentions: Sequence[DealMention]) -> None:
    """An article the model keeps but nearly took for a look-alike (a central bank's decision or
    a club's takeover that names a trade deal can read so), or whose lead says nothing of trade
    (a story about something else that names a deal further down can read so), must not move a
    deal on its own: each
    of its mentions keeps at most BACKGROUND_CONFIDENCE, below the confidence at which a trusted
    source's proposal is accepted without an editor, so an editor confirms the story is about
    the deal before its stage or parties change. An editor who accepts it still files it."""
    for mention in mentions:
        mention.confidence = min(mention.confidence, BACKGROUND_CONFIDENCE)


def why_not(doc: Document, fallback: str) -> str:
    """Why an article with no deal found is not relevant: the look-alike its lead reads like,
    naming the words and sentence, or else ``fallback``."""
    found = find_topics(doc, _lead(doc))
    found.pop("opinion", None)
    if not found:
        return fallback
    return f"{fallback} {_reason(doc, shipped_model(), found)}"


def _reason(doc: Document, model: Model, found: dict[str, Evidence]) -> str:
    topical = [
        (model.weights.get(name, 0.0) * e.value, name, e)
        for name, e in found.items()
        if name in TOPICS
    ]
    if not topical:
        return "It names a deal only in passing: its headline and lead are about something else."
    _weight, name, e = max(topical, key=lambda t: t[0])
    label = TOPICS[name][0]
    where = "headline" if doc.index.sentences[e.sentence].in_title else "lead"
    sentence = " ".join(doc.sentence_text(e.sentence).split())
    return f'It reads like {label}, not a trade deal: "{e.words}" in the {where}: "{sentence}"'


def _lead(doc: Document) -> list[int]:
    """The headline (or, with none, the first sentence) and the next LEAD_SENTENCES sentences."""
    sentences = doc.index.sentences
    titled = [i for i, s in enumerate(sentences) if s.in_title]
    first = titled[-1] if titled else 0
    body = (
        i
        for i in range(first + 1, len(sentences))
        if not sentences[i].in_title and not _CREDIT_LINE.fullmatch(doc.sentence_text(i).strip())
    )
    return [first, *islice(body, LEAD_SENTENCES)]


# A line of the page, not of the story: a byline ("By XINHUA", "Written by: Maneesh Karki"), a
# source or agency ("Source: mining.com", "Bloomberg"), a dateline ("DULLES, Va.", "April 28,
# 2022"): a few words, each capitalised or a number.
_WORD_OF_A_CREDIT = r"(?:[A-Z][\w.&'-]*|\d[\d:,.]*|[a-z][\w-]*\.(?:com|net|org|co|io)\b)"
_CREDIT_LINE = re.compile(
    r"(?:(?:By|Via|Source|Written by|Updated|Posted|Published)\b:?\s*-?\s*)?"
    + _WORD_OF_A_CREDIT
    + r"(?:[ ,|-]+(?:"
    + _WORD_OF_A_CREDIT
    + r"|of|the|and|at|am|pm)){0,7}[.,:]?"
)


def _headline_then_cause(
    doc: Document, drafts: Sequence[DraftDeal], found: dict[str, Evidence], title: int
) -> str | None:
    """The look-alike a headline reports when its deal or trade words come only after "after",
    "amid", "as", "on"...: "Bank holds rates after trade deal", "Stocks climb on trade hopes"."""
    topics = _headline_topics(doc, found, title)
    first_deal = _first_deal_word(doc, drafts, found, title)
    if not topics or first_deal is None:
        return None
    at, name, words = min(topics)
    if at >= first_deal or not _CAUSE.search(doc.low, at + len(words), first_deal):
        return None
    return f'{TOPICS[name][0]} ("{words}")'


def _headline_topics(
    doc: Document, found: dict[str, Evidence], title: int
) -> list[tuple[int, str, str]]:
    """(where, topic, words) of each look-alike topic that is the headline's own news."""
    return [
        (_start(doc, e), name, e.words)
        for name, e in found.items()
        if name in TOPICS and name != "opinion" and e.sentence == title and e.value == 1.0
    ]


def _trade_evidence(found: dict[str, Evidence]) -> bool:
    return "trade" in found or any(
        found[name].value for name in ("trade_noun", "commodity", "two_countries", "state_actor")
    )


def _headline_elsewhere(
    doc: Document, drafts: Sequence[DraftDeal], found: dict[str, Evidence], title: int
) -> str | None:
    """The look-alike a headline reports when neither it nor the first sentence names any deal
    or trade: "Germany's budget boosts defence spending" over a trade deal in paragraph three."""
    topics = _headline_topics(doc, found, title)
    if not topics or _first_deal_word(doc, drafts, found, title) is not None:
        return None
    if any(d.sentences() & doc.lead_sentences for d in drafts):
        return None
    _at, name, words = min(topics)
    return f'{TOPICS[name][0]} ("{words}")'


def _first_deal_word(
    doc: Document, drafts: Sequence[DraftDeal], found: dict[str, Evidence], title: int
) -> int | None:
    """Where the headline first names a deal, a measure or trade, if it does. A verb of a deal's
    stage counts unless a look-alike's words follow it before any deal's noun, and not as the
    noun's own first words: in "Carmaker cuts forecast as tariffs bite" what is cut is the
    forecast, in "Fund signs data centre deal" a deal is signed."""
    nouns = [c.start for d in drafts for c in d.nouns if c.sentence == title]
    trade = found.get("trade")
    if trade is not None and trade.sentence == title:
        nouns.append(_start(doc, trade))
    first_noun = min(nouns, default=len(doc.text))
    objects = [
        at
        for name, e in found.items()
        if name in TOPICS
        and e.sentence == title
        and (at := _start(doc, e)) < first_noun
        and doc.text[at + len(e.words) : first_noun].strip(" -")
    ]
    verbs = [
        c.start
        for d in drafts
        for c in d.cues
        if c.sentence == title and c.start < first_noun and not any(c.start < at for at in objects)
    ]
    return min([*nouns, *verbs], default=None)


def _start(doc: Document, e: Evidence) -> int:
    s = doc.index.sentences[e.sentence]
    return doc.text.find(e.words, s.start, s.end)
