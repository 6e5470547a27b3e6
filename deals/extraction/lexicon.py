"""The extractor's vocabulary: deal and measure nouns, topic and trade words, rumour markers.

Stage statements are in :mod:`~deals.extraction.stage_cues`.

Every pattern runs on lower-cased, normalised text (ASCII quotes and dashes) and should begin with
literal words, so that :class:`~deals.extraction.prefixes.PrefixMatcher` can anchor it.
"""

from __future__ import annotations

import re


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_DEAL = r"(?:deals?|agreements?|pacts?|accords?|treaty|treaties|frameworks?|arrangements?)"
MEASURE_NOUN = (
    r"(?:(?:counter-)?tariffs?|dut(?:y|ies)|levies|levy|tax|taxes|surtax|quotas?|sanctions|ban|bans"
    r"|embargo(?:es)?|controls"
    r"|restrictions|curbs)"
)

# People a sanction or a ban can fall on who are no government and no trade ("sanctions on two
# Russian tycoons"): a measure on them is no trade measure.
PRIVATE_PERSONS = (
    "tycoon", "tycoons", "oligarch", "oligarchs", "businessman", "businessmen", "businesswoman",
    "businesswomen", "entrepreneur", "entrepreneurs", "billionaire", "billionaires", "individuals",
    "citizens", "persons",
)  # fmt: skip

# (pattern, kinds, label)
NOUNS: list[tuple[re.Pattern[str], str, str]] = [
    (
        _rx(
            r"\b(?:free[- ]trade|trade|economic|tariff|bilateral|reciprocal|interim|comprehensive"
            r"|economic partnership)\s+(?:and\s+[a-z]+\s+)?" + _DEAL + r"\b"
        ),
        "A",
        "trade",
    ),
    (
        _rx(
            r"\b(?:commercial|investment|purchase|purchasing|supply|offtake|off-take|energy"
            r"|minerals?|critical minerals)\s+(?:and\s+[a-z]+\s+)?" + _DEAL + r"\b"
        ),
        "A",
        "commercial",
    ),
    (
        _rx(
            r"\b(?:ftas?|usmca|nafta|cptpp|tpp|rcep|afcfta|ceta|cepa|ecfta"
            r"|economic partnerships?)\b"
        ),
        "A",
        "trade",
    ),
    # "tariff talks": the sides negotiate over the measure; what they talk about is a deal.
    (_rx(r"\b(?:trade|tariffs?) (?:talks|negotiations?)\b"), "A", "trade"),
    (_rx(r"\b(?:joint ventures?|jvs?)\b"), "A", "jv"),
    (
        _rx(
            r"\b(?:memorand(?:um|a)(?: of understanding)?|mous?|letters? of intent|lois?"
            r"|heads of agreement|term sheet|framework agreements?)\b"
        ),
        "A",
        "mou",
    ),
    (
        _rx(r"\b(?:partnerships?|offtake|off-take|supply contracts?|contracts?|protocol)\b"),
        "A",
        "deal",
    ),
    (_rx(r"\b" + _DEAL + r"\b"), "A", "deal"),
    (_rx(r"\b(?:talks|negotiations?|collaboration|cooperation|consortium)\b"), "A", "process"),
    (_rx(r"\b(?:acquisitions?|takeover|merger|stake)\b"), "A", "investment"),
    (
        _rx(
            r"\b(?:tariffs?|import dut(?:y|ies)|customs dut(?:y|ies)|export dut(?:y|ies)"
            r"|(?:export|import) tax(?:es)?|surtax(?:es)?"
            r"|safeguard (?:dut(?:y|ies)|tariffs?|measures?)"
            r"|dut(?:y|ies)|lev(?:y|ies)|anti-dumping|countervailing|safeguards?"
            r"|countermeasures?|counter-tariffs?|retaliatory (?:tariffs|measures|duties))\b"
        ),
        "M",
        "tariffs",
    ),
    (
        _rx(
            r"\b(?:export bans?|bans? on (?:the )?(?:exports?|shipments|sales)"
            r"|export prohibitions?)\b"
        ),
        "M",
        "export ban",
    ),
    (_rx(r"\b(?:import bans?|bans? on (?:the )?imports?)\b"), "M", "import ban"),
    (
        _rx(
            r"\b(?:export (?:controls?|restrictions?|curbs?|licen[cs](?:es?|ing))|curbs"
            r"|(?:trade|import|investment) (?:restrictions|barriers)|restrictions on)\b"
        ),
        "M",
        "export controls",
    ),
    (_rx(r"\b(?:export |import )?quotas?\b"), "M", "quotas"),
    (_rx(r"\bsanctions?\b"), "M", "sanctions"),
    (_rx(r"\bbans?\b"), "M", "ban"),
    (_rx(r"\bembargo(?:es)?\b"), "M", "embargo"),
    (_rx(r"\b(?:entity list|blacklist)\b"), "M", "entity listing"),
    (_rx(r"\bprice caps?\b"), "M", "price cap"),
    (_rx(r"\b(?:executive order|proclamation)\b"), "M", "order"),
    (_rx(r"\b(?:port|docking|entry|export|import) (?:fees|charges)\b"), "M", "tariffs"),
    (
        _rx(
            r"\b(?:freeze|moratorium|pause) on (?:the |new )?(?:[\w-]+ ){0,3}?(?:exports?|imports?"
            r"|permits?|licen[cs]es|approvals|shipments)\b"
        ),
        "M",
        "ban",
    ),
]

