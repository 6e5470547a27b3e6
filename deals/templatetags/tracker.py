"""Filters the reader pages and emails share."""

import datetime
from urllib.parse import urlsplit

from django import template
from django.utils.formats import date_format

from deals.models import DatePrecision

register = template.Library()


@register.filter
def http_url(value: str) -> str:
    """The address if it is an http(s) URL, else "": only those become links.

    Ingested addresses such as `javascript:alert(1)` or `data:` URLs must never be clickable.
    """
    value = (value or "").strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return ""
    return value if parts.scheme in ("http", "https") and parts.netloc else ""


@register.filter
def entry_date(value: datetime.date | None, precision: str = DatePrecision.DAY) -> str:
    """A date as precisely as the source gave it: 3 March 2026, March 2026 or 2026."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return date_format(value, "F Y")
    return date_format(value, "j F Y")
