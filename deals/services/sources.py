"""Follow news sources: poll each feed when it is due and file its new stories as articles.

A poll has three steps. Downloading (`download_feed`) and reading (`read_feed`) touch no
database, so a round of many sources runs them concurrently; storing (`store_poll`) writes the
new articles and the source's health in one transaction. A feed that cannot be used leaves the
source in a state with its reason and backs it off; nothing already stored is touched.
"""

import calendar
import datetime
import io
import logging
import time
import xml.etree.ElementTree as ElementTree
import zlib
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import feedparser
from django.conf import settings
from django.db import transaction
from django.db.models import (
    Case,
    CharField,
    DateTimeField,
    ExpressionWrapper,
    F,
    Q,
    TextField,
    Value,
    When,
)
from django.utils import timezone

from deals.models import FAILING_STATES, Source, SourceEntry, SourceState

from .deals import submit_article, submit_url
from .queueing import POLL_SOURCE, queue_after_commit
from .safety import MAX_REDIRECTS, TooManyRedirects, Unreachable, UnsafeTarget, public_get

logger = logging.getLogger(__name__)

#: Redirects followed from the feed URL; each new address is vetted like the first.
_CHUNK = 64 * 1024
#: No news feed dates a story before feeds existed; such dates are a zero timestamp (1970).
_EARLIEST = datetime.date(1995, 1, 1)
#: A date later than this ahead of now is a publisher's mistake, not a scheduled story.
_FUTURE_SLACK = datetime.timedelta(days=1)


class FeedProblem(Exception):
    """The feed could not be used this time; `state` says how, the message why."""

    def __init__(self, state: str, reason: str):
        super().__init__(reason)
        self.state = state


# --- Downloading --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Download:
    """A feed's answer: its body and validators, or `modified=False` for a 304."""

    modified: bool
    body: bytes = b""
    url: str = ""
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""
    requests: int = 1


def _decompressor(encoding: str):
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip", "deflate"):
        # 32 + MAX_WBITS reads both gzip and zlib headers: servers label either as either.
        return zlib.decompressobj(32 + zlib.MAX_WBITS)
    raise FeedProblem(SourceState.NOT_A_FEED, f"The feed is compressed as {encoding!r}.")


def _read_body(response, url: str, deadline: float) -> bytes:
    """The body, decompressed a chunk at a time so that neither a huge body, an endless one nor
    a small archive that expands without end can take more than the limit."""
    limit = settings.TRACKER_SOURCES_MAX_FEED_BYTES
    too_large = FeedProblem(
        SourceState.TOO_LARGE, f"The feed at {url} is larger than the {limit:,} bytes read at most."
    )
    declared = response.headers.get("Content-Length", "")
    # A compressed body is smaller than what it expands to: a length over the limit is too large
    # either way.
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    try:
        decompressor = _decompressor(response.headers.get("Content-Encoding", ""))
        chunks, size = [], 0
        for raw in response.stream(_CHUNK, decode_content=False):
            pending = raw
            while pending:
                if decompressor is None:
                    chunk, pending = pending, b""
                else:
                    chunk = decompressor.decompress(pending, limit - size + 1)
                    pending = decompressor.unconsumed_tail
                size += len(chunk)
                if size > limit:
                    raise too_large
                chunks.append(chunk)
            if time.monotonic() > deadline:
                raise FeedProblem(
                    SourceState.TOO_LARGE,
                    f"The feed at {url} took longer than "
                    f"{settings.TRACKER_SOURCES_TIMEOUT_SECONDS} s to send.",
                )
    except zlib.error as error:
        raise FeedProblem(
            SourceState.NOT_A_FEED, f"The feed's compression is broken: {error}"
        ) from None
    return b"".join(chunks)


