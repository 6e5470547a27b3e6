"""Reader pages: the home page, the deal list, a deal, a party, a commodity and the stages.

Each view hands its template ready data: every query is made here, a bounded number per page
whatever the number of deals, and templates only loop over what they are given. What only a
cached `{% fragment %}` of the page shows is handed as `later(...)`, run on a cache miss only.
"""

import datetime
import functools
import hashlib
import operator
from dataclasses import dataclass
from functools import cached_property
from types import SimpleNamespace

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import SafeString, mark_safe
from django.views.generic import DetailView, ListView, TemplateView
from django.views.generic.base import ContextMixin
from django.views.generic.list import MultipleObjectMixin

from deals import searchresults
from deals.charts import (
    deals_by_stage,
    figures_over_time,
    stage_breakdown,
    stages_by_track,
    stages_in_reading_order,
)
from deals.filters import DealFilterSet
from deals.models import (
    Commodity,
    Deal,
    DealKind,
    DealParty,
    Follow,
    Party,
    PartyKind,
    Status,
    TimelineEntry,
    Track,
)
from deals.models.compiled import read_compiled_once
from deals.pagecache import (
    cached_for_visitors,
    cached_rows,
    deal_version,
    drawn_stage_groups,
    kept_by_data,
    kept_by_names,
    request_data_version,
    request_names_version,
    request_stages,
)
from deals.tallies import tally
from deals.views.filter_choices import (
    commodity_options,
    country_options,
    options,
    party_options,
)
from deals.views.list_queries import ListQuery, list_query

#: Deals shown under each stage on the home, party and commodity pages; the rest are a link.
DEALS_PER_STAGE = 5
LATEST_CHANGES = 10
RELATED_DEALS = 5


@dataclass(frozen=True)
class StageGroup:
    """The deals at one stage: how many, and the most recently changed few."""

    status: Status
    count: int
    deals: list[Deal]


def group_by_stage(
    deals, statuses: list[Status], *, per_stage: int, counts: dict[int, int] | None = None
) -> list[StageGroup]:
    """Count `deals` at each of `statuses` (unless `counts`, their `stage_counts()`, were read
    already) and pick the latest few of each."""
    counts = deals.stage_counts() if counts is None else counts
    wanted = [status.pk for status in statuses if counts.get(status.pk)]
    shown: dict[int, list[Deal]] = {}
    latest = (
        deals.latest_per_stage(per_stage, wanted)
        .select_related("status")
        .order_by("-last_changed_on", "-pk")
    )
    for deal in latest:
        shown.setdefault(deal.status_id, []).append(deal)
    return [
        StageGroup(status=status, count=counts[status.pk], deals=shown.get(status.pk, []))
        for status in stages_in_reading_order(statuses)
        if counts.get(status.pk)
    ]


def later(function, *args, **kwargs) -> SimpleLazyObject:
    """`function(*args, **kwargs)`, computed when a template first reads it: inside a cached
    `{% fragment %}` it is never computed at all."""
    return SimpleLazyObject(functools.partial(function, *args, **kwargs))


def _following(request, **target) -> bool:
    if not request.user.is_authenticated:
        return False
    return Follow.objects.filter(user=request.user, **target).exists()


@method_decorator(cached_for_visitors, name="dispatch")
class HomeView(TemplateView):
    """The latest stage changes, the active deals by stage and a chart of where deals stand."""

    template_name = "deals/home.html"

    def get_context_data(self, **kwargs):
        # All of it is shown inside the page's cached fragment: read, and even built, on a miss.
        statuses = later(list, Status.objects.all())
        chart_by = "country" if self.request.GET.get("chart") == "country" else "commodity"
        version = later(request_data_version, self.request)
        return {
            **super().get_context_data(**kwargs),
            "change_rows": later(change_rows, later(_latest_changes)),
            "stage_groups": later(_active_stage_groups_drawn, statuses, version),
            "chart": later(_active_deals_chart, statuses, version, by=chart_by),
            "chart_by": chart_by,
        }


#: What a latest change shows (`change_row.html`, `_change_key`): only these are read and built.
CHANGE_ROW_FIELDS = (
    "happened_on", "precision", "quote", "kind", "note", "deal__slug", "deal__title",
    "status__slug", "status__name", "previous_status__slug", "previous_status__name",
    "article__title", "article__url", "article__outlet", "article__published_on",
)  # fmt: skip


def _latest_changes() -> list[TimelineEntry]:
    return read_compiled_once(_latest_changes_query)


