"""Numbers with units: percentages, money with currency and scale, physical quantities."""

from __future__ import annotations

import re
from typing import NamedTuple

from .text import Sentence, SentenceIndex, quote
from .types import Figure
from .whats import COUNT, MONEY, PERCENT, QUANTITY, clause_around, is_macro, what_of

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
    "$us": "USD",
    "usd $": "USD",
    "usd$": "USD",
    "u.s.$": "USD",
    "usd": "USD",
    "$": "USD",
    "a$": "AUD",
    "aud": "AUD",
    "c$": "CAD",
    "ca$": "CAD",
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
    "r": "ZAR",
}
# Prefixes that are money only with a scale: "R2.1-trillion" is rand, "R2" may be a model name.
_SCALED_ONLY = frozenset({"r"})
_CURRENCY_WORDS = {
    "dollars": "USD",
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds sterling": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "francs": "CHF",
    "rand": "ZAR",
    "rands": "ZAR",
    "lira": "TRY",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "ringgit": "MYR",
    "rupees": "INR",
    "rupee": "INR",
    "won": "KRW",
    "rupiah": "IDR",
    "baht": "THB",
    "pesos": "MXN",
    "peso": "MXN",
    "reais": "BRL",
    "rubles": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rouble": "RUB",
    "dirhams": "AED",
    "dirham": "AED",
    "riyals": "SAR",
    "riyal": "SAR",
    "zloty": "PLN",
    "zlotys": "PLN",
    "forints": "HUF",
    "naira": "NGN",
    "dong": "VND",
    # The codes of the currencies trade news quotes, written after the amount ("9.5 billion MYR").
    **{
        code.lower(): code
        for code in [
            "USD",
            "EUR",
            "GBP",
            "JPY",
            "CNY",
            "INR",
            "MYR",
            "IDR",
            "AUD",
            "CAD",
            "CHF",
            "KRW",
            "BRL",
            "MXN",
            "ZAR",
            "AED",
            "SAR",
            "RUB",
            "TRY",
            "THB",
            "VND",
            "SGD",
            "NZD",
            "HKD",
            "PKR",
            "NGN",
            "KES",
            "EGP",
            "ARS",
            "CLP",
            "COP",
            "PEN",
        ]
    },
    "rmb": "CNY",
}
_UNITS = {
    "metric tons": "t",
    "metric tonnes": "t",
    "tonnes": "t",
    "tons": "t",
    "tonne": "t",
    "ton": "t",
    "mt": "t",
    # Lakh and million metric tonnes: "5 LMT of wheat flour", "2 MMT of corn".
    "lmt": "t",
    "mmt": "t",
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
    "gallons": "gal",
    "litres": "l",
    "liters": "l",
    "megawatts": "MW",
    "gigawatts": "GW",
    "hectares": "ha",
    "teu": "TEU",
    "bales": "bales",
    "vehicles": "vehicles",
    "cars": "vehicles",
    "units": "units",
}
_WEIGHT_OR_MONEY = frozenset({"pounds"})
_UNIT_FACTOR = {"kt": 1e3, "bcm": 1e9, "mtpa": 1e6, "ktpa": 1e3, "lmt": 1e5, "mmt": 1e6}

