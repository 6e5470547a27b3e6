"""factory_boy factories for the tracker's models."""

import datetime
from xml.sax.saxutils import escape

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from deals.models import (
    Article,
    Commodity,
    Deal,
    DealKind,
    DealParty,
    EntryKind,
    Follow,
    Party,
    PartyAlias,
    PartyKind,
    Status,
    TimelineEntry,
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


# --- Reader pages and following ----------------------------------------------------------------


class FollowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Follow

    user = factory.SubFactory(UserFactory)


def published_deal(
    *,
    title: str,
    stages: list[tuple[str, datetime.date]],
    kind: str = DealKind.AGREEMENT,
    parties=(),
    commodities=(),
    quote: str = "",
    article: Article | None = None,
) -> Deal:
    """A deal with a timeline, recorded through the services as the admin and parser do."""
    from deals import services

    deal = services.create_deal(
        title=title,
        kind=kind,
        parties=[services.PartyLink(party=party, role="partner") for party in parties],
        commodities=commodities,
    )
    for slug, happened_on in stages:
        services.record_timeline_entry(
            deal=deal,
            status=stage(slug),
            happened_on=happened_on,
            article=article or ArticleFactory(),
            quote=quote or f"{title} reached {slug}.",
        )
    deal.refresh_from_db()
    return deal


def bulk_published_deals(count: int, *, parties=(), commodities=(), slug_prefix="bulk") -> None:
    """`count` published deals with two timeline entries each, inserted in a few queries."""
    statuses = list(Status.objects.filter(track__in=["agreement", "both"]).order_by("pk"))
    start = datetime.date(2025, 1, 1)
    deals = Deal.objects.bulk_create(
        Deal(
            title=f"Bulk deal {n}",
            slug=f"{slug_prefix}-{n}",
            kind=DealKind.AGREEMENT,
            status=statuses[n % len(statuses)],
            first_reported_on=start,
            last_changed_on=start + datetime.timedelta(days=n % 300),
        )
        for n in range(count)
    )
    articles = Article.objects.bulk_create(
        Article(
            title=f"{slug_prefix} report {n}",
            content_hash=content_hash(f"{slug_prefix} report {n}", ""),
        )
        for n in range(count)
    )
    TimelineEntry.objects.bulk_create(
        entry
        for deal, article in zip(deals, articles, strict=True)
        for entry in (
            TimelineEntry(
                deal=deal, status=statuses[0], happened_on=start, article=article, quote="First."
            ),
            TimelineEntry(
                deal=deal,
                status=deal.status,
                previous_status=statuses[0],
                changed_stage=True,
                happened_on=deal.last_changed_on,
                article=article if deal.status != statuses[0] else None,
                kind=EntryKind.REPORT if deal.status != statuses[0] else EntryKind.CORRECTION,
                note="" if deal.status != statuses[0] else "Confirmed by the editors.",
                quote="Then.",
            ),
        )
    )
    DealParty.objects.bulk_create(
        DealParty(deal=deal, party=party) for deal in deals for party in parties
    )
    Deal.commodities.through.objects.bulk_create(
        Deal.commodities.through(deal=deal, commodity=commodity)
        for deal in deals
        for commodity in commodities
    )


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
        deal=deal, text="25%", what="tariff_rate", article=article, quote="A 25% tariff."
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


def submitted(title: str, body: str = "", **fields) -> Article:
    """An article as submitted and waiting for the parser."""
    return ArticleFactory(title=title, body=body, content_hash=content_hash(title, body), **fields)


def article_page(
    title: str, *paragraphs: str, published: str = "2024-01-08", site: str = "Pipeline Wire"
) -> bytes:
    """A news site's HTML page for an article, with the metadata such pages carry."""
    text = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{title} | {site}</title>"
        f"<meta property='og:site_name' content='{site}'>"
        f"<meta property='article:published_time' content='{published}'>"
        "</head><body><nav><a href='/'>Home</a> <a href='/markets'>Markets</a></nav>"
        f"<article><h1>{title}</h1>{text}</article>"
        "<footer>Copyright Pipeline Wire. All rights reserved.</footer></body></html>"
    ).encode()


def rss_feed(*items: dict, title: str = "Trade Wire") -> bytes:
    """An RSS 2.0 feed whose entries are `items`: dicts of guid, link, title, content (the
    full text, as content:encoded), summary and published (an RFC 822 date), each optional."""
    parts = []
    for item in items:
        fields = [f"<title>{escape(item.get('title', 'A story'))}</title>"]
        if "link" in item:
            fields.append(f"<link>{escape(item['link'])}</link>")
        if "guid" in item:
            fields.append(f'<guid isPermaLink="false">{escape(item["guid"])}</guid>')
        if "summary" in item:
            fields.append(f"<description>{escape(item['summary'])}</description>")
        if "content" in item:
            fields.append(f"<content:encoded>{escape(item['content'])}</content:encoded>")
        if "published" in item:
            fields.append(f"<pubDate>{item['published']}</pubDate>")
        parts.append(f"<item>{''.join(fields)}</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{escape(title)}</title><link>https://wire.example/</link>"
        f"<description>News</description>{''.join(parts)}</channel></rss>"
    ).encode()
