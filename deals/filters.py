"""One FilterSet per model, shared by the reader pages and the API."""

import functools
from collections.abc import Callable
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from deals.models import (
    Commodity,
    Deal,
    DealKind,
    DealParty,
    Party,
    PartyKind,
    Status,
    TimelineEntry,
)


class StageChoiceField(django_filters.fields.ModelMultipleChoiceField):
    """Stages by slug, checked against `known` (a function giving every stage) when the caller
    has read them already, rather than asking the database for the chosen ones again."""

    known = None

    def _check_values(self, value):
        if self.known is None:
            return super()._check_values(value)
        # As the database check does: the same errors, for the same values, in the same order.
        try:
            value = frozenset(value)
        except TypeError:
            raise ValidationError(
                self.error_messages["invalid_list"], code="invalid_list"
            ) from None
        for slug in value:
            self.validate_no_null_characters(slug)
        by_slug = {status.slug: status for status in self.known()}
        for slug in value:
            if str(slug) not in by_slug:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": slug},
                )
        return [by_slug[str(slug)] for slug in value]


@extend_schema_field(OpenApiTypes.STR)
class StageFilter(django_filters.ModelMultipleChoiceFilter):
    """One or more stages by slug (`?stage=talks&stage=framework`)."""

    field_class = StageChoiceField

    def __init__(self, **kwargs):
        # The stages chosen are read first, so the database filters on the stage ids it keeps
        # statistics for, rather than joining the stages to compare slugs.
        kwargs.setdefault("field_name", "status")
        kwargs.setdefault("label", "Stage (slug; repeat for several)")
        # A deal or entry has one stage: no row can repeat, so no DISTINCT.
        super().__init__(
            to_field_name="slug", queryset=Status.objects.all(), distinct=False, **kwargs
        )

    def get_filter_predicate(self, v):
        return {f"{self.field_name}_id": v.pk}


def _searched(deals, text: str):
    """`deals` matching a reader's search (`DealQuerySet.search`), all of them for no text."""
    text = text.strip()
    return deals.search(text) if text else deals


