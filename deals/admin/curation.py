"""The editors' admin: curate deals, their parties, commodities, stages and sources."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.forms.models import BaseInlineFormSet

from deals import services
from deals.models import (
    Article,
    Commodity,
    CommodityAlias,
    Deal,
    DealParty,
    EntryKind,
    Figure,
    Party,
    PartyAlias,
    Status,
    TimelineEntry,
    validate_publication_date,
)

from .fields import HSCodesField


@admin.register(Status)
class StatusAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "track", "order", "is_final"]
    list_filter = ["track", "is_final"]
    search_fields = ["name", "slug"]

    def get_readonly_fields(self, request, obj=None):
        # Shipped slugs are used by the parser, the API and links: they never change.
        return ["slug"] if obj else []


class PartyAliasInline(admin.TabularInline):
    model = PartyAlias
    extra = 1


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "iso_code", "country", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "iso_code", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country", "parent"]
    inlines = [PartyAliasInline]
    list_select_related = ["country", "parent"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Its deals are found by its new name or aliases.
        services.refresh_search_documents_about(party_ids=[form.instance.pk])


class CommodityAliasInline(admin.TabularInline):
    model = CommodityAlias
    extra = 1


class CommodityForm(forms.ModelForm):
    hs_codes = HSCodesField()

    class Meta:
        model = Commodity
        fields = ["name", "slug", "parent", "hs_codes", "description"]


@admin.register(Commodity)
class CommodityAdmin(admin.ModelAdmin):
    form = CommodityForm
    list_display = ["name", "parent", "hs_codes"]
    search_fields = ["name", "slug", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [CommodityAliasInline]
    list_select_related = ["parent"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.refresh_search_documents_about(commodity_ids=[form.instance.pk])


class DealPartyInline(admin.TabularInline):
    model = DealParty
    extra = 1
    autocomplete_fields = ["party"]


class FigureInline(admin.TabularInline):
    model = Figure
    extra = 0
    fields = ["text", "value", "unit", "what", "article", "quote"]
    autocomplete_fields = ["article"]


class TimelineInline(admin.TabularInline):
    """The timeline as recorded, in the order things happened. Entries are never edited."""

    model = TimelineEntry
    fk_name = "deal"
    verbose_name_plural = "timeline"
    fields = ["happened_on", "precision", "status", "kind", "article", "quote", "note"]
    readonly_fields = fields
    ordering = ["happened_on", "recorded_at", "id"]
    can_delete = False
    extra = 0
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("status", "article")


class NewEntryForm(forms.ModelForm):
    """A new timeline entry, its rules said in words beside the field they concern."""

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == EntryKind.REPORT and not cleaned.get("article"):
            self.add_error(
                "article",
                "A report needs its source article: choose it (paste it first under Articles "
                "if the tracker does not have it), or record a correction with its reason.",
            )
        if kind == EntryKind.CORRECTION and not (cleaned.get("note") or "").strip():
            self.add_error("note", "A correction needs its reason: say why the stage changes.")
        return cleaned


class NewEntryFormSet(BaseInlineFormSet):
    """New timeline entries; each must be a stage of the deal's kind."""

    def clean(self):
        super().clean()
        for form in self.forms:
            status = form.cleaned_data.get("status") if form.has_changed() else None
            if status is None or not self.instance.kind:
                continue
            if not Status.objects.for_kind(self.instance.kind).filter(pk=status.pk).exists():
                form.add_error("status", f"“{status}” is not a stage of this kind of deal.")


class NewTimelineEntryInline(admin.StackedInline):
    """Record the deal reaching a stage, or correct its stage (a correction needs a reason)."""

    model = TimelineEntry
    fk_name = "deal"
    form = NewEntryForm
    formset = NewEntryFormSet
    verbose_name = "new timeline entry"
    verbose_name_plural = "add to the timeline"
    fields = [("status", "happened_on", "precision", "kind"), "article", "quote", "note"]
    autocomplete_fields = ["article"]
    extra = 1
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)


class CountryFilter(admin.SimpleListFilter):
    """Deals involving a country, directly or through a party based there."""

    title = "country"
    parameter_name = "country"

    def lookups(self, request, model_admin):
        countries = Party.objects.countries().filter(
            Q(deals__isnull=False) | Q(based_here__deals__isnull=False)
        )
        return [(party.slug, party.name) for party in countries.distinct()]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        country = Party.objects.countries().filter(slug=self.value()).first()
        return queryset.involving(country) if country else queryset.none()