def _latest_changes_query() -> QuerySet[TimelineEntry]:
    entries = TimelineEntry.objects.latest_stage_changes().with_related()
    return entries.only(*CHANGE_ROW_FIELDS)[:LATEST_CHANGES]


def change_rows(entries: list[TimelineEntry]) -> list:
    """The home page's latest stage changes, each drawn once for what it shows."""
    return cached_rows(
        "deals/includes/change_row.html", entries, _change_key, lambda entry: {"entry": entry}
    )


def _change_key(entry: TimelineEntry) -> tuple:
    stages = [entry.status, entry.previous_status]
    article = entry.article
    return (
        entry.pk,
        entry.deal.pk,
        entry.deal.slug,
        entry.deal.title,
        entry.happened_on,
        entry.precision,
        tuple((status.slug, status.name) if status else None for status in stages),
        entry.quote,
        entry.kind,
        entry.note,
        (article.title, article.url, article.outlet, article.published_on) if article else None,
    )


def published_stage_counts(version: str) -> dict[int, int]:
    """How many published deals stand at each stage: a tally (`deals.tallies`)."""
    return tally("published-stage-counts", version, Deal.objects.published().stage_counts)


def _active_stage_groups_drawn(statuses: list[Status], version: str) -> SafeString:
    """The home page's active deals by stage, drawn: a tally, as the counts beside them are
    (the latest changes beside it are never behind)."""

    def drawn() -> str:
        return str(drawn_stage_groups(_active_stage_groups(statuses, version)))

    return mark_safe(tally("home-stage-groups", version, drawn))  # Drawn by its template.


def _active_stage_groups(statuses: list[Status], version: str) -> list[StageGroup]:
    # The published deals at the stages that are not final are the active deals; said this
    # way, each stage's few latest deals are a plain read of the stage index.
    active_stages = [status for status in statuses if not status.is_final]
    return group_by_stage(
        Deal.objects.published(),
        active_stages,
        per_stage=DEALS_PER_STAGE,
        counts=published_stage_counts(version),
    )


def _active_deals_chart(statuses: list[Status], version: str, *, by: str) -> str:
    """The home page's chart of where the active deals stand, drawn: a tally, as what it counts
    is, so that a render after a change neither counts nor draws it again."""

    def drawn() -> str:
        return _drawn(stage_breakdown(Deal.objects.active(), statuses, by=by), "home-chart")

    return tally(f"active-deals-chart-by-{by}", version, drawn)


def _drawn(chart, chart_id: str) -> str:
    """A chart of `deals.charts`, drawn as the reader pages show it (SVG and its table)."""
    return render_to_string("deals/includes/chart.html", {"chart": chart, "chart_id": chart_id})


class UncountedPage(Page):
    """A page that counts the results only when the template asks whether there are others."""

    def has_other_pages(self) -> SimpleLazyObject:
        return SimpleLazyObject(super().has_other_pages)


class FirstPageUncounted(Paginator):
    """Reads the first page without counting the results first: the count is shown inside the
    deal list's cached fragment, so a reader served from it never pays for counting. Given the
    results' counts by stage (`stage_counts`, which the list's chart reads anyway), it adds them
    up rather than counting the results again; given a page's deals read with them
    (`read_page`: its number, and what gives its deals, or None), it shows those."""

    stage_counts = None
    read_page = None

    @cached_property
    def count(self) -> int:
        if self.stage_counts is not None:
            return sum(self.stage_counts.values())
        return super().count

    def page(self, number):
        read = self.read_page
        if read is not None and read[0] == number and not self.orphans:
            if number != 1:
                number = self.validate_number(number)
            shown = read[1]()
            if shown is not None:
                return UncountedPage(shown, number, self)
        if number == 1 and not self.orphans:
            return UncountedPage(self.object_list[: self.per_page], 1, self)
        return super().page(number)


