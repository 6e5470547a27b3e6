"""Throttling: anonymous requests per client address, authenticated ones per token.

Each client has a log of the times of its requests in the last window (a minute for
`120/minute`); a request is let through when the log holds fewer than the limit. Reading and
writing the log is one atomic step, so requests arriving together are counted exactly: with
Redis (REDIS_URL), one script on a sorted set shared by every web process; without it, in a
sorted list in the process's memory, under a lock (the in-process cache would copy the whole log
in and out at every request: at a high allowance, a millisecond). DRF's own throttle reads the
log and writes it back in two steps, and requests arriving in between were lost from the count.
While Redis is away each process counts on its own, the same way (`deals.sharedcache`).

A `304 Not Modified` is answered before throttling and costs nothing (see `conditional.py`).
"""

import bisect
import hashlib
import threading
import uuid

from django.conf import settings
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.redis import RedisCache
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from deals import sharedcache

# Drops the times that left the window, then records this request if the log has room.
# Answers 0 when the request may go on, else the seconds until the oldest time leaves.
_RECORD = """
local now, window, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call("ZREMRANGEBYSCORE", KEYS[1], "-inf", now - window)
if redis.call("ZCARD", KEYS[1]) < limit then
    redis.call("ZADD", KEYS[1], now, ARGV[4])
    redis.call("EXPIRE", KEYS[1], math.ceil(window))
    return "0"
end
local oldest = redis.call("ZRANGE", KEYS[1], 0, 0, "WITHSCORES")
return tostring(oldest[2] + window - now)
"""


class _ProcessLogs:
    """Each client's request times in this process, oldest first, kept per configured cache so a
    new cache starts every count afresh, as a new cache would."""

    #: Records between two sweeps of the logs of clients gone quiet.
    SWEEP_EVERY = 10_000

    def __init__(self):
        self.lock = threading.Lock()
        self.logs: dict[tuple[str, str], tuple[list[float], int]] = {}
        self.recorded = 0

    def record(self, place: str, key: str, *, now: float, limit: int, window: int) -> float:
        with self.lock:
            log, _ = self.logs.get((place, key), ([], window))
            self.logs[place, key] = (log, window)
            del log[: bisect.bisect_right(log, now - window)]
            if len(log) >= limit:
                return log[0] + window - now
            bisect.insort(log, now)
            self.recorded += 1
            if self.recorded % self.SWEEP_EVERY == 0:
                self._forget_quiet_clients(now)
            return 0.0

    def _forget_quiet_clients(self, now: float) -> None:
        quiet = [
            name for name, (log, window) in self.logs.items() if not log or log[-1] <= now - window
        ]
        for name in quiet:
            del self.logs[name]


_process_logs = _ProcessLogs()
#: Where the counts kept while Redis is away are filed, apart from any configured cache's.
_WITHOUT_REDIS = "\0without-redis"


def record_request(key: str, *, now: float, limit: int, window: int) -> float:
    """Count a request in the log at `key` if it has room: 0, else the seconds to wait."""

    def shared(cache: BaseCache) -> float:
        if not isinstance(cache, RedisCache):
            place = str(settings.CACHES["default"].get("LOCATION", ""))
            return _process_logs.record(place, key, now=now, limit=limit, window=window)
        full_key = cache.make_and_validate_key(key)
        client = cache._cache.get_client(full_key, write=True)
        member = f"{now}:{uuid.uuid4().hex}"
        return float(client.eval(_RECORD, 1, full_key, now, window, limit, member))

    def local() -> float:
        # Filed apart from the counts kept when the configured cache is in-process.
        return _process_logs.record(_WITHOUT_REDIS, key, now=now, limit=limit, window=window)

    return sharedcache.throttles.apply(shared, local)


class _ExactRateThrottle(SimpleRateThrottle):
    def get_rate(self) -> str:
        # Read at each request rather than once at import, so a changed setting applies.
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def allow_request(self, request, view) -> bool:
        self.key = self.get_cache_key(request, view)
        if self.rate is None or self.key is None:
            return True
        self.wait_seconds = record_request(
            self.key, now=self.timer(), limit=self.num_requests, window=self.duration
        )
        return self.wait_seconds == 0

    def wait(self) -> float:
        return self.wait_seconds


class AddressRateThrottle(_ExactRateThrottle):
    """Limits anonymous requests per client address (TRACKER_API_THROTTLE_ADDRESS)."""

    scope = "address"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenRateThrottle(_ExactRateThrottle):
    """Limits authenticated requests per token, or per user with a session.

    The rate is TRACKER_API_THROTTLE_TOKEN.
    """

    scope = "token"

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        credential = getattr(request.auth, "key", None) or f"user:{request.user.pk}"
        # The cache never holds a usable token, only its digest.
        ident = hashlib.blake2b(credential.encode(), digest_size=16).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": ident}
