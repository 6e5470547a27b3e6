"""Throttling: anonymous requests per client address, authenticated ones per token.

The counters live in the Django cache, which is Redis when REDIS_URL is set, so all the
gunicorn workers share them; while Redis is away each process counts on its own
(`deals.sharedcache`). A `304 Not Modified` is answered before throttling and costs nothing
(see `conditional.py`).
"""

import hashlib

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from deals import sharedcache


class _RateFromSettings(SimpleRateThrottle):
    # Shared by every process through Redis; kept by each process while Redis is away.
    cache = sharedcache.throttles

    def get_rate(self) -> str:
        # Read at each request rather than once at import, so a changed setting applies.
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]


class AddressRateThrottle(_RateFromSettings):
    """Limits anonymous requests per client address (TRACKER_API_THROTTLE_ADDRESS)."""

    scope = "address"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenRateThrottle(_RateFromSettings):
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
