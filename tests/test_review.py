"""Editors' review of proposals: accept, edit, reject, in the admin and through the service."""

import datetime
from decimal import Decimal

import lxml.html
import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse

from deals import services
from deals.models import (
    Article,
    ArticleState,
    Commodity,
    Deal,
    DealKind,
    Figure,
    Party,
    PartyAlias,
    PartyKind,
    Proposal,
    ReviewState,
    TimelineEntry,
)
from deals.permissions import EDITORS_GROUP

from .factories import DealFactory, DealPartyFactory, stage, submitted

pytestmark = pytest.mark.django_db

TALKS = (
    "China and Malaysia hold early talks on a rare earths refinery",
    "China and Malaysia are in preliminary talks to build a rare earths refinery in Malaysia, "
    "with Khazanah expected to work with a Chinese state-owned company. Malaysia holds about "
    "16 million tonnes of rare earth deposits.",
)


@pytest.fixture
def proposal(reference_data):
    """A pending proposal for a new China-Malaysia deal, naming a party the tracker lacks."""
    article = submitted(*TALKS, published_on=datetime.date(2025, 6, 18))
    services.parse_article(article)
    proposal = article.proposals.get(position=0)
    mention = proposal.parties.get(name="Khazanah Nasional")
    assert mention.party is None and mention.name_as_written == "Khazanah"
    return proposal


def test_accepting_creates_the_deal_parties_entry_and_figures(proposal, editor):
    services.accept_proposal(proposal=proposal, reviewed_by=editor)

    proposal.refresh_from_db()
    deal = proposal.deal
    assert proposal.state == ReviewState.ACCEPTED
    assert (proposal.reviewed_by, proposal.auto_accepted) == (editor, False)
    assert deal.kind == DealKind.AGREEMENT and deal.status.slug == "talks"
    khazanah = Party.objects.get(name="Khazanah Nasional")
    assert khazanah.kind == PartyKind.SOVEREIGN_FUND
    # The name the source used is learnt, so the next parse resolves it.
    assert PartyAlias.objects.filter(party=khazanah, name="Khazanah").exists()
    assert {"China", "Malaysia", "Khazanah Nasional"} <= set(
        deal.parties.values_list("name", flat=True)
    )
    assert Commodity.objects.get(name="rare earths") in deal.commodities.all()
    entry = deal.timeline.get()
    assert (entry.article, entry.happened_on, entry.recorded_by) == (
        proposal.article,
        datetime.date(2025, 6, 18),
        editor,
    )
    assert "talks" in entry.quote
    assert proposal.timeline_entry == entry
    figure = deal.figures.get()
    assert figure.value == Decimal("16000000") and figure.article == proposal.article


def test_an_accepted_figure_keeps_the_slug_of_what_it_measures(proposal, editor):
    assert proposal.figures.get().what == "reserves"

    services.accept_proposal(proposal=proposal, reviewed_by=editor)

    proposal.refresh_from_db()
    figure = proposal.deal.figures.get()
    assert figure.what == "reserves"
    assert str(figure) == "16 million tonnes (Reserves)"


def test_accepting_twice_records_one_timeline_entry(proposal, editor):
    services.accept_proposal(proposal=proposal, reviewed_by=editor)
    services.accept_proposal(proposal=proposal, reviewed_by=editor)

    assert TimelineEntry.objects.count() == 1
    assert Deal.objects.count() == 1
    assert Figure.objects.count() == 1


def test_two_proposals_of_one_article_at_one_stage_make_one_entry(proposal, editor):
    deal = DealFactory(kind=DealKind.AGREEMENT)
    DealPartyFactory(deal=deal, party=Party.objects.get(iso_code="CN"))
    Proposal.objects.filter(pk=proposal.pk).update(deal=deal)
    services.accept_proposal(proposal=proposal, reviewed_by=editor)
    Proposal.objects.filter(pk=proposal.pk).update(state=ReviewState.PENDING)

    services.accept_proposal(proposal=proposal, reviewed_by=editor)

    assert deal.timeline.count() == 1


SAME_TALKS = (
    "Malaysia and China open talks on a rare earths plant",
    "Malaysia and China have begun preliminary talks on a rare earths refinery in Malaysia.",
)


