"""Webhooks in the admin: editors read every subscription and its delivery log."""

from django.contrib import admin

from deals.models import WebhookAttempt, WebhookDelivery, WebhookSubscription


class ReadOnlyAdmin(admin.ModelAdmin):
    """Deliveries are a log: written by the tracker, read by editors."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class WebhookAttemptInline(admin.TabularInline):
    model = WebhookAttempt
    fields = ["attempted_at", "status_code", "error", "duration_ms", "succeeded"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(ReadOnlyAdmin):
    list_display = ["target_url", "owner", "is_active", "failing_since", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["target_url", "description", "owner__username", "owner__email"]
    list_select_related = ["owner"]
    # The secret signs the owner's deliveries: editors have no use for it.
    exclude = ["secret"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    list_display = [
        "entry",
        "subscription",
        "state",
        "attempts",
        "last_status_code",
        "next_attempt_at",
        "delivered_at",
    ]
    list_filter = ["state"]
    search_fields = ["subscription__target_url", "entry__deal__title", "message_id"]
    list_select_related = ["subscription", "entry__deal", "entry__status"]
    date_hierarchy = "created_at"
    inlines = [WebhookAttemptInline]
