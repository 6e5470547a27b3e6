"""Email the readers who follow a deal when it moves: at once, or in a daily digest."""

from celery import shared_task

from deals import services
from deals.services import EMAIL_MAX_ATTEMPTS, TransientEmailError

# Only transient errors are retried, with backoff: the service marks a refused address failed
# at once.
email_task = shared_task(
    ignore_result=True,
    autoretry_for=(TransientEmailError,),
    retry_backoff=60,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=EMAIL_MAX_ATTEMPTS - 1,
)


@email_task
def send_notification_email(notification_pk: int) -> None:
    """Send one follower one email about one stage change, at most once."""
    services.send_notification(notification_pk=notification_pk)


@shared_task(ignore_result=True)
def send_daily_digests() -> int:
    """Queue one digest email for each reader with daily changes waiting."""
    return services.queue_digests()


@email_task
def send_digest_email(user_pk: int) -> None:
    """Send a reader their daily digest of the changes to what they follow."""
    services.send_digest(user_pk=user_pk)


@shared_task(ignore_result=True)
def retry_stuck_notifications() -> int:
    """Queue again the immediate emails a lost worker or message left behind."""
    return services.requeue_stuck_emails()
