"""Real-browser tests: headless Chromium (Debian's) driven by Playwright against a live server."""

import datetime
import io
import re
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect, sync_playwright

from deals.models import Deal, Follow, Proposal
from tracker.celery import app as celery_app

from .factories import (
    ArticleFactory,
    CommodityFactory,
    CountryFactory,
    EditorFactory,
    PartyFactory,
    published_deal,
)

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("fast_password_hashing")]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RESULTS = Path(__file__).resolve().parent.parent / "test-results"
PASSWORD = "correct-horse-battery"


@pytest.fixture(scope="module")
def browser():
    # Playwright's sync API keeps an event loop running in the test's thread, where Django would
    # otherwise refuse the test's own database calls. Allowed for this module only, so the
    # variable never reaches other tests' subprocesses.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser):
    """Open pages in fresh browser contexts (separate cookies, as two people would have)."""
    contexts = []

    def open_page():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def eager_tasks():
    """Run tasks in the live server's thread right after each commit, as `make run` does
    without Redis, so the email is in the locmem outbox when the admin's page comes back."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def editor_account(transactional_db, editors_group):
    """An editor; live-server tests flush the database, so the group is made again first."""
    return EditorFactory()


@pytest.fixture
def refinery(stages):
    malaysia = CountryFactory(name="Malaysia", slug="malaysia", iso_code="MY")
    rare_earths = CommodityFactory(name="Rare earths", slug="rare-earths")
    published_deal(
        title="US tariff on chips",
        kind="measure",
        stages=[("threatened", datetime.date(2026, 1, 5))],
        commodities=[CommodityFactory(name="Chips", slug="chips")],
    )
    return published_deal(
        title="China-Malaysia rare earths refinery",
        stages=[("talks", datetime.date(2025, 6, 2))],
        parties=[
            CountryFactory(name="China", slug="china", iso_code="CN"),
            PartyFactory(name="Khazanah Nasional", slug="khazanah", country=malaysia),
        ],
        commodities=[CommodityFactory(name="Dysprosium", slug="dysprosium", parent=rare_earths)],
        quote="Officials said exploratory talks on a refinery had begun.",
    )


def sign_in_to_admin(page, base_url, user):
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_be_visible()


def test_reader_follows_a_deal_and_is_emailed_when_an_editor_moves_it(
    live_server, new_page, eager_tasks, settings, refinery, editor_account
):
    settings.SITE_URL = live_server.url
    ArticleFactory(
        title="Refinery framework agreed",
        url="https://news.example.org/refinery-framework",
        outlet="Tracker Wire",
        published_on=datetime.date(2026, 3, 4),
    )
    reader = new_page()

    # Home page, then a search narrowed to a stage, then the deal.
    reader.goto(f"{live_server.url}/")
    expect(reader).to_have_title("Trade-deal tracker")
    reader.fill("#home-q", "rare earths")
    reader.click("form[role=search] button")
    reader.check("input[name=stage][value=talks]")
    reader.click("text=Show deals")
    expect(reader).to_have_url(re.compile(r"/deals/\?.*q=rare\+earths.*stage=talks"))
    expect(reader.locator(".results-count")).to_have_text("1 deal matches your filters")
    reader.click("text=China-Malaysia rare earths refinery")
    expect(reader.locator("h1")).to_have_text("China-Malaysia rare earths refinery")
    expect(reader.locator(".track__stop--current")).to_contain_text("Preliminary talks")

    # Sign up from the deal page and come back to it to follow it.
    reader.click("text=Sign in to follow")
    reader.click("text=Create an account")
    reader.fill("#id_username", "amina")
    reader.fill("#id_email", "amina@example.org")
    reader.fill("#id_password1", PASSWORD)
    reader.fill("#id_password2", PASSWORD)
    reader.click("button:has-text('Create account')")
    expect(reader.locator("h1")).to_have_text("China-Malaysia rare earths refinery")
    reader.click("button:has-text('Follow')")
    expect(reader.locator(".messages")).to_contain_text("You follow China-Malaysia")

    # An editor records, in the admin, that the parties agreed a framework.
    editor = new_page()
    sign_in_to_admin(editor, live_server.url, editor_account)
    editor.goto(f"{live_server.url}/admin/deals/deal/{refinery.pk}/change/")
    editor.select_option("#id_timeline-2-0-status", label="Agreed in principle")
    editor.fill("#id_timeline-2-0-happened_on", "2026-03-04")
    editor.click("#id_timeline-2-0-article + .select2")
    editor.fill(".select2-dropdown .select2-search__field", "Refinery framework")
    editor.click(".select2-results__option:has-text('Refinery framework agreed')")
    editor.fill("#id_timeline-2-0-quote", "The two sides agreed a framework for the refinery.")
    editor.click("input[name=_save]")
    expect(editor.locator(".messagelist")).to_contain_text("was changed successfully")

    # The reader's email, sent by the task after the editor's commit.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amina@example.org"]
    assert message.subject == (
        "China-Malaysia rare earths refinery: Preliminary talks → Agreed in principle"
    )
    assert "moved from Preliminary talks to Agreed in principle on 4 March 2026" in message.body
    assert "“The two sides agreed a framework for the refinery.”" in message.body
    assert "Source: Refinery framework agreed, Tracker Wire, 4 March 2026" in message.body
    assert "https://news.example.org/refinery-framework" in message.body
    assert "Why you got this: You follow the deal" in message.body

    # The deal page shows the move, and the email's unsubscribe link works in one click.
    reader.goto(f"{live_server.url}{refinery.get_absolute_url()}")
    expect(reader.locator(".track__stop--current")).to_contain_text("Agreed in principle")
    expect(reader.locator(".timeline__entry").first).to_contain_text("agreed a framework")
    RESULTS.mkdir(exist_ok=True)
    screenshot = RESULTS / "deal-page.png"
    reader.screenshot(path=screenshot, full_page=True)
    print(f"\nScreenshot of the deal page: {screenshot}")
    link = re.search(r"(http://\S+/unsubscribe/\S+/)", message.body).group(1)
    reader.goto(link)
    expect(reader.locator("h1")).to_have_text("Stop these emails?")
    assert Follow.objects.exists()
    reader.get_by_role("button", name="Unsubscribe").click()
    expect(reader.locator("h1")).to_have_text("You are unsubscribed")
    assert not Follow.objects.exists()


XSS = '<script>window.__xss=1;alert(1)</script><img src=x onerror="window.__xss=2;alert(2)">'


@pytest.fixture
def hostile_deal(stages):
    """A deal whose every ingested text tries to run a script."""
    article = ArticleFactory(
        title=f"Headline {XSS}",
        url="javascript:window.__xss=3;alert(3)",
        body=f"Body {XSS}",
        outlet=f"Outlet {XSS}",
    )
    return published_deal(
        title=f"Deal {XSS}",
        stages=[("talks", datetime.date(2025, 1, 1)), ("signed", datetime.date(2025, 6, 1))],
        parties=[PartyFactory(name=f"Party {XSS}", slug="hostile-party")],
        commodities=[CommodityFactory(name=f"Commodity {XSS}", slug="hostile-commodity")],
        quote=f"Quote {XSS}",
        article=article,
    )


def test_ingested_markup_shows_as_text_and_never_runs_on_any_page_or_in_the_admin(
    live_server, new_page, hostile_deal, editor_account
):
    Follow.objects.create(user=editor_account, deal=hostile_deal)
    page = new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    article = hostile_deal.timeline.first().article

    reader_pages = [
        "/",
        "/deals/",
        "/deals/?q=script",
        hostile_deal.get_absolute_url(),
        "/parties/hostile-party/",
        "/commodities/hostile-commodity/",
        "/accounts/",
    ]
    admin_pages = [
        f"/admin/deals/deal/{hostile_deal.pk}/change/",
        "/admin/deals/deal/",
        f"/admin/deals/article/{article.pk}/change/",
        "/admin/deals/timelineentry/",
        "/admin/deals/party/",
    ]
    sign_in_to_admin(page, live_server.url, editor_account)
    for path in reader_pages + admin_pages:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("load")
        assert page.evaluate("window.__xss") is None, path
        assert page.locator("img[src=x]").count() == 0, path
        assert page.locator("a[href^='javascript:']").count() == 0, path
        assert page.locator("script:has-text('__xss')").count() == 0, path
        assert "<script>window.__xss=1" in page.inner_text("body"), path
    assert dialogs == []


def test_the_api_docs_render_under_the_trackers_content_security_policy(live_server, new_page):
    page = new_page()
    blocked = []
    page.on(
        "console",
        lambda message: blocked.append(message.text) if "Content Security" in message.text else 0,
    )

    response = page.goto(f"{live_server.url}/api/docs/")

    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Trade-deal tracker")
    operations = page.locator(".opblock-summary-path")
    expect(operations.first).to_be_visible()
    paths = set(operations.all_inner_texts())
    assert {"/api/v1/deals/", "/api/v1/changes/", "/api/v1/articles/{id}/"} <= {
        path.replace("\u200b", "") for path in paths
    }
    assert blocked == []


@pytest.fixture
def demo(live_server, stages, editors_group, settings, tmp_path):
    """The demo `make run` loads, through the real pipeline, and its editor's login."""
    settings.BASE_DIR = tmp_path
    call_command("loaddemo", stdout=io.StringIO())
    login = dict(
        line.split(": ", 1)
        for line in (tmp_path / "var" / "demo-login.txt").read_text().split("\n")
        if line
    )
    return login["user"], login["password"]


