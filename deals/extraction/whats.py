"""What a figure measures: one slug of ``FIGURE_WHATS`` from the words of its clause.

Terms of a deal (a tariff rate, a price floor, an investment, a stake, a quota, what a contract is
worth) are told apart from background (the trade between the sides last year, reserves, a market
share, a company's revenue): a clause about trade flows or a company's accounts never gives
``deal_value``, whatever "worth" or "deal" it also holds.
"""

from __future__ import annotations

import re

PERCENT, MONEY, QUANTITY, COUNT = "percent", "money", "quantity", "count"

_CLAUSE_STOP = re.compile(r"[,;:()]|\s[-\u2013\u2014]\s|\band\b|\bwhile\b|\bbut\b|\bwhich\b")


def _any(words: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{words})\b")


_TARIFF = _any(
    r"tariffs?|dut(?:y|ies)|levy|levies|surtax(?:es)?|tax(?:es)?|rates?|ad valorem|customs"
)
# A duty charged by the unit names itself just before its amount: "a duty of $50 per tonne".
_DUTY_OF = re.compile(
    r"\b(?:dut(?:y|ies)|tariffs?|levy|levies|tax(?:es)?|surcharges?|charges?)\s+(?:of\s+)?"
    r"(?:up to\s+|about\s+|around\s+|nearly\s+)?$"
)
_PREVIOUS_BEFORE = re.compile(
    r"(?:\bfrom(?: the| a| its| their)?(?: current| existing| previous)?|\bhad been at"
    r"|\bwas(?: at)?|\bnormal|\bexisting|\bcurrent|\bprevious)\s+$"
)
_PREVIOUS_AFTER = re.compile(r"^\s*(?:\w+\s+){0,4}?(?:previously|already|before|earlier)\b")
_MOVED = re.compile(
    r"\b(?:climb(?:ed|s)?|r[io]se|rising|jump(?:ed|s)?|gain(?:ed|s)?|soar(?:ed|s)?|f[ae]ll"
    r"|falling|drop(?:ped|s)?|lost|los(?:e|es)|gr[eo]w|grows|growth|up|down|increas(?:e|ed|ing)"
    r"|decline[ds]?|premium|surg(?:e|ed)|slump(?:ed)?|plung(?:e|ed)|cut|reduction of|by)\b"
    r"[^.]{0,12}$"
)
_LEVEL = re.compile(r"\bto\s+$")
_CHANGE_AFTER = re.compile(
    r"^\s*(?:(?:more|less|higher|lower) than\b|year on year\b|premium|discount|rise|gain"
    r"|increase|jump|drop|fall|decline|growth)"
)
_RANGING = re.compile(r"\b(?:rang(?:e|es|ed|ing)|between)\s+(?:from\s+)?$")
_PAY = _any(r"pay|pays|paying|charged?")
# "a duty of 55 per cent to 162.5 per cent of the CIF value": an ad valorem rate.
_OF_VALUE = re.compile(
    r"^\s*of\s+(?:the\s+|its\s+)?(?:(?:cif|c\.i\.f|fob|f\.o\.b|customs|assessable|landed"
    r"|declared)\b|(?:[\w-]+\s+){0,3}?(?:value|price|cost)\b(?!\s+of\b))"
)
# "lifted the import tax on edible oils by 20 percentage points": the duty itself moved.
_DUTY_MOVED_BY = re.compile(
    r"\b(?:rais|lift|increas|hik|cut|lower|reduc|slash)\w*\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:tariffs?|dut(?:y|ies)|tax(?:es)?|levy|levies)\b[^.;]{0,80}?\bby\s+"
    r"[\d.,]+\s*(?:percentage points?|points?|%|per\s*cent|percent)"
)
_SHARE_OF = re.compile(r"^\s*of\b")
_STAKE = _any(r"stakes?|holdings?|equity|shareholding|ownership")
_TAKES = _any(
    r"take|takes|taking|took|hold|holds|held|holding|acquire[sd]?|buy|buys|bought|seek(?:s|ing)?"
    r"|own|owns|owned|sell|sells|sold"
)
_MARKET = _any(
    r"world'?s?|global|globally|market|supply|supplies|supplied|share|produc(?:e|es|ed|tion)"
    r"|processe[sd]|processing|refined|refining|mined"
)
# Trade defence: its "deposit rate" and "rate" are a duty, not a bank's rate.
_TRADE_DEFENCE = _any(r"anti-?dumping|countervailing|anti-?subsidy|safeguards?|customs")
_ACCOUNTS_FOR_TRADE = re.compile(r"\baccount(?:s|ed)? for\b.*\b(?:imports|exports)\b")
_MACRO = re.compile(
    r"\b(?:inflation|unemployment|gdp|economic growth|central bank|consumer price"
    r"|(?:interest|policy|repo|cash|benchmark|lending|bank|deposit|key|annual|exchange|growth)"
    r"(?: [a-z]+)? rates?)\b"
)

