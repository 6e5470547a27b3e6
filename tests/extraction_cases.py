"""Hand-labelled articles written for the extractor's tests and held-out benchmark.

The texts are invented for this purpose (in the style of wire copy), not copied from any outlet.
Labels follow /work/shared/STAGES.md; ``alt_stages`` lists other stages a careful editor would
accept. ``stage: None`` means no statement of fact supports any stage.
"""

CASES = [
    {
        "id": "tariff-imposed",
        "title": "Canada slaps 25% duties on Chinese electric vehicles",
        "body": (
            "Ottawa said on Tuesday it had imposed a 25% surtax on electric vehicles made in "
            "China. The duties took effect on 1 October. Beijing called the move protectionist "
            "and said it would defend the interests of its carmakers."
        ),
        "published": "2025-10-03",
        "relevant": True,
        "deals": [
            {
                "kind": "measure",
                "stage": "imposed",
                "parties": ["Canada", "China"],
                "figures": ["25%"],
            }
        ],
    },
    {
        "id": "tariff-threatened",
        "title": "Mexico readies retaliatory tariffs on American pork",
        "body": (
            "Mexico's economy ministry said on Friday it was preparing tariffs of up to 20% on "
            "American pork and bourbon in response to U.S. duties on Mexican steel. The list has "
            "not yet been published and officials said talks could still avert it."
        ),
        "published": "2025-04-11",
        "relevant": True,
        "deals": [
            {
                "kind": "measure",
                "stage": "threatened",
                "parties": ["Mexico", "United States"],
                "figures": ["20%"],
            }
        ],
    },
    {
        "id": "tariff-lifted",
        "title": "China removes anti-dumping duties on Australian barley",
        "body": (
            "China lifted the anti-dumping and anti-subsidy duties on Australian barley on "
            "Saturday, ending measures that had choked off a trade worth A$1.2 billion a year. "
            "Growers in Western Australia welcomed the decision."
        ),
        "published": "2025-08-05",
        "relevant": True,
        "deals": [
            {
                "kind": "measure",
                "stage": "lifted",
                "parties": ["China", "Australia"],
                "figures": ["A$1.2 billion"],
            }
        ],
    },
    {
        "id": "export-ban",
        "title": "Indonesia halts nickel ore exports to lure smelter investment",
        "body": (
            "Indonesia stopped exports of raw nickel ore on 1 January, forcing foreign buyers to "
            "process the metal inside the country. Officials said the ban would stay in place "
            "until domestic smelting capacity reaches 2 million tonnes a year."
        ),
        "published": "2025-01-02",
        "relevant": True,
        "deals": [
            {
                "kind": "measure",
                "stage": "imposed",
                "parties": ["Indonesia"],
                "figures": ["2 million tonnes"],
            }
        ],
    },
    {
        "id": "sanctions",
        "title": "Britain sanctions shipping firms over Russian oil trade",
        "body": (
            "The United Kingdom imposed sanctions on Monday on four shipping companies accused of "
            "helping Russia sell crude oil above the agreed price cap of $60 a barrel. The "
            "Foreign Office said more designations would follow."
        ),
        "published": "2025-06-16",
        "relevant": True,
        "deals": [
            {
                "kind": "measure",
                "stage": "imposed",
                "parties": ["United Kingdom", "Russia"],
                "figures": ["$60 a barrel"],
            }
        ],
    },
    {
        "id": "jv-signed",
        "title": "Saudi miner Ma'aden and Japan's Sojitz sign lithium refinery joint venture",
        "body": (
            "Ma'aden and Sojitz signed a binding joint venture agreement on Wednesday to build a "
            "lithium hydroxide refinery with annual capacity of 25,000 tonnes. The partners will "
            "invest $700 million in the project, the companies said in a joint release."
        ),
        "published": "2025-05-21",
        "relevant": True,
        "deals": [
            {
                "kind": "agreement",
                "stage": "signed",
                "parties": ["Ma'aden", "Sojitz"],
                "figures": ["25,000 tonnes", "$700 million"],
            }
        ],
    },
    {
        "id": "mou",
        "title": "Vietnam and South Korea sign memorandum on critical minerals",
        "body": (
            "Vietnam and South Korea signed a memorandum of understanding on Thursday to cooperate "
            "on the exploration and processing of rare earths and tungsten. The non-binding "
            "document does not commit either side to a specific investment."
        ),
        "published": "2025-09-11",
        "relevant": True,
        "deals": [
            {"kind": "agreement", "stage": "framework", "parties": ["Vietnam", "South Korea"]}
        ],
    },
    {
        "id": "talks-collapsed",
        "title": "EU-Australia trade talks collapse over farm access",
        "body": (
            "Negotiations on a free trade agreement between the European Union and Australia broke "
            "down on Friday after Canberra rejected the bloc's final offer on beef and sugar "
            "quotas. Australia's trade minister said no deal was possible for now."
        ),
        "published": "2025-07-04",
        "relevant": True,
        "deals": [
            {
                "kind": "agreement",
                "stage": "collapsed",
                "parties": ["European Union", "Australia"],
            }
        ],
    },
    {
        "id": "talks-stalled",
        "title": "Britain's trade deal with India stalls over whisky and visas",
        "body": (
            "Talks between the United Kingdom and India on a trade agreement have stalled, "
            "officials on both sides said, with disagreements over tariffs on Scotch whisky and "
            "temporary work visas still unresolved after the fourteenth round."
        ),
        "published": "2024-03-08",
        "relevant": True,
        "deals": [
            {"kind": "agreement", "stage": "stalled", "parties": ["United Kingdom", "India"]}
        ],
    },
    {
        "id": "measure-suspended",
        "title": "Washington pauses planned chip tariffs for 90 days",
        "body": (
            "The United States suspended its planned tariffs on imported semiconductors for 90 "
            "days on Thursday to make room for negotiations with Taiwan and South Korea, the "
            "Commerce Department said."
        ),
        "published": "2025-08-14",
        "relevant": True,
        "deals": [
            {
                "kind": "measure",
                "stage": "suspended",
                "parties": ["United States", "Taiwan", "South Korea"],
            }
        ],
    },
    {
        "id": "fta-in-force",
        "title": "India's trade pact with EFTA enters into force",
        "body": (
            "The trade and economic partnership agreement between India and the European Free "
            "Trade Association entered into force on 1 October. EFTA members have committed to "
            "invest $100 billion in India over fifteen years."
        ),
        "published": "2025-10-01",
        "relevant": True,
        "deals": [
            {
                "kind": "agreement",
                "stage": "in_force",
                "parties": ["India", "European Free Trade Association"],
                "figures": ["$100 billion"],
            }
        ],
    },
    {
        "id": "construction-started",
        "title": "Construction starts on POSCO battery materials plant in Indonesia",
        "body": (
            "Construction has started on a battery materials plant in Indonesia built by a joint "
            "venture of POSCO and the state miner MIND ID, the partners said on Monday. The plant, "
            "worth $1.1 billion, will produce 60,000 tonnes of cathode material a year."
        ),
        "published": "2025-02-10",
        "relevant": True,
        "deals": [
            {
                "kind": "agreement",
                "stage": "implemented",
                "parties": ["POSCO", "MIND ID"],
                "optional_parties": ["Indonesia"],
                "figures": ["$1.1 billion", "60,000 tonnes"],
            }
        ],
    },
    {
        "id": "first-shipment",
        "title": "First LNG cargo sails under Cheniere supply deal with Germany's SEFE",
        "body": (
            "The first cargo of liquefied natural gas under a 15-year supply agreement between "
            "Cheniere Energy and SEFE left Louisiana on Sunday. The contract covers about 2.25 "
            "million tonnes a year."
        ),
        "published": "2025-03-02",
        "relevant": True,
        "deals": [
            {
                "kind": "agreement",
                "stage": "implemented",
                "parties": ["Cheniere Energy", "SEFE"],
                "figures": ["2.25 million tonnes"],
            }
        ],
    },
    {
        "id": "hypothetical-signing",
        "title": "India could sign trade deal with EU next month, minister says",
        "body": (
            "India and the European Union could sign a free trade agreement as early as next "
            "month if remaining differences over cars and wine are resolved, India's commerce "
            "minister said on Monday."
        ),
        "published": "2025-11-17",
        "relevant": True,
        "deals": [
            {
                "kind": "agreement",
                "stage": None,
                "alt_stages": ["negotiating", "talks", "rumoured"],
                "parties": ["India", "European Union"],
            }
        ],
    },
    {
        "id": "unknown-org-talks",
        "title": "Cove Kaz Capital in talks with Japanese trading house over tungsten",
        "body": (
            "Cove Kaz Capital, a Kazakh investment firm, is in early talks with a Japanese "
            "trading house on a long-term offtake deal for tungsten concentrate, two people "
            "familiar with the matter said."
        ),
        "published": "2025-06-02",
        "relevant": True,
        "deals": [
            {
                "kind": "agreement",
                "stage": "talks",
                "alt_stages": ["rumoured"],
                "parties": ["Cove Kaz Capital", "Japanese company (unnamed)"],
            }
        ],
    },
    {
        "id": "measure-and-agreement",
        "title": "Argentina scraps soybean export tax as it signs beef deal with China",
        "body": (
            "Argentina eliminated its export tax on soybeans on Monday, a long-standing demand of "
            "farmers. The government also signed a protocol with China allowing shipments of "
            "chilled beef, worth an estimated $300 million a year."
        ),
        "published": "2025-09-22",
        "relevant": True,
        "deals": [
            {"kind": "measure", "stage": "lifted", "parties": ["Argentina"]},
            {
                "kind": "agreement",
                "stage": "signed",
                "parties": ["Argentina", "China"],
                "figures": ["$300 million"],
            },
        ],
    },
    {
        "id": "future-quota",
        "title": "Tighter EU steel quota to take effect in January",
        "body": (
            "The European Commission said on Wednesday that a tighter quota on imported steel "
            "will take effect on 1 January, cutting tariff-free volumes by 47%."
        ),
        "published": "2025-10-08",
        "relevant": True,
        "deals": [
            {
                "kind": "measure",
                "stage": "threatened",
                "parties": ["European Union"],
                "figures": ["47%"],
            }
        ],
    },
    {
        "id": "rumoured",
        "title": "Glencore said to weigh cobalt supply deal with Chinese battery maker",
        "body": (
            "Glencore is exploring a long-term cobalt supply agreement with a Chinese battery "
            "maker, according to people familiar with the matter. Glencore declined to comment."
        ),
        "published": "2025-04-30",
        "relevant": True,
        "deals": [
            {
                "kind": "agreement",
                "stage": "rumoured",
                "alt_stages": ["talks"],
                "parties": ["Glencore", "Chinese company (unnamed)"],
            }
        ],
    },
    {
        "id": "entity-list",
        "title": "US adds Chinese chip firms to entity list",
        "body": (
            "The Commerce Department added a dozen Chinese companies to its entity list on "
            "Tuesday, restricting their access to American chipmaking equipment."
        ),
        "published": "2025-12-02",
        "relevant": True,
        "deals": [{"kind": "measure", "stage": "imposed", "parties": ["United States", "China"]}],
    },
    {
        "id": "not-trade-rates",
        "title": "Central bank leaves rates unchanged as inflation cools",
        "body": "The central bank kept its policy rate at 4.5% and said inflation was easing.",
        "published": "2025-05-06",
        "relevant": False,
        "deals": [],
    },
    {
        "id": "not-trade-peace-talks",
        "title": "Peace talks between Armenia and Azerbaijan resume in Abu Dhabi",
        "body": "Negotiators met for a second day, officials said, without giving details.",
        "published": "2025-03-12",
        "relevant": False,
        "deals": [],
    },
    {
        "id": "not-trade-statistics",
        "title": "Japan's exports to China fall for a third month as demand weakens",
        "body": "Shipments of machinery and cars led the decline, customs data showed.",
        "published": "2025-06-18",
        "relevant": False,
        "deals": [],
    },
    {
        "id": "not-trade-sports",
        "title": "Brazil striker agrees transfer deal with Spanish club",
        "body": "The forward signed a five-year contract worth 40 million euros.",
        "published": "2025-07-01",
        "relevant": False,
        "deals": [],
    },
]

