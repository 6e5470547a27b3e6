"""Celery tasks, one module per area. Celery finds them through this package."""

from .announce import announce_change, announce_stragglers
from .queueing import queue_after_commit

__all__ = ["announce_change", "announce_stragglers", "queue_after_commit"]
