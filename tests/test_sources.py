"""News sources: feeds served by a real local HTTP server, polled, filed, backed off and trusted."""

import datetime
import gzip
import io
import time
import zlib

import pytest
from django.core.management import call_command
from django.utils import timezone

from deals import services
from deals.models import (
    Article,
    ArticleState,
    Proposal,
    ReviewState,
    Source,
    SourceEntry,
    SourceState,
)
from deals.tasks import poll_due_sources, poll_source_task

from .factories import article_page, rss_feed

pytestmark = pytest.mark.django_db

BAN = (
    "Malaysia bans the export of unprocessed rare earths",
    "Malaysia has banned exports of raw rare earths to build a refining industry at home. The "
    "ban is in effect.",
)
PAGE = (
    "Indonesia halts nickel ore exports",
    "Indonesia has banned exports of nickel ore to build a smelting industry at home. The ban "
    "took effect on Monday.",
    "The government said the measure would help the country capture more of the value of its "
    "mineral resources, and officials expect new smelters to open in the coming years.",
)


@pytest.fixture
def loopback_allowed(settings):
    settings.TRACKER_FETCH_ALLOW_LOOPBACK = True


def add_source(url, name="Trade Wire", **fields):
    return Source.objects.create(name=name, feed_url=url, **fields)


def poll(callbacks):
    """One round of every due source, running the tasks it queues (parse, fetch) as it ends."""
    with callbacks(execute=True):
        done = services.poll_due_now(concurrency=4)
    return done


def page(request, body, content_type="text/html; charset=utf-8", status=200):
    request.send_response(status)
    request.send_header("Content-Type", content_type)
    request.send_header("Content-Length", str(len(body)))
    request.end_headers()
    request.wfile.write(body)


def due_again(source):
    Source.objects.filter(pk=source.pk).update(next_poll_at=timezone.now())


def test_new_entries_become_articles_from_the_feeds_text_or_fetched_from_their_link(
    reference_data, loopback_allowed, feed_server, django_capture_on_commit_callbacks
):
    feed_server.route("/nickel", lambda request: page(request, article_page(*PAGE)))
    feed_server.feed(
        "/feed",
        rss_feed(
            {"guid": "ban-1", "link": f"{feed_server.url}/ban", "title": BAN[0], "content": BAN[1]},
            {"guid": "nickel-1", "link": f"{feed_server.url}/nickel", "summary": "Nickel..."},
        ),
    )
    source = add_source(f"{feed_server.url}/feed")

    done = poll(django_capture_on_commit_callbacks)

    assert (done.sources, done.entries, done.articles) == (1, 2, 2)
    from_text = Article.objects.get(url=f"{feed_server.url}/ban")
    assert (from_text.title, from_text.body, from_text.outlet) == (BAN[0], BAN[1], "Trade Wire")
    assert from_text.fetched_from == ""  # the feed's own text: no page was fetched
    fetched = Article.objects.get(url=f"{feed_server.url}/nickel")
    assert fetched.title == PAGE[0]
    assert fetched.fetched_from == f"{feed_server.url}/nickel"
    assert feed_server.hits["/ban"] == 0 and feed_server.hits["/nickel"] == 1
    for article in (from_text, fetched):
        assert article.state == ArticleState.PARSED
        assert article.proposals.get(position=0).state == ReviewState.PENDING
    source.refresh_from_db()
    assert source.state == SourceState.OK and source.last_problem == ""
    assert source.last_polled_at == source.last_new_at
    assert source.next_poll_at == source.last_polled_at + source.poll_interval


