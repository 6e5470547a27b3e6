"""The reader pages, charts and feeds, through the Django test client."""

import datetime
import itertools
import math
import re
from pathlib import Path
from xml.etree import ElementTree

import lxml.html
import pytest
from django.contrib.staticfiles import finders
from django.test import RequestFactory
from django.test.utils import override_script_prefix
from django.urls import reverse
from django.utils import timezone
from django.views.defaults import server_error

from deals import services
from deals.charts import stage_breakdown
from deals.models import Deal, Figure, Status
from deals.models.compiled import read_compiled_once
from deals.stages import SHIPPED_STAGES

from .factories import (
    ArticleFactory,
    CommodityFactory,
    CountryFactory,
    PartyFactory,
    bulk_published_deals,
    published_deal,
)

pytestmark = pytest.mark.usefixtures("fast_password_hashing")

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def world(stages):
    """Malaysia, China, a Malaysian fund, rare earths with dysprosium below it, and two deals."""
    malaysia = CountryFactory(name="Malaysia", slug="malaysia", iso_code="MY")
    china = CountryFactory(name="China", slug="china", iso_code="CN")
    fund = PartyFactory(name="Khazanah Nasional", slug="khazanah", country=malaysia)
    rare_earths = CommodityFactory(name="Rare earths", slug="rare-earths")
    dysprosium = CommodityFactory(name="Dysprosium", slug="dysprosium", parent=rare_earths)
    chips = CommodityFactory(name="Chips", slug="chips")
    refinery = published_deal(
        title="China-Malaysia rare earths refinery",
        stages=[("talks", datetime.date(2025, 6, 2)), ("framework", datetime.date(2026, 3, 4))],
        parties=[china, fund],
        commodities=[dysprosium],
        quote="The two sides agreed a framework for the refinery.",
        article=ArticleFactory(
            title="Malaysia and China agree refinery framework",
            url="https://news.example.org/refinery",
            outlet="Tracker Wire",
        ),
    )
    tariff = published_deal(
        title="US tariff on chips",
        kind="measure",
        stages=[("threatened", datetime.date(2026, 1, 5))],
        parties=[CountryFactory(name="United States", slug="united-states", iso_code="US")],
        commodities=[chips],
    )
    return {
        "malaysia": malaysia,
        "china": china,
        "fund": fund,
        "rare_earths": rare_earths,
        "dysprosium": dysprosium,
        "refinery": refinery,
        "tariff": tariff,
    }


def text_of(response) -> str:
    return response.content.decode()


# --- Home ---------------------------------------------------------------------------------------


def test_home_shows_latest_stage_changes_with_from_to_date_and_source(client, world):
    page = text_of(client.get(reverse("deals:home")))

    assert "China-Malaysia rare earths refinery" in page
    assert re.search(r"moved from <span[^>]*>Preliminary talks</span> to <span", page)
    assert "Agreed in principle" in page
    assert "4 March 2026" in page
    assert 'href="https://news.example.org/refinery"' in page


def test_every_pages_frame_links_to_the_sites_pages_under_the_script_prefix_it_is_served_at(
    client, world
):
    def frame_links(**environ) -> list[str]:
        document = lxml.html.fromstring(client.get("/deals/", **environ).content)
        return document.xpath(
            "//header//a/@href | //footer//a/@href | //link[@rel='alternate']/@href"
        )

    expected = [
        "/feeds/changes/", "/", "/deals/", "/stages/", "/accounts/login/?next=/deals/",
        "/accounts/signup/?next=/deals/", "/stages/", "/feeds/changes/",
    ]  # fmt: skip
    assert frame_links() == expected
    with override_script_prefix("/tracker/"):  # As the WSGI handler sets it from SCRIPT_NAME.
        served_below = frame_links(SCRIPT_NAME="/tracker")
    assert served_below == [
        "/tracker" + link.replace("?next=/", "?next=/tracker/") for link in expected
    ]


def test_home_lists_the_latest_changes_by_when_they_happened_in_plain_words(client, world):
    # A story about 2022 recorded today belongs below this year's news.
    published_deal(title="An old pact", stages=[("signed", datetime.date(2022, 3, 21))])

    document = lxml.html.fromstring(client.get(reverse("deals:home")).content)

    changes = document.find_class("change")
    dates = [change.find_class("change__date")[0].get("datetime") for change in changes]
    assert dates == sorted(dates, reverse=True)
    assert dates[-1] == "2022-03-21"
    old = " ".join(changes[-1].find_class("change__move")[0].text_content().split())
    assert old == "21 March 2022: Signed (the first news of this deal)"


def test_home_groups_only_active_deals_by_stage(client, world):
    finished = published_deal(
        title="A finished pipeline", stages=[("implemented", datetime.date(2024, 1, 1))]
    )

    response = client.get(reverse("deals:home"))

    grouped = stage_groups_shown(response)
    assert set(grouped) == {"framework", "threatened"}
    assert grouped["framework"] == (1, [world["refinery"].title])
    assert all(finished.title not in titles for _, titles in grouped.values())


def stage_groups_shown(response) -> dict[str, tuple[int, list[str]]]:
    """Each stage group a page shows: its stage, how many deals it counts and those listed."""
    document = lxml.html.fromstring(response.content)
    return {
        section.get("aria-labelledby").removeprefix("group-"): (
            int(section.xpath("string(.//span[@class='count'])").split()[0]),
            [link.text for link in section.xpath(".//ul/li/a")],
        )
        for section in document.xpath("//section[@class='stage-group']")
    }


