from django.contrib.postgres.search import SearchVectorField
from django.db import migrations, models

GIN_INDEX = "deals_deal_search_idx"


def create_gin_index(apps, schema_editor):
    # Only PostgreSQL has GIN; kept out of Meta.indexes because SQLite rebuilds a table with
    # every index of the model whenever a later migration alters it.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX {GIN_INDEX} ON deals_deal USING gin (search_document)")


def drop_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("deals", "0012_news_sources"),
    ]

    operations = [
        migrations.AddField(
            model_name="deal",
            name="search_document",
            field=SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="deal",
            name="search_text",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(create_gin_index, drop_gin_index),
    ]
