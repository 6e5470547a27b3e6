"""The tracker's URLs: the admin, the health check, and the deals app."""

from django.contrib import admin
from django.urls import path

from deals.views import healthz

admin.site.site_header = "Trade-deal tracker"
admin.site.site_title = "Trade-deal tracker"
admin.site.index_title = "Curation"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]
