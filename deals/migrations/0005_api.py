"""Webhook subscriptions, deliveries and their attempt log; an index for the API's validators."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import deals.models.webhooks
from deals.permissions import sync_editors_group


class Migration(migrations.Migration):
    dependencies = [
        ("deals", "0004_pages"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="WebhookAttempt",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("attempted_at", models.DateTimeField(auto_now_add=True)),
                ("status_code", models.PositiveSmallIntegerField(blank=True, null=True)),
                ("error", models.TextField(blank=True)),
                ("duration_ms", models.PositiveIntegerField(default=0)),
                ("succeeded", models.BooleanField(default=False)),
            ],
            options={
                "ordering": ["delivery", "attempted_at", "id"],
            },
        ),
        migrations.CreateModel(
            name="WebhookDelivery",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("message_id", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ("payload", models.TextField(editable=False)),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("pending", "Pending"),
                            ("delivered", "Delivered"),
                            ("abandoned", "Abandoned"),
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
            ],
            options={
                "verbose_name_plural": "webhook deliveries",
                "ordering": ["-created_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="WebhookSubscription",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("target_url", models.URLField(max_length=2000, verbose_name="target URL")),
                ("description", models.CharField(blank=True, max_length=200)),
                (
                    "secret",
                    models.CharField(
                        default=deals.models.webhooks.new_webhook_secret,
                        help_text="Signs every delivery (Standard Webhooks, whsec_ + base64).",
                        max_length=100,
                    ),
                ),
                ("is_active", models.BooleanField(default=True, verbose_name="active")),
                ("disabled_reason", models.TextField(blank=True)),
                ("failing_since", models.DateTimeField(blank=True, editable=False, null=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name": "webhook subscription",
                "ordering": ["owner", "created_at", "id"],
            },
        ),
        migrations.AddIndex(
            model_name="deal",
            index=models.Index(fields=["updated_at"], name="deals_deal_updated_idx"),
        ),
        migrations.AddField(
            model_name="webhookdelivery",
            name="entry",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="webhook_deliveries",
                to="deals.timelineentry",
            ),
        ),
        migrations.AddField(
            model_name="webhookattempt",
            name="delivery",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="attempt_log",
                to="deals.webhookdelivery",
            ),
        ),
        migrations.AddField(
            model_name="webhooksubscription",
            name="commodities",
            field=models.ManyToManyField(
                blank=True, related_name="webhook_subscriptions", to="deals.commodity"
            ),
        ),
        migrations.AddField(
            model_name="webhooksubscription",
            name="deals",
            field=models.ManyToManyField(
                blank=True, related_name="webhook_subscriptions", to="deals.deal"
            ),
        ),
        migrations.AddField(
            model_name="webhooksubscription",
            name="owner",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="webhook_subscriptions",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="webhooksubscription",
            name="parties",
            field=models.ManyToManyField(
                blank=True, related_name="webhook_subscriptions", to="deals.party"
            ),
        ),
        migrations.AddField(
            model_name="webhooksubscription",
            name="stages",
            field=models.ManyToManyField(
                blank=True, related_name="webhook_subscriptions", to="deals.status"
            ),
        ),
        migrations.AddField(
            model_name="webhookdelivery",
            name="subscription",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="deliveries",
                to="deals.webhooksubscription",
            ),
        ),
        migrations.AddConstraint(
            model_name="webhooksubscription",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("is_active", True),
                    models.Q(("disabled_reason", ""), _negated=True),
                    _connector="OR",
                ),
                name="deals_webhooksubscription_disabled_has_reason",
            ),
        ),
        migrations.AddIndex(
            model_name="webhookdelivery",
            index=models.Index(fields=["state", "next_attempt_at"], name="deals_delivery_due_idx"),
        ),
        migrations.AddConstraint(
            model_name="webhookdelivery",
            constraint=models.UniqueConstraint(
                fields=("subscription", "entry"), name="deals_webhookdelivery_once_per_subscription"
            ),
        ),
        migrations.RunPython(sync_editors_group, migrations.RunPython.noop),
    ]
