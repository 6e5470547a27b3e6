"""Parsing articles into proposals: name resolution, matching to deals, bad input."""

import datetime
import io
import json

import pytest
from django.contrib.auth import authenticate
from django.core import mail
from django.core.management import CommandError, call_command

from deals import services
from deals.models import (
    Article,
    ArticleState,
    Contributor,
    Deal,
    DealKind,
    Party,
    PartyAlias,
    Proposal,
    ReviewState,
    content_hash,
)

from .factories import FollowFactory, article_page, submitted

pytestmark = pytest.mark.django_db

# The same US-India deal, reported four times in the tracker's own words.
US_INDIA_HEADLINES = [
    "Washington and New Delhi unveil a trade framework covering energy and supply chains",
    "Rupee firms after India and the U.S. seal a trade deal",
    "U.S. scraps 25% tariff on Indian goods as part of new trade and energy deal",
    "India-U.S. interim trade pact lowers tariffs on cars",
]

CHINA_MALAYSIA_TALKS = (
    "China and Malaysia hold early talks on a rare earths refinery",
    "China and Malaysia are in preliminary talks to build a rare earths refinery in Malaysia, "
    "with the sovereign fund Khazanah Nasional expected to work with a Chinese state-owned "
    "company. Nothing has been signed.",
)
MALAYSIA_BAN = (
    "Malaysia bans the export of unprocessed rare earths",
    "Malaysia has banned exports of raw rare earths to build a refining industry at home. The "
    "ban is in effect.",
)


def parse_and_accept(title, body="", *, editor, published=datetime.date(2026, 2, 3)):
    article = submitted(title, body, published_on=published)
    services.parse_article(article)
    for proposal in article.proposals.order_by("position"):
        services.accept_proposal(proposal=proposal, reviewed_by=editor)
    return article


def test_an_article_about_a_deal_becomes_a_proposal_with_what_the_parser_saw(reference_data):
    article = submitted(*CHINA_MALAYSIA_TALKS, published_on=datetime.date(2025, 6, 18))

    outcome = services.parse_article(article)

    article.refresh_from_db()
    assert article.state == ArticleState.PARSED
    proposal = outcome.proposals[0]
    assert (proposal.kind, proposal.status.slug, proposal.state) == (
        "agreement",
        "talks",
        "pending",
    )
    assert proposal.deal is None  # a new deal: the tracker follows none yet
    assert "preliminary talks" in proposal.quote  # the body sentence, not the headline
    parties = {mention.name: mention for mention in proposal.parties.all()}
    assert parties["China"].party == Party.objects.get(iso_code="CN")
    assert parties["Malaysia"].party == Party.objects.get(iso_code="MY")
    # Unknown to the tracker, kept as written, to be created when an editor accepts.
    assert parties["Khazanah Nasional"].party is None
    commodities = {mention.name: mention.commodity for mention in proposal.commodities.all()}
    assert commodities["rare earths"].name == "rare earths"


def test_the_four_us_india_headlines_go_to_one_deal(reference_data, editor):
    for number, headline in enumerate(US_INDIA_HEADLINES):
        parse_and_accept(headline, editor=editor, published=datetime.date(2026, 2, 2 + number))

    agreements = Deal.objects.filter(kind=DealKind.AGREEMENT)
    assert agreements.count() == 1
    deal = agreements.get()
    assert set(deal.parties.values_list("iso_code", flat=True)) == {"US", "IN"}
    assert deal.timeline.count() == 4
    assert deal.status.slug == "framework"


def test_headlines_reviewed_together_join_the_deal_the_first_accepted_created(
    reference_data, editor
):
    articles = [submitted(headline) for headline in US_INDIA_HEADLINES]
    for article in articles:
        services.parse_article(article)
    first = articles[0].proposals.get()
    assert Proposal.objects.filter(deal=None, kind=DealKind.AGREEMENT).count() == 4

    services.accept_proposal(proposal=first, reviewed_by=editor)

    first.refresh_from_db()
    waiting = Proposal.objects.pending().filter(kind=DealKind.AGREEMENT)
    assert {proposal.deal for proposal in waiting} == {first.deal}


