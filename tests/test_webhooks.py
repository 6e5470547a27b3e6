"""Webhooks against a real HTTP receiver: signed, retried, once per change, never inward."""

import base64
import datetime
import hashlib
import hmac
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from deals.models import Channel, Deal, OutboxMessage, OutboxState, WebhookSubscription
from deals.services import (
    UnsafeTarget,
    attempt_delivery,
    check_target_url,
    create_subscription,
    plan_deliveries,
    record_timeline_entry,
)
from deals.services.outbox import retry_delay
from deals.tasks import sweep_outbox

from .factories import (
    ArticleFactory,
    CommodityFactory,
    CountryFactory,
    PartyFactory,
    deal_with_story,
)

pytestmark = pytest.mark.django_db


class Receiver:
    """A webhook receiver on a real port that can be down (nothing listening) or up."""

    def __init__(self, status: int = 204):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.status = status
        self.received: list[tuple[dict, bytes]] = []
        self.server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/tracker?source=test"

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()


@pytest.fixture
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.stop()


@pytest.fixture
def webhook_settings(settings):
    settings.TRACKER_WEBHOOKS_ALLOW_LOOPBACK = True
    settings.TRACKER_WEBHOOKS_TIMEOUT_SECONDS = 2
    # Every retry is due at once, so a test can play an outage through without waiting.
    settings.TRACKER_WEBHOOKS_RETRY_BASE_SECONDS = 0
    return settings


def verify(secret: str, headers: dict, body: bytes) -> bool:
    """Standard Webhooks verification, written from the spec as a receiver would."""
    key = base64.b64decode(secret.split("_", 1)[1])
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.{body.decode()}"
    expected = base64.b64encode(hmac.new(key, signed.encode(), hashlib.sha256).digest()).decode()
    return any(
        hmac.compare_digest(expected, signature.split(",", 1)[1])
        for signature in headers["webhook-signature"].split()
        if signature.startswith("v1,")
    )


@pytest.fixture
def deal(stages):
    return deal_with_story(
        stages,
        title="Nickel smelter",
        party=PartyFactory(name="Vale", slug="vale"),
        commodity=CommodityFactory(name="Nickel", slug="nickel"),
    )


def record(deal, status, day: int, django_capture_on_commit_callbacks):
    """Record an entry as the admin or the parser would, running what follows the commit."""
    with django_capture_on_commit_callbacks(execute=True):
        return record_timeline_entry(
            deal=deal,
            status=status,
            happened_on=datetime.date(2026, 5, day),
            article=ArticleFactory(),
            quote=f"News of day {day}.",
        )


def test_each_change_arrives_signed_the_standard_webhooks_way(
    webhook_settings, receiver, reader, deal, stages, django_capture_on_commit_callbacks
):
    receiver.start()
    subscription = create_subscription(owner=reader, target_url=receiver.url)

    entry = record(deal, stages["signed"], 3, django_capture_on_commit_callbacks)

    [(headers, body)] = receiver.received
    delivery = OutboxMessage.objects.get()
    assert subscription.secret.startswith("whsec_")
    assert verify(subscription.secret, headers, body)
    assert not verify("whsec_" + base64.b64encode(b"x" * 32).decode(), headers, body)
    assert headers["webhook-id"] == delivery.webhook_id
    assert abs(int(headers["webhook-timestamp"]) - timezone.now().timestamp()) < 60
    event = json.loads(body)
    assert event["type"] == "change.recorded"
    assert event["data"]["id"] == entry.pk
    assert event["data"]["deal"]["slug"] == "nickel-smelter"
    assert event["data"]["stage"] == {"slug": "signed", "name": "Signed"}
    assert delivery.state == OutboxState.DELIVERED
    assert delivery.attempt_log.get().status_code == 204


def test_a_receiver_down_for_a_while_gets_every_change_exactly_once_when_back(
    webhook_settings, receiver, reader, deal, stages, django_capture_on_commit_callbacks
):
    create_subscription(owner=reader, target_url=receiver.url)
    entries = [
        record(deal, stages[slug], day, django_capture_on_commit_callbacks)
        for day, slug in [(2, "negotiating"), (4, "framework"), (1, "talks")]
    ]
    sweep_outbox()  # still down: a second failed attempt each

    pending = OutboxMessage.objects.filter(state=OutboxState.PENDING)
    assert pending.count() == 3
    assert {delivery.attempts for delivery in pending} == {2}
    assert "NewConnectionError" in pending.first().last_error

    receiver.start()
    sweep_outbox()
    sweep_outbox()  # nothing left: nothing sent twice

    ids = [headers["webhook-id"] for headers, _ in receiver.received]
    delivered = {json.loads(body)["data"]["id"] for _, body in receiver.received}
    assert len(ids) == len(set(ids)) == 3
    assert delivered == {entry.pk for entry in entries}
    assert set(ids) == {delivery.webhook_id for delivery in OutboxMessage.objects.all()}
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {"delivered"}
    assert [a.succeeded for a in OutboxMessage.objects.first().attempt_log.all()] == [
        False,
        False,
        True,
    ]


