"""Webhooks: subscriptions, and sending each delivery the outbox holds for them, signed.

Deliveries follow Standard Webhooks (https://www.standardwebhooks.com/): headers `webhook-id`
(stable across retries), `webhook-timestamp` and `webhook-signature`, the latter `v1,` and the
base64 HMAC-SHA256 of `{id}.{timestamp}.{body}` under the subscription's secret.
"""

import base64
import datetime
import hashlib
import hmac
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass

import urllib3
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from deals.models import (
    Channel,
    Commodity,
    Deal,
    OutboxMessage,
    OutboxState,
    Party,
    Status,
    WebhookAttempt,
    WebhookSubscription,
)
from deals.models.webhooks import SECRET_PREFIX

from . import outbox
from .safety import Target, UnsafeTarget, check_public_url, connection_pool

logger = logging.getLogger(__name__)

_PAUSED = "Paused by its owner."
#: Most bytes of a receiver's answer kept in the delivery log.
_ERROR_EXCERPT = 300


def check_target_url(url: str) -> Target:
    """Take a webhook URL apart and refuse it unless every address of its host is public.

    Called when a subscription is registered and again before each delivery, because what a
    name resolves to can change between the two.
    """
    return check_public_url(url, allow_loopback=settings.TRACKER_WEBHOOKS_ALLOW_LOOPBACK)


def sign(*, secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """The Standard Webhooks signature header value of one message."""
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(key, signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


@transaction.atomic
def create_subscription(
    *,
    owner,
    target_url: str,
    description: str = "",
    deals: Iterable[Deal] = (),
    parties: Iterable[Party] = (),
    commodities: Iterable[Commodity] = (),
    stages: Iterable[Status] = (),
    is_active: bool = True,
) -> WebhookSubscription:
    """Register a URL to receive the changes matching the filters; its secret is generated."""
    check_target_url(target_url)
    subscription = WebhookSubscription.objects.create(
        owner=owner,
        target_url=target_url,
        description=description,
        is_active=is_active,
        disabled_reason="" if is_active else _PAUSED,
    )
    subscription.deals.set(deals)
    subscription.parties.set(parties)
    subscription.commodities.set(commodities)
    subscription.stages.set(stages)
    return subscription


_FILTERS = ("deals", "parties", "commodities", "stages")


@transaction.atomic
def update_subscription(*, subscription: WebhookSubscription, **changes) -> WebhookSubscription:
    """Change a subscription's URL, description, filters or active flag.

    Switching it back on clears why it was disabled and gives failed deliveries a fresh start.
    """
    if "target_url" in changes:
        check_target_url(changes["target_url"])
    for name in ("target_url", "description"):
        if name in changes:
            setattr(subscription, name, changes[name])
    if "is_active" in changes and changes["is_active"] != subscription.is_active:
        subscription.is_active = changes["is_active"]
        subscription.failing_since = None
        subscription.disabled_reason = "" if subscription.is_active else _PAUSED
    subscription.save()
    for name in _FILTERS:
        if name in changes:
            getattr(subscription, name).set(changes[name])
    return subscription


@dataclass(frozen=True)
class Outcome:
    status_code: int | None
    error: str

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def _post(url: str, *, body: bytes, headers: dict[str, str]) -> Outcome:
    try:
        target = check_target_url(url)
    except UnsafeTarget as refusal:
        return Outcome(None, f"Refused: {refusal}")
    pool = connection_pool(target, timeout=settings.TRACKER_WEBHOOKS_TIMEOUT_SECONDS)
    try:
        with pool:
            response = pool.urlopen(
                "POST",
                target.path,
                body=body,
                headers={**headers, "Host": target.host_header},
                redirect=False,
                preload_content=False,
            )
            excerpt = response.read(_ERROR_EXCERPT, decode_content=False)
            response.release_conn()
    except urllib3.exceptions.HTTPError as error:
        return Outcome(None, f"{type(error).__name__}: {error}"[:_ERROR_EXCERPT])
    if 200 <= response.status < 300:
        return Outcome(response.status, "")
    if 300 <= response.status < 400:
        return Outcome(response.status, "Redirects are not followed.")
    return Outcome(response.status, excerpt.decode("utf-8", "replace"))


def attempt_delivery(*, delivery_pk: int) -> bool | None:
    """Send a due delivery once, log the attempt and plan the retry; None if it was not due.

    The delivery is claimed in the outbox with a lease, so two workers never send it at once
    and a worker that dies mid-send leaves it due again when the lease ends.
    """
    if not outbox.claim(pk=delivery_pk, channel=Channel.WEBHOOK):
        return None
    delivery = OutboxMessage.objects.select_related("subscription").get(pk=delivery_pk)
    subscription = delivery.subscription
    body = delivery.payload.encode("utf-8")
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "trade-deal-tracker-webhooks/1",
        "webhook-id": delivery.webhook_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(
            secret=subscription.secret,
            message_id=delivery.webhook_id,
            timestamp=timestamp,
            body=body,
        ),
    }
    started = time.monotonic()
    outcome = _post(subscription.target_url, body=body, headers=headers)
    _record(delivery, outcome, duration_ms=int((time.monotonic() - started) * 1000))
    return outcome.succeeded


@transaction.atomic
def _record(delivery: OutboxMessage, outcome: Outcome, *, duration_ms: int) -> None:
    now = timezone.now()
    WebhookAttempt.objects.create(
        delivery=delivery,
        status_code=outcome.status_code,
        error=outcome.error,
        duration_ms=duration_ms,
        succeeded=outcome.succeeded,
    )
    subscription = WebhookSubscription.objects.select_for_update().get(pk=delivery.subscription_id)
    if outcome.succeeded:
        outbox.finish(
            pks=[delivery.pk], state=OutboxState.DELIVERED, status_code=outcome.status_code
        )
        if subscription.failing_since is not None:
            subscription.failing_since = None
            subscription.save(update_fields=["failing_since", "updated_at"])
        return
    outbox.retry_later(pks=[delivery.pk], error=outcome.error, status_code=outcome.status_code)
    if subscription.failing_since is None:
        subscription.failing_since = now
        subscription.save(update_fields=["failing_since", "updated_at"])
    limit = datetime.timedelta(days=settings.TRACKER_WEBHOOKS_DISABLE_AFTER_DAYS)
    if now - subscription.failing_since >= limit and subscription.is_active:
        disable_subscription(
            subscription=subscription,
            reason=f"Every delivery has failed since {subscription.failing_since:%Y-%m-%d %H:%M} "
            f"UTC; the last one: {outcome.status_code or outcome.error}.",
        )


@transaction.atomic
def disable_subscription(*, subscription: WebhookSubscription, reason: str) -> None:
    """Stop delivering to a subscription, abandon what it still awaits, and tell its owner."""
    subscription.is_active = False
    subscription.disabled_reason = reason
    subscription.save(update_fields=["is_active", "disabled_reason", "updated_at"])
    waiting = subscription.deliveries.pending().values_list("pk", flat=True)
    outbox.finish(pks=list(waiting), state=OutboxState.SKIPPED, error=reason)
    owner = subscription.owner
    if owner.email:
        transaction.on_commit(
            lambda: send_mail(
                subject="Your trade-deal tracker webhook was disabled",
                message=(
                    f"The webhook to {subscription.target_url} was disabled.\n\n{reason}\n\n"
                    "Switch it back on through the API (PATCH is_active=true) once the "
                    "receiver answers again."
                ),
                from_email=None,
                recipient_list=[owner.email],
                fail_silently=True,
            )
        )
