"""The REST API, under /api/."""

app_name = "api"

urlpatterns: list = []
