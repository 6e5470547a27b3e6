"""Poll news sources in the workers: beat queues the due ones, one task polls one source."""

import datetime

from celery import shared_task

from deals.services import claim_source, poll_source, queue_polls

from .articles import TRANSIENT_ERRORS


@shared_task(ignore_result=True)
def poll_due_sources() -> int:
    """Queue a poll of each source whose time has come (beat runs this); return how many.

    A source whose poll was lost (a broker restart, a dead worker) is due again once its lease
    runs out, so this is also the sweeper.
    """
    return queue_polls()


@shared_task(
    bind=True,
    ignore_result=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=3,
)
def poll_source_task(self, source_pk: int, lease: str) -> None:
    """Poll one source, once: the task claims the lease its round set, so a message delivered
    twice, for a paused source or a deleted one, does nothing. Feed problems are the source's
    state, never an error of the task."""
    source = claim_source(source_pk=source_pk, lease=datetime.datetime.fromisoformat(lease))
    if source is not None:
        poll_source(source=source)
