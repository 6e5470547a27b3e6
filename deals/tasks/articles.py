"""Parse submitted articles in the workers, and recover the ones a lost message left behind."""

import datetime
import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.db.models import F, Q
from django.utils import timezone

from deals import services
from deals.models import Article, ArticleState
from deals.services import TransientFetchError

logger = logging.getLogger(__name__)

#: Errors that say nothing about the article: the database is away for a moment.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)


@shared_task(
    bind=True,
    ignore_result=True,
    autoretry_for=(*TRANSIENT_ERRORS, TransientFetchError),
    retry_backoff=2,
    retry_backoff_max=120,
    retry_jitter=True,
    max_retries=5,
)
def parse_article_task(self, article_pk: int) -> None:
    """Fetch one article's page if it was submitted by URL, then parse it into proposals.

    Idempotent: the article is claimed by moving it from queued to parsing, so a message
    delivered twice, or for an article already parsed or deleted, does nothing. Transient
    database errors put the article back in the queue and retry with backoff; any other error is
    about the article itself and fails it with the reason, instead of retrying forever.
    """
    if not _fetch(self, article_pk):
        return
    claimed = Article.objects.filter(pk=article_pk, state=ArticleState.QUEUED).update(
        state=ArticleState.PARSING, attempts=F("attempts") + 1, state_changed_at=timezone.now()
    )
    if not claimed:
        return
    article = Article.objects.get(pk=article_pk)
    try:
        services.parse_article(article)
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


def _fetch(task, article_pk: int) -> bool:
    """Fetch the article's page if it waits for one; whether there may be something to parse.

    An article waiting to be fetched is claimed by moving its state clock from the moment read
    to now: of two messages delivered together one wins. A message delivered after the claim
    (the sweeper's, once the first worker is past the time limit) may fetch again, but filling
    the article is conditional on its state, so it is filled and parsed once.
    """
    waiting_since = (
        Article.objects.filter(pk=article_pk, state=ArticleState.FETCHING)
        .values_list("state_changed_at", flat=True)
        .first()
    )
    if waiting_since is None:
        return True
    claimed = Article.objects.filter(
        pk=article_pk, state=ArticleState.FETCHING, state_changed_at=waiting_since
    ).update(
        # A retry is the same delivery: only new deliveries count towards losing the worker.
        attempts=F("attempts") + (0 if task.request.retries else 1),
        state_changed_at=timezone.now(),
    )
    if not claimed:
        return False
    article = Article.objects.get(pk=article_pk)
    try:
        return services.fetch_article(article) == ArticleState.QUEUED
    except TransientFetchError as error:
        if task.request.retries < task.max_retries:
            raise
        tries = task.request.retries + 1
        _fail(
            article_pk,
            f"Could not download the page ({tries} tries): {error}"[:2000],
            ArticleState.FETCHING,
        )
    except SoftTimeLimitExceeded:
        _fail(
            article_pk,
            f"Fetching took longer than {settings.CELERY_TASK_SOFT_TIME_LIMIT} s.",
            ArticleState.FETCHING,
        )
    except TRANSIENT_ERRORS:
        raise
    except Exception as error:
        logger.exception("The page of article %s could not be read", article_pk)
        _fail(
            article_pk,
            f"The page could not be read: {type(error).__name__}: {error}"[:2000],
            ArticleState.FETCHING,
        )
    return False


def _fail(article_pk: int, reason: str, state: str = ArticleState.PARSING) -> None:
    Article.objects.filter(pk=article_pk, state=state).update(
        state=ArticleState.FAILED, failure_reason=reason, state_changed_at=timezone.now()
    )


@shared_task(ignore_result=True)
def requeue_stuck_articles(
    queued_for: float | None = None, parsing_for: float | None = None
) -> int:
    """Queue again the articles a lost message or a dead worker left waiting; return how many.

    An article queued for longer than TRACKER_REQUEUE_AFTER lost its message (a broker restart,
    a send that failed while the broker was down). One parsing for longer than the hard time
    limit lost its worker: no live worker can still hold it. One waiting to be fetched for
    longer than both lost one or the other. After TRACKER_MAX_PARSE_ATTEMPTS such losses the
    article is failed rather than allowed to take down workers forever.
    """
    now = timezone.now()
    queued_for = settings.TRACKER_REQUEUE_AFTER if queued_for is None else queued_for
    parsing_for = settings.CELERY_TASK_TIME_LIMIT if parsing_for is None else parsing_for
    stuck_parsing = Q(
        state=ArticleState.PARSING,
        state_changed_at__lt=now - datetime.timedelta(seconds=parsing_for),
    )
    stuck_fetching = Q(
        state=ArticleState.FETCHING,
        state_changed_at__lt=now - datetime.timedelta(seconds=max(queued_for, parsing_for)),
    )
    stuck_queued = Q(
        state=ArticleState.QUEUED,
        state_changed_at__lt=now - datetime.timedelta(seconds=queued_for),
    )
    attempts = settings.TRACKER_MAX_PARSE_ATTEMPTS
    for stuck, doing in ((stuck_parsing, "parsing"), (stuck_fetching, "fetching")):
        Article.objects.filter(stuck, attempts__gte=attempts).update(
            state=ArticleState.FAILED,
            failure_reason=f"The worker {doing} this article was lost {attempts} times.",
            state_changed_at=now,
        )
    stuck = stuck_queued | stuck_parsing | stuck_fetching
    pks = list(Article.objects.filter(stuck).values_list("pk", flat=True)[:1000])
    # Back to waiting, and the clock restarted, so each gets one fresh message per period. The
    # conditions are checked again: a worker may have claimed one since it was read.
    chosen = Article.objects.filter(pk__in=pks)
    chosen.filter(stuck_queued | stuck_parsing).update(
        state=ArticleState.QUEUED, state_changed_at=now
    )
    chosen.filter(stuck_fetching).update(state_changed_at=now)
    for pk in pks:
        parse_article_task.delay(pk)
    if pks:
        logger.info("Queued %d stuck articles again", len(pks))
    return len(pks)
