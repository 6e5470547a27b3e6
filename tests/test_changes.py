"""One change, two channels: the changes feed and webhook bodies show the same thing."""

import datetime
import json

import pytest
from django.urls import reverse

from deals.api.serializers import ChangeSerializer
from deals.models import OutboxMessage
from deals.services import create_subscription, plan_deliveries, record_timeline_entry

from .factories import ArticleFactory, CommodityFactory, PartyFactory, deal_with_story

pytestmark = pytest.mark.django_db

#: The change as webhook receivers store it: adding or renaming a key breaks their code.
CONTRACT = {
    "id": int,
    "deal": {"url": str, "slug": str, "title": str, "kind": str},
    "happened_on": str,
    "precision": str,
    "stage": {"slug": str, "name": str},
    "previous_stage": {"slug": str, "name": str},
    "changed_stage": bool,
    "kind": str,
    "source": {"title": str, "source_url": str, "outlet": str, "published_on": str},
    "quote": str,
    "note": str,
    "recorded_at": str,
}


def shape(value):
    """The keys and value types of a JSON object, nested."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    return type(value)


@pytest.fixture
def change(settings, reader, stages):
    # Links in webhook bodies point at SITE_URL; the test client asks as testserver.
    settings.SITE_URL = "http://testserver"
    settings.TRACKER_WEBHOOKS_ALLOW_LOOPBACK = True
    deal = deal_with_story(
        stages,
        title="Nickel smelter",
        party=PartyFactory(name="Vale", slug="vale"),
        commodity=CommodityFactory(name="Nickel", slug="nickel"),
    )
    create_subscription(owner=reader, target_url="http://127.0.0.1:9/hooks")
    entry = record_timeline_entry(
        deal=deal,
        status=stages["signed"],
        happened_on=datetime.date(2026, 5, 3),
        article=ArticleFactory(published_on=datetime.date(2026, 5, 3), outlet="Reuters"),
        quote="The two signed the agreement.",
    )
    plan_deliveries(entry=entry)
    return entry


def test_a_webhook_delivers_the_change_exactly_as_the_feed_lists_it(api_client, change):
    feed = api_client.get(reverse("api:change-list")).json()
    [listed] = [item for item in feed["results"] if item["id"] == change.pk]

    body = json.loads(OutboxMessage.objects.get(entry=change).payload)

    assert body["type"] == "change.recorded"
    assert body["data"] == listed


def test_the_change_keeps_the_shape_webhook_receivers_store(change):
    body = json.loads(OutboxMessage.objects.get(entry=change).payload)

    assert shape(body["data"]) == CONTRACT
    assert body["data"]["deal"]["url"] == "http://testserver/api/v1/deals/nickel-smelter/"


def test_the_feed_schema_names_every_key_of_the_change():
    assert list(ChangeSerializer().fields) == list(CONTRACT)