@method_decorator(cached_for_visitors, name="dispatch")
class DealListView(MultipleObjectMixin, TemplateView):
    """Every published deal, filtered with the API's FilterSet, latest change first."""

    model = Deal
    paginate_by = settings.TRACKER_DEALS_PER_PAGE
    paginator_class = FirstPageUncounted
    template_name = "deals/deal_list.html"

    #: What the list's template shows, all inside its cached fragment.
    LISTED = (
        "paginator", "page_obj", "is_paginated", "object_list", "deal_list", "deal_rows",
        "filterset", "form", "chosen", "kinds", "stage_tracks", "country_options",
        "party_options", "commodity_options", "sorts", "chart", "query_string", "is_filtered",
        "form_version",
    )  # fmt: skip

    def get(self, request, *args, **kwargs):
        # Nothing is read, built or checked before the template asks: a reader served the
        # cached fragment pays for none of it, filters and form included.
        listing = later(self._listing)
        context = {name: later(operator.getitem, listing, name) for name in self.LISTED}
        context["list_version"] = later(self._list_version, listing)
        return self.render_to_response(ContextMixin.get_context_data(self, **context))

    def get_paginator(self, *args, **kwargs) -> FirstPageUncounted:
        paginator = super().get_paginator(*args, **kwargs)
        paginator.stage_counts, paginator.read_page = self.stage_counts, self.read_page
        return paginator

    @cached_property
    def filterset(self) -> DealFilterSet:
        # What its filters read of the names (the stages, a country's parties) is kept by their
        # version, as the form is.
        return DealFilterSet(
            self.request.GET,
            queryset=Deal.objects.published(),
            kept_by=functools.partial(kept_by_names, self.request),
        )

    def get_queryset(self):
        # Each row reads its parties' and commodities' names itself (`deal_rows`), and only
        # what it shows of the deal and its stage is read, as values: no model is built.
        if self.whole_archive:
            # The whole archive in its own order, latest change first: nothing to check or
            # filter, so the FilterSet and its form are built only if the form is drawn.
            return _whole_archive().all()
        return self.list_query.deals()

    @cached_property
    def whole_archive(self) -> bool:
        return not any(value for name, value in self.request.GET.items() if name != "page")

    @cached_property
    def list_query(self) -> ListQuery:
        # Kept by the names' version and the filters: a render after another deal's news
        # builds no filter, form or query, and compiles no query to key its kept reading by.
        return list_query(
            self.request.GET, functools.partial(request_names_version, self.request), self._built
        )

    def _built(self) -> ListQuery:
        # A search alone is read as the FilterSet reads it, which has no filter or form to
        # build for it: they too are built only if the form is drawn.
        deals = DealFilterSet.search_alone(self.request.GET, Deal.objects.published())
        if deals is None:
            deals = self.filterset.qs
        return ListQuery(
            deals.all(),  # Not the FilterSet's own, which its form may read.
            deals.values_list(*ROW_FIELDS, named=True),
            found_elsewhere=self.filterset.found_elsewhere,
        )

    def _listing(self) -> dict:
        self.object_list = self.get_queryset()
        return self.get_context_data()

    def _page_and_stage_counts(self, number: int) -> tuple[list[Deal] | None, dict]:
        """Page `number` of the matching deals, if read with their counts by stage, and those."""
        if self.object_list.is_ranked():  # Only PostgreSQL ranks a search.
            return searchresults.page_and_stage_counts(
                self.object_list, number, self.paginate_by, self.list_query.keys_query()
            )
        found_elsewhere = self.list_query.found_elsewhere
        if found_elsewhere and connections[self.object_list.db].vendor == "postgresql":
            kept = searchresults.ordered_page_and_stage_counts(
                self.object_list, number, self.paginate_by, self.list_query.keys_query()
            )
            if kept is not None:
                return kept
        if number == 1:
            return self.object_list.first_and_stage_counts(
                self.paginate_by, found_elsewhere=found_elsewhere
            )
        return None, self.object_list.stage_counts()

    def get_context_data(self, **kwargs):
        statuses = request_stages(self.request)
        version = later(request_data_version, self.request)
        # The chart and the count of results both come from one grouped query; for the whole
        # archive, from its tally.
        filtered = any(
            value for name, value in self.request.GET.items() if name not in ("sort", "page")
        )
        self.read_page = None
        page = self.request.GET.get("page", "1")
        if filtered and page.isdigit() and int(page) > 0:
            # A search visits every match to rank it (a kept search keeps its first pages), and
            # deals found through their parties or goods are best read all at once: the counts
            # are read in the same visit.
            both = later(self._page_and_stage_counts, int(page))
            self.read_page = (int(page), functools.partial(operator.getitem, both, 0))
            self.stage_counts = later(operator.itemgetter(1), both)
        elif filtered:
            self.stage_counts = later(self.object_list.stage_counts)
        else:
            self.stage_counts = later(published_stage_counts, version)
            if self.whole_archive and page == "1":
                # Its first page's query takes nothing from the request: compiled once.
                self.read_page = (1, functools.partial(read_compiled_once, _whole_archive_first))
        chart = functools.partial(_drawn_stage_chart, statuses, self.stage_counts)
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        chosen = {name: query.get(name, "") for name in TEXT_FILTERS}
        if chosen["country"]:
            # A country may be named by its ISO code (?country=IN), as in the API: shown by name,
            # in the form only, so read only when the form is drawn.
            chosen["country"] = later(_country_slug, chosen["country"])
        chosen.update(_chosen_by_id(query))
        return {
            **context,
            "filterset": later(getattr, self, "filterset"),
            "form": later(lambda: self.filterset.form),
            "chosen": chosen,
            "kinds": options(
                [(value, f"{label}s") for value, label in DealKind.choices], chosen["kind"]
            ),
            "stage_tracks": [
                (heading, options([(s.slug, s.name) for s in track], query.getlist("stage")))
                for heading, track in stages_by_track(statuses)
            ],
            # Lists read only when the form is rendered: a cached fragment never reads them.
            "country_options": later(country_options, chosen["country"], version),
            "party_options": later(party_options, chosen["party"], version),
            "commodity_options": later(commodity_options, chosen["commodity"], version),
            "sorts": later(
                lambda: options(self.filterset.form.fields["sort"].choices, chosen["sort"])
            ),
            # Drawn; for the whole archive, a tally as its counts are.
            "chart": later(chart) if filtered else later(tally, "deals-chart", version, chart),
            "deal_rows": later(deal_rows, context["object_list"]),
            # The form shows the address's choices among names and tallies: other deals' news
            # leaves it cached, as old as a tally at most.
            "form_version": later(request_names_version, self.request),
            "list_version": later(self._list_version),
            "query_string": query.urlencode(),
            "is_filtered": filtered,
        }

    def _list_version(self, listing) -> str:
        """The version of what the list's fragment shows at this address: the names (the form,
        the stages, the rows' parties and goods), the matches' counts by stage (the count, the
        chart, the pages) and the rows of the page, each with the stamp every change to what it
        shows gives it (`Deal.updated_at`: its stage, text, parties and goods). News elsewhere
        in the archive leaves it as it is, and the list is served as drawn. It is kept by the
        data version (read with the names' in one query): until the next change, the list's
        matches and rows are not read again either."""
        return kept_by_data(
            self.request,
            f"list-version|{self.request.build_absolute_uri()}",
            functools.partial(self._read_list_version, listing),
        )

    def _read_list_version(self, listing) -> str:
        page = listing["page_obj"]
        rows = [(row.pk, row.updated_at, row.last_changed_on) for row in page.object_list]
        counts = sorted(self.stage_counts.items(), key=lambda item: (item[0] is None, item))
        source = f"{request_names_version(self.request)}|{counts}|{page.number}|{rows}"
        return hashlib.sha256(source.encode()).hexdigest()


