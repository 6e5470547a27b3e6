"""Tell followers and webhook subscribers about accepted timeline entries."""

import datetime

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from deals import services
from deals.models import TimelineEntry
from deals.services.queueing import queue_after_commit

from .following import notify_followers
from .webhooks import deliver_webhook

#: An entry still unannounced this long after it was recorded lost its task; queue it again.
STRAGGLER_AGE = datetime.timedelta(minutes=2)


@shared_task(ignore_result=True)
def announce_change(entry_pk: int) -> None:
    """Fan an accepted timeline entry out to followers' emails and webhook subscriptions.

    Idempotent: each fan-out records what it sends under a unique key, and the entry is
    marked announced only once all of them have been planned.
    """
    entry = TimelineEntry.objects.filter(pk=entry_pk, announced_at__isnull=True).first()
    if entry is None:
        return
    # Planned rows and the announced mark commit together; the sends are queued after it.
    with transaction.atomic():
        notify_followers(entry)
        for delivery_pk in services.plan_deliveries(entry=entry):
            queue_after_commit(deliver_webhook.name, delivery_pk)
        TimelineEntry.objects.filter(pk=entry.pk).update(announced_at=timezone.now())


@shared_task(ignore_result=True)
def announce_stragglers() -> int:
    """Queue again the announcements a lost message or a broker outage left behind."""
    cutoff = timezone.now() - STRAGGLER_AGE
    stragglers = list(
        TimelineEntry.objects.unannounced()
        .filter(recorded_at__lt=cutoff)
        .values_list("pk", flat=True)[:500]
    )
    for pk in stragglers:
        announce_change.delay(pk)
    return len(stragglers)