def test_refinery_talks_and_malaysias_own_export_ban_are_two_deals(reference_data, editor):
    parse_and_accept(*CHINA_MALAYSIA_TALKS, editor=editor)
    parse_and_accept(*MALAYSIA_BAN, editor=editor)

    talks = Deal.objects.get(kind=DealKind.AGREEMENT)
    ban = Deal.objects.get(kind=DealKind.MEASURE)
    assert talks.status.slug == "talks"
    assert ban.status.slug == "imposed"
    assert list(ban.parties.values_list("name", flat=True)) == ["Malaysia"]


def test_one_article_reporting_the_talks_and_the_ban_the_tracker_follows_proposes_both(
    reference_data, editor
):
    parse_and_accept(*MALAYSIA_BAN, editor=editor, published=datetime.date(2024, 1, 8))
    article = parse_and_accept(
        CHINA_MALAYSIA_TALKS[0],
        CHINA_MALAYSIA_TALKS[1] + " " + MALAYSIA_BAN[1],
        editor=editor,
    )

    assert article.proposals.count() == 2
    assert set(Deal.objects.values_list("kind", "status__slug")) == {
        ("agreement", "talks"),
        ("measure", "imposed"),
    }


def test_a_deal_told_after_the_opening_opens_no_deal_of_its_own(reference_data, editor):
    article = parse_and_accept(
        CHINA_MALAYSIA_TALKS[0],
        CHINA_MALAYSIA_TALKS[1] + " " + MALAYSIA_BAN[1],
        editor=editor,
    )

    assert list(article.proposals.values_list("kind", flat=True)) == ["agreement"]
    assert list(Deal.objects.values_list("kind", flat=True)) == ["agreement"]
    # The article says what it told in passing, for an editor who wants to follow it.
    assert "Told only in passing, not followed:" in article.failure_reason
    assert "ban" in article.failure_reason.rsplit("passing", 1)[1].lower()


def test_a_second_report_of_a_deal_is_matched_to_it(reference_data, editor):
    parse_and_accept(*MALAYSIA_BAN, editor=editor, published=datetime.date(2024, 1, 8))
    article = submitted(
        "Malaysia tightens its ban on raw rare earth exports",
        "Malaysia has widened its ban on exports of raw rare earths to cover concentrates.",
    )

    services.parse_article(article)

    proposal = article.proposals.get(position=0)
    assert proposal.deal == Deal.objects.get(kind=DealKind.MEASURE)
    assert proposal.match_score >= services.matching.MATCH_THRESHOLD
    assert "goods shared" in proposal.match_reason


def test_the_same_parties_trading_other_goods_under_a_measure_are_another_deal(
    reference_data, editor
):
    parse_and_accept(*MALAYSIA_BAN, editor=editor)
    article = submitted(
        "Malaysia bans exports of palm oil", "Malaysia has banned palm oil exports."
    )

    services.parse_article(article)

    assert article.proposals.get(position=0).deal is None


def test_a_name_an_editor_resolved_is_known_to_the_next_parse(reference_data, editor):
    malaysia = Party.objects.get(iso_code="MY")
    PartyAlias.objects.create(party=malaysia, name="Negara Jiran")
    article = submitted(
        "Negara Jiran and China hold talks on a rare earths refinery",
        "Negara Jiran and China are in talks to build a rare earths refinery.",
    )

    services.parse_article(article)

    names = article.proposals.get(position=0).parties.values_list("party__name", flat=True)
    assert set(names) == {"Malaysia", "China"}


def test_a_headline_about_no_deal_is_kept_and_marked_not_relevant(reference_data):
    article = submitted("Stocks slip as investors weigh interest rates")

    outcome = services.parse_article(article)

    article.refresh_from_db()
    assert article.state == outcome.state == ArticleState.NOT_RELEVANT
    assert article.failure_reason
    assert not article.proposals.exists()


