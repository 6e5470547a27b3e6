"""Load the stage vocabulary of STAGES.md. Existing rows keep any wording editors gave them."""

from django.db import migrations

from deals.stages import SHIPPED_STAGES


def load_stages(apps, schema_editor):
    Status = apps.get_model("deals", "Status")
    for stage in SHIPPED_STAGES:
        Status.objects.get_or_create(
            slug=stage.slug,
            defaults={
                "name": stage.name,
                "order": stage.order,
                "track": stage.track,
                "is_final": stage.is_final,
                "description": stage.description,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("deals", "0001_initial")]

    operations = [migrations.RunPython(load_stages, migrations.RunPython.noop)]