def _validators_headers(etag: str, last_modified: str) -> dict[str, str]:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def download_feed(url: str, *, etag: str = "", last_modified: str = "") -> Download:
    """GET a feed, conditionally, within TRACKER_SOURCES_TIMEOUT_SECONDS and
    TRACKER_SOURCES_MAX_FEED_BYTES; only public addresses, each redirect vetted again.

    Raises FeedProblem when the feed cannot be had this time.
    """
    deadline = time.monotonic() + settings.TRACKER_SOURCES_TIMEOUT_SECONDS
    headers = {
        "Accept": (
            "application/rss+xml, application/atom+xml, application/xml;q=0.9, "
            "text/xml;q=0.9, */*;q=0.1"
        ),
        "Accept-Encoding": "gzip, deflate",
        **_validators_headers(etag, last_modified),
    }
    try:
        with public_get(url, headers=headers, deadline=deadline) as answer:
            url, response, status = answer.url, answer.response, answer.response.status
            if status == 304:
                return Download(modified=False, url=url, requests=answer.requests)
            if status in (408, 425, 429) or status >= 500:
                raise FeedProblem(SourceState.UNREACHABLE, f"{url} answered {status}.")
            if not 200 <= status < 300:
                raise FeedProblem(SourceState.HTTP_ERROR, f"{url} answered {status}.")
            return Download(
                modified=True,
                body=_read_body(response, url, deadline),
                url=url,
                content_type=response.headers.get("Content-Type", ""),
                etag=response.headers.get("ETag", "")[:500],
                last_modified=response.headers.get("Last-Modified", "")[:100],
                requests=answer.requests,
            )
    except UnsafeTarget as refusal:
        raise FeedProblem(SourceState.REFUSED, str(refusal)) from None
    except Unreachable as failure:
        raise FeedProblem(SourceState.UNREACHABLE, str(failure)) from None
    except TooManyRedirects:
        raise FeedProblem(
            SourceState.HTTP_ERROR, f"The feed redirects more than {MAX_REDIRECTS} times."
        ) from None


# --- Reading ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedItem:
    """One usable entry of a feed."""

    key: str
    title: str
    link: str
    text: str
    full_text: bool
    published_on: datetime.date | None


@dataclass
class Reading:
    """The usable entries of a feed, and what had to be skipped or ignored."""

    items: list[FeedItem] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _looks_like_html(body: bytes) -> bool:
    start = body[:1024].lstrip().lower()
    return start.startswith((b"<!doctype html", b"<html")) or b"<html" in start[:200]


def _entry_date(entry, today: datetime.date) -> tuple[datetime.date | None, str]:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None, ""
    day = datetime.datetime.fromtimestamp(calendar.timegm(parsed), tz=datetime.UTC).date()
    if day > today + _FUTURE_SLACK:
        return None, "future"
    if day < _EARLIEST:
        return None, "past"
    return day, ""


def _web_link(link: str) -> str:
    link = (link or "").strip()
    scheme = urlsplit(link).scheme.lower()
    return link if scheme in ("http", "https") and len(link) <= 2000 else ""


def _text_of(entry) -> tuple[str, bool]:
    """The entry's full text when the feed carries it (content), else its summary."""
    contents = [part.get("value", "") for part in entry.get("content", [])]
    full = max(contents, key=len, default="").strip()
    if full:
        return full, True
    return (entry.get("summary") or "").strip(), False


