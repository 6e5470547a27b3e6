"""The outbox: one durable row per recipient and channel for every announced change."""

import uuid

from django.conf import settings
from django.db import models

from .deals import TimelineEntry
from .following import Follow
from .webhooks import DeliveryState, WebhookSubscription


class Channel(models.TextChoices):
    """How a change reaches its recipient."""

    EMAIL = "email", "Email at once"
    DIGEST = "digest", "Daily digest email"
    WEBHOOK = "webhook", "Webhook"


#: The channels that write to a reader (a user); the others post to a webhook subscription.
READER_CHANNELS = (Channel.EMAIL, Channel.DIGEST)


class OutboxState(models.TextChoices):
    """Where a message is in its life; only pending messages are ever sent."""

    PENDING = "pending", "Waiting to be sent"
    DELIVERED = "delivered", "Sent"
    SKIPPED = "skipped", "Not sent"
    FAILED = "failed", "Could not be sent"


class OutboxQuerySet(models.QuerySet):
    def pending(self) -> "OutboxQuerySet":
        return self.filter(state=OutboxState.PENDING)

    def due(self, now) -> "OutboxQuerySet":
        """Pending messages whose next attempt is due: a claimed one once its lease has ended.

        A webhook waits while its subscription is paused; a digest waits (no next attempt)
        until the reader's digest is opened.
        """
        # No join: a claim's conditional update then tests the row's own columns, which
        # PostgreSQL checks again on the latest version of a row another worker just claimed.
        active = WebhookSubscription.objects.active().values("pk")
        return self.pending().filter(
            models.Q(subscription__isnull=True) | models.Q(subscription_id__in=active),
            next_attempt_at__lte=now,
        )

    def for_email(self) -> "OutboxQuerySet":
        """Load the entry, its deal, both stages, its source and the follow, which emails show."""
        return self.select_related(
            "entry__deal",
            "entry__status",
            "entry__previous_status",
            "entry__article",
            "follow__deal",
            "follow__party",
            "follow__commodity",
        )


class OutboxMessage(models.Model):
    """One change to tell one recipient on one channel: planned once, sent at most once.

    A reader's emails (at once or in the digest) name the user and the follow that explains
    them; a webhook names its subscription and keeps the body it sends. `next_attempt_at` is
    the one lease: claiming a message pushes it forward, so a message whose sender was lost is
    due again once it ends.
    """

    channel = models.CharField(max_length=10, choices=Channel.choices)
    # CASCADE: a message tells of its change and means nothing without it.
    entry = models.ForeignKey(
        TimelineEntry, on_delete=models.CASCADE, related_name="outbox_messages"
    )
    # CASCADE: a reader's messages belong to their account.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outbox_messages",
    )
    # SET_NULL: the log of what was sent stays when the reader stops following; a message
    # still waiting is then not sent.
    follow = models.ForeignKey(
        Follow,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outbox_messages",
    )
    # CASCADE: deliveries are part of their subscription's log.
    subscription = models.ForeignKey(
        WebhookSubscription,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    reason = models.CharField(
        max_length=300, blank=True, help_text="Why the reader is told: what they follow."
    )
    # A webhook's body is fixed when it is planned, so every retry sends the same bytes.
    payload = models.TextField(blank=True, editable=False)
    # The Standard Webhooks `webhook-id`: the same on every retry, so receivers can deduplicate.
    message_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    state = models.CharField(
        max_length=10, choices=OutboxState.choices, default=OutboxState.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    # Due when this has passed; empty for a digest message until the reader's digest opens.
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "outbox message"
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        channel__in=READER_CHANNELS,
                        user__isnull=False,
                        subscription__isnull=True,
                    )
                    | models.Q(
                        channel=Channel.WEBHOOK,
                        user__isnull=True,
                        follow__isnull=True,
                        subscription__isnull=False,
                    )
                ),
                name="%(app_label)s_%(class)s_recipient_fits_channel",
            ),
            # The same change never mails the same reader twice, at once or in a digest.
            models.UniqueConstraint(
                fields=["entry", "user"], name="%(app_label)s_%(class)s_once_per_reader"
            ),
            models.UniqueConstraint(
                fields=["entry", "subscription"],
                name="%(app_label)s_%(class)s_once_per_subscription",
            ),
        ]
        indexes = [
            # The sweeper's question: which pending messages are due?
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(state=OutboxState.PENDING),
                name="%(app_label)s_outbox_due_idx",
            ),
        ]

    def __str__(self) -> str:
        recipient = self.subscription.target_url if self.subscription_id else self.user
        return f"{self.entry} to {recipient} ({self.get_channel_display().lower()})"

    @property
    def webhook_id(self) -> str:
        return f"msg_{self.message_id.hex}"

    @property
    def webhook_state(self) -> str:
        """The state as webhook owners read it: a message that will never go is abandoned."""
        if self.state in (OutboxState.PENDING, OutboxState.DELIVERED):
            return self.state
        return DeliveryState.ABANDONED


class WebhookDeliveryManager(models.Manager.from_queryset(OutboxQuerySet)):
    def get_queryset(self) -> OutboxQuerySet:
        return super().get_queryset().filter(channel=Channel.WEBHOOK)


class WebhookDelivery(OutboxMessage):
    """The outbox's webhook messages, as the admin lists them for editors."""

    objects = WebhookDeliveryManager()

    class Meta:
        proxy = True
        ordering = ["-created_at", "-id"]
        verbose_name = "webhook delivery"
        verbose_name_plural = "webhook deliveries"
