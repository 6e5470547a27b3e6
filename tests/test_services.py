"""Recording a deal's stages, and keeping articles once."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from deals import services
from deals.models import Article, DealParty, TimelineEntry

from .factories import ArticleFactory, CountryFactory, DealFactory, stage

pytestmark = pytest.mark.django_db

JAN, FEB, MAR = (datetime.date(2026, month, 10) for month in (1, 2, 3))


def record(deal, slug, happened_on, **kwargs):
    kwargs.setdefault("article", ArticleFactory())
    return services.record_timeline_entry(
        deal=deal, status=stage(slug), happened_on=happened_on, **kwargs
    )


def test_deal_stands_at_the_stage_of_its_latest_entry():
    deal = DealFactory()
    record(deal, "talks", JAN)
    record(deal, "framework", FEB)
    deal.refresh_from_db()
    assert deal.status.slug == "framework"
    assert (deal.first_reported_on, deal.last_changed_on) == (JAN, FEB)


def test_entry_recorded_late_about_an_older_event_does_not_move_the_deal():
    deal = DealFactory()
    record(deal, "signed", MAR)
    older = record(deal, "talks", JAN)
    deal.refresh_from_db()
    assert deal.status.slug == "signed"
    assert deal.first_reported_on == JAN
    assert older.changed_stage is False
    assert [entry.status.slug for entry in deal.timeline.all()] == ["talks", "signed"]


def test_entry_recorded_late_about_a_newer_event_moves_the_deal():
    deal = DealFactory()
    record(deal, "framework", FEB)
    record(deal, "talks", JAN)
    newest = record(deal, "signed", MAR)
    deal.refresh_from_db()
    assert deal.status.slug == "signed"
    assert newest.changed_stage is True
    assert newest.previous_status.slug == "framework"


def test_same_stage_from_the_same_article_is_recorded_once():
    deal, article = DealFactory(), ArticleFactory()
    first = record(deal, "talks", JAN, article=article)
    again = record(deal, "talks", JAN, article=article)
    assert first.pk == again.pk
    assert TimelineEntry.objects.count() == 1


def test_a_measure_cannot_be_signed():
    deal = DealFactory(kind="measure")
    with pytest.raises(ValidationError):
        record(deal, "signed", JAN)
    assert not TimelineEntry.objects.exists()


def test_correction_moves_the_deal_and_keeps_its_reason():
    deal = DealFactory()
    record(deal, "signed", FEB)
    correction = services.correct_stage(
        deal=deal, status=stage("framework"), reason="Only a memorandum was signed."
    )
    deal.refresh_from_db()
    assert deal.status.slug == "framework"
    assert correction.kind == "correction"
    assert correction.note == "Only a memorandum was signed."
    assert correction.happened_on >= FEB


def test_correction_without_a_reason_is_refused():
    deal = DealFactory()
    with pytest.raises(ValidationError):
        services.correct_stage(deal=deal, status=stage("talks"), reason="  ")


def test_create_deal_keeps_roles_and_names_as_written():
    india = CountryFactory(name="India", slug="india", iso_code="IN")
    us = CountryFactory(name="United States", slug="united-states", iso_code="US")
    deal = services.create_deal(
        title="United States–India trade deal",
        kind="agreement",
        parties=[
            services.PartyLink(party=us, role="partner", name_as_written="Washington"),
            services.PartyLink(party=india, role="partner", name_as_written="New Delhi"),
            services.PartyLink(party=us, role="imposing", name_as_written="U.S."),
        ],
    )
    assert deal.slug == "united-states-india-trade-deal"
    links = {link.party.name: link for link in DealParty.objects.filter(deal=deal)}
    assert links["United States"].name_as_written == "Washington"
    assert links["India"].role == "partner"
    assert len(links) == 2


def test_deals_with_the_same_title_get_distinct_slugs():
    first = services.create_deal(title="Rare earths refinery", kind="agreement")
    second = services.create_deal(title="Rare earths refinery", kind="agreement")
    assert (first.slug, second.slug) == ("rare-earths-refinery", "rare-earths-refinery-2")


def test_same_text_twice_makes_one_article():
    first = services.submit_article(title="Talks begin", body="Both sides met in Kuala Lumpur.")
    again = services.submit_article(title="Talks start", body="Both sides  met in Kuala Lumpur. ")
    assert first.created and not again.created
    assert again.article.pk == first.article.pk
    assert Article.objects.count() == 1


def test_same_url_twice_makes_one_article():
    url = "https://news.example.org/talks"
    first = services.submit_article(title="Talks", body="One text.", url=url)
    again = services.submit_article(title="Talks", body="Another text.", url=url)
    assert again.article.pk == first.article.pk
