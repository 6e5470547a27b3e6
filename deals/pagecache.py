"""Rendered reader pages kept in the cache for visitors who are not signed in.

Pages for visitors are the same for everyone, and rendering one with its lists, filters and chart
costs far more than the queries behind it. Each cached page is keyed by a data version that every
change to the tracker's data replaces, so a visitor never sees a page older than the last change
(within `TRACKER_PAGE_CACHE_SECONDS` when several processes each keep a local-memory cache).
"""

import hashlib
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

DATA_VERSION_KEY = "deals:page-data-version"

#: Models whose rows readers never see on the cached pages: changing them keeps the pages.
_PRIVATE_MODELS = {"follow", "notification", "readerpreference"}


def data_version() -> str:
    """The current version of the tracker's data, made up the first time it is asked for."""
    version = cache.get(DATA_VERSION_KEY)
    if version is None:
        cache.add(DATA_VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(DATA_VERSION_KEY, "")
    return version


def bump_data_version() -> None:
    """Make every cached page stale."""
    cache.set(DATA_VERSION_KEY, uuid.uuid4().hex, None)


def _data_changed(sender, **kwargs) -> None:
    # Now, so this process stops serving old pages at once, and again after the commit, so a
    # page rendered by another request between the two from the old data is not kept.
    bump_data_version()
    transaction.on_commit(bump_data_version)


def watch_data_changes(app_config) -> None:
    """Replace the data version whenever a row readers can see is saved or deleted."""
    for model in app_config.get_models():
        if model._meta.model_name in _PRIVATE_MODELS:
            continue
        post_save.connect(_data_changed, sender=model, dispatch_uid=f"pagecache-save-{model}")
        post_delete.connect(_data_changed, sender=model, dispatch_uid=f"pagecache-del-{model}")
    m2m_changed.connect(_data_changed, dispatch_uid="pagecache-m2m")


def cached_for_visitors(view):
    """Serve `view` from the cache to visitors who are not signed in."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        seconds = settings.TRACKER_PAGE_CACHE_SECONDS
        # Signed-in readers see their own follow buttons and forms; a pending message must be
        # shown once. Neither can come from a shared page.
        if (
            not seconds
            or request.method != "GET"
            or request.user.is_authenticated
            or "messages" in request.COOKIES
        ):
            return view(request, *args, **kwargs)
        # The date is part of the key: pages say how many days ago the last news was.
        source = f"{data_version()}|{timezone.localdate()}|{request.build_absolute_uri()}"
        key = "deals:page:" + hashlib.sha256(source.encode()).hexdigest()
        cached = cache.get(key)
        if cached is not None:
            return cached
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            response.add_post_render_callback(lambda rendered: cache.set(key, rendered, seconds))
        return response

    return cached_view