def read_feed(body: bytes, *, url: str, content_type: str = "") -> Reading:
    """The entries of an RSS or Atom document; raises FeedProblem when it is not a feed.

    An entry is known by its GUID, else its link; entries with neither, or with neither a link
    nor any text, are skipped, and so are repeats of a GUID. Dates in the future or before
    feeds existed are ignored. Each skip is counted among the reading's problems.
    """
    if not body.strip():
        raise FeedProblem(SourceState.NOT_A_FEED, f"{url} sent an empty answer.")
    document = feedparser.parse(
        io.BytesIO(body),
        response_headers={
            "content-type": content_type or "application/xml",
            "content-location": url,
        },
    )
    if not document.get("version"):
        if _looks_like_html(body):
            raise FeedProblem(SourceState.NOT_A_FEED, f"{url} is an HTML page, not a feed.")
        why = document.get("bozo_exception") or "no RSS or Atom element"
        raise FeedProblem(SourceState.NOT_A_FEED, f"{url} is not a feed: {why}.")
    reading = Reading()
    if document.get("bozo") and isinstance(document.get("bozo_exception"), Exception):
        error = document["bozo_exception"]
        if "SAX" in type(error).__name__:
            reading.problems.append(f"The feed's XML is malformed ({error}); read what could be.")
    skipped = {"no key": 0, "no link": 0, "repeat": 0, "future": 0, "past": 0}
    seen: set[str] = set()
    today = timezone.now().date()
    for entry in document.entries:
        link = _web_link(entry.get("link", ""))
        key = (entry.get("id") or link or "").strip()[:2000]
        text, full_text = _text_of(entry)
        if not key:
            skipped["no key"] += 1
            continue
        if not link and not text:
            skipped["no link"] += 1
            continue
        if key in seen:
            skipped["repeat"] += 1
            continue
        seen.add(key)
        published_on, odd_date = _entry_date(entry, today)
        if odd_date:
            skipped[odd_date] += 1
        reading.items.append(
            FeedItem(
                key=key,
                title=(entry.get("title") or link or key).strip()[:500],
                link=link,
                # Without a link to fetch, the summary is all there is to read.
                text=text,
                full_text=full_text or not link,
                published_on=published_on,
            )
        )
    for name, message in (
        ("no key", "{} entries without a GUID or a link skipped"),
        ("no link", "{} entries without a link or any text skipped"),
        ("repeat", "{} entries repeating a GUID skipped"),
        ("future", "{} dates in the future ignored"),
        ("past", "{} dates before 1995 ignored"),
    ):
        if skipped[name]:
            reading.problems.append(message.format(skipped[name]))
    return reading


# --- Polling --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PollOutcome:
    """What one poll of a source found, before anything is stored."""

    source_pk: int
    download: Download | None = None
    reading: Reading | None = None
    problem: FeedProblem | None = None

    @property
    def requests(self) -> int:
        return self.download.requests if self.download else 1


def fetch_source(*, source_pk: int, feed_url: str, etag: str, last_modified: str) -> PollOutcome:
    """Download and read a source's feed; touches no database, so polls run side by side."""
    try:
        download = download_feed(feed_url, etag=etag, last_modified=last_modified)
        reading = None
        if download.modified:
            reading = read_feed(download.body, url=download.url, content_type=download.content_type)
        return PollOutcome(source_pk, download=download, reading=reading)
    except FeedProblem as problem:
        return PollOutcome(source_pk, problem=problem)
    except Exception as error:
        # A feed must never take the round down: whatever broke is the source's state.
        logger.exception("Polling source %s failed", source_pk)
        problem = FeedProblem(SourceState.NOT_A_FEED, f"Reading the feed failed: {error!r}"[:2000])
        return PollOutcome(source_pk, problem=problem)


def backoff(source: Source, failures: int) -> datetime.timedelta:
    """How long a source that failed `failures` times in a row waits: its interval, doubled
    after each failure, capped by TRACKER_SOURCES_MAX_BACKOFF_SECONDS (or the interval)."""
    cap = max(
        datetime.timedelta(seconds=settings.TRACKER_SOURCES_MAX_BACKOFF_SECONDS),
        source.poll_interval,
    )
    if failures >= 32:
        return cap
    return min(source.poll_interval * 2**failures, cap)


@dataclass(frozen=True)
class Stored:
    """What storing a poll did: its state, and the entries and articles it added."""

    state: str
    entries: int = 0
    articles: int = 0


