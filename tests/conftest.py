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


# --- The ingestion pipeline --------------------------------------------------------------------


@pytest.fixture
def reference_data(stages):
    """The countries, blocs and commodity taxonomy a tracker starts with (as `loaddemo` seeds)."""
    from deals.services import seed_reference_data

    return seed_reference_data()
