"""Known parties and commodities, matched in one pass with an Aho-Corasick automaton.

Matching runs on the lower-cased text and then checks case against the alias as written:
acronyms and short aliases ("US", "EU", "LNG", "Xi") must match exactly, proper names must start
with a capital letter in the text ("Turkey", not "turkey"), lower-case commodity aliases match in
any case. Matches must sit on word boundaries; overlapping matches keep the longest.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

import ahocorasick
import pycountry

from .types import CommodityEntry, PartyEntry

DATA_DIR = Path(__file__).resolve().parent / "data"

# How a party alias relates to its party; "demonym" and "leader" mentions need care downstream.
VIA_NAME, VIA_ALIAS, VIA_DEMONYM, VIA_CAPITAL, VIA_LEADER = (
    "name",
    "alias",
    "demonym",
    "capital",
    "leader",
)
# NOT_A_PARTY: a phrase that holds a party's or a good's name but names neither ("Latin America",
# "bargaining chips"); as the longest match it hides the shorter one, then is dropped.
PARTY, COMMODITY, NOT_A_PARTY = "party", "commodity", "not_a_party"
_EXACT, _CAPITAL, _ANY = 0, 1, 2


class Match(NamedTuple):
    """One gazetteer hit in a text."""

    category: str
    index: int
    via: str
    start: int
    end: int
    text: str


def _load(name: str) -> dict:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return json.load(handle)


@functools.cache
def load_taxonomy_tuple() -> tuple[CommodityEntry, ...]:
    rows = _load("commodities.json")["commodities"]
    return tuple(
        CommodityEntry(
            name=row["name"],
            hs_codes=tuple(row["hs_codes"]),
            aliases=tuple(row["aliases"]),
            parent=row["parent"],
        )
        for row in rows
    )


def load_taxonomy() -> list[CommodityEntry]:
    """The shipped commodity taxonomy, every parent before its children."""
    return list(load_taxonomy_tuple())


@functools.cache
def _unmatched_commodity_names() -> frozenset[str]:
    rows = _load("commodities.json")["commodities"]
    return frozenset(row["name"] for row in rows if row.get("match_name") is False)


def _not_goods() -> list[str]:
    """Phrases holding a good's name that name no good ("bargaining chips", "to beef up")."""
    return _load("commodities.json")["not_goods"]


def _case_mode(alias: str, category: str) -> int:
    if category == COMMODITY:
        if not any(c.isupper() for c in alias):
            return _ANY
        return _CAPITAL if alias[1:] == alias[1:].lower() else _EXACT
    if len(alias) <= 3 or not any(c.islower() for c in alias):
        return _EXACT
    if re.search(r"[a-z][A-Z]", alias):
        return _EXACT
    return _CAPITAL if alias[0].isupper() else _ANY


def _case_ok(mode: int, alias: str, written: str) -> bool:
    if mode == _ANY:
        return True
    if mode == _EXACT:
        return written == alias
    if not (written[:1].isupper() or not written[:1].isalpha()):
        return False
    # "Rio Tinto" must be written with both capitals: "U.S. steel" is not the company US Steel.
    return " " not in alias or all(
        not a[:1].isupper() or w[:1].isupper() or not w[:1].isalpha()
        for a, w in zip(alias.split(" "), written.split(" "), strict=False)
    )


