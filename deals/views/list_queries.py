"""The deal list's query for an address, built once per version of the names it reads.

Building it cost more than reading a page after a change: the FilterSet checks every filter with
a form of its own (a copy of each field), the filters build their lookups and subqueries, and
Django compiles the query a kept list or search is keyed and mended by (`deals.searchresults`).
What the filters read of the database are the small tables of names (every stage, a country's
parties), kept by their version (`kept_by_names`): for the same filters and the same version the
query is the same. So each process keeps it, and each request reads a copy of it, as a generic
view copies its `queryset`. A filter by a commodity, with the commodities below it, reads their
tree, which the names' version does not date: a list filtered so is built for every request.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings

from deals.filters import DealFilterSet
from deals.models.deals import DealQuerySet

#: Lists of different filters kept in each process; the least recently read is dropped first.
KEPT = 256
#: Filters that read rows the names' version does not date: a list using one is never kept.
READ_FOR_EVERY_REQUEST = ("commodity",)


@dataclass
class ListQuery:
    """The deals a filtered list finds (`matching`) and shows (`rows`, what each row shows of
    them), never read themselves (`deals()` gives a copy of the rows to read), whether they are
    found through other rows, and the text and parameters of the query that keeps and mends
    their reading, compiled at its first use."""

    matching: DealQuerySet
    rows: DealQuerySet
    found_elsewhere: bool
    _keys_query: tuple[str, tuple] | None = field(default=None, repr=False)

    def deals(self) -> DealQuerySet:
        return self.rows.all()

    def keys_query(self) -> tuple[str, tuple]:
        """`ranked_keys()` of a ranked search, `found_keys()` of any other list, compiled from
        the matching deals: without the tables only their rows show (a deal's stage), which
        the database would join for each deal it reads again."""
        if self._keys_query is None:
            matching = self.matching
            keys = matching.ranked_keys() if matching.is_ranked() else matching.found_keys()
            self._keys_query = keys.query.sql_with_params()
        return self._keys_query


class _Kept:
    """The list queries of this process, by the names' version and the filters' values."""

    def __init__(self):
        self.lock = threading.Lock()
        self.by_key: OrderedDict[tuple, ListQuery] = OrderedDict()

    def get(self, key: tuple) -> ListQuery | None:
        with self.lock:
            found = self.by_key.get(key)
            if found is not None:
                self.by_key.move_to_end(key)
            return found

    def put(self, key: tuple, query: ListQuery) -> None:
        with self.lock:
            self.by_key[key] = query
            self.by_key.move_to_end(key)
            while len(self.by_key) > KEPT:
                self.by_key.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.by_key.clear()


_kept = _Kept()


def list_query(data, names_version: Callable[[], str], build: Callable[[], ListQuery]) -> ListQuery:
    """The query of the deal list filtered by `data` (the address's query), kept by
    `names_version()` and the filters' values; `build()` builds it when none is kept. Nothing is
    kept while the names' readings are not (`TRACKER_FRAGMENT_CACHE_SECONDS` is 0)."""
    if not settings.TRACKER_FRAGMENT_CACHE_SECONDS or any(
        data.get(name) for name in READ_FOR_EVERY_REQUEST
    ):
        return build()
    chosen = tuple(
        (name, tuple(data.getlist(name))) for name in DealFilterSet.base_filters if name in data
    )
    key = (names_version(), chosen)
    kept = _kept.get(key)
    if kept is None:
        kept = build()
        _kept.put(key, kept)
    return kept


def forget_list_queries() -> None:
    """Drop every kept list query (the tests' databases start empty, each with its own names)."""
    _kept.clear()
