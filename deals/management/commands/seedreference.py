"""Add the reference data the tracker ships: on a new database, and after each upgrade."""

from django.core.management.base import BaseCommand

from deals import services


class Command(BaseCommand):
    help = (
        "Add the countries (with ISO codes), trade blocs and commodity taxonomy the tracker ships. "
        "Rows already there, and editors' changes to them, are left alone: run it after every "
        "upgrade to add what the taxonomy gained."
    )

    def handle(self, *args, **options):
        seeded = services.seed_reference_data()
        self.stdout.write(
            f"Reference data: {seeded.parties} parties ({seeded.party_aliases} names) and "
            f"{seeded.commodities} commodities ({seeded.commodity_aliases} names) added."
        )
