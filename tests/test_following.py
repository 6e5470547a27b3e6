"""Following: signing up, following, and the emails readers get when a deal moves."""

import datetime
import itertools
import re
import smtplib
from urllib.parse import urlsplit

import lxml.html
import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.test import Client
from django.urls import reverse

from deals import services
from deals.models import Delivery, Follow, OutboxMessage, OutboxState
from deals.tasks import announce_change, send_daily_digests, sweep_outbox

from .factories import (
    ArticleFactory,
    CommodityFactory,
    CountryFactory,
    FollowFactory,
    PartyFactory,
    UserFactory,
    published_deal,
    stage,
)

pytestmark = pytest.mark.usefixtures("fast_password_hashing")


@pytest.fixture
def deal(stages):
    """A refinery deal between China and a Malaysian fund, about dysprosium, in talks."""
    malaysia = CountryFactory(name="Malaysia", slug="malaysia", iso_code="MY")
    rare_earths = CommodityFactory(name="Rare earths", slug="rare-earths")
    return published_deal(
        title="China-Malaysia rare earths refinery",
        stages=[("talks", datetime.date(2025, 6, 2))],
        parties=[
            CountryFactory(name="China", slug="china", iso_code="CN"),
            PartyFactory(name="Khazanah Nasional", slug="khazanah", country=malaysia),
        ],
        commodities=[CommodityFactory(name="Dysprosium", slug="dysprosium", parent=rare_earths)],
    )


_sources = itertools.count()


def move(deal, slug="framework", *, happened_on=datetime.date(2026, 3, 4), **fields):
    """Record an accepted entry from a fresh source, as an editor would."""
    article = ArticleFactory(
        title=fields.pop("title", "Refinery framework agreed"),
        url=fields.pop("url", f"https://news.example.org/refinery-{next(_sources)}"),
        outlet="Tracker Wire",
    )
    return services.record_timeline_entry(
        deal=deal,
        status=stage(slug),
        happened_on=happened_on,
        article=article,
        quote=fields.pop("quote", "The two sides agreed a framework for the refinery."),
        **fields,
    )


def unsubscribe_path(message) -> str:
    link = next(word for word in message.body.split() if "/unsubscribe/" in word)
    return urlsplit(link).path


# --- Following through the pages ----------------------------------------------------------------


def test_following_needs_a_signed_in_reader_and_a_post(client, deal):
    url = reverse("deals:follow", args=["deal", deal.slug])

    anonymous = client.post(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("deals:login"))

    client.force_login(UserFactory())
    assert client.get(url).status_code == 405
    assert not Follow.objects.exists()


def test_following_is_protected_against_cross_site_requests(deal, reader):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(reader)

    response = browser.post(reverse("deals:follow", args=["deal", deal.slug]))

    assert response.status_code == 403
    assert not Follow.objects.exists()


def test_reader_follows_and_unfollows_a_deal_a_party_and_a_commodity(client, deal, reader):
    client.force_login(reader)

    for kind, slug in [("deal", deal.slug), ("party", "malaysia"), ("commodity", "rare-earths")]:
        response = client.post(reverse("deals:follow", args=[kind, slug]), follow=True)
        assert "We will email you when it moves" in response.content.decode()
        assert 'action="/unfollow/' in response.content.decode()
    client.post(reverse("deals:follow", args=["deal", deal.slug]))
    assert Follow.objects.filter(user=reader).count() == 3

    client.post(reverse("deals:unfollow", args=["party", "malaysia"]))
    assert {str(f.target) for f in Follow.objects.filter(user=reader).with_targets()} == {
        deal.title,
        "Rare earths",
    }


def test_a_follow_names_exactly_one_target(deal, reader):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        Follow.objects.create(user=reader)


