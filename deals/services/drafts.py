"""What a proposal carries beside the parser's fields: a drafted summary of the deal, and the
places in the article's text where the parser read each thing, for the review screen.

Pure functions of the extractor's output: no database.
"""

import re

from deals.extraction import DealMention, Figure

#: Longest drafted summary, in characters; editors write longer ones if they like.
SUMMARY_MAX = 600
#: Words that need "the" before a name: the United States, the Philippines, the European Union.
_NEEDS_THE = re.compile(
    r"^(United|European|Gulf|World|International|Asian|African|Eurasian|Southern)\b"
    r"|\b(Republic|Kingdom|Islands|States|Emirates|Union|Council|Organization|Bank|Fund|"
    r"Ministry|Commission|Department|Office)\b"
    r"|^(Philippines|Netherlands|Bahamas|Maldives|Gambia)$"
)
#: "on Thursday", "said on Monday": true in the story, stale in a summary read months later.
_WEEKDAY = re.compile(
    r",?\s+(?:on|last|this)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)


#: Where one sentence of a story ends and the next begins.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘'])")


def _named(name: str) -> str:
    if name.endswith(" (unnamed)"):
        return "a " + name.removesuffix(" (unnamed)")
    return f"the {name}" if _NEEDS_THE.search(name) and not name.isupper() else name


def _listed(names: list[str]) -> str:
    names = list(dict.fromkeys(names))
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _goods(mention: DealMention) -> list[str]:
    """The commodities, less those whose parent is listed (rare earths, not also its kinds)."""
    names = {commodity.name for commodity in mention.commodities}
    goods = [c.name for c in mention.commodities if c.parent not in names]
    return list(dict.fromkeys(goods))[:3]


def _what_and_who(mention: DealMention) -> str:
    goods = _goods(mention)
    if mention.kind == "measure":
        imposing = [_named(p.name) for p in mention.parties if p.role == "imposing"]
        targeted = [_named(p.name) for p in mention.parties if p.role == "targeted"]
        others = [_named(p.name) for p in mention.parties if p.role not in ("imposing", "targeted")]
        sentence = "A trade measure"
        if imposing:
            sentence += f" by {_listed(imposing)}"
        if targeted:
            sentence += f" on {_listed(targeted)}"
        elif others and not imposing:
            sentence += f" involving {_listed(others)}"
        if goods:
            sentence += f", covering {_listed(goods)}"
        return sentence + "."
    parties = [_named(party.name) for party in mention.parties]
    sentence = "An agreement"
    if len(parties) >= 2:
        sentence += f" between {_listed(parties)}"
    elif parties:
        sentence += f" involving {parties[0]}"
    if goods:
        sentence += f" on {_listed(goods)}"
    return sentence + "."


def _plain(sentence: str) -> str:
    sentence = _WEEKDAY.sub("", " ".join(sentence.split())).strip()
    if sentence and sentence[-1] not in ".!?":
        sentence += "."
    return sentence[:1].upper() + sentence[1:]


def _lead(body: str) -> str:
    """The story's first sentence."""
    first = body.strip().split("\n", 1)[0]
    return _SENTENCE_END.split(first, 1)[0] if first else ""


def draft_summary(
    mention: DealMention, figures: list[Figure], *, title: str, body: str, main: bool
) -> str:
    """A first summary of the deal an article reports, for editors to correct.

    What it is and who takes part (from the parties and their roles), which goods, then the
    story's own sentences: the one that reports the stage (the lead rather than a headline)
    and those that give its figures, the key terms. The lead is the `main` deal's only.
    """
    sentences = [_what_and_who(mention)]
    stage_quote = (mention.stage_quote or "").strip()
    if not stage_quote or stage_quote in title:
        stage_quote = _lead(body) if main else stage_quote
    # A figure read in the headline would repeat the story in headline words.
    quotes = [stage_quote, *(f.quote for f in figures if f.quote and f.quote.strip() not in title)]
    for quote in quotes:
        sentence = _plain(quote or "")
        if not sentence or sentence in sentences:
            continue
        if len(" ".join([*sentences, sentence])) > SUMMARY_MAX:
            break
        sentences.append(sentence)
    return " ".join(sentences)


def _party_label(party) -> str:
    kind = party.kind.replace("_", " ")
    return f"{party.name}: {kind}, {party.role}" if party.role else f"{party.name}: {kind}"


def _figure_label(figure: Figure) -> str:
    return f"{figure.what}: {figure.text}" if figure.what else figure.text


def marks_of(
    mention: DealMention, figures: list[Figure], document: str, *, stage_name: str
) -> list[dict]:
    """Where the parser read each party, commodity, figure and the stage in `document` (the
    article's title, a blank line, its text), as spans the review screen marks."""
    marks = [
        {"start": p.start, "end": p.end, "kind": "party", "label": _party_label(p)}
        for p in mention.parties
    ]
    marks += [
        {"start": c.start, "end": c.end, "kind": "commodity", "label": f"commodity: {c.name}"}
        for c in mention.commodities
    ]
    marks += [
        {"start": f.start, "end": f.end, "kind": "figure", "label": _figure_label(f)}
        for f in figures
    ]
    quote = (mention.stage_quote or "").strip()
    # The quote is kept as the sentence was written, at most capped: find where it starts.
    start = document.find(quote[:80]) if quote else -1
    if start >= 0:
        end = start + len(quote) if document.startswith(quote, start) else start + len(quote[:80])
        label = f"stage: {stage_name}" if stage_name else "no stage read"
        marks.append({"start": start, "end": end, "kind": "stage", "label": label})
    return sorted(
        (mark for mark in marks if 0 <= mark["start"] < mark["end"] <= len(document)),
        key=lambda mark: (mark["start"], -mark["end"]),
    )
