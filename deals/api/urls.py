"""The REST API, under /api/: version 1, its OpenAPI schema and its interactive docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"

router = SimpleRouter()
router.register("deals", views.DealViewSet, basename="deal")
router.register("parties", views.PartyViewSet, basename="party")
router.register("commodities", views.CommodityViewSet, basename="commodity")
router.register("stages", views.StageViewSet, basename="stage")
router.register("changes", views.ChangeViewSet, basename="change")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("webhooks", views.WebhookViewSet, basename="webhook")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI's start-up script comes from /api/docs/?script= rather than inline, which the
    # tracker's Content-Security-Policy (script-src 'self') would block.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