@pytest.mark.parametrize(
    ("title", "body", "reason"),
    [
        ("", "   ", "empty"),
        ("Tariff news", "Tariffs on steel. " * 60_000, "bytes"),
        ("Tariff news", "\x00\x01\x02binary\x00" * 50, "binary"),
        (
            "Zölle",
            "Die Europäische Union und die Vereinigten Staaten haben sich auf ein "
            "Handelsabkommen geeinigt, das die Zölle auf Autos senkt und den Handel mit "
            "Stahl regelt. Die Verhandlungen dauerten mehrere Monate.",
            "English",
        ),
    ],
    ids=["empty", "over-1-mb", "binary", "not-english"],
)
def test_bad_input_fails_the_article_with_its_reason_and_keeps_it(
    reference_data, title, body, reason
):
    article = services.submit_article(title=title, body=body).article

    outcome = services.parse_article(article)

    article.refresh_from_db()
    assert article.state == outcome.state == ArticleState.FAILED
    assert reason in article.failure_reason
    assert len(article.body) == len(body)
    assert not article.proposals.exists()


def test_an_html_article_is_read_as_its_text(reference_data):
    body = (
        "<html><body><script>var tariff = 1;</script><h1>Refinery talks</h1>"
        "<p>China and Malaysia are in preliminary talks to build a rare earths refinery.</p>"
        "</body></html>"
    )
    article = submitted("China and Malaysia discuss a refinery", body)

    services.parse_article(article)

    article.refresh_from_db()
    assert article.state == ArticleState.PARSED
    proposal = article.proposals.get(position=0)
    assert "<p>" not in proposal.quote
    assert proposal.status.slug == "talks"


BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def test_bidirectional_controls_in_an_article_never_reach_readers(
    reference_data, editor, reader, client, api_client, django_capture_on_commit_callbacks
):
    FollowFactory(user=reader, party=Party.objects.get(iso_code="MY"))
    title = "Malaysia \u202ebans\u202c the export of \u2067unprocessed\u2069 rare earths"
    body = (
        "Malaysia has \u200fbanned\u200e exports of raw rare earths to build a refining industry "
        "at home. The \u061cban is in effect, the \u202atrade\u202c ministry said."
    )

    with django_capture_on_commit_callbacks(execute=True):
        article = services.submit_article(
            title=title, body=body, outlet="\u202dWire\u202c", url="https://news.example.org/ban"
        ).article
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_proposal(proposal=article.proposals.get(), reviewed_by=editor)

    deal = Deal.objects.get()
    pages = [
        client.get(address).content.decode()
        for address in (deal.get_absolute_url(), "/", "/feeds/changes/")
    ]
    api = [
        api_client.get(address).content.decode()
        for address in (f"/api/v1/deals/{deal.slug}/", "/api/v1/changes/")
    ]
    [email] = mail.outbox
    seen = [*pages, *api, email.subject, email.body, email.alternatives[0][0]]
    assert "Malaysia bans the export of unprocessed rare earths" in pages[0]
    assert "Malaysia bans the export of unprocessed rare earths" in email.body
    for text in seen:
        assert not set(text) & set(BIDI_CONTROLS)
        assert not any(f"\\u{ord(c):04x}" in text.lower() for c in BIDI_CONTROLS)


# --- Trust: from what the tracker verified, never from what a submitter typed -----------------


def test_an_outlet_named_like_a_trusted_domain_grants_no_trust(reference_data, settings):
    settings.TRACKER_TRUSTED_DOMAINS = ["wire.example"]
    article = submitted(*MALAYSIA_BAN, outlet="wire.example")

    services.parse_article(article)

    assert article.proposals.get(position=0).state == ReviewState.PENDING
    assert not Deal.objects.exists()


