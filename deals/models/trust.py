"""Whom editors trust to feed the tracker articles that need no review."""

from django.conf import settings
from django.db import models


class Trust(models.Model):
    """An editor's decision to trust a source of articles: whether, who decided and when.

    Any source that can vouch for an article (an account today, a news source later) carries
    these fields, and the tracker reads trust from them and from nothing a submitter typed.
    """

    trusted = models.BooleanField(
        default=False,
        help_text=(
            "Its articles' proposals are accepted without an editor when the parser is sure "
            "enough of them."
        ),
    )
    # SET_NULL: the decision outlives the account of the editor who made it.
    trusted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    trusted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True


class Contributor(Trust):
    """An account that submits articles, and whether editors trust what it submits."""

    # CASCADE: the trust is the account's; it goes with the account.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contributor"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-trusted", "user__username"]

    def __str__(self) -> str:
        return self.user.get_username()
