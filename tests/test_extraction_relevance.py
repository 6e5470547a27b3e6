"""Look-alikes (stories that name a deal or a tariff but are about something else) are kept out,
with a reason naming the words and sentence that show it; deal and measure stories are kept."""

import datetime

import pytest

from deals.extraction import extract, relevance

DAY = datetime.date(2025, 9, 1)

LOOKALIKES = {
    "markets": (
        "Asian shares climb on hopes for US-China trade deal",
        "TOKYO - Asian stock markets rose on Tuesday as investors bet that Washington and Beijing"
        " were close to a trade agreement. The Nikkei index gained 1.2% and Hong Kong's Hang Seng"
        " added 0.8%. A trade pact would cut tariffs on $200 billion of goods, analysts said.",
    ),
    "earnings": (
        "Toolmaker posts 12% rise in quarterly profit despite tariffs",
        "Harlan Tools said on Thursday its quarterly profit rose 12% to $310 million, beating"
        " forecasts, as price increases offset the cost of U.S. tariffs on Chinese steel. The"
        " company raised its full-year guidance. Revenue climbed 6% to $2.1 billion.",
    ),
    "takeover": (
        "Regulators clear Brightwave's $9 billion takeover of Solent Media",
        "The Federal Trade Commission and the Competition and Markets Authority have cleared"
        " Brightwave's acquisition of Solent Media, the companies said on Monday. The merger"
        " agreement was signed in March and is expected to close next week. Shareholders of both"
        " firms approved the deal in June.",
    ),
    "central bank": (
        "Central bank keeps rates on hold as it weighs new US tariffs",
        "The Reserve Bank left its cash rate unchanged at 3.6% on Tuesday. Governor Ana Ruiz said"
        " the bank would watch how the tariffs the United States imposed on steel last month"
        " affect growth. Economists had expected a 25 basis point cut.",
    ),
    "sports": (
        "Striker signs five-year deal with Lisbon club",
        "The Brazilian striker has signed a new five-year contract with the club, keeping him in"
        " Lisbon until 2030. The deal includes a release clause of 80 million euros, the club"
        " said. He joined from a Spanish side in the last transfer window.",
    ),
    "labour": (
        "Dock workers ratify new contract, ending strike at Gulf ports",
        "Members of the dockworkers' union voted to ratify a six-year contract on Sunday, ending"
        " a strike that had halted container traffic at ports from Texas to Florida. The"
        " agreement raises wages by 60% over the life of the deal. Shipments of soybeans and"
        " steel had piled up during the walkout.",
    ),
    "economic figures": (
        "Japan's economy shrinks as exports fall on US tariffs",
        "Japan's economy contracted at an annualised 1.6% in the second quarter as exports fell,"
        " government data showed on Friday. Exports to the United States dropped 10% after"
        " tariffs of 15% took effect.",
    ),
    "budget": (
        "Germany's 2026 budget boosts defence spending",
        "Germany's cabinet approved the 2026 budget on Wednesday, with defence spending rising"
        " to 3.5% of GDP. Borrowing will rise to 90 billion euros. The finance minister said the"
        " trade deal with the United States signed in July would weigh on growth.",
    ),
    "election": (
        "Conservatives win election on promise to renegotiate trade pact",
        "Canada's Conservative Party won a majority in Monday's election, promising to"
        " renegotiate the USMCA trade agreement with the United States and Mexico. Voters turned"
        " out in record numbers.",
    ),
    "prices": (
        "Oil prices rise after US and China agree trade truce",
        "Oil prices climbed 2% on Monday after the United States and China agreed a 90-day truce"
        " in their trade war, cutting tariffs on each other's goods. Brent crude rose to $66.",
    ),
    "labour contract": (
        "Aircraft machinists ratify contract, ending seven-week strike",
        "Machinists at the planemaker voted to ratify a new four-year contract on Monday, ending"
        " a seven-week strike that halted production. The deal raises wages by 38%.",
    ),
    "central bank, by its name": (
        "Fed holds steady as tariffs cloud the outlook",
        "The Federal Reserve left its benchmark rate unchanged on Wednesday, saying the tariffs"
        " the United States imposed on imports from China and Canada had made the outlook for"
        " prices harder to read. Policymakers signalled two cuts later in the year.",
    ),
    "economic figures, a monthly release": (
        "Retail sales slow as tariffs lift prices",
        "US retail sales rose just 0.1% in May, the Commerce Department said, as tariffs on"
        " imports from China pushed up prices of toys and furniture. Economists had expected a"
        " 0.4% gain.",
    ),
    "markets, before the open": (
        "Futures edge higher as US and China resume trade talks",
        "US stock futures rose on Monday after Washington and Beijing agreed to resume trade"
        " talks in Geneva. Treasury yields climbed and the dollar firmed.",
    ),
    "markets, a good's price": (
        "Soybeans slide on fears of tariff retaliation",
        "Chicago soybean futures fell 2% on Thursday on worries that new US tariffs could set off"
        " retaliation against US farm exports. Corn and wheat also lost ground.",
    ),
    "what a measure costs a company": (
        "China tariffs set to eat into toymaker's fourth-quarter profit",
        "Shares of Brightplay fell 9% on Tuesday after the toymaker cut its holiday forecast,"
        " citing the cost of tariffs on Chinese goods. The tariffs would raise its costs by $20"
        " million in the fourth quarter, it said.",
    ),
    "opinion": (
        "Opinion: Who really pays for your tariffs?",
        "You do. Every time a president announces tariffs on imports from China or"
        " Mexico, he tells voters foreigners will pay. They will not. Importers pay the duty,"
        " and pass it on to you.",
    ),
}


