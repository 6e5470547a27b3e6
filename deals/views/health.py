"""Pages of the tracker that are not part of the reader pages or the API."""

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from deals import sharedcache
from tracker.celery import app as celery_app


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def _broker_state() -> str:
    if not settings.REDIS_URL:
        return "in-process"
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception:
        return "unreachable"
    return "ok"


@never_cache
@require_GET
def healthz(request):
    """Report whether the database, the task broker and the shared cache answer.

    Without the database nothing works: 503. Without Redis the site still serves and saves
    what it is sent (tasks wait for the sweeper, pages skip the shared cache, throttles count
    per process): 200, status `degraded`, naming what is away.
    """
    database = "ok" if _database_ok() else "unreachable"
    broker = _broker_state()
    cache = sharedcache.state()
    if database != "ok":
        status = "unhealthy"
    elif "unreachable" in (broker, cache):
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse(
        {"status": status, "database": database, "broker": broker, "cache": cache},
        status=503 if status == "unhealthy" else 200,
    )
