"""Announcing an accepted change: the one place that fans it out and keeps the sends going.

An accepted timeline entry is announced once: every follower's email (at once or in the daily
digest) and every matching webhook delivery is planned as a row, under a unique key, and the
entry marked announced in the same transaction; the sends are queued after it commits. What a
lost message or a dead worker leaves behind is found again by the sweepers below, which beat
runs (tracker/settings.py, "Periodic tasks"). Its tuning lives here and in the settings only.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from deals.models import TimelineEntry

from .following import plan_notifications, readers_with_digest_due, release_stuck_notifications
from .queueing import (
    ANNOUNCE_CHANGE,
    DELIVER_WEBHOOK,
    SEND_DIGEST,
    SEND_NOTIFICATION,
    queue_after_commit,
    queue_now,
)
from .webhooks import due_deliveries, plan_deliveries

#: An entry still unannounced this long after it was recorded lost its task; queue it again.
STRAGGLER_AGE = datetime.timedelta(minutes=2)
#: An email "being sent" this long belongs to a lost worker; one waiting this long lost its task.
EMAIL_STUCK_AFTER = datetime.timedelta(minutes=15)
#: Attempts at one immediate email before it is marked failed.
EMAIL_MAX_ATTEMPTS = 6


def announce(*, entry_pk: int) -> bool:
    """Plan every email and webhook delivery of an accepted entry and queue the sends.

    Idempotent: each planned row is unique per recipient and entry, and the entry is marked
    announced only once all of them are planned; an announced or deleted entry does nothing.
    """
    entry = TimelineEntry.objects.filter(pk=entry_pk, announced_at__isnull=True).first()
    if entry is None:
        return False
    with transaction.atomic():
        for notification_pk in plan_notifications(entry=entry):
            queue_after_commit(SEND_NOTIFICATION, notification_pk)
        for delivery_pk in plan_deliveries(entry=entry):
            queue_after_commit(DELIVER_WEBHOOK, delivery_pk)
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


def requeue_stuck_emails() -> int:
    """Queue again the immediate emails a lost worker or message left behind."""
    stuck = release_stuck_notifications(
        stuck_after=EMAIL_STUCK_AFTER, max_attempts=EMAIL_MAX_ATTEMPTS
    )
    for notification_pk in stuck:
        queue_now(SEND_NOTIFICATION, notification_pk)
    return len(stuck)


def queue_digests() -> int:
    """Queue one digest email for each reader with daily changes waiting."""
    readers = readers_with_digest_due()
    for user_pk in readers:
        queue_now(SEND_DIGEST, user_pk)
    return len(readers)


def queue_due_deliveries() -> int:
    """Queue every webhook delivery whose first try or retry is due."""
    due = due_deliveries()
    for pk in due:
        queue_now(DELIVER_WEBHOOK, pk)
    return len(due)
