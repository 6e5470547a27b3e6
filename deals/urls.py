"""Reader pages."""

app_name = "deals"

urlpatterns: list = []
