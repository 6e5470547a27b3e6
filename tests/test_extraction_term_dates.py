"""Dates a deal or measure sets (when it takes effect, until when it runs) are among its figures;
dates that only date the news are not."""

import datetime

import pytest

from deals.extraction import extract

PUBLISHED = datetime.date(2026, 3, 2)


def dates(title, body):
    return [f.text for f in extract(title, body, PUBLISHED).figures if f.what == "date"]


@pytest.mark.parametrize(
    ("sentence", "date"),
    [
        ("The levies on imported tiles take effect April 14.", "April 14"),
        ("The ban on timber exports stays in force until Dec. 31, 2027.", "Dec. 31, 2027"),
        ("Exports of raw cobalt will be prohibited from 1 July 2027.", "1 July 2027"),
        ("The pact comes into force on 31.05.2026, the ministry said.", "31.05.2026"),
        ("The two sides aim to close the talks by September 2026.", "September 2026"),
        ("Ruritania banned exports of rice on March 13 to curb prices.", "March 13"),
        ("On October 28, Ruritania set a floor price for rice exports.", "October 28"),
        ("The duty has applied since May 4 and covers all grades.", "May 4"),
        ("The first cargo left on May 1, the day the pact went live.", "May 1"),
        ("On August 14 the government used a special notice to ease the rice curbs.", "August 14"),
        ("No rice shipments have been reported since 12 July, he added.", "12 July"),
        ("The ministry issued an advisory on February 17 warning rice exporters.", "February 17"),
        ("He said the trade pact with Ruritania kicks in on October 1.", "October 1"),
        ("The rice export rules go into effect on June 3, the ministry said.", "June 3"),
    ],
)
def test_a_date_the_measure_sets_is_a_figure_measuring_a_date(sentence, date):
    assert date in dates("Ruritania sets rice export rules", sentence)


def test_both_ends_of_a_span_are_terms():
    found = dates(
        "Ruritania sets a grain export quota",
        "Ruritania will cap grain exports with a quota. The quota applies from February 15 "
        "to June 30, 2026.",
    )
    assert found == ["February 15", "June 30, 2026"]


@pytest.mark.parametrize(
    "sentence",
    [
        "April 29 -- Ruritania imposed a 20% tariff on imported steel.",
        "Ruritania imposed a 20% tariff on steel, the minister said on February 27.",
        "Revenue was the highest since the June 2025 quarter as steel tariffs bit.",
        "Ruritania imposed a 20% tariff on steel, which made up most of its trade in May 2025.",
        "On May 4 the minister said Ruritania intends to impose a 20% tariff on steel.",
    ],
)
def test_a_date_that_only_dates_the_news_is_not_a_figure(sentence):
    assert dates("Ruritania imposes steel tariff", sentence) == []


def test_a_date_has_no_value_so_it_is_never_charted_as_a_number():
    found = extract(
        "Ruritania bans timber exports",
        "Ruritania banned timber exports from January 2027 to protect its forests.",
        PUBLISHED,
    )
    (date,) = [f for f in found.figures if f.what == "date"]
    assert (date.text, date.value, date.unit) == ("January 2027", None, "date")
    assert date.quote.startswith("Ruritania banned timber exports")


def test_a_term_date_goes_with_the_deal_whose_sentence_sets_it():
    found = extract(
        "Ruritania bans timber exports",
        "Ruritania banned exports of raw timber on Monday. The ban applies from June 1 and will "
        "be reviewed after a year.",
        PUBLISHED,
    )
    (deal,) = found.deals
    assert "June 1" in [f.text for f in deal.figures]