def parsed_before_the_deal_existed(proposal) -> Proposal:
    """A second proposal about the same new deal, as a worker parsing at the same moment as
    `proposal`'s accept sees it: matched to no deal, and out of reach of that accept's
    retargeting (its parse had not committed yet)."""
    article = submitted(*SAME_TALKS, published_on=datetime.date(2025, 6, 19))
    services.parse_article(article)
    twin = article.proposals.get(position=0)
    assert twin.deal is None
    return twin


def test_an_automatic_accept_joins_the_deal_another_accept_just_created(proposal):
    twin = parsed_before_the_deal_existed(proposal)
    services.accept_proposal(proposal=proposal, automatic=True)
    Proposal.objects.filter(pk=twin.pk).update(deal=None, match_score=None, match_reason="")

    services.accept_proposal(proposal=twin, automatic=True)

    twin.refresh_from_db()
    assert Deal.objects.count() == 1
    assert twin.deal == Deal.objects.get()
    assert "parties 2/2" in twin.match_reason
    assert twin.deal.timeline.count() == 2


def test_an_editor_accepting_as_a_new_deal_keeps_that_choice(proposal, editor):
    twin = parsed_before_the_deal_existed(proposal)
    services.accept_proposal(proposal=proposal, reviewed_by=editor)
    # The editor pointed it at no deal after the first deal existed: a deal of its own.
    Proposal.objects.filter(pk=twin.pk).update(deal=None)

    services.accept_proposal(proposal=twin, reviewed_by=editor)

    assert Deal.objects.count() == 2


def test_a_failed_accept_writes_nothing(proposal, editor):
    # A measure's stage on an agreement cannot be recorded: the whole accept is undone.
    Proposal.objects.filter(pk=proposal.pk).update(status=stage("imposed"))
    proposal.refresh_from_db()

    with pytest.raises(ValidationError):
        services.accept_proposal(proposal=proposal, reviewed_by=editor)

    assert not Deal.objects.exists()
    assert not Party.objects.filter(name="Khazanah Nasional").exists()
    proposal.refresh_from_db()
    assert proposal.state == ReviewState.PENDING


def test_rejecting_adds_nothing_and_cannot_then_be_accepted(proposal, editor):
    services.reject_proposal(proposal=proposal, reviewed_by=editor)

    proposal.refresh_from_db()
    assert (proposal.state, proposal.reviewed_by) == (ReviewState.REJECTED, editor)
    assert not Deal.objects.exists()
    with pytest.raises(ValidationError):
        services.accept_proposal(proposal=proposal, reviewed_by=editor)


def test_an_editor_sees_pending_proposals_by_default(editor_client, proposal, editor):
    other = submitted("Malaysia bans exports of palm oil", "Malaysia has banned palm oil exports.")
    services.parse_article(other)
    services.reject_proposal(proposal=other.proposals.get(), reviewed_by=editor)

    response = editor_client.get(reverse("admin:deals_proposal_changelist"))

    assert response.status_code == 200
    assert proposal.title in response.text
    assert "palm oil" not in response.text


def test_editors_filter_proposals_by_kind_and_confidence(editor_client, proposal):
    url = reverse("admin:deals_proposal_changelist")

    measures = editor_client.get(url, {"kind": "measure"})
    confident = editor_client.get(url, {"confidence": "high"})
    unsure = editor_client.get(url, {"confidence": "low"})

    assert proposal.title not in measures.text
    assert proposal.title in confident.text
    assert proposal.title not in unsure.text


def test_the_proposal_list_takes_a_bounded_number_of_queries(
    editor_client, proposal, django_assert_max_num_queries
):
    for headline in ("Malaysia bans exports of palm oil", "Malaysia bans exports of tin"):
        services.parse_article(submitted(headline, headline + ". The ban is in effect."))

    with django_assert_max_num_queries(15):
        editor_client.get(reverse("admin:deals_proposal_changelist"))