def test_a_second_poll_with_nothing_new_makes_one_conditional_request_and_no_article(
    reference_data, loopback_allowed, feed_server, django_capture_on_commit_callbacks
):
    feed_server.feed("/feed", rss_feed({"guid": "ban-1", "title": BAN[0], "content": BAN[1]}))
    source = add_source(f"{feed_server.url}/feed")
    poll(django_capture_on_commit_callbacks)
    assert Article.objects.count() == 1
    source.refresh_from_db()
    first_new_at = source.last_new_at

    due_again(source)
    done = poll(django_capture_on_commit_callbacks)

    assert (done.requests, done.entries, done.articles) == (1, 0, 0)
    assert feed_server.hits["/feed"] == 2
    sent = feed_server.headers["/feed"]
    assert sent["If-None-Match"] == source.etag
    assert sent["If-Modified-Since"] == "Mon, 05 Jan 2026 08:00:00 GMT"
    assert Article.objects.count() == 1
    source.refresh_from_db()
    assert source.state == SourceState.OK
    assert source.last_new_at == first_new_at < source.last_polled_at


def test_a_feed_that_changed_files_only_its_new_entries(
    reference_data, loopback_allowed, feed_server, django_capture_on_commit_callbacks
):
    old = {"guid": "ban-1", "title": BAN[0], "content": BAN[1]}
    feed_server.feed("/feed", rss_feed(old))
    source = add_source(f"{feed_server.url}/feed")
    poll(django_capture_on_commit_callbacks)

    new = {"guid": "nickel-1", "title": PAGE[0], "content": " ".join(PAGE[1:])}
    feed_server.feed("/feed", rss_feed(new, old))
    due_again(source)
    done = poll(django_capture_on_commit_callbacks)

    assert (done.entries, done.articles) == (1, 1)
    assert sorted(Article.objects.values_list("title", flat=True)) == sorted([BAN[0], PAGE[0]])


def test_a_story_in_two_feeds_is_one_article(
    reference_data, loopback_allowed, feed_server, django_capture_on_commit_callbacks
):
    story = {"link": "https://news.example/ban", "title": BAN[0], "content": BAN[1]}
    feed_server.feed("/one", rss_feed({**story, "guid": "one-ban"}))
    feed_server.feed("/two", rss_feed({**story, "guid": "tag:two,2026:ban"}, title="Other"))
    feed_server.feed("/three", rss_feed({"guid": "x", "title": "Same text", "content": BAN[1]}))
    one = add_source(f"{feed_server.url}/one", name="One")
    two = add_source(f"{feed_server.url}/two", name="Two")
    three = add_source(f"{feed_server.url}/three", name="Three")

    done = poll(django_capture_on_commit_callbacks)

    assert (done.sources, done.entries, done.articles) == (3, 3, 1)
    article = Article.objects.get()
    assert sorted(article.source_entries.values_list("source__name", flat=True)) == [
        "One",
        "Three",
        "Two",
    ]
    assert article.proposals.count() == 1
    assert {one.entries.count(), two.entries.count(), three.entries.count()} == {1}


def test_a_failing_source_backs_off_exponentially_up_to_a_cap_and_recovers(
    reference_data, loopback_allowed, feed_server, settings, django_capture_on_commit_callbacks
):
    settings.TRACKER_SOURCES_MAX_BACKOFF_SECONDS = 3600
    down = {"value": True}
    body = rss_feed({"guid": "ban-1", "title": BAN[0], "content": BAN[1]})

    def flaky(request):
        if down["value"]:
            page(request, b"Busy", "text/plain", status=503)
        else:
            page(request, body, "application/rss+xml")

    feed_server.route("/feed", flaky)
    healthy = {"guid": "n", "title": PAGE[0], "content": " ".join(PAGE[1:])}
    feed_server.feed("/healthy", rss_feed(healthy))
    source = add_source(f"{feed_server.url}/feed", poll_interval=datetime.timedelta(minutes=10))
    other = add_source(f"{feed_server.url}/healthy", name="Healthy")

    waits = []
    for _ in range(4):
        done = poll(django_capture_on_commit_callbacks)
        source.refresh_from_db()
        waits.append(source.next_poll_at - source.last_polled_at)
        due_again(source)

    assert done.failed == 1
    assert source.state == SourceState.UNREACHABLE
    assert "answered 503" in source.last_problem
    assert source.failures == 4
    assert waits == [datetime.timedelta(minutes=minutes) for minutes in (20, 40, 60, 60)]
    other.refresh_from_db()
    assert other.state == SourceState.OK  # one failing source never stops the others
    assert not source.is_flagged(timezone.now())

    Source.objects.filter(pk=source.pk).update(
        failing_since=timezone.now() - datetime.timedelta(hours=25)
    )
    source.refresh_from_db()
    assert source.is_flagged(timezone.now())
    assert list(Source.objects.flagged(timezone.now())) == [source]

    down["value"] = False
    poll(django_capture_on_commit_callbacks)

    source.refresh_from_db()
    assert (source.state, source.failures, source.failing_since) == (SourceState.OK, 0, None)
    assert source.next_poll_at - source.last_polled_at == source.poll_interval
    assert Article.objects.filter(title=BAN[0]).exists()


