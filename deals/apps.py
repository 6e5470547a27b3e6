from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import m2m_changed, post_delete


class DealsConfig(AppConfig):
    """The tracker's one domain app: deals, their parties, commodities, stages and sources."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "deals"
    verbose_name = "Trade deals"

    def ready(self) -> None:
        # The services queue tasks by name; importing them registers them in every process.
        from deals import tasks  # noqa: F401
        from deals.models import Deal
        from deals.pagecache import REMOVABLE, record_goods_removed, record_removal
        from deals.searchresults import deal_deleted
        from deals.versions import watch_connection

        # Every write to the tracker's tables, from any code, renews the data version.
        connection_created.connect(watch_connection, dispatch_uid="deals.versions")
        # A search's kept results are mended by the deals changed since; a deleted one is gone.
        post_delete.connect(deal_deleted, sender=Deal, dispatch_uid="deals.searchresults")
        # A row deleted from a large table moves the version reader pages are kept by.
        for model in REMOVABLE:
            post_delete.connect(record_removal, sender=model, dispatch_uid=f"removal.{model}")
        m2m_changed.connect(
            record_goods_removed, sender=Deal.commodities.through, dispatch_uid="removal.goods"
        )
