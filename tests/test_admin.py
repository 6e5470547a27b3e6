"""Editors curate deals in the admin; readers cannot reach it."""

import lxml.html
import pytest

from deals.models import (
    Article,
    Deal,
    OutboxMessage,
    Party,
    TimelineEntry,
    WebhookAttempt,
    WebhookSubscription,
)
from deals.services import (
    plan_deliveries,
    plan_notifications,
    record_timeline_entry,
    submit_article,
)

from .factories import (
    ArticleFactory,
    CommodityFactory,
    CountryFactory,
    DealFactory,
    FollowFactory,
    deal_with_story,
    stage,
)

pytestmark = pytest.mark.django_db


def form_values(response, form_id: str) -> dict:
    """What the browser would submit for the form as the page rendered it."""
    document = lxml.html.fromstring(response.content)
    form = document.get_element_by_id(form_id)
    values: dict = {}
    for name, value in form.form_values():
        values.setdefault(name, []).append(value)
    return values


def submit(client, url: str, form_id: str, changes: dict):
    page = client.get(url)
    assert page.status_code == 200
    data = form_values(page, form_id)
    data.update(changes)
    return client.post(url, data)


def test_editor_adds_a_deal_with_parties_commodities_and_its_first_stage(editor_client):
    china = CountryFactory(name="China", slug="china", iso_code="CN")
    malaysia = CountryFactory(name="Malaysia", slug="malaysia", iso_code="MY")
    rare_earths = CommodityFactory(name="Rare earths", slug="rare-earths")
    article = ArticleFactory(title="China and Malaysia discuss a refinery")

    response = submit(
        editor_client,
        "/admin/deals/deal/add/",
        "deal_form",
        {
            "title": "China–Malaysia rare earths refinery",
            "slug": "china-malaysia-rare-earths-refinery",
            "kind": "agreement",
            "commodities": [str(rare_earths.pk)],
            "deal_parties-TOTAL_FORMS": "2",
            "deal_parties-0-party": str(china.pk),
            "deal_parties-0-role": "partner",
            "deal_parties-1-party": str(malaysia.pk),
            "deal_parties-1-role": "host",
            "timeline-2-0-status": str(stage("talks").pk),
            "timeline-2-0-happened_on": "2026-03-02",
            "timeline-2-0-precision": "day",
            "timeline-2-0-kind": "report",
            "timeline-2-0-article": str(article.pk),
            "timeline-2-0-quote": "The two governments are in preliminary talks.",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    deal = Deal.objects.get(slug="china-malaysia-rare-earths-refinery")
    assert deal.status.slug == "talks"
    assert set(deal.parties.values_list("name", flat=True)) == {"China", "Malaysia"}
    assert list(deal.commodities.all()) == [rare_earths]
    entry = deal.timeline.get()
    assert entry.article == article
    assert entry.recorded_by.username.startswith("editor")


def test_editor_walks_a_deal_to_its_next_stage(editor_client):
    deal = DealFactory(title="US–India trade deal")
    first, second = ArticleFactory(), ArticleFactory()
    TimelineEntry.objects.create(
        deal=deal, status=stage("framework"), happened_on="2026-02-01", article=first
    )
    url = f"/admin/deals/deal/{deal.pk}/change/"

    response = submit(
        editor_client,
        url,
        "deal_form",
        {
            "timeline-2-0-status": str(stage("signed").pk),
            "timeline-2-0-happened_on": "2026-04-01",
            "timeline-2-0-precision": "month",
            "timeline-2-0-kind": "report",
            "timeline-2-0-article": str(second.pk),
        },
    )

    assert response.status_code == 302
    deal.refresh_from_db()
    assert deal.status.slug == "signed"
    assert [e.status.slug for e in deal.timeline.all()] == ["framework", "signed"]
    page = editor_client.get(url)
    timeline = next(
        inline.formset
        for inline in page.context["inline_admin_formsets"]
        if inline.formset.prefix == "timeline"
    )
    assert [form.instance.status.slug for form in timeline.forms] == ["framework", "signed"]


def test_admin_refuses_a_stage_from_the_other_track(editor_client):
    deal = DealFactory(kind="agreement")
    response = submit(
        editor_client,
        f"/admin/deals/deal/{deal.pk}/change/",
        "deal_form",
        {
            "timeline-2-0-status": str(stage("imposed").pk),
            "timeline-2-0-happened_on": "2026-04-01",
            "timeline-2-0-precision": "day",
            "timeline-2-0-kind": "report",
            "timeline-2-0-article": str(ArticleFactory().pk),
        },
    )
    assert response.status_code == 200
    assert "is not a stage of this kind of deal" in response.content.decode()
    assert not TimelineEntry.objects.exists()


@pytest.mark.parametrize(
    ("kind", "field", "message"),
    [
        ("report", "article", "A report needs its source article"),
        ("correction", "note", "A correction needs its reason"),
    ],
)
def test_an_entry_without_its_source_or_reason_is_refused_in_words_beside_the_field(
    editor_client, kind, field, message
):
    deal = DealFactory(kind="agreement")

    response = submit(
        editor_client,
        f"/admin/deals/deal/{deal.pk}/change/",
        "deal_form",
        {
            "timeline-2-0-status": str(stage("talks").pk),
            "timeline-2-0-happened_on": "2026-04-01",
            "timeline-2-0-precision": "day",
            "timeline-2-0-kind": kind,
        },
    )

    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    [errors] = page.xpath(f"//*[contains(@class, 'field-{field}')]//ul[@class='errorlist']")
    assert message in errors.text_content()
    assert "Constraint" not in response.content.decode()
    assert not TimelineEntry.objects.exists()


def test_editor_corrects_a_stage_with_a_reason(editor_client):
    deal = DealFactory()
    TimelineEntry.objects.create(
        deal=deal, status=stage("signed"), happened_on="2026-02-01", article=ArticleFactory()
    )
    response = submit(
        editor_client,
        f"/admin/deals/deal/{deal.pk}/change/",
        "deal_form",
        {
            "timeline-2-0-status": str(stage("framework").pk),
            "timeline-2-0-happened_on": "2026-02-02",
            "timeline-2-0-precision": "day",
            "timeline-2-0-kind": "correction",
            "timeline-2-0-note": "The source called a memorandum a signed deal.",
        },
    )
    assert response.status_code == 302
    deal.refresh_from_db()
    assert deal.status.slug == "framework"
    assert deal.timeline.latest_first().first().kind == "correction"


def test_editor_pastes_an_article(editor_client):
    response = submit(
        editor_client,
        "/admin/deals/article/add/",
        "article_form",
        {
            "title": "Malaysia keeps its ban on raw rare earth exports",
            "url": "https://news.example.org/ban",
            "outlet": "Example News",
            "published_on": "2026-03-01",
            "body": "Kuala Lumpur said the ban on exports of unprocessed rare earths stays.",
        },
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.url == "https://news.example.org/ban"
    assert article.submitted_by is not None
    assert len(article.content_hash) == 64


def test_pasting_the_same_article_text_again_says_where_it_is(editor_client):
    kept = ArticleFactory(body="The same words, once.")
    response = submit(
        editor_client,
        "/admin/deals/article/add/",
        "article_form",
        {"title": "Another title", "body": "The  same words, once."},
    )
    assert response.status_code == 200
    assert f"already in the tracker as article #{kept.pk}" in response.content.decode()


def test_pasting_a_kept_text_with_a_bidi_control_again_says_where_it_is(editor_client):
    # The tracker keeps text without bidirectional controls: the same text with one is the same.
    body = "Jakarta bans \u202enickel ore\u202c exports."
    kept = submit_article(title="A ban", body=body).article
    response = submit(
        editor_client,
        "/admin/deals/article/add/",
        "article_form",
        {"title": "The same ban", "body": body},
    )
    assert response.status_code == 200
    assert f"already in the tracker as article #{kept.pk}" in response.content.decode()
    assert Article.objects.count() == 1


@pytest.mark.parametrize("published_on", ["0001-01-01", "1899-12-31", "2999-01-01"])
def test_a_publication_date_no_article_can_have_is_a_form_error(editor_client, published_on):
    paste = {"title": "Malaysia keeps its ban", "body": "The ban stays.", "published_on": ""}
    response = submit(
        editor_client,
        "/admin/deals/article/add/",
        "article_form",
        {**paste, "published_on": published_on},
    )

    assert response.status_code == 200
    document = lxml.html.fromstring(response.content)
    [errors] = document.xpath("//*[contains(@class, 'field-published_on')]//ul[@class='errorlist']")
    assert "Give a publication date between 1900-01-01 and" in errors.text_content()
    assert not Article.objects.exists()


def test_correcting_an_article_to_an_impossible_date_is_a_form_error(editor_client):
    article = ArticleFactory(published_on="2026-03-01")

    response = submit(
        editor_client,
        f"/admin/deals/article/{article.pk}/change/",
        "article_form",
        {"published_on": "0001-01-01"},
    )

    assert response.status_code == 200
    assert "Give a publication date between" in response.content.decode()
    article.refresh_from_db()
    assert str(article.published_on) == "2026-03-01"


def test_deal_list_filters_by_stage_kind_party_commodity_and_country(editor_client):
    malaysia = CountryFactory(name="Malaysia", slug="malaysia", iso_code="MY")
    fund = Party.objects.create(
        name="Khazanah Nasional", slug="khazanah", kind="sovereign_fund", country=malaysia
    )
    lithium = CommodityFactory(name="Lithium", slug="lithium")
    refinery = DealFactory(title="Refinery joint venture")
    refinery.deal_parties.create(party=fund, role="investor")
    refinery.commodities.add(lithium)
    record_timeline_entry(
        deal=refinery, status=stage("talks"), happened_on="2026-01-05", article=ArticleFactory()
    )
    DealFactory(title="Unrelated tariff", kind="measure")

    def titles(query):
        page = editor_client.get(f"/admin/deals/deal/?{query}")
        assert page.status_code == 200
        return {deal.title for deal in page.context["cl"].result_list}

    assert titles("country=malaysia") == {"Refinery joint venture"}
    assert titles(f"parties__id__exact={fund.pk}") == {"Refinery joint venture"}
    assert titles(f"commodities__id__exact={lithium.pk}") == {"Refinery joint venture"}
    assert titles("kind__exact=measure") == {"Unrelated tariff"}
    assert titles(f"status__id__exact={stage('talks').pk}") == {"Refinery joint venture"}
    assert titles("q=khazanah") == {"Refinery joint venture"}


def test_editors_cannot_delete_deals_or_rewrite_the_timeline(editor_client):
    deal = DealFactory()
    entry = TimelineEntry.objects.create(
        deal=deal, status=stage("talks"), happened_on="2026-01-05", article=ArticleFactory()
    )
    assert editor_client.get(f"/admin/deals/deal/{deal.pk}/delete/").status_code == 403
    page = editor_client.get(f"/admin/deals/timelineentry/{entry.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()


def test_a_reader_without_staff_rights_cannot_reach_the_admin(client, reader):
    client.force_login(reader)
    response = client.get("/admin/deals/deal/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_createeditor_makes_a_staff_account_in_the_editors_group(client):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("createeditor", "maria", "--password", "a-long-pass-phrase", stdout=None)
    user = get_user_model().objects.get(username="maria")
    assert user.is_staff and not user.is_superuser
    assert user.has_perm("deals.add_deal") and not user.has_perm("deals.delete_deal")
    assert client.login(username="maria", password="a-long-pass-phrase")
    assert client.get("/admin/deals/deal/").status_code == 200


def test_an_editor_makes_and_revokes_their_own_api_token_and_sees_no_one_elses(
    editor_client, editor, reader
):
    from rest_framework.authtoken.models import Token

    Token.objects.create(user=reader)
    tokens = "/admin/authtoken/tokenproxy/"

    assert editor_client.get(tokens).status_code == 200
    made = editor_client.post(tokens + "add/", {"_save": "Save"})
    assert made.status_code == 302
    mine = Token.objects.get(user=editor)
    listed = editor_client.get(tokens).content.decode()
    assert mine.key in listed
    assert Token.objects.get(user=reader).key not in listed
    assert editor_client.get(f"{tokens}{reader.pk}/delete/").status_code != 200

    revoked = editor_client.post(f"{tokens}{editor.pk}/delete/", {"post": "yes"})

    assert revoked.status_code == 302
    assert not Token.objects.filter(user=editor).exists()
    assert Token.objects.filter(user=reader).exists()


def test_editors_read_webhook_deliveries_and_their_attempts_at_the_same_address(
    editor_client, stages, reader
):
    deal = deal_with_story(
        stages,
        title="Nickel smelter",
        party=CountryFactory(name="Chile", slug="chile", iso_code="CL"),
        commodity=CommodityFactory(name="Nickel", slug="nickel"),
    )
    entry = deal.timeline.get()
    FollowFactory(deal=deal)
    plan_notifications(entry=entry)
    WebhookSubscription.objects.create(owner=reader, target_url="https://hooks.example.org/in")
    [delivery_pk] = plan_deliveries(entry=entry)
    WebhookAttempt.objects.create(delivery_id=delivery_pk, status_code=503, error="Busy")

    listing = editor_client.get("/admin/deals/webhookdelivery/")
    detail = editor_client.get(f"/admin/deals/webhookdelivery/{delivery_pk}/change/")

    assert listing.status_code == detail.status_code == 200
    assert OutboxMessage.objects.count() == 2
    assert "1 webhook delivery" in listing.content.decode()
    assert "hooks.example.org" in listing.content.decode()
    assert "Busy" in detail.content.decode()