def test_an_editor_sees_a_source_failing_for_a_day_flagged_in_the_admin(editor_client, feed_server):
    failing = Source.objects.create(
        name="Gone Wire",
        feed_url="https://gone.example/feed",
        state=SourceState.HTTP_ERROR,
        last_problem="https://gone.example/feed answered 410.",
        failing_since=timezone.now() - datetime.timedelta(hours=30),
        failures=9,
    )
    Source.objects.create(name="Fine Wire", feed_url="https://fine.example/feed")

    response = editor_client.get("/admin/deals/source/")
    flagged = editor_client.get("/admin/deals/source/?health=flagged")

    assert response.status_code == 200
    text = response.content.decode()
    assert "1 sources have failed for 24 hours or more" in text
    assert "answered 410" in text
    assert list(flagged.context["cl"].result_list) == [failing]


BOMB = gzip.compress(b"\0" * 50_000_000, compresslevel=9)


def gzip_bomb(request):
    request.send_response(200)
    request.send_header("Content-Type", "application/rss+xml")
    request.send_header("Content-Encoding", "gzip")
    request.send_header("Content-Length", str(len(BOMB)))
    request.end_headers()
    request.wfile.write(BOMB)


def endless(request):
    request.send_response(200)
    request.send_header("Content-Type", "application/rss+xml")
    request.end_headers()
    request.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>')
    while True:
        request.wfile.write(b"<item><title>again</title></item>" * 1000)


def huge(request):
    item = f"<item><title>x</title><description>{'y' * 1000}</description></item>"
    body = f'<rss version="2.0"><channel><title>T</title>{item * 200}</channel></rss>'.encode()
    page(request, body, "application/rss+xml")


def feed_route(body, content_type="application/rss+xml"):
    return lambda request: page(request, body, content_type)


LINKLESS = rss_feed(
    {"guid": "ok", "link": "https://news.example/ok", "title": BAN[0], "content": BAN[1]},
    {"title": "No guid, no link", "content": "Some text."},
    {"guid": "bare", "title": "A guid and nothing to read"},
)
ODD_DATES = rss_feed(
    {
        "guid": "later",
        "title": BAN[0],
        "content": BAN[1],
        "published": "Fri, 01 Jan 2100 00:00:00 GMT",
    },
    {
        "guid": "epoch",
        "title": PAGE[0],
        "content": PAGE[1],
        "published": "Thu, 01 Jan 1970 00:00:00 GMT",
    },
)
REPEATS = rss_feed(
    {"guid": "same", "title": BAN[0], "content": BAN[1]},
    {"guid": "same", "title": PAGE[0], "content": PAGE[1]},
)
MALFORMED = rss_feed({"guid": "ok", "title": BAN[0], "content": BAN[1]}).replace(
    b"</channel>",
    b'<item><title>Tariffs & more</title><guid isPermaLink="false">b</guid></item></channel>',
)


