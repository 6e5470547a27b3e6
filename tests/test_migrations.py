"""Moving to the outbox: every email and webhook delivery of the old tables carries over.

The database is taken back to the migration before the outbox, filled with old rows in every
state, and migrated forward; the sweeper then sends what was waiting, once, and nothing sent.
"""

import datetime
import json
import uuid

import pytest
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from deals.models import Channel, OutboxMessage, OutboxState, WebhookAttempt, WebhookSubscription
from deals.tasks import send_daily_digests, sweep_outbox

from .factories import FollowFactory, UserFactory, published_deal
from .test_webhooks import Receiver

BEFORE_OUTBOX = [("deals", "0013_search")]


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def latest() -> list[tuple[str, str]]:
    graph = MigrationExecutor(connection).loader.graph
    return [node for node in graph.leaf_nodes() if node[0] == "deals"]


@pytest.fixture
def receiver():
    receiver = Receiver()
    receiver.start()
    yield receiver
    receiver.stop()


@pytest.fixture
def world(transactional_db, stages, fast_password_hashing, receiver, settings):
    """A deal with five changes, a reader told at once, one told daily, and a webhook."""
    settings.TRACKER_WEBHOOKS_ALLOW_LOOPBACK = True
    deal = published_deal(
        title="Graphite offtake",
        stages=[
            ("rumoured", datetime.date(2026, 1, 1)),
            ("talks", datetime.date(2026, 1, 2)),
            ("negotiating", datetime.date(2026, 1, 3)),
            ("framework", datetime.date(2026, 1, 4)),
            ("signed", datetime.date(2026, 1, 5)),
        ],
    )
    # Followers and the subscription come after the changes, so nothing is announced to them.
    at_once, daily = FollowFactory(deal=deal), FollowFactory(deal=deal)
    subscription = WebhookSubscription.objects.create(owner=UserFactory(), target_url=receiver.url)
    entries = list(deal.timeline.order_by("happened_on"))
    mail.outbox.clear()
    assert not OutboxMessage.objects.exists()
    return {
        "entries": entries,
        "at_once": at_once,
        "daily": daily,
        "subscription": subscription,
    }


def fill_old_tables(apps, world) -> dict:
    """Old rows in every state: pending, being sent (worker lost, worker busy), sent, failed."""
    Notification = apps.get_model("deals", "Notification")
    WebhookDelivery = apps.get_model("deals", "WebhookDelivery")
    Attempt = apps.get_model("deals", "WebhookAttempt")
    now = timezone.now()
    hour_ago = now - datetime.timedelta(hours=1)
    e1, e2, e3, e4, e5 = world["entries"]
    at_once, daily = world["at_once"], world["daily"]

    def email(follow, entry, state, *, delivery="immediate", attempts=0, since=hour_ago):
        row = Notification.objects.create(
            user_id=follow.user_id,
            entry_id=entry.pk,
            follow_id=follow.pk,
            reason="You follow the deal “Graphite offtake”.",
            delivery=delivery,
            state=state,
            attempts=attempts,
            sent_at=since if state == "sent" else None,
            last_error="No such user" if state == "failed" else "",
        )
        Notification.objects.filter(pk=row.pk).update(state_changed_at=since, created_at=since)
        return row.pk

    def delivery(entry, state, *, attempts=0, next_attempt_at=None):
        row = WebhookDelivery.objects.create(
            subscription_id=world["subscription"].pk,
            entry_id=entry.pk,
            message_id=uuid.uuid4(),
            payload=json.dumps({"type": "change.recorded", "data": {"id": entry.pk}}),
            state=state,
            attempts=attempts,
            next_attempt_at=next_attempt_at,
            delivered_at=hour_ago if state == "delivered" else None,
        )
        return row

    email(at_once, e1, "pending")
    email(at_once, e2, "sending", attempts=1)  # its worker was lost an hour ago
    email(at_once, e3, "sent", attempts=1)
    email(at_once, e4, "failed", attempts=1)
    email(at_once, e5, "sending", attempts=1, since=now)  # a worker is sending it now
    email(daily, e1, "pending", delivery="daily")
    email(daily, e2, "sent", delivery="daily", attempts=1)

    hooks = {
        "pending": delivery(e1, "pending", next_attempt_at=hour_ago),
        "lost": delivery(e2, "pending", attempts=1, next_attempt_at=hour_ago),
        "delivered": delivery(e3, "delivered", attempts=2),
        "abandoned": delivery(e4, "abandoned", attempts=3),
        "busy": delivery(e5, "pending", next_attempt_at=now + datetime.timedelta(seconds=70)),
    }
    Attempt.objects.create(delivery_id=hooks["lost"].pk, status_code=503, error="Busy")
    Attempt.objects.create(delivery_id=hooks["delivered"].pk, status_code=503, error="Busy")
    Attempt.objects.create(delivery_id=hooks["delivered"].pk, status_code=204, succeeded=True)
    return {name: row.message_id for name, row in hooks.items()}


