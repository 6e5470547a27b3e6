"""Poll the news sources that are due, once (for cron, or a try without a worker), or on and on."""

import time

from django.core.management.base import BaseCommand

from deals import services


class Command(BaseCommand):
    help = (
        "Poll every news source that is due, downloading several feeds at once, and file their "
        "new stories for review. With --every, keep doing so (a laptop without Celery beat)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            metavar="SECONDS",
            help="Poll the due sources again every SECONDS until stopped.",
        )
        parser.add_argument(
            "--concurrency",
            type=int,
            help="Feeds downloaded at once (default: TRACKER_SOURCES_CONCURRENCY).",
        )

    def handle(self, *args, every, concurrency, **options):
        while True:
            done = services.poll_due_now(concurrency=concurrency)
            if done.sources or not every:
                self.stdout.write(
                    f"{done.sources} sources polled ({done.failed} failing), {done.requests} "
                    f"requests, {done.entries} new entries, {done.articles} new articles."
                )
            if not every:
                return
            time.sleep(every)