@pytest.mark.parametrize(
    ("handler", "state", "reason", "titles"),
    [
        (feed_route(MALFORMED), SourceState.PARTIAL, "XML is malformed", [BAN[0]]),
        (feed_route(b"<<<>>> \x00 not a feed at all"), SourceState.NOT_A_FEED, "is not a feed", []),
        (
            feed_route(article_page(*PAGE), "text/html"),
            SourceState.NOT_A_FEED,
            "is an HTML page, not a feed",
            [],
        ),
        (huge, SourceState.TOO_LARGE, "larger than the 100,000 bytes", []),
        (endless, SourceState.TOO_LARGE, "larger than the 100,000 bytes", []),
        (gzip_bomb, SourceState.TOO_LARGE, "larger than the 100,000 bytes", []),
        (
            feed_route(LINKLESS),
            SourceState.PARTIAL,
            "1 entries without a GUID or a link skipped; 1 entries without a link or any text",
            [BAN[0]],
        ),
        (
            feed_route(ODD_DATES),
            SourceState.PARTIAL,
            "1 dates in the future ignored; 1 dates before 1995 ignored",
            [BAN[0], PAGE[0]],
        ),
        (feed_route(REPEATS), SourceState.PARTIAL, "1 entries repeating a GUID skipped", [BAN[0]]),
        (feed_route(b"", "text/xml"), SourceState.NOT_A_FEED, "sent an empty answer", []),
        (lambda request: page(request, b"Gone", status=410), SourceState.HTTP_ERROR, "410", []),
    ],
    ids=[
        "malformed-xml",
        "garbage",
        "html-page",
        "huge-body",
        "endless-body",
        "compression-bomb",
        "entries-without-links",
        "dates-in-the-future-and-1970",
        "duplicate-guids",
        "empty",
        "gone",
    ],
)
def test_a_bad_feed_ends_in_a_clear_state_and_loses_nothing_stored(
    reference_data,
    loopback_allowed,
    feed_server,
    settings,
    django_capture_on_commit_callbacks,
    handler,
    state,
    reason,
    titles,
):
    settings.TRACKER_SOURCES_MAX_FEED_BYTES = 100_000
    feed_server.feed("/feed", rss_feed({"guid": "kept", "title": "Kept story", "content": "Kept."}))
    source = add_source(f"{feed_server.url}/feed")
    poll(django_capture_on_commit_callbacks)
    feed_server.route("/feed", handler)
    due_again(source)

    started = time.monotonic()
    poll(django_capture_on_commit_callbacks)

    assert time.monotonic() - started < 10
    source.refresh_from_db()
    assert source.state == state
    assert reason in source.last_problem
    assert Article.objects.filter(title="Kept story").exists()
    new = Article.objects.exclude(title="Kept story")
    assert sorted(new.values_list("title", flat=True)) == sorted(titles)
    assert all(article.published_on is None for article in new)
    assert source.entries.count() == 1 + len(titles)


@pytest.mark.parametrize("trusted", [True, False], ids=["trusted", "untrusted"])
def test_a_trusted_sources_story_is_accepted_without_review_and_an_untrusted_ones_is_not(
    reference_data, loopback_allowed, feed_server, django_capture_on_commit_callbacks, trusted
):
    feed_server.feed("/feed", rss_feed({"guid": "ban-1", "title": BAN[0], "content": BAN[1]}))
    add_source(f"{feed_server.url}/feed", trusted=trusted)

    poll(django_capture_on_commit_callbacks)

    proposal = Proposal.objects.get(position=0)
    assert proposal.state == (ReviewState.ACCEPTED if trusted else ReviewState.PENDING)
    assert proposal.auto_accepted is trusted
    assert services.provenance_of(proposal.article).trusted is trusted


def test_a_story_someone_sent_before_a_trusted_feed_linked_it_is_not_vouched_for(
    reference_data, loopback_allowed, feed_server, django_capture_on_commit_callbacks
):
    link = "https://news.example/ban"
    sent = services.submit_article(title=BAN[0], body="Malaysia lifts every ban.", url=link)
    feed_server.feed(
        "/feed", rss_feed({"guid": "b", "link": link, "title": BAN[0], "content": BAN[1]})
    )
    add_source(f"{feed_server.url}/feed", trusted=True)

    poll(django_capture_on_commit_callbacks)

    assert list(Article.objects.all()) == [sent.article]
    assert not services.provenance_of(sent.article).trusted


