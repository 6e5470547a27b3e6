"""Celery tasks, one module per area. Celery finds them through this package."""

from .announce import announce_change, announce_stragglers
from .queueing import queue_after_commit
from .webhooks import deliver_due_webhooks, deliver_webhook

__all__ = [
    "announce_change",
    "announce_stragglers",
    "deliver_due_webhooks",
    "deliver_webhook",
    "queue_after_commit",
]
