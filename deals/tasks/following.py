"""Email the readers who follow a deal when it moves: at once, or in a daily digest."""

import datetime

from celery import shared_task

from deals import services
from deals.models import TimelineEntry
from deals.services import TransientEmailError
from deals.services.queueing import queue_after_commit

#: An email "being sent" this long belongs to a lost worker; one waiting this long lost its task.
STUCK_AFTER = datetime.timedelta(minutes=15)
#: Attempts at one immediate email before it is marked failed.
MAX_ATTEMPTS = 6


# Only transient errors are retried, with backoff: the service marks a refused address failed
# at once.
email_task = shared_task(
    ignore_result=True,
    autoretry_for=(TransientEmailError,),
    retry_backoff=60,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=MAX_ATTEMPTS - 1,
)


def notify_followers(entry: TimelineEntry) -> None:
    """Plan the emails for an accepted entry and queue the immediate ones.

    Called by `announce_change`, which may run more than once for an entry: planning is
    idempotent and each email is claimed before it is sent.
    """
    for notification_pk in services.plan_notifications(entry=entry):
        queue_after_commit(send_notification_email.name, notification_pk)


@email_task
def send_notification_email(notification_pk: int) -> None:
    """Send one follower one email about one stage change, at most once."""
    services.send_notification(notification_pk=notification_pk)


@shared_task(ignore_result=True)
def send_daily_digests() -> int:
    """Queue one digest email for each reader with daily changes waiting."""
    readers = services.readers_with_digest_due()
    for user_pk in readers:
        send_digest_email.delay(user_pk)
    return len(readers)


@email_task
def send_digest_email(user_pk: int) -> None:
    """Send a reader their daily digest of the changes to what they follow."""
    services.send_digest(user_pk=user_pk)


@shared_task(ignore_result=True)
def retry_stuck_notifications() -> int:
    """Queue again the immediate emails a lost worker or message left behind."""
    stuck = services.release_stuck_notifications(stuck_after=STUCK_AFTER, max_attempts=MAX_ATTEMPTS)
    for notification_pk in stuck:
        send_notification_email.delay(notification_pk)
    return len(stuck)