def _form_data(response) -> dict:
    """The change form's fields with their current values, as the browser would post them."""
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        data[name] = "" if value is None else getattr(value, "pk", value)
    for formset in response.context["inline_admin_formsets"]:
        formset = formset.formset
        management = formset.management_form
        for name in management.fields:
            data[f"{formset.prefix}-{name}"] = management.initial.get(name, "")
        for inline in formset.forms:
            for name, field in inline.fields.items():
                value = inline.initial.get(name, field.initial)
                if isinstance(value, list):
                    value = str(value).replace("'", '"')
                data[inline.add_prefix(name)] = "" if value is None else getattr(value, "pk", value)
    return data


def test_an_editor_edits_then_accepts_into_an_existing_deal(editor_client, proposal):
    deal = DealFactory(kind=DealKind.AGREEMENT, title="China-Malaysia refinery partnership")
    url = reverse("admin:deals_proposal_change", args=[proposal.pk])
    data = _form_data(editor_client.get(url))
    data.update(
        deal=deal.pk,
        status=stage("negotiating").pk,
        happened_on="2025-06-20",
        quote="The two governments opened formal negotiations.",
        _accept="Save and accept",
    )
    # The editor knows "Khazanah" is the fund already in the tracker under another name.
    fund = Party.objects.create(name="Khazanah Berhad", slug="khazanah-berhad", kind="company")
    mention = next(key for key, value in data.items() if value == "Khazanah Nasional")
    data[mention.replace("-name", "-party")] = fund.pk

    response = editor_client.post(url, data)

    assert response.status_code == 302, response.context and response.context.get("errors")
    proposal.refresh_from_db()
    assert (proposal.state, proposal.deal) == (ReviewState.ACCEPTED, deal)
    entry = deal.timeline.get()
    assert entry.status.slug == "negotiating"
    assert entry.happened_on == datetime.date(2025, 6, 20)
    assert entry.quote == "The two governments opened formal negotiations."
    assert fund in deal.parties.all()
    assert not Party.objects.filter(name="Khazanah Nasional").exists()
    assert PartyAlias.objects.filter(party=fund, name="Khazanah").exists()


def test_an_editor_rejects_from_the_change_form(editor_client, proposal):
    url = reverse("admin:deals_proposal_change", args=[proposal.pk])
    data = {**_form_data(editor_client.get(url)), "_reject": "Reject"}

    response = editor_client.post(url, data)

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == ReviewState.REJECTED
    assert not Deal.objects.exists()


def test_accepting_a_measure_into_an_agreement_is_refused_with_a_message(editor_client, proposal):
    deal = DealFactory(kind=DealKind.MEASURE)
    url = reverse("admin:deals_proposal_change", args=[proposal.pk])
    data = {**_form_data(editor_client.get(url)), "deal": deal.pk, "_accept": "Save and accept"}

    response = editor_client.post(url, data, follow=True)

    proposal.refresh_from_db()
    assert proposal.state == ReviewState.PENDING
    assert "is a measure; this proposal reports the other kind of deal" in response.text


def test_the_article_page_lists_its_proposals(editor_client, proposal):
    url = reverse("admin:deals_article_change", args=[proposal.article_id])

    response = editor_client.get(url)

    assert response.status_code == 200
    assert proposal.title in response.text


def test_parsing_an_article_again_supersedes_its_pending_proposals(proposal, editor):
    assert services.parse_again(article=proposal.article)

    proposal.refresh_from_db()
    assert proposal.state == ReviewState.SUPERSEDED
    proposal.article.refresh_from_db()
    assert proposal.article.state == "queued"


def test_an_article_with_an_accepted_proposal_is_not_parsed_again(proposal, editor):
    services.accept_proposal(proposal=proposal, reviewed_by=editor)

    assert not services.parse_again(article=proposal.article)


def test_editors_may_review_but_not_create_or_delete_proposals():
    codenames = set(
        Group.objects.get(name=EDITORS_GROUP).permissions.values_list("codename", flat=True)
    )

    assert {"view_proposal", "change_proposal", "change_proposedparty"} <= codenames
    assert "add_proposal" not in codenames and "delete_proposal" not in codenames