def test_a_receiver_error_is_retried_with_a_growing_delay(
    webhook_settings, receiver, reader, deal, stages, django_capture_on_commit_callbacks
):
    webhook_settings.TRACKER_WEBHOOKS_RETRY_BASE_SECONDS = 30
    receiver.status = 503
    receiver.start()
    create_subscription(owner=reader, target_url=receiver.url)

    record(deal, stages["signed"], 3, django_capture_on_commit_callbacks)

    delivery = OutboxMessage.objects.get()
    assert delivery.last_status_code == 503
    assert delivery.state == OutboxState.PENDING
    assert delivery.next_attempt_at > timezone.now() + datetime.timedelta(seconds=25)
    assert sweep_outbox() == 0  # not due yet
    assert [retry_delay(Channel.WEBHOOK, n).total_seconds() for n in (1, 2, 3, 4)] == [
        30,
        60,
        120,
        240,
    ]
    webhook_settings.TRACKER_WEBHOOKS_RETRY_MAX_SECONDS = 100
    assert retry_delay(Channel.WEBHOOK, 10).total_seconds() == 100


def test_a_delivery_is_sent_by_one_worker_only(webhook_settings, receiver, reader, deal, stages):
    receiver.start()
    create_subscription(owner=reader, target_url=receiver.url)
    entry = deal.timeline.get()

    [delivery_pk] = plan_deliveries(entry=entry)
    assert plan_deliveries(entry=entry) == [delivery_pk]  # planned twice, planned once

    assert attempt_delivery(delivery_pk=delivery_pk) is True
    assert attempt_delivery(delivery_pk=delivery_pk) is None
    assert len(receiver.received) == 1


def test_subscriptions_receive_only_the_changes_their_filters_match(
    webhook_settings, receiver, reader, deal, stages, django_capture_on_commit_callbacks
):
    receiver.start()
    other = deal_with_story(
        stages,
        title="Copper mine",
        party=PartyFactory(name="Codelco", slug="codelco"),
        commodity=CommodityFactory(name="Copper", slug="copper"),
    )
    by_party = create_subscription(
        owner=reader, target_url=receiver.url, parties=[other.parties.get()]
    )
    by_stage = create_subscription(owner=reader, target_url=receiver.url, stages=[stages["signed"]])
    by_deal = create_subscription(owner=reader, target_url=receiver.url, deals=[deal])

    record(deal, stages["signed"], 3, django_capture_on_commit_callbacks)
    record(other, stages["framework"], 3, django_capture_on_commit_callbacks)

    def received(subscription):
        return sorted(
            (d.entry.deal.slug, d.entry.status.slug) for d in subscription.deliveries.all()
        )

    assert received(by_party) == [("copper-mine", "framework")]
    assert received(by_stage) == [("nickel-smelter", "signed")]
    assert received(by_deal) == [("nickel-smelter", "signed")]


def test_a_country_filter_delivers_the_deals_of_parties_based_there(
    reader, stages, webhook_settings
):
    chile = CountryFactory(name="Chile", slug="chile", iso_code="CL")
    mine = deal_with_story(
        stages,
        title="Copper mine",
        party=PartyFactory(name="Codelco", slug="codelco", country=chile),
        commodity=CommodityFactory(name="Copper", slug="copper"),
    )
    by_country = create_subscription(
        owner=reader, target_url="http://127.0.0.1:9/hooks", parties=[chile]
    )

    entry = record_timeline_entry(
        deal=mine,
        status=stages["signed"],
        happened_on=datetime.date(2026, 5, 3),
        article=ArticleFactory(),
        quote="Codelco signed.",
    )
    plan_deliveries(entry=entry)

    # The same meaning as the country's page and its followers' emails.
    assert Deal.objects.involving(chile).filter(pk=mine.pk).exists()
    assert list(by_country.deliveries.values_list("entry", flat=True)) == [entry.pk]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hook",
        "http://localhost:8000/hook",
        "http://10.1.2.3/hook",
        "http://192.168.0.10/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hook",
        "http://[fe80::1]/hook",
        "http://0.0.0.0/hook",
        "ftp://example.org/hook",
        "http://user:pass@93.184.216.34/hook",
    ],
)
def test_urls_that_do_not_point_at_the_public_internet_are_refused(settings, url):
    settings.TRACKER_WEBHOOKS_ALLOW_LOOPBACK = False

    with pytest.raises(UnsafeTarget):
        check_target_url(url)


