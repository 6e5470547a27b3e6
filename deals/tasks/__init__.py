"""Celery tasks, one module per area. Celery finds them through this package."""

from .announce import announce_change, announce_stragglers
from .articles import parse_article_task, requeue_stuck_articles
from .following import (
    notify_followers,
    retry_stuck_notifications,
    send_daily_digests,
    send_digest_email,
    send_notification_email,
)
from .queueing import queue_after_commit
from .search import refresh_party_search
from .webhooks import deliver_due_webhooks, deliver_webhook

__all__ = [
    "announce_change",
    "announce_stragglers",
    "deliver_due_webhooks",
    "deliver_webhook",
    "notify_followers",
    "parse_article_task",
    "queue_after_commit",
    "refresh_party_search",
    "requeue_stuck_articles",
    "retry_stuck_notifications",
    "send_daily_digests",
    "send_digest_email",
    "send_notification_email",
]