def test_text_sent_with_a_url_on_a_trusted_domain_waits_for_an_editor(
    reference_data, settings, token_client, django_capture_on_commit_callbacks
):
    settings.TRACKER_TRUSTED_DOMAINS = ["wire.example"]

    with django_capture_on_commit_callbacks(execute=True):
        response = token_client.post(
            "/api/v1/articles/",
            {
                "title": MALAYSIA_BAN[0],
                "body": MALAYSIA_BAN[1],
                "url": "https://www.wire.example/ban",
                "outlet": "Wire",
            },
            format="json",
        )

    assert response.status_code == 202
    article = Article.objects.get()
    assert article.state == ArticleState.PARSED
    assert article.proposals.get(position=0).state == ReviewState.PENDING
    assert not Deal.objects.exists()


def test_an_account_editors_do_not_trust_waits_for_an_editor(reference_data, reader):
    services.set_trust(user=reader, trusted=True)
    services.set_trust(user=reader, trusted=False)
    article = submitted(*MALAYSIA_BAN, submitted_by=reader)

    services.parse_article(article)

    assert article.proposals.get(position=0).state == ReviewState.PENDING
    assert not services.provenance_of(article).trusted


def test_an_account_an_editor_trusts_in_the_admin_is_accepted_without_an_editor(
    reference_data, editor_client, editor, token_client, reader, django_capture_on_commit_callbacks
):
    first = token_client.post(
        "/api/v1/articles/",
        {"title": US_INDIA_HEADLINES[1], "body": US_INDIA_HEADLINES[1]},
        format="json",
    )
    assert first.status_code == 202
    contributor = Contributor.objects.get(user=reader)  # listed for editors once it submits
    assert not contributor.trusted

    editor_client.post(
        "/admin/deals/contributor/",
        {"action": "trust_selected", "_selected_action": [contributor.pk]},
    )
    with django_capture_on_commit_callbacks(execute=True):
        token_client.post(
            "/api/v1/articles/",
            {"title": MALAYSIA_BAN[0], "body": MALAYSIA_BAN[1], "outlet": "Anything"},
            format="json",
        )

    contributor.refresh_from_db()
    assert (contributor.trusted, contributor.trusted_by) == (True, editor)
    proposal = Proposal.objects.get(article__title=MALAYSIA_BAN[0], position=0)
    assert proposal.state == ReviewState.ACCEPTED
    assert proposal.auto_accepted and proposal.reviewed_by is None
    assert Deal.objects.get().status.slug == "imposed"


def test_a_trusted_account_below_the_confidence_threshold_waits_for_an_editor(
    reference_data, settings, reader
):
    services.set_trust(user=reader, trusted=True)
    settings.TRACKER_AUTO_ACCEPT_CONFIDENCE = 0.95
    article = submitted(US_INDIA_HEADLINES[0], submitted_by=reader)

    services.parse_article(article)

    proposal = article.proposals.get(position=0)
    assert proposal.confidence < 0.95
    assert proposal.state == ReviewState.PENDING
    assert not Deal.objects.exists()


def test_parsing_takes_a_bounded_number_of_queries(reference_data, django_assert_max_num_queries):
    services.directory()  # built once per process; this test is about each article's cost
    article = submitted(*CHINA_MALAYSIA_TALKS)

    with django_assert_max_num_queries(30):
        services.parse_article(article)


def _write(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_extract_prints_one_json_line_per_file_and_saves_nothing(reference_data, tmp_path):
    _write(tmp_path, "ban.txt", "Title: Malaysia bans the export of raw rare earths\n\nIn effect.")
    _write(tmp_path, "markets.txt", "Stocks slip as investors weigh interest rates")
    out = io.StringIO()

    call_command("extract", str(tmp_path), stdout=out)

    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["source"] for line in lines] == [
        str(tmp_path / "ban.txt"),
        str(tmp_path / "markets.txt"),
    ]
    ban, markets = lines
    assert ban["relevant"] and ban["deals"][0]["stage"] == "imposed"
    assert ban["deals"][0]["parties"][0]["name"] == "Malaysia"
    assert not markets["relevant"] and markets["deals"] == []
    assert not Article.objects.exists()


