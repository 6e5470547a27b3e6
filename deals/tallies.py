"""What pages read over the whole archive, read again at most once every `TRACKER_TALLY_SECONDS`.

How many deals stand at each stage, the home page's chart of where the active deals stand, and
the deal list's choices of countries, parties and commodities in deals each read every published
deal or link: at 100,000 deals each takes milliseconds to tens of milliseconds, and every
accepted entry changes the data the pages are keyed by. A tally is kept in the shared cache with
the data version it counted. A reader gets the tally of the current version; after a change, the
tally of the previous one while it is younger than `TRACKER_TALLY_SECONDS`, so the archive is
recounted at most that often however busy the newsroom. A page showing such a tally is marked
provisional: the caches keep it no longer than the tally may lag (`cache_seconds`).
Lists of deals, timelines and deal pages never lag: only these tallies do.
"""

import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar

from django.conf import settings

from deals.sharedcache import pages

T = TypeVar("T")

#: The renders under way in this request, innermost last; each notes whether it showed a tally
#: that counted an earlier version of the data.
_renders: ContextVar[tuple[list, ...]] = ContextVar("tracker_tally_renders", default=())


def tally(name: str, version, count: Callable[[], T]) -> T:
    """`count()`, as counted for data `version` (read only if tallies are on), or for an earlier
    version a little while ago."""
    seconds = settings.TRACKER_TALLY_SECONDS
    if not seconds:
        return count()
    version, key = str(version), f"deals:tally:{name}"
    kept = pages.get(key)
    if kept is not None:
        counted_for, counted_at, value = kept
        if counted_for == version:
            return value
        if time.time() - counted_at < seconds:
            for render in _renders.get():
                render.append(name)
            return value
    value = count()
    # Kept past its lag so an unchanged archive is never recounted; a change makes it provisional.
    pages.set(key, (version, time.time(), value), max(seconds, 3600))
    return value


def rendering(render: Callable[[], T]) -> tuple[T, bool]:
    """`render()`, and whether it showed a tally that counted an earlier version of the data."""
    earlier: list[str] = []
    token = _renders.set((*_renders.get(), earlier))
    try:
        return render(), bool(earlier)
    finally:
        _renders.reset(token)


def cache_seconds(seconds: int, *, provisional: bool) -> int:
    """How long a cache keeps a page, or part of one: no longer than its tallies may lag."""
    return min(seconds, settings.TRACKER_TALLY_SECONDS) if provisional else seconds