def _file(source: Source, item: FeedItem) -> SourceEntry:
    """Keep an entry as an article, once across all sources; the entry records which."""
    if item.full_text:
        submission = submit_article(
            title=item.title,
            body=item.text,
            url=item.link,
            outlet=source.name[:200],
            published_on=item.published_on,
        )
    else:
        submission = submit_url(url=item.link, outlet=source.name[:200])
    return SourceEntry(
        source=source,
        article=submission.article,
        key=item.key,
        brought_article=submission.created,
    )


@transaction.atomic
def store_unchanged(*, source_pks: list[int]) -> int:
    """Record polls answered `304 Not Modified`, in one statement: each source is polled again
    after its interval, and one that was failing or new is working (whatever the feed's last
    full answer showed still stands). Returns how many."""
    now = timezone.now()
    recovered = Q(state__in=[SourceState.NEW, *FAILING_STATES])
    return Source.objects.filter(pk__in=source_pks).update(
        last_polled_at=now,
        next_poll_at=ExpressionWrapper(
            Value(now) + F("poll_interval"), output_field=DateTimeField()
        ),
        failures=0,
        failing_since=None,
        state=Case(
            When(recovered, then=Value(SourceState.OK)),
            default=F("state"),
            output_field=CharField(),
        ),
        last_problem=Case(
            When(recovered, then=Value("")), default=F("last_problem"), output_field=TextField()
        ),
    )


@transaction.atomic
def store_poll(*, outcome: PollOutcome) -> Stored | None:
    """Record one poll on its source: new entries become articles, queued to be parsed (or
    fetched, when the feed carries only a link), and the source's health and next poll time.

    A failure backs the source off and keeps everything stored before. None if the source is
    gone.
    """
    if outcome.download is not None and not outcome.download.modified:
        if not store_unchanged(source_pks=[outcome.source_pk]):
            return None
        return Stored(Source.objects.values_list("state", flat=True).get(pk=outcome.source_pk))
    source = Source.objects.select_for_update().filter(pk=outcome.source_pk).first()
    if source is None:
        return None
    now = timezone.now()
    source.last_polled_at = now
    fields = [
        "last_polled_at",
        "state",
        "last_problem",
        "next_poll_at",
        "failures",
        "failing_since",
    ]
    if outcome.problem is not None:
        source.failures += 1
        source.failing_since = source.failing_since or now
        source.state, source.last_problem = outcome.problem.state, str(outcome.problem)[:2000]
        source.next_poll_at = now + backoff(source, source.failures)
        source.save(update_fields=fields)
        return Stored(source.state)

    source.failures, source.failing_since = 0, None
    source.next_poll_at = now + source.poll_interval
    items = outcome.reading.items
    known = set(
        SourceEntry.objects.filter(source=source, key__in=[item.key for item in items]).values_list(
            "key", flat=True
        )
    )
    entries = SourceEntry.objects.bulk_create(
        [_file(source, item) for item in items if item.key not in known]
    )
    articles = sum(entry.brought_article for entry in entries)
    problems = outcome.reading.problems
    source.state = SourceState.PARTIAL if problems else SourceState.OK
    source.last_problem = "; ".join(problems)[:2000]
    source.etag, source.last_modified = outcome.download.etag, outcome.download.last_modified
    fields += ["etag", "last_modified"]
    if entries:
        source.last_new_at = now
        fields.append("last_new_at")
    source.save(update_fields=fields)
    return Stored(source.state, entries=len(entries), articles=articles)


def _lease_seconds() -> int:
    # Long enough for the message to wait in the queue and the task to run to its hard limit:
    # a lease that runs out means the poll was lost, and the source is due again.
    return settings.TRACKER_REQUEUE_AFTER + settings.CELERY_TASK_TIME_LIMIT