def test_ingest_submits_a_folder_and_recognises_articles_already_known(
    reference_data, tmp_path, django_capture_on_commit_callbacks
):
    _write(
        tmp_path,
        "a.txt",
        "Title: Malaysia bans the export of raw rare earths\nDate: 2024-01-08\n\nIn effect.",
    )
    _write(tmp_path, "b.txt", "Title: Malaysia bans tin exports\n\nThe ban is in effect.")
    _write(tmp_path, "notes.md", "Not an article file.")
    first, second = io.StringIO(), io.StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("ingest", str(tmp_path), "--outlet", "Wire", stdout=first)
    call_command("ingest", str(tmp_path / "a.txt"), stdout=second)

    assert "2 new, 0 already known, 0 failed." in first.getvalue()
    assert set(Article.objects.values_list("state", flat=True)) == {ArticleState.PARSED}
    assert "0 new, 1 already known, 0 failed." in second.getvalue()
    article = Article.objects.get(title="Malaysia bans the export of raw rare earths")
    assert (article.outlet, article.published_on) == ("Wire", datetime.date(2024, 1, 8))


# Outside a test transaction, as the command runs: without a broker the task runs in the
# command's process as soon as the article is committed.
@pytest.mark.django_db(transaction=True)
def test_ingest_url_has_the_page_fetched_and_reports_the_article_state(
    reference_data, settings, web_server
):
    settings.TRACKER_FETCH_ALLOW_LOOPBACK = True
    web_server.pages["/ban"] = (200, "text/html", article_page(*BAN_PAGE))
    out = io.StringIO()

    call_command("ingest", "--url", f"{web_server.url}/ban", stdout=out)

    article = Article.objects.get()
    assert "1 new, 0 already known, 0 failed." in out.getvalue()
    assert f"Article #{article.pk} ({web_server.url}/ban): parsed." in out.getvalue()
    assert article.title == BAN_PAGE[0]


@pytest.mark.django_db(transaction=True)
def test_ingest_url_of_a_site_that_is_down_reports_why_the_article_failed(settings, closed_port):
    settings.TRACKER_FETCH_ALLOW_LOOPBACK = True
    out = io.StringIO()

    call_command("ingest", "--url", f"{closed_port}/ban", stdout=out)

    assert ": failed: Could not download the page" in out.getvalue()
    assert Article.objects.get().state == ArticleState.FAILED


def test_ingest_refuses_an_address_that_is_not_a_web_page():
    with pytest.raises(CommandError, match="Give an http or https address"):
        call_command("ingest", "--url", "file:///etc/passwd")

    assert not Article.objects.exists()


