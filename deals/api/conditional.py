"""Conditional requests: ETag and Last-Modified from one small query, 304 before serialising.

Each read view names the tables its responses are made of. One query reads their highest ids
and latest timestamps (index lookups), and the row counts of the small tables: any insert, any
timestamped edit (a deal's, and the admin saves the deal with its inlines) and any delete from
a small table changes the ETag. What leaves no such trace (a party renamed, a deal deleted by
a superuser) is caught by renewing every validator each TRACKER_API_VALIDATOR_SECONDS;
Last-Modified then moves to the renewal time.

A request whose validators match is answered `304` before throttling and serialising. A
response for a state already seen is served from the cache (Redis across workers when
REDIS_URL is set), keyed by its ETag, so the same page is serialised once per change; while
Redis is away every response is rendered afresh (`deals.sharedcache`).
"""

import hashlib

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from rest_framework.exceptions import APIException

from deals.sharedcache import api_responses
from deals.versions import Validators

_SAFE_METHODS = ("GET", "HEAD")
_CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")
_PRECONDITION_HEADERS = ("HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE")


class NotModified(APIException):
    """Raised before throttling when the client's copy is current; answered with a bare 304."""

    status_code = 304


class CachedResponse(APIException):
    """Raised after throttling when this exact response was rendered before for this state."""

    def __init__(self, response: HttpResponse):
        super().__init__()
        self.response = response


def _is_current(request, validators: Validators) -> bool:
    meta = request.META
    if not any(header in meta for header in _CONDITIONAL_HEADERS):
        return False  # the client holds no copy to compare
    if meta.get("HTTP_IF_NONE_MATCH") == validators.etag and not any(
        header in meta for header in _PRECONDITION_HEADERS
    ):
        return True  # a poller sending back the ETag it was given: nothing to parse
    answer = get_conditional_response(
        request,
        etag=validators.etag,
        last_modified=int(validators.last_modified.timestamp()),
    )
    return isinstance(answer, HttpResponseNotModified)


class ConditionalMixin:
    """ETag, Last-Modified and Cache-Control on every read; 304 and cached answers when possible.

    Views define `get_validators()` (None when there is nothing to validate, e.g. an unknown id)
    and may add `extra_headers()`. Public reads are answered before DRF's request handling when
    they can be: a 304 costs the validators' query and nothing else, and a response already
    rendered for this state is served once the throttle allows it. Everything else, and every
    request with credentials, goes the full way.
    """

    #: Public responses may be kept by shared caches and by this app's response cache.
    public_responses = True
    validators: Validators | None = None

    def get_validators(self) -> Validators | None:
        raise NotImplementedError

    def extra_headers(self) -> dict[str, str]:
        return {}

    def variant(self) -> str:
        """What distinguishes representations of the same state: the format asked, the owner."""
        request = self.request
        owner = "" if self.public_responses else str(request.user.pk)
        return f"{request.GET.get('format', '')}|{request.META.get('HTTP_ACCEPT', '')}|{owner}"

    def _serves_read(self, request) -> bool:
        # A route that does not serve this method answers 405: it has nothing to validate.
        return request.method in _SAFE_METHODS and request.method.lower() in self.action_map

    def dispatch(self, request, *args, **kwargs):
        if self.public_responses and self._serves_read(request):
            self.request, self.args, self.kwargs = request, args, kwargs
            self.validators = self.get_validators()
            early = self._answer_early(request)
            if early is not None:
                return early
        return super().dispatch(request, *args, **kwargs)

    def _answer_early(self, request) -> HttpResponse | None:
        if self.validators is None:
            return None
        if _is_current(request, self.validators):
            return self._decorate(HttpResponseNotModified())
        anonymous = "HTTP_AUTHORIZATION" not in request.META and not request.user.is_authenticated
        if request.method != "GET" or not anonymous:
            return None
        hit = api_responses.get(self._cache_key(request))
        # A refused request goes the full way, which answers 429 with Retry-After.
        if hit is None or not all(t.allow_request(request, self) for t in self.get_throttles()):
            return None
        return self._from_cache(hit)

    def check_throttles(self, request):
        # Runs after authentication and permissions: private validators depend on the user.
        if self._serves_read(request):
            if not self.public_responses:
                self.validators = self.get_validators()
            if self.validators is not None and _is_current(request, self.validators):
                raise NotModified
        super().check_throttles(request)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if self._response_cacheable(request):
            hit = api_responses.get(self._cache_key(request))
            if hit is not None:
                raise CachedResponse(self._from_cache(hit))

    def handle_exception(self, exc):
        if isinstance(exc, NotModified):
            return HttpResponseNotModified()
        if isinstance(exc, CachedResponse):
            return exc.response
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in _SAFE_METHODS:
            return response
        response = self._decorate(response)
        if (
            response.status_code == 200
            and self._response_cacheable(request)
            and hasattr(response, "add_post_render_callback")
        ):
            key = self._cache_key(request)
            response.add_post_render_callback(lambda rendered: self._store(key, rendered))
        return response

    def _decorate(self, response):
        for name, value in self.extra_headers().items():
            response[name] = value
        if self.validators is None or response.status_code not in (200, 304):
            return response
        # JSON and CSV share URLs: a cache must keep them apart.
        patch_vary_headers(response, ["Accept"])
        response["ETag"] = self.validators.etag
        response["Last-Modified"] = http_date(self.validators.last_modified.timestamp())
        if self.public_responses:
            patch_cache_control(response, public=True, max_age=settings.TRACKER_API_CACHE_SECONDS)
        else:
            patch_cache_control(response, private=True, no_cache=True)
        return response

    def _response_cacheable(self, request) -> bool:
        return self.public_responses and request.method == "GET" and self.validators is not None

    def _cache_key(self, request) -> str:
        identity = f"{self.validators.etag}|{request.get_full_path()}|{self.variant()}"
        return "api:rendered:" + hashlib.blake2b(identity.encode(), digest_size=20).hexdigest()

    @staticmethod
    def _from_cache(hit) -> HttpResponse:
        content, headers = hit
        response = HttpResponse(content)
        for name, value in headers.items():
            response[name] = value
        return response

    def _store(self, key: str, response) -> None:
        # With the validators and caching headers it was sent with: a hit is served as it is.
        headers = {name: value for name, value in response.items() if name != "Content-Length"}
        api_responses.set(key, (response.content, headers), settings.TRACKER_API_VALIDATOR_SECONDS)
