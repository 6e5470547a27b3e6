"""Schemathesis against the live OpenAPI schema: generated requests, no 5xx, all as documented.

The same checks as `bench/schemathesis_api.py`, on a few hundred cases instead of thousands.
"""

import datetime

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from bench.schemathesis_api import Tally, fuzz, offline
from deals.models import WebhookSubscription
from deals.services import plan_deliveries, record_timeline_entry
from tracker.wsgi import application

from .factories import ArticleFactory, CommodityFactory, CountryFactory, deal_with_story

pytestmark = pytest.mark.django_db

CASES = 400


@pytest.fixture
def known(stages, reader):
    """Something in every list, and a row of each collection for operations on one row."""
    country = CountryFactory(name="Chile", slug="chile", iso_code="CL")
    copper = CommodityFactory(name="Copper", slug="copper")
    deal = deal_with_story(stages, title="Copper offtake", party=country, commodity=copper)
    article = ArticleFactory()
    subscription = WebhookSubscription.objects.create(
        owner=reader, target_url="https://hooks.example.org/tracker"
    )
    entry = record_timeline_entry(
        deal=deal,
        status=stages["signed"],
        happened_on=datetime.date(2026, 2, 2),
        article=article,
        quote="The offtake was signed.",
    )
    plan_deliveries(entry=entry)
    return {
        "deals": {"slug": deal.slug},
        "parties": {"slug": country.slug},
        "commodities": {"slug": copper.slug},
        "stages": {"slug": "signed"},
        "articles": {"id": article.pk},
        "webhooks": {"id": subscription.pk},
    }


@pytest.fixture
def unlimited(settings, fresh_cache):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"address": "100000/minute", "token": "100000/minute"},
    }
    # Calling the WSGI app directly would close the test's database connection after each
    # request (Django's test client holds these signals back the same way).
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def test_every_operation_answers_as_its_schema_says(known, token, unlimited):
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
    tally = Tally()

    with offline(tally):
        fuzz(schema, cases=CASES, token=token.key, known=known, tally=tally)

    assert tally.cases >= CASES
    assert tally.clean, tally.report()
    assert {200, 400, 401, 404} <= set(tally.statuses), tally.report()
