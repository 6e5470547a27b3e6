"""Rendered reader pages kept in the cache for visitors who are not signed in.

Pages for visitors are the same for everyone, and rendering one with its lists, filters and chart
costs far more than the queries behind it. Each cached page is keyed by the version of the data
it is made of (`deals.versions`, one small query), so a visitor never sees a page older than the
last change, whichever process made it. While Redis is away, every page is rendered afresh
(`deals.sharedcache`).
"""

import functools
import hashlib
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.conf import settings
from django.db import connection
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

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
    Removal,
    Status,
    TimelineEntry,
)
from deals.sharedcache import pages
from deals.versions import Table, renewal_period, table_validators, validators_of, version_columns

T = TypeVar("T")

#: Everything a reader page shows. Large tables are dated by their highest id and timestamp,
#: and a row deleted from one is recorded as a `Removal` (`record_removal`); small ones are
#: counted too, so a deleted row shows at once.
PAGE_TABLES = [
    Table(Removal, count=False),
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


#: The small tables whose names every page shows (a deal's page keeps to them and its own rows).
NAME_TABLES = [
    Table(Party, "created_at"),
    Table(PartyAlias),
    Table(Commodity),
    Table(CommodityAlias),
    Table(Status),
]


#: The large tables of `PAGE_TABLES`, whose deleted rows are recorded.
REMOVABLE = (Deal, TimelineEntry, DealParty, Figure, Article)


def record_removal(sender, instance, using=None, **kwargs) -> None:
    """The `post_delete` receiver of the large tables: the data version moves with a deletion."""
    Removal.objects.using(using).create(table=sender._meta.db_table, object_id=instance.pk)


def record_goods_removed(sender, instance, action, pk_set=None, using=None, **kwargs) -> None:
    """The `m2m_changed` receiver of deals' goods: goods taken off a deal move the version."""
    if action in ("post_remove", "post_clear"):
        Removal.objects.using(using).create(
            table=sender._meta.db_table, object_id=getattr(instance, "pk", 0) or 0
        )


def data_version() -> str:
    """The version of the data the reader pages are made of."""
    return table_validators(PAGE_TABLES, variant="pages").etag


def request_data_version(request) -> str:
    """The data version, read once per request however many fragments ask."""
    return _request_versions(request)["pages"]


def request_names_version(request) -> str:
    """The version of the small tables whose names every page shows (parties, commodities and
    stages, with their aliases), read with the data version."""
    return _request_versions(request)["names"]


def _request_versions(request) -> dict[str, str]:
    # The names' tables are among the pages' tables: one query reads both versions.
    if not hasattr(request, "_tracker_versions"):
        read = validators_of(PAGE_TABLES, {"pages": PAGE_TABLES, "names": NAME_TABLES})
        request._tracker_versions = {variant: found.etag for variant, found in read.items()}
    return request._tracker_versions


def request_stages(request) -> list[Status]:
    """Every stage, read once per version of the names: a list rendered afresh reads none."""
    return kept_by_names(request, "stages", lambda: list(Status.objects.all()))


def kept_by_data(request, name: str, read: Callable[[], T]) -> T:
    """`read()`, kept under `name` by the data version and the day: read once per change to the
    archive, whoever asks."""
    version = lambda: f"{request_data_version(request)}|{timezone.localdate()}"  # noqa: E731
    return _kept_by("deals:data:", version, name, read)


def kept_by_names(request, name: str, read: Callable[[], T]) -> T:
    """`read()`, which reads only the small tables of names (parties, commodities and stages,
    with their aliases), kept under `name` by their version: read once per version, not once
    per change to the archive."""
    return _kept_by("deals:names:", lambda: request_names_version(request), name, read)


def _kept_by(prefix: str, version: Callable[[], str], name: str, read: Callable[[], T]) -> T:
    """`read()`, kept in the shared cache under `name` and `version()`; nothing is kept while
    parts of pages are not (`TRACKER_FRAGMENT_CACHE_SECONDS` is 0)."""
    seconds = settings.TRACKER_FRAGMENT_CACHE_SECONDS
    if not seconds:
        return read()
    key = prefix + hashlib.sha256(f"{version()}|{name}".encode()).hexdigest()
    kept = pages.get(key)
    if kept is None:
        kept = read()
        pages.set(key, kept, seconds)
    return kept


def cached_fragment(
    request, name: str, render: Callable[[], str], version: Callable[[], str] | None = None
) -> str:
    """The part `name` of the page at this address, rendered by `render` at most once per data
    version and day, for every reader: signed-in readers skip its queries and template too.

    A part with a `version` of its own (`deal_version`) is kept by it instead while tallies may
    lag: whatever else it shows of the archive may then be as old as a tally."""
    seconds = settings.TRACKER_FRAGMENT_CACHE_SECONDS
    if not seconds:
        return render()
    own = version is not None and settings.TRACKER_TALLY_SECONDS > 0
    source = (
        f"{version() if own else request_data_version(request)}|{timezone.localdate()}|{name}|"
        f"{request.build_absolute_uri()}"
    )
    key = "deals:fragment:" + hashlib.sha256(source.encode()).hexdigest()
    cached = pages.get(key)
    if cached is None:
        cached, provisional = tallies.rendering(render)
        pages.set(key, cached, tallies.cache_seconds(seconds, provisional=provisional or own))
    return cached


def deal_version(deal: Deal) -> str:
    """The version of what a deal's page shows of the deal: its own row, timeline, figures,
    parties and commodities, and the names of the small tables it shows, whatever changes
    elsewhere in the archive (one query of index look-ups)."""
    sql, places = _deal_version_query()
    with connection.cursor() as cursor:
        cursor.execute(sql, [deal.pk] * places)
        row = cursor.fetchone()
    # Renewed as every version is, for a change that leaves no trace (a party renamed).
    return hashlib.sha256(f"{row}|{renewal_period()}".encode()).hexdigest()


@functools.cache
def _deal_version_query() -> tuple[str, int]:
    """The query of `deal_version` and how many times it takes the deal's id."""
    quote = connection.ops.quote_name
    columns = []
    for model in (TimelineEntry, Figure, DealParty, Deal.commodities.through):
        table, deal = quote(model._meta.db_table), quote(model._meta.get_field("deal").column)
        pk = quote(model._meta.pk.column)
        columns.append(f"(SELECT MAX({pk}) FROM {table} WHERE {deal} = %s)")
        columns.append(f"(SELECT COUNT(*) FROM {table} WHERE {deal} = %s)")
    recorded = quote(TimelineEntry._meta.get_field("recorded_at").column)
    entries = quote(TimelineEntry._meta.db_table)
    deal = quote(TimelineEntry._meta.get_field("deal").column)
    columns.append(f"(SELECT MAX({recorded}) FROM {entries} WHERE {deal} = %s)")
    updated = quote(Deal._meta.get_field("updated_at").column)
    names = version_columns(NAME_TABLES)
    sql = (
        f"SELECT {updated}, {', '.join(columns)}, {names} FROM {quote(Deal._meta.db_table)} "
        f"WHERE {quote(Deal._meta.pk.column)} = %s"
    )
    # Identifiers only, all from the models' metadata; the deal's id is a parameter.
    return sql, len(columns) + 1


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


def cached_rows(
    template_name: str, items: list[T], key: Callable[[T], tuple], context: Callable[[T], dict]
) -> list[SafeString]:
    """Each of `items` drawn with the template `template_name` from `context(item)`, kept by
    `key(item)`, which holds everything the row shows.

    The template's own text (not that of templates it includes) and the day are part of every
    key: a change elsewhere in the archive leaves a row as it is, so the first render of a list
    after a change draws only the rows that changed. The rows are read from the cache at once.
    """
    seconds = settings.TRACKER_FRAGMENT_CACHE_SECONDS
    template = get_template(template_name)
    if not seconds:
        return [mark_safe(template.render(context(item))) for item in items]  # It escapes.
    prefix = f"{_template_digest(template_name)}|{timezone.localdate()}|"
    names = [
        "deals:row:" + hashlib.sha256((prefix + repr(key(item))).encode()).hexdigest()
        for item in items
    ]
    kept = pages.get_many(names)
    drawn = {}
    for name, item in zip(names, items, strict=True):
        if name not in kept:
            drawn[name] = kept[name] = template.render(context(item))
    if drawn:
        pages.set_many(drawn, seconds)
    return [mark_safe(kept[name]) for name in names]  # Drawn by the template, which escapes.


def drawn_stage_groups(
    groups, *, list_filter: tuple[str, str] | None = None, with_summaries: bool = False
) -> SafeString:
    """Deals grouped by stage (`deals.views.pages.group_by_stage`), each group kept drawn by
    what it shows; `list_filter`, a (name, value) pair, narrows each "see all" link to the deal
    list, and `with_summaries` shows each deal's summary."""

    def key(group) -> tuple:
        deals = tuple(
            (deal.pk, deal.slug, deal.title, deal.last_changed_on, with_summaries and deal.summary)
            for deal in group.deals
        )
        return (group.status.slug, group.status.name, group.count, deals, list_filter)

    def context(group) -> dict:
        return {"group": group, "list_filter": list_filter, "with_summaries": with_summaries}

    drawn = cached_rows("deals/includes/stage_group.html", list(groups), key, context)
    if not drawn:
        return mark_safe('<p class="muted">No deals here yet.</p>')  # A fixed text.
    return mark_safe("".join(drawn))  # Each drawn by the template, which escapes.


@functools.cache
def _template_digest(template_name: str) -> str:
    """The text of a template as this process loaded it: a deploy that changes it changes the
    keys of the rows drawn with it."""
    return hashlib.sha256(get_template(template_name).template.source.encode()).hexdigest()[:16]
