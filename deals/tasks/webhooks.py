"""Send webhook deliveries."""

from celery import shared_task

from deals import services


@shared_task(ignore_result=True)
def deliver_webhook(delivery_pk: int) -> None:
    """Send one delivery if it is due; a failure is logged and its retry planned in the outbox.

    Retries are not Celery retries: the next attempt's time is kept in the database and the
    outbox's sweeper queues it, so a worker restart or a lost message loses no delivery.
    """
    services.attempt_delivery(delivery_pk=delivery_pk)
