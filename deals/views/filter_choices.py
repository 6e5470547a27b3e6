"""The choices of the deal list's filters: countries, companies and commodities, and the small ones.

The three long boxes hold hundreds of choices read over the whole archive, so each is kept as a
tally (`deals.tallies`) already drawn as its `<option>`s: a render after a change neither reads
nor escapes them again, and only the reader's own choice is marked on the drawn text.
"""

import unicodedata
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from deals.models import Commodity, DealParty, Party, PartyKind
from deals.tallies import tally


@dataclass(frozen=True)
class Option:
    """A choice in a filter of the deal list, and whether the reader chose it."""

    value: str
    label: str
    selected: bool


def options(choices, chosen: str | list[str]) -> list[Option]:
    """Choices for a select or a group of checkboxes, marked with what the reader chose."""
    picked = {chosen} if isinstance(chosen, str) else set(chosen)
    return [Option(str(value), label, str(value) in picked) for value, label in choices]


def country_options(chosen: str, version) -> SafeString:
    """The country box's options in groups, the empty groups left out."""
    return _with_choice(tally("filter-countries-drawn", version, _drawn_countries), chosen)


def party_options(chosen: str, version) -> SafeString:
    """Companies and organisations that take part in deals, in reading order."""
    return _with_choice(tally("filter-parties-drawn", version, _drawn_parties), chosen)


def commodity_options(chosen: str, version) -> SafeString:
    return _with_choice(tally("filter-commodities-drawn", version, _drawn_commodities), chosen)


def reading_order(name: str) -> str:
    """A sort key that files names as readers look for them: Åland under A, Türkiye under T,
    whatever the accents and letter case."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _with_choice(drawn: str, chosen: str) -> SafeString:
    """The drawn options with the reader's choice selected (none when it is not among them)."""
    if chosen:
        option = f'<option value="{escape(chosen)}">'
        drawn = drawn.replace(option, f'<option value="{escape(chosen)}" selected>', 1)
    return mark_safe(drawn)


def _drawn(choices) -> str:
    return "".join(
        f'<option value="{escape(value)}">{escape(label)}</option>' for value, label in choices
    )


def _drawn_parties() -> str:
    # Each party looks for one link in the link table's index, rather than joining every link
    # and removing the duplicates.
    rows = (
        Party.objects.filter(Exists(DealParty.objects.filter(party=OuterRef("pk"))))
        .exclude(kind=PartyKind.COUNTRY)
        .values_list("slug", "name")
    )
    return _drawn(sorted(rows, key=lambda row: reading_order(row[1])))


def _drawn_commodities() -> str:
    return _drawn(Commodity.objects.values_list("slug", "name"))


def _drawn_countries() -> str:
    """Countries with published deals first (theirs or their companies'), then the others,
    each group in reading order."""
    in_deals = DealParty.objects.filter(deal__status__isnull=False)
    rows = (
        Party.objects.countries()
        .annotate(
            has_deals=Exists(in_deals.filter(party=OuterRef("pk")))
            | Exists(in_deals.filter(party__country=OuterRef("pk")))
        )
        .values_list("slug", "name", "has_deals")
    )
    rows = sorted(rows, key=lambda row: reading_order(row[1]))
    groups = [
        ("Countries in deals", [(slug, name) for slug, name, has in rows if has]),
        ("Other countries", [(slug, name) for slug, name, has in rows if not has]),
    ]
    return "".join(
        f'<optgroup label="{escape(heading)}">{_drawn(group)}</optgroup>'
        for heading, group in groups
        if group
    )