@functools.cache
def _whole_archive() -> QuerySet:
    """Every published deal as a row of the list, in the list's own order; never read itself:
    each request reads a copy."""
    return Deal.objects.published().values_list(*ROW_FIELDS, named=True)


def _whole_archive_first() -> QuerySet:
    return _whole_archive()[: DealListView.paginate_by]


def deal_rows(deals) -> list:
    """The deal list's rows, each drawn once for what it shows: its parties' and commodities'
    names are read as names, one query for the page, with no model built for them."""
    deals = list(deals)
    parties, goods = Deal.objects.names_by_deal([deal.pk for deal in deals])
    rows = [(deal, parties.get(deal.pk, ()), goods.get(deal.pk, ())) for deal in deals]
    return cached_rows("deals/includes/deal_row.html", rows, _row_key, _row)


#: What a row of the deal list shows of its deal (`_row_key`, `_row`): only these are read.
ROW_FIELDS = (
    "pk", "slug", "title", "summary", "kind", "last_changed_on", "updated_at", "status__slug",
    "status__name",
)  # fmt: skip


def _row_key(row) -> tuple:
    deal, parties, goods = row
    return (
        deal.pk,
        deal.slug,
        deal.title,
        deal.summary,
        deal.kind,
        parties,
        goods,
        deal.status__slug,
        deal.status__name,
        deal.last_changed_on,
    )


def _row(row) -> dict:
    deal, parties, goods = row
    return {
        "url": reverse("deals:deal-detail", kwargs={"slug": deal.slug}),
        "title": deal.title,
        "summary": deal.summary,
        "kind": KIND_NAMES.get(deal.kind, deal.kind),
        "parties": parties,
        "commodities": goods,
        "status": SimpleNamespace(slug=deal.status__slug, name=deal.status__name),
        "last_changed_on": deal.last_changed_on,
    }


