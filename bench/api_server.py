"""The WSGI app the API benchmark serves: the tracker plus a bench-only constant-JSON view.

The constant view is the baseline: the same server, middleware and process model as the API,
with no database and no serialisation. It lives here so it never reaches the product's URLs.
"""

import os

import django
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import JsonResponse
from django.urls import include, path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
django.setup()


def constant(request):
    return JsonResponse({"status": "ok", "deals": 10_000})


urlpatterns = [path("bench/constant/", constant), path("", include("tracker.urls"))]

# The product's URLs, wrapped: this module is the URLconf of the benchmark's server only.
settings.ROOT_URLCONF = __name__
application = get_wsgi_application()
