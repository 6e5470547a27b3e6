"""What the parser proposes from an article, kept as it saw it, for editors to review."""

from django.conf import settings
from django.db import models

from deals.extraction.types import FIGURE_WHATS

from .articles import Article
from .deals import DatePrecision, Deal, DealKind, Role, TimelineEntry
from .reference import Commodity, Party, PartyKind, Status


class ReviewState(models.TextChoices):
    """Where a proposal stands in editors' review."""

    PENDING = "pending", "Pending review"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    SUPERSEDED = "superseded", "Superseded"


class ProposalQuerySet(models.QuerySet):
    def pending(self) -> "ProposalQuerySet":
        return self.filter(state=ReviewState.PENDING)

    def with_related(self) -> "ProposalQuerySet":
        """Load what a review screen shows for each proposal: its article, deal and stage."""
        return self.select_related("article", "deal", "status", "reviewed_by")


class Proposal(models.Model):
    """One deal or measure an article reports, as the parser read it, awaiting an editor."""

    # CASCADE: a proposal is part of its article's parse and means nothing without it.
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="proposals")
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order among the article's deals; 0 is the main one."
    )
    kind = models.CharField(max_length=10, choices=DealKind.choices)
    # SET_NULL: if the deal is removed, the proposal falls back to proposing a new deal.
    deal = models.ForeignKey(
        Deal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name="target deal",
        help_text="The deal this article is about; empty to create a new deal.",
    )
    match_score = models.FloatField(
        null=True, blank=True, editable=False, help_text="How closely the target deal matched."
    )
    match_reason = models.CharField(max_length=300, blank=True, editable=False)
    title = models.CharField(
        "suggested title", max_length=300, help_text="The title of the deal if one is created."
    )
    summary = models.TextField(
        blank=True,
        help_text="What the deal is, in a few plain sentences; becomes the summary of a new deal.",
    )
    # PROTECT: a stage in use cannot be deleted.
    status = models.ForeignKey(
        Status,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name="stage",
        help_text="The stage the article reports; empty records no timeline entry.",
    )
    happened_on = models.DateField(null=True, blank=True)
    precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    quote = models.TextField(blank=True, help_text="The sentence that supports the stage.")
    confidence = models.FloatField(default=0.0)
    # What the parser read, as spans of the article's text (title, blank line, body), so the
    # review screen can mark them: [{"start", "end", "kind", "label"}], kind one of party,
    # commodity, figure or stage.
    marks = models.JSONField(default=list, blank=True, editable=False)
    state = models.CharField(
        max_length=10, choices=ReviewState.choices, default=ReviewState.PENDING, db_index=True
    )
    auto_accepted = models.BooleanField(
        default=False, editable=False, help_text="Accepted without an editor: a trusted source."
    )
    # SET_NULL: the record of a review outlives the editor's account.
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_proposals",
        editable=False,
    )
    reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # SET_NULL: entries are never deleted in practice, but the proposal must not block it.
    timeline_entry = models.ForeignKey(
        TimelineEntry,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "article", "position"]
        constraints = [
            # One live proposal per deal mention of an article; a new parse of the article
            # supersedes the pending ones, and rejected ones stay as the record of a review.
            models.UniqueConstraint(
                fields=["article", "position"],
                condition=models.Q(state__in=["pending", "accepted"]),
                name="%(app_label)s_%(class)s_one_per_mention_of_article",
            ),
            models.CheckConstraint(
                condition=models.Q(confidence__gte=0) & models.Q(confidence__lte=1),
                name="%(app_label)s_%(class)s_confidence_between_0_and_1",
            ),
            models.CheckConstraint(
                condition=models.Q(state=ReviewState.PENDING) | models.Q(reviewed_at__isnull=False),
                name="%(app_label)s_%(class)s_review_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "-created_at"], name="%(app_label)s_proposal_state_idx"),
        ]

    def __str__(self) -> str:
        target = self.deal.title if self.deal_id else f"new: {self.title}"
        return f"{target} ({self.get_state_display().lower()})"


class ProposedParty(models.Model):
    """A party the parser found, with the name as written and the party it resolved to."""

    # CASCADE: mentions belong to their proposal.
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="parties")
    name_as_written = models.CharField(max_length=200, blank=True)
    name = models.CharField(max_length=200, help_text="Canonical name.")
    kind = models.CharField(max_length=30, choices=PartyKind.choices)
    role = models.CharField(max_length=20, choices=Role.choices, blank=True)
    country_code = models.CharField(
        max_length=2, blank=True, help_text="ISO code of the party's country, when known."
    )
    # SET_NULL: the mention stays as written if the party it was resolved to goes.
    party = models.ForeignKey(
        Party,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentions",
        help_text="The party this is; empty creates a new party on accepting.",
    )

    class Meta:
        ordering = ["proposal", "id"]
        verbose_name = "party mention"
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "name"], name="%(app_label)s_%(class)s_unique_name_per_proposal"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ProposedCommodity(models.Model):
    """A commodity the parser found, with the words used and the commodity it resolved to."""

    # CASCADE: mentions belong to their proposal.
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="commodities")
    name_as_written = models.CharField(max_length=120, blank=True)
    name = models.CharField(max_length=120, help_text="Canonical name.")
    hs_codes = models.JSONField("HS codes", default=list, blank=True)
    # SET_NULL: the mention stays as written if the commodity it was resolved to goes.
    commodity = models.ForeignKey(
        Commodity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentions",
        help_text="The commodity this is; empty creates a new commodity on accepting.",
    )

    class Meta:
        ordering = ["proposal", "id"]
        verbose_name = "commodity mention"
        verbose_name_plural = "commodity mentions"
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "name"], name="%(app_label)s_%(class)s_unique_name_per_proposal"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ProposedFigure(models.Model):
    """A number the parser found in the article for this deal."""

    # CASCADE: figures belong to their proposal.
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="figures")
    text = models.CharField(max_length=120)
    value = models.DecimalField(max_digits=24, decimal_places=4, null=True, blank=True)
    unit = models.CharField(max_length=20, blank=True)
    what = models.CharField(
        max_length=20, blank=True, choices=FIGURE_WHATS, help_text="What it measures."
    )
    quote = models.TextField(blank=True)

    class Meta:
        ordering = ["proposal", "id"]
        verbose_name = "figure mention"
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "text"], name="%(app_label)s_%(class)s_unique_text_per_proposal"
            ),
        ]

    def __str__(self) -> str:
        return self.text
