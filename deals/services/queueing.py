"""Queueing tasks safely from inside a service, once its transaction commits.

The services name the task they queue: the tasks call the services, so the services never
import them. `deals.apps` imports the tasks in every process, which registers them by name.
"""

import logging
from functools import partial

from celery import current_app
from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)

#: Whether the last message this process tried to send failed: the broker is away.
_broker_away = False


#: The tasks the services queue, by their registered names.
PARSE_ARTICLE = "deals.tasks.articles.parse_article_task"
ANNOUNCE_CHANGE = "deals.tasks.announce.announce_change"
SEND_NOTIFICATION = "deals.tasks.following.send_notification_email"
SEND_DIGEST = "deals.tasks.following.send_digest_email"
DELIVER_WEBHOOK = "deals.tasks.webhooks.deliver_webhook"
POLL_SOURCE = "deals.tasks.sources.poll_source_task"
REFRESH_PARTY_SEARCH = "deals.tasks.search.refresh_party_search"


def _send(name: str, *args) -> None:
    global _broker_away
    try:
        current_app.tasks[name].delay(*args)
    except OperationalError as error:
        # The broker is down. The row the task would work on is already committed in a
        # pending state, and a periodic sweeper queues it again once the broker is back. One
        # warning per outage: every request of an outage would otherwise log one.
        level = logging.DEBUG if _broker_away else logging.WARNING
        logger.log(
            level, "Could not queue %s%r (%s); the sweeper will retry it.", name, args, error
        )
        _broker_away = True
        return
    except Exception:
        logger.exception("Could not queue %s%r; the sweeper will retry it.", name, args)
        return
    if _broker_away:
        logger.info("The broker takes messages again.")
        _broker_away = False


def queue_now(name: str, *args) -> None:
    """Queue the task registered as `name` at once: for sweepers, whose rows are committed."""
    current_app.tasks[name].delay(*args)


def queue_after_commit(name: str, *args) -> None:
    """Queue the task registered as `name` with primary keys once the current transaction commits.

    A task queued before the commit could run before its rows are visible, and one queued for
    a rolled-back transaction would work on rows that never existed.
    """
    transaction.on_commit(partial(_send, name, *args))
