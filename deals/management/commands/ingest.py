"""Submit article files, or a web page, to the tracker: kept, then fetched and parsed by workers."""

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
        "Submit article files (folders stand for their *.txt files) or one web page (--url), "
        "fetched by the workers. "
        "Articles already in the tracker are recognised and skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", metavar="PATH")
        parser.add_argument(
            "--url", help="Submit the article on this page: the workers fetch it, then parse it."
        )
        parser.add_argument("--outlet", default="", help="The outlet that published them.")

    def handle(self, *args, paths, url, outlet, **options):
        if bool(paths) == bool(url):
            raise CommandError("Give article files or folders, or one --url, not both.")
        if url:
            submitted, failed = [self._submit_url(url, outlet)], 0
        else:
            submitted, failed = self._submit_files(paths, outlet)
        new = [submission.article.pk for submission in submitted if submission.created]
        self.stdout.write(
            f"{len(new)} new, {len(submitted) - len(new)} already known, {failed} failed."
        )
        if url:
            self._report(submitted[0].article)
        elif new:
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

    def _submit_url(self, url, outlet):
        if urlsplit(url).scheme not in ("http", "https"):
            raise CommandError(f"Give an http or https address, not {url!r}.")
        # The page is fetched by the parse task: by a worker, or here once this commits when
        # no broker is configured.
        return services.submit_url(url=url, outlet=outlet)

    def _report(self, article):
        article.refresh_from_db()
        line = f"Article #{article.pk} ({article.url}): {article.get_state_display().lower()}"
        if article.failure_reason:
            line += f": {article.failure_reason}"
        self.stdout.write(line if line.endswith(".") else line + ".")