@pytest.mark.parametrize("kind", sorted(LOOKALIKES))
def test_a_look_alike_is_not_relevant_and_says_which_words_show_it(kind):
    title, body = LOOKALIKES[kind]
    result = extract(title, body, DAY)
    assert not result.relevant, kind
    assert result.deals == []
    # The reason quotes the label or the sentence it read, so an editor can see why.
    assert any(
        sentence.strip(". ") in result.reason for sentence in (title, *body.split(". "), "Opinion:")
    )


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "India and Oman sign comprehensive economic partnership agreement",
            "India and Oman signed a comprehensive economic partnership agreement in Muscat on"
            " Thursday, cutting duties on 98% of tariff lines. Oil and gas exports from Oman and"
            " Indian textiles gain most, officials said. Shares of textile exporters rose 4%.",
        ),
        (
            "Beijing imposes export controls on graphite",
            "China will require licences for exports of graphite from December 1, the commerce"
            " ministry said, tightening its grip on a material used in electric-vehicle batteries."
            " Analysts said the curbs could raise prices for battery makers in South Korea.",
        ),
        (
            "Gulf sovereign fund to buy 20% stake in Chilean copper mine",
            "Qatar Investment Authority agreed to buy a 20% stake in a copper mine run by Chile's"
            " state miner Codelco for $1.1 billion, the two said on Monday, securing supply of the"
            " metal for Gulf smelters. The acquisition needs approval from Chile's regulators.",
        ),
        (
            "US and EU sign trade deal, sending European stocks higher",
            "The United States and the European Union signed a trade agreement on Sunday that caps"
            " tariffs on most EU goods at 15%. European shares rose on the news.",
        ),
    ],
)
def test_a_deal_story_that_mentions_markets_shares_or_a_stake_is_kept(title, body):
    result = extract(title, body, DAY)
    assert result.relevant, result.reason
    assert result.deals


def test_a_central_bank_headline_that_names_a_trade_deal_as_background_is_not_a_deal_story():
    result = extract(
        "Bank of Thailand holds key rate after Thai-EU trade deal takes effect",
        "The Bank of Thailand kept its policy rate at 1.75% on Wednesday. The free trade"
        " agreement between Thailand and the European Union entered into force last month.",
        DAY,
    )
    assert not result.relevant
    assert "cause or background" in result.reason
    assert "Bank of Thailand holds key rate" in result.reason


def test_the_european_union_is_not_a_trade_union():
    result = extract(
        "European Union imposes anti-dumping duties on Chinese steel",
        "The European Union imposed anti-dumping duties of up to 25% on steel from China on"
        " Friday, the European Commission said.",
        DAY,
    )
    assert result.relevant, result.reason