def test_sign_up_asks_for_an_email_and_signs_the_reader_in(client, db):
    without_email = client.post(
        reverse("deals:signup"),
        {"username": "amina", "password1": "a-long-passphrase", "password2": "a-long-passphrase"},
    )
    assert without_email.status_code == 200
    assert not get_user_model().objects.exists()

    response = client.post(
        reverse("deals:signup") + "?next=/stages/",
        {
            "username": "amina",
            "email": "amina@example.org",
            "password1": "a-long-passphrase",
            "password2": "a-long-passphrase",
            "next": "/stages/",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/stages/"
    assert client.get(reverse("deals:account")).status_code == 200


def test_sign_up_never_redirects_to_another_site(client, db):
    response = client.post(
        reverse("deals:signup"),
        {
            "username": "amina",
            "email": "amina@example.org",
            "password1": "a-long-passphrase",
            "password2": "a-long-passphrase",
            "next": "https://evil.example.com/",
        },
    )

    assert response["Location"] == reverse("deals:account")


# --- Emails -------------------------------------------------------------------------------------


def test_a_stage_change_emails_each_follower_once_with_the_change_and_its_source(
    deal, django_capture_on_commit_callbacks
):
    deal_reader = FollowFactory(deal=deal).user
    country_reader = FollowFactory(party=deal.parties.get(slug="khazanah").country).user
    commodity_reader = FollowFactory(commodity=CommodityFactory(slug="rare-earths")).user
    both = FollowFactory(deal=deal).user
    FollowFactory(user=both, commodity=CommodityFactory(slug="rare-earths"))
    FollowFactory(commodity=CommodityFactory(name="Copper", slug="copper"))

    with django_capture_on_commit_callbacks(execute=True):
        move(deal)

    by_reader = {message.to[0]: message for message in mail.outbox}
    assert set(by_reader) == {
        deal_reader.email,
        country_reader.email,
        commodity_reader.email,
        both.email,
    }
    message = by_reader[deal_reader.email]
    assert message.subject == (
        "China-Malaysia rare earths refinery: Preliminary talks → Agreed in principle"
    )
    assert "moved from Preliminary talks to Agreed in principle on 4 March 2026" in message.body
    assert "“The two sides agreed a framework for the refinery.”" in message.body
    assert "Source: Refinery framework agreed, Tracker Wire" in message.body
    assert "https://news.example.org/refinery-" in message.body
    assert "http://127.0.0.1:8000/deals/china-malaysia-rare-earths-refinery/" in message.body
    assert "Why you got this: You follow the deal" in message.body
    assert "/unsubscribe/" in message.extra_headers["List-Unsubscribe"]
    html = message.alternatives[0][0]
    assert "The two sides agreed a framework for the refinery." in html
    assert "You follow Malaysia." in by_reader[country_reader.email].body
    assert "You follow the deal" in by_reader[both.email].body


def test_an_entry_that_does_not_change_the_stage_emails_no_one(
    deal, django_capture_on_commit_callbacks
):
    FollowFactory(deal=deal)

    with django_capture_on_commit_callbacks(execute=True):
        move(deal, "talks", happened_on=datetime.date(2025, 7, 1))
        move(deal, "rumoured", happened_on=datetime.date(2024, 1, 1), title="Old rumour")

    assert mail.outbox == []
    assert not OutboxMessage.objects.exists()


def test_announcing_the_same_change_again_sends_nothing_more(
    deal, django_capture_on_commit_callbacks
):
    FollowFactory(deal=deal)
    with django_capture_on_commit_callbacks(execute=True):
        entry = move(deal)

    type(entry).objects.filter(pk=entry.pk).update(announced_at=None)
    announce_change(entry.pk)
    services.plan_notifications(entry=entry)

    assert len(mail.outbox) == 1
    assert OutboxMessage.objects.get().state == OutboxState.DELIVERED


def test_readers_without_an_email_address_or_inactive_are_not_planned(
    deal, django_capture_on_commit_callbacks
):
    FollowFactory(deal=deal, user=UserFactory(email=""))
    FollowFactory(deal=deal, user=UserFactory(is_active=False))

    with django_capture_on_commit_callbacks(execute=True):
        move(deal)

    assert mail.outbox == []


def test_email_escapes_ingested_text_in_html_and_links_only_http_sources(
    deal, django_capture_on_commit_callbacks
):
    FollowFactory(deal=deal)

    with django_capture_on_commit_callbacks(execute=True):
        move(deal, quote="<script>alert(1)</script>", url="javascript:alert(1)")

    html = mail.outbox[0].alternatives[0][0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html
    assert "javascript:" not in html


def test_daily_digest_readers_get_one_email_with_every_change_once(
    deal, stages, django_capture_on_commit_callbacks
):
    reader = FollowFactory(deal=deal).user
    services.set_delivery(user=reader, delivery=Delivery.DAILY)
    other = published_deal(title="US tariff on chips", kind="measure", stages=[])
    FollowFactory(user=reader, deal=other)

    with django_capture_on_commit_callbacks(execute=True):
        move(deal)
        move(other, "threatened", title="Tariff threatened", quote="A tariff is threatened.")
    assert mail.outbox == []

    assert send_daily_digests() == 1
    assert send_daily_digests() == 0

    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.subject == "Trade-deal tracker: 2 stage changes today"
    assert "China-Malaysia rare earths refinery: Preliminary talks -> Agreed in principle" in (
        digest.body
    )
    assert "US tariff on chips: Threatened" in digest.body
    assert digest.body.count("/unsubscribe/") == 2
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {OutboxState.DELIVERED}


def test_the_unsubscribe_link_asks_first_then_stops_the_follow_without_signing_in(
    deal, django_capture_on_commit_callbacks
):
    follow = FollowFactory(party=deal.parties.get(slug="khazanah").country)
    with django_capture_on_commit_callbacks(execute=True):
        move(deal)
    path = unsubscribe_path(mail.outbox[0])
    browser = Client(enforce_csrf_checks=True)

    asked = browser.get(path)
    # Mail scanners and previews open links: opening it changes nothing.
    assert Follow.objects.filter(pk=follow.pk).exists()
    form = lxml.html.fromstring(asked.content).forms[0]
    confirmed = browser.post(form.action or path, dict(form.form_values()))

    assert asked.status_code == 200
    assert "Stop these emails?" in asked.content.decode()
    assert form.method.lower() == "post"
    assert confirmed.status_code == 200
    assert "You no longer follow" in confirmed.content.decode()
    assert not Follow.objects.filter(pk=follow.pk).exists()


def test_mail_programs_can_unsubscribe_with_a_one_click_post(
    deal, django_capture_on_commit_callbacks
):
    FollowFactory(deal=deal)
    with django_capture_on_commit_callbacks(execute=True):
        move(deal)
    link = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")

    response = Client(enforce_csrf_checks=True).post(
        urlsplit(link).path, {"List-Unsubscribe": "One-Click"}
    )

    assert response.status_code == 200
    assert not Follow.objects.exists()


def test_a_tampered_unsubscribe_link_changes_nothing(client, deal):
    follow = FollowFactory(deal=deal)
    token = services.unsubscribe_token(follow)
    forged = token[:-1] + ("A" if token[-1] != "A" else "B")

    asked = client.get(reverse("deals:unsubscribe", args=[forged]))
    confirmed = client.post(reverse("deals:unsubscribe", args=[forged]))

    assert (asked.status_code, confirmed.status_code) == (400, 400)
    assert Follow.objects.filter(pk=follow.pk).exists()


class FlakyBackend(EmailBackend):
    """A mail server that drops the connection the first time it is used."""

    failures = 0

    def send_messages(self, messages):
        if FlakyBackend.failures == 0:
            FlakyBackend.failures += 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


class RefusingBackend(EmailBackend):
    """A mail server that refuses the recipient for good."""

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({"x@example.org": (550, b"No such user")})


def test_a_dropped_connection_is_retried_and_the_email_sent_once(
    deal, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.test_following.FlakyBackend"
    FlakyBackend.failures = 0
    FollowFactory(deal=deal)

    with django_capture_on_commit_callbacks(execute=True):
        move(deal)

    notification = OutboxMessage.objects.get()
    assert len(mail.outbox) == 1
    assert notification.state == OutboxState.DELIVERED
    assert notification.attempts == 2


def test_a_refused_address_is_marked_failed_and_not_retried(
    deal, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.test_following.RefusingBackend"
    FollowFactory(deal=deal)

    with django_capture_on_commit_callbacks(execute=True):
        move(deal)

    notification = OutboxMessage.objects.get()
    assert notification.state == OutboxState.FAILED
    assert notification.attempts == 1
    assert "No such user" in notification.last_error


def test_an_email_a_lost_worker_left_half_sent_is_sent_by_the_sweeper(deal, stages):
    reader = FollowFactory(deal=deal).user
    entry = move(deal)  # Its announcement never ran: no on-commit callbacks here.
    services.plan_notifications(entry=entry)
    long_ago = entry.recorded_at - datetime.timedelta(hours=1)
    # Claimed by a worker that was lost: its lease ended an hour ago.
    OutboxMessage.objects.update(attempts=1, next_attempt_at=long_ago)

    assert sweep_outbox() == 1

    assert [message.to for message in mail.outbox] == [[reader.email]]
    assert OutboxMessage.objects.get().state == OutboxState.DELIVERED


# --- The account page ---------------------------------------------------------------------------


def test_account_page_shows_follows_preference_and_what_was_sent(
    client, deal, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    reader = FollowFactory(deal=deal).user
    FollowFactory(user=reader, party=CountryFactory(slug="malaysia"))
    with django_capture_on_commit_callbacks(execute=True):
        move(deal)
    client.force_login(reader)

    with django_assert_max_num_queries(6):
        page = client.get(reverse("deals:account")).content.decode()

    assert "China-Malaysia rare earths refinery" in page
    assert "Malaysia" in page
    assert "Preliminary talks → Agreed in principle" in page
    assert "Sent" in page
    assert re.search(r'value="immediate"[^>]* checked', page)


def test_reader_chooses_a_daily_digest_on_the_account_page(client, reader):
    client.force_login(reader)

    client.post(reverse("deals:change-delivery"), {"delivery": "daily"})

    assert services.delivery_of(reader) == Delivery.DAILY
    assert client.get(reverse("deals:account")).status_code == 200


def test_account_page_needs_a_signed_in_reader(client, db):
    response = client.get(reverse("deals:account"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("deals:login"))