def test_loopback_is_allowed_only_when_the_setting_says_so(settings):
    settings.TRACKER_WEBHOOKS_ALLOW_LOOPBACK = True

    assert check_target_url("http://127.0.0.1:9/hook").addresses == ("127.0.0.1",)
    with pytest.raises(UnsafeTarget):
        check_target_url("http://10.0.0.1/hook")


def test_a_name_that_turns_private_after_registration_is_refused_at_delivery(
    webhook_settings, monkeypatch, reader, deal
):
    public = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 443))]
    private = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", 443))]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: public)
    create_subscription(owner=reader, target_url="https://hooks.example.org/tracker")
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: private)

    [delivery_pk] = plan_deliveries(entry=deal.timeline.get())
    attempt_delivery(delivery_pk=delivery_pk)

    delivery = OutboxMessage.objects.get()
    assert delivery.state == OutboxState.PENDING
    assert delivery.last_error.startswith("Refused: hooks.example.org resolves to a private")


def test_a_subscription_failing_for_days_is_disabled_and_its_owner_told(
    webhook_settings, receiver, reader, deal, stages, django_capture_on_commit_callbacks
):
    subscription = create_subscription(owner=reader, target_url=receiver.url)
    WebhookSubscription.objects.filter(pk=subscription.pk).update(
        failing_since=timezone.now() - datetime.timedelta(days=3, minutes=1)
    )

    record(deal, stages["signed"], 3, django_capture_on_commit_callbacks)

    subscription.refresh_from_db()
    assert subscription.is_active is False
    assert "failed since" in subscription.disabled_reason
    assert OutboxMessage.objects.get().state == OutboxState.SKIPPED
    [email] = mail.outbox
    assert email.to == [reader.email]
    assert receiver.url in email.body


# --- Through the API ---------------------------------------------------------------------------


def test_a_client_registers_a_webhook_and_reads_its_secret_and_filters(
    webhook_settings, token_client, deal, stages
):
    response = token_client.post(
        reverse("api:webhook-list"),
        {"target_url": "http://127.0.0.1:9/hook", "deals": [deal.slug], "stages": ["signed"]},
        format="json",
    )

    assert response.status_code == 201
    shown = response.json()
    assert shown["secret"].startswith("whsec_")
    assert shown["deals"] == [deal.slug]
    assert shown["stages"] == ["signed"]
    assert shown["is_active"] is True


def test_registering_a_private_url_through_the_api_is_refused(token_client, settings):
    settings.TRACKER_WEBHOOKS_ALLOW_LOOPBACK = False

    response = token_client.post(
        reverse("api:webhook-list"), {"target_url": "http://127.0.0.1/hook"}, format="json"
    )

    assert response.status_code == 400
    assert "loopback" in response.json()["errors"]["target_url"][0]


def test_webhooks_need_a_token_and_show_only_their_owners(
    webhook_settings, api_client, token_client, editor, deal
):
    create_subscription(owner=editor, target_url="http://127.0.0.1:9/other")

    assert api_client.get(reverse("api:webhook-list")).status_code == 401
    assert token_client.get(reverse("api:webhook-list")).json()["results"] == []
    other = WebhookSubscription.objects.get()
    assert token_client.get(reverse("api:webhook-detail", args=[other.pk])).status_code == 404


def test_the_delivery_log_shows_every_attempt(
    webhook_settings,
    token_client,
    token,
    receiver,
    deal,
    stages,
    django_capture_on_commit_callbacks,
):
    subscription = create_subscription(owner=token.user, target_url=receiver.url)
    record(deal, stages["signed"], 3, django_capture_on_commit_callbacks)
    receiver.start()
    sweep_outbox()

    url = reverse("api:webhook-deliveries", args=[subscription.pk])
    log = token_client.get(url)
    [delivery] = log.json()["results"]

    assert delivery["state"] == "delivered"
    assert delivery["webhook_id"] == receiver.received[0][0]["webhook-id"]
    assert [attempt["succeeded"] for attempt in delivery["attempt_log"]] == [False, True]
    assert delivery["attempt_log"][1]["status_code"] == 204
    assert token_client.get(url, HTTP_IF_NONE_MATCH=log["ETag"]).status_code == 304
    assert "private" in log["Cache-Control"]


def test_switching_a_disabled_webhook_back_on_clears_why_it_was_disabled(
    webhook_settings, token_client, token
):
    subscription = create_subscription(owner=token.user, target_url="http://127.0.0.1:9/hook")
    WebhookSubscription.objects.filter(pk=subscription.pk).update(
        is_active=False, disabled_reason="Failing for days."
    )

    response = token_client.patch(
        reverse("api:webhook-detail", args=[subscription.pk]), {"is_active": True}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["is_active"] is True
    assert response.json()["disabled_reason"] == ""
