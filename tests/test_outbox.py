"""The outbox: one claim with a lease, one retry policy per channel, one sweeper for all."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from deals import services
from deals.models import Channel, OutboxMessage, OutboxState, WebhookSubscription
from deals.services import outbox
from deals.services.queueing import DELIVER_WEBHOOK, SEND_DIGEST, SEND_NOTIFICATION
from deals.tasks import send_daily_digests, sweep_outbox

from .factories import FollowFactory, UserFactory, published_deal

pytestmark = pytest.mark.usefixtures("fast_password_hashing")


@pytest.fixture
def deal(stages):
    return published_deal(
        title="Lithium offtake",
        stages=[("talks", datetime.date(2026, 1, 5)), ("signed", datetime.date(2026, 2, 9))],
    )


@pytest.fixture
def entry(deal):
    return deal.timeline.order_by("happened_on").last()


@pytest.fixture
def email(entry):
    """One email at once, planned for a follower of the deal and not yet sent."""
    FollowFactory(deal=entry.deal)
    [pk] = services.plan_notifications(entry=entry)
    return OutboxMessage.objects.get(pk=pk)


@pytest.fixture
def delivery(entry, reader):
    """One webhook delivery to an unreachable receiver, planned and not yet sent."""
    WebhookSubscription.objects.create(owner=reader, target_url="https://hooks.example.org/in")
    [pk] = services.plan_deliveries(entry=entry)
    return OutboxMessage.objects.get(pk=pk)


def lease_ends(message: OutboxMessage) -> None:
    """Let time pass until the message's lease (or planned retry) is over."""
    OutboxMessage.objects.filter(pk=message.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )


def test_a_claimed_message_is_not_claimed_again_while_its_lease_runs(email):
    assert outbox.claim(pk=email.pk, channel=Channel.EMAIL) is True
    assert outbox.claim(pk=email.pk, channel=Channel.EMAIL) is False

    email.refresh_from_db()
    assert email.attempts == 1
    assert email.state == OutboxState.PENDING
    assert email.next_attempt_at >= timezone.now() + outbox.lease() - datetime.timedelta(seconds=5)
    assert outbox.due() == []


def test_a_message_is_claimed_only_on_its_own_channel(email):
    assert outbox.claim(pk=email.pk, channel=Channel.WEBHOOK) is False
    assert outbox.claim(pk=email.pk, channel=Channel.EMAIL) is True


def test_a_lease_that_ends_makes_the_message_due_again_and_the_sweeper_sends_it_once(email):
    outbox.claim(pk=email.pk, channel=Channel.EMAIL)  # and the worker is lost

    assert sweep_outbox() == 0
    lease_ends(email)
    assert outbox.due() == [(SEND_NOTIFICATION, email.pk)]
    assert sweep_outbox() == 1
    assert sweep_outbox() == 0

    email.refresh_from_db()
    assert [m.to for m in mail.outbox] == [[email.user.email]]
    assert (email.state, email.attempts) == (OutboxState.DELIVERED, 2)
    assert email.next_attempt_at is None


def test_a_finished_message_is_never_claimed_again(email):
    assert services.send_notification(message_pk=email.pk) is True
    lease_ends(email)

    assert outbox.claim(pk=email.pk, channel=Channel.EMAIL) is False
    assert sweep_outbox() == 0
    assert len(mail.outbox) == 1


def test_each_channel_has_its_own_retry_policy(settings):
    settings.TRACKER_WEBHOOKS_RETRY_BASE_SECONDS = 30
    settings.TRACKER_WEBHOOKS_RETRY_MAX_SECONDS = 3600
    settings.TRACKER_WEBHOOKS_MAX_ATTEMPTS = 10

    def delays(channel):
        return [outbox.retry_delay(channel, n).total_seconds() for n in range(1, 8)]

    assert delays(Channel.EMAIL) == [0, 60, 300, 900, 3600, 3600, 3600]
    assert delays(Channel.DIGEST) == delays(Channel.EMAIL)
    assert delays(Channel.WEBHOOK) == [30, 60, 120, 240, 480, 960, 1920]
    assert outbox.retry_policy(Channel.EMAIL).max_attempts == 6
    assert outbox.retry_policy(Channel.WEBHOOK).max_attempts == 10


def test_a_failed_attempt_waits_by_its_channel_policy_and_the_last_one_fails_for_good(
    delivery, settings
):
    settings.TRACKER_WEBHOOKS_RETRY_BASE_SECONDS = 30
    settings.TRACKER_WEBHOOKS_MAX_ATTEMPTS = 2

    outbox.claim(pk=delivery.pk, channel=Channel.WEBHOOK)
    wait = outbox.retry_later(pks=[delivery.pk], error="503 Service Unavailable", status_code=503)
    delivery.refresh_from_db()
    assert wait == datetime.timedelta(seconds=30)
    assert delivery.state == OutboxState.PENDING
    assert delivery.next_attempt_at > timezone.now() + datetime.timedelta(seconds=25)
    assert outbox.claim(pk=delivery.pk, channel=Channel.WEBHOOK) is False  # not due yet

    lease_ends(delivery)
    assert outbox.claim(pk=delivery.pk, channel=Channel.WEBHOOK) is True
    assert outbox.retry_later(pks=[delivery.pk], error="503 again", status_code=503) is None
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.last_error) == (
        OutboxState.FAILED,
        2,
        "503 again",
    )


