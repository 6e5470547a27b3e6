"""factory_boy factories for the tracker's models."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from deals.models import (
    Article,
    Commodity,
    Deal,
    DealKind,
    DealParty,
    Party,
    PartyAlias,
    PartyKind,
    Status,
    content_hash,
)
from deals.permissions import EDITORS_GROUP


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"reader{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def saved(user, create, extracted, **kwargs):
        if create:
            user.save()


class EditorFactory(UserFactory):
    username = factory.Sequence(lambda n: f"editor{n}")
    is_staff = True

    @factory.post_generation
    def editors_group(user, create, extracted, **kwargs):
        if create:
            user.groups.add(Group.objects.get(name=EDITORS_GROUP))


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Party {n}")
    slug = factory.LazyAttribute(lambda party: party.name.lower().replace(" ", "-"))
    kind = PartyKind.COMPANY


class CountryFactory(PartyFactory):
    name = factory.Sequence(lambda n: f"Country {n}")
    kind = PartyKind.COUNTRY
    iso_code = ""


class PartyAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartyAlias

    party = factory.SubFactory(PartyFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class CommodityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commodity
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Commodity {n}")
    slug = factory.LazyAttribute(lambda commodity: commodity.name.lower().replace(" ", "-"))


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Trade report number {n}")
    body = factory.Sequence(lambda n: f"The text of trade report number {n}.")
    outlet = "Tracker Wire"
    published_on = datetime.date(2026, 1, 15)
    content_hash = factory.LazyAttribute(lambda article: content_hash(article.title, article.body))


class DealFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deal

    title = factory.Sequence(lambda n: f"Trade deal {n}")
    slug = factory.Sequence(lambda n: f"trade-deal-{n}")
    kind = DealKind.AGREEMENT


class DealPartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DealParty

    deal = factory.SubFactory(DealFactory)
    party = factory.SubFactory(PartyFactory)


def stage(slug: str) -> Status:
    """A shipped stage by its slug."""
    return Status.objects.get(slug=slug)


# --- The API and webhooks (area: api) ----------------------------------------------------------


def deal_with_story(
    stages: dict, *, title: str, party: Party, commodity: Commodity, kind="agreement", **entry
):
    """A deal with a party, a commodity, a figure and one sourced entry in its timeline."""
    from deals.models import Figure
    from deals.services import record_timeline_entry

    deal = DealFactory(title=title, slug=title.lower().replace(" ", "-"), kind=kind)
    DealPartyFactory(deal=deal, party=party, role="partner")
    deal.commodities.add(commodity)
    article = ArticleFactory()
    Figure.objects.create(
        deal=deal, text="25%", what="tariff", article=article, quote="A 25% tariff."
    )
    record_timeline_entry(
        deal=deal,
        status=stages[entry.pop("stage", "talks")],
        happened_on=entry.pop("happened_on", datetime.date(2026, 1, 10)),
        article=article,
        quote=entry.pop("quote", f"{title} talks began."),
    )
    deal.refresh_from_db()
    return deal
