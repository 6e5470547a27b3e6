"""Celery tasks, one module per area. Celery finds them through this package."""

from .announce import announce_change, announce_stragglers
from .articles import parse_article_task, requeue_stuck_articles
from .following import send_daily_digests, send_digest_email, send_notification_email
from .outbox import sweep_outbox
from .search import refresh_party_search
from .sources import poll_due_sources, poll_source_task
from .webhooks import deliver_webhook

__all__ = [
    "announce_change",
    "announce_stragglers",
    "deliver_webhook",
    "parse_article_task",
    "poll_due_sources",
    "poll_source_task",
    "refresh_party_search",
    "requeue_stuck_articles",
    "send_daily_digests",
    "send_digest_email",
    "send_notification_email",
    "sweep_outbox",
]