# As `make run` does it: outside a test transaction, each article is parsed as it is submitted.
@pytest.mark.django_db(transaction=True)
def test_loaddemo_twice_keeps_the_demo_and_duplicates_nothing(
    settings, tmp_path, stages, editors_group
):
    settings.BASE_DIR = tmp_path
    out = io.StringIO()

    call_command("loaddemo", stdout=out)
    deals, articles = Deal.objects.count(), Article.objects.count()
    call_command("loaddemo", stdout=out)

    assert (Deal.objects.count(), Article.objects.count()) == (deals, articles)
    # A demo worth exploring: every article read, and deals followed through their stages.
    assert articles >= 40
    assert set(Article.objects.values_list("state", flat=True)) == {"parsed"}
    followed = [
        deal
        for deal in Deal.objects.all()
        if deal.timeline.values("status").distinct().count() >= 3
    ]
    assert len(followed) >= 8
    assert {deal.kind for deal in followed} == {DealKind.AGREEMENT, DealKind.MEASURE}
    tariff = Deal.objects.get(kind=DealKind.MEASURE, parties__iso_code="IN")
    assert list(tariff.timeline.values_list("status__slug", flat=True)) == [
        "threatened",
        "imposed",
        "imposed",
        "imposed",
        "lifted",
    ]
    rates = tariff.figures.filter(what="tariff_rate").order_by("article__published_on")
    assert [int(rate.value) for rate in rates] == [25, 25, 50, 18]
    assert Deal.objects.filter(kind=DealKind.MEASURE, parties__iso_code="MY").count() == 1
    assert Deal.objects.filter(kind=DealKind.AGREEMENT, parties__iso_code="MY").count() == 1
    assert all(deal.summary for deal in Deal.objects.all())
    # A few proposals the parser was unsure of wait for an editor, each on its deal.
    pending = Proposal.objects.pending()
    assert pending.exists() and not pending.filter(deal=None).exists()
    user, password = (tmp_path / "var" / "demo-login.txt").read_text().splitlines()
    assert user == "user: editor"
    password = password.removeprefix("password: ")
    login = f"Admin: http://127.0.0.1:8000/admin/  user: editor  password: {password}"
    assert out.getvalue().count(login) == 2
    assert authenticate(username="editor", password=password).is_staff
    # Accepted as a trusted source's: the tracker's own account, which cannot sign in.
    source = Contributor.objects.get(trusted=True).user
    assert set(Article.objects.values_list("submitted_by", flat=True)) == {source.pk}
    assert not source.has_usable_password()


# --- Articles submitted by URL: the worker fetches the page ------------------------------------

BAN_PAGE = (
    "Malaysia bans the export of unprocessed rare earths",
    "Malaysia has banned exports of raw rare earths to build a refining industry at home. The "
    "ban is in effect.",
    "The government said the measure would help the country capture more of the value of its "
    "mineral resources, and officials expect new refineries to open in the coming years.",
)


@pytest.fixture
def loopback_allowed(settings):
    settings.TRACKER_FETCH_ALLOW_LOOPBACK = True


def fetched(url, callbacks, **fields):
    """Submit a URL as the API does and run the parse task queued after its commit."""
    with callbacks(execute=True):
        submission = services.submit_url(url=url, **fields)
    submission.article.refresh_from_db()
    return submission.article


def test_a_page_submitted_by_url_gets_its_title_text_and_date_and_is_parsed(
    reference_data, loopback_allowed, web_server, django_capture_on_commit_callbacks
):
    web_server.pages["/ban"] = (200, "text/html; charset=utf-8", article_page(*BAN_PAGE))

    article = fetched(f"{web_server.url}/ban", django_capture_on_commit_callbacks)

    assert article.state == ArticleState.PARSED
    assert article.title == BAN_PAGE[0]
    assert BAN_PAGE[1] in article.body and BAN_PAGE[2] in article.body
    assert "Copyright" not in article.body
    assert article.published_on == datetime.date(2024, 1, 8)
    assert article.outlet == "Pipeline Wire"
    assert article.content_hash == content_hash(article.title, article.body)
    assert article.proposals.get().kind == "measure"
    assert web_server.hits["/ban"] == 1


@pytest.mark.parametrize(
    ("submitted_host", "found_host", "accepted"),
    [
        ("localhost", "localhost", True),
        ("127.0.0.1", "localhost", True),
        ("localhost", "127.0.0.1", False),
    ],
    ids=["on-the-trusted-domain", "redirected-onto-it", "redirected-off-it"],
)
def test_a_page_the_tracker_fetched_is_trusted_by_the_domain_it_was_found_on(
    reference_data,
    settings,
    loopback_allowed,
    web_server,
    django_capture_on_commit_callbacks,
    submitted_host,
    found_host,
    accepted,
):
    settings.TRACKER_TRUSTED_DOMAINS = ["localhost"]
    port = web_server.url.rsplit(":", 1)[1]
    web_server.pages["/ban"] = (200, "text/html", article_page(*BAN_PAGE))
    web_server.pages["/moved"] = (301, f"http://{found_host}:{port}/ban")
    path = "/ban" if submitted_host == found_host else "/moved"

    article = fetched(f"http://{submitted_host}:{port}{path}", django_capture_on_commit_callbacks)

    assert article.fetched_from == f"http://{found_host}:{port}/ban"
    proposal = article.proposals.get(position=0)
    assert proposal.auto_accepted is accepted
    assert Deal.objects.exists() is accepted


