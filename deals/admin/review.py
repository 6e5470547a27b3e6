"""Editors' review: accept, edit or reject what the parser proposes from each article."""

from dataclasses import dataclass, field

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import ngettext

from deals import services
from deals.extraction import document_text
from deals.models import (
    Article,
    Proposal,
    ProposedCommodity,
    ProposedFigure,
    ProposedParty,
    ReviewState,
)

from .curation import ArticleAdmin
from .fields import HSCodesField


class ReviewStateFilter(admin.SimpleListFilter):
    """Review state, showing the pending proposals unless the editor asks for others."""

    title = "review state"
    parameter_name = "state"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*ReviewState.choices, (self.ALL, "All")]

    def choices(self, changelist):
        current = self.value() or ReviewState.PENDING
        for value, label in self.lookup_choices:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        value = self.value() or ReviewState.PENDING
        return queryset if value == self.ALL else queryset.filter(state=value)


class ConfidenceFilter(admin.SimpleListFilter):
    """How sure the parser was."""

    title = "confidence"
    parameter_name = "confidence"
    BANDS = {
        "high": ("80% and more", Q(confidence__gte=0.8)),
        "medium": ("50% to 80%", Q(confidence__gte=0.5, confidence__lt=0.8)),
        "low": ("Under 50%", Q(confidence__lt=0.5)),
    }

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _) in self.BANDS.items()]

    def queryset(self, request, queryset):
        band = self.BANDS.get(self.value())
        return queryset.filter(band[1]) if band else queryset


@dataclass(frozen=True)
class Piece:
    """A stretch of the article's text, marked with what the parser read there or plain."""

    text: str
    kind: str = ""
    label: str = ""


@dataclass(frozen=True)
class Passage:
    """A stretch of text inside or outside the sentence that reports the stage."""

    pieces: list[Piece] = field(default_factory=list)
    kind: str = ""
    label: str = ""


def _without_overlaps(marks: list[dict]) -> list[dict]:
    kept, end = [], 0
    for mark in sorted(marks, key=lambda mark: (mark["start"], -mark["end"])):
        if mark["start"] >= end:
            kept.append(mark)
            end = mark["end"]
    return kept


def _pieces(text: str, start: int, end: int, marks: list[dict]) -> list[Piece]:
    pieces, at = [], start
    for mark in marks:
        left, right = max(mark["start"], start), min(mark["end"], end)
        if left >= right or left < at:
            continue
        if left > at:
            pieces.append(Piece(text[at:left]))
        pieces.append(Piece(text[left:right], mark["kind"], mark["label"]))
        at = right
    if at < end:
        pieces.append(Piece(text[at:end]))
    return pieces


def marked_text(text: str, marks: list[dict]) -> list[Passage]:
    """The article's text cut into passages and pieces at what the parser read: the stage's
    sentence holds the parties, goods and figures read within it. Overlapping marks keep the
    first."""
    valid = [m for m in marks if 0 <= m.get("start", -1) < m.get("end", -1) <= len(text)]
    sentences = _without_overlaps([m for m in valid if m["kind"] == "stage"])
    words = _without_overlaps([m for m in valid if m["kind"] != "stage"])
    passages, at = [], 0
    for sentence in [*sentences, {"start": len(text), "end": len(text), "kind": "", "label": ""}]:
        if sentence["start"] > at:
            passages.append(Passage(_pieces(text, at, sentence["start"], words)))
        if sentence["end"] > sentence["start"]:
            pieces = _pieces(text, sentence["start"], sentence["end"], words)
            passages.append(Passage(pieces, sentence["kind"], sentence["label"]))
        at = max(at, sentence["end"])
    return passages


class ProposedPartyInline(admin.TabularInline):
    model = ProposedParty
    fields = ["name_as_written", "name", "kind", "role", "country_code", "party"]
    readonly_fields = ["name_as_written"]
    autocomplete_fields = ["party"]
    extra = 0


class ProposedCommodityForm(forms.ModelForm):
    hs_codes = HSCodesField()

    class Meta:
        model = ProposedCommodity
        fields = ["name", "hs_codes", "commodity"]


class ProposedCommodityInline(admin.TabularInline):
    model = ProposedCommodity
    form = ProposedCommodityForm
    fields = ["name_as_written", "name", "hs_codes", "commodity"]
    readonly_fields = ["name_as_written"]
    autocomplete_fields = ["commodity"]
    extra = 0


