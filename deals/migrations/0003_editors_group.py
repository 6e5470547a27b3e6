"""Create the Editors group with exactly the permissions curation needs."""

from django.db import migrations

from deals.permissions import sync_editors_group


class Migration(migrations.Migration):
    dependencies = [
        ("deals", "0002_shipped_stages"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(sync_editors_group, migrations.RunPython.noop)]
