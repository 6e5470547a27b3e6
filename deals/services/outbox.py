"""The outbox: the one claim, retry policy and sweeper behind every message about a change.

Every email, digest email and webhook delivery is an `OutboxMessage` row. A sender claims a
due row with a conditional update that pushes `next_attempt_at` forward by the lease and counts
the attempt; it then finishes it (delivered, skipped, failed) or puts it back to wait
(`retry_later`) by its channel's retry policy. A claimed row whose sender was lost (a worker
killed mid-send) is due again when its lease ends. The sweeper, run by beat, queues every due
row of every channel: a lost message, a lost worker and a planned retry are all found again.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from deals.models import Channel, OutboxMessage, OutboxState

from .queueing import (
    DELIVER_WEBHOOK,
    SEND_DIGEST,
    SEND_NOTIFICATION,
    queue_after_commit,
    queue_now,
)

#: Seconds an email waits after each failed attempt: the first retry of a dropped connection
#: at once, then longer; one more attempt than delays before it is marked failed.
EMAIL_RETRY_DELAYS = (0, 60, 300, 900, 3600)
#: Most due messages one sweep queues; the next sweep takes the rest.
SWEEP_LIMIT = 500

#: The task that sends one due message of each channel; a digest is sent per reader.
_SEND_TASK = {
    Channel.EMAIL: SEND_NOTIFICATION,
    Channel.DIGEST: SEND_DIGEST,
    Channel.WEBHOOK: DELIVER_WEBHOOK,
}


@dataclass(frozen=True)
class RetryPolicy:
    """How often a channel tries a message, and how long it waits after each failure."""

    delays: tuple[float, ...]
    max_attempts: int

    def delay_after(self, attempts: int) -> datetime.timedelta:
        """The wait after the `attempts`-th failed attempt (the last delay once past the end)."""
        index = min(max(attempts, 1), len(self.delays)) - 1
        return datetime.timedelta(seconds=self.delays[index])


def retry_policy(channel: str) -> RetryPolicy:
    """The retry policy of a channel: fixed steps for emails, doubling for webhooks."""
    if channel == Channel.WEBHOOK:
        base = settings.TRACKER_WEBHOOKS_RETRY_BASE_SECONDS
        cap = settings.TRACKER_WEBHOOKS_RETRY_MAX_SECONDS
        attempts = settings.TRACKER_WEBHOOKS_MAX_ATTEMPTS
        delays = tuple(min(base * 2**n, cap) for n in range(attempts))
        return RetryPolicy(delays=delays, max_attempts=attempts)
    return RetryPolicy(delays=EMAIL_RETRY_DELAYS, max_attempts=len(EMAIL_RETRY_DELAYS) + 1)


def retry_delay(channel: str, attempts: int) -> datetime.timedelta:
    """How long a message of `channel` waits after its `attempts`-th failed attempt."""
    return retry_policy(channel).delay_after(attempts)


def lease() -> datetime.timedelta:
    """How long a claim lasts: past the hard time limit, when its worker is surely gone."""
    return datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)


# --- Planning -----------------------------------------------------------------------------------


def plan(messages: Iterable[OutboxMessage]) -> None:
    """Store planned messages; one already planned for the same recipient is kept as it is."""
    OutboxMessage.objects.bulk_create(list(messages), ignore_conflicts=True)


def waiting(*, entry_pk: int, channel: str) -> list[int]:
    """The messages of an entry on one channel still waiting to be sent."""
    return list(
        OutboxMessage.objects.pending()
        .filter(entry_id=entry_pk, channel=channel)
        .values_list("pk", flat=True)
    )


def send_after_commit(*, channel: str, pks: list[int]) -> None:
    """Queue the send of each message once the transaction that planned it commits."""
    for pk in pks:
        queue_after_commit(_SEND_TASK[channel], pk)


# --- Claiming and finishing ---------------------------------------------------------------------


def _claimable(channel: str, now):
    return OutboxMessage.objects.due(now).filter(
        channel=channel, attempts__lt=retry_policy(channel).max_attempts
    )


def _take(rows, now) -> int:
    return rows.update(next_attempt_at=now + lease(), attempts=F("attempts") + 1, updated_at=now)


def claim(*, pk: int, channel: str) -> bool:
    """Claim a due message of `channel` for one attempt; False if it is not due or not ours.

    A conditional update: of two workers given the same message, one changes the row and
    sends; the other changes nothing and stops.
    """
    now = timezone.now()
    return _take(_claimable(channel, now).filter(pk=pk), now) == 1


def claim_digest(*, user_pk: int) -> list[int]:
    """Claim every due digest message of a reader, each on its own; the ones claimed."""
    now = timezone.now()
    waiting = _claimable(Channel.DIGEST, now).filter(user_id=user_pk)
    return [
        pk
        for pk in waiting.values_list("pk", flat=True)
        if _take(_claimable(Channel.DIGEST, now).filter(pk=pk), now) == 1
    ]


def finish(*, pks: list[int], state: str, error: str = "", status_code: int | None = None) -> None:
    """Settle claimed messages for good: delivered, skipped or failed."""
    now = timezone.now()
    OutboxMessage.objects.filter(pk__in=pks).update(
        state=state,
        next_attempt_at=None,
        last_error=error,
        last_status_code=status_code,
        updated_at=now,
        **({"delivered_at": now} if state == OutboxState.DELIVERED else {}),
    )


def retry_later(
    *, pks: list[int], error: str, status_code: int | None = None
) -> datetime.timedelta | None:
    """Put claimed messages back to wait by their channel's policy after a failed attempt.

    A message out of attempts is marked failed. Returns how long until the first of them is
    due again, or None when none will be tried again.
    """
    now = timezone.now()
    soonest = None
    rows = OutboxMessage.objects.filter(pk__in=pks).values_list("pk", "channel", "attempts")
    for pk, channel, attempts in rows:
        policy = retry_policy(channel)
        changes = {"last_error": error, "last_status_code": status_code, "updated_at": now}
        if attempts >= policy.max_attempts:
            changes |= {"state": OutboxState.FAILED, "next_attempt_at": None}
        else:
            delay = policy.delay_after(attempts)
            changes["next_attempt_at"] = now + delay
            soonest = delay if soonest is None else min(soonest, delay)
        OutboxMessage.objects.filter(pk=pk).update(**changes)
    return soonest


# --- Sweeping -----------------------------------------------------------------------------------


def _give_up(now) -> int:
    """Mark failed the due messages out of attempts: their last sender was lost mid-send."""
    failed = 0
    for channel in Channel:
        failed += (
            OutboxMessage.objects.due(now)
            .filter(channel=channel, attempts__gte=retry_policy(channel).max_attempts)
            .update(state=OutboxState.FAILED, next_attempt_at=None, updated_at=now)
        )
    return failed


def due(*, limit: int = SWEEP_LIMIT) -> list[tuple[str, int]]:
    """What the sweeper queues, oldest due first: (task name, primary key) pairs.

    A message or a reader's digest appears once.
    """
    now = timezone.now()
    rows = (
        OutboxMessage.objects.due(now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", "channel", "user_id")[:limit]
    )
    sends: dict[tuple[str, int], None] = {}
    for pk, channel, user_pk in rows:
        sends[_SEND_TASK[channel], user_pk if channel == Channel.DIGEST else pk] = None
    return list(sends)


def open_digests() -> list[int]:
    """Make every digest message waiting for the daily email due; the readers to send to."""
    now = timezone.now()
    OutboxMessage.objects.pending().filter(
        channel=Channel.DIGEST, next_attempt_at__isnull=True
    ).update(next_attempt_at=now, updated_at=now)
    return list(
        OutboxMessage.objects.due(now)
        .filter(channel=Channel.DIGEST)
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()
    )


def sweep() -> int:
    """Queue the send of every due message of every channel; how many sends were queued."""
    _give_up(timezone.now())
    sends = due()
    for name, pk in sends:
        queue_now(name, pk)
    return len(sends)
