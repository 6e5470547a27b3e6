"""Celery tasks, one module per area. Celery finds them through this package."""

from .announce import announce_change, announce_stragglers
from .articles import parse_article_task, requeue_stuck_articles
from .queueing import queue_after_commit

__all__ = [
    "announce_change",
    "announce_stragglers",
    "parse_article_task",
    "queue_after_commit",
    "requeue_stuck_articles",
]