class IdFilter(django_filters.NumberFilter):
    """A primary key: a whole number the database can hold (a huge one is invalid, not a crash)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


def _commodity_tree(slug: str):
    """The commodity with this slug and all commodities below it."""
    root = Commodity.objects.filter(slug=slug).first()
    return Commodity.objects.with_descendants(root) if root else Commodity.objects.none()


class DealRelationFilters(django_filters.FilterSet):
    """The party and commodity filter methods of a FilterSet over deals or over their entries.

    `deal_ref` names the deal of the rows filtered: the row itself, or its `deal`.
    """

    deal_ref = "pk"

    def filter_party(self, queryset, name, value):
        return queryset.filter(
            Exists(DealParty.objects.filter(deal=OuterRef(self.deal_ref), party__slug=value))
        )

    def filter_party_id(self, queryset, name, value):
        return queryset.filter(
            Exists(DealParty.objects.filter(deal=OuterRef(self.deal_ref), party_id=value))
        )

    def filter_commodity(self, queryset, name, value):
        links = Deal.commodities.through.objects.filter(
            deal=OuterRef(self.deal_ref), commodity__in=_commodity_tree(value)
        )
        return queryset.filter(Exists(links))


class DealFilterSet(DealRelationFilters):
    """Filters readers and API clients use to find deals."""

    q = django_filters.CharFilter(method="filter_text", label="Search")
    kind = django_filters.ChoiceFilter(choices=DealKind.choices)
    stage = StageFilter()
    party = django_filters.CharFilter(method="filter_party", label="Party (slug)")
    party_id = IdFilter(method="filter_party_id", label="Party (id)")
    commodity = django_filters.CharFilter(
        method="filter_commodity", label="Commodity (slug, with the commodities below it)"
    )
    commodity_id = IdFilter(field_name="commodities", label="Commodity (id)")
    country = django_filters.CharFilter(method="filter_country", label="Country (slug or ISO code)")
    changed_since = django_filters.DateFilter(field_name="last_changed_on", lookup_expr="gte")
    changed_before = django_filters.DateFilter(field_name="last_changed_on", lookup_expr="lte")
    sort = django_filters.ChoiceFilter(
        method="sort_deals",
        label="Sort by",
        choices=[
            ("relevance", "Best match first"),
            ("changed", "Latest change first"),
            ("-changed", "Oldest change first"),
            ("title", "Title"),
        ],
        empty_label=None,
    )

    # Each order ends on the primary key so pages of results never overlap; the "changed" two
    # follow the index on (last_changed_on, id). A search orders by relevance by itself, and
    # without one the best match is the latest change.
    SORTS = {
        "relevance": (),
        "changed": ("-last_changed_on", "-id"),
        "-changed": ("last_changed_on", "id"),
        "title": ("title", "id"),
    }

    #: Filters that find deals through other rows: a search document, party or commodity links.
    FOUND_ELSEWHERE = ("q", "party", "party_id", "commodity", "commodity_id", "country")

    class Meta:
        model = Deal
        fields = ["kind"]

    def __init__(self, *args, kept_by: Callable[[str, Callable], Any] | None = None, **kwargs):
        """`kept_by(name, read)`, if given, keeps what the filters read of the small tables of
        names (every stage, a country's parties) by their version, as a page does: a render
        after another deal's news then checks the stages and finds a country's parties
        without a query. Without it, each is read from the database."""
        super().__init__(*args, **kwargs)
        self.kept_by = kept_by

    def get_form_class(self):
        # Its fields are the filters', the same for every request: the class is built once,
        # and each form copies its fields as every form does.
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = super().get_form_class()
        return cls._form_class

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            if self.kept_by is not None:
                form.fields["stage"].known = functools.partial(
                    self.kept_by, "stages", lambda: list(Status.objects.all())
                )
        return self._form

    @property
    def found_elsewhere(self) -> bool:
        """Whether the deals are found through other rows, not by their own columns."""
        chosen = self.form.cleaned_data if self.is_bound and self.is_valid() else {}
        return any(chosen.get(name) for name in self.FOUND_ELSEWHERE)

    def filter_text(self, queryset, name, value):
        return _searched(queryset, value)

    @classmethod
    def search_alone(cls, data, queryset) -> models.QuerySet | None:
        """`queryset` filtered by `data` as this FilterSet filters it, when `data` holds a
        search alone (`?q=...`, no other filter, the commonest request), whose form would only
        strip its text and find nothing to refuse; None for any other request, which the
        FilterSet itself must check and filter."""
        if set(data) & set(cls.base_filters) != {"q"}:
            return None
        text = data.get("q", "")
        if "\x00" in text:  # The form refuses it: the FilterSet says why.
            return None
        return _searched(queryset.all(), text)

    def filter_country(self, queryset, name, value):
        def parties() -> list[int]:
            countries = Party.objects.countries().filter(Q(slug=value) | Q(iso_code=value.upper()))
            return Party.objects.based_in(countries)

        kept = self.kept_by and functools.partial(self.kept_by, f"country-parties:{value}")
        return queryset.involving_any(kept(parties) if kept else parties())

    def sort_deals(self, queryset, name, value):
        return queryset.order_by(*self.SORTS[value]) if self.SORTS[value] else queryset


class PartyFilterSet(django_filters.FilterSet):
    """Filters over parties."""

    q = django_filters.CharFilter(method="filter_text", label="Search")
    kind = django_filters.ChoiceFilter(choices=PartyKind.choices)
    country = django_filters.CharFilter(field_name="country__slug", label="Home country (slug)")

    class Meta:
        model = Party
        fields = ["kind"]

    def filter_text(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(aliases__name__icontains=value)
        ).distinct()


class CommodityFilterSet(django_filters.FilterSet):
    """Filters over commodities."""

    q = django_filters.CharFilter(method="filter_text", label="Search")
    parent = django_filters.CharFilter(field_name="parent__slug", label="Parent (slug)")

    class Meta:
        model = Commodity
        fields = []

    def filter_text(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(aliases__name__icontains=value)
        ).distinct()


class TimelineEntryFilterSet(DealRelationFilters):
    """Filters over stage changes: the home page's latest changes and the API's change feed."""

    deal_ref = "deal"

    deal = django_filters.CharFilter(field_name="deal__slug", label="Deal (slug)")
    deal_id = IdFilter(field_name="deal_id", label="Deal (id)")
    party = django_filters.CharFilter(method="filter_party", label="Party (slug)")
    party_id = IdFilter(method="filter_party_id", label="Party (id)")
    commodity = django_filters.CharFilter(method="filter_commodity", label="Commodity (slug)")
    commodity_id = IdFilter(field_name="deal__commodities", label="Commodity (id)")
    stage = StageFilter()
    kind = django_filters.ChoiceFilter(field_name="deal__kind", choices=DealKind.choices)

    class Meta:
        model = TimelineEntry
        fields = []