HTML_ARTICLE = """<!DOCTYPE html>
<html><head><title>Chile and the EU bring trade pact into force</title>
<script>var tracking = "ignore me";</script></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Chile and the EU bring upgraded trade pact into force</h1>
<p>The upgraded trade agreement between Chile and the European Union entered into force on
1 February, removing tariffs on 99% of EU exports to Chile.</p>
<p>Chile is the world&rsquo;s largest copper producer and holds large lithium reserves.</p>
</article></body></html>
"""

NON_ENGLISH_HEADLINE = (
    "Malaysia melarang eksport nadir bumi mentah untuk melindungi sumber yang terhad"
)
NON_ENGLISH_ARTICLE = (
    "El gobierno de Malasia prohibió la exportación de tierras raras sin procesar para proteger "
    "sus recursos. Según el ministerio, la medida se mantendrá hasta que el país tenga una "
    "refinería propia y que los inversores extranjeros acepten las condiciones del acuerdo."
)

# Longer single-story articles (about 3 KB each) for the speed benchmark and end-to-end tests.
LONG_ARTICLES = [
    {
        "id": "long-cepa",
        "title": "Indonesia and EU conclude talks on economic partnership after nine years",
        "body": (
            "Indonesia and the European Union concluded negotiations on a comprehensive economic "
            "partnership agreement on Friday, ending nearly a decade of talks that had repeatedly "
            "stumbled over palm oil, nickel and public procurement.\n"
            "The agreement still has to be translated, legally reviewed and signed before it goes "
            "to the European Parliament and to lawmakers in Jakarta, a process officials expect "
            "to take at least a year. Once in force, it would remove tariffs on about 98% of "
            "trade between the two sides, which was worth roughly 73 billion euros last year.\n"
            "Negotiators said the breakthrough came after Brussels accepted a longer phase-in for "
            "tariff cuts on Indonesian footwear and textiles, while Jakarta agreed to open more "
            "of its government purchasing to European bidders. The two sides also set up a "
            "working group on deforestation rules, which Indonesian exporters of palm oil, "
            "coffee and cocoa have described as a hidden barrier to trade.\n"
            "The deal does not settle a separate dispute at the World Trade Organization over "
            "Indonesia's ban on exports of raw nickel ore. The EU challenged the ban in 2019 and "
            "a panel ruled against Jakarta, but Indonesia appealed into a body that has not "
            "functioned for years. Indonesian officials have said the ban will stay because it "
            "has drawn more than $30 billion of investment into smelters and battery plants, "
            "much of it from Chinese companies.\n"
            "European carmakers welcomed the outcome. Indonesia currently charges import duties "
            "of up to 50% on some passenger cars, and the agreement would phase those out over "
            "seven years. Wine and spirits producers, dairy exporters and machinery makers are "
            "also expected to benefit from lower tariffs and simpler customs procedures.\n"
            "Critics were less enthusiastic. Environmental groups said the text did too little "
            "to protect forests, and some farm lobbies in France and Ireland said they would "
            "study the quotas for sugar and ethanol closely. A spokesperson for the Commission "
            "said the safeguards in the text were robust and that sustainability chapters would "
            "be enforceable.\n"
            "For Jakarta, the pact is part of a broader push to diversify trade away from China "
            "and the United States. Indonesia joined the Regional Comprehensive Economic "
            "Partnership in 2022 and has applied to join the CPTPP. Analysts said the agreement "
            "with Europe could lift Indonesian exports to the bloc by a fifth within five years, "
            "although that depends on how quickly the deforestation rules are applied.\n"
            "Business groups in Jakarta urged the government to use the transition period to "
            "train customs staff and certify smallholder farmers, many of whom lack the paperwork "
            "European buyers now ask for. Without that preparation, they warned, the benefits "
            "of lower tariffs would go mainly to large plantation companies and foreign traders "
            "rather than to the rural households the government says it wants to help."
        ),
        "published": "2025-09-26",
    },
    {
        "id": "long-steel",
        "title": "US doubles steel tariffs to 50% as Canada weighs response",
        "body": (
            "The United States doubled its tariffs on imported steel and aluminium to 50% on "
            "Wednesday, raising costs for carmakers and builders and drawing an angry reaction "
            "from Canada, the largest foreign supplier of both metals to the American market.\n"
            "The higher duties took effect at midnight under a proclamation signed by the "
            "president last week. Britain was spared the increase for now, because of a trade "
            "framework it agreed with Washington in May, and will keep paying 25% while the two "
            "governments work out quotas.\n"
            "Ottawa said it was considering retaliatory tariffs on American goods and would "
            "consult provinces and industry before deciding. Canada shipped about 6 million "
            "tonnes of steel to the United States last year, and steelworkers in Ontario warned "
            "that several mills could cut shifts within weeks. The Canadian government had "
            "already imposed counter-tariffs on about C$30 billion of American products in "
            "March, after Washington's first round of metal duties.\n"
            "Mexico, which also sells large volumes of steel to its northern neighbour, said it "
            "would seek an exemption and did not plan to respond immediately. The European "
            "Union said it regretted the decision and was ready to defend its interests, but "
            "kept its own countermeasures suspended to leave room for negotiations.\n"
            "American steelmakers praised the move, saying it would let them run their plants at "
            "higher rates and invest in new capacity. Some economists were sceptical. They noted "
            "that domestic steel prices had already risen by more than 20% since January and "
            "that industries using steel employ far more workers than the mills that make it.\n"
            "Shares of US steel producers rose on the news, while those of carmakers and "
            "appliance makers fell. Analysts said the tariffs would add several hundred dollars "
            "to the cost of building a typical car. Construction groups said the measure would "
            "make new housing more expensive at a time when mortgage rates remain high.\n"
            "Officials in Washington said the tariffs were needed to protect national security "
            "and to counter a global glut of steel, much of it produced in China and routed "
            "through third countries. They did not say how long the higher rate would remain in "
            "place or whether further exemptions would be granted.\n"
            "Trade lawyers said the legal basis for the tariffs, a Cold War era provision that "
            "lets the president act on security grounds, was unlikely to be overturned in court. "
            "Several companies have nonetheless asked for product exclusions, arguing that some "
            "grades of speciality steel are not made in the United States at all and that "
            "buyers have no choice but to import them while domestic capacity is built."
        ),
        "published": "2025-06-04",
    },
    {
        "id": "long-lithium",
        "title": "Codelco signs lithium joint venture with Chinese battery maker",
        "body": (
            "Chile's state copper miner Codelco signed a joint venture agreement with a Chinese "
            "battery maker on Tuesday to develop lithium brines in the Salar de Maricunga, the "
            "company said, in one of the largest foreign investments in the Chilean lithium "
            "industry since the government announced a national lithium strategy.\n"
            "Under the deal, the Chinese partner will take a 49% stake in the venture and "
            "invest about $1.5 billion to build an extraction and processing plant with annual "
            "capacity of 50,000 tonnes of lithium carbonate. Codelco will keep a 51% stake and "
            "operational control, in line with rules that reserve a majority of strategic "
            "lithium projects for state companies.\n"
            "The agreement still needs approval from Chile's competition regulator and from the "
            "nuclear energy commission, which oversees lithium contracts. Codelco expects "
            "construction to begin in 2027 and first production two years later.\n"
            "Lithium prices have fallen by more than two thirds from their peak, squeezing "
            "producers in Australia and Argentina and delaying several projects. Executives said "
            "the long-term outlook remained strong because of demand for electric vehicle "
            "batteries and grid storage, and that low prices made it a good time to secure "
            "resources.\n"
            "The choice of a Chinese partner is likely to draw scrutiny in Washington, which has "
            "urged allies to limit China's role in critical mineral supply chains. Chilean "
            "officials said the country would sell to all markets and that the venture would "
            "supply customers in Europe, Asia and North America.\n"
            "Albemarle and SQM, the two companies that already produce lithium in Chile, were "
            "not part of the tender. SQM is separately finalising a partnership with Codelco for "
            "the Salar de Atacama that will run from 2031. Industry analysts said the Maricunga "
            "project faced technical hurdles, including high altitude and limited water, and "
            "that its costs could be higher than those of existing operations.\n"
            "Chile holds the world's largest lithium reserves, estimated at 9.3 million tonnes, "
            "and is the second biggest producer after Australia. The government hopes new "
            "projects will double output by the end of the decade and add value at home through "
            "refining and the manufacture of battery materials.\n"
            "Local communities near the salt flat have asked for a larger share of royalties and "
            "for independent monitoring of water use. Codelco said it would hold consultations "
            "with indigenous groups before filing its environmental impact study, and that the "
            "plant would use direct extraction technology designed to return most of the brine "
            "to the aquifer instead of evaporating it in large open ponds."
        ),
        "published": "2025-11-04",
    },
]