_PRICE = _any(r"prices?|priced|floor|apiece|spot|futures")
_ACCOUNTS = _any(
    r"revenues?|sales|profits?|earnings|ebitda|income|gdp|output|valuation"
    r"|market value|market capitali[sz]ation|combined worth|tax credits?|abatement|refunds?"
    r"|spend|spending|budget|subsid(?:y|ies)|fine[sd]?|buyback|assets"
)
_LOAN = _any(r"loans?|lent|lend(?:s|ing)?|financing|credit lines?|debt|bonds?")
# Trade flows, not a trade deal: "bilateral trade", "exports were worth", "traded goods".
_TRADE = re.compile(
    r"\b(?:trade[ds]?|trading|exports?|imports?|exported|imported|two-way|bilateral|shipments"
    r"|surplus|deficit|goods)\b(?!\s+(?:deals?|agreements?|pacts?|accords?|talks|war|minister))"
)
_INVESTMENT = _any(
    r"invest(?:s|ed|ing|ment|ments|or|ors)?|funds?|funding|injected|capital|put in|into the"
    r"|stakes?|shares|share purchase|stock|equity"
)
_DEAL = _any(
    r"worth|valued|value|deals?|contracts?|agreements?|takeover|acquisition|bid|merger"
    r"|purchases?|purchasing|buy(?:ing)?|to the tune of|offtake|acquir(?:e|es|ed|ing)|bought"
    r"|sale|sells?|sold"
)
# What the amount is of, named right after it: "a $53 billion all-stock deal".
_DEAL_AFTER = re.compile(
    r"^\s*(?:[a-z-]+\s){0,2}?(?:deal|merger|takeover|acquisition|bid|agreement|contract)s?\b"
)
# "tariffs on $200 billion of Chinese goods": the amount is the trade the tariffs fall on.
_OF_GOODS = re.compile(r"^\s*(?:worth )?of (?:[\w-]+ ){0,3}?(?:goods|imports|exports|products)\b")
# "levies on American goods worth $150 billion": the same, said the other way round.
_GOODS_WORTH = re.compile(r"\b(?:goods|imports|exports|products) (?:worth|valued at)\s+$")
# What the amount builds, named right after it: "a $1.1bn battery cell plant".
_FACILITY_AFTER = re.compile(
    r"^\s*(?:[a-z-]+\s){0,3}?(?:plant|factory|smelter|refinery|mine|facility|gigafactory"
    r"|terminal|pipeline)s?\b"
)
# The size of a firm or an economy, "the S$308 billion firm", is background to any deal.
_SIZE_OF = re.compile(
    r"^\s*(?:[a-z-]+\s)?(?:firm|company|group|conglomerate|bank|insurer|economy|empire|business)\b"
)
_BOUGHT_INTO = _any(r"stakes?|share purchase|shares|stock")

# "allowed exports of 25 lakh tonnes", "exports of 5 LMT are permitted": what a restriction lets
# through is a quota too.
_QUOTA = _any(
    r"quotas?|caps?|capped|ceiling|limit(?:ed|s)?|allowance|as many as|allow(?:s|ed|ing)?"
    r"|permit(?:s|ted|ting)?"
)
# Of a quantity: what is held, not what moves ("wheat stocks of 75 lakh tonnes", "warehouses hold
# 136,000 tons", "availability in the central pool").
_RESERVES = _any(
    r"reserves?|deposits?|resources|has an estimated|stocks?|stockpiles?|inventor(?:y|ies)"
    r"|warehouses?|storage|buffer|central pool|availability"
)
# A country's harvest or output, a ship's size: background, not goods a deal or measure moves.
_PRODUCED = _any(
    r"production|produced|harvest(?:ed|s)?|crops?|procurement|output|yields?|grown|tonnage"
)
_CAPACITY = _any(
    r"capacity|able to|designed to|nameplate|can (?:produce|process|handle|make)"
    r"|(?:lift|raise|expand|boost|increase)s? (?:its |their )?(?:\w+ ){0,4}(?:output|production)"
)


# An amount converted in brackets, "600 million euros ($708 million) in duties", does not end the
# clause: what follows it still says what the amount is.
_CONVERSION = re.compile(r"\s?\((?:about |around |some )?[^()\s]*\d[^()]{0,24}\)")


def clause_around(low: str, sentence_start: int, sentence_end: int, start: int, end: int):
    """The words of a figure's clause before it and after it (each cut at a clause break)."""
    after = low[end : min(sentence_end, end + 60)]
    converted = _CONVERSION.match(after)
    if converted:
        after = low[end + converted.end() : min(sentence_end, end + converted.end() + 60)]
    stop = _CLAUSE_STOP.search(after)
    if stop:
        after = after[: stop.start()]
    before = low[max(sentence_start, start - 70) : start]
    stops = list(_CLAUSE_STOP.finditer(before))
    if stops:
        before = before[stops[-1].end() :]
    return before, after


