"""News sources editors follow: feeds the tracker polls, and the stories each one brought."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from .articles import Article
from .trust import Trust


class SourceState(models.TextChoices):
    """How the last poll of a source went."""

    NEW = "new", "Not polled yet"
    OK = "ok", "Working"
    PARTIAL = "partial", "Working, some entries skipped"
    UNREACHABLE = "unreachable", "Cannot be reached"
    REFUSED = "refused", "Address refused"
    HTTP_ERROR = "http_error", "Answers with an error"
    NOT_A_FEED = "not_a_feed", "Not a feed"
    TOO_LARGE = "too_large", "Too large"


#: States in which the last poll brought nothing: the source backs off.
FAILING_STATES = (
    SourceState.UNREACHABLE,
    SourceState.REFUSED,
    SourceState.HTTP_ERROR,
    SourceState.NOT_A_FEED,
    SourceState.TOO_LARGE,
)


def _flag_after() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.TRACKER_SOURCES_FLAG_AFTER_HOURS)


class SourceQuerySet(models.QuerySet):
    def due(self, now: datetime.datetime) -> "SourceQuerySet":
        """Sources not paused whose next poll time has come (a lost poll's lease included)."""
        return self.filter(paused=False, next_poll_at__lte=now)

    def flagged(self, now: datetime.datetime) -> "SourceQuerySet":
        """Sources that have failed for longer than editors are told to wait."""
        return self.filter(failing_since__lte=now - _flag_after())


class Source(Trust):
    """A news feed (RSS or Atom) an editor added; the tracker polls it for new stories.

    Trust is the editor's decision about this source, never something a story claims.
    """

    name = models.CharField(max_length=200)
    feed_url = models.URLField("feed URL", max_length=2000, unique=True)
    poll_interval = models.DurationField(
        default=datetime.timedelta(minutes=15),
        help_text="How often the feed is polled (HH:MM:SS).",
    )
    paused = models.BooleanField(default=False, help_text="A paused source is not polled.")
    state = models.CharField(
        max_length=20, choices=SourceState.choices, default=SourceState.NEW, editable=False
    )
    last_problem = models.TextField(
        blank=True,
        editable=False,
        help_text="Why the last poll failed, or which entries it skipped.",
    )
    next_poll_at = models.DateTimeField(default=timezone.now, editable=False)
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_new_at = models.DateTimeField("last new story at", null=True, blank=True, editable=False)
    failing_since = models.DateTimeField(null=True, blank=True, editable=False)
    failures = models.PositiveIntegerField(
        default=0, editable=False, help_text="Polls failed in a row."
    )
    # The validators of the feed's last full answer, sent back so an unchanged feed costs a 304.
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    # SET_NULL: the source outlives the account of the editor who added it.
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="added_sources",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(poll_interval__gte=datetime.timedelta(minutes=1)),
                name="%(app_label)s_%(class)s_poll_interval_at_least_a_minute",
            ),
        ]
        indexes = [
            models.Index(fields=["paused", "next_poll_at"], name="%(app_label)s_source_due_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def is_flagged(self, now: datetime.datetime) -> bool:
        """Whether the source has failed for so long that editors should look at it."""
        return self.failing_since is not None and self.failing_since <= now - _flag_after()


class SourceEntry(models.Model):
    """One entry of a source's feed and the article it became; the same story from two
    sources is one article with two entries."""

    # CASCADE: the entry is the source's record of what it brought; it goes with the source.
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="entries")
    # CASCADE: an entry only says where its article came from.
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="source_entries")
    key = models.CharField(
        max_length=2000, help_text="The entry's GUID in the feed, or its link when it has none."
    )
    brought_article = models.BooleanField(
        default=False,
        help_text=(
            "The article was new when this entry was seen: its text is this feed's, or the page "
            "its link led to. Only then can the source's trust vouch for it."
        ),
    )
    seen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-seen_at", "-id"]
        verbose_name_plural = "source entries"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "key"], name="%(app_label)s_%(class)s_unique_key_per_source"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.key}"
