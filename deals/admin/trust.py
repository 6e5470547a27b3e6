"""Editors decide which submitting accounts the tracker trusts."""

from django.contrib import admin
from django.db.models import Count

from deals import services
from deals.models import Contributor


@admin.register(Contributor)
class ContributorAdmin(admin.ModelAdmin):
    """Every account that has submitted articles; trusting one lets its articles skip review.

    Trust is given and withdrawn with the list's actions, which record who decided and when.
    """

    list_display = ["user", "trusted", "article_count", "trusted_by", "trusted_at", "created_at"]
    list_filter = ["trusted"]
    search_fields = ["user__username", "user__email"]
    list_select_related = ["user", "trusted_by"]
    fields = ["user", "trusted", "trusted_by", "trusted_at", "created_at"]
    readonly_fields = fields
    actions = ["trust_selected", "distrust_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(articles=Count("user__submitted_articles"))

    @admin.display(description="articles submitted", ordering="articles")
    def article_count(self, contributor):
        return contributor.articles

    def has_add_permission(self, request):
        # Accounts appear here when they first submit an article.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Trust the selected accounts", permissions=["change"])
    def trust_selected(self, request, queryset):
        for contributor in queryset.select_related("user"):
            services.set_trust(user=contributor.user, trusted=True, decided_by=request.user)
        self.message_user(request, f"{queryset.count()} accounts trusted.")

    @admin.action(description="Stop trusting the selected accounts", permissions=["change"])
    def distrust_selected(self, request, queryset):
        for contributor in queryset.select_related("user"):
            services.set_trust(user=contributor.user, trusted=False, decided_by=request.user)
        self.message_user(request, f"{queryset.count()} accounts no longer trusted.")
