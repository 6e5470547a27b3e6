"""Numbers with units: percentages, money with currency and scale, physical quantities."""

from __future__ import annotations

import re

from .text import Sentence, SentenceIndex, quote
from .types import Figure

_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE_WORDS = r"(?P<scale>trillion|billion|million|thousand|crore|lakh|tn|trn|bln|bn|mln|mn|b|m|k)"
_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "lakh": 1e5,
    "million": 1e6,
    "mln": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "crore": 1e7,
    "billion": 1e9,
    "bln": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
}
_CURRENCY_PREFIX = {
    "us$": "USD",
    "u.s.$": "USD",
    "usd": "USD",
    "$": "USD",
    "a$": "AUD",
    "aud": "AUD",
    "c$": "CAD",
    "cad": "CAD",
    "s$": "SGD",
    "sgd": "SGD",
    "hk$": "HKD",
    "nz$": "NZD",
    "r$": "BRL",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "¥": "JPY",
    "jpy": "JPY",
    "₹": "INR",
    "rs": "INR",
    "rs.": "INR",
    "inr": "INR",
    "rm": "MYR",
    "myr": "MYR",
    "rmb": "CNY",
    "cny": "CNY",
    "₩": "KRW",
    "krw": "KRW",
    "rp": "IDR",
    "idr": "IDR",
    "chf": "CHF",
}
_CURRENCY_WORDS = {
    "dollars": "USD",
    "us dollars": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds sterling": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "francs": "CHF",
    "rand": "ZAR",
    "lira": "TRY",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "ringgit": "MYR",
    "rupees": "INR",
    "won": "KRW",
    "rupiah": "IDR",
    "baht": "THB",
    "pesos": "MXN",
    "reais": "BRL",
    "rubles": "RUB",
    "roubles": "RUB",
    "dirhams": "AED",
    "riyals": "SAR",
    "dong": "VND",
}
_UNITS = {
    "metric tons": "t",
    "metric tonnes": "t",
    "tonnes": "t",
    "tons": "t",
    "tonne": "t",
    "ton": "t",
    "mt": "t",
    "mtpa": "t/y",
    "tpa": "t/y",
    "ktpa": "t/y",
    "t": "t",
    "kt": "t",
    "barrels per day": "bbl/d",
    "barrels a day": "bbl/d",
    "bpd": "bbl/d",
    "b/d": "bbl/d",
    "barrels": "bbl",
    "bbl": "bbl",
    "cubic metres": "m3",
    "cubic meters": "m3",
    "bcm": "m3",
    "gw": "GW",
    "mw": "MW",
    "kw": "kW",
    "gwh": "GWh",
    "mwh": "MWh",
    "twh": "TWh",
    "kg": "kg",
    "kilograms": "kg",
    "ounces": "oz",
    "oz": "oz",
    "bushels": "bu",
    "vehicles": "vehicles",
    "cars": "vehicles",
    "units": "units",
    "jobs": "jobs",
}
_WEIGHT_OR_MONEY = frozenset({"pounds"})
_UNIT_FACTOR = {"kt": 1e3, "bcm": 1e9, "mtpa": 1e6, "ktpa": 1e3}

_prefix_alt = "|".join(re.escape(k) for k in sorted(_CURRENCY_PREFIX, key=len, reverse=True))
_word_alt = "|".join(re.escape(k) for k in sorted(_CURRENCY_WORDS, key=len, reverse=True))
_unit_alt = "|".join(re.escape(k) for k in sorted(_UNITS, key=len, reverse=True))
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_GROUPED = re.compile(_NUM)
# Read outwards from each number: a currency sign or code just before it ...
_CURRENCY_BEFORE = re.compile(rf"(?<![\w$])(?P<cur>{_prefix_alt})\s?$", re.IGNORECASE)
# ... or a scale and a unit, currency word or percent sign just after it.
_AFTER_NUMBER = re.compile(
    rf"(?:\s?{_SCALE_WORDS}\b)?(?:\s?(?P<pct>%|percent\b|per cent\b|pct\b|percentage points?\b"
    rf"|basis points\b)|\s(?P<cur>{_word_alt})\b|\s?(?P<unit>{_unit_alt})\b)?",
    re.IGNORECASE,
)
_QUANTITY_SCALES = frozenset({"trillion", "billion", "million", "thousand", "bn", "mn", "m", ""})

