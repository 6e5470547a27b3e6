"""One outbox for every announcement: emails, digest emails and webhook deliveries.

Every Notification and WebhookDelivery row is copied into OutboxMessage with its state, attempts,
times, message id and payload, and each webhook attempt is pointed at its new row; the two old
tables are then dropped. Nothing pending is lost and nothing sent is sent again: an email "being
sent" by a worker the deployment stopped is due again once its lease would have ended.
"""

import datetime
import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import Case, Value, When

from deals.permissions import sync_editors_group

#: The lease a claim holds, as deals/services/outbox.py has it when this migration is written.
LEASE = datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
CHUNK = 500

EMAIL_STATES = {
    "pending": "pending",
    "sending": "pending",
    "sent": "delivered",
    "skipped": "skipped",
    "failed": "failed",
}
WEBHOOK_STATES = {"pending": "pending", "delivered": "delivered", "abandoned": "skipped"}


def _chunks(queryset):
    rows = []
    for row in queryset.order_by("pk").iterator(chunk_size=CHUNK):
        rows.append(row)
        if len(rows) == CHUNK:
            yield rows
            rows = []
    if rows:
        yield rows


def _insert(Model, pairs) -> dict:
    """Insert (old row, new row, times) triples; keep their times; old pk -> new pk."""
    Model.objects.bulk_create([new for _, new, _ in pairs])
    by_message = dict(
        Model.objects.filter(message_id__in=[new.message_id for _, new, _ in pairs]).values_list(
            "message_id", "pk"
        )
    )
    new_pks = {old.pk: by_message[new.message_id] for old, new, _ in pairs}
    # auto_now_add and auto_now would stamp the copy with today: set the old times again.
    for field in ("created_at", "updated_at"):
        Model.objects.filter(pk__in=new_pks.values()).update(
            **{
                field: Case(
                    *[
                        When(pk=new_pks[old.pk], then=Value(times[field]))
                        for old, _, times in pairs
                    ],
                    output_field=models.DateTimeField(),
                )
            }
        )
    return new_pks


def copy_into_outbox(apps, schema_editor):
    Notification = apps.get_model("deals", "Notification")
    WebhookDelivery = apps.get_model("deals", "WebhookDelivery")
    WebhookAttempt = apps.get_model("deals", "WebhookAttempt")
    OutboxMessage = apps.get_model("deals", "OutboxMessage")

    for rows in _chunks(Notification.objects.all()):
        pairs = []
        for old in rows:
            daily = old.delivery == "daily"
            if old.state == "sending":
                next_attempt_at = old.state_changed_at + LEASE
            elif old.state == "pending":
                next_attempt_at = None if daily else old.state_changed_at
            else:
                next_attempt_at = None
            new = OutboxMessage(
                channel="digest" if daily else "email",
                entry_id=old.entry_id,
                user_id=old.user_id,
                follow_id=old.follow_id,
                reason=old.reason,
                message_id=uuid.uuid4(),
                state=EMAIL_STATES[old.state],
                attempts=old.attempts,
                next_attempt_at=next_attempt_at,
                last_error=old.last_error,
                delivered_at=old.sent_at,
            )
            times = {"created_at": old.created_at, "updated_at": old.state_changed_at}
            pairs.append((old, new, times))
        _insert(OutboxMessage, pairs)

    for rows in _chunks(WebhookDelivery.objects.all()):
        pairs = []
        for old in rows:
            new = OutboxMessage(
                channel="webhook",
                entry_id=old.entry_id,
                subscription_id=old.subscription_id,
                payload=old.payload,
                message_id=old.message_id,
                state=WEBHOOK_STATES[old.state],
                attempts=old.attempts,
                next_attempt_at=old.next_attempt_at,
                last_status_code=old.last_status_code,
                last_error=old.last_error,
                delivered_at=old.delivered_at,
            )
            times = {"created_at": old.created_at, "updated_at": old.updated_at}
            pairs.append((old, new, times))
        for old_pk, new_pk in _insert(OutboxMessage, pairs).items():
            WebhookAttempt.objects.filter(delivery_id=old_pk).update(message_id=new_pk)