#: Each kind of deal by name, as `Deal.get_kind_display()` gives it.
KIND_NAMES = dict(DealKind.choices)


def _drawn_stage_chart(statuses: list[Status], counts: dict[int, int]) -> str:
    """The deal list's chart of the matching deals at each stage, drawn once for what it shows:
    a change that leaves the matches' counts as they were draws no chart again."""
    title = "Matching deals at each stage"
    shown = tuple(
        (status.pk, status.slug, status.name, status.track, status.order, counts.get(status.pk))
        for status in statuses
    )

    def context(_) -> dict:
        chart = deals_by_stage(statuses, title=title, counts=counts)
        return {"chart": chart, "chart_id": "list-chart"}

    return cached_rows("deals/includes/chart.html", [shown], lambda key: (title, key), context)[0]


def _country_slug(given: str) -> str:
    """The slug of the country `given` by its ISO code, or `given` as it is."""
    found = Party.objects.countries().filter(iso_code=given.upper()).values_list("slug", flat=True)
    return found.first() or given


def _chosen_by_id(query) -> dict[str, str]:
    """A party or commodity given by its id, as in the API (?party_id=3), as the form's slug,
    so that pressing Show keeps it."""
    chosen = {}
    for name, model in (("party", Party), ("commodity", Commodity)):
        pk = query.get(f"{name}_id", "")
        if not query.get(name) and pk.isdigit():
            slug = model.objects.filter(pk=pk).values_list("slug", flat=True).first()
            if slug:
                chosen[name] = slug
    return chosen


#: Filters of the deal list that take one value, shown back in the form.
TEXT_FILTERS = (
    "q",
    "kind",
    "country",
    "party",
    "commodity",
    "changed_since",
    "changed_before",
    "sort",
)


@dataclass(frozen=True)
class TrackStop:
    """One stage along a deal's track: reached on a date, passed over, current or ahead."""

    status: Status
    reached_on: datetime.date | None
    precision: str
    state: str  # "reached", "skipped", "current" or "ahead"


def stage_track(deal: Deal, timeline: list[TimelineEntry], statuses: list[Status]):
    """The stops of the deal's track, and the off-track stage it stands at, if any."""
    first_reached: dict[int, TimelineEntry] = {}
    for entry in sorted(timeline, key=lambda e: (e.happened_on, e.recorded_at, e.pk)):
        first_reached.setdefault(entry.status_id, entry)
    track = [status for status in statuses if status.track == deal.kind]
    on_track = [status for status in track if status.pk in first_reached]
    # Off the track, the deal still stands as far along it as it got.
    furthest = deal.status if deal.status.is_on_track else (on_track[-1] if on_track else None)
    stops = []
    for status in track:
        entry = first_reached.get(status.pk)
        if furthest is not None and status.pk == furthest.pk:
            state = "current" if deal.status.is_on_track else "reached"
        elif furthest is not None and status.order < furthest.order:
            state = "reached" if entry else "skipped"
        else:
            state = "ahead"
        stops.append(
            TrackStop(
                status=status,
                reached_on=entry.happened_on if entry else None,
                precision=entry.precision if entry else "",
                state=state,
            )
        )
    off_track = None if deal.status.is_on_track else deal.status
    return stops, off_track


def _with_links(deal: Deal) -> Deal:
    """`deal` with its parties and commodities read, in two queries."""
    prefetch_related_objects(
        [deal],
        # Each link with its party: one query, not one per party.
        Prefetch("deal_parties", DealParty.objects.select_related("party").order_by("party__name")),
        "commodities",
    )
    return deal


def _timeline(deal: Deal) -> list[TimelineEntry]:
    """The deal's entries, newest first, each with its stages and source."""
    entries = deal.timeline.latest_first()
    return list(entries.select_related("status", "previous_status", "article"))


def _stages_of_kind(kind: str) -> list[Status]:
    return list(Status.objects.for_kind(kind).order_by("order"))


def _figures(deal: Deal) -> list:
    # Within one deal: the model's ordering would join the deal to sort by it.
    return list(deal.figures.select_related("article").order_by("created_at", "id"))


