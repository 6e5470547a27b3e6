"""The parse task and the sweeper: idempotent, retrying only what is worth retrying."""

import datetime
import functools
import logging
from unittest import mock

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import OperationalError
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerDown

from deals import services
from deals.models import Article, ArticleState, Proposal, TimelineEntry
from deals.tasks import parse_article_task, requeue_stuck_articles

from .factories import article_page, submitted

pytestmark = pytest.mark.django_db

BAN = ("Malaysia bans the export of unprocessed rare earths", "The ban is in effect.")


def parses_queued(callbacks) -> list:
    """The after-commit callbacks that queue an article's parse."""
    return [
        callback
        for callback in callbacks
        if isinstance(callback, functools.partial) and parse_article_task.name in callback.args
    ]


def test_a_submitted_article_is_parsed_after_its_commit(
    reference_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        submission = services.submit_article(title=BAN[0], body=BAN[1])

    assert len(parses_queued(callbacks)) == 1
    submission.article.refresh_from_db()
    assert submission.article.state == ArticleState.PARSED
    assert submission.article.proposals.count() == 1


def test_the_same_text_submitted_twice_is_parsed_once(
    reference_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.submit_article(title=BAN[0], body=BAN[1])
        again = services.submit_article(title="Another headline", body=BAN[1])

    assert not again.created
    assert len(parses_queued(callbacks)) == 1
    assert Article.objects.count() == 1


def test_running_the_task_twice_makes_one_set_of_proposals_and_entries(reference_data, reader):
    services.set_trust(user=reader, trusted=True)
    article = submitted(*BAN, submitted_by=reader)

    parse_article_task(article.pk)
    Article.objects.filter(pk=article.pk).update(state=ArticleState.QUEUED)
    parse_article_task(article.pk)

    assert Proposal.objects.count() == 1
    assert TimelineEntry.objects.count() == 1


def test_a_message_for_an_article_already_parsed_does_nothing(reference_data):
    article = submitted(*BAN)
    parse_article_task(article.pk)

    with mock.patch("deals.services.parse_article") as parse:
        parse_article_task(article.pk)

    parse.assert_not_called()
    article.refresh_from_db()
    assert article.attempts == 1


def test_a_message_for_a_deleted_article_does_nothing():
    parse_article_task(987654)


def test_a_database_hiccup_is_retried_and_the_article_parsed(reference_data):
    article = submitted(*BAN)
    real = services.parse_article
    calls = []

    def flaky(article):
        calls.append(article.pk)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(article)

    with mock.patch("deals.services.parse_article", side_effect=flaky):
        parse_article_task.apply(args=[article.pk])

    article.refresh_from_db()
    assert len(calls) == 2
    assert (article.state, article.attempts) == (ArticleState.PARSED, 2)


def test_a_parser_error_fails_the_article_with_its_reason_without_retrying(reference_data):
    article = submitted(*BAN)

    with mock.patch(
        "deals.services.parse_article", side_effect=ValueError("unexpected figure")
    ) as parse:
        parse_article_task.apply(args=[article.pk])

    article.refresh_from_db()
    assert parse.call_count == 1
    assert article.state == ArticleState.FAILED
    assert "ValueError: unexpected figure" in article.failure_reason


def test_an_article_that_takes_too_long_fails_with_its_reason(reference_data):
    article = submitted(*BAN)

    with mock.patch("deals.services.parse_article", side_effect=SoftTimeLimitExceeded()):
        parse_article_task.apply(args=[article.pk])

    article.refresh_from_db()
    assert article.state == ArticleState.FAILED
    assert "longer than" in article.failure_reason


def test_an_article_submitted_while_the_broker_is_down_is_kept(
    django_capture_on_commit_callbacks, caplog
):
    with (
        mock.patch.object(parse_article_task, "delay", side_effect=BrokerDown("refused")),
        caplog.at_level(logging.WARNING),
        django_capture_on_commit_callbacks(execute=True),
    ):
        submission = services.submit_article(title=BAN[0], body=BAN[1])

    submission.article.refresh_from_db()
    assert submission.article.state == ArticleState.QUEUED
    assert "the sweeper will retry" in caplog.text


def _aged(article, state, seconds):
    Article.objects.filter(pk=article.pk).update(
        state=state, state_changed_at=timezone.now() - datetime.timedelta(seconds=seconds)
    )


def test_the_sweeper_queues_again_articles_that_lost_their_message_or_worker(reference_data):
    lost_message = submitted("Malaysia bans the export of raw rare earths")
    dead_worker = submitted("Malaysia bans tin exports")
    waiting = submitted("Malaysia bans palm oil exports")
    busy = submitted("Malaysia bans bauxite exports")
    _aged(lost_message, ArticleState.QUEUED, settings.TRACKER_REQUEUE_AFTER + 5)
    _aged(dead_worker, ArticleState.PARSING, settings.CELERY_TASK_TIME_LIMIT + 5)
    _aged(busy, ArticleState.PARSING, 5)

    # Tasks run in this process in tests: the re-queued articles are parsed at once.
    assert requeue_stuck_articles() == 2

    states = dict(Article.objects.values_list("pk", "state"))
    assert states == {
        lost_message.pk: ArticleState.PARSED,
        dead_worker.pk: ArticleState.PARSED,
        waiting.pk: ArticleState.QUEUED,
        busy.pk: ArticleState.PARSING,
    }


def test_the_sweeper_gives_up_on_an_article_that_keeps_killing_its_worker(reference_data):
    article = submitted(*BAN)
    Article.objects.filter(pk=article.pk).update(attempts=settings.TRACKER_MAX_PARSE_ATTEMPTS)
    _aged(article, ArticleState.PARSING, settings.CELERY_TASK_TIME_LIMIT + 5)

    assert requeue_stuck_articles() == 0

    article.refresh_from_db()
    assert article.state == ArticleState.FAILED
    assert "lost" in article.failure_reason


def test_beat_runs_the_sweeper_every_minute():
    entries = {entry["task"]: entry for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert entries["deals.tasks.articles.requeue_stuck_articles"]["schedule"] == 60.0


def test_the_redis_visibility_timeout_outlasts_the_longest_task():
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_TASK_REJECT_ON_WORKER_LOST
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
    timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert timeout > settings.CELERY_TASK_TIME_LIMIT > settings.CELERY_TASK_SOFT_TIME_LIMIT


# --- Articles submitted by URL ------------------------------------------------------------------

PAGE = (
    BAN[0],
    "Malaysia has banned exports of raw rare earths to build a refining industry at home. The "
    "ban is in effect, the trade ministry said on Monday.",
)


def test_a_site_that_is_down_is_tried_again_and_finally_fails_the_article_with_the_reason(
    reference_data, settings, closed_port
):
    settings.TRACKER_FETCH_ALLOW_LOOPBACK = True
    article = services.submit_url(url=f"{closed_port}/ban").article

    # Tasks run in this process in tests: the retries follow at once instead of backing off.
    parse_article_task.apply(args=[article.pk])

    article.refresh_from_db()
    assert article.state == ArticleState.FAILED
    tries = parse_article_task.max_retries + 1
    assert article.failure_reason.startswith(f"Could not download the page ({tries} tries):")
    assert "could not be reached" in article.failure_reason


def test_a_site_busy_for_a_moment_is_tried_again_and_the_article_parsed(
    reference_data, settings, web_server
):
    settings.TRACKER_FETCH_ALLOW_LOOPBACK = True
    page = article_page(*PAGE)
    web_server.pages["/ban"] = lambda hit: (
        (503, "text/plain", b"Busy")
        if hit == 1
        else (
            200,
            "text/html",
            page,
        )
    )
    article = services.submit_url(url=f"{web_server.url}/ban").article

    parse_article_task.apply(args=[article.pk])

    article.refresh_from_db()
    assert article.state == ArticleState.PARSED
    assert web_server.hits["/ban"] == 2


def test_a_message_delivered_twice_fetches_the_page_once(reference_data, settings, web_server):
    settings.TRACKER_FETCH_ALLOW_LOOPBACK = True
    web_server.pages["/ban"] = (200, "text/html", article_page(*PAGE))
    article = services.submit_url(url=f"{web_server.url}/ban").article

    parse_article_task.apply(args=[article.pk])
    parse_article_task.apply(args=[article.pk])

    article.refresh_from_db()
    assert article.state == ArticleState.PARSED
    assert article.proposals.count() == 1
    assert web_server.hits["/ban"] == 1


def test_the_sweeper_queues_again_an_article_whose_fetch_was_lost(
    reference_data, settings, web_server
):
    settings.TRACKER_FETCH_ALLOW_LOOPBACK = True
    web_server.pages["/ban"] = (200, "text/html", article_page(*PAGE))
    lost = services.submit_url(url=f"{web_server.url}/ban").article
    waiting = services.submit_url(url=f"{web_server.url}/later").article
    longest = max(settings.TRACKER_REQUEUE_AFTER, settings.CELERY_TASK_TIME_LIMIT)
    _aged(lost, ArticleState.FETCHING, longest + 5)
    _aged(waiting, ArticleState.FETCHING, min(settings.TRACKER_REQUEUE_AFTER, 60))

    assert requeue_stuck_articles() == 1

    states = dict(Article.objects.values_list("pk", "state"))
    assert states == {lost.pk: ArticleState.PARSED, waiting.pk: ArticleState.FETCHING}


def test_the_sweeper_gives_up_on_a_fetch_that_keeps_killing_its_worker(reference_data):
    article = services.submit_url(url="https://news.example/huge").article
    Article.objects.filter(pk=article.pk).update(attempts=settings.TRACKER_MAX_PARSE_ATTEMPTS)
    _aged(article, ArticleState.FETCHING, settings.TRACKER_REQUEUE_AFTER * 2)

    assert requeue_stuck_articles() == 0

    article.refresh_from_db()
    assert article.state == ArticleState.FAILED
    assert article.failure_reason == (
        f"The worker fetching this article was lost {settings.TRACKER_MAX_PARSE_ATTEMPTS} times."
    )
