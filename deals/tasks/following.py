"""Email the readers who follow a deal when it moves: at once, or in a daily digest."""

from celery import shared_task

from deals import services
from deals.services import TransientEmailError


def _again_when_due(task, error: TransientEmailError):
    """Try a dropped email again when the outbox says it is due; the sweeper is the backstop."""
    if error.retry_in is None:
        return
    raise task.retry(exc=error, countdown=error.retry_in.total_seconds())


# The retry schedule is the outbox's (deals/services/outbox.py): a refused address is marked
# failed at once, and a message out of attempts is not tried again.
email_task = shared_task(bind=True, ignore_result=True, max_retries=None)


@email_task
def send_notification_email(self, message_pk: int) -> None:
    """Send one follower one email about one stage change, at most once."""
    try:
        services.send_notification(message_pk=message_pk)
    except TransientEmailError as error:
        _again_when_due(self, error)


@shared_task(ignore_result=True)
def send_daily_digests() -> int:
    """Open the day's digests and queue one email for each reader with changes waiting."""
    return services.queue_digests()


@email_task
def send_digest_email(self, user_pk: int) -> None:
    """Send a reader their daily digest of the changes to what they follow."""
    try:
        services.send_digest(user_pk=user_pk)
    except TransientEmailError as error:
        _again_when_due(self, error)
