"""Add the feeds of an OPML file (as feed readers export them) as news sources."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from deals import services


class Command(BaseCommand):
    help = (
        "Add a news source for each feed of an OPML file. Feeds already followed are left as "
        "they are; new sources are untrusted and polled at the next round."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, metavar="FILE")

    def handle(self, *args, file, **options):
        try:
            document = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from None
        try:
            done = services.import_opml(document=document)
        except ValueError as error:
            raise CommandError(str(error)) from None
        for source in done.added:
            self.stdout.write(f"Added {source.name}: {source.feed_url}")
        self.stdout.write(
            f"{len(done.added)} sources added, {done.known} already followed, "
            f"{done.skipped} skipped (not http or https)."
        )
