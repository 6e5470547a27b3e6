"""Conditional requests: ETag and Last-Modified from one small query, 304 before serialising.

Each read view names the tables its responses are made of. One query reads their row counts,
highest ids and latest timestamps: any insert, delete or timestamped edit changes the ETag.
Edits that leave no timestamp (a party renamed in the admin) are caught by renewing every
validator each TRACKER_API_VALIDATOR_SECONDS (Last-Modified moves to the renewal time then).

A request whose validators match is answered `304` before throttling and serialising. A
response for a state already seen is served from the cache (Redis across workers when
REDIS_URL is set), keyed by its ETag, so the same page is serialised once per change.
"""

import datetime
import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection, models
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date
from rest_framework.exceptions import APIException
from rest_framework.renderers import JSONRenderer

_SAFE_METHODS = ("GET", "HEAD")
_EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
_CACHED_HEADERS = ("Content-Type", "Link")


@dataclass(frozen=True)
class Table:
    """A table a response is made of, and the column that dates its rows' changes, if any."""

    model: type[models.Model]
    timestamp: str | None = None


@dataclass(frozen=True)
class Validators:
    """What identifies one state of a resource: its ETag and when it last changed."""

    etag: str
    last_modified: datetime.datetime


def _as_datetime(value) -> datetime.datetime | None:
    if isinstance(value, str):  # SQLite answers raw queries with text
        value = parse_datetime(value)
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)
    return value


def _validators(marks: list, timestamps: list, *, variant: str) -> Validators:
    moments = [moment for moment in map(_as_datetime, timestamps) if moment is not None]
    lifetime = settings.TRACKER_API_VALIDATOR_SECONDS
    period = int(time.time()) // lifetime
    marks = [*marks, period]
    moments.append(datetime.datetime.fromtimestamp(period * lifetime, tz=datetime.UTC))
    digest = hashlib.blake2b(repr([*marks, variant]).encode(), digest_size=16).hexdigest()
    return Validators(etag=f'"{digest}"', last_modified=max(moments, default=_EPOCH))


def table_validators(tables: list[Table], *, variant: str) -> Validators:
    """The validators of responses made of `tables`, read in one query."""
    quote = connection.ops.quote_name
    columns, timestamp_positions = [], []
    for table in tables:
        name = quote(table.model._meta.db_table)
        pk = quote(table.model._meta.pk.column)
        columns += [f"(SELECT COUNT(*) FROM {name})", f"(SELECT MAX({pk}) FROM {name})"]
        if table.timestamp:
            column = quote(table.model._meta.get_field(table.timestamp).column)
            timestamp_positions.append(len(columns))
            columns.append(f"(SELECT MAX({column}) FROM {name})")
    with connection.cursor() as cursor:
        # Identifiers only, all from the models' metadata: nothing from the request.
        cursor.execute("SELECT " + ", ".join(columns))
        row = list(cursor.fetchone())
    timestamps = [row[position] for position in timestamp_positions]
    marks = [value.isoformat() if hasattr(value, "isoformat") else value for value in row]
    return _validators(marks, timestamps, variant=variant)


def row_validators(values: tuple | None, *, timestamps: list, variant: str) -> Validators | None:
    """The validators of a response about one row, from values read about it (None: no row)."""
    if values is None:
        return None
    return _validators([str(value) for value in values], timestamps, variant=variant)


class NotModified(APIException):
    """Raised before throttling when the client's copy is current; answered with a bare 304."""

    status_code = 304


class CachedResponse(APIException):
    """Raised after throttling when this exact response was rendered before for this state."""

    def __init__(self, response: HttpResponse):
        super().__init__()
        self.response = response


class ConditionalMixin:
    """ETag, Last-Modified and Cache-Control on every read; 304 and cached answers when possible.

    Views define `get_validators()` (None when there is nothing to validate, e.g. an unknown id).
    """

    #: Public responses may be kept by shared caches and by this app's response cache.
    public_responses = True
    validators: Validators | None = None

    def get_validators(self) -> Validators | None:
        raise NotImplementedError

    def variant(self) -> str:
        """What distinguishes representations of the same state: the format, and the owner."""
        owner = "" if self.public_responses else str(self.request.user.pk)
        return f"{self.request.accepted_media_type}|{owner}"

    def check_throttles(self, request):
        # Runs after authentication and permissions: the validators may depend on the user.
        if request.method in _SAFE_METHODS:
            self.validators = self.get_validators()
            if self.validators is not None:
                answer = get_conditional_response(
                    request,
                    etag=self.validators.etag,
                    last_modified=int(self.validators.last_modified.timestamp()),
                )
                if isinstance(answer, HttpResponseNotModified):
                    raise NotModified
        super().check_throttles(request)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if self._response_cacheable(request):
            hit = cache.get(self._cache_key(request))
            if hit is not None:
                content, headers = hit
                response = HttpResponse(content)
                for name, value in headers.items():
                    response[name] = value
                raise CachedResponse(response)

    def handle_exception(self, exc):
        if isinstance(exc, NotModified):
            return HttpResponseNotModified()
        if isinstance(exc, CachedResponse):
            return exc.response
        # Errors are JSON whatever format was asked for: a spreadsheet has no use for them.
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in _SAFE_METHODS or self.validators is None:
            return response
        if response.status_code not in (200, 304):
            return response
        # JSON and CSV share URLs: a cache must keep them apart.
        patch_vary_headers(response, ["Accept"])
        response["ETag"] = self.validators.etag
        response["Last-Modified"] = http_date(self.validators.last_modified.timestamp())
        if self.public_responses:
            patch_cache_control(response, public=True, max_age=settings.TRACKER_API_CACHE_SECONDS)
        else:
            patch_cache_control(response, private=True, no_cache=True)
        if (
            response.status_code == 200
            and self._response_cacheable(request)
            and hasattr(response, "add_post_render_callback")
        ):
            key = self._cache_key(request)
            response.add_post_render_callback(lambda rendered: self._store(key, rendered))
        return response

    def _response_cacheable(self, request) -> bool:
        return self.public_responses and request.method == "GET" and self.validators is not None

    def _cache_key(self, request) -> str:
        identity = f"{self.validators.etag}|{request.get_full_path()}|{self.variant()}"
        return "api:response:" + hashlib.blake2b(identity.encode(), digest_size=20).hexdigest()

    def _store(self, key: str, response) -> None:
        headers = {name: response[name] for name in _CACHED_HEADERS if response.has_header(name)}
        cache.set(key, (response.content, headers), settings.TRACKER_API_VALIDATOR_SECONDS)
