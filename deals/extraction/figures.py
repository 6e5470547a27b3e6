"""Numbers with units: percentages, money with currency and scale, physical quantities."""

from __future__ import annotations

import re

from .text import Sentence, SentenceIndex
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
_UNIT_FACTOR = {"kt": 1e3, "bcm": 1e9}

_prefix_alt = "|".join(re.escape(k) for k in sorted(_CURRENCY_PREFIX, key=len, reverse=True))
_MONEY_PREFIX = re.compile(
    rf"(?<![\w$])(?P<cur>{_prefix_alt})(?=\s?\d)\s?{_NUM}(?:\s?{_SCALE_WORDS}\b)?",
    re.IGNORECASE,
)
_word_alt = "|".join(re.escape(k) for k in sorted(_CURRENCY_WORDS, key=len, reverse=True))
_MONEY_SUFFIX = re.compile(
    rf"(?<![\w.]){_NUM}(?:\s?{_SCALE_WORDS})?\s(?P<cur>{_word_alt})\b", re.IGNORECASE
)
_PERCENT = re.compile(
    rf"(?<![\w.]){_NUM}\s?(?P<unit>%|percent\b|per cent\b|pct\b|percentage points?\b"
    rf"|basis points\b)",
    re.IGNORECASE,
)
_unit_alt = "|".join(re.escape(k) for k in sorted(_UNITS, key=len, reverse=True))
_QUANTITY = re.compile(
    rf"(?<![\w.]){_NUM}(?:\s?(?P<scale>trillion|billion|million|thousand|bn|mn|m)\b)?"
    rf"\s?(?P<unit>{_unit_alt})\b",
    re.IGNORECASE,
)

_WHAT = [
    (re.compile(r"\brepo rate\b"), "repo rate"),
    (re.compile(r"\b(?:interest|policy|benchmark) rates?\b"), "interest rate"),
    (re.compile(r"\binflation\b"), "inflation"),
    (re.compile(r"\b(?:gdp|economic growth|growth)\b"), "growth"),
    (re.compile(r"\bunemployment\b"), "unemployment"),
    (re.compile(r"\btrade surplus|surplus\b"), "trade surplus"),
    (re.compile(r"\btrade deficit|deficit\b"), "trade deficit"),
    (re.compile(r"\b(?:tariffs?|dut(?:y|ies)|levy|levies)\b"), "tariff"),
    (re.compile(r"\bquotas?\b"), "quota"),
    (re.compile(r"\breserves?\b"), "reserves"),
    (re.compile(r"\b(?:invest(?:ment|ments|ed|ing|s)?|funding)\b"), "investment"),
    (re.compile(r"\bstake\b"), "stake"),
    (re.compile(r"\b(?:loan|loans|credit line)\b"), "loan"),
    (re.compile(r"\b(?:purchases?|buy|buying|procure(?:ment)?)\b"), "purchases"),
    (re.compile(r"\bexports?\b"), "exports"),
    (re.compile(r"\bimports?\b"), "imports"),
    (re.compile(r"\b(?:production|output|produce|produces|mined)\b"), "production"),
    (re.compile(r"\bcapacity\b"), "capacity"),
    (re.compile(r"\b(?:worth|valued|value|deal|contract|agreement)\b"), "deal value"),
    (re.compile(r"\b(?:revenue|sales)\b"), "revenue"),
    (re.compile(r"\bmarket share\b"), "market share"),
    (re.compile(r"\bprices?\b"), "price"),
    (re.compile(r"\bdemand\b"), "demand"),
    (re.compile(r"\bshipments?\b"), "shipments"),
]
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


def _what(low: str, sentence: Sentence, start: int, end: int) -> str | None:
    after = low[end : min(sentence.end, end + 45)]
    stop = _CLAUSE_STOP.search(after)
    if stop:
        after = after[: stop.start()]
    before = low[max(sentence.start, start - 50) : start]
    stops = list(_CLAUSE_STOP.finditer(before))
    if stops:
        before = before[stops[-1].end() :]
    best: tuple[float, str] | None = None
    for pattern, label in _WHAT:
        for match in pattern.finditer(after):
            distance = match.start() * 0.8
            if best is None or distance < best[0]:
                best = (distance, label)
            break
        for match in pattern.finditer(before):
            distance = len(before) - match.end()
            if best is None or distance < best[0]:
                best = (distance, label)
    return best[1] if best else None


def find_figures(
    text: str, low: str, sentences: list[Sentence], index: SentenceIndex
) -> list[Figure]:
    """Every figure in the document, in text order, with overlapping readings resolved."""
    found: list[tuple[int, int, float, str]] = []

    def add(start: int, end: int, value: float, unit: str) -> None:
        if any(start < e and s < end for s, e, _, _ in found):
            return
        found.append((start, end, value, unit))

    for match in _MONEY_PREFIX.finditer(text):
        code = _CURRENCY_PREFIX[match.group("cur").lower()]
        scale = (match.group("scale") or "").lower()
        value = _number(match.group("num")) * _SCALES.get(scale, 1.0)
        add(match.start(), match.end(), value, code)
    for match in _MONEY_SUFFIX.finditer(text):
        scale = (match.group("scale") or "").lower()
        value = _number(match.group("num")) * _SCALES.get(scale, 1.0)
        add(match.start(), match.end(), value, _CURRENCY_WORDS[match.group("cur").lower()])
    for match in _PERCENT.finditer(text):
        unit_text = match.group("unit").lower()
        unit = (
            "pp"
            if unit_text.startswith("percentage")
            else "bp"
            if unit_text.startswith("basis")
            else "%"
        )
        add(match.start(), match.end(), _number(match.group("num")), unit)
    for match in _QUANTITY.finditer(text):
        unit_text = match.group("unit")
        unit_key = unit_text.lower()
        if unit_key in {"t", "mt", "m"} and unit_text not in {"t", "mt", "Mt", "MT"}:
            continue
        scale = (match.group("scale") or "").lower()
        factor = _SCALES.get(scale, 1.0) * _UNIT_FACTOR.get(unit_key, 1.0)
        if unit_text == "Mt":
            factor *= 1e6
        add(match.start(), match.end(), _number(match.group("num")) * factor, _UNITS[unit_key])

    figures = []
    for start, end, value, unit in sorted(found):
        sentence = sentences[index.index_of(start)]
        figures.append(
            Figure(
                text=text[start:end],
                value=round(value, 6),
                unit=unit,
                what=_what(low, sentence, start, end),
                quote=text[sentence.start : sentence.end],
                start=start,
                end=end,
            )
        )
    return figures