_prefix_alt = "|".join(re.escape(k) for k in sorted(_CURRENCY_PREFIX, key=len, reverse=True))
_word_alt = "|".join(re.escape(k) for k in sorted(_CURRENCY_WORDS, key=len, reverse=True))
_unit_alt = "|".join(re.escape(k) for k in sorted(_UNITS, key=len, reverse=True))
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_GROUPED = re.compile(_NUM)
# Read outwards from each number: a currency sign or code just before it ...
_CURRENCY_BEFORE = re.compile(rf"(?<![\w$])(?P<cur>{_prefix_alt})\s?$", re.IGNORECASE)
# ... or a scale and a unit, currency word or percent sign just after it.
_AFTER_NUMBER = re.compile(
    # "$5-million" and "a 100,000-tonne quota" are written with a hyphen too.
    # "a 25-percent tariff" and "50pc" are percentages too.
    rf"(?:(?:\s|-(?=(?:m|b|tr)illion\b))?{_SCALE_WORDS}\b)?(?:[\s-]?(?P<pct>%|percent\b"
    rf"|per[\s-]cent\b|pct\b|pc\b|percentage points?\b|basis points\b)|\s(?P<cur>{_word_alt})\b"
    rf"|[\s-]?(?P<unit>{_unit_alt})\b)?",
    re.IGNORECASE,
)
_QUANTITY_SCALES = frozenset(
    {
        "trillion",
        "billion",
        "million",
        "thousand",
        "bn",
        "bln",
        "mn",
        "mln",
        "m",
        "lakh",
        "crore",
        "",
    }
)
# A price is read with its unit ("$110 per kilogram", "$26,861/mt"), a yearly rate with its period.
_PER_UNIT = re.compile(
    r"(?:\s?/\s?(?:mt|t|kg|lb|oz|bbl|mwh|kwh|tonne|ton)\b|\s(?:per|a|an)\s(?:metric\s)?"
    r"(?:kilogram|kilo|kg|tonne|ton|barrel|share|pound|ounce|bushel|litre|liter|gallon|unit"
    r"|vehicle|mwh|kwh|mmbtu|head|hour)s?\b)",
    re.IGNORECASE,
)
_PER_YEAR = re.compile(r"\s?(?:per annum\b|/\s?(?:yr|year|y)\b)", re.IGNORECASE)
_DOLLARS = re.compile(r"\s(?:dollars|DOLLARS)\b")
_RANGE = re.compile(r"[-\u2013](?=\d)")
# A count is a number of things a deal is about: "90 shipments", "11 operating smelters",
# "6,090 goods", "780 million people" (up to two lower-case words between number and noun).
_COUNTED = (
    r"(?:countries|nations|members|member states|states|signatories|goods|products"
    r"|items|tariff lines|lines|chapters|shipments|cargoes|consignments|vessels|ships|tankers"
    r"|smelters|refineries|facilities|plants|factories|mines|projects|companies|firms|players"
    r"|producers|exporters|importers|suppliers|jobs|workers|people|votes|extensions|rounds"
    r"|sectors|categories|licences|licenses|permits|entities|deals|agreements|contracts|markets"
    r"|partners|provinces|ports|terminals|flights|trucks|containers|wells|brands|investors|banks"
    r"|carmakers|automakers|manufacturers|farmers|employees|stores|sites|mills|rigs|blocks"
    r"|commodities|minerals|elements|metals|aircraft|planes|reactors|turbines|disputes|cases"
    r"|chickens|birds|cattle|pigs|hogs|sheep|goats|animals|eggs|cars)"
)
# A handful of people are a story's sources ("two people familiar with the talks"); a count of
# people worth showing is a population or a workforce.
_FEWEST_PEOPLE = 1000
# A number right after a capitalised name is part of it: "the S&P 500 sectors", "FTSE 100 firms".
_AFTER_NAME = re.compile(r"[A-Z&]\s$")
_COUNT_AFTER = re.compile(
    rf"(?:\s(?P<scale>million|billion|lakh|crore)\b|-(?P<hscale>million|billion)\b)?"
    # Between them, up to two words, a name's among them: "24 African countries", "28 US
    # products", "35 major WTO members".
    rf"(?:(?:\s(?:[a-z]+|[A-Z][A-Za-z]+)){{0,2}}?\s(?P<noun>{_COUNTED})\b"
    # "the 149-nation body", "a 27-member bloc": the count joined to a singular noun.
    rf"|-(?P<joined>nation|member|country|state)\b"
    # "10 million Indians": a people counted by a scale is named by its plural demonym.
    rf"|(?<=[nhe])\s(?P<demonyms>[A-Z][a-z]+(?:s|ese))\b)"
)
# A duration a deal sets or a story measures: "within 88 days", "for 10 years", "a 60-days
# window" (the dates themselves are the timeline's).
_DURATIONS = r"(?:minutes|hours|days|weeks|months|years)"
# Not a duration: an age ("10 years old"), or a time between two events ("two days after the
# countries agreed", "a year ago"), which dates the news rather than measuring a term.
_NOT_A_DURATION = r"(?![\s-](?:ago|old|after|before|later|earlier)\b)"
# "a 90-day pause", "a 12-month ban": a hyphen joins the number to a singular unit.
_DURATION_AFTER = re.compile(
    rf"(?:[\s-]{_DURATIONS}|-(?:minute|hour|day|week|month|year))\b{_NOT_A_DURATION}"
)
_SPELLED = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "dozen": 12,
    "twenty": 20,
}
# What follows a number written in words (looked for with str.find: a pattern scanning every
# position of the article for these words takes longer than the rest of the figure reading).
_SPELLED_COUNT_AFTER = re.compile(
    rf"(?:\s(?:million|billion))?(?:(?:\s[a-z]+)?\s(?P<noun>{_COUNTED})"
    rf"|\s(?P<duration>{_DURATIONS}){_NOT_A_DURATION})\b"
)
# "a six-month ban", "a one-year pause": a spelled number joined to a singular unit.
_SPELLED_DURATION_AFTER = re.compile(
    rf"-(?P<duration>minute|hour|day|week|month|year)\b{_NOT_A_DURATION}"
)
_SPELLED_DURATIONS = {"one": 1, **_SPELLED}
_COUNT_SCALES = frozenset({"million", "billion"})
# "the two firms" names the firms already told of rather than counting them.
_NAMED_GROUP = re.compile(r"\b(?:the|those|these|all|both)\s$")
_YEARS = range(1900, 2101)
_LARGEST_PRICE = 100_000
_LIST_ITEM = 80  # characters
_OF = re.compile(r"\s+of\b")
_POUND = 0.00045359237  # tonnes


