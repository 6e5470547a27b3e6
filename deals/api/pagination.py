"""Pages of the API's lists, and the cursor of the changes feed."""

import base64
import binascii
import datetime

from django.conf import settings
from django.utils.dateparse import parse_date, parse_datetime
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

_CURSOR_PREFIX = "after:"


class PagePagination(pagination.PageNumberPagination):
    """Numbered pages; `page_size` up to TRACKER_API_MAX_PAGE_SIZE."""

    page_size_query_param = "page_size"

    @property
    def max_page_size(self) -> int:
        return settings.TRACKER_API_MAX_PAGE_SIZE


def encode_cursor(after_id: int) -> str:
    """The opaque cursor that stands just after the change with id `after_id`."""
    return base64.urlsafe_b64encode(f"{_CURSOR_PREFIX}{after_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int | None:
    """The change id a cursor stands after, or None if it is not a cursor of this feed."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    position = text.removeprefix(_CURSOR_PREFIX)
    # Ids beyond 64-bit integers cannot exist; the database would refuse to compare them.
    if not text.startswith(_CURSOR_PREFIX) or not (position.isdigit() and len(position) <= 18):
        return None
    return int(position)


def parse_since(value: str) -> datetime.datetime | None:
    """A moment from an ISO 8601 time or date (a date means its start, UTC); None otherwise."""
    try:
        moment = parse_datetime(value)
        if moment is None:
            day = parse_date(value)
            moment = datetime.datetime.combine(day, datetime.time()) if day else None
    except ValueError:
        return None
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment


class ChangesCursorPagination(pagination.BasePagination):
    """Every change once, in the order the tracker recorded them, from a stored cursor.

    The position is the id of the last change seen: ids grow in recording order, so a change
    recorded later always comes after the cursor, even when it happened earlier than changes
    already seen. `next` is always given, also on the last page, so a polling client just
    keeps following it; `has_more` says whether to follow it at once or after the poll interval.
    """

    cursor_query_param = "cursor"
    since_query_param = "since"
    page_size_query_param = "page_size"

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        after_id, since = self._position(request)
        if since is not None:
            queryset = queryset.filter(recorded_at__gte=since)
        size = self._page_size(request)
        rows = list(queryset.filter(pk__gt=after_id).order_by("pk")[: size + 1])
        self.has_more = len(rows) > size
        rows = rows[:size]
        self.last_id = rows[-1].pk if rows else after_id
        return rows

    def _page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return settings.TRACKER_API_PAGE_SIZE
        if not raw.isdigit() or int(raw) < 1:
            raise ValidationError({"page_size": "Give a whole number of at least 1."})
        return min(int(raw), settings.TRACKER_API_MAX_PAGE_SIZE)

    def _position(self, request) -> tuple[int, datetime.datetime | None]:
        cursor = request.query_params.get(self.cursor_query_param)
        if cursor is not None:
            after_id = decode_cursor(cursor)
            if after_id is None:
                raise ValidationError({"cursor": "This is not a cursor of the changes feed."})
            return after_id, None
        since = request.query_params.get(self.since_query_param)
        if since is None:
            return 0, None
        moment = parse_since(since)
        if moment is not None:
            return 0, moment
        after_id = decode_cursor(since)
        if after_id is None:
            raise ValidationError({"since": "Give an ISO 8601 time or a cursor of this feed."})
        return after_id, None

    def get_next_link(self) -> str:
        url = remove_query_param(self.request.build_absolute_uri(), self.since_query_param)
        return replace_query_param(url, self.cursor_query_param, encode_cursor(self.last_id))

    def get_paginated_response(self, data):
        return Response(
            {
                "next": self.get_next_link(),
                "cursor": encode_cursor(self.last_id),
                "has_more": self.has_more,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "cursor", "has_more", "results"],
            "properties": {
                "next": {
                    "type": "string",
                    "format": "uri",
                    "description": "Where to ask next; given on every page, also the last.",
                },
                "cursor": {
                    "type": "string",
                    "description": "Store it: it stands just after the last change of the page.",
                },
                "has_more": {
                    "type": "boolean",
                    "description": "True: follow `next` now. False: after the poll interval.",
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.cursor_query_param,
                "in": "query",
                "required": False,
                "description": "The cursor of the last page seen: the feed goes on after it.",
                "schema": {"type": "string"},
            },
            {
                "name": self.since_query_param,
                "in": "query",
                "required": False,
                "description": "Changes recorded at or after this ISO 8601 time, or a cursor.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "in": "query",
                "required": False,
                "description": "Changes per page.",
                "schema": {"type": "integer", "minimum": 1},
            },
        ]
