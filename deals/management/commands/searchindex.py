"""Rebuild every deal's search document: after upgrading, or after loading deals in bulk."""

from django.core.management.base import BaseCommand

from deals import services


class Command(BaseCommand):
    help = "Rebuild the search document of every deal (readers' full-text search)."

    def handle(self, *args, **options):
        count = services.refresh_search_documents()
        self.stdout.write(f"Rebuilt the search documents of {count} deals.")