def test_a_deal_named_only_in_passing_after_the_lead_is_not_a_deal_story():
    result = extract(
        "Leaders meet for Pacific Islands Forum in Fiji",
        "Leaders of 18 Pacific nations met in Suva on Tuesday. They agreed to step up action on"
        " climate change and ocean protection. Australia pledged new funding for storm shelters."
        " Fiji also wants more money for advisers on its trade agreement with New Zealand.",
        DAY,
    )
    assert not result.relevant
    assert "only in passing" in result.reason
    assert "its trade agreement with New Zealand" in result.reason


def test_a_deal_told_in_the_lead_is_kept_however_the_headline_reads():
    result = extract(
        "Leaders meet for Pacific Islands Forum in Fiji",
        "Fiji and New Zealand signed a trade agreement in Suva on Tuesday, as leaders of 18"
        " Pacific nations met for their yearly forum.",
        DAY,
    )
    assert result.relevant, result.reason


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "Carmaker profits hit by tariff uncertainty",
            "Toyota said its profits fell because of tariff uncertainty between the United States "
            "and Japan.",
        ),
        (
            "Sanctions fears weigh on Russian oil exports to India",
            "Indian refiners cut purchases of Russian oil on sanctions fears, traders said.",
        ),
    ],
)
def test_worries_about_a_measure_are_not_a_measure(title, body):
    assert not extract(title, body, DAY).relevant


OTHER_DEALS = {
    "a property sale": (
        "Brookfield sells Manhattan office tower to Blackstone in $1.2 billion deal",
        "Brookfield Properties has agreed to sell its 40-storey office tower on Park Avenue to"
        " Blackstone for $1.2 billion, the companies said on Monday. The building has 900,000"
        " square feet of offices and is 92% leased.",
    ),
    "a loan or bailout": (
        "IMF and Pakistan reach staff-level agreement on $1.1 billion loan tranche",
        "The International Monetary Fund and Pakistan reached a staff-level agreement on"
        " Wednesday that will release $1.1 billion under the country's bailout programme once the"
        " Fund's executive board approves it. The review found Pakistan had met its targets.",
    ),
    "a defence or security pact": (
        "UK and Norway sign defence pact worth £10 billion",
        "The United Kingdom and Norway signed a 10-year defence agreement on Thursday under which"
        " their navies will patrol the North Atlantic together and Norway will buy frigates built"
        " in Britain. The pact, worth £10 billion, deepens security cooperation between the two"
        " allies, their governments said.",
    ),
    "a services contract between companies": (
        "Retailer signs $2 billion cloud computing deal with Oracle",
        "Northwind Stores has agreed a seven-year contract worth $2 billion with Oracle for cloud"
        " services, the companies said on Tuesday. Northwind will move its data centres and"
        " software to Oracle's cloud infrastructure by 2027.",
    ),
}


@pytest.mark.parametrize("label", sorted(OTHER_DEALS))
def test_a_deal_about_a_building_a_loan_defence_or_services_is_not_a_trade_deal(label):
    title, body = OTHER_DEALS[label]
    result = extract(title, body, DAY)
    assert not result.relevant
    assert f"It reads like {label}" in result.reason or f"reports {label}" in result.reason
    assert title in result.reason


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "US raises tariffs on Argentine steel as IMF loan talks continue",
            "The United States will raise tariffs on steel imports from Argentina to 50% from"
            " October 1, the Commerce Department said on Friday. The measure comes as Argentina"
            " negotiates a new $20 billion loan programme with the IMF.",
        ),
        (
            "IMF says US tariffs on Argentine steel will slow recovery",
            "The United States imposed tariffs of 50% on steel imports from Argentina on Friday."
            " The International Monetary Fund said the duties would slow Argentina's recovery"
            " under its $20 billion loan programme.",
        ),
        (
            "Germany bans arms exports to Israel",
            "Germany will halt exports of military equipment to Israel that could be used in Gaza,"
            " Chancellor Friedrich Merz said on Friday. The ban covers weapons and munitions.",
        ),
        (
            "US tightens export controls on AI chips to China",
            "The United States on Monday widened export controls on advanced chips to China,"
            " barring Nvidia from selling processors used in data centres and by the military. The"
            " rules take effect in 30 days, the Commerce Department said.",
        ),
        (
            "Australia and India sign free trade agreement, with defence purchases",
            "Australia and India signed a free trade agreement on Tuesday that cuts tariffs on 85%"
            " of Australian goods. India also agreed to buy Australian military equipment,"
            " including patrol boats, worth $2 billion.",
        ),
        (
            "Japan agrees to buy US fighter jets under trade deal",
            "Japan will buy 100 US fighter jets and $8 billion of rice and farm goods under the"
            " trade deal agreed with the United States, which caps US tariffs on Japanese cars at"
            " 15%.",
        ),
    ],
)
def test_a_loan_defence_purchases_or_data_centres_beside_trade_keep_a_trade_story(title, body):
    result = extract(title, body, DAY)
    assert result.relevant, result.reason
    assert result.deals


