"""Editors add the news sources the tracker follows, and watch each one's health."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.utils import timezone

from deals import services
from deals.models import ReviewState, Source
from deals.services.safety import UnsafeTarget, check_public_url


class SourceForm(forms.ModelForm):
    feed_url = forms.URLField(label="Feed URL", max_length=2000, assume_scheme="https")

    class Meta:
        model = Source
        fields = ["name", "feed_url", "poll_interval", "trusted", "paused"]
        labels = {"trusted": "Accept its stories without review"}
        help_texts = {
            "trusted": (
                "Stories from this feed skip review when the parser is sure of them. Trust is "
                "yours to give a source, never something a story can claim."
            ),
        }

    def clean_feed_url(self):
        feed_url = self.cleaned_data["feed_url"]
        try:
            check_public_url(feed_url, allow_loopback=settings.TRACKER_FETCH_ALLOW_LOOPBACK)
        except UnsafeTarget as refusal:
            raise forms.ValidationError(str(refusal)) from None
        return feed_url


class FlaggedFilter(admin.SimpleListFilter):
    title = "health"
    parameter_name = "health"

    def lookups(self, request, model_admin):
        hours = settings.TRACKER_SOURCES_FLAG_AFTER_HOURS
        return [("flagged", f"Failing for {hours} hours or more"), ("failing", "Failing")]

    def queryset(self, request, queryset):
        if self.value() == "flagged":
            return queryset.flagged(timezone.now())
        if self.value() == "failing":
            return queryset.filter(failing_since__isnull=False)
        return queryset


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    """The feeds the tracker polls: add one, pause it, trust it, and see how it is doing.

    Stories reach the review queue as articles; a source failing for a day is flagged here.
    """

    form = SourceForm
    list_display = [
        "name",
        "state",
        "needs_attention",
        "paused",
        "trusted",
        "last_polled_at",
        "last_new_at",
        "story_count",
        "accepted_count",
        "last_problem",
    ]
    list_filter = [FlaggedFilter, "state", "paused", "trusted"]
    search_fields = ["name", "feed_url"]
    readonly_fields = [
        "state",
        "last_problem",
        "last_polled_at",
        "last_new_at",
        "next_poll_at",
        "failing_since",
        "failures",
        "trusted_by",
        "trusted_at",
        "added_by",
        "created_at",
    ]
    actions = [
        "poll_now",
        "pause_selected",
        "resume_selected",
        "trust_selected",
        "distrust_selected",
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                stories=Count("entries", distinct=True),
                accepted=Count(
                    "entries__article__proposals",
                    filter=Q(entries__article__proposals__state=ReviewState.ACCEPTED),
                    distinct=True,
                ),
            )
        )

    @admin.display(description="stories", ordering="stories")
    def story_count(self, source):
        return source.stories

    @admin.display(description="accepted changes", ordering="accepted")
    def accepted_count(self, source):
        return source.accepted

    @admin.display(description="flagged", boolean=True)
    def needs_attention(self, source):
        return source.is_flagged(timezone.now())

    def changelist_view(self, request, extra_context=None):
        flagged = Source.objects.flagged(timezone.now()).count()
        if flagged and request.method == "GET":
            self.message_user(
                request,
                f"{flagged} sources have failed for {settings.TRACKER_SOURCES_FLAG_AFTER_HOURS} "
                "hours or more: check their last problem.",
                messages.WARNING,
            )
        return super().changelist_view(request, extra_context)

    def save_model(self, request, obj, form, change):
        services.save_source(source=obj, editor=request.user)

    @admin.action(description="Poll the selected sources now", permissions=["change"])
    def poll_now(self, request, queryset):
        queued = services.queue_polls(source_pks=queryset.values_list("pk", flat=True))
        self.message_user(request, f"{queued} sources will be polled now (paused ones are not).")

    @admin.action(description="Pause the selected sources", permissions=["change"])
    def pause_selected(self, request, queryset):
        changed = services.pause_sources(sources=queryset, paused=True)
        self.message_user(request, f"{changed} sources paused.")

    @admin.action(description="Resume the selected sources", permissions=["change"])
    def resume_selected(self, request, queryset):
        changed = services.pause_sources(sources=queryset, paused=False)
        self.message_user(request, f"{changed} sources resumed.")

    @admin.action(
        description="Accept the selected sources' stories without review", permissions=["change"]
    )
    def trust_selected(self, request, queryset):
        changed = services.set_source_trust(sources=queryset, trusted=True, editor=request.user)
        self.message_user(request, f"{changed} sources trusted.")

    @admin.action(description="Review the selected sources' stories", permissions=["change"])
    def distrust_selected(self, request, queryset):
        changed = services.set_source_trust(sources=queryset, trusted=False, editor=request.user)
        self.message_user(request, f"{changed} sources no longer trusted.")
