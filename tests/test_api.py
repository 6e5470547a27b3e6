"""The REST API as its clients use it: shapes, filters, the changes feed, caching and writes."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils.http import http_date

from deals import services
from deals.api.pagination import encode_cursor
from deals.models import Article, ArticleState, Figure, TimelineEntry, WebhookSubscription
from deals.services import record_timeline_entry

from .factories import (
    ArticleFactory,
    CommodityFactory,
    CountryFactory,
    PartyAliasFactory,
    PartyFactory,
    article_page,
    deal_with_story,
    submitted,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(stages):
    """Two deals: a Malaysian rare-earths deal that is signed, and a chip tariff threatened."""
    malaysia = CountryFactory(name="Malaysia", slug="malaysia", iso_code="MY")
    khazanah = PartyFactory(name="Khazanah", slug="khazanah", country=malaysia)
    PartyAliasFactory(party=khazanah, name="Khazanah Nasional")
    rare_earths = CommodityFactory(name="Rare earths", slug="rare-earths")
    dysprosium = CommodityFactory(name="Dysprosium", slug="dysprosium", parent=rare_earths)
    chips = CommodityFactory(name="Chips", slug="chips")
    refinery = deal_with_story(
        stages, title="Rare earth refinery", party=khazanah, commodity=dysprosium
    )
    record_timeline_entry(
        deal=refinery,
        status=stages["signed"],
        happened_on=datetime.date(2026, 2, 1),
        article=ArticleFactory(title="Refinery deal signed"),
        quote="The partners signed the refinery agreement.",
    )
    tariff = deal_with_story(
        stages,
        title="Chip tariff",
        party=PartyFactory(name="Washington", slug="washington"),
        commodity=chips,
        kind="measure",
        stage="threatened",
    )
    refinery.refresh_from_db()
    return {"refinery": refinery, "tariff": tariff, "malaysia": malaysia, "khazanah": khazanah}


def _get(client, name, *args, **params):
    return client.get(reverse(f"api:{name}", args=args), params)


def test_deal_list_shows_stage_parties_with_roles_commodities_and_figures(api_client, world):
    response = _get(api_client, "deal-list")

    assert response.status_code == 200
    assert response.json()["count"] == 2
    refinery = next(d for d in response.json()["results"] if d["slug"] == "rare-earth-refinery")
    assert set(refinery) == {
        "url",
        "slug",
        "title",
        "kind",
        "summary",
        "stage",
        "first_reported_on",
        "last_changed_on",
        "parties",
        "commodities",
        "figures",
        "timeline_url",
        "updated_at",
    }
    assert refinery["stage"] == {"slug": "signed", "name": "Signed"}
    assert refinery["parties"] == [
        {"slug": "khazanah", "name": "Khazanah", "kind": "company", "role": "partner"}
    ]
    assert refinery["commodities"] == [{"slug": "dysprosium", "name": "Dysprosium"}]
    assert refinery["figures"][0]["text"] == "25%"
    assert refinery["first_reported_on"] == "2026-01-10"
    assert refinery["last_changed_on"] == "2026-02-01"


def test_a_figure_gives_the_slug_and_the_readers_name_of_what_it_measures(api_client, world):
    detail = _get(api_client, "deal-detail", "rare-earth-refinery").json()

    assert detail["figures"][0]["what"] == "tariff_rate"
    assert detail["figures"][0]["what_name"] == "Tariff rate"


def test_deal_timeline_gives_each_entry_its_source_and_quote(api_client, world):
    detail = _get(api_client, "deal-detail", "rare-earth-refinery").json()
    timeline = api_client.get(detail["timeline_url"]).json()["results"]

    assert [entry["stage"]["slug"] for entry in timeline] == ["talks", "signed"]
    signed = timeline[1]
    assert set(signed) == {
        "id",
        "happened_on",
        "precision",
        "stage",
        "previous_stage",
        "changed_stage",
        "kind",
        "source",
        "quote",
        "note",
        "recorded_at",
    }
    assert signed["previous_stage"] == {"slug": "talks", "name": "Preliminary talks"}
    assert signed["changed_stage"] is True
    assert signed["source"]["title"] == "Refinery deal signed"
    assert signed["quote"] == "The partners signed the refinery agreement."


def test_an_unknown_deal_is_not_found(api_client, world):
    assert _get(api_client, "deal-detail", "no-such-deal").status_code == 404
    assert _get(api_client, "deal-timeline", "no-such-deal").status_code == 404


def test_parties_commodities_and_stages_show_their_vocabulary(api_client, world):
    khazanah = _get(api_client, "party-detail", "khazanah").json()
    dysprosium = _get(api_client, "commodity-detail", "dysprosium").json()
    stages = _get(api_client, "stage-list").json()

    assert khazanah == {
        "url": "http://testserver/api/v1/parties/khazanah/",
        "slug": "khazanah",
        "name": "Khazanah",
        "kind": "company",
        "iso_code": "",
        "country": "malaysia",
        "parent": None,
        "aliases": ["Khazanah Nasional"],
        "description": "",
    }
    assert dysprosium["parent"] == "rare-earths"
    assert set(dysprosium) == {
        "url",
        "slug",
        "name",
        "parent",
        "hs_codes",
        "aliases",
        "description",
    }
    signed = next(stage for stage in stages if stage["slug"] == "signed")
    assert set(signed) == {"url", "slug", "name", "track", "order", "is_final", "description"}
    assert signed["description"].startswith("A binding agreement")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"stage": "signed"}, ["rare-earth-refinery"]),
        ({"kind": "measure"}, ["chip-tariff"]),
        ({"party": "khazanah"}, ["rare-earth-refinery"]),
        ({"commodity": "rare-earths"}, ["rare-earth-refinery"]),
        ({"country": "MY"}, ["rare-earth-refinery"]),
        ({"q": "partners signed"}, ["rare-earth-refinery"]),
        ({"changed_since": "2026-01-20"}, ["rare-earth-refinery"]),
    ],
)
def test_deals_filter_like_the_reader_pages(api_client, world, params, expected):
    response = _get(api_client, "deal-list", **params)

    assert [deal["slug"] for deal in response.json()["results"]] == expected


def test_an_unknown_stage_filter_is_a_client_error(api_client, world):
    response = _get(api_client, "deal-list", stage="nonsense")

    assert response.status_code == 400
    assert "stage" in response.json()["errors"]


def _follow(client, url, **params):
    page = client.get(url, params).json()
    return page, [change["id"] for change in page["results"]]


def test_changes_feed_never_misses_or_repeats_when_older_events_are_recorded_later(
    api_client, world, stages
):
    refinery = world["refinery"]
    page, seen = _follow(api_client, reverse("api:change-list"), page_size=2)
    while page["has_more"]:
        page, ids = _follow(api_client, page["next"])
        seen += ids
    assert seen == sorted(TimelineEntry.objects.values_list("pk", flat=True))

    # News of something that happened long ago arrives after the client's last poll.
    late = record_timeline_entry(
        deal=refinery,
        status=stages["rumoured"],
        happened_on=datetime.date(2025, 6, 1),
        article=ArticleFactory(),
        quote="Talk of a refinery deal first surfaced in June.",
    )
    page, ids = _follow(api_client, page["next"])

    assert ids == [late.pk]
    assert page["results"][0]["deal"]["slug"] == "rare-earth-refinery"
    assert page["has_more"] is False
    _, ids = _follow(api_client, page["next"])
    assert ids == []


def test_changes_since_a_time_or_a_cursor(api_client, world):
    entries = list(TimelineEntry.objects.order_by("pk"))
    cutoff = entries[2].recorded_at
    TimelineEntry.objects.filter(pk__in=[e.pk for e in entries[:2]]).update(
        recorded_at=cutoff - datetime.timedelta(days=1)
    )

    _, by_time = _follow(api_client, reverse("api:change-list"), since=cutoff.isoformat())
    first_page, _ = _follow(api_client, reverse("api:change-list"), page_size=1)
    _, by_cursor = _follow(api_client, reverse("api:change-list"), since=first_page["cursor"])

    assert by_time == [e.pk for e in entries[2:]]
    assert by_cursor == [e.pk for e in entries[1:]]


def test_changes_filter_by_deal_party_commodity_and_stage(api_client, world):
    url = reverse("api:change-list")
    by_deal = api_client.get(url, {"deal": "chip-tariff"}).json()["results"]
    by_party = api_client.get(url, {"party": "khazanah"}).json()["results"]
    by_commodity = api_client.get(url, {"commodity": "rare-earths"}).json()["results"]
    by_stage = api_client.get(url, {"stage": "signed"}).json()["results"]

    assert [c["stage"]["slug"] for c in by_deal] == ["threatened"]
    assert [c["stage"]["slug"] for c in by_party] == ["talks", "signed"]
    assert [c["deal"]["slug"] for c in by_commodity] == ["rare-earth-refinery"] * 2
    assert [c["deal"]["slug"] for c in by_stage] == ["rare-earth-refinery"]


@pytest.mark.parametrize("cursor", ["not-a-cursor", encode_cursor(10**30)])
def test_a_bad_cursor_is_a_client_error(api_client, world, cursor):
    response = _get(api_client, "change-list", cursor=cursor)

    assert response.status_code == 400
    assert "cursor" in response.json()["errors"]


def test_changes_feed_suggests_a_poll_interval(api_client, world, settings):
    settings.TRACKER_API_POLL_INTERVAL = 45

    response = _get(api_client, "change-list")

    assert response["X-Poll-Interval"] == "45"
    assert "public" in response["Cache-Control"]


@pytest.mark.parametrize("name", ["deal-list", "change-list", "party-list", "stage-list"])
def test_conditional_request_is_not_modified_until_something_changes(
    api_client, world, stages, name
):
    first = _get(api_client, name)
    again = api_client.get(reverse(f"api:{name}"), HTTP_IF_NONE_MATCH=first["ETag"])
    record_timeline_entry(
        deal=world["tariff"], status=stages["imposed"], happened_on=datetime.date(2026, 3, 1),
        article=ArticleFactory(), quote="The tariff took effect.",
    )  # fmt: skip
    PartyFactory(name="Brussels", slug="brussels")
    from deals.models import Status

    Status.objects.create(slug="paused", name="Paused", order=150, track="both", description=".")
    after = api_client.get(reverse(f"api:{name}"), HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200
    assert first["ETag"] and first["Last-Modified"]
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert after.status_code == 200
    assert after["ETag"] != first["ETag"]


def test_if_modified_since_gets_not_modified_for_an_unchanged_feed(api_client, world):
    first = _get(api_client, "change-list")

    again = api_client.get(
        reverse("api:change-list"), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )
    older = api_client.get(reverse("api:change-list"), HTTP_IF_MODIFIED_SINCE=http_date(0))

    assert again.status_code == 304
    assert older.status_code == 200


def test_json_and_csv_of_the_same_list_have_different_etags(api_client, world):
    as_json = _get(api_client, "deal-list")
    as_csv = _get(api_client, "deal-list", format="csv")

    assert as_json["ETag"] != as_csv["ETag"]
    assert "Accept" in as_json["Vary"]


def test_throttled_clients_are_told_when_to_come_back(api_client, world, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"address": "3/minute", "token": "1000/minute"},
    }
    answers = [_get(api_client, "stage-list") for _ in range(4)]

    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert 0 < int(answers[-1]["Retry-After"]) <= 60


def test_not_modified_answers_do_not_count_against_the_throttle(api_client, world, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"address": "2/minute", "token": "1000/minute"},
    }
    etag = _get(api_client, "change-list")["ETag"]
    polls = [api_client.get(reverse("api:change-list"), HTTP_IF_NONE_MATCH=etag) for _ in range(10)]

    assert {poll.status_code for poll in polls} == {304}
    assert _get(api_client, "change-list").status_code == 200
    assert _get(api_client, "change-list").status_code == 429


def test_a_token_has_its_own_allowance_apart_from_its_address(
    api_client, token_client, world, settings
):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"address": "1/minute", "token": "3/minute"},
    }
    assert _get(api_client, "stage-list").status_code == 200
    assert _get(api_client, "stage-list").status_code == 429

    with_token = [_get(token_client, "stage-list").status_code for _ in range(4)]

    assert with_token == [200, 200, 200, 429]


URL_PAGE = (
    "Malaysia bans the export of unprocessed rare earths",
    "Malaysia has banned exports of raw rare earths to build a refining industry at home. The "
    "ban is in effect, the trade ministry said on Monday.",
)

ARTICLE = {
    "title": "Malaysia and Japan sign rare earths pact",
    "url": "https://news.example.org/rare-earths-pact",
    "published_on": "2026-03-02",
    "body": "Malaysia and Japan signed a rare earths supply pact on Monday.",
}


def test_submitting_an_article_needs_a_token(api_client, world):
    response = api_client.post(reverse("api:article-list"), ARTICLE, format="json")

    assert response.status_code == 401
    assert not Article.objects.filter(title=ARTICLE["title"]).exists()


def test_a_session_without_csrf_token_cannot_submit(client, reader, fresh_cache):
    client.handler.enforce_csrf_checks = True
    client.force_login(reader)

    response = client.post(reverse("api:article-list"), ARTICLE, content_type="application/json")

    assert response.status_code == 403


def signed_up_reader_session(client):
    """A browser after a reader signed up: their session, and the CSRF token its pages carry."""
    client.handler.enforce_csrf_checks = True
    client.get(reverse("deals:signup"))
    password = "a-long-passphrase"
    signed_up = client.post(
        reverse("deals:signup"),
        {
            "username": "amina",
            "email": "amina@example.org",
            "password1": password,
            "password2": password,
            "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
        },
    )
    assert signed_up.status_code == 302
    return {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}


def test_a_readers_session_with_its_csrf_token_cannot_write_through_the_api(
    client, fresh_cache, fast_password_hashing, settings
):
    settings.TRACKER_WEBHOOKS_ALLOW_LOOPBACK = True
    csrf = signed_up_reader_session(client)

    article = client.post(
        reverse("api:article-list"), ARTICLE, content_type="application/json", **csrf
    )
    webhook = client.post(
        reverse("api:webhook-list"),
        {"target_url": "http://127.0.0.1:9/hook"},
        content_type="application/json",
        **csrf,
    )

    for answer in (article, webhook):
        assert answer.status_code == 403
        assert "needs a token" in answer.json()["detail"]
    assert not Article.objects.exists()
    assert not WebhookSubscription.objects.exists()
    # Reading stays open to the session: its own (empty) list of webhooks.
    assert client.get(reverse("api:webhook-list")).json()["results"] == []


def test_an_editors_session_with_its_csrf_token_may_submit(client, editor, fresh_cache):
    client.handler.enforce_csrf_checks = True
    client.force_login(editor)
    client.get("/admin/deals/article/add/")

    response = client.post(
        reverse("api:article-list"),
        ARTICLE,
        content_type="application/json",
        HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
    )

    assert response.status_code == 202
    assert Article.objects.get().submitted_by == editor


def test_a_new_article_is_accepted_with_its_location_and_the_same_text_again_is_not_new(
    token_client, reader
):
    first = token_client.post(reverse("api:article-list"), ARTICLE, format="json")
    again = token_client.post(
        reverse("api:article-list"),
        {**ARTICLE, "url": "https://mirror.example.org/pact"},
        format="json",
    )

    article = Article.objects.get()
    assert first.status_code == 202
    assert first["Location"] == f"http://testserver/api/v1/articles/{article.pk}/"
    assert first.json()["state"] == ArticleState.QUEUED
    assert article.submitted_by == reader
    assert again.status_code == 200
    assert again["Location"] == first["Location"]


def test_an_article_without_text_is_refused(token_client):
    response = token_client.post(
        reverse("api:article-list"), {"url": ARTICLE["url"], "title": "Only a link"}, format="json"
    )

    assert response.status_code == 400
    assert "body" in response.json()["errors"]


def test_a_url_alone_is_accepted_waits_to_be_fetched_and_then_shows_what_the_page_gave(
    token_client, reference_data, settings, web_server, django_capture_on_commit_callbacks
):
    settings.TRACKER_FETCH_ALLOW_LOOPBACK = True
    web_server.pages["/ban"] = (200, "text/html", article_page(*URL_PAGE))

    with django_capture_on_commit_callbacks() as callbacks:
        response = token_client.post(
            reverse("api:article-list"),
            {"url": f"{web_server.url}/ban", "outlet": "Wire"},
            format="json",
        )
    article = Article.objects.get()
    waiting = token_client.get(response["Location"]).json()
    # The page is fetched by the task queued after the commit, never during the request.
    assert web_server.hits["/ban"] == 0
    for callback in callbacks:
        callback()
    done = token_client.get(response["Location"]).json()

    assert response.status_code == 202
    assert response["Location"] == f"http://testserver/api/v1/articles/{article.pk}/"
    assert (response.json()["state"], waiting["state"]) == ("fetching", "fetching")
    assert waiting["title"] == waiting["source_url"] == f"{web_server.url}/ban"
    assert done["state"] == "parsed"
    assert (done["title"], done["outlet"], done["published_on"]) == (
        URL_PAGE[0],
        "Wire",
        "2024-01-08",
    )


def test_a_url_posted_twice_makes_one_article(token_client):
    url = "https://news.example.org/rare-earths-ban"

    first = token_client.post(reverse("api:article-list"), {"url": url}, format="json")
    again = token_client.post(reverse("api:article-list"), {"url": url}, format="json")

    assert (first.status_code, again.status_code) == (202, 200)
    assert again["Location"] == first["Location"]
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    ("sent", "field"),
    [
        ({}, "url"),
        ({"url": "ftp://news.example.org/ban"}, "url"),
        ({"url": "https://news.example.org/ban", "published_on": "2026-03-02"}, "published_on"),
        ({"body": "Malaysia banned exports."}, "title"),
    ],
    ids=["nothing", "not-http", "date-with-url-alone", "text-without-title"],
)
def test_a_submission_that_is_neither_a_text_nor_a_url_alone_is_refused(token_client, sent, field):
    response = token_client.post(reverse("api:article-list"), sent, format="json")

    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("published_on", "accepted"),
    [
        ("0001-01-01", False),
        ("1899-12-31", False),
        ("1900-01-01", True),
        (f"{datetime.date.today().year + 1}-12-31", True),
        (f"{datetime.date.today().year + 2}-01-01", False),
    ],
)
def test_a_publication_date_no_article_can_have_is_refused(token_client, published_on, accepted):
    response = token_client.post(
        reverse("api:article-list"), {**ARTICLE, "published_on": published_on}, format="json"
    )

    if accepted:
        assert response.status_code == 202
        assert response.json()["published_on"] == published_on
    else:
        assert response.status_code == 400
        [message] = response.json()["errors"]["published_on"]
        assert message.startswith("Give a publication date between 1900-01-01 and")
        assert not Article.objects.exists()


def test_an_article_shows_its_state_and_the_entries_it_produced(api_client, world):
    article = Article.objects.get(title="Refinery deal signed")
    Article.objects.filter(pk=article.pk).update(state=ArticleState.PARSED)

    shown = _get(api_client, "article-detail", article.pk).json()

    assert shown["state"] == "parsed"
    assert shown["failure_reason"] == ""
    assert [e["stage"]["slug"] for e in shown["timeline_entries"]] == ["signed"]
    assert shown["timeline_entries"][0]["deal"]["slug"] == "rare-earth-refinery"
    assert "body" not in shown


def test_an_article_shows_its_proposals_and_where_their_review_stands(
    api_client, reference_data, editor
):
    article = submitted(
        "China and Malaysia hold early talks on a rare earths refinery",
        "China and Malaysia are in preliminary talks to build a rare earths refinery in Malaysia.",
    )
    services.parse_article(article)

    waiting = _get(api_client, "article-detail", article.pk)
    services.accept_proposal(proposal=article.proposals.get(), reviewed_by=editor)
    accepted = _get(api_client, "article-detail", article.pk)

    shown = waiting.json()
    assert (shown["state"], shown["timeline_entries"]) == ("parsed", [])
    [proposal] = shown["proposals"]
    assert proposal["review_state"] == "pending"
    assert (proposal["deal"], proposal["timeline_entry"]) == (None, None)
    assert proposal["stage"]["slug"] == "talks"
    assert "rare earths" in proposal["summary"]
    assert accepted["ETag"] != waiting["ETag"]
    [proposal] = accepted.json()["proposals"]
    assert proposal["review_state"] == "accepted"
    assert proposal["deal"]["slug"] == accepted.json()["timeline_entries"][0]["deal"]["slug"]
    assert proposal["timeline_entry"] == accepted.json()["timeline_entries"][0]["id"]


def _csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_deal_list_and_changes_as_csv_for_spreadsheets(api_client, world):
    deals = _get(api_client, "deal-list", format="csv", stage="signed")
    changes = api_client.get(reverse("api:change-list"), HTTP_ACCEPT="text/csv")

    assert deals["Content-Type"] == "text/csv; charset=utf-8"
    [refinery] = _csv_rows(deals)
    assert refinery["slug"] == "rare-earth-refinery"
    assert refinery["stage.slug"] == "signed"
    assert refinery["parties.name"] == "Khazanah"
    assert refinery["parties.role"] == "partner"
    rows = _csv_rows(changes)
    assert [row["stage.slug"] for row in rows] == ["talks", "signed", "threatened"]
    assert rows[1]["source.title"] == "Refinery deal signed"


def test_csv_cells_cannot_run_as_spreadsheet_formulas(api_client, world):
    TimelineEntry.objects.filter(status__slug="signed").update(quote='=HYPERLINK("http://x")')

    rows = _csv_rows(_get(api_client, "change-list", format="csv", stage="signed"))

    assert rows[0]["quote"] == '\'=HYPERLINK("http://x")'


def test_csv_pages_link_to_the_next_page(api_client, world):
    response = _get(api_client, "deal-list", format="csv", page_size=1)

    assert 'rel="next"' in response["Link"]


@pytest.mark.parametrize(
    ("name", "max_queries"),
    [
        ("deal-list", 7),
        ("change-list", 2),
        ("party-list", 4),
        ("commodity-list", 4),
        ("stage-list", 2),
    ],
)
def test_lists_take_the_same_few_queries_whatever_their_size(
    api_client, stages, name, max_queries, django_assert_max_num_queries
):
    def grow(count):
        for n in range(count):
            deal_with_story(
                stages,
                title=f"Deal {name} {n} {TimelineEntry.objects.count()}",
                party=PartyFactory(),
                commodity=CommodityFactory(),
            )

    grow(2)
    with django_assert_max_num_queries(max_queries):
        small = _get(api_client, name, page_size=100)
    grow(20)
    with django_assert_max_num_queries(max_queries):
        large = _get(api_client, name, page_size=100)

    assert small.status_code == large.status_code == 200
    assert len(large.content) > len(small.content) or name == "stage-list"


def test_timeline_and_article_queries_stay_bounded(
    api_client, world, stages, django_assert_max_num_queries
):
    refinery = world["refinery"]
    for day in range(1, 15):
        record_timeline_entry(
            deal=refinery, status=stages["stalled"] if day % 2 else stages["signed"],
            happened_on=datetime.date(2026, 4, day), article=ArticleFactory(), quote="News.",
        )  # fmt: skip
    article = Article.objects.get(title="Refinery deal signed")

    with django_assert_max_num_queries(5):
        assert _get(api_client, "deal-timeline", refinery.slug).status_code == 200
    # Validators, the article, its entries and its proposals.
    with django_assert_max_num_queries(4):
        assert _get(api_client, "article-detail", article.pk).status_code == 200


def test_a_repeated_request_is_served_from_the_cache_without_serialising(
    api_client, world, django_assert_max_num_queries
):
    first = _get(api_client, "deal-list")

    with django_assert_max_num_queries(1):
        again = _get(api_client, "deal-list")

    assert again.status_code == 200
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]


@pytest.mark.parametrize("name", ["deal-list", "change-list"])
def test_a_response_from_the_cache_is_sent_with_the_headers_of_the_first(api_client, world, name):
    first = _get(api_client, name, page_size=1)
    again = _get(api_client, name, page_size=1)

    for header in ("Content-Type", "ETag", "Last-Modified", "Cache-Control", "Vary"):
        assert again[header] == first[header], header
    assert again.get("X-Poll-Interval") == first.get("X-Poll-Interval")


def test_the_schema_and_docs_are_served_by_the_app_itself(client, fresh_cache):
    schema = client.get(reverse("api:schema"), HTTP_ACCEPT="application/json")
    docs = client.get(reverse("api:docs"))

    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/changes/" in paths
    assert "304" in paths["/api/v1/changes/"]["get"]["responses"]
    assert "429" in paths["/api/v1/articles/"]["post"]["responses"]
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "drf_spectacular_sidecar/swagger-ui-dist" in html
    assert "cdn" not in html.lower()
    # The tracker's CSP runs only scripts loaded from the site: none may be inline.
    assert html.count("<script") == html.count("<script src=")
    script = client.get(reverse("api:docs") + "?script=")
    assert script["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle" in script.content


def test_csv_nested_fields_are_dotted_columns_only_whatever_the_rows_hold(api_client, world):
    Figure.objects.filter(deal=world["tariff"]).delete()

    deals = _get(api_client, "deal-list", format="csv")
    changes = _get(api_client, "change-list", format="csv")

    for response in (deals, changes):
        rows = _csv_rows(response)
        assert rows
        columns = list(rows[0])
        # A nested field is its dotted columns only: never also a bare column, empty on every row.
        nested = {column.split(".")[0] for column in columns if "." in column}
        assert nested & set(columns) == set()
    by_slug = {row["slug"]: row for row in _csv_rows(deals)}
    assert by_slug["rare-earth-refinery"]["figures.text"] == "25%"
    assert by_slug["chip-tariff"]["figures.text"] == ""
