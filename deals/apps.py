from django.apps import AppConfig


class DealsConfig(AppConfig):
    """The tracker's one domain app: deals, their parties, commodities, stages and sources."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "deals"
    verbose_name = "Trade deals"

    def ready(self) -> None:
        # The services queue tasks by name; importing them registers them in every process.
        from deals import tasks  # noqa: F401
