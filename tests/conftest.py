"""Fixtures shared by the whole suite."""

import pytest

from deals.models import Status
from deals.stages import SHIPPED_STAGES

from .factories import EditorFactory, UserFactory


@pytest.fixture
def stages(db):
    """The shipped stage vocabulary, also in tests that flush the database between them."""
    for shipped in SHIPPED_STAGES:
        Status.objects.get_or_create(slug=shipped.slug, defaults=shipped._asdict())
    return {status.slug: status for status in Status.objects.all()}


@pytest.fixture
def editor(db):
    return EditorFactory()


@pytest.fixture
def reader(db):
    return UserFactory()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def fast_password_hashing(settings):
    """Hash test passwords cheaply: the real hasher takes half a second per account."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# --- The API and webhooks (area: api) ----------------------------------------------------------


@pytest.fixture
def fresh_cache(settings):
    """A private, empty cache: throttle counters and cached responses from other tests vanish."""
    import uuid

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"tests-{uuid.uuid4()}",
        }
    }


@pytest.fixture
def api_client(fresh_cache):
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def token(reader):
    from rest_framework.authtoken.models import Token

    return Token.objects.create(user=reader)


@pytest.fixture
def token_client(fresh_cache, token):
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client
