"""The product's URLs plus the benchmark's baseline: a trivial Django page."""

from django.http import HttpResponse
from django.urls import path

from tracker.urls import urlpatterns as product_urlpatterns


def trivial(request):
    """The baseline: a response through the full middleware stack, with no template or query."""
    return HttpResponse("<!doctype html><title>ok</title><p>ok</p>")


urlpatterns = [path("bench/trivial/", trivial), *product_urlpatterns]