def is_macro(before: str, after: str, sentence: str = "") -> bool:
    """A percentage of a whole economy: a policy rate, inflation, growth, unemployment (not the
    "deposit rate" of an anti-dumping measure)."""
    if _TRADE_DEFENCE.search(sentence):
        return False
    return bool(_MACRO.search(before) or _MACRO.search(after))


def what_of(
    kind: str,
    unit: str,
    clause: tuple[str, str],
    around: str,
    sentence: str,
    previous: str | None,
    per_unit: bool = False,
) -> str:
    """The slug of what a figure measures.

    ``clause`` is the text of its clause before and after it, ``around`` a plain window of the
    sentence around it (not cut at clause breaks), and ``previous`` what the figure before it
    measured (a figure with no telling word of its own, "10 percent on aluminium" after "25
    percent on steel", or an amount converted in brackets, measures the same). ``per_unit``: an
    amount given per unit ("$110 per kilogram") or a quantity per year ("10 GWh/yr").
    """
    before, after = clause
    if kind == PERCENT:
        if is_macro(before, after, sentence):
            return "other"
        return _percent(before, after, around, sentence, previous)
    if kind == MONEY:
        return _money(before, after, around, per_unit, previous)
    if kind == QUANTITY:
        return _quantity(f"{before} {after}", unit, per_unit, previous)
    return "other" if unit in _NOT_COUNTS else "count"


# A population and a duration are not what a deal counts: "780 million people", "88 days".
_NOT_COUNTS = frozenset({"people", "minutes", "hours", "days", "weeks", "months", "years"})


def _percent(before: str, after: str, around: str, sentence: str, previous: str | None) -> str:
    clause = f"{before} {after}"
    if _SHARE_OF.match(after):
        if _OF_VALUE.match(after) and _TARIFF.search(sentence):
            return _rate(before, after)
        if _TAKES.search(before) and not _TRADE.search(after):
            return "stake"
        if _MARKET.search(after) or _MARKET.search(before) or _ACCOUNTS_FOR_TRADE.search(clause):
            return "market_share"
        return "other"
    if _STAKE.search(clause):
        return "stake"
    if _TARIFF.search(clause):
        return _rate(before, after)
    if before.endswith("by ") and _DUTY_MOVED_BY.search(around):
        return "tariff_rate"
    if _CHANGE_AFTER.match(after) or (_MOVED.search(before) and not _LEVEL.search(before)):
        return "other"
    if _MARKET.search(clause):
        return "market_share" if "share" in clause else "other"
    if previous in ("tariff_rate", "previous_rate") or _TARIFF.search(sentence):
        return _rate(before, after)
    if previous is None and _PAY.search(sentence):
        return "tariff_rate"
    return previous or "other"


def _rate(before: str, after: str) -> str:
    if _RANGING.search(before):
        return "tariff_rate"
    if _PREVIOUS_BEFORE.search(before) or _PREVIOUS_AFTER.match(after):
        return "previous_rate"
    return "tariff_rate"


def _money(before: str, after: str, around: str, per_unit: bool, previous: str | None) -> str:
    if previous is not None and not before.strip():
        return previous  # "$200 billion (€172 billion)": the same amount converted
    clause = f"{before} {after}"
    if per_unit and _DUTY_OF.search(before):
        return "tariff_rate"  # a specific duty: "an anti-dumping charge of 9.40 rand per kilogram"
    if per_unit or _PRICE.search(clause):
        return "price"
    if _LOAN.search(clause):
        return "loan"
    if _ACCOUNTS.search(clause) or _SIZE_OF.match(after):
        return "other"
    if _DEAL_AFTER.match(after):
        return "deal_value"
    if _BOUGHT_INTO.search(clause):
        return "investment"
    if _OF_GOODS.match(after) or _GOODS_WORTH.search(before):
        return "trade_value"
    if _FACILITY_AFTER.match(after):
        return "investment"
    if _TARIFF.search(clause):
        return "other"
    if _TRADE.search(clause):
        return "trade_value"
    if _INVESTMENT.search(clause):
        return "investment"
    if _TRADE.search(around):
        return "trade_value"
    if _DEAL.search(clause):
        return "deal_value"
    return previous or "other"


_RATED_UNITS = frozenset({"GW", "MW", "kW"})
_ENERGY_UNITS = frozenset({"GWh", "MWh", "TWh"})


def _quantity(clause: str, unit: str, per_year: bool, previous: str | None) -> str:
    if _QUOTA.search(clause):
        return "quota"
    if _RESERVES.search(clause):
        return "reserves"
    if _CAPACITY.search(clause) or unit in _RATED_UNITS or (per_year and unit in _ENERGY_UNITS):
        return "capacity"
    if _PRODUCED.search(clause):
        return "other"
    return previous or "volume"
