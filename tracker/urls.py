"""The tracker's URLs: reader pages, the API, the admin and the health check."""

from django.contrib import admin
from django.urls import include, path

from deals.views import healthz

admin.site.site_header = "Trade-deal tracker"
admin.site.site_title = "Trade-deal tracker"
admin.site.index_title = "Curation"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("api/", include("deals.api.urls")),
    path("", include("deals.urls")),
]
