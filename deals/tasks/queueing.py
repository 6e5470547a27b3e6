"""Queueing tasks safely from inside a request or a service."""

import logging
from functools import partial

from celery import Task
from django.db import transaction

logger = logging.getLogger(__name__)


def _send(task: Task, *args) -> None:
    try:
        task.delay(*args)
    except Exception:
        # The broker is down. The row the task would work on is already committed in a
        # pending state, and a periodic sweeper queues it again once the broker is back.
        logger.exception("Could not queue %s%r; the sweeper will retry it.", task.name, args)


def queue_after_commit(task: Task, *args) -> None:
    """Queue `task` with primary keys once the current transaction commits.

    A task queued before the commit could run before its rows are visible, and one queued for
    a rolled-back transaction would work on rows that never existed.
    """
    transaction.on_commit(partial(_send, task, *args))
