"""Rendered reader pages kept in the cache for visitors who are not signed in.

Pages for visitors are the same for everyone, and rendering one with its lists, filters and chart
costs far more than the queries behind it. Each cached page is keyed by the version of the data
it is made of (`deals.versions`, one small query), so a visitor never sees a page older than the
last change, whichever process made it. While Redis is away, every page is rendered afresh
(`deals.sharedcache`).
"""

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.utils import timezone

from deals import tallies
from deals.models import (
    Article,
    Commodity,
    CommodityAlias,
    Deal,
    DealParty,
    Figure,
    Party,
    PartyAlias,
    Status,
    TimelineEntry,
)
from deals.sharedcache import pages
from deals.versions import Table, table_validators

#: Everything a reader page shows. Large tables are dated by their highest id and timestamp;
#: small ones are counted too, so a deleted row shows at once.
PAGE_TABLES = [
    Table(Deal, "updated_at", count=False),
    Table(TimelineEntry, "recorded_at", count=False),
    Table(DealParty, count=False),
    Table(Deal.commodities.through, count=False),
    Table(Figure, count=False),
    Table(Article, count=False),
    Table(Party, "created_at"),
    Table(PartyAlias),
    Table(Commodity),
    Table(CommodityAlias),
    Table(Status),
]


def data_version() -> str:
    """The version of the data the reader pages are made of."""
    return table_validators(PAGE_TABLES, variant="pages").etag


def request_data_version(request) -> str:
    """The data version, read once per request however many fragments ask."""
    if not hasattr(request, "_tracker_data_version"):
        request._tracker_data_version = data_version()
    return request._tracker_data_version


def cached_fragment(request, name: str, render: Callable[[], str]) -> str:
    """The part `name` of the page at this address, rendered by `render` at most once per data
    version and day, for every reader: signed-in readers skip its queries and template too."""
    seconds = settings.TRACKER_FRAGMENT_CACHE_SECONDS
    if not seconds:
        return render()
    source = (
        f"{request_data_version(request)}|{timezone.localdate()}|{name}|"
        f"{request.build_absolute_uri()}"
    )
    key = "deals:fragment:" + hashlib.sha256(source.encode()).hexdigest()
    cached = pages.get(key)
    if cached is None:
        cached, provisional = tallies.rendering(render)
        pages.set(key, cached, tallies.cache_seconds(seconds, provisional=provisional))
    return cached


def cached_for_visitors(view):
    """Serve `view` from the cache to visitors who are not signed in."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        seconds = settings.TRACKER_PAGE_CACHE_SECONDS
        # Signed-in readers see their own follow buttons and forms; a pending message must be
        # shown once. Neither can come from a shared page.
        if (
            not seconds
            or request.method != "GET"
            or request.user.is_authenticated
            or "messages" in request.COOKIES
        ):
            return view(request, *args, **kwargs)
        # The date is part of the key: pages say how many days ago the last news was.
        source = (
            f"{request_data_version(request)}|{timezone.localdate()}|{request.build_absolute_uri()}"
        )
        key = "deals:page:" + hashlib.sha256(source.encode()).hexdigest()
        cached = pages.get(key)
        if cached is not None:
            return cached

        def respond():
            # Rendered here, so the page knows whether it showed a tally that lags the data.
            response = view(request, *args, **kwargs)
            return response.render() if hasattr(response, "render") else response

        response, provisional = tallies.rendering(respond)
        if response.status_code == 200:
            pages.set(key, response, tallies.cache_seconds(seconds, provisional=provisional))
        return response

    return cached_view