def copy_back(apps, schema_editor):
    """Undo: the outbox's rows back into the two old tables, states as they had them."""
    Notification = apps.get_model("deals", "Notification")
    WebhookDelivery = apps.get_model("deals", "WebhookDelivery")
    WebhookAttempt = apps.get_model("deals", "WebhookAttempt")
    OutboxMessage = apps.get_model("deals", "OutboxMessage")
    email_states = {"pending": "pending", "delivered": "sent", "skipped": "skipped"}
    webhook_states = {"pending": "pending", "delivered": "delivered"}

    for message in OutboxMessage.objects.order_by("pk").iterator(chunk_size=CHUNK):
        if message.channel == "webhook":
            old = WebhookDelivery.objects.create(
                subscription_id=message.subscription_id,
                entry_id=message.entry_id,
                message_id=message.message_id,
                payload=message.payload,
                state=webhook_states.get(message.state, "abandoned"),
                attempts=message.attempts,
                next_attempt_at=message.next_attempt_at,
                last_status_code=message.last_status_code,
                last_error=message.last_error,
                delivered_at=message.delivered_at,
            )
            WebhookDelivery.objects.filter(pk=old.pk).update(
                created_at=message.created_at, updated_at=message.updated_at
            )
            WebhookAttempt.objects.filter(message_id=message.pk).update(delivery_id=old.pk)
        else:
            old = Notification.objects.create(
                user_id=message.user_id,
                entry_id=message.entry_id,
                follow_id=message.follow_id,
                reason=message.reason,
                delivery="daily" if message.channel == "digest" else "immediate",
                state=email_states.get(message.state, "failed"),
                attempts=message.attempts,
                last_error=message.last_error,
                sent_at=message.delivered_at,
            )
            Notification.objects.filter(pk=old.pk).update(
                created_at=message.created_at, state_changed_at=message.updated_at
            )


class Migration(migrations.Migration):
    dependencies = [
        ("deals", "0013_search"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="OutboxMessage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "channel",
                    models.CharField(
                        choices=[
                            ("email", "Email at once"),
                            ("digest", "Daily digest email"),
                            ("webhook", "Webhook"),
                        ],
                        max_length=10,
                    ),
                ),
                (
                    "reason",
                    models.CharField(
                        blank=True,
                        help_text="Why the reader is told: what they follow.",
                        max_length=300,
                    ),
                ),
                ("payload", models.TextField(blank=True, editable=False)),
                (
                    "message_id",
                    models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("pending", "Waiting to be sent"),
                            ("delivered", "Sent"),
                            ("skipped", "Not sent"),
                            ("failed", "Could not be sent"),
                        ],
                        default="pending",
                        max_length=10,
                    ),
                ),
                ("attempts", models.PositiveIntegerField(default=0)),
                ("next_attempt_at", models.DateTimeField(blank=True, null=True)),
                ("last_status_code", models.PositiveSmallIntegerField(blank=True, null=True)),
                ("last_error", models.TextField(blank=True)),
                ("delivered_at", models.DateTimeField(blank=True, null=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "entry",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="outbox_messages",
                        to="deals.timelineentry",
                    ),
                ),
                (
                    "follow",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="outbox_messages",
                        to="deals.follow",
                    ),
                ),
                (
                    "subscription",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="deliveries",
                        to="deals.webhooksubscription",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="outbox_messages",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "outbox message",
                "ordering": ["-created_at", "-id"],
                "indexes": [
                    models.Index(
                        condition=models.Q(("state", "pending")),
                        fields=["next_attempt_at"],
                        name="deals_outbox_due_idx",
                    )
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(
                                ("channel__in", ("email", "digest")),
                                ("subscription__isnull", True),
                                ("user__isnull", False),
                            ),
                            models.Q(
                                ("channel", "webhook"),
                                ("follow__isnull", True),
                                ("subscription__isnull", False),
                                ("user__isnull", True),
                            ),
                            _connector="OR",
                        ),
                        name="deals_outboxmessage_recipient_fits_channel",
                    ),
                    models.UniqueConstraint(
                        fields=("entry", "user"), name="deals_outboxmessage_once_per_reader"
                    ),
                    models.UniqueConstraint(
                        fields=("entry", "subscription"),
                        name="deals_outboxmessage_once_per_subscription",
                    ),
                ],
            },
        ),
        # The attempt log moves to the new rows: a second link, filled by the copy, takes the
        # old one's place.
        migrations.AddField(
            model_name="webhookattempt",
            name="message",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="deals.outboxmessage",
            ),
        ),
        # Nullable while it goes, so that undoing this migration can add it back to filled rows.
        migrations.AlterField(
            model_name="webhookattempt",
            name="delivery",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="attempt_log",
                to="deals.webhookdelivery",
            ),
        ),
        migrations.RunPython(copy_into_outbox, copy_back),
        migrations.RemoveField(model_name="webhookattempt", name="delivery"),
        migrations.RenameField(
            model_name="webhookattempt", old_name="message", new_name="delivery"
        ),
        migrations.AlterField(
            model_name="webhookattempt",
            name="delivery",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="attempt_log",
                to="deals.outboxmessage",
            ),
        ),
        migrations.DeleteModel(name="Notification"),
        migrations.DeleteModel(name="WebhookDelivery"),
        migrations.CreateModel(
            name="WebhookDelivery",
            fields=[],
            options={
                "verbose_name": "webhook delivery",
                "verbose_name_plural": "webhook deliveries",
                "ordering": ["-created_at", "-id"],
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("deals.outboxmessage",),
        ),
        migrations.RunPython(sync_editors_group, migrations.RunPython.noop),
    ]