_WHAT_WORDS = {
    **dict.fromkeys(("tariff", "tariffs", "duty", "duties", "levy", "levies"), "tariff"),
    **dict.fromkeys(("quota", "quotas"), "quota"),
    **dict.fromkeys(("reserve", "reserves"), "reserves"),
    **dict.fromkeys(
        ("investment", "investments", "invest", "invests", "invested", "investing", "funding"),
        "investment",
    ),
    "stake": "stake",
    **dict.fromkeys(("loan", "loans"), "loan"),
    **dict.fromkeys(("purchase", "purchases", "buy", "buying", "procurement"), "purchases"),
    **dict.fromkeys(("export", "exports"), "exports"),
    **dict.fromkeys(("import", "imports"), "imports"),
    **dict.fromkeys(("production", "output", "produce", "produces", "mined"), "production"),
    "capacity": "capacity",
    **dict.fromkeys(("worth", "valued", "value", "deal", "contract", "agreement"), "deal value"),
    **dict.fromkeys(("revenue", "sales"), "revenue"),
    **dict.fromkeys(("price", "prices"), "price"),
    "demand": "demand",
    **dict.fromkeys(("shipment", "shipments"), "shipments"),
    "inflation": "inflation",
    **dict.fromkeys(("growth", "gdp"), "growth"),
    "unemployment": "unemployment",
    "surplus": "trade surplus",
    "deficit": "trade deficit",
}
_WHAT_PAIRS = {
    "repo rate": "repo rate",
    "interest rate": "interest rate",
    "interest rates": "interest rate",
    "policy rate": "interest rate",
    "benchmark rate": "interest rate",
    "cash rate": "interest rate",
    "lending rate": "interest rate",
    "market share": "market share",
}
_WORD_RX = re.compile(r"[a-z]+")
MACRO_WHATS = frozenset(
    {
        "repo rate",
        "interest rate",
        "inflation",
        "growth",
        "unemployment",
        "trade surplus",
        "trade deficit",
    }
)


def _number(text: str) -> float:
    return float(text.replace(",", ""))


_CLAUSE_STOP = re.compile(r"[,;:()]|\s-\s|\band\b|\bwhile\b|\bbut\b")


def _label(words: list[str], i: int) -> str | None:
    if i + 1 < len(words):
        pair = _WHAT_PAIRS.get(f"{words[i]} {words[i + 1]}")
        if pair:
            return pair
    if i > 0:
        pair = _WHAT_PAIRS.get(f"{words[i - 1]} {words[i]}")
        if pair:
            return pair
    return _WHAT_WORDS.get(words[i])


def _what(low: str, sentence: Sentence, start: int, end: int) -> str | None:
    """What a figure measures: the nearest telling word in its clause, a little after-biased."""
    after = low[end : min(sentence.end, end + 45)]
    stop = _CLAUSE_STOP.search(after)
    if stop:
        after = after[: stop.start()]
    before = low[max(sentence.start, start - 50) : start]
    stops = list(_CLAUSE_STOP.finditer(before))
    if stops:
        before = before[stops[-1].end() :]
    after_words = _WORD_RX.findall(after)
    before_words = _WORD_RX.findall(before)
    for distance in range(max(len(after_words), len(before_words))):
        if distance < len(after_words):
            label = _label(after_words, distance)
            if label:
                return label
        back = len(before_words) - 1 - distance
        if back >= 0:
            label = _label(before_words, back)
            if label:
                return label
    return None


def _reading(text: str, match: re.Match[str]) -> tuple[int, int, float, str] | None:
    """(start, end, value, unit) of the figure around one number, if it is one."""
    start, end = match.span()
    number = _number(match.group())
    if start and (text[start - 1].isalnum() or text[start - 1] == "."):
        currency = _CURRENCY_BEFORE.search(text, max(0, start - 7), start)
        if currency is None:
            return None
    else:
        currency = _CURRENCY_BEFORE.search(text, max(0, start - 7), start)
    after = _AFTER_NUMBER.match(text, end)
    scale = (after.group("scale") or "").lower()
    if currency is not None:
        code = _CURRENCY_PREFIX[currency.group("cur").lower()]
        scale_end = after.end("scale") if after.group("scale") else end
        return currency.start(), scale_end, number * _SCALES.get(scale, 1.0), code
    if after.group("pct"):
        unit_text = after.group("pct").lower()
        unit = (
            "pp"
            if unit_text.startswith("percentage")
            else "bp"
            if unit_text.startswith("basis")
            else "%"
        )
        return start, after.end(), number, unit
    if after.group("cur"):
        word = after.group("cur").lower()
        if word in _WEIGHT_OR_MONEY and not scale:
            return None  # "20 pounds of beef" weighs; "1.6 billion pounds" is money
        code = _CURRENCY_WORDS[word]
        return start, after.end(), number * _SCALES.get(scale, 1.0), code
    if after.group("unit") and scale in _QUANTITY_SCALES:
        unit_text = after.group("unit")
        unit_key = unit_text.lower()
        if unit_key in {"t", "mt", "m"} and unit_text not in {"t", "mt", "Mt", "MT"}:
            return None
        factor = _SCALES.get(scale, 1.0) * _UNIT_FACTOR.get(unit_key, 1.0)
        if unit_text == "Mt":
            factor *= 1e6
        return start, after.end(), number * factor, _UNITS[unit_key]
    return None


def find_figures(
    text: str, low: str, sentences: list[Sentence], index: SentenceIndex
) -> list[Figure]:
    """Every figure in the document, in text order."""
    found = []
    last_end = 0
    for candidate in _NUMBER.finditer(text):
        if candidate.start() < last_end:
            continue
        # A plain scan for digits is ten times faster than the grouped-number pattern.
        match = _GROUPED.match(text, candidate.start(), candidate.end())
        if match is None:
            continue
        reading = _reading(text, match)
        if reading is not None:
            found.append(reading)
            last_end = reading[1]
    figures = []
    for start, end, value, unit in found:
        sentence = sentences[index.index_of(start)]
        figures.append(
            Figure(
                text=text[start:end],
                value=round(value, 6),
                unit=unit,
                what=_what(low, sentence, start, end),
                quote=quote(text[sentence.start : sentence.end]),
                start=start,
                end=end,
            )
        )
    return figures
