"""What a lead is about keeps a look-alike out: each family of words that says so (a company's
forecast, a currency that moved, rates held steady, a club's winger, workers who ratify, an
airline's order, a seizure) on short written stories, beside written deal and measure stories
that use nearby words and stay in; a lead that says nothing of trade keeps a firms' deal out and
leaves any other deal for an editor, saying why."""

import datetime

import pytest

from deals.extraction import extract, relevance

DAY = datetime.date(2026, 2, 3)

LOOKALIKES = {
    "a company's results": (
        "Acme Motors cuts full-year forecast as tariffs raise costs",
        "Acme Motors lowered its full-year forecast on Tuesday, saying US tariffs on imported"
        " parts would add $2 billion to its costs this year. Its operating margin narrowed to 6%"
        " in the third quarter.",
    ),
    "a markets report": (
        "Rupee slips as US-India trade deal talks stall",
        "The Indian rupee fell 0.4% against the dollar on Monday as talks on a US-India trade"
        " deal stalled. Traders said importers bought dollars.",
    ),
    "a central bank's rate decision": (
        "Bank Zentral leaves rates steady as tariffs weigh on exports",
        "Bank Zentral left its policy rate at 4% on Thursday, saying US tariffs on the country's"
        " exports were slowing growth. Economists had expected no change.",
    ),
    "a sports story": (
        "Rovers sign Brazilian winger on free transfer",
        "Rovers have signed the Brazilian winger Joao Silva on a free transfer, agreeing a"
        " three-year deal. He joins from Santos.",
    ),
    "a labour dispute": (
        "Port staff ratify four-year contract ending lockout",
        "Staff at the Port of Halden voted to ratify a four-year contract with the port's"
        " operator on Sunday, ending a two-week lockout.",
    ),
    "an order of aircraft": (
        "Airline orders 30 helicopters for offshore fleet",
        "Northern Air said on Monday it had signed a firm order with Rotor Works for 30"
        " helicopters to serve offshore oil platforms, a deal worth $600 million.",
    ),
    "a crime": (
        "Border officers seize two tonnes of cocaine in banana shipment",
        "Border officers at the port of Antwerp seized two tonnes of cocaine hidden in a shipment"
        " of bananas from Ecuador, officials said on Monday.",
    ),
}


@pytest.mark.parametrize("label", sorted(LOOKALIKES))
def test_a_look_alike_told_in_general_words_of_its_kind_is_kept_out(label):
    title, body = LOOKALIKES[label]
    result = extract(title, body, DAY)
    assert not result.relevant
    assert label in result.reason


@pytest.mark.parametrize(
    ("label", "title", "body"),
    [
        (
            "a company's results",
            "Acme Motors warns of lower margins on tariffs",
            "Acme Motors said on Tuesday its margins would narrow this year because of US tariffs"
            " on imported steel.",
        ),
        (
            "a markets report",
            "Asian shares extend sell-off as trade talks stall",
            "Asian shares fell for a third day on Monday as US-China trade talks stalled.",
        ),
        (
            "a central bank's rate decision",
            "Bank Zentral stands pat as tariffs weigh on exports",
            "Bank Zentral kept its policy rate at 4% on Thursday, saying US tariffs on the"
            " country's exports were slowing growth.",
        ),
    ],
)
def test_a_headline_in_other_general_words_of_a_kind_reads_as_that_kind(label, title, body):
    result = extract(title, body, DAY)
    assert not result.relevant
    assert label in result.reason


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "Canada imposes 25% tariffs on US steel",
            "Canada imposed 25% tariffs on steel imported from the United States on Monday, in"
            " response to US duties on Canadian metals.",
        ),
        (
            "Parliament ratifies free trade agreement with Chile",
            "The Korean parliament ratified the free trade agreement with Chile on Friday. It will"
            " take effect in April.",
        ),
        (
            "Kenya signs fuel supply contract with trading house",
            "Kenya's government signed a supply contract with Vantor Trading on Monday for"
            " shipments of diesel over the next six months.",
        ),
    ],
)
def test_a_measure_or_deal_story_with_nearby_words_is_kept(title, body):
    result = extract(title, body, DAY)
    assert result.relevant, result.reason
    assert result.deals


def test_a_deal_between_firms_whose_lead_names_no_trade_or_goods_is_kept_out():
    result = extract(
        "Northwind Systems and Contoso Labs sign partnership",
        "Northwind Systems Inc signed a partnership agreement with Contoso Labs Ltd on Monday to"
        " sell each other's products to their customers. The companies did not give the value.",
        DAY,
    )
    assert not result.relevant
    assert "nothing in its headline or lead is about trade" in result.reason


def test_firms_whose_deal_names_goods_are_kept():
    result = extract(
        "Miner signs lithium offtake deal with carmaker",
        "Harbour Minerals Ltd signed a five-year offtake agreement with Velo Motors to supply"
        " lithium spodumene from its mine, the companies said on Monday.",
        DAY,
    )
    assert result.relevant, result.reason


def test_a_deal_whose_lead_names_no_trade_waits_for_an_editor_and_says_why():
    result = extract(
        "Ghana signs memorandum of understanding on new rail corridor",
        "Ghana signed a memorandum of understanding on Monday to build a rail corridor to its"
        " northern border. Officials said work would start next year.",
        DAY,
    )
    assert result.relevant
    assert result.reason.startswith("Its deals wait for an editor")
    assert "nothing in its headline or lead is about trade" in result.reason
    assert result.deals
    assert all(d.confidence <= relevance.BACKGROUND_CONFIDENCE for d in result.deals)


def test_a_story_the_model_nearly_takes_for_a_look_alike_says_what_it_may_be(monkeypatch):
    # A model that scores every story with a topic at 0.5, under its cut: in doubt.
    monkeypatch.setattr(relevance, "shipped_model", lambda: relevance.Model(0.0, {}, cut=0.9))
    result = extract(
        "Toymaker warns US tariffs on Chinese goods will raise prices",
        "Brightplay said on Tuesday that US tariffs on toys made in China would force it to raise"
        " prices. Its quarterly profit rose 4%.",
        DAY,
    )
    assert result.relevant
    assert "may be a look-alike" in result.reason
    assert "a prices report" in result.reason
    assert all(d.confidence <= relevance.BACKGROUND_CONFIDENCE for d in result.deals)


def test_a_deal_story_read_with_no_doubt_gives_no_reason():
    result = extract(
        "Canada imposes 25% tariffs on US steel",
        "Canada imposed 25% tariffs on steel imported from the United States on Monday.",
        DAY,
    )
    assert result.relevant
    assert result.reason == ""


def test_customs_beside_a_seizure_is_no_trade_evidence():
    result = extract(
        "Customs seize 900,000 smuggled cigarettes at port",
        "Customs officers seized 900,000 cigarettes smuggled in a container, evading $400,000 in"
        " import duties, the agency said on Monday. The importer faces charges.",
        DAY,
    )
    assert not result.relevant
    assert 'a crime or a penalty on a person, not a trade deal: "seize"' in result.reason