def chart_totals(response) -> dict[str, int]:
    """Each bar's label and total, as the chart's table of figures gives them to readers."""
    (table,) = lxml.html.fromstring(text_of(response)).xpath("//figure[@class='chart']//table")
    totals, label = {}, None
    for row in table.xpath("./tbody/tr"):
        heading = row.xpath("./th")
        label = heading[0].text_content().strip() if heading else label
        totals[label] = totals.get(label, 0) + int(row.xpath("./td")[-1].text_content())
    return totals


def test_home_chart_counts_active_deals_by_commodity_or_by_country(client, world):
    by_commodity = client.get(reverse("deals:home"))
    by_country = client.get(reverse("deals:home"), {"chart": "country"})

    assert chart_totals(by_commodity) == {"Dysprosium": 1, "Chips": 1}
    # China directly, Malaysia through the fund based there.
    assert chart_totals(by_country) == {"China": 1, "Malaysia": 1, "United States": 1}


def test_chart_bars_are_scaled_to_the_largest_total(stages):
    rare_earths = CommodityFactory(name="Rare earths")
    copper = CommodityFactory(name="Copper")
    bulk_published_deals(4, commodities=[rare_earths], slug_prefix="re")
    bulk_published_deals(2, commodities=[copper], slug_prefix="cu")

    chart = stage_breakdown(Deal.objects.published(), list(Status.objects.all()), by="commodity")

    widths = {bar.label: sum(s.width for s in bar.segments) for bar in chart.bars}
    assert [bar.label for bar in chart.bars] == ["Rare earths", "Copper"]
    assert widths["Copper"] == pytest.approx(widths["Rare earths"] / 2)
    assert all(segment.count > 0 for bar in chart.bars for segment in bar.segments)


# --- Deal list ----------------------------------------------------------------------------------


def listed(client, **params) -> list[str]:
    response = client.get(reverse("deals:deal-list"), params)
    assert response.status_code == 200
    return [deal.title for deal in response.context["deal_list"]]


def test_deal_list_filters_with_the_shared_filterset(client, world):
    refinery, tariff = world["refinery"].title, world["tariff"].title

    assert listed(client) == [refinery, tariff]
    assert listed(client, kind="measure") == [tariff]
    assert listed(client, stage=["framework", "imposed"]) == [refinery]
    assert listed(client, party="khazanah") == [refinery]
    assert listed(client, country="MY") == [refinery]
    assert listed(client, commodity="rare-earths") == [refinery]
    assert listed(client, changed_since="2026-02-01") == [refinery]
    assert listed(client, changed_before="2026-02-01") == [tariff]


def test_the_whole_deal_list_reads_as_the_filterset_orders_it_and_draws_its_form(client, world):
    # Read without the FilterSet when nothing is chosen: the same deals in the same order.
    assert listed(client) == listed(client, sort="changed") == listed(client, page="1")
    page = text_of(client.get(reverse("deals:deal-list")))
    assert "Latest change first" in page  # The form's sort choices are drawn all the same.


def test_deal_list_form_keeps_every_selection_and_reads_in_order(client, world):
    for name, code in (("Türkiye", "TR"), ("Åland Islands", "AX"), ("Zambia", "ZM")):
        CountryFactory(name=name, slug=name.lower().replace(" ", "-"), iso_code=code)

    response = client.get(
        reverse("deals:deal-list"),
        {"country": "my", "stage": ["talks", "framework"], "kind": "agreement", "q": "refinery"},
    )

    document = lxml.html.fromstring(response.content)
    form = document.xpath("//aside[contains(@class, 'filters')]//form")[0]
    assert dict(form.form_values()) | {"stage": None} == {
        "q": "refinery",
        "kind": "agreement",
        "stage": None,
        "country": "malaysia",
        "party": "",
        "commodity": "",
        "changed_since": "",
        "changed_before": "",
        # A search lists the best matches first unless the reader sorts otherwise.
        "sort": "relevance",
    }
    assert [v for k, v in form.form_values() if k == "stage"] == ["talks", "framework"]
    tracks = form.xpath(".//fieldset[@class='stage-track-group']/legend/text()")
    assert tracks == ["Agreements", "Measures", "Either kind"]
    groups = {
        group.get("label"): [option.text for option in group.iter("option")]
        for group in form.xpath(".//select[@name='country']/optgroup")
    }
    # Malaysia and China have deals, the United States its tariff; the rest follow.
    assert groups["Countries in deals"] == ["China", "Malaysia", "United States"]
    assert groups["Other countries"] == ["Åland Islands", "Türkiye", "Zambia"]
    assert form.xpath(".//select[@name='kind']/option[1]/text()") == ["Any kind"]


def test_deal_list_keeps_the_chosen_company_and_commodity_and_escapes_every_name(client, world):
    odd = PartyFactory(name='Smith & "Sons" <Mining>', slug="smith-sons")
    published_deal(
        title="Smith offtake", stages=[("talks", datetime.date(2026, 2, 1))], parties=[odd]
    )

    response = client.get(
        reverse("deals:deal-list"), {"party": "khazanah", "commodity": "dysprosium"}
    )

    form = lxml.html.fromstring(response.content).xpath("//aside//form")[0]
    assert dict(form.form_values())["party"] == "khazanah"
    assert dict(form.form_values())["commodity"] == "dysprosium"
    parties = form.xpath(".//select[@name='party']/option/text()")
    assert parties == ["Any", "Khazanah Nasional", 'Smith & "Sons" <Mining>']
    assert b"<Mining>" not in response.content

    # A choice that is not among the options selects nothing, and is never echoed as markup.
    response = client.get(reverse("deals:deal-list"), {"party": '"><b>x</b>'})
    form = lxml.html.fromstring(response.content).xpath("//aside//form")[0]
    assert form.xpath(".//select[@name='party']/option[@selected]") == []
    assert b"<b>x</b>" not in response.content


