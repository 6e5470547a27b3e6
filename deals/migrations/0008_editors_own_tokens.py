"""Let editors make and revoke their own API tokens in the admin."""

from django.db import migrations

from deals.permissions import sync_editors_group


class Migration(migrations.Migration):
    dependencies = [
        ("deals", "0007_article_fetching"),
        ("authtoken", "0004_alter_tokenproxy_options"),
    ]

    operations = [migrations.RunPython(sync_editors_group, migrations.RunPython.noop)]
