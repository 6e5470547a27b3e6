"""The one description of a change: what the changes feed lists and what webhooks deliver.

A change is an accepted timeline entry with its deal. The API's changes feed renders it with
the links of the request it answers; a webhook body renders it with links on SITE_URL and stores
it. Both come from `change_payload`, so the feed and the stored webhook contract cannot drift.
"""

import datetime
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from rest_framework.renderers import JSONRenderer

from deals.models import TimelineEntry

#: The event type of a webhook body, under Standard Webhooks' `type`.
EVENT_TYPE = "change.recorded"


def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _moment(value: datetime.datetime) -> str:
    # As the API writes times: ISO 8601 in the current time zone, UTC written as Z.
    text = timezone.localtime(value).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _stage(status) -> dict | None:
    return None if status is None else {"slug": status.slug, "name": status.name}


def _on_site(path: str) -> str:
    """An absolute link on SITE_URL, for text sent outside a request (webhooks, emails)."""
    site = urlsplit(settings.SITE_URL)
    return f"{site.scheme}://{site.netloc}{path}"


def change_payload(entry: TimelineEntry, *, absolute: Callable[[str], str]) -> dict:
    """An entry as a change: JSON-ready, with links made absolute by `absolute`.

    Reads the entry's deal, stages and article: load them with the entry
    (`TimelineEntry.objects.select_related("deal", "status", "previous_status", "article")`).
    """
    deal, article = entry.deal, entry.article
    return {
        "id": entry.pk,
        "deal": {
            "url": absolute(reverse("api:deal-detail", kwargs={"slug": deal.slug})),
            "slug": deal.slug,
            "title": deal.title,
            "kind": deal.kind,
        },
        "happened_on": _date(entry.happened_on),
        "precision": entry.precision,
        "stage": _stage(entry.status),
        "previous_stage": _stage(entry.previous_status),
        "changed_stage": entry.changed_stage,
        "kind": entry.kind,
        "source": None
        if article is None
        else {
            "title": article.title,
            "source_url": article.url,
            "outlet": article.outlet,
            "published_on": _date(article.published_on),
        },
        "quote": entry.quote,
        "note": entry.note,
        "recorded_at": _moment(entry.recorded_at),
    }


def webhook_event(entry: TimelineEntry) -> dict:
    """The event a webhook delivers for an entry: the change, wrapped with its type and time."""
    return {
        "type": EVENT_TYPE,
        "timestamp": entry.recorded_at,
        "data": change_payload(entry, absolute=_on_site),
    }


def webhook_payload(entry: TimelineEntry) -> str:
    """The JSON body delivered for an entry, stored when its delivery is planned."""
    return JSONRenderer().render(webhook_event(entry)).decode("utf-8")
