"""Webhooks: API clients' subscriptions to changes, and the log of every attempt to deliver."""

import base64
import secrets

from django.conf import settings
from django.db import models

from .deals import Deal
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
    """Where a delivery stands, as the API tells a subscription's owner."""

    PENDING = "pending", "Pending"
    DELIVERED = "delivered", "Delivered"
    ABANDONED = "abandoned", "Abandoned"


class WebhookAttempt(models.Model):
    """One try at sending a delivery: what the receiver answered, or why it could not."""

    # CASCADE: the attempt log belongs to its delivery, a webhook message of the outbox.
    delivery = models.ForeignKey(
        "deals.OutboxMessage", on_delete=models.CASCADE, related_name="attempt_log"
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