# Written after the extractor was tuned and never tuned on: the benchmark reports them apart so
# that over-fitting to the cases above shows.
FRESH_CASES = [
    {
        "id": "fresh-india-uk-in-force",
        "title": "India-UK trade agreement takes effect, cutting whisky duties",
        "body": (
            "The comprehensive trade agreement between India and Britain came into force on "
            "Tuesday, halving India's 150% tariff on Scotch whisky and removing duties on most "
            "British exports of medical devices."
        ),
        "published": "2026-05-05",
        "relevant": True,
        "deals": [
            {
                "kind": "agreement",
                "stage": "in_force",
                "parties": ["India", "United Kingdom"],
                "figures": ["150%"],
            }
        ],
    },
    {
        "id": "fresh-china-gallium-controls",
        "title": "China tightens export controls on gallium and germanium",
        "body": (
            "Beijing tightened controls on exports of gallium, germanium and antimony on Sunday, "
            "requiring licences for every shipment to the United States, the commerce ministry "
            "said."
        ),
        "published": "2025-12-01",
        "relevant": True,
        "deals": [{"kind": "measure", "stage": "imposed", "parties": ["China", "United States"]}],
    },
    {
        "id": "fresh-eu-threatens",
        "title": "EU threatens duties on Chinese tinplate steel",
        "body": (
            "The European Commission proposed provisional anti-dumping duties of up to 62% on "
            "tinplate steel from China, a document seen by reporters showed. Member states will "
            "vote on the plan next month."
        ),
        "published": "2025-11-20",
        "relevant": True,
        "deals": [
            {
                "kind": "measure",
                "stage": "threatened",
                "parties": ["European Union", "China"],
                "figures": ["62%"],
            }
        ],
    },
    {
        "id": "fresh-jv-talks-suspended",
        "title": "Nissan and Foxconn suspend talks on EV venture",
        "body": (
            "Nissan and Foxconn have suspended talks on a joint venture to build electric "
            "vehicles in Mexico, the companies said on Friday, citing uncertainty over US "
            "tariffs."
        ),
        "published": "2025-08-29",
        "relevant": True,
        "deals": [{"kind": "agreement", "stage": "suspended", "parties": ["Nissan", "Foxconn"]}],
    },
    {
        "id": "fresh-soybean-purchase",
        "title": "China agrees to buy 12 million tonnes of US soybeans",
        "body": (
            "China agreed to buy 12 million tonnes of American soybeans this season as part of a "
            "trade truce with Washington, the US Treasury said after talks in Kuala Lumpur."
        ),
        "published": "2025-10-30",
        "relevant": True,
        "deals": [
            {
                "kind": "agreement",
                "stage": "framework",
                "parties": ["China", "United States"],
                "figures": ["12 million tonnes"],
            }
        ],
    },
    {
        "id": "fresh-sanctions-lifted",
        "title": "US lifts sanctions on Belarusian potash producer",
        "body": (
            "The United States lifted sanctions on Belaruskali, the Belarusian potash producer, "
            "on Thursday after Minsk released a group of political prisoners."
        ),
        "published": "2025-09-12",
        "relevant": True,
        "deals": [
            {
                "kind": "measure",
                "stage": "lifted",
                "parties": ["United States", "Belaruskali"],
            }
        ],
    },
    {
        "id": "fresh-not-trade-election",
        "title": "Chile's presidential candidates clash over pensions in TV debate",
        "body": "The two finalists traded accusations over pension reform and crime.",
        "published": "2025-12-10",
        "relevant": False,
        "deals": [],
    },
    {
        "id": "fresh-not-trade-prices",
        "title": "Copper price hits record as supply disruptions mount",
        "body": "Benchmark copper rose 3% to $11,200 a tonne in London on Monday.",
        "published": "2025-10-06",
        "relevant": False,
        "deals": [],
    },
]
