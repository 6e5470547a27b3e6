"""Following: readers follow deals, parties and commodities and are emailed when deals move."""

from django.conf import settings
from django.db import models

from .deals import Deal
from .reference import Commodity, Party


class FollowTarget(models.TextChoices):
    """What a reader can follow."""

    DEAL = "deal", "Deal"
    PARTY = "party", "Party"
    COMMODITY = "commodity", "Commodity"


class FollowQuerySet(models.QuerySet):
    def with_targets(self) -> "FollowQuerySet":
        """Load whichever deal, party or commodity each follow points at."""
        return self.select_related("deal", "party", "commodity")


class Follow(models.Model):
    """A reader following one deal, one party or one commodity (with the ones below it)."""

    # CASCADE: a follow belongs to its reader and to the thing followed; neither outlives it.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    deal = models.ForeignKey(
        Deal, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    party = models.ForeignKey(
        Party, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    commodity = models.ForeignKey(
        Commodity, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FollowQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(deal__isnull=False, party__isnull=True, commodity__isnull=True)
                    | models.Q(deal__isnull=True, party__isnull=False, commodity__isnull=True)
                    | models.Q(deal__isnull=True, party__isnull=True, commodity__isnull=False)
                ),
                name="%(app_label)s_%(class)s_exactly_one_target",
            ),
            # NULLs never clash, so each constraint only bites on its own kind of target.
            models.UniqueConstraint(
                fields=["user", "deal"], name="%(app_label)s_%(class)s_unique_deal_per_user"
            ),
            models.UniqueConstraint(
                fields=["user", "party"], name="%(app_label)s_%(class)s_unique_party_per_user"
            ),
            models.UniqueConstraint(
                fields=["user", "commodity"],
                name="%(app_label)s_%(class)s_unique_commodity_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} follows {self.target}"

    @property
    def target(self) -> Deal | Party | Commodity:
        """The deal, party or commodity followed (load it with `with_targets()`)."""
        return self.deal or self.party or self.commodity

    @property
    def target_kind(self) -> str:
        if self.deal_id:
            return FollowTarget.DEAL
        return FollowTarget.PARTY if self.party_id else FollowTarget.COMMODITY


class Delivery(models.TextChoices):
    """When a reader wants to hear about the deals they follow."""

    IMMEDIATE = "immediate", "An email for each change, as it happens"
    DAILY = "daily", "One email a day with all the changes"


class ReaderPreference(models.Model):
    """How a reader wants to be told; readers without a row get immediate emails."""

    # CASCADE: a preference is part of its reader's account.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reader_preference"
    )
    delivery = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE)

    class Meta:
        ordering = ["user"]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_delivery_display()}"