class ProposedFigureInline(admin.TabularInline):
    model = ProposedFigure
    fields = ["text", "value", "unit", "what", "quote"]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2})},
    }
    extra = 0


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    """Pending proposals to accept as they are, edit then accept, or reject."""

    change_form_template = "admin/deals/proposal/change_form.html"
    list_display = [
        "title",
        "target",
        "kind",
        "status",
        "happened_on",
        "confidence_shown",
        "state",
        "article_link",
    ]
    list_filter = [ReviewStateFilter, "kind", ConfidenceFilter, "status"]
    search_fields = ["title", "article__title", "deal__title", "quote"]
    list_select_related = ["deal", "status", "article"]
    autocomplete_fields = ["deal"]
    readonly_fields = [
        "article_link",
        "confidence_shown",
        "match_score",
        "match_reason",
        "state",
        "how_reviewed",
        "reviewed_by",
        "reviewed_at",
        "timeline_entry",
    ]
    fieldsets = [
        (None, {"fields": ["article_link", "kind", "deal", "title", "summary"]}),
        ("Timeline entry", {"fields": [("status", "happened_on", "precision"), "quote"]}),
        (
            "What the parser saw",
            {"fields": ["confidence_shown", "match_score", "match_reason"]},
        ),
        (
            "Review",
            {"fields": ["state", "how_reviewed", "reviewed_by", "reviewed_at", "timeline_entry"]},
        ),
    ]
    inlines = [ProposedPartyInline, ProposedCommodityInline, ProposedFigureInline]
    actions = ["accept_selected", "reject_selected"]
    date_hierarchy = "created_at"

    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3})},
    }

    @admin.display(description="how it was reviewed")
    def how_reviewed(self, proposal):
        if proposal.state == ReviewState.PENDING:
            return "Not yet: waiting for an editor."
        if proposal.auto_accepted:
            return "Accepted automatically: a trusted source the parser was sure of."
        return f"{proposal.get_state_display()} by an editor."

    def change_view(self, request, object_id, form_url="", extra_context=None):
        proposal = self.get_object(request, object_id)
        context = {
            # The article and the form side by side need the page's whole width.
            "is_nav_sidebar_enabled": False,
            "title": "Review a proposal",
            **(extra_context or {}),
        }
        if proposal is not None:
            article = proposal.article
            text = document_text(article.title, services.readable_text(article.body))
            context["marked_text"] = marked_text(text, proposal.marks)
            context["has_marks"] = bool(proposal.marks)
            context["article"] = article
        return super().change_view(request, object_id, form_url, extra_context=context)

    @admin.display(description="deal", ordering="deal__title")
    def target(self, proposal):
        return proposal.deal or "New deal"

    @admin.display(description="confidence", ordering="confidence")
    def confidence_shown(self, proposal):
        return f"{proposal.confidence:.0%}"

    @admin.display(description="article", ordering="article__title")
    def article_link(self, proposal):
        url = reverse("admin:deals_article_change", args=[proposal.article_id])
        return format_html('<a href="{}">{}</a>', url, proposal.article.title)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # A reviewed proposal is the record of a decision: it is no longer edited.
        if obj is not None and obj.state != ReviewState.PENDING:
            return False
        return super().has_change_permission(request, obj)

    def response_change(self, request, obj):
        for button, review in (("_accept", self._accept), ("_reject", self._reject)):
            if button in request.POST:
                if review(request, obj):
                    return HttpResponseRedirect(reverse("admin:deals_proposal_changelist"))
                return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def _accept(self, request, proposal) -> bool:
        try:
            proposal = services.accept_proposal(proposal=proposal, reviewed_by=request.user)
        except ValidationError as error:
            self.message_user(request, "; ".join(error.messages), messages.ERROR)
            return False
        self.message_user(request, f"Accepted into “{proposal.deal}”.", messages.SUCCESS)
        return True

    def _reject(self, request, proposal) -> bool:
        try:
            services.reject_proposal(proposal=proposal, reviewed_by=request.user)
        except ValidationError as error:
            self.message_user(request, "; ".join(error.messages), messages.ERROR)
            return False
        self.message_user(request, f"Rejected “{proposal.title}”.", messages.SUCCESS)
        return True

    @admin.action(description="Accept the selected proposals", permissions=["change"])
    def accept_selected(self, request, queryset):
        accepted = sum(self._accept(request, proposal) for proposal in queryset.pending())
        self.message_user(
            request,
            ngettext("%(n)d proposal accepted.", "%(n)d proposals accepted.", accepted)
            % {"n": accepted},
        )

    @admin.action(description="Reject the selected proposals", permissions=["change"])
    def reject_selected(self, request, queryset):
        rejected = sum(self._reject(request, proposal) for proposal in queryset.pending())
        self.message_user(
            request,
            ngettext("%(n)d proposal rejected.", "%(n)d proposals rejected.", rejected)
            % {"n": rejected},
        )


class ProposalInline(admin.TabularInline):
    """What the parser proposed from this article, each with a link to review it."""

    model = Proposal
    fields = ["position", "kind", "title", "deal", "status", "happened_on", "confidence", "state"]
    readonly_fields = fields
    ordering = ["position", "-created_at"]
    show_change_link = True
    can_delete = False
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("deal", "status")


@admin.register(Article)
class ArticleReviewAdmin(ArticleAdmin):
    """Articles with what the parser made of them, and a way to parse one again."""

    inlines = [*ArticleAdmin.inlines, ProposalInline]
    list_display = [*ArticleAdmin.list_display, "proposal_count"]
    actions = ["parse_selected_again"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                proposal_total=Count(
                    "proposals", filter=~Q(proposals__state=ReviewState.SUPERSEDED)
                )
            )
        )

    @admin.display(description="proposals", ordering="proposal_total")
    def proposal_count(self, article):
        return article.proposal_total

    def get_inlines(self, request, obj):
        # A new article has no proposals yet: the submit form stays a plain form.
        return self.inlines if obj is not None else []

    @admin.action(description="Parse the selected articles again", permissions=["change"])
    def parse_selected_again(self, request, queryset):
        queued = sum(services.parse_again(article=article) for article in queryset)
        skipped = queryset.count() - queued
        self.message_user(
            request,
            ngettext(
                "%(n)d article queued for parsing.", "%(n)d articles queued for parsing.", queued
            )
            % {"n": queued},
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(n)d article already has accepted proposals and was left as it is.",
                    "%(n)d articles already have accepted proposals and were left as they are.",
                    skipped,
                )
                % {"n": skipped},
                messages.WARNING,
            )
