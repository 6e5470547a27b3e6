"""Schemathesis against the live OpenAPI schema: generated requests, no 5xx, all as documented."""

import datetime
import socket

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from deals.services import record_timeline_entry
from tracker.wsgi import application

from .factories import ArticleFactory, CommodityFactory, CountryFactory, deal_with_story

pytestmark = pytest.mark.django_db

#: Generated requests per operation; operations with few possible inputs run out sooner.
EXAMPLES_PER_OPERATION = 64
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def data(stages):
    """Something in every list, so responses with content are checked too."""
    country = CountryFactory(name="Chile", slug="chile", iso_code="CL")
    copper = CommodityFactory(name="Copper", slug="copper")
    deal = deal_with_story(stages, title="Copper offtake", party=country, commodity=copper)
    record_timeline_entry(
        deal=deal,
        status=stages["signed"],
        happened_on=datetime.date(2026, 2, 2),
        article=ArticleFactory(),
        quote="The offtake was signed.",
    )
    return deal


@pytest.fixture
def unlimited(settings, fresh_cache, monkeypatch):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"address": "100000/minute", "token": "100000/minute"},
    }
    # Generated webhook hosts resolve to a public address at once, without asking real DNS.
    public = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 443))]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: public)
    # Calling the WSGI app directly would close the test's database connection after each
    # request (Django's test client holds these signals back the same way).
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def _fuzz(operation, token_key: str) -> int:
    """Send generated requests to one operation and check each answer; how many were sent."""
    sent = 0
    strategy = operation.as_strategy(headers={"Authorization": f"Token {token_key}"})

    @given(case=strategy)
    @hypothesis_settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        nonlocal sent
        sent += 1
        case.call_and_validate(checks=CHECKS)

    run()
    return sent


def test_every_operation_answers_as_its_schema_says(data, token, unlimited):
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)

    sent = {
        f"{operation.method.upper()} {operation.path}": _fuzz(operation, token.key)
        for operation in (result.ok() for result in schema.get_all_operations())
    }

    assert sum(sent.values()) >= 1000, sent
    assert all(sent.values()), sent
