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


def submitted(title: str, body: str = "", **fields) -> Article:
    """An article as submitted and waiting for the parser."""
    return ArticleFactory(title=title, body=body, content_hash=content_hash(title, body), **fields)