def claim_source(*, source_pk: int, lease: datetime.datetime | None = None) -> Source | None:
    """Take a source for one poll, by moving its next poll time on; None if another took it.

    With `lease` (what the round that queued the poll set), the claim succeeds only while that
    lease stands, so a message delivered twice polls once. Without, the source must be due.
    """
    now = timezone.now()
    source = Source.objects.filter(pk=source_pk, paused=False).first()
    if source is None:
        return None
    if lease is None and source.next_poll_at > now:
        return None
    expected = lease or source.next_poll_at
    until = now + datetime.timedelta(seconds=_lease_seconds())
    claimed = Source.objects.filter(pk=source_pk, paused=False, next_poll_at=expected).update(
        next_poll_at=until
    )
    if not claimed:
        return None
    source.next_poll_at = until
    return source


def claim_due_sources(*, limit: int | None = None) -> list[Source]:
    """Take every due source (at most `limit`) for one poll each, in one transaction.

    Sources another round has locked are skipped (PostgreSQL); SQLite runs one writing
    transaction at a time anyway.
    """
    now = timezone.now()
    until = now + datetime.timedelta(seconds=_lease_seconds())
    with transaction.atomic():
        due = Source.objects.due(now).select_for_update(skip_locked=True).order_by("next_poll_at")
        sources = list(due[:limit] if limit else due)
        Source.objects.filter(pk__in=[source.pk for source in sources]).update(next_poll_at=until)
    for source in sources:
        source.next_poll_at = until
    return sources


def poll_source(*, source: Source) -> Stored | None:
    """Poll one claimed source now and store what it brought."""
    outcome = fetch_source(
        source_pk=source.pk,
        feed_url=source.feed_url,
        etag=source.etag,
        last_modified=source.last_modified,
    )
    return store_poll(outcome=outcome)


def queue_polls(*, source_pks: Iterable[int] | None = None, limit: int = 1000) -> int:
    """Queue a poll of each due source (or of `source_pks`, due or not); return how many.

    Each is leased first, and its task claims that lease: a lost message only delays the poll
    until the lease runs out and the source is due again.
    """
    now = timezone.now()
    chosen = Source.objects.filter(paused=False)
    chosen = chosen.filter(pk__in=source_pks) if source_pks is not None else chosen.due(now)
    lease = now + datetime.timedelta(seconds=_lease_seconds())
    due = chosen.order_by("next_poll_at").values_list("pk", "next_poll_at")[:limit]
    queued = 0
    with transaction.atomic():
        for pk, next_poll_at in due:
            # Conditional: a round running at the same moment may have leased it already.
            if Source.objects.filter(pk=pk, next_poll_at=next_poll_at).update(next_poll_at=lease):
                queue_after_commit(POLL_SOURCE, pk, lease.isoformat())
                queued += 1
    return queued


#: Polls that found nothing new stored per transaction by `poll_due_now`.
STORE_BATCH = 25


@dataclass(frozen=True)
class Round:
    """What a round of polls did."""

    sources: int
    requests: int
    entries: int
    articles: int
    failed: int


def poll_due_now(*, concurrency: int | None = None, limit: int | None = None) -> Round:
    """Poll every due source once, here and now: `concurrency` downloads at a time, each stored
    as soon as it is read. For cron, a laptop without beat, and the benchmark."""
    concurrency = concurrency or settings.TRACKER_SOURCES_CONCURRENCY
    claimed = claim_due_sources(limit=limit)
    tally = {"requests": 0, "entries": 0, "articles": 0, "failed": 0}

    def store(batch: list[PollOutcome]) -> None:
        unchanged = [o.source_pk for o in batch if o.download and not o.download.modified]
        with transaction.atomic():
            store_unchanged(source_pks=unchanged)
            stored = [
                store_poll(outcome=outcome)
                for outcome in batch
                if not (outcome.download and not outcome.download.modified)
            ]
        tally["requests"] += sum(outcome.requests for outcome in batch)
        for done in filter(None, stored):
            tally["entries"] += done.entries
            tally["articles"] += done.articles
            tally["failed"] += done.state in FAILING_STATES

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        outcomes = pool.map(
            lambda source: fetch_source(
                source_pk=source.pk,
                feed_url=source.feed_url,
                etag=source.etag,
                last_modified=source.last_modified,
            ),
            claimed,
        )
        # Polls that found nothing new share a commit (on SQLite each commit waits for the
        # disk); one with entries commits alone, so the database is never held long.
        quiet: list[PollOutcome] = []
        for outcome in outcomes:
            if outcome.reading is not None:
                store([outcome])
                continue
            quiet.append(outcome)
            if len(quiet) == STORE_BATCH:
                store(quiet)
                quiet = []
        if quiet:
            store(quiet)
    return Round(len(claimed), **tally)