# Words just before a noun that make it not a trade matter.
NOT_TRADE = _rx(
    r"\b(?:peace|ceasefire|cease-fire|plea|coalition|wage|labou?r|hostage|prisoner|budget|spending"
    r"|debt|climate|nuclear|security|defen[cs]e|military|arms|immigration|migration|asylum"
    r"|privacy|book|record|recording|licensing|sponsorship|broadcast|broadcasting|transfer"
    r"|settlement|legal|regulatory|policy|fiscal|monetary|futures|employment|collective|union"
    r"|hostage|truce|power-sharing|governance|conceptual|analytical|marriage|prenuptial|tv|media"
    r"|streaming|naming|kit|shirt|player|contract-for-difference)\s+(?:[a-z-]+\s+)?$"
)
# "how to deal with", "companies that deal with its suppliers", "a ministry which deals with
# exports": the verb, not an agreement.
DEAL_VERB_USE = _rx(
    r"\b(?:to|will|would|can|could|must|should|how|we|they|i|you|who|which|also|directly"
    r"|(?:companies|firms|businesses|exporters|importers|manufacturers|makers|producers"
    r"|suppliers|traders|buyers|sellers|banks|people|those|customers|clients) that)\s+$"
)
# "duties of a citizen" is not a levy; "duties of up to 38%" is.
_A_RATE = (
    r"(?!\s+(?:up to |about |around |nearly |almost |as much as |more than |over |between |some "
    r"|roughly |at least |as high as )?[\d$\u20ac\u00a3\u00a5])"
)
DUTY_IDIOM = _rx(
    r"\b(?:duty[- ]free|on duty|off duty|duty of"
    + _A_RATE
    + r"|duty to|duties of"
    + _A_RATE
    + r"|civic duty)\b"
)

# Topic nouns link a sentence to an agreement without creating one.
TOPIC = _rx(
    r"\b(?:refinery|refineries|plant|facility|project|factory|smelter|processing hub|mine)\b"
)

TRADE_WORDS = _rx(
    r"\b(?:trade|trading|tariffs?|exports?|imports?|investment|invest|supply|supplies|shipments?"
    r"|purchases?|buy|sell|market access|commerce|commercial)\b"
)

RUMOUR = _rx(
    r"\b(?:reportedly|people (?:familiar|with knowledge)|sources? (?:said|say|says|close|familiar)"
    r"|according to (?:people|sources|a person|two people|three people)|declined to comment"
    r"|(?:has|have|had) denied|speculation|rumou?r(?:s|ed)?|(?:is|are) said to be"
    r"|on condition of anonymity|unnamed (?:officials|sources)"
    r"|(?:asked|declined) not to be identified|not authori[sz]ed to speak|sources told"
    r"|(?:people|persons?) (?:briefed|close to)|people with inside|(?:have |has )?leaked"
    r"|(?:on|after|amid) (?:a |the )?(?:media |news |press )?reports?"
    r"|according to (?:recent |media |news |press )?reports"
    # "Chile said to be in talks with India", "is understood to be", "citing people briefed".
    r"|said to be (?:in|close|near|nearing|weighing|considering|exploring|eyeing|planning"
    r"|mulling|preparing|looking|seeking|working)|(?:is|are|was|were) (?:understood|believed"
    r"|thought|rumou?red) to (?:be|have)"
    # Closing a headline or a paragraph: "..., report says", "... - sources".
    r"|(?:reports?|sources?) (?:says?|said|shows?)(?=\s*$|\s*\n)|sources?(?=\s*$|\s*\n)"
    r"|insiders? (?:say|said|says)|secret talks|secretly"
    r"|citing (?:unnamed |anonymous )?(?:people|sources|a person|persons|insiders)"
    r"|citing (?:two|three|four|several) (?:people|sources|officials)"
    r"|den(?:y|ies|ied|ying) (?:[\w'-]+ ){0,4}?(?:talks|negotiations|deal|agreement|pact|bid"
    r"|stake|merger|takeover|reports?))\b"
)