def test_deal_list_searches_titles_and_quoted_sources(client, world):
    assert listed(client, q="no such words") == []
    assert listed(client, q="agreed a framework") == [world["refinery"].title]
    assert listed(client, q="Malaysia and China agree") == [world["refinery"].title]
    assert listed(client, q="tariff") == [world["tariff"].title]


def test_deal_list_sorts_by_last_change_either_way_or_by_title(client, world):
    assert listed(client, sort="-changed") == [world["tariff"].title, world["refinery"].title]
    assert listed(client, sort="title") == [world["refinery"].title, world["tariff"].title]


def test_deal_list_paginates_and_keeps_the_filters_in_page_links(client, stages, settings):
    bulk_published_deals(30)

    first = client.get(reverse("deals:deal-list"), {"kind": "agreement"})
    second = client.get(reverse("deals:deal-list"), {"kind": "agreement", "page": 2})

    assert len(first.context["deal_list"]) == 25
    assert len(second.context["deal_list"]) == 5
    assert 'href="?kind=agreement&amp;page=2"' in text_of(first)
    assert "30 deals match your filters" in text_of(first)


def test_a_countrys_deals_sorted_by_title_page_and_count_as_the_plain_order_does(client, stages):
    peru = CountryFactory(name="Peru", slug="peru", iso_code="PE")
    bulk_published_deals(40, parties=[peru], slug_prefix="peru")
    bulk_published_deals(20, slug_prefix="other")

    first = client.get(reverse("deals:deal-list"), {"country": "peru", "sort": "title"})
    second = client.get(reverse("deals:deal-list"), {"country": "peru", "sort": "title", "page": 2})

    expected = list(
        Deal.objects.published().filter(parties=peru).order_by("title", "id").values_list("title")
    )
    shown = [(deal.title,) for page in (first, second) for deal in page.context["deal_list"]]
    assert shown == expected
    assert len(first.context["deal_list"]) == 25
    assert "40 deals match your filters" in text_of(first)
    assert "40 deals match your filters" in text_of(second)


def test_a_deal_deleted_in_the_admin_leaves_the_visitors_list_at_once(client, stages):
    bulk_published_deals(5, slug_prefix="gone")
    doomed = Deal.objects.order_by("pk").first()  # Not the newest: the highest id stays.
    assert f'href="{doomed.get_absolute_url()}"' in text_of(client.get(reverse("deals:deal-list")))

    doomed.delete()

    page = text_of(client.get(reverse("deals:deal-list")))
    assert f'href="{doomed.get_absolute_url()}"' not in page
    assert "4 deals" in page


def test_a_timeline_entry_deleted_in_the_admin_leaves_the_deal_page_at_once(client, world):
    deal = world["tariff"]
    entry = deal.timeline.order_by("pk").first()
    url = deal.get_absolute_url()
    assert entry.quote in text_of(client.get(url))

    entry.delete()

    assert entry.quote not in text_of(client.get(url))


def test_deal_list_explains_a_filter_it_cannot_use(client, world):
    page = text_of(client.get(reverse("deals:deal-list"), {"stage": "no-such-stage"}))

    assert "Some filters could not be used" in page


def test_deals_without_a_timeline_are_not_shown(client, world):
    Deal.objects.create(title="An unconfirmed idea", slug="idea", kind="agreement")

    assert "An unconfirmed idea" not in listed(client)
    assert client.get(reverse("deals:deal-detail", args=["idea"])).status_code == 404


# --- A deal -------------------------------------------------------------------------------------


def test_deal_page_marks_the_current_stage_on_its_track_with_dates(client, world):
    response = client.get(world["refinery"].get_absolute_url())

    stops = {stop.status.slug: stop for stop in response.context["stops"]}
    assert list(stops) == [s.slug for s in SHIPPED_STAGES if s.track == "agreement"]
    assert stops["talks"].state == "reached"
    assert stops["talks"].reached_on == datetime.date(2025, 6, 2)
    assert stops["negotiating"].state == "skipped"
    assert stops["framework"].state == "current"
    assert stops["signed"].state == "ahead"
    assert 'aria-current="step"' in text_of(response)


def test_deal_page_shows_an_off_track_stage_beside_the_furthest_stage_reached(client, world):
    deal = published_deal(
        title="Stalled talks",
        stages=[("negotiating", datetime.date(2025, 1, 1)), ("stalled", datetime.date(2025, 9, 1))],
    )

    response = client.get(deal.get_absolute_url())

    assert response.context["off_track"].slug == "stalled"
    assert [s.status.slug for s in response.context["stops"] if s.state == "reached"] == [
        "negotiating"
    ]