def test_every_old_email_and_delivery_becomes_one_outbox_message_and_is_sent_once(world, receiver):
    executor = migrate(BEFORE_OUTBOX)
    old_apps = executor.loader.project_state(BEFORE_OUTBOX).apps
    message_ids = fill_old_tables(old_apps, world)

    migrate(latest())

    e1, e2, e3, e4, e5 = world["entries"]
    at_once, daily = world["at_once"].user, world["daily"].user
    emails = {
        (m.user_id, m.entry_id): m for m in OutboxMessage.objects.exclude(channel=Channel.WEBHOOK)
    }
    webhooks = {m.message_id: m for m in OutboxMessage.objects.filter(channel=Channel.WEBHOOK)}
    assert OutboxMessage.objects.count() == len(emails) + len(webhooks) == 7 + 5
    assert {key: (m.channel, m.state, m.attempts) for key, m in emails.items()} == {
        (at_once.pk, e1.pk): (Channel.EMAIL, OutboxState.PENDING, 0),
        (at_once.pk, e2.pk): (Channel.EMAIL, OutboxState.PENDING, 1),
        (at_once.pk, e3.pk): (Channel.EMAIL, OutboxState.DELIVERED, 1),
        (at_once.pk, e4.pk): (Channel.EMAIL, OutboxState.FAILED, 1),
        (at_once.pk, e5.pk): (Channel.EMAIL, OutboxState.PENDING, 1),
        (daily.pk, e1.pk): (Channel.DIGEST, OutboxState.PENDING, 0),
        (daily.pk, e2.pk): (Channel.DIGEST, OutboxState.DELIVERED, 1),
    }
    assert emails[at_once.pk, e4.pk].last_error == "No such user"
    assert emails[at_once.pk, e3.pk].delivered_at is not None
    assert emails[daily.pk, e1.pk].next_attempt_at is None  # waits for the digest hour
    states = {name: webhooks[message_ids[name]].state for name in message_ids}
    assert states == {
        "pending": OutboxState.PENDING,
        "lost": OutboxState.PENDING,
        "delivered": OutboxState.DELIVERED,
        "abandoned": OutboxState.SKIPPED,
        "busy": OutboxState.PENDING,
    }
    delivered = webhooks[message_ids["delivered"]]
    assert [a.succeeded for a in delivered.attempt_log.all()] == [False, True]
    assert (
        WebhookAttempt.objects.get(status_code=503, delivery__attempts=1).delivery
        == (webhooks[message_ids["lost"]])
    )
    assert json.loads(delivered.payload)["data"]["id"] == e3.pk

    # The sweeper sends what was waiting or lost its worker; not what a worker is sending.
    assert sweep_outbox() == 4
    assert sweep_outbox() == 0
    assert sorted(m.subject for m in mail.outbox) == sorted(
        f"Graphite offtake: {entry.previous_status or 'new'} → {entry.status}" for entry in (e1, e2)
    )
    received = [headers["webhook-id"] for headers, _ in receiver.received]
    assert sorted(received) == sorted(
        f"msg_{message_ids[name].hex}" for name in ("pending", "lost")
    )

    # The digest hour sends the waiting digest change, not the one already sent.
    assert send_daily_digests() == 1
    assert send_daily_digests() == 0
    [digest] = [m for m in mail.outbox if m.to == [daily.email]]
    assert digest.subject == "Trade-deal tracker: 1 stage change today"

    # Once the busy worker's lease ends without a word, its messages are sent, once.
    OutboxMessage.objects.filter(entry=e5).update(next_attempt_at=timezone.now())
    assert sweep_outbox() == 2
    assert sweep_outbox() == 0
    assert len(mail.outbox) == 4
    assert len(receiver.received) == 3
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {
        OutboxState.DELIVERED,
        OutboxState.FAILED,
        OutboxState.SKIPPED,
    }
