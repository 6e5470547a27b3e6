"""Webhooks: API clients' subscriptions to changes, and the log of every delivery to them."""

import base64
import secrets
import uuid

from django.conf import settings
from django.db import models

from .deals import Deal, TimelineEntry
from .reference import Commodity, Party, Status

#: Standard Webhooks secrets are base64 with this prefix, so client libraries can read them.
SECRET_PREFIX = "whsec_"


def new_webhook_secret() -> str:
    """A fresh signing secret: 32 random bytes, in the Standard Webhooks `whsec_` form."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode("ascii")


class WebhookSubscriptionQuerySet(models.QuerySet):
    def active(self) -> "WebhookSubscriptionQuerySet":
        return self.filter(is_active=True)


class WebhookSubscription(models.Model):
    """A client's URL that receives every accepted change matching its filters, signed."""

    # CASCADE: a subscription belongs to its owner's account and means nothing without it.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhook_subscriptions"
    )
    target_url = models.URLField("target URL", max_length=2000)
    description = models.CharField(max_length=200, blank=True)
    secret = models.CharField(
        max_length=100,
        default=new_webhook_secret,
        help_text="Signs every delivery (Standard Webhooks, whsec_ + base64).",
    )
    # Empty filters match everything; a filled one narrows the changes delivered.
    deals = models.ManyToManyField(Deal, blank=True, related_name="webhook_subscriptions")
    parties = models.ManyToManyField(Party, blank=True, related_name="webhook_subscriptions")
    commodities = models.ManyToManyField(
        Commodity, blank=True, related_name="webhook_subscriptions"
    )
    stages = models.ManyToManyField(Status, blank=True, related_name="webhook_subscriptions")
    is_active = models.BooleanField("active", default=True)
    disabled_reason = models.TextField(blank=True)
    # Set by the first failure after a success; a subscription failing for too long is disabled.
    failing_since = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = WebhookSubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["owner", "created_at", "id"]
        verbose_name = "webhook subscription"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_active=True) | ~models.Q(disabled_reason=""),
                name="%(app_label)s_%(class)s_disabled_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target_url} ({self.owner})"


class DeliveryState(models.TextChoices):
    """Where a delivery stands."""

    PENDING = "pending", "Pending"
    DELIVERED = "delivered", "Delivered"
    ABANDONED = "abandoned", "Abandoned"


class WebhookDeliveryQuerySet(models.QuerySet):
    def due(self, now) -> "WebhookDeliveryQuerySet":
        """Pending deliveries whose next attempt is due (a claimed one, once its lease ends)."""
        return self.filter(state=DeliveryState.PENDING, next_attempt_at__lte=now)


class WebhookDelivery(models.Model):
    """One change to deliver to one subscription, once, under a stable message id."""

    # CASCADE: deliveries are part of their subscription's log, and of their entry's history.
    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    entry = models.ForeignKey(
        TimelineEntry, on_delete=models.CASCADE, related_name="webhook_deliveries"
    )
    # The Standard Webhooks `webhook-id`: the same on every retry, so receivers can deduplicate.
    message_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The body is fixed when the delivery is planned so every retry sends the same bytes.
    payload = models.TextField(editable=False)
    state = models.CharField(
        max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = WebhookDeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "webhook deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "entry"],
                name="%(app_label)s_%(class)s_once_per_subscription",
            ),
        ]
        indexes = [
            models.Index(
                fields=["state", "next_attempt_at"], name="%(app_label)s_delivery_due_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entry} to {self.subscription.target_url}"

    @property
    def webhook_id(self) -> str:
        return f"msg_{self.message_id.hex}"


class WebhookAttempt(models.Model):
    """One try at sending a delivery: what the receiver answered, or why it could not."""

    # CASCADE: the attempt log belongs to its delivery.
    delivery = models.ForeignKey(
        WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log"
    )
    attempted_at = models.DateTimeField(auto_now_add=True)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    duration_ms = models.PositiveIntegerField(default=0)
    succeeded = models.BooleanField(default=False)

    class Meta:
        ordering = ["delivery", "attempted_at", "id"]

    def __str__(self) -> str:
        outcome = self.status_code or self.error or "no answer"
        return f"Attempt at {self.attempted_at:%Y-%m-%d %H:%M:%S}: {outcome}"