def test_deal_page_lists_timeline_newest_first_with_quote_source_parties_and_related(client, world):
    related = published_deal(
        title="Another Chinese deal",
        stages=[("talks", datetime.date(2025, 1, 1))],
        parties=[world["china"]],
    )

    response = client.get(world["refinery"].get_absolute_url())
    page = text_of(response)

    assert [entry.status.slug for entry in response.context["timeline"]] == ["framework", "talks"]
    assert "The two sides agreed a framework for the refinery." in page
    assert page.index("March 2026") < page.index("2 June 2025")
    assert "Khazanah Nasional" in page
    assert 'href="/commodities/dysprosium/"' in page
    assert response.context["related_deals"] == [related]
    assert response.context["days_since_news"] >= 0


def test_deal_page_names_what_each_figure_measures(client, world):
    deal = world["refinery"]
    Figure.objects.create(
        deal=deal, text="$400 million", what="trade_value", quote="Trade came to $400 million."
    )
    Figure.objects.create(deal=deal, text="12 mines", quote="It has 12 mines.")

    page = text_of(client.get(deal.get_absolute_url()))

    assert re.search(r"<dt>Value of trade</dt>\s*<dd><strong>\$400 million</strong>", page)
    assert "trade_value" not in page
    assert re.search(r"<dt>Figure</dt>\s*<dd><strong>12 mines</strong>", page)


def test_a_source_address_that_is_not_http_is_shown_as_text_not_a_link(client, world):
    deal = published_deal(
        title="Odd source",
        stages=[("talks", datetime.date(2025, 1, 1))],
        article=ArticleFactory(title="A javascript: article", url="javascript:alert(1)"),
    )

    page = text_of(client.get(deal.get_absolute_url()))

    assert "A javascript: article" in page
    assert "javascript:alert" not in page


# --- Party, commodity and stages ----------------------------------------------------------------


def test_country_page_includes_deals_of_parties_based_there(client, world):
    response = client.get(world["malaysia"].get_absolute_url())

    groups = {group.status.slug: group.deals for group in response.context["stage_groups"]}
    assert groups == {"framework": [world["refinery"]]}
    assert "Khazanah Nasional" in text_of(response)


def test_commodity_page_includes_deals_of_its_sub_commodities(client, world):
    response = client.get(world["rare_earths"].get_absolute_url())

    groups = {group.status.slug: group.deals for group in response.context["stage_groups"]}
    assert groups == {"framework": [world["refinery"]]}
    assert 'href="/commodities/dysprosium/"' in text_of(response)


def test_stage_page_explains_every_shipped_stage_with_its_deal_count(client, world):
    page = text_of(client.get(reverse("deals:stage-list")))

    for shipped in SHIPPED_STAGES:
        assert f'id="stage-{shipped.slug}"' in page
        assert shipped.description in page
    assert re.search(r"stage=framework\">1 deal here now", page)


# --- Every page: query counts, titles, errors, headers ------------------------------------------


def page_urls(world) -> list[tuple[str, int]]:
    """Each page with the most queries it may run for a signed-in reader.

    Two of them load the session and the reader; the rest are the page's own, whatever the
    number of deals. The home page, the deal list and a deal page also read the data version,
    the key of their cached fragments. Pages listing deals by stage read the few latest deals'
    ids of each stage first, then the deals (on PostgreSQL; SQLite reads them in one query).
    """
    return [
        (reverse("deals:home"), 10),
        (reverse("deals:home") + "?chart=country", 10),
        (reverse("deals:deal-list"), 12),
        (
            reverse("deals:deal-list")
            + "?q=deal&stage=framework&stage=talks&country=MY&commodity=rare-earths&sort=title",
            15,
        ),
        (world["refinery"].get_absolute_url(), 13),
        # A country's page reads the ids of the parties based there first.
        (world["malaysia"].get_absolute_url(), 11),
        (world["fund"].get_absolute_url(), 10),
        (world["rare_earths"].get_absolute_url(), 11),
        (reverse("deals:stage-list"), 4),
        (reverse("deals:feed-changes"), 1),
        (reverse("deals:feed-deal", args=[world["refinery"].slug]), 2),
        (reverse("deals:feed-party", args=["malaysia"]), 3),
        (reverse("deals:feed-commodity", args=["rare-earths"]), 3),
    ]


@pytest.mark.parametrize("extra_deals", [5, 500])
def test_every_page_runs_a_bounded_number_of_queries(
    client, reader, world, extra_deals, django_assert_max_num_queries
):
    parties = [world["malaysia"], world["china"], world["fund"]]
    bulk_published_deals(extra_deals, parties=parties, commodities=[world["dysprosium"]])
    client.force_login(reader)

    for url, most in page_urls(world):
        with django_assert_max_num_queries(most):
            response = client.get(url)
        assert response.status_code == 200, url


@pytest.mark.parametrize("name", ["home", "deal-list", "deal"])
def test_a_signed_in_reader_gets_the_lists_again_from_the_cache_until_the_data_changes(
    client, reader, world, stages, name, django_assert_max_num_queries
):
    url = world["refinery"].get_absolute_url() if name == "deal" else reverse(f"deals:{name}")
    client.force_login(reader)
    client.get(url)

    # The session, the reader, the data version and what a deal page's own header needs (the
    # deal with its stage, and whether the reader follows it).
    with django_assert_max_num_queries(3 if name != "deal" else 5):
        again = text_of(client.get(url))
    published_deal(title="A brand new lithium pact", stages=[("talks", datetime.date.today())])
    services.record_timeline_entry(
        deal=world["refinery"],
        status=stages["signed"],
        happened_on=datetime.date.today(),
        article=ArticleFactory(),
        quote="The refinery deal was signed today.",
    )
    after = text_of(client.get(url))

    news = "The refinery deal was signed today." if name == "deal" else "A brand new lithium pact"
    assert news not in again
    assert news in after