class Gazetteer:
    """Parties and commodities with their aliases, and the automaton that finds them."""

    def __init__(
        self,
        parties: Iterable[PartyEntry],
        commodities: Iterable[CommodityEntry],
        *,
        party_via: dict[tuple[int, str], str] | None = None,
        demonyms: dict[str, str] | None = None,
        not_parties: Iterable[str] = (),
        unmatched_names: Iterable[str] = (),
        bloc_members: dict[str, frozenset[str]] | None = None,
        namesakes: dict[str, tuple[str, ...]] | None = None,
    ):
        self.parties: list[PartyEntry] = list(parties)
        self.commodities: list[CommodityEntry] = list(commodities)
        self._party_via = dict(party_via or {})
        self.demonyms: dict[str, str] = dict(demonyms or {})
        self._not_parties = tuple(not_parties)
        self._unmatched_names = frozenset(unmatched_names)
        #: The country codes of each bloc's members, by the bloc's name.
        self.bloc_members: dict[str, frozenset[str]] = dict(bloc_members or {})
        #: Names two countries share ("Congo"): the country codes, the usual meaning first.
        self.namesakes: dict[str, tuple[str, ...]] = dict(namesakes or {})
        self.party_by_name = {p.name.lower(): i for i, p in enumerate(self.parties)}
        self.commodity_by_name = {c.name.lower(): i for i, c in enumerate(self.commodities)}
        self.country_index = {
            p.country: i for i, p in enumerate(self.parties) if p.kind == "country" and p.country
        }
        self._keys: dict[str, list[tuple[str, int, str, int, str]]] = {}
        self._lineages: dict[int, list[str]] = {}
        self._build()

    # -- construction -------------------------------------------------------------------------

    def _add(self, alias: str, category: str, index: int, via: str) -> None:
        alias = alias.strip()
        if not alias:
            return
        key = alias.lower()
        payload = (category, index, alias, _case_mode(alias, category), via)
        bucket = self._keys.setdefault(key, [])
        if payload not in bucket:
            bucket.append(payload)

    def _build(self) -> None:
        for i, party in enumerate(self.parties):
            self._add(party.name, PARTY, i, VIA_NAME)
            for alias in party.aliases:
                self._add(alias, PARTY, i, self._party_via.get((i, alias), VIA_ALIAS))
        for i, commodity in enumerate(self.commodities):
            if commodity.name not in self._unmatched_names:
                self._add(commodity.name, COMMODITY, i, VIA_NAME)
            for alias in commodity.aliases:
                self._add(alias, COMMODITY, i, VIA_ALIAS)
        for phrase in self._not_parties:
            self._add(phrase, NOT_A_PARTY, -1, VIA_NAME)
        automaton = ahocorasick.Automaton()
        for key, payloads in self._keys.items():
            simple = len(payloads) == 1 and payloads[0][3] == _ANY
            automaton.add_word(key, (len(key), payloads, simple))
        automaton.make_automaton()
        self._automaton = automaton
        self._alias_by_lower = {
            key: [p for p in payloads if p[0] == COMMODITY] for key, payloads in self._keys.items()
        }

    @classmethod
    @functools.cache
    def default(cls) -> Gazetteer:
        """The shipped gazetteer: data files plus every country pycountry knows (built once)."""
        return cls._from_data()

    @classmethod
    def _from_data(cls) -> Gazetteer:
        data = _load("countries.json")
        parties: list[PartyEntry] = []
        via: dict[tuple[int, str], str] = {}
        demonyms: dict[str, str] = {}
        curated = {row["code"]: row for row in data["countries"]}
        for country in pycountry.countries:
            code = country.alpha_2
            row = curated.get(code)
            official = getattr(country, "official_name", None)
            common = getattr(country, "common_name", None)
            name = row["name"] if row else (common or country.name)
            aliases: list[str] = []
            for candidate in (country.name, common, official):
                if candidate and "," not in candidate and candidate != name:
                    aliases.append(candidate.removeprefix("the "))
            index = len(parties)
            if row:
                aliases += row["aliases"]
                for kind, values in (
                    (VIA_DEMONYM, row["demonyms"]),
                    (VIA_CAPITAL, row["capitals"]),
                    (VIA_LEADER, row["leaders"]),
                ):
                    for value in values:
                        aliases.append(value)
                        via[(index, value)] = kind
                if row["demonyms"]:
                    demonyms[code] = row["demonyms"][0]
            parties.append(PartyEntry(name, "country", tuple(dict.fromkeys(aliases)), code))
        members: dict[str, frozenset[str]] = {}
        for org in _load("organisations.json")["organisations"]:
            parties.append(
                PartyEntry(org["name"], org["kind"], tuple(org["aliases"]), org["country"])
            )
            if org.get("members"):
                members[org["name"]] = frozenset(org["members"])
        return cls(
            parties,
            load_taxonomy_tuple(),
            party_via=via,
            demonyms=demonyms,
            not_parties=[*data["not_parties"], *_not_goods()],
            unmatched_names=_unmatched_commodity_names(),
            bloc_members=members,
            namesakes={name: tuple(codes) for name, codes in data["namesakes"].items()},
        )

    def extended(
        self, parties: Iterable[PartyEntry] = (), commodities: Iterable[CommodityEntry] = ()
    ) -> Gazetteer:
        """A new gazetteer with editors' rows added; a row whose name is known merges into it."""
        new_parties = list(self.parties)
        via = dict(self._party_via)
        for entry in parties:
            i = self.party_by_name.get(entry.name.lower())
            if i is None:
                new_parties.append(entry)
                continue
            known = new_parties[i]
            new_parties[i] = PartyEntry(
                entry.name,
                entry.kind or known.kind,
                tuple(dict.fromkeys((*known.aliases, *entry.aliases))),
                entry.country or known.country,
            )
        new_commodities = list(self.commodities)
        by_name = {c.name.lower(): i for i, c in enumerate(new_commodities)}
        for entry in commodities:
            i = by_name.get(entry.name.lower())
            if i is None:
                by_name[entry.name.lower()] = len(new_commodities)
                new_commodities.append(entry)
                continue
            known = new_commodities[i]
            new_commodities[i] = CommodityEntry(
                entry.name,
                entry.hs_codes or known.hs_codes,
                tuple(dict.fromkeys((*known.aliases, *entry.aliases))),
                entry.parent if entry.parent is not None else known.parent,
            )
        return Gazetteer(
            new_parties,
            new_commodities,
            party_via=via,
            demonyms=self.demonyms,
            not_parties=self._not_parties,
            unmatched_names=self._unmatched_names,
            bloc_members=self.bloc_members,
            namesakes=self.namesakes,
        )

    # -- lookups ------------------------------------------------------------------------------

    def demonym_of(self, country: str | None) -> str | None:
        return self.demonyms.get(country or "")

    def country_party(self, code: str | None) -> PartyEntry | None:
        i = self.country_index.get(code or "")
        return None if i is None else self.parties[i]

    def commodity_lineage(self, index: int) -> list[str]:
        """Names from the commodity up to its root."""
        known = self._lineages.get(index)
        if known is None:
            known = self._lineages[index] = self._lineage(index)
        return known

    def _lineage(self, index: int) -> list[str]:
        names = []
        seen = set()
        current: str | None = self.commodities[index].name
        while current and current.lower() not in seen:
            seen.add(current.lower())
            names.append(current)
            i = self.commodity_by_name.get(current.lower())
            current = self.commodities[i].parent if i is not None else None
        return names

    def country_and_commodity(self, written: str) -> tuple[int, int, int] | None:
        """(party index, prefix length, commodity index) when ``written`` reads as a country
        followed by a commodity ("U.S. Steel" read as the United States and steel)."""
        parts = written.split(" ")
        for k in range(1, len(parts)):
            prefix, rest = " ".join(parts[:k]), " ".join(parts[k:]).lower()
            goods = self._alias_by_lower.get(rest)
            if not goods:
                continue
            for category, index, alias, mode, _via in self._keys.get(prefix.lower(), ()):
                country = category == PARTY and self.parties[index].kind == "country"
                if country and _case_ok(mode, alias, prefix):
                    return index, len(prefix), goods[0][1]
        return None

    # -- matching -----------------------------------------------------------------------------

    def find(self, text: str, low: str) -> list[Match]:
        """Non-overlapping matches in ``text`` (``low`` is its same-length lower-case form)."""
        candidates = []
        size = len(text)
        for end_index, (length, payloads, simple) in self._automaton.iter(low):
            start = end_index - length + 1
            end = end_index + 1
            if (start and text[start - 1].isalnum()) or (end < size and text[end].isalnum()):
                continue
            if simple:
                candidates.append((start - end, start, end, payloads[0]))
                continue
            written = text[start:end]
            best = None
            for payload in payloads:
                if not _case_ok(payload[3], payload[2], written):
                    continue
                if best is None or (written == payload[2] and best[2] != written):
                    best = payload
            if best is not None:
                candidates.append((start - end, start, end, best))
        # Longest first, then leftmost; no two candidates share both start and end.
        candidates.sort()
        taken = bytearray(size + 1)
        matches = []
        for _length, start, end, payload in candidates:
            if taken.find(1, start, end) != -1:
                continue
            taken[start:end] = b"\x01" * (end - start)
            category = payload[0]
            if category == NOT_A_PARTY:
                continue
            matches.append(Match(category, payload[1], payload[4], start, end, text[start:end]))
        matches.sort(key=lambda m: m.start)
        return self._with_coordinated_commodities(text, low, matches)

    _COORDINATED = re.compile(r"([a-z]+)\s*(?:,|and|or|&)\s*$")
    _COORDINATED_HEAD = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|&)\s+)([a-z]+)\b")

    def _with_coordinated_commodities(
        self, text: str, low: str, matches: list[Match]
    ) -> list[Match]:
        """'light and heavy rare earths' also names light rare earths; 'canola oil and meal',
        canola meal."""
        extra = []
        starts = {m.start for m in matches}
        for match in matches:
            if match.category != COMMODITY or " " not in match.text:
                continue
            modifier = low[match.start : match.end].rsplit(" ", 1)[0]
            after = self._COORDINATED_HEAD.match(low, match.end)
            # "raw minerals and lithium concentrates": the word opens a name of its own.
            if after and after.start(1) not in starts:
                candidates = self._alias_by_lower.get(f"{modifier} {after.group(1)}")
                if candidates:
                    start, end = after.start(1), after.end(1)
                    extra.append(
                        Match(COMMODITY, candidates[0][1], VIA_ALIAS, start, end, text[start:end])
                    )
            head = low[match.start : match.end].split(" ", 1)[1]
            before = self._COORDINATED.search(low, max(0, match.start - 30), match.start)
            if not before:
                continue
            candidates = self._alias_by_lower.get(f"{before.group(1)} {head}")
            if candidates:
                start, end = before.start(1), before.end(1)
                extra.append(
                    Match(COMMODITY, candidates[0][1], VIA_ALIAS, start, end, text[start:end])
                )
        if not extra:
            return matches
        return sorted(matches + extra, key=lambda m: m.start)
