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
# Production keeps its PostgreSQL connections open (CONN_MAX_AGE=60); the settings close SQLite
# ones after each request, which makes SQLite re-read its schema every time. Serve the bench
# like production, whichever database it runs on.
settings.DATABASES["default"]["CONN_MAX_AGE"] = 60
application = get_wsgi_application()
