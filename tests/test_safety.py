"""The URL guard shared by webhooks and fetching: IPv6 forms that stand for IPv4 addresses.

Each form is refused when a webhook is registered, before each delivery, before fetching a page
and at each redirect. Host names resolve to literal addresses without DNS, and a connection to
anything but this machine's test server fails the test instead of leaving it.
"""

import socket

import pytest
from django.urls import reverse

from deals import services
from deals.models import ArticleState, OutboxMessage, OutboxState
from deals.services.safety import UnsafeTarget, check_public_url

from .factories import CommodityFactory, PartyFactory, article_page, deal_with_story

pytestmark = pytest.mark.django_db

FORMS = {
    # The cloud metadata service (169.254.169.254) behind the well-known NAT64 prefix.
    "nat64": ("64:ff9b::a9fe:a9fe", "a NAT64 address of a link-local address"),
    "nat64-local-use": ("64:ff9b:1::808:808", "a local-use NAT64 address"),
    "6to4": ("2002:a00:1::1", "a 6to4 address of a private address"),
    "ipv4-compatible": ("::7f00:1", "an IPv4-compatible address"),
    "teredo": ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "a Teredo tunnel address"),
    "ipv4-mapped": ("::ffff:a00:1", "an IPv4-mapped address of a private address"),
}
forms = pytest.mark.parametrize(("address", "reason"), FORMS.values(), ids=FORMS.keys())


@pytest.fixture(autouse=True)
def only_local_connections(monkeypatch):
    from deals.services import safety, webhooks
    from deals.services.safety import connection_pool

    def local_only(target, **kwargs):
        assert target.addresses == ("127.0.0.1",), f"tried to connect to {target.addresses}"
        return connection_pool(target, **kwargs)

    monkeypatch.setattr(safety, "connection_pool", local_only)
    monkeypatch.setattr(webhooks, "connection_pool", local_only)


@pytest.fixture
def resolve_to(monkeypatch):
    """Make every host name resolve to one address, without asking DNS."""

    def resolve(address: str) -> None:
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        found = [(family, socket.SOCK_STREAM, 6, "", (address, 443))]
        monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: found)

    return resolve


@forms
def test_each_form_is_refused_for_what_it_stands_for(settings, address, reason):
    with pytest.raises(UnsafeTarget, match=reason):
        check_public_url(f"http://[{address}]/hook", allow_loopback=False)
    # Allowing loopback (tests, development) does not open what a translator would reach.
    with pytest.raises(UnsafeTarget, match=reason):
        check_public_url(f"http://[{address}]/hook", allow_loopback=True)


@pytest.mark.parametrize("address", ["64:ff9b::808:808", "2002:808:808::1", "::ffff:8.8.8.8"])
def test_a_form_standing_for_a_public_address_is_accepted(address):
    assert check_public_url(f"https://[{address}]/", allow_loopback=False).addresses == (address,)


@forms
def test_each_form_is_refused_when_a_webhook_is_registered(token_client, settings, address, reason):
    settings.TRACKER_WEBHOOKS_ALLOW_LOOPBACK = True

    response = token_client.post(
        reverse("api:webhook-list"), {"target_url": f"https://[{address}]/hook"}, format="json"
    )

    assert response.status_code == 400
    assert reason in response.json()["errors"]["target_url"][0]


@forms
def test_each_form_is_refused_before_a_delivery(
    settings, resolve_to, reader, stages, address, reason
):
    settings.TRACKER_WEBHOOKS_ALLOW_LOOPBACK = True
    deal = deal_with_story(
        stages, title="Nickel smelter", party=PartyFactory(), commodity=CommodityFactory()
    )
    resolve_to("93.184.216.34")
    services.create_subscription(owner=reader, target_url="https://hooks.example.org/tracker")
    resolve_to(address)

    [delivery_pk] = services.plan_deliveries(entry=deal.timeline.get())
    services.attempt_delivery(delivery_pk=delivery_pk)

    delivery = OutboxMessage.objects.get()
    assert delivery.state == OutboxState.PENDING
    assert delivery.last_error.startswith(f"Refused: hooks.example.org resolves to {reason}")


def _fetched(url, callbacks):
    with callbacks(execute=True):
        submission = services.submit_url(url=url)
    submission.article.refresh_from_db()
    return submission.article


@forms
def test_each_form_is_refused_before_fetching_a_page(
    settings, resolve_to, django_capture_on_commit_callbacks, address, reason
):
    settings.TRACKER_FETCH_ALLOW_LOOPBACK = True
    resolve_to(address)

    article = _fetched("https://news.example.org/ban", django_capture_on_commit_callbacks)

    assert article.state == ArticleState.FAILED
    assert f"news.example.org resolves to {reason}" in article.failure_reason


@forms
def test_each_form_is_refused_at_a_redirect(
    settings, web_server, django_capture_on_commit_callbacks, address, reason
):
    settings.TRACKER_FETCH_ALLOW_LOOPBACK = True
    web_server.pages["/moved"] = (302, f"http://[{address}]/latest/meta-data/")
    web_server.pages["/ban"] = (200, "text/html", article_page("Ban", "Malaysia bans exports."))

    article = _fetched(f"{web_server.url}/moved", django_capture_on_commit_callbacks)

    assert article.state == ArticleState.FAILED
    assert article.failure_reason.startswith(f"Refused to fetch http://[{address}]/")
    assert reason in article.failure_reason
    assert web_server.hits["/moved"] == 1