OVERFLOWS = """() => {
    const page = document.documentElement.scrollWidth > window.innerWidth;
    const boxes = [...document.querySelectorAll('.track__stop, .deal-row, .change, .chart')]
        .filter(box => box.scrollWidth > box.clientWidth + 1)
        .map(box => box.className + ': ' + box.textContent.trim().slice(0, 40));
    return {page, boxes};
}"""

# How large a chart's labels are drawn, against the page's text.
LABEL_SCALE = """() => {
    const svg = document.querySelector('.chart__svg');
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const label = parseFloat(getComputedStyle(svg.querySelector('.chart__label')).fontSize);
    return {drawn: label * scale, text: parseFloat(getComputedStyle(document.body).fontSize)};
}"""


def test_reader_pages_fit_every_width_from_360_px_and_are_saved_as_screenshots(
    demo, live_server, browser
):
    tariff = Deal.objects.get(slug="united-states-tariffs-on-india")
    implemented = Deal.objects.get(status__slug="implemented")
    pages = {
        "home": "/",
        "deal": tariff.get_absolute_url(),
        "agreement": implemented.get_absolute_url(),
        "list": "/deals/?country=IN",
        "party": "/parties/india/",
        "stages": "/stages/",
    }
    RESULTS.mkdir(exist_ok=True)
    for width in (360, 414, 768, 1024, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        for name, path in pages.items():
            page.goto(f"{live_server.url}{path}")
            assert page.evaluate(OVERFLOWS) == {"page": False, "boxes": []}, (width, name)
            if width == 1280 and name in ("home", "deal", "list"):
                page.screenshot(path=RESULTS / f"{name}.png", full_page=True)
        page.goto(f"{live_server.url}/")
        sizes = page.evaluate(LABEL_SCALE)
        assert sizes["drawn"] <= sizes["text"], (width, sizes)
        context.close()
    print(f"\nScreenshots of the home page, a deal and the list: {RESULTS}")


def test_the_review_screen_fits_a_1280_px_window_beside_the_article(demo, live_server, new_page):
    user, password = demo
    proposal = Proposal.objects.pending().filter(article__title__contains="18%").get()
    page = new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", user)
    page.fill("#id_password", password)
    page.click("input[type=submit]")

    page.goto(f"{live_server.url}/admin/deals/proposal/{proposal.pk}/change/")

    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    text = page.locator(".review__text")
    expect(text).to_contain_text("The lower tariff is in effect from today, the White House said.")
    expect(text.locator("mark.mark--party").first).to_be_visible()
    # The sentence the parser read the stage from is marked in the article, as it reads there
    # once the kinds shown beside each mark are left out.
    marked = text.locator(".mark--stage").evaluate(
        "node => { const copy = node.cloneNode(true);"
        " copy.querySelectorAll('.mark__kind').forEach(kind => kind.remove());"
        " return copy.textContent.replace(/\\s+/g, ' ').trim(); }"
    )
    assert proposal.quote in marked
    form = page.locator(".review__form")
    expect(form.locator("#id_summary")).to_be_visible()
    # Every field of every party and figure, and its delete box, is within the window.
    for row in page.locator(".tabular tr.form-row.has_original").all():
        for field in row.locator("input:visible, select:visible").all():
            box = field.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 1280, field.get_attribute("name")
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=RESULTS / "review.png", full_page=True)