@pytest.mark.parametrize(
    "location", ["http://10.0.0.7/feed", "http://169.254.169.254/latest", "http://[fd00::1]/feed"]
)
def test_a_feed_that_redirects_to_a_private_address_is_refused(
    loopback_allowed, feed_server, django_capture_on_commit_callbacks, location
):
    def moved(request):
        request.send_response(302)
        request.send_header("Location", location)
        request.send_header("Content-Length", "0")
        request.end_headers()

    feed_server.route("/feed", moved)
    source = add_source(f"{feed_server.url}/feed")

    poll(django_capture_on_commit_callbacks)

    source.refresh_from_db()
    assert source.state == SourceState.REFUSED
    assert f"Refused to fetch {location}" in source.last_problem
    assert feed_server.hits["/feed"] == 1


def test_an_editor_cannot_add_a_feed_on_a_private_address(editor_client):
    response = editor_client.post(
        "/admin/deals/source/add/",
        {"name": "Inside", "feed_url": "http://10.0.0.7/feed", "poll_interval": "00:15:00"},
    )

    assert response.status_code == 200
    assert "resolves to a private address" in response.content.decode()
    assert not Source.objects.exists()


def test_an_editor_adds_a_feed_in_the_admin_and_its_stories_reach_the_review_queue(
    reference_data,
    loopback_allowed,
    feed_server,
    editor,
    editor_client,
    django_capture_on_commit_callbacks,
):
    feed_server.feed("/feed", rss_feed({"guid": "ban-1", "title": BAN[0], "content": BAN[1]}))

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            "/admin/deals/source/add/",
            {
                "name": "Trade Wire",
                "feed_url": f"{feed_server.url}/feed",
                "poll_interval": "00:15:00",
            },
        )

    assert response.status_code == 302
    source = Source.objects.get()
    assert (source.added_by, source.trusted, source.state) == (editor, False, SourceState.OK)
    assert Proposal.objects.pending().get().article.title == BAN[0]
    listing = editor_client.get("/admin/deals/source/").content.decode()
    assert "Trade Wire" in listing and "Working" in listing


def test_beat_polls_each_due_source_once_even_when_its_message_comes_twice(
    reference_data, loopback_allowed, feed_server, django_capture_on_commit_callbacks
):
    feed_server.feed("/feed", rss_feed({"guid": "ban-1", "title": BAN[0], "content": BAN[1]}))
    feed_server.feed("/paused", rss_feed({"guid": "p", "title": PAGE[0], "content": PAGE[1]}))
    source = Source.objects.create(name="Due", feed_url=f"{feed_server.url}/feed")
    Source.objects.create(name="Paused", feed_url=f"{feed_server.url}/paused", paused=True)
    later = Source.objects.create(
        name="Later",
        feed_url=f"{feed_server.url}/later",
        next_poll_at=timezone.now() + datetime.timedelta(minutes=5),
    )

    with django_capture_on_commit_callbacks(execute=False) as queued:
        assert poll_due_sources() == 1
    source.refresh_from_db()
    lease = source.next_poll_at
    with django_capture_on_commit_callbacks(execute=True):
        for callback in queued * 2:
            callback()
        poll_source_task(source.pk, lease.isoformat())

    assert feed_server.hits["/feed"] == 1
    assert feed_server.hits["/paused"] == feed_server.hits["/later"] == 0
    assert Article.objects.get().title == BAN[0]
    source.refresh_from_db()
    assert source.next_poll_at == source.last_polled_at + source.poll_interval
    later.refresh_from_db()
    assert later.state == SourceState.NEW