def test_a_company_that_agrees_to_buy_another_is_a_takeover_even_in_a_trade_war():
    result = extract(
        "Brightwave agrees to buy Solent Media for $9 billion",
        "Brightwave agreed to buy Solent Media for $9 billion in cash, the companies said on"
        " Monday, as tariffs weigh on both firms' suppliers. Shareholders must approve the deal.",
        DAY,
    )

    assert not result.relevant
    assert "takeover" in result.reason


NEWS_OF_OTHER_KINDS = {
    "a court case": (
        "Jury awards $1.4 billion to families in weedkiller case",
        "A jury in St. Louis on Friday ordered Harwick Chemicals, the US unit of Germany's Rendel"
        " AG, to pay $1.4 billion in damages to four families who said its weedkiller caused"
        " their cancers. Rendel said it would appeal the verdict and pointed to the $9 billion"
        " settlement agreement it signed with US plaintiffs in 2020.",
    ),
    "a court case, on taxes": (
        "Court orders chipmaker to pay 2 billion euros in back taxes",
        "The European Union's highest court ruled on Thursday that the Netherlands must recover"
        " 2 billion euros in back taxes from US chipmaker Veltrix, upholding a decision by the"
        " European Commission. The judges found that a tax agreement the Dutch government signed"
        " with Veltrix in 2008 amounted to illegal state aid.",
    ),
    "party politics": (
        "Dutch parties sign coalition agreement after four months of talks",
        "The leaders of four Dutch parties signed a coalition agreement in The Hague on Tuesday,"
        " clearing the way for a new government in the Netherlands. The 40-page agreement commits"
        " the cabinet to cutting migration, raising defence spending and a closer partnership"
        " with Germany and France.",
    ),
    "a technology partnership between companies": (
        "Insurer and software maker form AI partnership",
        "Harbourline Insurance and software maker Quanta Systems agreed on Tuesday to build"
        " artificial intelligence tools for claims handling together in a multi-year"
        " partnership, the companies said. Quanta will supply its AI models and engineers.",
    ),
    "an entertainment deal": (
        "Studio signs director to multi-film deal",
        "Paragon Pictures has signed the director of last year's box office hit to a three-film"
        " deal, the studio said on Monday. The first movie will be shot in Spain and Morocco next"
        " year.",
    ),
    "a crime or a penalty on a person": (
        "Businessman arrested in Lisbon over $300 million fraud",
        "Portuguese police arrested a Brazilian businessman on Tuesday on charges of fraud and"
        " money laundering linked to a $300 million deal to sell farmland. Prosecutors said he"
        " would appear in court on Friday.",
    ),
    "weather or a disaster": (
        "Hurricane shuts Gulf ports, halting grain exports",
        "Hurricane Delia forced the closure of ports from Texas to Louisiana on Wednesday,"
        " halting grain and oil exports, port officials said. Shipments of soybeans to China"
        " were delayed by at least a week.",
    ),
}