# --- Editors' writes ----------------------------------------------------------------------------


@transaction.atomic
def save_source(*, source: Source, editor=None) -> Source:
    """Save a source an editor added or changed; trust changes keep who decided and when.

    A new source, or one resumed, is polled at once.
    """
    before = Source.objects.filter(pk=source.pk).first() if source.pk else None
    now = timezone.now()
    if (before.trusted if before else False) != source.trusted:
        source.trusted_by, source.trusted_at = editor, now
    if before is None:
        source.added_by, source.next_poll_at = editor, now
    elif before.paused and not source.paused:
        source.next_poll_at = now
    elif before.poll_interval != source.poll_interval and not source.failures:
        source.next_poll_at = min(before.next_poll_at, now + source.poll_interval)
    source.save()
    if not source.paused and source.next_poll_at <= now:
        queue_polls(source_pks=[source.pk])
    return source


@transaction.atomic
def set_source_trust(*, sources: Iterable[Source], trusted: bool, editor) -> int:
    """Trust the sources' stories to skip review when the parser is sure, or stop; returns how
    many changed."""
    pks = [source.pk for source in sources]
    return (
        Source.objects.filter(pk__in=pks)
        .exclude(trusted=trusted)
        .update(trusted=trusted, trusted_by=editor, trusted_at=timezone.now())
    )


@transaction.atomic
def pause_sources(*, sources: Iterable[Source], paused: bool) -> int:
    """Pause sources, or resume them (polled at once); returns how many changed."""
    pks = [source.pk for source in sources]
    changed = Source.objects.filter(pk__in=pks).exclude(paused=paused)
    if paused:
        return changed.update(paused=True)
    resumed = list(changed.values_list("pk", flat=True))
    Source.objects.filter(pk__in=resumed).update(paused=False, next_poll_at=timezone.now())
    queue_polls(source_pks=resumed)
    return len(resumed)


@dataclass(frozen=True)
class OpmlImport:
    """What importing an OPML file did."""

    added: list[Source]
    known: int
    skipped: int


@transaction.atomic
def import_opml(*, document: bytes, editor=None) -> OpmlImport:
    """Add a source for each feed of an OPML file (as feed readers export them).

    Feeds already followed are left as they are; outlines that are not http(s) feeds are
    skipped. The new sources are polled at the next round, untrusted.
    """
    try:
        root = ElementTree.fromstring(document)
    except ElementTree.ParseError as error:
        raise ValueError(f"The file is not OPML: {error}") from None
    if root.tag.lower() != "opml":
        raise ValueError("The file is not OPML: its root element is not <opml>.")
    added, known, skipped = [], 0, 0
    now = timezone.now()
    for outline in root.iter("outline"):
        feed_url = (outline.get("xmlUrl") or "").strip()
        if not feed_url:
            continue
        if not _web_link(feed_url):
            skipped += 1
            continue
        if Source.objects.filter(feed_url=feed_url).exists():
            known += 1
            continue
        name = outline.get("title") or outline.get("text") or urlsplit(feed_url).hostname or ""
        added.append(
            Source.objects.create(
                name=name.strip()[:200], feed_url=feed_url, added_by=editor, next_poll_at=now
            )
        )
    return OpmlImport(added=added, known=known, skipped=skipped)
