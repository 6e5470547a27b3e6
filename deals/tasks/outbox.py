"""The outbox's sweeper: every due email, digest and webhook delivery is queued again."""

from celery import shared_task

from deals import services


@shared_task(ignore_result=True)
def sweep_outbox() -> int:
    """Queue every due message of every channel: first tries, retries, and lost sends."""
    return services.sweep_outbox()
