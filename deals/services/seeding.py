"""Reference data every tracker starts with: the world's countries, trade blocs, commodities."""

import functools
from collections.abc import Iterable
from dataclasses import dataclass

import pycountry
from django.db import transaction
from django.utils.text import slugify

from deals.extraction import load_taxonomy
from deals.models import Commodity, CommodityAlias, Party, PartyAlias, PartyKind

#: Short English names trade news uses, where ISO 3166's name is a formal or inverted one.
COUNTRY_NAMES = {
    "BN": "Brunei",
    "CC": "Cocos Islands",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "FK": "Falkland Islands",
    "FM": "Micronesia",
    "MF": "Saint Martin",
    "PS": "Palestine",
    "RU": "Russia",
    "SX": "Sint Maarten",
    "VA": "Vatican City",
    "VG": "British Virgin Islands",
    "VI": "United States Virgin Islands",
}
#: Other names a country goes by, beyond those ISO 3166 lists.
COUNTRY_ALIASES = {
    "CZ": ("Czech Republic",),
    "GB": ("Britain", "Great Britain", "UK", "U.K."),
    "TR": ("Turkey",),
    "US": ("U.S.", "USA", "United States of America"),
}
#: Trade blocs and the international organisations trade news names as parties.
BLOCS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("European Union", PartyKind.BLOC, ("EU", "E.U.")),
    ("ASEAN", PartyKind.BLOC, ("Association of Southeast Asian Nations",)),
    ("Mercosur", PartyKind.BLOC, ("Mercosul", "Southern Common Market")),
    ("African Union", PartyKind.BLOC, ()),
    ("Gulf Cooperation Council", PartyKind.BLOC, ("GCC",)),
    ("European Free Trade Association", PartyKind.BLOC, ("EFTA",)),
    ("Eurasian Economic Union", PartyKind.BLOC, ("EAEU",)),
    ("BRICS", PartyKind.BLOC, ()),
    ("G7", PartyKind.BLOC, ("Group of Seven",)),
    ("G20", PartyKind.BLOC, ("Group of 20", "Group of Twenty")),
    ("World Trade Organization", PartyKind.INTERNATIONAL_ORG, ("WTO",)),
    ("OPEC", PartyKind.INTERNATIONAL_ORG, ("Organization of the Petroleum Exporting Countries",)),
)


@dataclass(frozen=True)
class Seeded:
    """How many reference rows seeding added (zero on a database that has them all)."""

    parties: int
    party_aliases: int
    commodities: int
    commodity_aliases: int


class _Names:
    """Names already taken by parties or commodities, compared without letter case."""

    def __init__(self, *querysets):
        self.taken = {name.casefold() for queryset in querysets for name in queryset}

    def claim(self, name: str) -> bool:
        key = name.strip().casefold()
        if not key or key in self.taken:
            return False
        self.taken.add(key)
        return True


def _slugs(model) -> set[str]:
    return set(model.objects.values_list("slug", flat=True))


def _free_slug(name: str, taken: set[str], max_length: int) -> str:
    base = slugify(name)[: max_length - 6].strip("-") or "item"
    slug, counter = base, 2
    while slug in taken:
        slug, counter = f"{base}-{counter}", counter + 1
    taken.add(slug)
    return slug


def _countries() -> Iterable[tuple[str, str, tuple[str, ...]]]:
    for country in pycountry.countries:
        code = country.alpha_2
        name = COUNTRY_NAMES.get(code) or getattr(country, "common_name", None) or country.name
        others = (
            country.name,
            getattr(country, "common_name", None),
            getattr(country, "official_name", None),
            *COUNTRY_ALIASES.get(code, ()),
        )
        yield code, name, tuple(other for other in others if other and other != name)


def _seed_parties() -> tuple[int, int]:
    names = _Names(
        Party.objects.values_list("name", flat=True),
        PartyAlias.objects.values_list("name", flat=True),
    )
    slugs = _slugs(Party)
    by_code = dict(Party.objects.exclude(iso_code="").values_list("iso_code", "pk"))
    by_name = {name.casefold(): pk for pk, name in Party.objects.values_list("pk", "name")}
    planned: list[tuple[Party, tuple[str, ...]]] = []
    existing: list[tuple[int, tuple[str, ...]]] = []
    rows = [(code, name, PartyKind.COUNTRY, aliases) for code, name, aliases in _countries()]
    rows += [("", name, kind, aliases) for name, kind, aliases in BLOCS]
    for code, name, kind, aliases in rows:
        pk = by_code.get(code) if code else by_name.get(name.casefold())
        if pk is not None:
            existing.append((pk, aliases))
        elif names.claim(name):
            party = Party(name=name, slug=_free_slug(name, slugs, 200), kind=kind, iso_code=code)
            planned.append((party, aliases))
    Party.objects.bulk_create([party for party, _ in planned])
    # bulk_create sets keys on PostgreSQL but not on every database: read them back by name.
    created = dict(
        Party.objects.filter(slug__in=[party.slug for party, _ in planned]).values_list(
            "slug", "pk"
        )
    )
    aliases = [
        PartyAlias(party_id=pk, name=alias)
        for pk, others in [
            *existing,
            *[(created[party.slug], others) for party, others in planned],
        ]
        for alias in others
        if names.claim(alias)
    ]
    PartyAlias.objects.bulk_create(aliases)
    return len(planned), len(aliases)


def _seed_commodities() -> tuple[int, int]:
    names = _Names(
        Commodity.objects.values_list("name", flat=True),
        CommodityAlias.objects.values_list("name", flat=True),
    )
    slugs = _slugs(Commodity)
    ids = {name.casefold(): pk for pk, name in Commodity.objects.values_list("pk", "name")}
    added = aliases = 0
    # The taxonomy lists parents before children; each row needs its parent's key.
    for entry in load_taxonomy():
        pk = ids.get(entry.name.casefold())
        if pk is None and names.claim(entry.name):
            pk = Commodity.objects.create(
                name=entry.name,
                slug=_free_slug(entry.name, slugs, 120),
                hs_codes=list(entry.hs_codes),
                parent_id=ids.get((entry.parent or "").casefold()),
            ).pk
            ids[entry.name.casefold()] = pk
            added += 1
        if pk is None:
            continue
        new = [CommodityAlias(commodity_id=pk, name=alias) for alias in entry.aliases]
        new = [alias for alias in new if names.claim(alias.name)]
        CommodityAlias.objects.bulk_create(new)
        aliases += len(new)
    return added, aliases


def taxonomy_parent(name: str) -> Commodity | None:
    """The commodity the shipped taxonomy files the good `name` under, when the database holds it:
    a good first named by a story is still found under its family ("beer" under beverages)."""
    entry = _taxonomy_by_name().get(name.casefold())
    if entry is None or not entry.parent:
        return None
    return Commodity.objects.filter(name__iexact=entry.parent).first()


@functools.cache
def _taxonomy_by_name() -> dict:
    return {entry.name.casefold(): entry for entry in load_taxonomy()}


@transaction.atomic
def seed_reference_data() -> Seeded:
    """Add the countries (pycountry, with ISO codes), blocs and commodity taxonomy.

    Rows already present, and editors' changes to them, are left alone: running it again adds
    nothing.
    """
    parties, party_aliases = _seed_parties()
    commodities, commodity_aliases = _seed_commodities()
    return Seeded(parties, party_aliases, commodities, commodity_aliases)