@pytest.mark.parametrize("label", sorted(NEWS_OF_OTHER_KINDS))
def test_a_court_case_politics_a_partnership_a_film_a_crime_or_a_storm_is_not_trade(label):
    title, body = NEWS_OF_OTHER_KINDS[label]
    result = extract(title, body, DAY)
    assert not result.relevant
    assert f"reads like {label.split(',')[0]}" in result.reason or (
        f"reports {label.split(',')[0]}" in result.reason
    ), result.reason


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "US court strikes down tariffs on imports from China, Canada and Mexico",
            "A US court ruled on Wednesday that the president exceeded his authority when he"
            " imposed tariffs on imports from China, Canada and Mexico under an emergency law. The"
            " administration said it would appeal.",
        ),
        (
            "Trade court blocks duties on Canadian lumber",
            "The US trade court on Friday blocked duties of 14% on Canadian softwood lumber,"
            " saying the Commerce Department had miscalculated Canada's subsidies. Canada"
            " welcomed the ruling.",
        ),
        (
            "WTO rules against US duties on Chinese solar panels",
            "A World Trade Organization panel ruled on Monday that US anti-dumping duties on"
            " Chinese solar panels broke global trade rules. China said the United States should"
            " lift the duties at once.",
        ),
        (
            "Candidate pledges 60% tariffs on Chinese goods if elected",
            "The candidate said on Sunday he would impose tariffs of 60% on all imports from China"
            " if he wins the election in November. He also promised a 10% tariff on goods from"
            " every other country.",
        ),
        (
            "New coalition government in Berlin backs EU-Mercosur trade deal",
            "Germany's incoming coalition government said on Wednesday it would back the European"
            " Union's trade agreement with Mercosur, which cuts tariffs on cars and beef.",
        ),
        (
            "Drought prompts India to ban wheat exports",
            "India banned wheat exports on Saturday after a drought and a heatwave cut its"
            " harvest, the trade ministry said. Shipments already contracted under letters of"
            " credit may go ahead.",
        ),
        (
            "Prosecutors charge firm with shipping chips to Russia in breach of export controls",
            "US prosecutors on Tuesday charged a Texas company with exporting $30 million of US"
            " chips to Russia in breach of export controls imposed after the invasion of Ukraine.",
        ),
        (
            "EU moves to stem flood of Chinese steel imports",
            "The European Commission proposed on Tuesday to halve the quota of steel that can"
            " enter the EU tariff-free and to impose a 50% duty on imports above it, to stem a"
            " flood of cheap steel from China.",
        ),
        (
            "Vietnam sends first trial shipment of durian to China under new deal",
            "Vietnam sent its first trial shipment of fresh durian to China on Monday under a"
            " protocol the two countries signed in July, the agriculture ministry said.",
        ),
    ],
)
def test_a_court_an_election_a_crime_a_drought_or_a_figure_of_speech_beside_trade_stays(
    title, body
):
    result = extract(title, body, DAY)
    assert result.relevant, result.reason
    assert result.deals


@pytest.mark.parametrize(("bias", "doubted"), [(0.0, True), (-6.0, False)])
def test_an_article_nearly_taken_for_a_look_alike_moves_no_deal_without_an_editor(
    monkeypatch, bias, doubted
):
    # A model that gives the article a look-alike's probability of 0.5 (bias 0), under its cut
    # of 0.9, keeps it but doubts it; one that gives it 0.0025 keeps it as sure as it reads.
    monkeypatch.setattr(relevance, "shipped_model", lambda: relevance.Model(bias, {}, 0.9))
    result = extract(
        "US and EU sign trade deal, sending stocks higher",
        "The United States and the European Union signed a trade agreement on Sunday that sets a"
        " 15% tariff on most EU goods. Shares in European carmakers rose.",
        DAY,
    )
    assert result.relevant, result.reason
    top = max(deal.confidence for deal in result.deals)
    if doubted:
        assert top <= relevance.BACKGROUND_CONFIDENCE
    else:
        assert top > relevance.BACKGROUND_CONFIDENCE


def test_a_deal_whose_headline_says_it_is_for_military_drills_is_a_defence_pact():
    result = extract(
        "Norway, Chile ink deal to make naval exercises run more smoothly",
        "Norway and Chile have signed a reciprocal access agreement that will make it easier for"
        " each country's navy to visit the other for exercises. According to a statement from"
        " Oslo, the new bilateral agreement will support closer work between the Norwegian Armed"
        " Forces and the Chilean Navy.",
        DAY,
    )
    assert not result.relevant
    assert "a defence or security pact" in result.reason