@method_decorator(cached_for_visitors, name="dispatch")
class DealDetailView(DetailView):
    """A deal: its stage track, timeline with sources, parties, commodities and figures."""

    def get_queryset(self):
        # The header shows the deal and its stage; its parties and commodities are read only
        # for the cached part of the page, on a miss.
        return Deal.objects.published().select_related("status")

    def get_context_data(self, **kwargs):
        deal = self.object
        # Its parties and commodities, shown and used to find related deals in the cached part
        # of the page only.
        deal_with_links = later(_with_links, deal)
        # Even the queries are built only on a miss: building one costs as much as running it.
        timeline = later(_timeline, deal)
        track = later(stage_track, deal, timeline, later(_stages_of_kind, deal.kind))
        # The date of the latest entry, which recording it made the deal's last change.
        last_news = deal.last_changed_on
        figures = later(_figures, deal)
        return {
            **super().get_context_data(**kwargs),
            "timeline": timeline,
            "deal_with_links": deal_with_links,
            "stops": later(operator.itemgetter(0), track),
            "off_track": later(operator.itemgetter(1), track),
            "last_news": last_news,
            "days_since_news": (timezone.localdate() - last_news).days if last_news else None,
            "figures": figures,
            "figure_charts": later(
                figures_over_time,
                figures,
                until=max(filter(None, [last_news, timezone.localdate()])),
            ),
            "related_deals": later(
                Deal.objects.select_related("status").related_to,
                deal_with_links,
                limit=RELATED_DEALS,
            ),
            # What the page shows of the deal itself: other deals' changes leave its part
            # cached, its related deals as old as a tally may be.
            "deal_version": later(deal_version, deal),
            "is_following": _following(self.request, deal=deal),
            "follow_kind": "deal",
        }


@method_decorator(cached_for_visitors, name="dispatch")
class PartyDetailView(DetailView):
    """A party and its deals by stage; for a country, also the deals of parties based in it."""

    def get_queryset(self):
        return Party.objects.select_related("country", "parent").prefetch_related(
            # The names the party goes by, shown under its name.
            "aliases",
            # Companies and bodies based in a country, listed on its page.
            Prefetch("based_here", Party.objects.only("name", "slug", "country_id")),
        )

    def get_context_data(self, **kwargs):
        party = self.object
        deals = Deal.objects.published().involving(party)
        return {
            **super().get_context_data(**kwargs),
            "stage_groups": group_by_stage(
                deals, list(Status.objects.all()), per_stage=DEALS_PER_STAGE * 2
            ),
            "list_filter": ("country" if party.kind == PartyKind.COUNTRY else "party", party.slug),
            "is_following": _following(self.request, party=party),
            "follow_kind": "party",
        }


@method_decorator(cached_for_visitors, name="dispatch")
class CommodityDetailView(DetailView):
    """A commodity and the deals about it or any commodity below it, by stage."""

    def get_queryset(self):
        return Commodity.objects.select_related("parent").prefetch_related(
            # Its aliases and the commodities directly below it, shown on the page.
            "aliases",
            Prefetch("children", Commodity.objects.only("name", "slug", "parent_id")),
        )

    def get_context_data(self, **kwargs):
        commodity = self.object
        deals = Deal.objects.published().trading_in(Commodity.objects.with_descendants(commodity))
        return {
            **super().get_context_data(**kwargs),
            "stage_groups": group_by_stage(
                deals, list(Status.objects.all()), per_stage=DEALS_PER_STAGE * 2
            ),
            "list_filter": ("commodity", commodity.slug),
            "is_following": _following(self.request, commodity=commodity),
            "follow_kind": "commodity",
        }


@method_decorator(cached_for_visitors, name="dispatch")
class StageListView(ListView):
    """Each stage explained for readers, with how many deals stand at it."""

    model = Status

    def get_context_data(self, **kwargs):
        counts = published_stage_counts(later(request_data_version, self.request))
        statuses = stages_in_reading_order(self.object_list)
        tracks = [
            (heading, [(s, counts.get(s.pk, 0)) for s in statuses if s.track == track])
            for heading, track in (
                ("The agreement track", Track.AGREEMENT),
                ("The measure track", Track.MEASURE),
                ("Off the track, for both kinds", Track.BOTH),
            )
        ]
        return {**super().get_context_data(**kwargs), "tracks": tracks}


def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (the admin, the API docs)."""
    return HttpResponsePermanentRedirect(static("deals/favicon.svg"))


def get_target(kind: str, slug: str):
    """The deal, party or commodity a follow button or feed names."""
    if kind == "deal":
        return get_object_or_404(Deal.objects.published(), slug=slug)
    if kind == "party":
        return get_object_or_404(Party, slug=slug)
    if kind == "commodity":
        return get_object_or_404(Commodity, slug=slug)
    raise Http404("Nothing of that kind can be followed.")
