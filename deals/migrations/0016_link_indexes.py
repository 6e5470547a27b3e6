from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("deals", "0015_title_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="dealparty",
            index=models.Index(fields=["party", "deal"], name="deals_dealparty_party_deal_idx"),
        ),
        # The same for a commodity's deals. The link table is the one Django makes for
        # Deal.commodities, which declares no index of its own; the SQL is the same on
        # PostgreSQL and SQLite.
        migrations.RunSQL(
            "CREATE INDEX deals_deal_commodities_commodity_deal_idx "
            "ON deals_deal_commodities (commodity_id, deal_id)",
            "DROP INDEX deals_deal_commodities_commodity_deal_idx",
        ),
    ]