def _number(text: str) -> float:
    return float(text.replace(",", ""))


class _Reading(NamedTuple):
    start: int
    end: int
    value: float
    unit: str
    kind: str
    per_unit: bool = False


def _reading(text: str, match: re.Match[str]) -> _Reading | None:
    """The figure around one number, if it is one."""
    start, end = match.span()
    number = _number(match.group())
    if start and (text[start - 1].isalnum() or text[start - 1] == "."):
        currency = _CURRENCY_BEFORE.search(text, max(0, start - 7), start)
        if currency is None:
            return None
    else:
        currency = _CURRENCY_BEFORE.search(text, max(0, start - 7), start)
    if currency is None:
        ranged = _RANGE.match(text, end)
        if ranged is not None:
            upper = _GROUPED.match(text, ranged.end())
            after = _AFTER_NUMBER.match(text, upper.end())
            if after.group("pct"):
                return _Reading(start, after.end(), number, _percent_unit(after), PERCENT)
    after = _AFTER_NUMBER.match(text, end)
    scale = (after.group("scale") or "").lower()
    if currency is not None and currency.group("cur").lower() in _SCALED_ONLY and not scale:
        return None
    if currency is not None:
        code = _CURRENCY_PREFIX[currency.group("cur").lower()]
        money_end = after.end("scale") if after.group("scale") else end
        # An amount under this with no scale ("$46", "Rp 19,650") is a price, not a deal.
        priced = not scale and number < _LARGEST_PRICE
        if scale:
            dollars = _DOLLARS.match(text, money_end)
            money_end = dollars.end() if dollars else money_end
        per = _PER_UNIT.match(text, money_end)
        return _Reading(
            currency.start(),
            per.end() if per else money_end,
            number * _SCALES.get(scale, 1.0),
            code,
            MONEY,
            per is not None or priced,
        )
    if after.group("pct"):
        return _Reading(start, after.end(), number, _percent_unit(after), PERCENT)
    if after.group("cur"):
        word = after.group("cur").lower()
        if word in _WEIGHT_OR_MONEY and (not scale or _OF.match(text, after.end())):
            # "20 pounds of beef" and "22 million pounds of uranium" weigh; "1.6 billion pounds"
            # is money.
            if not scale:
                return None
            value = number * _SCALES[scale] * _POUND
            return _Reading(start, after.end(), value, "t", QUANTITY)
        per = _PER_UNIT.match(text, after.end())
        money_end = per.end() if per else after.end()
        value = number * _SCALES.get(scale, 1.0)
        return _Reading(start, money_end, value, _CURRENCY_WORDS[word], MONEY, per is not None)
    if after.group("unit") and scale in _QUANTITY_SCALES:
        unit_text = after.group("unit")
        unit_key = unit_text.lower()
        if unit_key in {"t", "mt", "m"} and unit_text not in {"t", "mt", "Mt", "MT"}:
            return None
        factor = _SCALES.get(scale, 1.0) * _UNIT_FACTOR.get(unit_key, 1.0)
        if unit_text == "Mt":
            factor *= 1e6
        per_year = _PER_YEAR.match(text, after.end())
        quantity_end = per_year.end() if per_year else after.end()
        unit = _UNITS[unit_key]
        return _Reading(start, quantity_end, number * factor, unit, QUANTITY, per_year is not None)
    return _count(text, match, number)


def _percent_unit(after: re.Match[str]) -> str:
    unit_text = after.group("pct").lower()
    return "pp" if unit_text.startswith("percentage") else "bp" if unit_text[0] == "b" else "%"