def test_a_deal_list_row_drawn_before_a_change_shows_what_changed_at_once(client, world, stages):
    url = reverse("deals:deal-list")
    client.get(url)
    fund = world["fund"]
    fund.name = "Khazanah Nasional Berhad"
    fund.save()
    services.record_timeline_entry(
        deal=world["tariff"],
        status=stages["imposed"],
        happened_on=datetime.date.today(),
        article=ArticleFactory(),
        quote="The tariff on chips took effect today.",
    )

    rows = lxml.html.fromstring(client.get(url).content).xpath("//li[@class='deal-row']")

    # The refinery's row shows its party's new name, the tariff's row its new stage, first.
    assert [row.xpath("string(.//a)") for row in rows] == [
        "US tariff on chips",
        "China-Malaysia rare earths refinery",
    ]
    assert "Imposed" in rows[0].text_content()
    assert "Khazanah Nasional Berhad" in rows[1].text_content()


@pytest.mark.parametrize("name", ["home", "deal-list", "stage-list"])
def test_pages_have_a_title_a_description_and_open_graph_tags(client, world, name):
    page = text_of(client.get(reverse(f"deals:{name}")))

    assert re.search(r"<title>[^<]*Trade-deal tracker</title>", page)
    assert re.search(r'<meta name="description" content="[^"]{20,}">', page)
    assert '<meta property="og:title"' in page
    assert '<meta property="og:description"' in page


def test_deal_page_is_described_by_its_summary_for_sharing(client, world):
    world["refinery"].summary = "A refinery for rare earths."
    world["refinery"].save()

    page = text_of(client.get(world["refinery"].get_absolute_url()))

    assert "<title>China-Malaysia rare earths refinery · Trade-deal tracker</title>" in page
    assert '<meta property="og:description" content="A refinery for rare earths.">' in page


def test_a_missing_page_is_a_friendly_404(client, db):
    response = client.get("/deals/no-such-deal/")

    assert response.status_code == 404
    assert "We could not find that page" in text_of(response)


@pytest.mark.parametrize("page", ["99", "two"])
def test_a_deal_list_page_that_does_not_exist_is_a_friendly_404(client, world, page):
    response = client.get(reverse("deals:deal-list"), {"page": page})
    again = client.get(reverse("deals:deal-list"), {"page": page})

    assert response.status_code == again.status_code == 404
    assert "We could not find that page" in text_of(again)


def test_a_server_error_shows_a_friendly_page_without_the_database(db):
    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_pages_send_a_content_security_policy_that_forbids_inline_scripts(client, world):
    policy = client.get(reverse("deals:home")).headers["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _stage_colours() -> dict[str, tuple[str, str]]:
    css = (Path(__file__).parent.parent / "deals/static/deals/tracker.css").read_text()
    found = re.findall(
        r"\.stage--(\w+) \{ --stage: (#[0-9a-f]{6}); --stage-text: (#[0-9a-f]{3}); \}", css
    )
    return {slug: (colour, text) for slug, colour, text in found}


def test_every_stage_badge_keeps_its_text_readable():
    colours = _stage_colours()

    assert set(colours) == {shipped.slug for shipped in SHIPPED_STAGES}
    for slug, (colour, text) in colours.items():
        text = "#" + "".join(digit * 2 for digit in text[1:])
        darker, lighter = sorted([_luminance(colour), _luminance(text)])
        contrast = (lighter + 0.05) / (darker + 0.05)
        assert contrast >= 4.5, f"{slug} {colour} has contrast {contrast:.2f} with {text}"


# Machado, Oliveira and Fernandes (2009), severity 1: how people with deuteranopia and
# protanopia see linear RGB.
DEUTERANOPIA = (
    (0.367322, 0.860646, -0.227968),
    (0.280085, 0.672501, 0.047413),
    (-0.011820, 0.042940, 0.968881),
)
PROTANOPIA = (
    (0.152286, 1.052583, -0.204868),
    (0.114503, 0.786281, 0.099216),
    (-0.003882, -0.048116, 1.051998),
)


def _lab(hex_colour: str, vision=None) -> tuple[float, float, float]:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    rgb = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    if vision:
        rgb = [min(max(sum(w * c for w, c in zip(row, rgb, strict=True)), 0), 1) for row in vision]
    x = (0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2]) / 0.95047
    y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
    z = (0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2]) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


@pytest.mark.parametrize(
    "vision", [None, DEUTERANOPIA, PROTANOPIA], ids=["normal", "deuteranopia", "protanopia"]
)
def test_every_two_stage_colours_stay_apart_also_for_colour_blind_readers(vision):
    colours = {slug: colour for slug, (colour, _) in _stage_colours().items()}

    closest = min(
        (math.dist(_lab(colours[a], vision), _lab(colours[b], vision)), a, b)
        for a, b in itertools.combinations(sorted(colours), 2)
    )

    # CIE76 colour difference: 2.3 is just noticeable; 15 is plainly another colour.
    assert closest[0] >= 15, closest


# --- Feeds --------------------------------------------------------------------------------------


