"""The cache the web processes share (Redis when REDIS_URL is set), and the site without it.

Reader pages, API responses and the API's throttle counters live there. When Redis does not
answer, the site goes on: pages and responses are rendered for each request, and throttles
count in each process (a client may then make its allowance once per process). Each of the
three logs one warning when Redis goes away and a line when it is back; while it is away it is
asked again every RETRY_SECONDS, not at every request.
"""

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.base import BaseCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
T = TypeVar("T")

#: Seconds between two tries of a Redis that did not answer.
RETRY_SECONDS = 5.0


class SharedCache:
    """The default cache for one part of the site, which goes on without it when Redis is away.

    `without` says what that part does meanwhile, for the log. Reads miss and writes are
    dropped.
    """

    def __init__(self, without: str):
        self.without = without
        self._away_since: float | None = None
        self._retry_at = 0.0
        self._location = None

    def get(self, key: str, default=None):
        return self._call("get", key, default)

    def set(self, key: str, value, timeout: float | None = None) -> None:
        self._call("set", key, value, timeout)

    def get_many(self, keys: list[str]) -> dict:
        return self._call("get_many", keys)

    def set_many(self, values: dict, timeout: float | None = None) -> None:
        self._call("set_many", values, timeout)

    def apply(self, shared: Callable[[BaseCache], T], local: Callable[[], T]) -> T:
        """`shared(cache)` on the shared cache; `local()` while Redis is away."""
        self._forget_another_cache()
        if self._away_since is not None and time.monotonic() < self._retry_at:
            return local()
        try:
            # The backend itself: `cache` is a proxy, which no isinstance() check recognises.
            result = shared(caches["default"])
        except RedisError as error:
            self._went_away(error)
            return local()
        self._back()
        return result

    def _call(self, method: str, *args):
        self._forget_another_cache()
        if self._away_since is not None and time.monotonic() < self._retry_at:
            return self._without(method, *args)
        try:
            result = getattr(cache, method)(*args)
        except RedisError as error:
            self._went_away(error)
            return self._without(method, *args)
        self._back()
        return result

    def _back(self) -> None:
        if self._away_since is not None:
            away = time.monotonic() - self._away_since
            logger.info("Redis answers again after %.0f s: %s no longer.", away, self.without)
            self._away_since = None

    def _forget_another_cache(self) -> None:
        # What was learnt about one cache says nothing about another one configured since.
        location = settings.CACHES["default"].get("LOCATION")
        if location != self._location:
            self._location, self._away_since = location, None

    def _went_away(self, error: RedisError) -> None:
        now = time.monotonic()
        if self._away_since is None:
            self._away_since = now
            logger.warning(
                "Redis does not answer (%s): %s until it is back (asked again every %.0f s).",
                error,
                self.without,
                RETRY_SECONDS,
            )
        self._retry_at = now + RETRY_SECONDS

    def _without(self, method: str, *args):
        if method == "get":
            return args[1]
        return {} if method == "get_many" else None


#: Reader pages for visitors (`deals.pagecache`).
pages = SharedCache("reader pages are rendered for every visitor")
#: API responses already rendered for a state of the data (`deals.api.conditional`).
api_responses = SharedCache("API responses are rendered for every request")
#: The API's throttle counters (`deals.api.throttling`).
throttles = SharedCache("API throttles count requests in each process")


def state() -> str:
    """The shared cache as /healthz reports it: ok, unreachable, or in-process (no Redis)."""
    if not settings.REDIS_URL:
        return "in-process"
    try:
        cache.get("healthz")
    except RedisError:
        return "unreachable"
    return "ok"