def test_editors_pause_and_resume_a_source_in_the_admin(
    loopback_allowed, feed_server, editor_client, django_capture_on_commit_callbacks
):
    feed_server.feed("/feed", rss_feed({"guid": "x", "title": "A story", "content": "Text."}))
    source = Source.objects.create(name="Wire", feed_url=f"{feed_server.url}/feed")

    editor_client.post(
        "/admin/deals/source/", {"action": "pause_selected", "_selected_action": [source.pk]}
    )
    poll(django_capture_on_commit_callbacks)
    assert feed_server.hits["/feed"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            "/admin/deals/source/", {"action": "resume_selected", "_selected_action": [source.pk]}
        )

    assert feed_server.hits["/feed"] == 1
    source.refresh_from_db()
    assert not source.paused and source.state == SourceState.OK


def test_import_opml_adds_the_feeds_of_a_feed_readers_export(tmp_path):
    Source.objects.create(name="Known", feed_url="https://known.example/rss")
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>'
        '<outline text="Trade"><outline text="Wire" title="Trade Wire" type="rss" '
        'xmlUrl="https://wire.example/feed.xml" htmlUrl="https://wire.example/"/>'
        '<outline text="Ports Daily" xmlUrl="https://ports.example/atom"/></outline>'
        '<outline text="Known again" xmlUrl="https://known.example/rss"/>'
        '<outline text="Not the web" xmlUrl="ftp://files.example/feed"/></body></opml>'
    )
    out = io.StringIO()

    call_command("import_opml", str(opml), stdout=out)

    assert "2 sources added, 1 already followed, 1 skipped" in out.getvalue()
    added = Source.objects.exclude(name="Known").order_by("name")
    assert [(s.name, s.feed_url, s.trusted) for s in added] == [
        ("Ports Daily", "https://ports.example/atom", False),
        ("Trade Wire", "https://wire.example/feed.xml", False),
    ]


def test_poll_sources_polls_the_due_ones_once_and_says_what_it_did(
    reference_data, loopback_allowed, feed_server
):
    feed_server.feed("/feed", rss_feed({"guid": "ban-1", "title": BAN[0], "content": BAN[1]}))
    Source.objects.create(name="Wire", feed_url=f"{feed_server.url}/feed")
    out = io.StringIO()

    call_command("poll_sources", stdout=out)
    call_command("poll_sources", stdout=out)

    assert out.getvalue().splitlines() == [
        "1 sources polled (0 failing), 1 requests, 1 new entries, 1 new articles.",
        "0 sources polled (0 failing), 0 requests, 0 new entries, 0 new articles.",
    ]
    assert SourceEntry.objects.get().article.title == BAN[0]


def test_a_compressed_feed_is_read(reference_data, loopback_allowed, feed_server):
    body = rss_feed({"guid": "ban-1", "title": BAN[0], "content": BAN[1]})
    for path, encoding, packed in (
        ("/gzip", "gzip", gzip.compress(body)),
        ("/deflate", "deflate", zlib.compress(body)),
    ):

        def answer(request, packed=packed, encoding=encoding):
            request.send_response(200)
            request.send_header("Content-Type", "application/rss+xml")
            request.send_header("Content-Encoding", encoding)
            request.send_header("Content-Length", str(len(packed)))
            request.end_headers()
            request.wfile.write(packed)

        feed_server.route(path, answer)
        Source.objects.create(name=encoding, feed_url=f"{feed_server.url}{path}")

    services.poll_due_now()

    assert set(Source.objects.values_list("state", flat=True)) == {SourceState.OK}
    assert SourceEntry.objects.count() == 2 and Article.objects.count() == 1


def test_the_sample_feed_shipped_for_trying_sources_offline_reaches_the_review_queue(
    reference_data, loopback_allowed, feed_server, settings, django_capture_on_commit_callbacks
):
    sample = (settings.BASE_DIR / "samples" / "trade-news.xml").read_bytes()
    feed_server.feed("/trade-news.xml", sample)
    add_source(f"{feed_server.url}/trade-news.xml", name="Sample Trade Wire")

    done = poll(django_capture_on_commit_callbacks)

    assert (done.entries, done.articles, done.failed) == (3, 3, 0)
    pending = Proposal.objects.pending()
    assert pending.values("article").distinct().count() == 3
    assert set(pending.values_list("status__slug", flat=True)) == {"imposed", "negotiating"}