def test_the_sweeper_gives_up_on_a_message_whose_last_attempt_lost_its_worker(email):
    OutboxMessage.objects.filter(pk=email.pk).update(
        attempts=outbox.retry_policy(Channel.EMAIL).max_attempts
    )
    lease_ends(email)

    assert sweep_outbox() == 0

    email.refresh_from_db()
    assert email.state == OutboxState.FAILED
    assert mail.outbox == []


class DroppingBackend(EmailBackend):
    """A mail server that keeps dropping the connection."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_an_email_the_mail_server_keeps_dropping_is_tried_by_the_policy_then_failed(
    email, settings
):
    settings.EMAIL_BACKEND = "tests.test_outbox.DroppingBackend"

    with pytest.raises(services.TransientEmailError):
        services.send_notification(message_pk=email.pk)
    email.refresh_from_db()
    assert (email.state, email.attempts) == (OutboxState.PENDING, 1)
    for _ in range(outbox.retry_policy(Channel.EMAIL).max_attempts - 1):
        lease_ends(email)
        with pytest.raises(services.TransientEmailError):
            services.send_notification(message_pk=email.pk)

    email.refresh_from_db()
    assert email.state == OutboxState.FAILED
    assert email.attempts == outbox.retry_policy(Channel.EMAIL).max_attempts
    assert "Connection unexpectedly closed" in email.last_error


def test_the_one_sweeper_queues_each_channel(entry, settings):
    settings.TRACKER_WEBHOOKS_ALLOW_LOOPBACK = True
    at_once = FollowFactory(deal=entry.deal).user
    daily = FollowFactory(deal=entry.deal).user
    services.set_delivery(user=daily, delivery="daily")
    subscription = WebhookSubscription.objects.create(
        owner=UserFactory(), target_url="http://127.0.0.1:9/hooks"
    )
    # Planned, but every message the announcement queued was lost.
    services.plan_notifications(entry=entry)
    services.plan_deliveries(entry=entry)
    assert outbox.open_digests() == [daily.pk]

    queued = set(outbox.due())
    assert sweep_outbox() == 3

    assert set(queued) == {
        (SEND_NOTIFICATION, OutboxMessage.objects.get(user=at_once).pk),
        (SEND_DIGEST, daily.pk),
        (DELIVER_WEBHOOK, subscription.deliveries.get().pk),
    }
    states = dict(OutboxMessage.objects.values_list("channel", "state"))
    assert states == {
        Channel.EMAIL: OutboxState.DELIVERED,
        Channel.DIGEST: OutboxState.DELIVERED,
        # Nothing listens on port 9: the delivery waits for its retry.
        Channel.WEBHOOK: OutboxState.PENDING,
    }
    assert sorted(m.to[0] for m in mail.outbox) == sorted([at_once.email, daily.email])


def test_a_digest_waits_for_its_hour_then_its_messages_are_claimed_together(entry):
    reader = FollowFactory(deal=entry.deal).user
    services.set_delivery(user=reader, delivery="daily")
    services.plan_notifications(entry=entry)
    other = published_deal(title="Cobalt", stages=[("talks", datetime.date(2026, 3, 1))])
    FollowFactory(user=reader, deal=other)
    services.plan_notifications(entry=other.timeline.get())

    assert sweep_outbox() == 0  # not due before the digest hour
    assert outbox.claim_digest(user_pk=reader.pk) == []
    outbox.open_digests()
    claimed = outbox.claim_digest(user_pk=reader.pk)

    assert sorted(claimed) == sorted(OutboxMessage.objects.values_list("pk", flat=True))
    assert len(claimed) == 2
    assert outbox.claim_digest(user_pk=reader.pk) == []
    assert sweep_outbox() == 0


def test_a_digest_for_a_reader_who_left_is_not_sent_and_not_swept_again(entry):
    reader = FollowFactory(deal=entry.deal).user
    services.set_delivery(user=reader, delivery="daily")
    services.plan_notifications(entry=entry)
    type(reader).objects.filter(pk=reader.pk).update(is_active=False)

    assert send_daily_digests() == 1

    assert OutboxMessage.objects.get().state == OutboxState.SKIPPED
    assert mail.outbox == []
    assert sweep_outbox() == 0


def test_a_delivery_for_a_paused_subscription_waits_until_it_is_switched_back_on(delivery, reader):
    subscription = delivery.subscription
    services.update_subscription(subscription=subscription, is_active=False)

    assert outbox.due() == []
    services.update_subscription(subscription=subscription, is_active=True)
    assert outbox.due() == [(DELIVER_WEBHOOK, delivery.pk)]


def test_a_message_names_exactly_the_recipient_its_channel_needs(entry, reader):
    from django.db import IntegrityError

    subscription = WebhookSubscription.objects.create(
        owner=reader, target_url="https://hooks.example.org/in"
    )
    with pytest.raises(IntegrityError):
        OutboxMessage.objects.create(
            channel=Channel.WEBHOOK, entry=entry, user=reader, subscription=subscription
        )
