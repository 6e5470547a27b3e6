"""The gazetteer extended by the database's parties, commodities and aliases, kept per process.

Parsing resolves names with it and review matches deals with it.
"""

import threading
import time
from dataclasses import dataclass

from django.db.models import Count, Max

from deals.extraction import CommodityEntry, Gazetteer, PartyEntry
from deals.models import Commodity, CommodityAlias, Party, PartyAlias, PartyKind, lineage

# --- The gazetteer, extended by the database -------------------------------------------------

#: Rebuild the gazetteer at least this often, so a renamed party or alias takes effect even
#: when no row was added or removed (which the fingerprint notices at once).
DIRECTORY_MAX_AGE = 60.0


@dataclass(frozen=True)
class Directory:
    """The gazetteer extended by the database's rows, and the rows its names resolve to."""

    gazetteer: Gazetteer
    party_ids: dict[str, int]
    country_ids: dict[str, int]
    commodity_ids: dict[str, int]
    commodity_parents: dict[int, int | None]
    fingerprint: tuple
    built_at: float

    def party_id(self, *names: str, country: str | None = None, kind: str = "") -> int | None:
        """The party a mention names: a country by its ISO code, else by name or alias."""
        if kind == PartyKind.COUNTRY and country and country.upper() in self.country_ids:
            return self.country_ids[country.upper()]
        for name in names:
            if name and name.casefold() in self.party_ids:
                return self.party_ids[name.casefold()]
        return None

    def commodity_id(self, *names: str) -> int | None:
        """The commodity a mention names, by name or alias."""
        for name in names:
            if name and name.casefold() in self.commodity_ids:
                return self.commodity_ids[name.casefold()]
        return None

    def lineage(self, commodity_id: int) -> set[int]:
        """The commodity and every commodity above it in the tree."""
        return lineage(self.commodity_parents, [commodity_id])


_directory: Directory | None = None
_directory_lock = threading.Lock()


def _fingerprint() -> tuple:
    # Rows are added (editors resolving names) far more often than renamed: counting them and
    # their highest key costs four index scans, against rebuilding the whole gazetteer.
    return tuple(
        tuple(model.objects.order_by().aggregate(rows=Count("pk"), top=Max("pk")).values())
        for model in (Party, PartyAlias, Commodity, CommodityAlias)
    )


def _build_directory(fingerprint: tuple) -> Directory:
    party_aliases: dict[int, list[str]] = {}
    for party_id, name in PartyAlias.objects.values_list("party_id", "name"):
        party_aliases.setdefault(party_id, []).append(name)
    commodity_aliases: dict[int, list[str]] = {}
    for commodity_id, name in CommodityAlias.objects.values_list("commodity_id", "name"):
        commodity_aliases.setdefault(commodity_id, []).append(name)

    parties, party_ids, country_ids = [], {}, {}
    rows = Party.objects.values_list("pk", "name", "kind", "iso_code", "country__iso_code")
    for pk, name, kind, iso_code, home in rows:
        aliases = party_aliases.get(pk, [])
        parties.append(PartyEntry(name, kind, tuple(aliases), (iso_code or home) or None))
        for known in (name, *aliases):
            party_ids.setdefault(known.casefold(), pk)
        if iso_code:
            country_ids[iso_code.upper()] = pk

    rows = list(Commodity.objects.values_list("pk", "name", "hs_codes", "parent_id"))
    names = {pk: name for pk, name, _, _ in rows}
    parents = {pk: parent_id for pk, _, _, parent_id in rows}
    commodity_ids = {}
    for pk, name in names.items():
        for known in (name, *commodity_aliases.get(pk, [])):
            commodity_ids.setdefault(known.casefold(), pk)

    def depth(pk: int) -> int:
        return len(lineage(parents, [pk]))

    commodities = [
        CommodityEntry(
            name,
            tuple(hs_codes or ()),
            tuple(commodity_aliases.get(pk, [])),
            names.get(parent_id),
        )
        # The gazetteer wants a parent before its children.
        for pk, name, hs_codes, parent_id in sorted(rows, key=lambda row: depth(row[0]))
    ]
    gazetteer = Gazetteer.default().extended(parties=parties, commodities=commodities)
    return Directory(
        gazetteer=gazetteer,
        party_ids=party_ids,
        country_ids=country_ids,
        commodity_ids=commodity_ids,
        commodity_parents=parents,
        fingerprint=fingerprint,
        built_at=time.monotonic(),
    )


def directory() -> Directory:
    """The gazetteer extended by every Party, Commodity and alias row, rebuilt when they change.

    Each process keeps one; a cheap fingerprint of the four tables tells when editors added or
    removed rows, and an age limit catches renames.
    """
    global _directory
    fingerprint = _fingerprint()
    with _directory_lock:
        current = _directory
        fresh = (
            current is not None
            and current.fingerprint == fingerprint
            and time.monotonic() - current.built_at < DIRECTORY_MAX_AGE
        )
        if not fresh:
            current = _directory = _build_directory(fingerprint)
    return current