@pytest.mark.parametrize(
    "title",
    [
        "US and China reach deal on export controls for military chips",
        "Norway and Chile sign trade deal to open markets for military trucks and steel",
    ],
)
def test_a_trade_deal_whose_headline_names_military_goods_is_kept(title):
    body = (
        "Under the deal, the two governments will ease export controls and cut tariffs on"
        " steel, trucks and chips from next month, their trade ministers said."
    )
    result = extract(title, body, DAY)
    assert result.relevant, result.reason


def test_a_court_lifting_sanctions_on_two_businessmen_is_a_court_case_not_a_measure():
    result = extract(
        "EU court overturns sanctions on two Syldavian billionaires",
        "The European Union's General Court has annulled the sanctions on two Syldavian"
        " billionaires, ruling that the reasons the Council gave for them were not proven. The"
        " EU has imposed sanctions on hundreds of Syldavian citizens and firms since the war.",
        DAY,
    )
    assert not result.relevant
    assert "a court case" in result.reason


def test_a_court_ruling_on_sanctions_on_a_country_s_steel_stays_trade_news():
    result = extract(
        "EU court upholds sanctions on Russian steel imports",
        "The European Union's General Court on Wednesday upheld the bloc's ban on imports of"
        " Russian steel, rejecting a challenge by two steelmakers. The ban took effect in 2022.",
        DAY,
    )
    assert result.relevant, result.reason


def test_an_airline_ordering_jets_is_an_aircraft_order_not_a_trade_deal():
    result = extract(
        "Qantas orders 40 Airbus jets, adding pressure on Boeing",
        "Australian carrier Qantas has ordered 40 Airbus A321neo jets worth about $5 billion at"
        " list prices, the airline said on Thursday. Deliveries of the planes begin in 2027.",
        DAY,
    )
    assert not result.relevant
    assert "an order of aircraft" in result.reason


def test_aircraft_bought_under_a_trade_deal_keep_a_trade_story():
    result = extract(
        "China agrees to buy 500 Boeing jets under trade deal with US",
        "China will buy 500 Boeing jets under the trade deal agreed with the United States,"
        " which also cuts tariffs on soybeans, the two governments said on Friday.",
        DAY,
    )
    assert result.relevant, result.reason


def test_the_central_bank_whose_rate_decision_it_is_makes_no_deal_of_state():
    result = extract(
        "Bank of England says it keeps interest rate at 0.75 per cent",
        "The Bank of England said it had voted to hold its main interest rate at 0.75% as it"
        " weighs uncertainty over the talks on a trade agreement with the European Union. The"
        " bank said the trade war between the United States and China had intensified.",
        DAY,
    )
    assert not result.relevant
    assert "a central bank's rate decision" in result.reason


def test_a_byline_or_dateline_is_no_part_of_the_lead_that_shows_a_look_alike():
    result = extract(
        "Maersk and Hapag-Lloyd to create new shipping alliance",
        "By Jane Doe\n\nUpdated - January 18, 2024 at 06:16 PM.\n\nHapag-Lloyd and Maersk, two"
        " big container shipping lines, have signed an agreement for a long-term operational"
        " collaboration that will begin next year.",
        DAY,
    )
    assert not result.relevant
    assert "technology partnership" in result.reason


def test_a_state_fund_buying_a_football_club_is_no_deal_of_state():
    result = extract(
        "Saudi-led £300m takeover of Northport United completed",
        "A consortium headed by Saudi Arabia's Public Investment Fund has completed the takeover"
        " of Northport United, the football club has confirmed. The deal brings the previous"
        " owner's 14 years in charge to an end.",
        DAY,
    )
    assert not result.relevant
    assert "a company takeover" in result.reason


def test_an_order_of_jets_told_in_the_first_sentence_is_no_trade_deal():
    result = extract(
        "Planemaker finalizes orders with two carriers",
        "Embraer has signed a contract with Republic Airways, a U.S. regional airline, covering a"
        " firm order for 100 jets, and another with Brazil's Azul Airlines for 21 jets. The deals"
        " finalize letters of intent announced in July.",
        DAY,
    )
    assert not result.relevant
    assert "first sentence reports an order of aircraft" in result.reason
