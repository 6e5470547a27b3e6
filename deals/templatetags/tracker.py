"""Filters and tags the reader pages and emails share.

The date filters and the stage badge run for every row of a listing, so they format directly
rather than through the `date` filter or an `{% include %}`, each several times slower.
"""

import datetime
from urllib.parse import urlsplit

from django import template
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.html import format_html, format_html_join

from deals.models import DatePrecision
from deals.pagecache import cached_fragment, drawn_stage_groups

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
        return f"{MONTHS[value.month]} {value.year:04d}"
    return f"{value.day} {MONTHS[value.month]} {value.year:04d}"


@register.filter
def short_date(value: datetime.date | None) -> str:
    """A date in a listing: 3 Mar 2026 (the `date` filter's "j M Y")."""
    if value is None:
        return ""
    return f"{value.day} {str(MONTHS_3[value.month]).title()} {value.year:04d}"


@register.filter
def iso_date(value: datetime.date | None) -> str:
    """A date for a `datetime` attribute: 2026-03-03 (the `date` filter's "Y-m-d")."""
    return value.isoformat() if value is not None else ""


@register.simple_tag
def stage_badge(status) -> str:
    """A stage's name in its colour."""
    return format_html('<span class="stage stage--{}">{}</span>', status.slug, status.name)


@register.filter
def svg_number(value: float, places: int = 2) -> str:
    """A coordinate for an SVG attribute, unlocalised: 170.25 (`floatformat:"2u"`, faster)."""
    return f"{value:.{int(places)}f}"


@register.simple_tag
def select_options(options) -> str:
    """The `<option>`s of a filter, the reader's choice selected (hundreds on the deal list)."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (option.value, " selected" if option.selected else "", option.label)
            for option in options
        ),
    )


@register.simple_tag
def stage_groups(groups, list_filter: tuple[str, str] | None = None, with_summaries=False) -> str:
    """Deals grouped by stage (`deals.pagecache.drawn_stage_groups`)."""
    return drawn_stage_groups(groups, list_filter=list_filter, with_summaries=with_summaries)


class CachedFragmentNode(template.Node):
    def __init__(self, name: str, nodelist, version: template.Variable | None):
        self.name, self.nodelist, self.version = name, nodelist, version

    def render(self, context) -> str:
        request = context.get("request")
        if request is None:
            return self.nodelist.render(context)
        version = (lambda: str(self.version.resolve(context))) if self.version else None
        return cached_fragment(request, self.name, lambda: self.nodelist.render(context), version)


@register.tag
def fragment(parser, token):
    """`{% fragment "name" [version] %}...{% endfragment %}`: a part of the page that no
    reader's account changes, cached by the data version, or by its own `version`
    (`deals.pagecache.cached_fragment`). The view passes what only this part needs as
    callables, so a cached part costs no query."""
    bits = token.split_contents()
    if len(bits) not in (2, 3):
        raise template.TemplateSyntaxError("{% fragment %} takes a name and maybe a version")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    version = template.Variable(bits[2]) if len(bits) == 3 else None
    return CachedFragmentNode(bits[1].strip("\"'"), nodelist, version)
