"""A ranked search's results, kept and mended with the deals changed since.

On PostgreSQL a search ranks every match to show the best few, and counts the matches by stage
in the same visit: a common word matches one deal in eight, tens of milliseconds at 100,000
deals. Every accepted entry changes the data version, so results keyed by it would be read afresh
after each change. Instead each search keeps, in the shared cache, which deals match at which
stage and the keys of its best `KEPT` matches. A later request reads only the deals changed since
(their `updated_at`, through its index; writing a deal's search document stamps it too), matches
and ranks those again, and mends what is kept: the counts stay exact and each of the first
pages is what a fresh reading would show.

Deals changed within `SLACK` before the latest stamp read are read again each time, so a change
committed a little after its stamp is never missed. A mending that changed nothing kept but the
latest stamp keeps nothing again, unless the stamp moved on by more than `SLACK`. A search is
read afresh when many deals changed, when its kept best matches run short of a page or one of
them is gone, when a deal is deleted or every document rebuilt (`leave_kept_searches_behind`),
and at least every `LIFETIME` seconds.
"""

import datetime
import hashlib
import time
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Max

from deals.models import Deal
from deals.models.deals import DealQuerySet
from deals.sharedcache import pages

#: The best matches kept in order: the first eight pages of results.
KEPT = 200
#: How long before the latest stamp read a deal's change is read again.
SLACK = datetime.timedelta(seconds=60)
#: More changed deals than this, and the search is read afresh.
MOST_CHANGED = 500
#: Seconds a search's reading is mended before it is read afresh.
LIFETIME = 600
#: Renewed when a deal is deleted: every kept reading is then left behind.
GENERATION_KEY = "deals:search:generation"
#: Part of every key: raise it when `Reading` or `Matches` change shape, so processes of a new
#: release never read what an older one kept.
FORMAT = 2


class Matches:
    """Every match's stage, and how many stand at each: ids in order beside their stages, in
    two arrays, which the cache keeps as bytes (a dict of ten thousand would be built again
    from its items at every read). A deal with no stage is kept at stage `NONE`."""

    NONE = -1

    def __init__(self, stages: dict[int, int]):
        ordered = sorted(stages.items())
        self.ids = array("q", (pk for pk, _ in ordered))
        self.stages = array("q", (self.NONE if s is None else s for _, s in ordered))
        self.counts = Counter(self.stages)

    def by_stage(self) -> dict[int | None, int]:
        return {None if s == self.NONE else s: n for s, n in self.counts.items() if n}

    def discard(self, pk: int) -> None:
        at = bisect_left(self.ids, pk)
        if at < len(self.ids) and self.ids[at] == pk:
            self.counts[self.stages[at]] -= 1
            del self.ids[at], self.stages[at]

    def add(self, pk: int, status: int | None) -> None:
        status = self.NONE if status is None else status
        at = bisect_left(self.ids, pk)
        self.ids.insert(at, pk)
        self.stages.insert(at, status)
        self.counts[status] += 1


@dataclass
class Reading:
    """What is kept of one search: the latest stamp read, every match's stage, the keys of the
    best matches (best first) and, when those are not all the matches, the key of the best one
    left out (every match not kept sorts below it)."""

    stamp: datetime.datetime | None
    read_at: float
    matches: Matches
    best: list[tuple]
    below: tuple | None


def page_and_stage_counts(
    deals: DealQuerySet,
    number: int,
    per_page: int,
    keys_query: tuple[str, tuple] | None = None,
) -> tuple[list[Deal] | None, dict[int | None, int]]:
    """Page `number` of these ranked deals (None when it lies past the kept best matches) and
    how many stand at each stage. `keys_query`, the text and parameters of their
    `ranked_keys()` query, is compiled here unless given."""
    keys_query = keys_query or deals.ranked_keys().query.sql_with_params()
    source = f"{FORMAT}|{pages.get(GENERATION_KEY)}|{keys_query[0]}|{keys_query[1]}"
    return _kept(
        "deals:search:" + hashlib.sha256(source.encode()).hexdigest(),
        Reading,
        mend=lambda reading: _mend(reading, deals, keys_query, per_page),
        read=lambda: _read(Reading, deals.ranked_reading),
        page=lambda reading, start: _page(reading, deals, start, per_page),
        start=(number - 1) * per_page,
        per_page=per_page,
    )


