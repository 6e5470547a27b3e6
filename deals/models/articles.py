"""Source articles: the news text every stage change rests on."""

import datetime
import hashlib
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

_WHITESPACE = re.compile(r"\s+")


def content_hash(title: str, body: str) -> str:
    """The identity of an article's text: the same text twice is one article.

    The body identifies the article; a headline without a body is identified by its title.
    Whitespace and letter case do not make two texts different.
    """
    text = body if body.strip() else title
    normalised = _WHITESPACE.sub(" ", text).strip().casefold()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


#: The earliest publication date an article can have: the tracker follows modern trade.
EARLIEST_PUBLICATION = datetime.date(1900, 1, 1)


def latest_publication() -> datetime.date:
    """The latest publication date an article can have: the end of next year (dates of embargoed
    or scheduled pieces run a little ahead; anything later is a typing mistake)."""
    return datetime.date(timezone.localdate().year + 1, 12, 31)


def validate_publication_date(value: datetime.date | None) -> None:
    """Refuse a publication date outside 1900-01-01 to the end of next year."""
    latest = latest_publication()
    if value is not None and not EARLIEST_PUBLICATION <= value <= latest:
        raise ValidationError(
            "Give a publication date between %(earliest)s and %(latest)s.",
            code="publication_date",
            params={"earliest": EARLIEST_PUBLICATION.isoformat(), "latest": latest.isoformat()},
        )


def provisional_hash(url: str) -> str:
    """The identity of an article submitted by URL until its text is fetched.

    Text is case-folded before it is hashed, so no text can hash to this upper-case "URL:".
    """
    return hashlib.sha256(f"URL:{url}".encode()).hexdigest()


class ArticleState(models.TextChoices):
    """Where an article is in processing."""

    FETCHING = "fetching", "Waiting to be fetched"
    QUEUED = "queued", "Queued"
    PARSING = "parsing", "Parsing"
    PARSED = "parsed", "Parsed"
    NOT_RELEVANT = "not_relevant", "Not about a trade deal"
    FAILED = "failed", "Failed"


#: States in which an article still waits for a worker; a sweeper re-queues stale ones.
PENDING_STATES = (ArticleState.FETCHING, ArticleState.QUEUED, ArticleState.PARSING)


class ArticleQuerySet(models.QuerySet):
    def pending(self) -> "ArticleQuerySet":
        return self.filter(state__in=PENDING_STATES)


class Article(models.Model):
    """A news article submitted to the tracker, kept whatever happens to its parse."""

    url = models.URLField("URL", max_length=2000, blank=True)
    title = models.CharField(max_length=500)
    outlet = models.CharField(max_length=200, blank=True)
    published_on = models.DateField(null=True, blank=True)
    body = models.TextField(blank=True)
    fetched_from = models.URLField(
        "fetched from",
        max_length=2000,
        blank=True,
        editable=False,
        help_text=(
            "The address the tracker itself downloaded the page from, after redirects; empty "
            "when the text was submitted."
        ),
    )
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    state = models.CharField(
        max_length=20, choices=ArticleState.choices, default=ArticleState.QUEUED
    )
    failure_reason = models.TextField(
        blank=True,
        help_text=(
            "Why the article failed or was judged not relevant; for one parsed, why its deals wait"
            " for an editor and what it told only in passing."
        ),
    )
    attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    state_changed_at = models.DateTimeField(auto_now_add=True)
    # SET_NULL: an article outlives the account of whoever submitted it.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submitted_articles",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["url"],
                condition=~models.Q(url=""),
                name="%(app_label)s_%(class)s_unique_url",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="failed") | ~models.Q(failure_reason=""),
                name="%(app_label)s_%(class)s_failure_has_reason",
            ),
        ]
        indexes = [
            models.Index(
                fields=["state", "state_changed_at"], name="%(app_label)s_article_state_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.title
