"""API tokens in the admin: editors make and revoke their own; superusers anyone's."""

from django.contrib import admin
from rest_framework.authtoken.admin import TokenAdmin
from rest_framework.authtoken.models import Token, TokenProxy

admin.site.unregister(TokenProxy)


@admin.register(TokenProxy)
class OwnTokenAdmin(TokenAdmin):
    """An editor sees only their own token, adds one for themselves and deletes it to revoke it.

    A token is one per account: revoking and adding again gives a new key.
    """

    list_select_related = ["user"]

    def get_queryset(self, request):
        tokens = super().get_queryset(request)
        return tokens if request.user.is_superuser else tokens.filter(user=request.user)

    def get_fields(self, request, obj=None):
        # Editors choose no account: a token they add is theirs.
        return super().get_fields(request, obj) if request.user.is_superuser else []

    def has_add_permission(self, request):
        if not super().has_add_permission(request):
            return False
        return request.user.is_superuser or not Token.objects.filter(user=request.user).exists()

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.user = request.user
        super().save_model(request, obj, form, change)