@pytest.mark.pipeline
@pytest.mark.django_db(transaction=True)
def test_beat_and_real_workers_poll_due_sources_and_parse_their_stories(
    reference_data, feed_server, monkeypatch, request
):
    from .processes import wait_for

    # The workers read their settings from the environment, loopback feeds allowed.
    monkeypatch.setenv("TRACKER_FETCH_ALLOW_LOOPBACK", "true")
    request.getfixturevalue("start_worker")()
    feed_server.feed("/trusted", rss_feed({"guid": "1", "title": BAN[0], "content": BAN[1]}))
    feed_server.feed("/other", rss_feed({"guid": "2", "title": PAGE[0], "content": PAGE[1]}))
    trusted = add_source(f"{feed_server.url}/trusted", name="Trusted", trusted=True)
    other = add_source(f"{feed_server.url}/other", name="Other")

    assert poll_due_sources() == 2

    def polled_and_parsed():
        return (
            Source.objects.filter(state=SourceState.OK).count() == 2
            and Article.objects.filter(state=ArticleState.PARSED).count() == 2
        )

    wait_for(polled_and_parsed, timeout=60, what="both sources polled and their stories parsed")
    assert Proposal.objects.get(article__source_entries__source=trusted).auto_accepted
    assert Proposal.objects.get(article__source_entries__source=other).state == (
        ReviewState.PENDING
    )

    first_polls = dict(Source.objects.values_list("pk", "last_polled_at"))
    Source.objects.update(next_poll_at=timezone.now())
    assert poll_due_sources() == 2

    def polled_again():
        return all(
            last_polled_at > first_polls[pk]
            for pk, last_polled_at in Source.objects.values_list("pk", "last_polled_at")
        )

    wait_for(polled_again, timeout=30, what="the second round")
    assert feed_server.hits["/trusted"] == feed_server.hits["/other"] == 2
    assert feed_server.headers["/trusted"]["If-None-Match"]
    assert Article.objects.count() == 2
    assert set(Source.objects.values_list("state", flat=True)) == {SourceState.OK}


def test_a_round_of_many_sources_downloads_them_at_the_same_time(
    loopback_allowed, feed_server, django_capture_on_commit_callbacks
):
    def slow(request):
        time.sleep(0.5)
        page(request, rss_feed({"guid": request.path, "title": "A story"}), "application/rss+xml")

    for number in range(8):
        feed_server.route(f"/slow{number}", slow)
        add_source(f"{feed_server.url}/slow{number}", name=f"Slow {number}")

    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=False):
        done = services.poll_due_now(concurrency=8)

    assert (done.sources, done.failed) == (8, 0)
    assert time.monotonic() - started < 2.5  # one at a time would take 4 s


def test_a_poll_whose_message_was_lost_is_queued_again_once_its_lease_runs_out(
    loopback_allowed, feed_server, django_capture_on_commit_callbacks
):
    feed_server.feed("/feed", rss_feed({"guid": "x", "title": "A story", "content": "Text."}))
    source = add_source(f"{feed_server.url}/feed")
    with django_capture_on_commit_callbacks(execute=False):
        assert poll_due_sources() == 1  # the message is lost: its callback never runs
    assert poll_due_sources() == 0  # leased: not queued twice

    Source.objects.filter(pk=source.pk).update(next_poll_at=timezone.now())  # the lease ran out
    with django_capture_on_commit_callbacks(execute=True):
        assert poll_due_sources() == 1

    assert feed_server.hits["/feed"] == 1
    source.refresh_from_db()
    assert source.state == SourceState.OK


def test_import_opml_refuses_a_file_that_is_not_opml_and_adds_nothing(tmp_path):
    from django.core.management import CommandError

    page_file = tmp_path / "page.html"
    page_file.write_bytes(article_page(*PAGE))

    with pytest.raises(CommandError, match="not OPML"):
        call_command("import_opml", str(page_file), stdout=io.StringIO())

    assert not Source.objects.exists()
