"""Tell followers and webhook subscribers about accepted timeline entries."""

from celery import shared_task

from deals import services


@shared_task(ignore_result=True)
def announce_change(entry_pk: int) -> None:
    """Fan an accepted timeline entry out to followers' emails and webhook subscriptions, once."""
    services.announce(entry_pk=entry_pk)


@shared_task(ignore_result=True)
def announce_stragglers() -> int:
    """Queue again the announcements a lost message or a broker outage left behind."""
    return services.requeue_stragglers()