def test_a_url_submission_is_kept_at_once_waiting_to_be_fetched():
    submission = services.submit_url(url="https://news.example/ban", outlet="Wire")

    article = submission.article
    assert submission.created
    assert (article.state, article.title, article.body) == (
        ArticleState.FETCHING,
        "https://news.example/ban",
        "",
    )
    assert article.content_hash != content_hash("https://news.example/ban", "")
    assert services.submit_url(url="https://news.example/ban").article == article


@pytest.mark.parametrize(
    ("allow_loopback", "target", "refusal"),
    [
        (False, "/ban", "resolves to a loopback address (127.0.0.1)"),
        (False, "http://10.1.2.3/ban", "resolves to a private address (10.1.2.3)"),
        (True, "http://169.254.169.254/latest/meta-data/", "resolves to a link-local address"),
    ],
    ids=["loopback", "private", "redirect-to-link-local"],
)
def test_a_page_on_an_address_off_the_public_internet_is_refused_and_the_article_failed(
    reference_data,
    settings,
    web_server,
    django_capture_on_commit_callbacks,
    allow_loopback,
    target,
    refusal,
):
    settings.TRACKER_FETCH_ALLOW_LOOPBACK = allow_loopback
    web_server.pages["/ban"] = (200, "text/html", article_page(*BAN_PAGE))
    web_server.pages["/moved"] = (302, target)
    url = f"{web_server.url}{target}" if target.startswith("/") else target
    if allow_loopback:
        url = f"{web_server.url}/moved"

    article = fetched(url, django_capture_on_commit_callbacks)

    assert article.state == ArticleState.FAILED
    assert article.failure_reason.startswith("Refused to fetch http")
    assert refusal in article.failure_reason
    assert web_server.hits["/ban"] == 0


def test_a_page_with_the_text_of_an_article_already_kept_fails_and_both_are_kept(
    reference_data, loopback_allowed, web_server, django_capture_on_commit_callbacks
):
    web_server.pages["/ban"] = (200, "text/html", article_page(*BAN_PAGE))
    web_server.pages["/copy"] = (200, "text/html", article_page(*BAN_PAGE, site="Copycat"))
    first = fetched(f"{web_server.url}/ban", django_capture_on_commit_callbacks)

    copy = fetched(f"{web_server.url}/copy", django_capture_on_commit_callbacks)

    assert first.state == ArticleState.PARSED
    assert copy.state == ArticleState.FAILED
    assert copy.failure_reason == f"Same text as article #{first.pk}."
    assert Article.objects.count() == 2


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        (
            (200, "text/html", b"<html><head><title>Sign in</title></head></html>"),
            "Found no article",
        ),
        ((200, "application/pdf", b"%PDF-1.7"), "is application/pdf, not a web page"),
        ((404, "text/html", b"<p>Gone</p>"), "answered 404"),
        ((200, "text/html", b"<p>" + b"x" * 5000 + b"</p>"), "larger than the 4,000 bytes"),
    ],
    ids=["no-text", "not-a-page", "missing", "too-large"],
)
def test_a_page_that_gives_no_article_fails_at_once_with_the_reason(
    reference_data,
    settings,
    loopback_allowed,
    web_server,
    django_capture_on_commit_callbacks,
    page,
    reason,
):
    settings.TRACKER_MAX_ARTICLE_BYTES = 4000
    web_server.pages["/page"] = page

    article = fetched(f"{web_server.url}/page", django_capture_on_commit_callbacks)

    assert article.state == ArticleState.FAILED
    assert reason in article.failure_reason
    assert web_server.hits["/page"] == 1