def atom_entries(response) -> list[dict]:
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "summary": entry.findtext(f"{ATOM}summary"),
        }
        for entry in root.findall(f"{ATOM}entry")
    ]


RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")


def assert_valid_atom(content: bytes) -> None:
    """What RFC 4287 requires of a feed and its entries (section 4.1)."""
    feed = ElementTree.fromstring(content)
    assert feed.tag == f"{ATOM}feed"
    for element in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{element}")) == 1, element
    assert RFC3339.fullmatch(feed.findtext(f"{ATOM}updated"))
    assert ":" in feed.findtext(f"{ATOM}id")  # an IRI
    assert [link.get("rel") for link in feed.findall(f"{ATOM}link")].count("self") == 1
    entries = feed.findall(f"{ATOM}entry")
    feed_author = feed.find(f"{ATOM}author")
    ids = []
    for entry in entries:
        for element in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{element}")) == 1, element
        assert RFC3339.fullmatch(entry.findtext(f"{ATOM}updated"))
        assert entry.find(f"{ATOM}link") is not None or entry.find(f"{ATOM}content") is not None
        author = entry.find(f"{ATOM}author")
        assert (author if author is not None else feed_author) is not None, "no author"
        assert (author if author is not None else feed_author).findtext(f"{ATOM}name")
        ids.append(entry.findtext(f"{ATOM}id"))
    assert len(ids) == len(set(ids))


def test_every_atom_feed_is_valid_against_the_atom_spec(client, world):
    feeds = [
        reverse("deals:feed-changes"),
        reverse("deals:feed-deal", args=[world["refinery"].slug]),
        reverse("deals:feed-party", args=["malaysia"]),
        reverse("deals:feed-commodity", args=["rare-earths"]),
        reverse("deals:feed-commodity", args=["chips"]),
    ]
    ids = set()
    for url in feeds:
        response = client.get(url)
        assert_valid_atom(response.content)
        ids.add(ElementTree.fromstring(response.content).findtext(f"{ATOM}id"))
    assert len(ids) == len(feeds)


def test_every_page_names_its_icon_and_the_browsers_default_address_finds_it(client, world):
    page = lxml.html.fromstring(client.get(reverse("deals:home")).content)
    [icon] = page.xpath("//link[@rel='icon']")

    redirect = client.get("/favicon.ico")

    assert icon.get("href") == redirect["Location"] == "/static/deals/favicon.svg"
    assert finders.find("deals/favicon.svg")


def test_changes_feed_lists_every_stage_change_latest_first(client, world):
    entries = atom_entries(client.get(reverse("deals:feed-changes")))

    assert [entry["title"] for entry in entries] == [
        "US tariff on chips: Threatened",
        "China-Malaysia rare earths refinery: Preliminary talks → Agreed in principle",
        "China-Malaysia rare earths refinery: Preliminary talks",
    ]
    framework = world["refinery"].timeline.get(status__slug="framework")
    assert entries[1]["link"].endswith(
        f"{world['refinery'].get_absolute_url()}#entry-{framework.pk}"
    )
    assert "The two sides agreed a framework" in entries[1]["summary"]


def test_party_and_commodity_feeds_follow_the_pages_scope(client, world):
    party = atom_entries(client.get(reverse("deals:feed-party", args=["malaysia"])))
    commodity = atom_entries(client.get(reverse("deals:feed-commodity", args=["rare-earths"])))
    deal = atom_entries(client.get(reverse("deals:feed-deal", args=[world["tariff"].slug])))

    assert {entry["title"].split(":")[0] for entry in party} == {world["refinery"].title}
    assert {entry["title"].split(":")[0] for entry in commodity} == {world["refinery"].title}
    assert [entry["title"] for entry in deal] == ["US tariff on chips: Threatened"]


def test_feed_summaries_escape_ingested_markup(client, stages):
    published_deal(
        title="Deal <b>bold</b>",
        stages=[("talks", datetime.date(2025, 1, 1))],
        quote='<script>alert(1)</script><img src=x onerror="alert(2)">',
    )

    entries = atom_entries(client.get(reverse("deals:feed-changes")))

    # The summary is HTML for feed readers: the quote must arrive as text inside it.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in entries[0]["summary"]
    assert "<script>" not in entries[0]["summary"]
    assert entries[0]["title"] == "Deal <b>bold</b>: Preliminary talks"


# --- The page cache for visitors ----------------------------------------------------------------


def test_visitors_see_a_change_as_soon_as_it_is_recorded(client, world):
    before = text_of(client.get(world["tariff"].get_absolute_url()))
    assert client.get(world["tariff"].get_absolute_url()).content.decode() == before

    services.record_timeline_entry(
        deal=world["tariff"],
        status=Status.objects.get(slug="imposed"),
        happened_on=datetime.date(2026, 4, 1),
        article=ArticleFactory(),
        quote="The tariff took effect on 1 April.",
    )

    assert "The tariff took effect on 1 April." in text_of(
        client.get(world["tariff"].get_absolute_url())
    )


def test_a_visitors_page_is_served_from_the_cache_after_one_query_for_the_data_version(
    client, world, django_assert_num_queries
):
    client.get(reverse("deals:deal-list"), {"kind": "measure"})

    with django_assert_num_queries(1):
        response = client.get(reverse("deals:deal-list"), {"kind": "measure"})

    assert listed_titles(response) == ["US tariff on chips"]


