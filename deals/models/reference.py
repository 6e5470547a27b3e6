"""Reference data: the stage vocabulary, the parties to deals and the commodities they trade."""

import re
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse


class Track(models.TextChoices):
    """Which kind of deal a stage belongs to."""

    AGREEMENT = "agreement", "Agreement"
    MEASURE = "measure", "Measure"
    BOTH = "both", "Both kinds"


class StatusQuerySet(models.QuerySet):
    def for_kind(self, kind: str) -> "StatusQuerySet":
        """The stages a deal of `kind` can stand at: its own track and the off-track states."""
        return self.filter(track__in=[kind, Track.BOTH])


class Status(models.Model):
    """A stage a deal can stand at, from the vocabulary in STAGES.md."""

    slug = models.SlugField(
        unique=True, help_text="Stable identifier used by the parser, the API and links."
    )
    name = models.CharField(max_length=60)
    order = models.PositiveSmallIntegerField(
        help_text="Position along its track; off-track states come after the tracks."
    )
    track = models.CharField(max_length=10, choices=Track.choices)
    is_final = models.BooleanField(default=False, help_text="No later stage is expected.")
    description = models.TextField(help_text="What this stage means, for readers.")

    objects = StatusQuerySet.as_manager()

    class Meta:
        ordering = ["track", "order"]
        verbose_name = "stage"
        verbose_name_plural = "stages"

    def __str__(self) -> str:
        return self.name

    @property
    def is_on_track(self) -> bool:
        """Whether the stage is a step along a track rather than an off-track state."""
        return self.track != Track.BOTH


class PartyKind(models.TextChoices):
    """What sort of actor a party is."""

    COUNTRY = "country", "Country"
    BLOC = "bloc", "Bloc"
    COMPANY = "company", "Company"
    STATE_OWNED_ENTERPRISE = "state_owned_enterprise", "State-owned enterprise"
    SOVEREIGN_FUND = "sovereign_fund", "Sovereign fund"
    GOVERNMENT_BODY = "government_body", "Government body"
    INTERNATIONAL_ORG = "international_org", "International organisation"


class PartyQuerySet(models.QuerySet):
    def countries(self) -> "PartyQuerySet":
        return self.filter(kind=PartyKind.COUNTRY)

    def based_in(self, countries: models.QuerySet) -> list[int]:
        """The ids of `countries` and of the parties based in one of them."""
        return list(
            self.filter(models.Q(pk__in=countries) | models.Q(country__in=countries)).values_list(
                "pk", flat=True
            )
        )