def test_the_review_screen_shows_the_article_with_what_the_parser_read_marked(
    editor_client, proposal
):
    response = editor_client.get(reverse("admin:deals_proposal_change", args=[proposal.pk]))

    page = lxml.html.fromstring(response.content)
    [text] = page.find_class("review__text")
    marked = {(mark.get("class").split("--")[-1], mark.text.strip()) for mark in text.iter("mark")}
    assert {
        ("party", "China"),
        ("party", "Malaysia"),
        ("party", "Khazanah"),
        ("commodity", "rare earths"),
        ("figure", "16 million tonnes"),
    } <= marked
    [stage_sentence] = text.find_class("mark--stage")
    # The body sentence that states the stage, not the headline.
    assert "in preliminary talks to build" in stage_sentence.text_content()
    assert "stage: Preliminary talks" in stage_sentence.text_content()
    # Every word of the article is on the page, in order, marks and all.
    assert " ".join(text.text_content().split()).startswith("China party and Malaysia party")
    assert "16 million tonnes figure of rare earth deposits" in " ".join(
        text.text_content().split()
    )


def test_a_new_deal_takes_the_summary_drafted_from_the_story(proposal, editor):
    assert proposal.summary.startswith(
        "An agreement between China, Malaysia, Khazanah Nasional and a Chinese state-owned"
    )
    assert "16 million tonnes" in proposal.summary
    Proposal.objects.filter(pk=proposal.pk).update(summary="A refinery for Malaysian ore.")

    services.accept_proposal(proposal=proposal, reviewed_by=editor)

    proposal.refresh_from_db()
    assert proposal.deal.summary == "A refinery for Malaysian ore."


def test_accepting_never_adds_a_figure_the_deal_already_has_under_another_label(proposal, editor):
    deal = DealFactory(kind=DealKind.AGREEMENT)
    Figure.objects.create(
        deal=deal, text="16m t", value=Decimal("16000000"), unit="t", what="reserves"
    )
    Proposal.objects.filter(pk=proposal.pk).update(deal=deal)

    services.accept_proposal(proposal=proposal, reviewed_by=editor)

    assert list(deal.figures.values_list("text", "what")) == [("16m t", "reserves")]


def test_editors_type_hs_codes_as_a_plain_list(editor_client, proposal):
    url = reverse("admin:deals_proposal_change", args=[proposal.pk])
    page = editor_client.get(url)
    data = _form_data(page)
    field = next(key for key in data if key.endswith("-hs_codes"))
    assert 'value="2805.30, 2846"' in page.text

    bad = editor_client.post(url, {**data, field: "2805.30, rare", "_continue": "Save"})
    data[field] = "2805.30, 2846.90"
    good = editor_client.post(url, {**data, "_continue": "Save"})

    assert "Not an HS code: rare." in bad.text
    assert good.status_code == 302
    assert proposal.commodities.get(name="rare earths").hs_codes == ["2805.30", "2846.90"]


def test_bulk_review_messages_count_in_words_and_the_review_reads_plainly(editor_client, proposal):
    url = reverse("admin:deals_proposal_changelist")

    response = editor_client.post(
        url, {"action": "accept_selected", "_selected_action": [proposal.pk]}, follow=True
    )
    detail = editor_client.get(reverse("admin:deals_proposal_change", args=[proposal.pk]))

    assert "1 proposal accepted." in response.text
    assert "Accepted by an editor." in detail.text
    assert "icon-no.svg" not in detail.text and "icon-yes.svg" not in detail.text


def test_a_proposal_of_an_article_found_not_about_a_trade_deal_is_never_accepted(proposal, editor):
    deal = DealFactory(kind=DealKind.AGREEMENT)
    DealPartyFactory(deal=deal, party=Party.objects.get(iso_code="CN"))
    Proposal.objects.filter(pk=proposal.pk).update(deal=deal)
    Article.objects.filter(pk=proposal.article_id).update(state=ArticleState.NOT_RELEVANT)

    with pytest.raises(ValidationError, match="not about a trade deal"):
        services.accept_proposal(proposal=proposal, reviewed_by=editor)

    assert not deal.timeline.exists()
    assert not deal.parties.filter(name="Khazanah Nasional").exists()
    proposal.refresh_from_db()
    assert proposal.state == ReviewState.PENDING