# With tallies that may lag (as in production) the deal list and a deal page keep their parts by
# versions of their own, and the list's version by the data version: neither is read again.
@pytest.mark.parametrize("tally_seconds", [0, 60])
@pytest.mark.parametrize(("name", "most"), [("home", 1), ("deal-list", 1), ("deal", 2)])
def test_a_page_rendered_afresh_around_its_cached_part_reads_only_what_its_header_shows(
    client, world, settings, name, most, tally_seconds, django_assert_max_num_queries
):
    settings.TRACKER_PAGE_CACHE_SECONDS = 0
    settings.TRACKER_TALLY_SECONDS = tally_seconds
    url = {
        "home": reverse("deals:home"),
        "deal-list": reverse("deals:deal-list") + "?stage=framework&country=MY&sort=title",
        "deal": world["refinery"].get_absolute_url(),
    }[name]
    first = client.get(url)

    # The data version, and for a deal page the deal with its stage: no filter, form or list.
    with django_assert_max_num_queries(most):
        again = client.get(url)

    assert again.content == first.content
    assert "China-Malaysia rare earths refinery" in text_of(again)


def test_the_home_pages_latest_changes_read_by_sql_built_once_are_the_orms_and_follow_news(world):
    from deals.views.pages import _latest_changes, _latest_changes_query

    def shown(entries):
        return [
            (
                entry.pk,
                entry.deal.title,
                entry.happened_on,
                entry.status.name,
                entry.previous_status and entry.previous_status.name,
                entry.article and entry.article.url,
                entry.quote,
            )
            for entry in entries
        ]

    assert shown(_latest_changes()) == shown(list(_latest_changes_query()))
    published_deal(title="A pact of today", stages=[("signed", timezone.localdate())])

    latest = _latest_changes()

    assert latest[0].deal.title == "A pact of today"
    assert shown(latest) == shown(list(_latest_changes_query()))


def test_the_whole_deal_lists_first_page_read_by_sql_built_once_is_the_orms_and_follows_news(
    world,
):
    from deals.views.pages import ROW_FIELDS, DealListView, _whole_archive_first

    def by_orm() -> list:
        first = Deal.objects.published().values_list(*ROW_FIELDS, named=True)
        return list(first[: DealListView.paginate_by])

    assert read_compiled_once(_whole_archive_first) == by_orm()
    published_deal(title="A pact of today", stages=[("signed", timezone.localdate())])

    first = read_compiled_once(_whole_archive_first)

    assert first[0].title == "A pact of today"
    assert [row._fields for row in first] == [ROW_FIELDS] * 3
    assert first == by_orm()


def test_the_home_page_after_a_change_reads_the_version_and_the_latest_changes(
    client, world, settings, django_assert_num_queries
):
    settings.TRACKER_PAGE_CACHE_SECONDS = 0
    settings.TRACKER_DATA_VERSION_SECONDS = 0
    settings.TRACKER_TALLY_SECONDS = 60  # As in production: the counts may lag a minute.
    client.get(reverse("deals:home"))
    Deal.objects.filter(pk=world["refinery"].pk).update(
        title="China–Malaysia refinery pact", updated_at=timezone.now()
    )

    # The data version and the latest changes, each drawn from what that one query read.
    with django_assert_num_queries(2):
        page = text_of(client.get(reverse("deals:home")))

    assert "China–Malaysia refinery pact" in page
    assert "Source:" in page


def test_the_deal_list_after_a_change_reads_the_versions_the_page_and_its_rows_names(
    client, world, settings, django_assert_num_queries
):
    settings.TRACKER_PAGE_CACHE_SECONDS = 0
    settings.TRACKER_DATA_VERSION_SECONDS = 0
    settings.TRACKER_TALLY_SECONDS = 60  # As in production: the counts may lag a minute.
    url = reverse("deals:deal-list")
    client.get(url)
    Deal.objects.filter(pk=world["tariff"].pk).update(
        updated_at=timezone.now(), last_changed_on=timezone.localdate()
    )

    # The data version with the names' version in one query, the first page, and the names of
    # its deals' parties and goods in one: the stages, the form and the unchanged rows are kept.
    with django_assert_num_queries(3):
        page = client.get(url)

    assert listed_titles(page)[0] == world["tariff"].title


def test_the_filtered_deal_list_after_a_change_reads_the_versions_its_deals_and_their_names(
    client, world, settings, django_assert_num_queries
):
    settings.TRACKER_PAGE_CACHE_SECONDS = 0
    settings.TRACKER_DATA_VERSION_SECONDS = 0
    settings.TRACKER_TALLY_SECONDS = 60  # As in production: the counts may lag a minute.
    url = reverse("deals:deal-list") + "?stage=framework&country=MY&sort=title"
    client.get(url)
    Deal.objects.filter(pk=world["tariff"].pk).update(
        updated_at=timezone.now(), last_changed_on=timezone.localdate()
    )

    # The versions in one query and the matching deals' first page with their counts by stage
    # (PostgreSQL: one statement, then the page's rows by id): none of them changed, so the
    # list is served as drawn, its rows' parties and goods unread, its chart and form kept.
    with django_assert_num_queries(3):
        page = client.get(url)

    assert listed_titles(page) == [world["refinery"].title]


