"""Organisations the gazetteer does not know, found from cues in the text.

Three shapes:

- described but unnamed: "a Chinese state-owned enterprise", "a Japanese trading house", "a Gulf
  sovereign wealth fund" become parties such as "Chinese state-owned enterprise (unnamed)";
- named after a cue: "sovereign wealth fund Danantara", "state-owned miner Xyz Corp";
- named with a corporate suffix: "Cove Kaz Capital", "Acme Rare Metals Holdings".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .gate import GateResult
from .prefixes import PrefixMatcher
from .text import words

_SOE = (
    r"(?:state-owned|state-run|state-backed|state-controlled|government-owned|government-backed"
    r"|state-linked|state)"
)
_COMPANY_NOUNS = (
    r"(?:enterprise|company|firm|group|conglomerate|miner|mining company|producer|refiner|player"
    r"|entity|corporation|giant|manufacturer|maker|carmaker|automaker|chipmaker|steelmaker"
    r"|trading house|trader|investor|consortium|developer|partner|buyer|supplier|operator|utility"
    r"|lender|bank|oil company|oil major|energy company|shipping company|exporter|importer"
    r"|distributor|processor|smelter|shipper|grinder|marketer)"
)

_DESCRIBED_BY = re.compile(
    r"(?:^|\W)(?:[Aa]n?|[Oo]ne|[Aa]nother|[Tt]he|[Uu]nnamed|[Uu]nidentified)\s+(?:(?:major|large"
    r"|leading|big|top|unnamed|unidentified|private|listed|key)\s+)?(?:(?P<soe>" + _SOE + r")\s+)?$"
)
# Headlines drop articles: "... in talks with Japanese trading house".
_HEADLINE_DESCRIBED_BY = re.compile(r"\b(?:with|and|to|from|for|by)\s+$")
_DESCRIPTION = re.compile(
    r"\s+(?:(?!state|government)[a-z]+\s+)?(?:(?P<soe>"
    + _SOE
    + r")\s+)?(?P<noun>"
    + _COMPANY_NOUNS
    + r"|sovereign wealth fund|sovereign fund|state fund|wealth fund)\b"
)

_NAME_TOKEN = r"(?:[A-Z][\w&'.-]*|&|of|de|and)"
_NAME = r"(?P<name>[A-Z][\w&'.-]*(?:\s" + _NAME_TOKEN + r"){0,4})"
NAMED_AFTER_CUE = re.compile(
    r"\b(?P<cue>sovereign wealth fund|sovereign fund|state investor|state fund|wealth fund"
    r"|state-owned (?:firm|company|enterprise|miner|producer|oil company|giant|group|conglomerate)"
    r"|state-run (?:firm|company|enterprise|miner|producer|oil company|giant|group)"
    r"|miner|producer|refiner|conglomerate|developer|investor|investment firm|carmaker|automaker"
    r"|chipmaker|steelmaker|trader|trading house|firm|company|group|lender|utility|supplier"
    r"|manufacturer|startup|start-up)\s+" + _NAME
)
_LEGAL_SUFFIX = (
    r"(?:Holdings|Group|Corp\.?|Corporation|Inc\.?|Ltd\.?|Limited|PLC|plc|LLC|Co\.|Bhd|Berhad"
    r"|AG|SA|SE|NV|N\.V\.|GmbH|Tbk|Pte|S\.A\.)"
)
_SECTOR_SUFFIX = (
    r"(?:Mining|Minerals|Resources|Metals|Rare Earths?|Lithium|Capital|Partners|Investments?"
    r"|Ventures|Industries|Technologies|Technology|Petroleum|Materials|Motors|Energy|Steel"
    r"|Chemicals?"
    r"|Refining|Holdings|Group|Fund|Bank|Exploration|Logistics|Shipping|Prospecting|Iron Ore"
    r"|Copper|Gold|Nickel|Uranium|Coal)"
)
SUFFIX_ORG = re.compile(
    r"\b(?P<name>(?:[A-Z][\w&'.-]*\s){1,4}(?P<suffix>"
    + _LEGAL_SUFFIX
    + "|"
    + _SECTOR_SUFFIX
    + r"))(?![\w-])"
)
POSSESSIVE_ACRONYM = re.compile(r"\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)?'s?\s+(?P<name>[A-Z]{3,6})\b")
GOVERNMENT_BODY = re.compile(
    r"\b(?P<name>(?:Ministry|Department|Minister|Bureau|Office|Agency|Commission) (?:of|for) "
    r"(?:[A-Z][a-z]+|and|of)(?:,?\s(?:[A-Z][a-z]+|and|of)){0,5})"
)

_LEADING_STOPWORDS = words(
    "The A An This That These Those However But And Its Their His Her Our While When If As "
    "In On At For With By From After Before Under Meanwhile Both Also Then"
)
_FUND_WORDS = re.compile(r"\b(?:Fund|Investment Authority|Investment Corporation|Wealth)\b")
_NOT_NAMES = words(
    "Trade Energy Group Capital Resources Industries Fund Bank Minerals Mining Metals Steel"
)


_SUFFIX_STEMS = (
    "holding",
    "group",
    "corp",
    "inc",
    "ltd",
    "limited",
    "plc",
    "llc",
    "co.",
    "bhd",
    "berhad",
    " ag",
    " sa",
    " se",
    " nv",
    "n.v.",
    "s.a.",
    "gmbh",
    "tbk",
    "pte",
    "mining",
    "mineral",
    "resource",
    "metal",
    "rare earth",
    "lithium",
    "capital",
    "partner",
    "investment",
    "venture",
    "industr",
    "technolog",
    "petroleum",
    "material",
    "motor",
    "energy",
    "steel",
    "chemical",
    "refining",
    "fund",
    "bank",
    "exploration",
    "logistic",
    "shipping",
    "prospecting",
    "iron ore",
    "copper",
    "gold",
    "nickel",
    "uranium",
    "coal",
)
ORGANISATION_STEMS = frozenset((*_SUFFIX_STEMS, "'"))


_MATCHER = PrefixMatcher([NAMED_AFTER_CUE, GOVERNMENT_BODY])


@dataclass(frozen=True)
class FoundOrganisation:
    """An organisation named in the text that the gazetteer does not know."""

    name: str
    kind: str
    start: int
    end: int


def _kind_for(cue: str, soe: bool) -> str:
    cue = cue.lower()
    if "sovereign" in cue or "wealth fund" in cue or cue in {"state fund", "state investor"}:
        return "sovereign_fund"
    if soe or cue.startswith(("state-owned", "state-run")):
        return "state_owned_enterprise"
    return "company"


_DESCRIPTIVE_PREFIX = re.compile(r"[A-Z][\w.]*-(?:listed|based|owned|backed|run|controlled)$")


def _clean_name(name: str, offset: int) -> tuple[str, int]:
    tokens = name.split(" ")
    for j, token in enumerate(tokens):
        if token.endswith(("'s", "'")) and j + 1 < len(tokens):
            if j and tokens[j - 1] in {"and", "&"}:
                # "Petrovietnam and Japan's Idemitsu Kosan": two organisations; keep the first.
                tokens = tokens[: j - 1]
            else:
                # "Mitsubishi's Sydney Unit Ltd": the owner only describes the name after it.
                offset += sum(len(t) + 1 for t in tokens[: j + 1])
                tokens = tokens[j + 1 :]
            break
    while tokens and (tokens[0] in _LEADING_STOPWORDS or _DESCRIPTIVE_PREFIX.match(tokens[0])):
        offset += len(tokens[0]) + 1
        tokens = tokens[1:]
    while tokens and tokens[-1] in {"of", "and", "&", "de"}:
        tokens = tokens[:-1]
    cleaned = " ".join(tokens).rstrip(".,'")
    if (
        cleaned.endswith(("Corp", "Inc", "Ltd", "Co"))
        and name.startswith(cleaned)
        and cleaned + "." in name
    ):
        cleaned += "."
    return cleaned, offset


def described_organisation(
    text: str, start: int, end: int, in_title: bool
) -> tuple[str, int] | None:
    """(kind, end) when the demonym at ``text[start:end]`` describes an unnamed organisation.

    "a Chinese state-owned enterprise", "an Australian miner", "a state-owned Chinese firm", and
    in headlines "with Japanese trading house".
    """
    # Most demonyms are not followed by a company noun: check that first, it is the cheaper test.
    after = _DESCRIPTION.match(text, end)
    if after is None:
        return _described_by_possessive(text, end)
    before = text[max(0, start - 45) : start]
    described = _DESCRIBED_BY.search(before)
    if described is None and not (in_title and _HEADLINE_DESCRIBED_BY.search(before)):
        return None
    noun = after.group("noun")
    soe_words = [w for w in (described and described.group("soe"), after.group("soe")) if w]
    soe = any(w != "state-linked" for w in soe_words)
    kind = _kind_for(noun, soe)
    if kind == "company" and noun in {"partner", "buyer", "supplier", "investor", "bank"}:
        return None
    return kind, after.end()


# "China's top online lender", "India's largest state refiner": a firm of the country, described
# and not named (a name right after it, "India's largest refiner Reliance", names the firm).
_POSSESSIVE_DESCRIPTION = re.compile(
    r"'s?\s+(?:(?!state|government)[a-z][\w-]*\s+){0,3}?(?:(?P<soe>"
    + _SOE
    + r")\s+)?(?:[a-z][\w-]*\s+)?(?P<noun>"
    + _COMPANY_NOUNS
    + r"|sovereign wealth fund|sovereign fund|state fund|wealth fund)\b(?! [A-Z0-9])"
)


def _described_by_possessive(text: str, end: int) -> tuple[str, int] | None:
    if not text.startswith("'", end):
        return None
    after = _POSSESSIVE_DESCRIPTION.match(text, end)
    if after is None:
        return None
    noun = after.group("noun")
    kind = _kind_for(noun, bool(after.group("soe")))
    if kind == "company" and noun in {"partner", "buyer", "supplier", "investor", "bank"}:
        return None
    return kind, after.end()


def unnamed_name(demonym: str, kind: str) -> str:
    label = {
        "sovereign_fund": "sovereign wealth fund",
        "state_owned_enterprise": "state-owned enterprise",
    }.get(kind, "company")
    return f"{demonym} {label} (unnamed)"


def _gated(pattern: re.Pattern[str], text: str, spans: list[tuple[int, int]]):
    for start, end in spans:
        yield from pattern.finditer(text, start, end)


def find_organisations(
    text: str, title_end: int, title_case: bool, gate: GateResult
) -> list[FoundOrganisation]:
    """Organisations described or named in ``text``; demonym checks happen in the caller."""
    found: list[FoundOrganisation] = []
    # The spans taken so far, sorted and never overlapping: only the last one starting before an
    # organisation's end can overlap it.
    taken_starts: list[int] = []
    taken_ends: list[int] = []

    def add(org: FoundOrganisation) -> None:
        i = bisect_left(taken_starts, org.end)
        if i and taken_ends[i - 1] > org.start:
            return
        taken_starts.insert(i, org.start)
        taken_ends.insert(i, org.end)
        found.append(org)

    org_matches = _MATCHER.matches(text)
    for i, match in ((i, m) for i, ms in enumerate(org_matches) for m in ms):
        pattern = _MATCHER.patterns[i]
        if pattern is NAMED_AFTER_CUE:
            name, start = _clean_name(match.group("name"), match.start("name"))
            if not name or name in _NOT_NAMES or (title_case and match.start() < title_end):
                continue
            cue = match.group("cue")
            kind = _kind_for(cue, False)
            if kind == "company" and _FUND_WORDS.search(name) and "sovereign" in cue:
                kind = "sovereign_fund"
            add(FoundOrganisation(name, kind, start, start + len(name)))
            continue
        name, start = _clean_name(match.group("name"), match.start("name"))
        add(FoundOrganisation(name, "government_body", start, start + len(name)))
    for match in _gated(SUFFIX_ORG, text, gate.spans(_SUFFIX_STEMS)):
        in_title = match.start() < title_end
        if in_title and title_case and not re.fullmatch(_LEGAL_SUFFIX, match.group("suffix")):
            continue
        name, start = _clean_name(match.group("name"), match.start("name"))
        if len(name.split()) < 2 or name.split()[0] in _NOT_NAMES:
            continue
        kind = (
            "sovereign_fund"
            if "Wealth Fund" in name or "Investment Authority" in name
            else "company"
        )
        add(FoundOrganisation(name, kind, start, start + len(name)))
    for match in _gated(POSSESSIVE_ACRONYM, text, gate.spans(("'",))):
        if title_case and match.start() < title_end:
            continue
        start, end = match.span("name")
        add(FoundOrganisation(match.group("name"), "company", start, end))
    for org in _named_by_context(text, title_end, title_case):
        add(org)
    return found


# Names without a suffix, told to be organisations by what is said of them:
# "Canpotex, the Canadian potash exporter, ...", "VIMICO signed ...", "... with EVN to supply".
_APPOSED_NOUNS = (
    r"(?:enterprise|company|firm|group|conglomerate|miner|producer|refiner|corporation|giant"
    r"|manufacturer|maker|carmaker|automaker|chipmaker|steelmaker|trading house|trader"
    r"|developer|operator|utility|lender|exporter|importer|processor|distributor|smelter"
    r"|shipper|grinder|marketer|supplier|sovereign wealth fund|wealth fund|state fund"
    r"|investment fund|fund|agency|explorer|start-up|startup|hopeful)"
)
# ", the Canadian potash exporter", ", China's largest online lender".
# ", one of Australia's biggest lithium miners": one of several of a kind.
_APPOSITION_START = re.compile(
    r", (?:one of (?:the )?)?(?:the |a |an |[A-Z][\w.-]*(?: [A-Z][\w.-]*){0,2}'s? )"
)
_APPOSED = re.compile(r"(?:[\w'-]+\s){0,5}?" + _APPOSED_NOUNS + r"s?\b")
# "... a plant in Texas, the company said": the attribution of the sentence, not an apposition.
_ATTRIBUTION = re.compile(
    r"\s+(?:also\s+)?(?:said|says|added|adds|told|announced|announces|stated|noted|confirmed"
    r"|wrote|explained|reported)\b"
)
# "Kestrel Peak (ASX: KPK)", "Pilbara Minerals (PLS.AX)": a name given with its stock ticker.
_TICKER = re.compile(
    r" \((?:(?:ASX|NYSE|Nasdaq|NASDAQ|TSX|TSXV|TSX-V|LSE|AIM|HKEX|SGX|JSE|BSE|NSE|KRX|KOSDAQ|TYO"
    r"|TSE|SSE|SZSE|ETR|FRA|EPA|AMS|OTC|OTCQX|OTCQB)\s*:\s*[A-Z0-9.]{1,10}|[A-Z0-9]{1,6}\.[A-Z]{1,2})\)"
)
# "Perth-based Kestrel Peak", "London-listed Glencore": a firm described by where it sits.
_PLACED = re.compile(r"-(?:based|listed|headquartered) (?=[A-Z])")
_PLACE_BEFORE = re.compile(r"(?<![\w-])[A-Z][\w.]*$")
_NAME_AFTER = re.compile(r"[A-Z][\w&'.-]*(?: [A-Z][\w&'.-]*){0,3}")
_NAME_BEFORE = re.compile(r"(?<![\w'.-])[A-Z][\w&'.-]*(?: [A-Z][\w&'.-]*){0,3}$")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,5}\b")
_SIGNING = re.compile(
    r"\b(?:signed|signs|inked|inks|agreed|agrees|struck|strikes|clinched|sealed|won|wins"
    r"|secured|shipped|ships|began|begins)\b"
)
_SUBJECT_BEFORE = re.compile(
    r"(?:^|[.!?]\"?\s|\n|-\s)(?P<name>[A-Z][a-z]{2,}[A-Za-z]*)"
    r"\s(?:(?:has|have|had|also|jointly|on \w+day)\s)?$"
)
_DEAL_VERB = re.compile(
    r"\b(?:sign(?:ed|s|ing)?|ink(?:ed|s)?|agree(?:d|s)?|struck|strikes?|clinch(?:ed|es)?"
    r"|seal(?:ed|s)?|memorandum|mou|contract|deal|agreement|pact|joint venture|offtake"
    r"|supply|supplies|supplied|ship(?:ped|s)?|cargo|shipment|talks|negotiat\w*|partner(?:ship)?"
    r"|acqui\w+|stake|invest\w*)\b"
)
# "The XRG consortium", "an XRG-led consortium": the name of a bidding group ("an LG
# consortium of several companies" only says whose firms it brings together).
_CONSORTIUM = re.compile(r"-led consortium\b")
_THE_CONSORTIUM = re.compile(r" consortium\b")


def _named_consortium(text: str, start: int, end: int) -> bool:
    if _CONSORTIUM.match(text, end):
        return True
    return bool(_THE_CONSORTIUM.match(text, end)) and text[max(0, start - 4) : start] in {
        "the ",
        "The ",
    }


_STATE_WORDS = re.compile(r"\b(?:state-owned|state-run|state|government-owned|national)\b")
# Capitalised short words that are not organisations: titles, units, codes, common terms.
_NOT_ACRONYMS = words(
    "CEO CFO COO CTO GDP GNP IPO ETF LME AI EV EVS ESG FTA FTAS CEPA CPTPP USMCA RCEP NAFTA "
    "TPP CETA MOU MOUS LOI LNG LPG OK TV PM MP MPS EU UK US USA UN UAE GCC AM FM PR IT HR "
    "VAT GST II III IV VI FY Q1 Q2 Q3 Q4 H1 H2 COVID ID NO RE CO USD EUR GBP JPY CNY MW GW "
    "KW MWH GWH TWH BPD BCM MT KT DMO FOB CIF NEW THE AND FOR WITH AFP AP DPA NOTE "
    # The tags wire services put before a headline: "UPDATE 1-", "EXCLUSIVE-", "RPT-".
    "UPDATE EXCLUSIVE RPT REFILE CORRECTED CORRECTION WRAPUP ANALYSIS INSIGHT FACTBOX "
    "BREAKINGVIEWS COLUMN PREVIEW TIMELINE EXPLAINER"
)


_NOT_SUBJECT_NAMES = _LEADING_STOPWORDS | words(
    "Minister President Prime Chancellor King Queen Prince Premier Governor Secretary Officials "
    "Government Ministry Parliament Congress Senate Court Authorities Regulators Analysts Traders "
    "Buyers Sellers Producers Exporters Importers Farmers Workers Investors Company Companies "
    "Firms Neither Each Sources Lawmakers Negotiators Delegates Leaders Diplomats Lawmakers "
    "Everyone Nobody Someone Nations Countries Members Partners Shareholders Banks Lenders "
    "Talks Negotiations Trade Tariffs Exports Imports Shipments Prices Markets Shares "
    # "More ships are due ...", "Some cargoes ...": a quantity opening a sentence, not a name.
    "More Most Some Many Several Few Fewer All Other Such Further Additional Two Three Four "
    "Five Ten Dozens Hundreds Thousands Millions"
)


_SIGNINGS = PrefixMatcher([_SIGNING])
_NOT_BEFORE_ACRONYM = frozenset(("(", ".", "&", "-"))
_NOT_AFTER = frozenset((")", "&", ".", "-", "'"))


def _kind_from(words: str) -> str:
    if "fund" in words:
        return "sovereign_fund" if "sovereign" in words or "wealth" in words else "company"
    if _STATE_WORDS.search(words):
        return "state_owned_enterprise"
    return "company"


# Names start with a capital letter: only capitalised words are indexed.
_WORD_AFTER_SPACE = re.compile(r"(?<= )[A-Z][^\W_]*")


class _Surnames:
    """Which names are written somewhere in a text after a first name: "Reynolds" after "Jonathan
    Reynolds" elsewhere is a person.

    Each name is looked up once, among the places where its first word follows a space (indexed on
    the first lookup), so a long text is not searched again for every name.
    """

    def __init__(self, text: str):
        self._text = text
        self._known: dict[str, bool] = {}
        self._after_space: dict[str, list[int]] | None = None

    def __contains__(self, name: str) -> bool:
        known = self._known.get(name)
        if known is None:
            known = self._known[name] = self._is_surname(name)
        return known

    def _is_surname(self, name: str) -> bool:
        text = self._text
        if self._after_space is None:
            self._after_space = {}
            for word in _WORD_AFTER_SPACE.finditer(text):
                self._after_space.setdefault(word.group(), []).append(word.start())
        first_word = _WORD_AFTER_SPACE.match(" " + name, 1)
        for start in self._after_space.get(first_word.group() if first_word else "", ()):
            end = start + len(name)
            if not text.startswith(name, start) or text[end : end + 1].isalnum():
                continue
            at = start - 1
            words_before = text[max(0, at - 30) : at].split()
            previous = words_before[-1] if words_before else ""
            if (
                previous[:1].isupper()
                and previous[1:].isalpha()
                and previous[1:].islower()
                # "Neither Lufax nor ...": a word that opens a sentence is no first name.
                and previous not in _NOT_SUBJECT_NAMES
            ):
                return True
        return False


_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")


def _shouted(sentence: str) -> bool:
    """Whether a headline or sentence is written in capitals ("MB URL DROP TABLE DEAL SIGNED"):
    there, a word in capitals is no sign of an acronym."""
    words = _LETTER_WORD.findall(sentence)
    return len(words) >= 3 and sum(word.isupper() for word in words) >= 0.75 * len(words)


def _ticker_names(text: str) -> list[tuple[str, int]]:
    """ "Kestrel Peak (ASX: KPK)": the names given with a stock ticker, with their offsets."""
    found = []
    for match in _TICKER.finditer(text):
        named = _NAME_BEFORE.search(text, max(0, match.start() - 60), match.start())
        if named is not None:
            found.append((named.group(), named.start()))
    return found


def _placed_names(text: str) -> list[tuple[str, int]]:
    """ "Perth-based Kestrel Peak": the names after a place and "-based", "-listed"."""
    found = []
    for match in _PLACED.finditer(text):
        if _PLACE_BEFORE.search(text, max(0, match.start() - 30), match.start()) is None:
            continue
        named = _NAME_AFTER.match(text, match.end())
        if named is not None:
            found.append((named.group(), named.start()))
    return found


def _named_by_context(text: str, title_end: int, title_case: bool) -> list[FoundOrganisation]:
    found = []
    surnames = _Surnames(text)
    for comma in _APPOSITION_START.finditer(text):
        described = _APPOSED.match(text, comma.end())
        if described is None or _ATTRIBUTION.match(text, described.end()):
            continue
        named = _NAME_BEFORE.search(text, max(0, comma.start() - 60), comma.start())
        if named is None:
            continue
        name, start = _clean_name(named.group(), named.start())
        if not name or name in _NOT_NAMES or (title_case and start < title_end):
            continue
        if " " not in name and name in surnames:
            continue
        kind = _kind_from(described.group().lower())
        found.append(FoundOrganisation(name, kind, start, start + len(name)))
    for name, start in (*_ticker_names(text), *_placed_names(text)):
        name, start = _clean_name(name, start)
        if not name or name in _NOT_NAMES or (title_case and start < title_end):
            continue
        found.append(FoundOrganisation(name, "company", start, start + len(name)))
    (signing,) = _SIGNINGS.matches(text)
    for verb in signing:
        match = _SUBJECT_BEFORE.search(text, max(0, verb.start() - 40), verb.start())
        if match is None:
            continue
        name = match.group("name")
        if name in _NOT_SUBJECT_NAMES or name in _NOT_NAMES or name in surnames:
            continue
        found.append(FoundOrganisation(name, "company", match.start("name"), match.end("name")))
    for match in _ACRONYM.finditer(text):
        name = match.group()
        start, end = match.span()
        if start and text[start - 1].isalnum():
            continue
        if name in _NOT_ACRONYMS or not any(c.isalpha() for c in name[1:]):
            continue
        after_char = text[end : end + 1]
        if after_char == "." and text[end + 1 : end + 2] in {"", " ", "\n"}:
            after_char = ""
        if text[start - 1 : start] in _NOT_BEFORE_ACRONYM or after_char in _NOT_AFTER:
            continue
        window = text[max(0, start - 90) : end + 90]
        at = start - max(0, start - 90)
        before, after = window[:at], window[at:]
        before = before[max(before.rfind("\n"), before.rfind(". ")) + 1 :]
        cut = min((x for x in (after.find("\n"), after.find(". ")) if x >= 0), default=len(after))
        sentence = before + after[:cut]
        if _shouted(sentence) or not (
            _DEAL_VERB.search(sentence.lower()) or _named_consortium(text, start, end)
        ):
            continue
        found.append(FoundOrganisation(name, "company", start, end))
    return found
