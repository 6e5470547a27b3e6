"""Announcing an accepted change: the one place that plans who is told, on which channel.

An accepted timeline entry is announced once: one outbox message per follower (an email at
once, or a line in the daily digest) and per matching webhook subscription is planned under a
unique key, and the entry marked announced in the same transaction; the sends are queued after
it commits. Sending, retrying and sweeping up what a lost message or a dead worker left behind
belong to the outbox (deals/services/outbox.py), which beat runs (tracker/settings.py,
"Periodic tasks").
"""

import datetime

from django.db import transaction
from django.utils import timezone

from deals.models import Channel, Delivery, Follow, OutboxMessage, ReaderPreference, TimelineEntry

from . import outbox
from .audience import followers_of, subscribers_to
from .changes import webhook_payload
from .queueing import ANNOUNCE_CHANGE, SEND_DIGEST, queue_now

#: An entry still unannounced this long after it was recorded lost its task; queue it again.
STRAGGLER_AGE = datetime.timedelta(minutes=2)


def _reason(follow: Follow) -> str:
    if follow.deal_id:
        return f"You follow the deal “{follow.deal}”."
    if follow.party_id:
        return f"You follow {follow.party}."
    return f"You follow {follow.commodity}, including the commodities below it."


def plan_notifications(*, entry: TimelineEntry) -> list[int]:
    """Plan one email per follower of a deal whose stage `entry` changed.

    Safe to run again for the same entry: each reader is planned at most once per entry (a
    unique key), and what is returned is the emails at once still waiting to be sent. A digest
    message waits, not due, until the reader's daily digest opens.
    """
    if not entry.changed_stage:
        return []
    chosen = followers_of(entry.deal)
    daily = set(
        ReaderPreference.objects.filter(user_id__in=chosen, delivery=Delivery.DAILY).values_list(
            "user_id", flat=True
        )
    )
    now = timezone.now()
    outbox.plan(
        OutboxMessage(
            channel=Channel.DIGEST if user_pk in daily else Channel.EMAIL,
            entry=entry,
            user_id=user_pk,
            follow=follow,
            reason=_reason(follow),
            next_attempt_at=None if user_pk in daily else now,
        )
        for user_pk, follow in chosen.items()
    )
    return outbox.waiting(entry_pk=entry.pk, channel=Channel.EMAIL)


def plan_deliveries(*, entry: TimelineEntry) -> list[int]:
    """Plan one delivery of an entry to each active subscription it matches; ids still to send.

    Idempotent: a delivery is unique per (subscription, entry), so planning twice plans once.
    """
    entry = TimelineEntry.objects.select_related(
        "deal", "status", "previous_status", "article"
    ).get(pk=entry.pk)
    subscriptions = subscribers_to(entry)
    if subscriptions:
        payload, now = webhook_payload(entry), timezone.now()
        outbox.plan(
            OutboxMessage(
                channel=Channel.WEBHOOK,
                entry=entry,
                subscription=subscription,
                payload=payload,
                next_attempt_at=now,
            )
            for subscription in subscriptions
        )
    return outbox.waiting(entry_pk=entry.pk, channel=Channel.WEBHOOK)


def announce(*, entry_pk: int) -> bool:
    """Plan every email and webhook delivery of an accepted entry and queue the sends.

    Idempotent: each planned message is unique per recipient and entry, and the entry is
    marked announced only once all of them are planned; an announced or deleted entry does
    nothing.
    """
    entry = TimelineEntry.objects.filter(pk=entry_pk, announced_at__isnull=True).first()
    if entry is None:
        return False
    with transaction.atomic():
        outbox.send_after_commit(channel=Channel.EMAIL, pks=plan_notifications(entry=entry))
        outbox.send_after_commit(channel=Channel.WEBHOOK, pks=plan_deliveries(entry=entry))
        TimelineEntry.objects.filter(pk=entry.pk).update(announced_at=timezone.now())
    return True


def requeue_stragglers() -> int:
    """Queue again the announcements a lost message or a broker outage left behind."""
    cutoff = timezone.now() - STRAGGLER_AGE
    stragglers = list(
        TimelineEntry.objects.unannounced()
        .filter(recorded_at__lt=cutoff)
        .values_list("pk", flat=True)[:500]
    )
    for pk in stragglers:
        queue_now(ANNOUNCE_CHANGE, pk)
    return len(stragglers)


def queue_digests() -> int:
    """Open the day's digests and queue one email for each reader with changes waiting."""
    readers = outbox.open_digests()
    for user_pk in readers:
        queue_now(SEND_DIGEST, user_pk)
    return len(readers)