def _count(text: str, match: re.Match[str], number: float) -> _Reading | None:
    """A whole number of things of a kind a deal counts, "90 shipments"."""
    if number in _YEARS and "," not in match.group():
        return None
    if _AFTER_NAME.match(text, max(0, match.start() - 2), match.start()):
        return None
    counted = _COUNT_AFTER.match(text, match.end())
    if counted is None:
        duration = _DURATION_AFTER.match(text, match.end())
        if duration is None or "." in match.group():
            return None
        unit = duration.group()[1:]
        return _Reading(match.start(), duration.end(), number, unit.rstrip("s") + "s", COUNT)
    scale = counted.group("scale") or counted.group("hscale")
    if "." in match.group() and not scale:
        return None
    if counted.group("demonyms") and not scale:
        return None
    value = number * _SCALES.get(scale or "", 1.0)
    joined = counted.group("joined")
    noun = counted.group("noun") or (joined and f"{joined}s".replace("countrys", "countries"))
    noun = noun or "people"
    if noun == "people" and value < _FEWEST_PEOPLE:
        return None
    return _Reading(match.start(), counted.end(), value, noun, COUNT)


def _spelled_counts(low: str, taken: list[_Reading]) -> list[_Reading]:
    """Counts written in words, "three extensions", outside the figures already read."""
    found = []
    for word, number in _SPELLED.items():
        start = low.find(word + " ")
        while start >= 0:
            whole_word = not (start and low[start - 1].isalpha())  # not "often" for "ten"
            counted = whole_word and _SPELLED_COUNT_AFTER.match(low, start + len(word))
            if counted and not _NAMED_GROUP.search(low, max(0, start - 7), start):
                end = counted.end()
                if not any(r.start < end and start < r.end for r in taken):
                    scale = counted.group().split()[0]
                    value = number * _SCALES.get(scale, 1.0) if scale in _COUNT_SCALES else number
                    noun = counted.group("noun") or counted.group("duration")
                    if noun != "people" or value >= _FEWEST_PEOPLE:
                        found.append(_Reading(start, end, value, noun, COUNT))
            start = low.find(word + " ", start + 1)
    for word, number in _SPELLED_DURATIONS.items():
        start = low.find(word + "-")
        while start >= 0:
            joined = _SPELLED_DURATION_AFTER.match(low, start + len(word))
            if joined and not (start and low[start - 1].isalpha()):
                end = joined.end()
                if not any(r.start < end and start < r.end for r in taken):
                    found.append(_Reading(start, end, number, joined["duration"] + "s", COUNT))
            start = low.find(word + "-", start + 1)
    return found


def _context(low: str, sentences: list[Sentence], i: int) -> str:
    """The sentence of a figure, with the one before when it is a short item of a list ("- BYD:
    17.4%;" after "the rates the EC plans to charge are:")."""
    sentence = sentences[i]
    if i and sentence.end - sentence.start < _LIST_ITEM and not sentence.in_title:
        return low[sentences[i - 1].start : sentence.end]
    return low[sentence.start : sentence.end]


def _earlier(previous: tuple[int, _Reading, str] | None, reading: _Reading, i: int) -> str | None:
    """What the figure before measured, when it is of the same kind and in the same sentence (or,
    for a list of rates one a line, a percentage just before)."""
    if previous is None or previous[1].kind != reading.kind:
        return None
    near = reading.kind == PERCENT and reading.start - previous[1].end < 200
    return previous[2] if previous[0] == i or near else None


def find_figures(
    text: str, low: str, sentences: list[Sentence], index: SentenceIndex
) -> list[Figure]:
    """Every figure in the document, in text order, each with what it measures."""
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
            last_end = reading.end
    found = sorted([*found, *_spelled_counts(low, found)])
    figures = []
    previous: tuple[int, _Reading, str] | None = None  # the last figure: sentence, reading, what
    for reading in found:
        i = index.index_of(reading.start)
        sentence = sentences[i]
        before, after = clause_around(low, sentence.start, sentence.end, *reading[:2])
        around = low[max(sentence.start, reading.start - 80) : min(sentence.end, reading.end + 40)]
        context = _context(low, sentences, i)
        what = what_of(
            reading.kind,
            reading.unit,
            (before, after),
            around,
            context,
            _earlier(previous, reading, i),
            reading.per_unit,
        )
        previous = (i, reading, what)
        figures.append(
            Figure(
                text=text[reading.start : reading.end],
                value=round(reading.value, 6),
                unit=reading.unit,
                what=what,
                quote=quote(text[sentence.start : sentence.end]),
                start=reading.start,
                end=reading.end,
                macro=reading.kind == PERCENT and is_macro(before, after, context),
            )
        )
    return figures