def _kept(key: str, kind: type, *, mend, read, page, start: int, per_page: int):
    """The page at `start` of what is kept under `key` (a `kind` of reading), mended by `mend`
    (which gives None when it cannot be), or read afresh by `read` when nothing usable is kept
    or a kept match is gone; and the counts by stage. What changed is kept again."""
    reading = pages.get(key)
    mended = None
    if isinstance(reading, kind) and time.time() - reading.read_at < LIFETIME:
        told, stamp = _tells(reading), reading.stamp
        mended = mend(reading)
        if mended and _tells(reading) == told and not _moved_on(stamp, reading.stamp):
            # Only deals read again within the overlap, as they were: what is kept stands.
            mended = False
    if mended is not None:
        shown = page(reading, start)
    if mended is None or (shown is not None and len(shown) < len(reading.best[start:][:per_page])):
        reading, mended = read(), True  # A kept match is gone, or nothing was kept.
        shown = page(reading, start)
    if mended:
        pages.set(key, reading, LIFETIME)
    return shown, reading.matches.by_stage()


def _tells(reading) -> tuple:
    """What a `Reading` or `OrderedReading` tells of its deals (not when it was read), copied."""
    matches = reading.matches
    return (array("q", matches.ids), array("q", matches.stages), list(reading.best), reading.below)


def _moved_on(kept, read) -> bool:
    """Whether the latest stamp `read` is far enough past the `kept` one to keep it instead: a
    reading whose deals did not change is kept again only then (a search's matches, kept as
    bytes, are written whole), so each mending reads again the deals of about two minutes."""
    return kept is None or (read is not None and read - kept > SLACK)


def _page(reading: Reading, deals: DealQuerySet, start: int, per_page: int) -> list[Deal] | None:
    kept = reading.best[start : start + per_page]
    if len(kept) < per_page and reading.below is not None:
        return None
    # Every kept match matches: a deal whose document or stage changed is stamped, and mended.
    return deals.rows_in_order([pk for *_, pk in kept])


def leave_kept_searches_behind() -> None:
    """Every search is read afresh from now on (a deal deleted, every document rebuilt)."""
    pages.set(GENERATION_KEY, time.time_ns(), None)


def deal_deleted(**kwargs) -> None:
    """A deleted deal is no longer counted: the `post_delete` receiver of deals."""
    leave_kept_searches_behind()


def _read(kind: type, reading: Callable[[int], tuple]):
    """A fresh `kind` of reading from `reading(most)` (every match's stage, the first `most`
    keys in order)."""
    # The stamp is read first: a deal stamped later is read again at the next mending.
    stamp = Deal.objects.aggregate(latest=Max("updated_at"))["latest"]
    stages, best = reading(KEPT + 1)
    below = best.pop() if len(best) > KEPT else None
    return kind(stamp, time.time(), Matches(stages), best, below)


def _mend(
    reading: Reading, deals: DealQuerySet, keys_query: tuple[str, tuple], per_page: int
) -> bool | None:
    """Bring `reading` up to date with the deals changed since its stamp: whether any had.
    None when it cannot be: too many changed, or its kept best matches ran short of a page.
    `keys_query` is the text and parameters of the deals' `ranked_keys()` query."""
    since = reading.stamp - SLACK if reading.stamp is not None else None
    changed, ranked = deals.changed_and_ranked(since, MOST_CHANGED + 1, keys_query)
    if len(changed) > MOST_CHANGED:
        return None
    if not changed:
        return False
    for pk in changed:
        reading.matches.discard(pk)
    reading.best = [keys for keys in reading.best if keys[-1] not in changed]
    for pk, status, *keys in ranked:
        reading.matches.add(pk, status)
        if reading.below is None or tuple(keys) > reading.below:
            reading.best.append(tuple(keys))
    reading.best.sort(reverse=True)
    if len(reading.best) > KEPT:
        reading.below = reading.best[KEPT]
        del reading.best[KEPT:]
    reading.stamp = max(filter(None, [reading.stamp, *changed.values()]))
    return True if len(reading.best) >= per_page or reading.below is None else None