class Party(models.Model):
    """A country, bloc, company or other actor that takes part in deals."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=PartyKind.choices, db_index=True)
    iso_code = models.CharField(
        "ISO 3166 code",
        max_length=2,
        blank=True,
        help_text="Two-letter ISO 3166-1 code; countries only.",
    )
    # PROTECT: a country with organisations based in it cannot disappear from under them.
    country = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="based_here",
        limit_choices_to={"kind": PartyKind.COUNTRY},
        help_text="Home country, for parties that are not countries themselves.",
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="The party that owns or controls this one (Khazanah Nasional: Malaysia).",
    )
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PartyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "parties"
        constraints = [
            models.UniqueConstraint(Lower("name"), name="%(app_label)s_%(class)s_unique_name_ci"),
            models.UniqueConstraint(
                fields=["iso_code"],
                condition=~models.Q(iso_code=""),
                name="%(app_label)s_%(class)s_unique_iso_code",
            ),
            models.CheckConstraint(
                condition=models.Q(kind=PartyKind.COUNTRY) | models.Q(iso_code=""),
                name="%(app_label)s_%(class)s_iso_code_only_for_countries",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=PartyKind.COUNTRY) | models.Q(country__isnull=True),
                name="%(app_label)s_%(class)s_country_has_no_home_country",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("deals:party-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        self.iso_code = self.iso_code.upper()
        if self.iso_code and not re.fullmatch(r"[A-Z]{2}", self.iso_code):
            raise ValidationError({"iso_code": "Use the two-letter ISO 3166-1 code, e.g. MY."})
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": "A party cannot own itself."})
        clash = PartyAlias.objects.filter(name__iexact=self.name).exclude(party_id=self.pk)
        if clash.exists():
            raise ValidationError({"name": "This name is already an alias of another party."})

    @property
    def country_code(self) -> str:
        """The ISO code of the country this party is, or is based in ("" when unknown)."""
        if self.kind == PartyKind.COUNTRY:
            return self.iso_code
        return self.country.iso_code if self.country_id else ""


class PartyAlias(models.Model):
    """Another name a party goes by in the news ("U.S.", "Washington", "Khazanah")."""

    # CASCADE: an alias is part of its party and means nothing without it.
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "party aliases"
        constraints = [
            models.UniqueConstraint(Lower("name"), name="%(app_label)s_%(class)s_unique_name_ci"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if Party.objects.filter(name__iexact=self.name).exclude(pk=self.party_id).exists():
            raise ValidationError({"name": "Another party already has this name."})


HS_CODE = re.compile(r"\d{2}(\d{2}(\.\d{2}(\d{2})?)?)?")


def validate_hs_codes(value) -> None:
    """Harmonized System codes are a list of "28", "2805", "2805.30" or "2805.3010"."""
    if not isinstance(value, list) or not all(
        isinstance(code, str) and HS_CODE.fullmatch(code) for code in value
    ):
        raise ValidationError('Enter a list of HS codes such as ["2805.30", "2846"].')


def lineage(parents: Mapping[int, int | None], pks: Iterable[int]) -> set[int]:
    """The commodities `pks` and every commodity above them, given each one's parent.

    The one walk up the commodity tree; a loop in `parents` ends the walk instead of hanging it.
    """
    found: set[int] = set()
    for pk in pks:
        while pk is not None and pk not in found:
            found.add(pk)
            pk = parents.get(pk)
    return found


class CommodityQuerySet(models.QuerySet):
    def with_descendants(self, root: "Commodity") -> "CommodityQuerySet":
        """`root` and every commodity below it in the tree (rare earths and dysprosium)."""
        # The taxonomy holds a few hundred rows: one query for its edges beats a recursive CTE
        # that SQLite and PostgreSQL spell differently.
        children: dict[int, list[int]] = {}
        for pk, parent_id in Commodity.objects.values_list("pk", "parent_id"):
            children.setdefault(parent_id, []).append(pk)
        found, frontier = {root.pk}, [root.pk]
        while frontier:
            frontier = [child for pk in frontier for child in children.get(pk, [])]
            found.update(frontier)
        return self.filter(pk__in=found)

    def with_ancestors(self, pks) -> "CommodityQuerySet":
        """The commodities `pks` and every commodity above them (dysprosium and rare earths)."""
        parents = dict(Commodity.objects.values_list("pk", "parent_id"))
        return self.filter(pk__in=lineage(parents, pks))


class Commodity(models.Model):
    """A traded good, in a tree (rare earths > heavy rare earths > dysprosium)."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    # PROTECT: removing a branch must not silently take its sub-commodities with it.
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    hs_codes = models.JSONField(
        "HS codes",
        default=list,
        blank=True,
        validators=[validate_hs_codes],
        help_text='Harmonized System codes, e.g. ["2805.30", "2846"].',
    )
    description = models.TextField(blank=True)

    objects = CommodityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "commodities"
        constraints = [
            models.UniqueConstraint(Lower("name"), name="%(app_label)s_%(class)s_unique_name_ci"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("deals:commodity-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.pk is None or self.parent_id is None:
            return
        parents = dict(Commodity.objects.values_list("pk", "parent_id"))
        parents[self.pk] = self.parent_id
        if self.pk in lineage(parents, [self.parent_id]):
            raise ValidationError({"parent": "A commodity cannot sit below itself."})


class CommodityAlias(models.Model):
    """Another name for a commodity ("REEs", "chips", "autos")."""

    # CASCADE: an alias is part of its commodity.
    commodity = models.ForeignKey(Commodity, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "commodity aliases"
        constraints = [
            models.UniqueConstraint(Lower("name"), name="%(app_label)s_%(class)s_unique_name_ci"),
        ]

    def __str__(self) -> str:
        return self.name
