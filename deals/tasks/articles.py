"""Parse submitted articles in the workers, and recover the ones a lost message left behind."""

import datetime
import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.db.models import F, Q
from django.utils import timezone

from deals.models import Article, ArticleState

logger = logging.getLogger(__name__)

#: Errors that say nothing about the article: the database is away for a moment.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)


@shared_task(
    ignore_result=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=2,
    retry_backoff_max=120,
    retry_jitter=True,
    max_retries=5,
)
def parse_article_task(article_pk: int) -> None:
    """Parse one article into proposals.

    Idempotent: the article is claimed by moving it from queued to parsing, so a message
    delivered twice, or for an article already parsed or deleted, does nothing. Transient
    database errors put the article back in the queue and retry with backoff; any other error is
    about the article itself and fails it with the reason, instead of retrying forever.
    """
    claimed = Article.objects.filter(pk=article_pk, state=ArticleState.QUEUED).update(
        state=ArticleState.PARSING, attempts=F("attempts") + 1, state_changed_at=timezone.now()
    )
    if not claimed:
        return
    # The services queue this task, so they are imported when it runs, not with it.
    from deals.services import parse_article

    article = Article.objects.get(pk=article_pk)
    try:
        parse_article(article)
    except TRANSIENT_ERRORS:
        # Release the claim so the retry can take it; if the database is still away the
        # sweeper finds the article parsing past the time limit and queues it again.
        Article.objects.filter(pk=article_pk, state=ArticleState.PARSING).update(
            state=ArticleState.QUEUED, state_changed_at=timezone.now()
        )
        raise
    except SoftTimeLimitExceeded:
        _fail(article_pk, f"Parsing took longer than {settings.CELERY_TASK_SOFT_TIME_LIMIT} s.")
    except Exception as error:
        logger.exception("Article %s could not be parsed", article_pk)
        _fail(article_pk, f"The parser failed: {type(error).__name__}: {error}"[:2000])


def _fail(article_pk: int, reason: str) -> None:
    Article.objects.filter(pk=article_pk, state=ArticleState.PARSING).update(
        state=ArticleState.FAILED, failure_reason=reason, state_changed_at=timezone.now()
    )


@shared_task(ignore_result=True)
def requeue_stuck_articles(
    queued_for: float | None = None, parsing_for: float | None = None
) -> int:
    """Queue again the articles a lost message or a dead worker left waiting; return how many.

    An article queued for longer than TRACKER_REQUEUE_AFTER lost its message (a broker restart,
    a send that failed while the broker was down). One parsing for longer than the hard time
    limit lost its worker: no live worker can still hold it. After TRACKER_MAX_PARSE_ATTEMPTS
    such losses the article is failed rather than allowed to take down workers forever.
    """
    now = timezone.now()
    queued_cutoff = now - datetime.timedelta(
        seconds=settings.TRACKER_REQUEUE_AFTER if queued_for is None else queued_for
    )
    parsing_cutoff = now - datetime.timedelta(
        seconds=settings.CELERY_TASK_TIME_LIMIT if parsing_for is None else parsing_for
    )
    dead = Article.objects.filter(state=ArticleState.PARSING, state_changed_at__lt=parsing_cutoff)
    attempts = settings.TRACKER_MAX_PARSE_ATTEMPTS
    dead.filter(attempts__gte=attempts).update(
        state=ArticleState.FAILED,
        failure_reason=f"The worker parsing this article was lost {attempts} times.",
        state_changed_at=now,
    )
    stuck = Article.objects.filter(
        Q(state=ArticleState.QUEUED, state_changed_at__lt=queued_cutoff)
        | Q(state=ArticleState.PARSING, state_changed_at__lt=parsing_cutoff)
    )
    pks = list(stuck.values_list("pk", flat=True)[:1000])
    # Back to queued, and the clock restarted, so each gets one fresh message per period. The
    # conditions are checked again: a worker may have claimed one since it was read.
    stuck.filter(pk__in=pks).update(state=ArticleState.QUEUED, state_changed_at=now)
    for pk in pks:
        parse_article_task.delay(pk)
    if pks:
        logger.info("Queued %d stuck articles again", len(pks))
    return len(pks)