@dataclass
class OrderedReading:
    """What is kept of deals found through other rows in an order of their own columns (a
    country's deals by title): the latest stamp read, every match's stage, the ids of the first
    matches in order and, when those are not all the matches, the id of the first one left out
    (every match not kept sorts after it)."""

    stamp: datetime.datetime | None
    read_at: float
    matches: Matches
    best: list[int]
    below: int | None


def ordered_page_and_stage_counts(
    deals: DealQuerySet,
    number: int,
    per_page: int,
    found_query: tuple[str, tuple] | None = None,
) -> tuple[list[Deal] | None, dict[int | None, int]] | None:
    """Page `number` of these deals, found through other rows and ordered by their own columns
    (None when it lies past the kept first matches), and how many stand at each stage, kept and
    mended as a ranked search is; None when their order is not of their own columns. Which
    deals come first is always the database's answer, in its collation: mending sorts the kept
    and the changed matches again in the database, never in Python. `found_query`, the text and
    parameters of their `found_keys()` query, is compiled here unless given."""
    if deals.order_columns() is None:
        return None
    found_query = found_query or deals.found_keys().query.sql_with_params()
    source = (
        f"{FORMAT}|{pages.get(GENERATION_KEY)}|{deals.order_columns()}|"
        f"{found_query[0]}|{found_query[1]}"
    )
    return _kept(
        "deals:found:" + hashlib.sha256(source.encode()).hexdigest(),
        OrderedReading,
        mend=lambda reading: _mend_ordered(reading, deals, found_query, per_page),
        read=lambda: _read(OrderedReading, deals.found_reading),
        page=lambda reading, start: _ordered_page(reading, deals, start, per_page),
        start=(number - 1) * per_page,
        per_page=per_page,
    )


def _ordered_page(
    reading: OrderedReading, deals: DealQuerySet, start: int, per_page: int
) -> list[Deal] | None:
    kept = reading.best[start : start + per_page]
    if len(kept) < per_page and reading.below is not None:
        return None
    return deals.rows_in_order(kept)


def _mend_ordered(
    reading: OrderedReading, deals: DealQuerySet, found_query: tuple[str, tuple], per_page: int
) -> bool | None:
    """Bring `reading` up to date with the deals changed since its stamp: whether any had.
    None when it cannot be: too many changed, the first match left out changed, or the kept
    first matches ran short of a page. `found_query` is the text and parameters of the deals'
    `found_keys()` query."""
    since = reading.stamp - SLACK if reading.stamp is not None else None
    candidates = reading.best + ([reading.below] if reading.below is not None else [])
    changed, found, ordered = deals.changed_and_reordered(
        since, MOST_CHANGED + 1, found_query, candidates
    )
    if len(changed) > MOST_CHANGED or reading.below in changed:
        return None  # The first match left out changed: where the kept ones end is unknown.
    if not changed:
        return False
    for pk in changed:
        reading.matches.discard(pk)
    for pk, status in found.items():
        reading.matches.add(pk, status)
    reading.stamp = max(filter(None, [reading.stamp, *changed.values()]))
    if not found and not any(pk in changed for pk in candidates):
        return True  # No kept deal changed and no changed deal matches: the order stands.
    if reading.below is not None and reading.below not in ordered:
        return None
    if reading.below is not None:
        # Every match not kept sorts after the first one left out, which did not change.
        ordered = ordered[: ordered.index(reading.below)]
    reading.best = ordered[:KEPT]
    if len(ordered) > KEPT:
        reading.below = ordered[KEPT]
    return True if len(reading.best) >= per_page or reading.below is None else None
