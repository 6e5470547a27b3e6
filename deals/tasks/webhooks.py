"""Send webhook deliveries, and sweep up those whose retry is due."""

from celery import shared_task

from deals import services


@shared_task(ignore_result=True)
def deliver_webhook(delivery_pk: int) -> None:
    """Send one delivery if it is due; a failure is logged and its retry planned in the row.

    Retries are not Celery retries: the next attempt's time is kept in the database and the
    sweeper below queues it, so a worker restart or a lost message loses no delivery.
    """
    services.attempt_delivery(delivery_pk=delivery_pk)


@shared_task(ignore_result=True)
def deliver_due_webhooks() -> int:
    """Queue every delivery whose first try or retry is due (run by beat every 15 seconds)."""
    return services.queue_due_deliveries()
