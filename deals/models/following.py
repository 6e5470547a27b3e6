"""Following: readers follow deals, parties and commodities and are emailed when deals move."""

from django.conf import settings
from django.db import models

from .deals import Deal, TimelineEntry
from .reference import Commodity, Party


class FollowTarget(models.TextChoices):
    """What a reader can follow."""

    DEAL = "deal", "Deal"
    PARTY = "party", "Party"
    COMMODITY = "commodity", "Commodity"


class FollowQuerySet(models.QuerySet):
    def with_targets(self) -> "FollowQuerySet":
        """Load whichever deal, party or commodity each follow points at."""
        return self.select_related("deal", "party", "commodity")


class Follow(models.Model):
    """A reader following one deal, one party or one commodity (with the ones below it)."""

    # CASCADE: a follow belongs to its reader and to the thing followed; neither outlives it.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    deal = models.ForeignKey(
        Deal, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    party = models.ForeignKey(
        Party, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    commodity = models.ForeignKey(
        Commodity, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FollowQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(deal__isnull=False, party__isnull=True, commodity__isnull=True)
                    | models.Q(deal__isnull=True, party__isnull=False, commodity__isnull=True)
                    | models.Q(deal__isnull=True, party__isnull=True, commodity__isnull=False)
                ),
                name="%(app_label)s_%(class)s_exactly_one_target",
            ),
            # NULLs never clash, so each constraint only bites on its own kind of target.
            models.UniqueConstraint(
                fields=["user", "deal"], name="%(app_label)s_%(class)s_unique_deal_per_user"
            ),
            models.UniqueConstraint(
                fields=["user", "party"], name="%(app_label)s_%(class)s_unique_party_per_user"
            ),
            models.UniqueConstraint(
                fields=["user", "commodity"],
                name="%(app_label)s_%(class)s_unique_commodity_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} follows {self.target}"

    @property
    def target(self) -> Deal | Party | Commodity:
        """The deal, party or commodity followed (load it with `with_targets()`)."""
        return self.deal or self.party or self.commodity

    @property
    def target_kind(self) -> str:
        if self.deal_id:
            return FollowTarget.DEAL
        return FollowTarget.PARTY if self.party_id else FollowTarget.COMMODITY


class Delivery(models.TextChoices):
    """When a reader wants to hear about the deals they follow."""

    IMMEDIATE = "immediate", "An email for each change, as it happens"
    DAILY = "daily", "One email a day with all the changes"


class ReaderPreference(models.Model):
    """How a reader wants to be told; readers without a row get immediate emails."""

    # CASCADE: a preference is part of its reader's account.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reader_preference"
    )
    delivery = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE)

    class Meta:
        ordering = ["user"]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_delivery_display()}"


class NotificationState(models.TextChoices):
    """Where a planned email is in its life."""

    PENDING = "pending", "Waiting to be sent"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    SKIPPED = "skipped", "Not sent: no longer followed"
    FAILED = "failed", "Could not be sent"


class NotificationQuerySet(models.QuerySet):
    def with_related(self) -> "NotificationQuerySet":
        """Load the entry, its deal, both stages and its source, which every email shows."""
        return self.select_related(
            "entry__deal",
            "entry__status",
            "entry__previous_status",
            "entry__article",
            "follow__deal",
            "follow__party",
            "follow__commodity",
        )


class Notification(models.Model):
    """One reader told about one stage change: planned once, sent at most once."""

    # CASCADE: the log belongs to its reader and to the change it reports.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    entry = models.ForeignKey(TimelineEntry, on_delete=models.CASCADE, related_name="notifications")
    # SET_NULL: the log of what was sent stays when the reader stops following.
    follow = models.ForeignKey(
        Follow, on_delete=models.SET_NULL, null=True, blank=True, related_name="notifications"
    )
    reason = models.CharField(max_length=300, help_text="Why the reader is told: what they follow.")
    delivery = models.CharField(max_length=10, choices=Delivery.choices)
    state = models.CharField(
        max_length=10, choices=NotificationState.choices, default=NotificationState.PENDING
    )
    state_changed_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # The same change never mails the same person twice.
            models.UniqueConstraint(
                fields=["user", "entry"], name="%(app_label)s_%(class)s_once_per_reader_and_entry"
            ),
        ]
        indexes = [
            models.Index(
                fields=["delivery", "state", "user"], name="%(app_label)s_notification_due_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entry} to {self.user} ({self.get_state_display().lower()})"