def _deal_at(slug: str, on: datetime.date) -> Deal:
    deal = DealFactory(kind=DealKind.AGREEMENT)
    DealPartyFactory(deal=deal, party=Party.objects.get(iso_code="CN"))
    earlier = submitted("Earlier story", "It happened.", published_on=on)
    services.record_timeline_entry(deal=deal, status=stage(slug), happened_on=on, article=earlier)
    return deal


def test_a_later_story_recalling_an_earlier_step_does_not_move_the_deal_back(proposal, editor):
    # The deal is already being carried out; the story (of 18 June) recalls its talks.
    deal = _deal_at("implemented", datetime.date(2025, 6, 1))
    Proposal.objects.filter(pk=proposal.pk).update(deal=deal)

    services.accept_proposal(proposal=proposal, reviewed_by=editor)

    deal.refresh_from_db()
    proposal.refresh_from_db()
    assert deal.status.slug == "implemented"
    assert deal.timeline.count() == 1 and proposal.timeline_entry is None
    # What else it says still reaches the deal.
    assert proposal.deal == deal and proposal.state == ReviewState.ACCEPTED
    assert deal.parties.filter(name="Khazanah Nasional").exists()


def test_a_step_after_a_setback_moves_the_deal(proposal, editor):
    # Talks resume on a deal that had stalled.
    deal = _deal_at("stalled", datetime.date(2025, 6, 1))
    Proposal.objects.filter(pk=proposal.pk).update(deal=deal)

    services.accept_proposal(proposal=proposal, reviewed_by=editor)

    deal.refresh_from_db()
    assert deal.status.slug == "talks"
    assert deal.timeline.count() == 2


def test_an_older_story_of_an_earlier_step_takes_its_place_in_the_timeline(proposal, editor):
    deal = _deal_at("signed", datetime.date(2025, 7, 1))
    Proposal.objects.filter(pk=proposal.pk).update(deal=deal)

    services.accept_proposal(proposal=proposal, reviewed_by=editor)

    deal.refresh_from_db()
    assert deal.status.slug == "signed"
    assert [entry.status.slug for entry in deal.timeline.order_by("happened_on")] == [
        "talks",
        "signed",
    ]


def test_a_proposal_naming_no_party_joins_a_deal_but_makes_none(proposal, editor):
    proposal.parties.all().delete()

    with pytest.raises(ValidationError, match="names no party"):
        services.accept_proposal(proposal=proposal, reviewed_by=editor)
    assert not Deal.objects.exists()

    # The editor chooses the deal it is about.
    deal = DealFactory(kind=DealKind.AGREEMENT)
    DealPartyFactory(deal=deal, party=Party.objects.get(iso_code="CN"))
    Proposal.objects.filter(pk=proposal.pk).update(deal=deal)
    services.accept_proposal(proposal=proposal, reviewed_by=editor)
    assert deal.timeline.count() == 1


def _background_deal(proposal, kind, *parties) -> Proposal:
    """A second deal the story gives as background, naming these (country, role) parties."""
    position = proposal.article.proposals.count()
    other = Proposal.objects.create(
        article=proposal.article, position=position, kind=kind, title="Background deal"
    )
    for iso_code, role in parties:
        party = Party.objects.get(iso_code=iso_code)
        other.parties.create(name=party.name, kind=party.kind, role=role, party=party)
    return other


def test_a_deal_the_story_gives_as_background_is_made_only_with_its_sides_named(proposal, editor):
    one_side = _background_deal(proposal, DealKind.AGREEMENT, ("CN", "partner"))
    only_a_target = _background_deal(proposal, DealKind.MEASURE, ("MY", "targeted"))
    imposed = _background_deal(proposal, DealKind.MEASURE, ("CN", "imposing"))
    both_sides = _background_deal(
        proposal, DealKind.AGREEMENT, ("CN", "partner"), ("MY", "partner")
    )

    for vague in (one_side, only_a_target):
        with pytest.raises(ValidationError, match="one side only"):
            services.accept_proposal(proposal=vague, reviewed_by=editor)
    for named in (imposed, both_sides):
        services.accept_proposal(proposal=named, reviewed_by=editor)

    assert Deal.objects.count() == 2