@admin.register(Deal)
class DealAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "last_changed_on", "first_reported_on"]
    list_filter = [
        "status",
        "kind",
        ("parties", admin.RelatedOnlyFieldListFilter),
        ("commodities", admin.RelatedOnlyFieldListFilter),
        CountryFilter,
    ]
    search_fields = ["title", "summary", "parties__name", "parties__aliases__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["commodities"]
    readonly_fields = ["status", "first_reported_on", "last_changed_on"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "summary", "commodities"]}),
        ("Stage", {"fields": ["status", "last_changed_on", "first_reported_on"]}),
    ]
    inlines = [DealPartyInline, FigureInline, TimelineInline, NewTimelineEntryInline]
    list_select_related = ["status"]
    date_hierarchy = "last_changed_on"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Title, summary, commodities and parties are saved by now: readers search the new ones.
        services.refresh_search_documents(deal_ids=[form.instance.pk])

    def save_formset(self, request, form, formset, change):
        if not isinstance(formset, NewEntryFormSet):
            return super().save_formset(request, form, formset, change)
        # The admin's change message reads what the formset saved.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for entry_form in formset.forms:
            if not entry_form.has_changed():
                continue
            data = entry_form.cleaned_data
            entry = services.record_timeline_entry(
                deal=form.instance,
                status=data["status"],
                happened_on=data["happened_on"],
                precision=data["precision"],
                article=data.get("article"),
                quote=data.get("quote", ""),
                note=data.get("note", ""),
                kind=data["kind"],
                recorded_by=request.user,
            )
            formset.new_objects.append(entry)
            if not entry.changed_stage:
                messages.info(
                    request,
                    f"The entry at “{entry.status}” was kept in the timeline; the deal stays at "
                    f"“{form.instance.status or entry.status}” because a later entry exists.",
                )
        return None


@admin.register(TimelineEntry)
class TimelineEntryAdmin(admin.ModelAdmin):
    """Every recorded stage change, for review; entries are added from their deal."""

    list_display = ["deal", "status", "happened_on", "kind", "recorded_at", "recorded_by"]
    list_filter = ["status", "kind"]
    search_fields = ["deal__title", "quote", "note"]
    list_select_related = ["deal", "status", "recorded_by"]
    date_hierarchy = "happened_on"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ArticleForm(forms.ModelForm):
    """An article as editors correct it: a publication date within the years that can be."""

    def clean_published_on(self):
        published_on = self.cleaned_data.get("published_on")
        validate_publication_date(published_on)
        return published_on


class ArticleSubmitForm(ArticleForm):
    """Paste an article: its title, address and text."""

    url = forms.URLField(label="URL", max_length=2000, required=False, assume_scheme="https")

    class Meta:
        model = Article
        fields = ["title", "url", "outlet", "published_on", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 20})}

    def clean(self):
        cleaned = super().clean()
        title, body, url = cleaned.get("title", ""), cleaned.get("body", ""), cleaned.get("url")
        if not title and not body:
            return cleaned
        duplicate = Article.objects.filter(
            content_hash=services.article_identity(title or "", body or "")
        )
        if url:
            duplicate = Article.objects.filter(Q(pk__in=duplicate) | Q(url=url))
        found = duplicate.first()
        if found is not None:
            raise ValidationError(
                "This article is already in the tracker as article #%(pk)s, “%(title)s”.",
                params={"pk": found.pk, "title": found.title},
            )
        return cleaned


class ArticleAdmin(admin.ModelAdmin):
    """Submitting and curating articles; review.py adds proposals to it and registers it."""

    form = ArticleForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["title", "outlet", "published_on", "state", "created_at"]
    # Stated here: a list annotated with counts loses the model's default ordering.
    ordering = ["-created_at", "-id"]
    list_filter = ["state", "outlet"]
    search_fields = ["title", "url", "outlet"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "state",
        "failure_reason",
        "attempts",
        "submitted_by",
        "fetched_from",
        "provenance",
        "created_at",
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change and "title" in form.changed_data:
            services.refresh_search_documents_about(article_ids=[form.instance.pk])

    @admin.display(description="trusted source")
    def provenance(self, article):
        return services.provenance_of(article).reason

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = ArticleSubmitForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ArticleSubmitForm._meta.fields
        return super().get_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        # The text is the article's identity: it is kept as submitted.
        return [*self.readonly_fields, "body"]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        submission = services.submit_article(
            title=obj.title,
            body=obj.body,
            url=obj.url,
            outlet=obj.outlet,
            published_on=obj.published_on,
            submitted_by=request.user,
        )
        # The admin goes on with `obj` (its log entry, its redirect): make it the kept article.
        obj.pk = submission.article.pk
        obj.refresh_from_db()
        return None