def test_the_filtered_deal_list_draws_a_listed_deal_again_when_it_changes(
    client, world, settings, django_assert_num_queries
):
    settings.TRACKER_PAGE_CACHE_SECONDS = 0
    settings.TRACKER_DATA_VERSION_SECONDS = 0
    settings.TRACKER_TALLY_SECONDS = 60  # As in production: the counts may lag a minute.
    url = reverse("deals:deal-list") + "?stage=framework&country=MY&sort=title"
    lynas = PartyFactory(name="Lynas Rare Earths")
    client.get(url)
    services.add_parties(deal=world["refinery"], parties=[services.PartyLink(party=lynas)])

    # The rows' names are read again, and the row drawn again with its new party.
    with django_assert_num_queries(4):
        page = text_of(client.get(url))

    assert "Lynas Rare Earths" in page


def test_the_deal_list_shows_a_listed_deal_renamed_at_once(client, world, settings):
    settings.TRACKER_PAGE_CACHE_SECONDS = 0
    settings.TRACKER_TALLY_SECONDS = 60
    url = reverse("deals:deal-list") + "?country=MY"
    client.get(url)
    refinery = world["refinery"]
    refinery.title = "China–Malaysia refinery pact"
    refinery.save()

    assert listed_titles(client.get(url)) == ["China–Malaysia refinery pact"]


def chart_rows(response) -> list[tuple[str, str]]:
    """The deal list's chart as its table gives it: (stage, deals) for each bar."""
    rows = lxml.html.fromstring(response.content).xpath(
        "//figure[@aria-labelledby='list-chart-caption']//tbody/tr"
    )
    return [(row.xpath("string(th)"), row.xpath("string(td[2])")) for row in rows]


def test_a_filtered_lists_chart_counts_a_deal_that_moved_at_once(client, world, stages, settings):
    settings.TRACKER_PAGE_CACHE_SECONDS = 0
    url = reverse("deals:deal-list") + "?country=MY"
    assert chart_rows(client.get(url)) == [("Agreed in principle", "1")]

    services.record_timeline_entry(
        deal=world["refinery"],
        status=stages["signed"],
        happened_on=datetime.date.today(),
        article=ArticleFactory(),
        quote="The refinery deal was signed today.",
    )

    assert chart_rows(client.get(url)) == [("Signed", "1")]


def test_signed_in_readers_never_get_a_cached_page(client, world, reader):
    client.get(world["refinery"].get_absolute_url())
    client.force_login(reader)

    page = text_of(client.get(world["refinery"].get_absolute_url()))

    assert "Sign in to follow" not in page
    assert 'action="/follow/deal/' in page


def listed_titles(response) -> list[str]:
    return [
        row.strip()
        for row in re.findall(r'class="deal-row__title"[^>]*>([^<]+)<', text_of(response))
    ]


def test_a_deal_page_draws_a_figure_that_changes_as_steps_with_dates_and_sources(client, stages):
    tariff = published_deal(
        title="US tariff on Indian goods",
        kind="measure",
        stages=[("imposed", datetime.date(2025, 8, 7))],
    )
    for day, rate, text in (
        (datetime.date(2025, 8, 7), 25, "25%"),
        (datetime.date(2025, 8, 27), 50, "50%"),
        # The story gives the old rate and the new one: the step is the new one.
        (datetime.date(2026, 2, 4), 18, "18%"),
        (datetime.date(2026, 2, 4), 50, "50%"),
    ):
        article = ArticleFactory(title=f"Tariff at {text}", published_on=day, url="")
        Figure.objects.create(
            deal=tariff, article=article, text=text, value=rate, unit="%", what="tariff_rate"
        )
    Figure.objects.create(
        deal=tariff, text="$87 billion", value=87e9, unit="USD", what="trade_value"
    )

    document = lxml.html.fromstring(client.get(tariff.get_absolute_url()).content)

    [chart] = document.find_class("chart--steps")
    assert chart.find_class("chart__caption")[0].text == "Tariff rate over time"
    assert [t.text for t in chart.find_class("chart__value")] == ["25%", "50%", "18%"]
    path = chart.find_class("chart__step")[0].get("d")
    assert path.count("H") == 3 and path.count("V") == 2
    rows = [
        [" ".join(cell.text_content().split()) for cell in row]
        for row in chart.xpath(".//tbody/tr")
    ]
    assert [row[:2] for row in rows] == [
        ["7 August 2025", "25%"],
        ["27 August 2025", "50%"],
        ["4 February 2026", "18%"],
    ]
    assert [row[2].split(",")[0] for row in rows] == [
        "Source: Tariff at 25%",
        "Source: Tariff at 50%",
        "Source: Tariff at 18%",
    ]


def test_party_and_commodity_pages_say_what_each_of_their_deals_is(client, world):
    Deal.objects.filter(pk=world["refinery"].pk).update(
        summary="An agreement between China and Malaysia on a rare earths refinery."
    )

    for url in (world["malaysia"].get_absolute_url(), world["rare_earths"].get_absolute_url()):
        document = lxml.html.fromstring(client.get(url).content)
        summaries = [s.text for s in document.find_class("stage-group__summary")]
        assert summaries == ["An agreement between China and Malaysia on a rare earths refinery."]


def test_deal_list_says_what_each_deal_is(client, world):
    Deal.objects.filter(pk=world["tariff"].pk).update(
        summary="A trade measure by the United States, covering chips."
    )

    document = lxml.html.fromstring(client.get(reverse("deals:deal-list")).content)

    summaries = [s.text for s in document.find_class("deal-row__summary")]
    assert summaries == ["A trade measure by the United States, covering chips."]
