"""Fetch the page of an article submitted by its URL, and read the article out of it."""

import datetime
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from deals.extraction import ingested_text
from deals.models import Article, ArticleState

from .deals import article_identity
from .safety import MAX_REDIRECTS, TooManyRedirects, Unreachable, UnsafeTarget, public_get

#: Answers that say "not now" rather than "not here".
_TRANSIENT_STATUSES = {408, 425, 429}
_CHUNK = 64 * 1024
_WEB_PAGES = {"text/html", "application/xhtml+xml", "text/plain", ""}


class TransientFetchError(Exception):
    """An article's page could not be downloaded now (network, a busy site); later may work."""


class PageProblem(Exception):
    """The page cannot give the tracker an article, and fetching it again will not change that."""


def _read_capped(response, url: str, deadline: float) -> bytes:
    limit = settings.TRACKER_MAX_ARTICLE_BYTES
    chunks, size = [], 0
    for chunk in response.stream(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise PageProblem(f"The page at {url} is larger than the {limit:,} bytes read at most.")
        if time.monotonic() > deadline:
            raise TransientFetchError(
                f"{url} took longer than {settings.TRACKER_FETCH_TIMEOUT_SECONDS} s to send."
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _download(url: str) -> tuple[bytes | str, str]:
    """The page at `url` (text when its charset is known) and the URL it was found at."""
    deadline = time.monotonic() + settings.TRACKER_FETCH_TIMEOUT_SECONDS
    headers = {
        "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5",
    }
    try:
        with public_get(url, headers=headers, deadline=deadline) as answer:
            url, response = answer.url, answer.response
            if response.status in _TRANSIENT_STATUSES or response.status >= 500:
                raise TransientFetchError(f"{url} answered {response.status}.")
            if not 200 <= response.status < 300:
                raise PageProblem(f"{url} answered {response.status}.")
            media_type, _, parameters = response.headers.get("Content-Type", "").partition(";")
            if media_type.strip().lower() not in _WEB_PAGES:
                raise PageProblem(f"{url} is {media_type.strip()}, not a web page.")
            charset = ""
            for parameter in parameters.split(";"):
                name, _, value = parameter.partition("=")
                if name.strip().lower() == "charset":
                    charset = value.strip().strip('"')
            content = _read_capped(response, url, deadline)
    except UnsafeTarget as refusal:
        raise PageProblem(str(refusal)) from None
    except TooManyRedirects:
        raise PageProblem(f"The page redirects more than {MAX_REDIRECTS} times.") from None
    except Unreachable as failure:
        if failure.bad_certificate:
            raise PageProblem(f"{failure.url} has no valid certificate: {failure.error}") from None
        raise TransientFetchError(str(failure)) from None
    try:
        return (content.decode(charset, "replace") if charset else content), url
    except LookupError:
        return content, url


def _date(text: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat((text or "")[:10])
    except ValueError:
        return None


def _fail(article: Article, reason: str) -> str:
    Article.objects.filter(pk=article.pk, state=ArticleState.FETCHING).update(
        state=ArticleState.FAILED, failure_reason=reason, state_changed_at=timezone.now()
    )
    article.state, article.failure_reason = ArticleState.FAILED, reason
    return ArticleState.FAILED


def _same_text(article: Article, digest: str) -> int | None:
    twins = Article.objects.filter(content_hash=digest).exclude(pk=article.pk)
    return twins.values_list("pk", flat=True).first()


def fetch_article(article: Article) -> str:
    """Download the page of an article submitted by URL, fill in its text; return its state.

    The article (claimed by the caller while fetching) gets the page's title, article text,
    date and site name, and waits for the parser. Only public addresses are fetched, each
    redirect vetted again, within TRACKER_FETCH_TIMEOUT_SECONDS and TRACKER_MAX_ARTICLE_BYTES.
    A page that cannot give an article (refused address, an error answer, not a web page, too
    large, no article text) fails the article with the reason, and so does text another article
    already has; the article is kept either way. A network problem raises TransientFetchError:
    trying again later may work.
    """
    # trafilatura loads a large stack of parsers: only the workers that fetch pay for it.
    import trafilatura

    try:
        page, found_at = _download(article.url)
        document = trafilatura.bare_extraction(page, url=found_at, with_metadata=True)
        if document is None or not (document.text or "").strip():
            raise PageProblem(f"Found no article text at {found_at}.")
    except PageProblem as problem:
        return _fail(article, str(problem))

    # Kept as submitted text is: no bidirectional controls, no NUL.
    title = ingested_text(document.title or article.url)[:500]
    body = ingested_text(document.text)
    sitename = ingested_text(document.sitename or "")
    digest = article_identity(title, body)
    twin = _same_text(article, digest)
    if twin is not None:
        return _fail(article, f"Same text as article #{twin}.")
    fields = {
        "title": title,
        "body": body,
        "outlet": article.outlet or sitename or urlsplit(found_at).hostname or "",
        "published_on": _date(document.date),
        "content_hash": digest,
        # Where the tracker itself found the page: what trust is judged on, never `url`.
        "fetched_from": found_at,
    }
    try:
        with transaction.atomic():
            filled = Article.objects.filter(pk=article.pk, state=ArticleState.FETCHING).update(
                **fields,
                state=ArticleState.QUEUED,
                attempts=0,
                state_changed_at=timezone.now(),
            )
    except IntegrityError:
        # The same text was submitted while the page downloaded.
        return _fail(article, f"Same text as article #{_same_text(article, digest)}.")
    if not filled:
        # A duplicate message's worker finished it first.
        return Article.objects.values_list("state", flat=True).get(pk=article.pk)
    for name, value in fields.items():
        setattr(article, name, value)
    article.state = ArticleState.QUEUED
    return article.state
