"""Submit article files, or a web page, to the tracker: saved, then parsed by the workers."""

import datetime
from collections import Counter
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from deals import services
from deals.management.articlefiles import article_paths, read_article_file
from deals.models import Article, ArticleState

#: From this many files on, a progress bar shows how far the command is.
PROGRESS_FROM = 10


class Command(BaseCommand):
    help = (
        "Submit article files (folders stand for their *.txt files) or one web page (--url). "
        "Articles already in the tracker are recognised and skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", metavar="PATH")
        parser.add_argument("--url", help="Fetch this page and submit its article.")
        parser.add_argument("--outlet", default="", help="The outlet that published them.")

    def handle(self, *args, paths, url, outlet, **options):
        if bool(paths) == bool(url):
            raise CommandError("Give article files or folders, or one --url, not both.")
        if url:
            submitted, failed = [self._fetch(url, outlet)], 0
        else:
            submitted, failed = self._submit_files(paths, outlet)
        new = [submission.article.pk for submission in submitted if submission.created]
        self.stdout.write(
            f"{len(new)} new, {len(submitted) - len(new)} already known, {failed} failed."
        )
        if new:
            # With a worker these are mostly still queued; without one they are parsed already.
            states = Counter(Article.objects.filter(pk__in=new).values_list("state", flat=True))
            labels = dict(ArticleState.choices)
            self.stdout.write(
                "New articles: "
                + ", ".join(f"{count} {labels[state].lower()}" for state, count in states.items())
                + "."
            )

    def _submit_files(self, paths, outlet):
        files = article_paths(paths)
        submitted, failed = [], 0
        for path in tqdm(files, disable=len(files) < PROGRESS_FROM, file=self.stderr, unit="file"):
            try:
                article = read_article_file(path)
            except OSError as error:
                failed += 1
                self.stderr.write(f"{path}: {error}")
                continue
            submitted.append(
                services.submit_article(
                    title=article.title or path.stem,
                    body=article.body,
                    url=article.url,
                    outlet=outlet,
                    published_on=article.published,
                )
            )
        return submitted, failed

    def _fetch(self, url, outlet):
        # trafilatura loads a large stack of parsers: only --url pays for it.
        import trafilatura

        if urlsplit(url).scheme not in ("http", "https"):
            raise CommandError(f"Give an http or https address, not {url!r}.")
        page = trafilatura.fetch_url(url)
        if page is None:
            raise CommandError(
                f"Could not download {url}: no network connection, or the site did not answer."
            )
        document = trafilatura.bare_extraction(page, url=url, with_metadata=True)
        if document is None or not (document.text or "").strip():
            raise CommandError(f"Found no article text at {url}.")
        return services.submit_article(
            title=document.title or url,
            body=document.text,
            url=url,
            outlet=outlet or document.sitename or urlsplit(url).hostname or "",
            published_on=_date(document.date),
        )


def _date(text: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat((text or "")[:10])
    except ValueError:
        return None
