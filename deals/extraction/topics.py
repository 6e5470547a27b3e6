"""What the headline and lead of an article are about: the topics of look-alikes, by their words.

Each kind of story that names a deal without being about one (a markets wrap, a company's
results, a takeover, a central bank's decision, a deal about a building, a loan, defence or
services, a court case, party politics, a technology partnership, a power plant, a film, a crime,
a storm...) has a few words or phrases of up to three words. They are found with one
tokenising pass over the lead and set look-ups, so that checking a dozen topics costs a fraction
of a millisecond.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .drafts import Document
from .lexicon import PRIVATE_PERSONS


def _words(text: str) -> frozenset[str]:
    return frozenset(line.strip() for line in text.strip().split("|"))


# Words that say a price, an index or a share moved.
_MOVES = _words(
    "rose|rise|rises|rising|climb|climbs|climbed|gain|gains|gained|fell|fall|falls|falling|slid"
    "|slide|slides|slip|slips|slipped|drop|drops|dropped|jump|jumps|jumped|soar|soars|soared|surge"
    "|surged|rally|rallied|tumble|tumbled|plunge|plunged|sank|sink|flat|mixed|record|records|high"
    "|highs|low|lows|closed|ended|lower|higher|edged|tracks|rebound|rebounded|slump|slumped"
    "|collapse|collapsed|highest|lowest|raise|raises|raised|raising|up|down|shrinks|shrank"
    "|contracted|grew|expanded|sell-off|selloff"
)
# What a look-alike is about, by kind: the label an editor reads, the words (or phrases of up to
# three words) that show it and, for some, other words the same sentence must hold too.
TOPICS: dict[str, tuple[str, frozenset[str], frozenset[str]]] = {
    "markets": (
        "a markets report",
        _words(
            "stocks|shares|equities|bourse|bourses|stock market|stock markets|indices|index"
            "|wall street|s&p 500|nasdaq|dow|ftse|nikkei|sensex|trade optimism|trade hopes"
            "|trade jitters|futures|bond yields|treasury yields|yields|blue-chip|blue chips"
            "|hang seng|kospi|stoxx|dax|benchmark index|stockmarket|stock exchange|share price"
            "|share prices|risk appetite|safe-haven|safe haven|currency|currencies|forex|dollar"
            "|greenback|sterling|yen|yuan|renminbi|rupee|rupiah|ringgit|peso|baht|lira|loonie"
            "|sell-off|selloff"
        ),
        _MOVES | _words("optimism|hopes|jitters"),
    ),
    "earnings": (
        "a company's results",
        _words(
            "net profit|annual profit|quarterly profit|underlying profit|operating profit"
            "|record profit|profit rose|profit fell|profits rose|profits fell|net loss|earnings"
            "|net income|guidance|quarterly results|annual results|full-year results"
            "|initial public offering|ipo|ex-dividend|dividend|dividends|sales receipts|revenue"
            "|revenues|profit|profits|first-quarter|second-quarter|third-quarter|fourth-quarter"
            "|half-year results|first-half results|earnings per share|same-store sales|quarterly"
            "|profit forecast|profit warning|earnings forecast|sales forecast|annual forecast"
            "|full-year forecast|full-year outlook|profit outlook|sales outlook|earnings outlook"
            "|cuts outlook|lowers outlook|raises outlook|cuts forecast|lowers forecast"
            "|raises forecast|trims forecast|financial results|operating income|operating margin"
            "|gross margin|margins|ebitda|market value|market capitalisation|market capitalization"
            "|analyst estimates|analysts estimates|beat estimates|missed estimates|earnings call"
        ),
        frozenset(),
    ),
    "takeover": (
        "a company takeover",
        _words(
            "acquisition|acquisitions|acquire|acquires|acquired|acquiring|takeover|takeovers"
            "|take over|buyout|merger|mergers|merge|all-stock|shareholders|shareholder"
            "|agrees to buy|agreed to buy|subsidiary|tender offer|hostile bid|takeover bid"
            "|combined company|all-cash|buy out|spin-off|spin off"
        ),
        frozenset(),
    ),
    "competition": (
        "a competition review",
        _words(
            "antitrust|competition and markets authority|competition authority|competition watchdog"
            "|federal trade commission|ftc|fcc|cma|comptroller|merger review|competition commission"
            "|competition regulator|competition bureau|anti-monopoly|antimonopoly"
        ),
        frozenset(),
    ),
    "central_bank": (
        "a central bank's rate decision",
        _words(
            "central bank|interest rate|interest rates|key rate|cash rate|policy rate"
            "|benchmark rate|deposit rate|repo rate|monetary policy|basis points|bps|holds rate"
            "|holds rates|keeps rates|keeps rate|rates on hold|rates unchanged|rate unchanged"
            "|rate cut|rate cuts|rate hike|rate hikes|federal reserve|fed|ecb|bank of england"
            "|bank of japan|reserve bank|rate decision|cut rates|raise rates|raised rates"
            "|held rates|rates steady|rate steady|held steady|steady rates|rate-setters"
            "|rate setters|rate-setting|monetary policy committee|fomc|bank rate|overnight rate"
            "|easing cycle|tightening cycle|hawkish|dovish|stands pat|stand pat"
        ),
        frozenset(),
    ),
    "macro": (
        "economic figures",
        _words(
            "inflation|consumer prices|consumer price index|cpi|gdp|unemployment|jobless|economy"
            "|economic growth|recession|retail sales|industrial output|industrial production"
            "|factory activity|pmi|payrolls|jobs report"
        ),
        frozenset(),
    ),
    "sports": (
        "a sports story",
        _words(
            "club|clubs|football|soccer|sports|sport|pro league|premier league|striker|midfielder"
            "|midfield|goalkeeper|defender|player|players|coach|transfer window|stadium|squad"
            "|contract extension|league|tournament|championship|fifa|uefa|nba|nfl|mlb|nhl|olympics"
            "|world cup|transfer fee|athlete|athletes|winger|playmaker|top flight|head coach"
            "|free agent|scored|goalscorer|hat-trick|trophy|transfer deal|transfer talks"
            "|transfer target|transfer market|free transfer|loan move|season-long loan|la liga"
            "|serie a|bundesliga|ligue 1|formula one|cricket|rugby|tennis|golf|boxing|basketball"
            "|baseball|hockey|fans"
        ),
        frozenset(),
    ),
    "labour": (
        "a labour dispute",
        _words(
            "union|unions|nurses|teachers|collective bargaining|walkout|picket|pickets|wage|wages"
            "|paid leave|paid family leave|strike|machinists|dockworkers|tentative agreement"
            "|tentative contract|labor contract|labour contract|collective agreement|pay deal"
            "|pay rise|pay raise|teamsters|ratification vote|labour dispute|labor dispute"
            "|industrial dispute|industrial action|work stoppage|lockout|locked out|bargaining"
            "|pay increase|pay increases|wage increase|wage increases|overtime|seniority|ratify"
            "|ratified|ratifies|ratification"
        ),
        frozenset(),
    ),
    "budget": (
        "a budget or a law",
        _words(
            "budget|budgets|spending bill|spending bills|spending deal|appropriations|shutdown"
            "|deficit|fiscal year|minimum wage|ballot|legislation|stimulus|tax bill|debt ceiling"
            "|government funding"
        ),
        frozenset(),
    ),
    "election": (
        "an election",
        _words(
            "election|elections|electoral|voters|polls|re-elected|reelected|landslide"
            "|minority government|majority government|new term|campaign|candidate|candidates"
            "|snap election|exit poll|exit polls"
        ),
        frozenset(),
    ),
    "permit": (
        "a permit or licence",
        _words(
            "permit|permits|licence|licences|license|licenses|licensing|environmental|zoning"
            "|lawsuit|lawsuits|energy regulatory commission"
        ),
        frozenset(),
    ),
    "effects": (
        "a story about what a measure costs",
        _words(
            "hit from|take a hit|takes a hit|taking a hit|paying for|pay for|pushed prices"
            "|pushed up prices|pulling guidance|pulled guidance|pulling their guidance|cut into"
            "|cuts into|cutting into|eat into|eats into|eating into|ate into|bite into|bites into"
        ),
        frozenset(),
    ),
    "prices": ("a prices report", _words("price|prices"), _MOVES),
    "property": (
        "a property sale",
        _words(
            "real estate|office tower|office towers|office building|office buildings|office park"
            "|office property|office properties|tower|skyscraper|high-rise|square feet|square foot"
            "|sq ft|square metres|square meters|reit|reits|landlord|tenants|property sold"
            "|property deal|property portfolio|apartment complex|shopping centre|shopping center"
            "|shopping mall|hotel sold"
        ),
        frozenset(),
    ),
    "lending": (
        "a loan or bailout",
        _words(
            "imf|international monetary fund|bailout|bailouts|loan|loans|loan programme"
            "|loan program|extended fund facility|extended arrangement|staff-level|tranche"
            "|disbursement|disbursements|debt restructuring|creditors|credit facility"
            "|standby arrangement"
        ),
        frozenset(),
    ),
    "defence": (
        "a defence or security pact",
        _words(
            "defence pact|defense pact|defence deal|defense deal|defence agreement"
            "|defense agreement|defence treaty|defense treaty|defence cooperation"
            "|defense cooperation|defence ties|defense ties|security pact|security cooperation"
            "|security agreement|security treaty|military|militaries|troops|submarine|submarines"
            "|warship|warships|navy|naval|armed forces|fighter jets|missile|missiles|aukus|nato"
            "|reciprocal access|visiting forces"
        ),
        frozenset(),
    ),
    "services": (
        "a services contract between companies",
        _words(
            "cloud computing|cloud services|cloud contract|cloud deal|cloud infrastructure"
            "|cloud provider|computing capacity|computing power|data centre|data centres"
            "|data center|data centers|servers|software licence|software license"
            "|software contract|outsourcing|consulting contract|managed services"
        ),
        frozenset(),
    ),
    "aircraft": (
        "an order of aircraft",
        _words(
            "jets|jetliners|airliners|aircraft|planes|widebodies|narrowbodies|jet|jetliner"
            "|airliner|plane|widebody|narrowbody|helicopter|helicopters|freighter|freighters"
            "|turboprop|turboprops|airline|airlines|fleet"
        ),
        _words("order|orders|ordered|ordering|buys|buying|bought|purchase|purchases"),
    ),
    "court": (
        "a court case",
        _words(
            "court|top court|highest court|supreme court|high court|appeals court"
            "|court of appeals|court of justice|ecj|tribunal|judge|judges|jury|juries|verdict"
            "|verdicts|ruled that|court ruled|judge ruled|judges ruled|court rules|court ruling"
            "|on trial|stand trial|jury trial|criminal trial|retrial|acquitted"
            "|sued|sues|suing|plaintiff|plaintiffs|defendant|defendants|class action"
            "|class-action|in damages|punitive damages|compensatory damages|back taxes"
            "|tax ruling|tax case|tax evasion|tax avoidance|state aid|patent|patents"
            "|infringement|copyright|product liability|personal injury|wrongful death"
        ),
        frozenset(),
    ),
    "politics": (
        "party politics",
        _words(
            "coalition agreement|coalition deal|coalition pact|coalition talks"
            "|coalition government|coalition partner|coalition partners|governing coalition"
            "|ruling coalition|form a government|forming a government|outright majority"
            "|parliamentary majority|no-confidence|confidence vote"
            "|cabinet reshuffle|reshuffle|sworn in|inauguration|impeachment|impeached"
            "|party leader|party leadership|leadership race|leadership contest|primaries"
            "|opposition leader|ruling party|political parties|political crisis|manifesto"
            "|president-elect|chancellor-designate|mayor|mayoral|senate race"
        ),
        frozenset(),
    ),
    "technology": (
        "a technology partnership between companies",
        _words(
            "artificial intelligence|ai|generative ai|ai model|ai models|chatbot|chatbots"
            "|language model|language models|software|apps|tech giant|tech giants"
            "|technology giant|technology giants|collaboration|partnership|partnerships"
            "|licensing deal|licensing agreement|co-develop|jointly develop|self-driving"
            "|autonomous driving|streaming platform"
        ),
        frozenset(),
    ),
    "projects": (
        "an energy or infrastructure project",
        _words(
            "power plant|power plants|power station|wind farm|wind farms|solar farm|solar plant"
            "|solar park|offshore wind|hydropower|hydroelectric|dam|nuclear plant|reactor"
            "|reactors|gigawatt|gigawatts|megawatt|megawatts|mw|gw|railway|railways|rail line"
            "|high-speed rail|metro line|motorway|highway|expressway|airport|construction"
            "|groundbreaking|broke ground|break ground|financial close|project finance|epc"
            "|infrastructure project|infrastructure projects|transmission line|power grid"
        ),
        frozenset(),
    ),
    "entertainment": (
        "an entertainment deal",
        _words(
            "movie|movies|box office|hollywood|film studio|filmmaker|film festival|studio"
            "|studios|music|album|record label|singer|actor|actress|concert|streaming"
            "|broadcast rights|broadcasting rights|media rights|tv rights|television rights"
            "|naming rights|sponsorship|sponsor|video game|video games|esports"
        ),
        frozenset(),
    ),
    "crime": (
        "a crime or a penalty on a person",
        _words(
            "arrested|arrest|arrests|charged with|indicted|indictment|pleaded guilty"
            "|pleads guilty|plead guilty|convicted|sentenced|prison|jail|jailed|fraud"
            "|money laundering|laundering|bribery|bribes|corruption|embezzlement|police"
            "|prosecutors|prosecutor|extradition|extradited|asset freeze|assets frozen"
            "|frozen assets|freezes assets|froze assets|travel ban|visa ban|visa bans"
            "|drug trafficking|ponzi|seized|seizure|seizures|seizes|seize|confiscated|smuggled"
            "|smuggling|smuggler|smugglers|contraband|narcotics|cocaine|heroin|methamphetamine"
        ),
        frozenset(),
    ),
    "weather": (
        "weather or a disaster",
        _words(
            "drought|droughts|floodwaters|flash flood|flash floods|heavy rain|heavy rains"
            "|hurricane|hurricanes|typhoon|typhoons|cyclone|cyclones|tropical storm|winter storm"
            "|storms|earthquake|earthquakes|wildfire|wildfires|bushfire|bushfires|heatwave"
            "|heat wave|heatwaves|frost|frosts|el nino|la nina|monsoon|rainfall|bad weather"
            "|severe weather|extreme weather|dry weather|wet weather|weather conditions"
            "|natural disaster|natural disasters|volcano|eruption|locusts"
        ),
        frozenset(),
    ),
    "opinion": (
        "an opinion piece",
        _words("?|opinion|editorial|commentary|op-ed|columnist|i|you|your|reflections"),
        frozenset(),
    ),
}
# The trade evidence that weighs against a look-alike.
TRADE = _words(
    "tariff|tariffs|duties|duty|trade deal|trade pact|trade agreement|trade talks|trade framework"
    "|trade negotiations|trade truce|free trade|fta|cepa|export ban|import ban|export|exports"
    "|import|imports|quota|quotas|embargo|sanctions|curbs|offtake|off-take|supply deal"
    "|supply agreement|supply contract|supply contracts"
    "|anti-dumping|antidumping|countervailing|safeguard|safeguards|wto|market access"
)
# A word after one of these is something else: "export permits" are a trade measure, "tariff
# revenue" is not a company's, "market players" are not athletes, a "deal" is not a walkout, an
# "economic partnership" is a trade agreement.
_NOT_AFTER = {
    "permit": _words("export|import"),
    "permits": _words("export|import"),
    "licence": _words("export|import"),
    "licences": _words("export|import"),
    "license": _words("export|import"),
    "licenses": _words("export|import"),
    "revenue": _words("tariff|customs|tax|export|government|oil|state"),
    "revenues": _words("tariff|customs|tax|export|government|oil|state"),
    "deficit": _words("trade|current-account|account|goods|food|grain|supply|production|power"),
    "rate cut": _words("tariff|duty|tax"),
    "rate cuts": _words("tariff|duty|tax"),
    "rate hike": _words("tariff|duty|tax"),
    "rate hikes": _words("tariff|duty|tax"),
    "players": _words("market|industry|key|major"),
    "union": _words("european|african|customs|eurasian|economic|soviet|monetary|banking|postal"),
    "club": _words("paris|london|nuclear|rich"),
    "clubs": _words("paris|london|nuclear|rich"),
    "player": _words("market|industry|key|major"),
    "partnership": _words(
        "economic|trade|strategic|comprehensive|pacific|trans-pacific|investment|regional"
    ),
    "partnerships": _words("economic|trade|strategic|comprehensive|investment|regional"),
    "court": _words("food"),
}
# A word that counts only beside another of these in its sentence: a "profit" that rose, an
# "economy" that shrank, a "strike" that workers end.
_RESULTS = _words(
    "rose|rise|rises|fell|fall|falls|jump|jumps|jumped|drop|drops|dropped|slump|slumped|climb"
    "|climbs|climbed|surge|surged|doubled|halved|beat|beats|missed|posts|posted|reported|reports"
)
_WORKERS = _words(
    "workers|employees|staff|nurses|teachers|pilots|drivers|dockworkers|machinists|teamsters"
    "|longshoremen"
)
_NEEDS = {
    "ratify": _WORKERS,
    "ratified": _WORKERS,
    "ratifies": _WORKERS,
    "ratification": _WORKERS,
    "profit": _RESULTS,
    "profits": _RESULTS,
    "economy": _MOVES,
    "strike": _words("ending|ends|ended|end|union|workers|walkout|picket|ratify|ratified"),
}
# What a deal is about when it is not trade: a building, a loan, a defence pact, a services
# contract, a court case, a coalition, a technology partnership, a power plant, a film, a crime,
# a storm. Its words say nothing beside trade words or a measure in the same sentence: a loan or
# defence purchases inside a trade deal, an IMF warning about tariffs, export controls on chips
# for data centres, a ban on arms sales, a court striking down tariffs, a coalition that backs a
# trade pact, customs fraud on imports and an export ban after a drought are trade news.
NOT_BESIDE_TRADE = frozenset(
    {
        "property",
        "aircraft",
        "lending",
        "defence",
        "services",
        "court",
        "politics",
        "technology",
        "projects",
        "entertainment",
        "crime",
        "weather",
    }
)
_MEASURES = _words(
    "ban|bans|banned|banning|restrictions|restrict|restricts|restricted|controls|blacklist"
    "|blacklisted|entity list|arms sales|arms exports|arms trade|customs|trade court"
    "|international trade"
)
# Trade words that do not make trade news of these topics: sanctions, a ban or a blacklist on a
# person ("a travel ban", "sanctions on a tycoon"), customs officers who seize or smuggled goods
# ("customs seize smuggled cigarettes"), goods that a storm or a drought stopped ("hurricane
# halts grain exports"). A sentence whose only trade words are these says nothing
# of trade. So weather has no word used in trade news as a figure of speech: "a flood of
# imports", "a perfect storm", "to weather tariffs", "a tsunami of cheap steel".
_NOT_TRADE_BESIDE = {
    "crime": _words("sanctions|ban|bans|banned|blacklist|blacklisted|restrictions|customs"),
    "weather": _words("export|exports|import|imports"),
}
# Sanctions or a ban on people ("the court lifted sanctions on two Russian tycoons") say nothing
# of trade beside any topic: only measures on goods or countries' trade do.
_ON_PEOPLE = _words("sanctions|ban|bans|banned|blacklist|blacklisted|restrictions")
_PEOPLE = frozenset(PRIVATE_PERSONS)
# A purchase a sentence makes under a trade deal ("agrees to buy $50 billion of farm goods under
# the trade deal") is one of the deal's terms, not a takeover.
_PURCHASES = _words("agrees to buy|agreed to buy")
_TRADE_DEALS = ("trade deal", "trade pact", "trade agreement", "trade framework")
_LEXICON: dict[str, list[str]] = {}
for _name, (_label, _phrases, _also) in TOPICS.items():
    for _phrase in _phrases:
        _LEXICON.setdefault(_phrase, []).append(_name)
for _phrase in TRADE:
    _LEXICON.setdefault(_phrase, []).append("trade")
for _phrase in _MEASURES:
    _LEXICON.setdefault(_phrase, []).append("measure")
_FIRST_WORDS = frozenset(phrase.split()[0] for phrase in _LEXICON if " " in phrase)
_TOKEN = re.compile(r"[a-z0-9]+(?:[&'.-][a-z0-9]+)*|\?")


@dataclass(frozen=True)
class Evidence:
    """One feature of an article: its value and, where it has one, the words that show it."""

    value: float
    words: str = ""
    sentence: int | None = None


def find_topics(doc: Document, lead: list[int]) -> dict[str, Evidence]:
    """Each topic the lead shows, where it first shows: 1 in the headline, less further down.
    A building, a loan, defence, services, a court, politics, a crime, a storm... beside trade
    words or a measure is not shown, nor a purchase under a trade deal."""
    found: dict[str, Evidence] = {}
    for place, i in enumerate(lead):
        s = doc.index.sentences[i]
        spans = [m.span() for m in _TOKEN.finditer(doc.low, s.start, s.end)]
        words = [doc.low[a:b] for a, b in spans]
        present = set(words)
        here: dict[str, Evidence] = {}
        trade_words: set[str] = set()
        for k, word in enumerate(words):
            phrases = [(word, k)]
            if word in _FIRST_WORDS:
                phrases += [(" ".join(words[k : k + n]), k + n - 1) for n in (2, 3)]
            for phrase, last in phrases:
                names = _LEXICON.get(phrase)
                if not names or (k and words[k - 1] in _NOT_AFTER.get(phrase, ())):
                    continue
                if phrase in _NEEDS and _NEEDS[phrase].isdisjoint(present):
                    continue
                for name in names:
                    if name in ("trade", "measure"):
                        trade_words.add(phrase)
                    if name in here or (name in TOPICS and not _holds(name, present)):
                        continue
                    text = doc.text[spans[k][0] : spans[min(last, len(spans) - 1)][1]]
                    here[name] = Evidence(1.0 if place == 0 else 0.5, text, i)
        if place == 0 and "markets" not in here:
            moved = _good_that_moved(doc, i, spans, words)
            if moved is not None:
                here["markets"] = Evidence(1.0, moved, i)
        takeover = here.get("takeover")
        sentence = doc.low[s.start : s.end]
        if (
            takeover
            and takeover.words.lower() in _PURCHASES
            and any(deal in sentence for deal in _TRADE_DEALS)
        ):
            del here["takeover"]
        for name in _NOT_TRADE_BESIDE.keys() & here.keys():
            if trade_words and trade_words <= _NOT_TRADE_BESIDE[name]:
                here.pop("trade", None)
                trade_words = set()
        if trade_words and trade_words <= _ON_PEOPLE and not _PEOPLE.isdisjoint(present):
            here.pop("trade", None)
            trade_words = set()
        for name, e in here.items():
            beside = trade_words - _NOT_TRADE_BESIDE.get(name, frozenset())
            if name != "measure" and not (beside and name in NOT_BESIDE_TRADE):
                found.setdefault(name, e)
    return found


# "Chicago grains slip", "Soybeans rise", "Copper hits record": a good whose price moved, told
# by the good's name and a verb of moving, is a markets report.
# Verbs only, unlike `_MOVES`: read right after a good's name, "up", "record" or "raised" would
# take "steel up for review" or "wheat exports raised" for a price.
_GOOD_MOVES = _words(
    "rose|rise|rises|climb|climbs|climbed|gain|gains|gained|fell|fall|falls|slid|slide|slides"
    "|slip|slips|slipped|drop|drops|dropped|jump|jumps|jumped|soar|soars|soared|surge|surges"
    "|surged|rally|rallies|rallied|tumble|tumbles|tumbled|plunge|plunges|plunged|sink|sinks|sank"
    "|edge|edges|edged|slump|slumps|slumped|rebound|rebounds|rebounded|firm|firms|firmed|dip"
    "|dips|dipped|higher|lower"
)


def _good_that_moved(doc: Document, i: int, spans: list, words: list[str]) -> str | None:
    """The words of a good named in sentence ``i`` and the verb of moving right after it."""
    for hit in doc.commodities_by_sentence.get(i, ()):
        k = next((k for k, (a, _b) in enumerate(spans) if a >= hit.end), None)
        if k is not None and words[k] in _GOOD_MOVES:
            return doc.text[hit.start : spans[k][1]]
    return None


def _holds(name: str, words: set[str]) -> bool:
    also = TOPICS[name][2]
    return not also or not also.isdisjoint(words)


def names_a_topic(name: str, topics: Iterable[str]) -> bool:
    """Whether ``name`` holds the words of one of ``topics`` ("Bank of England" those of a
    central bank's decision, "Federal Trade Commission" those of a competition review)."""
    words = _TOKEN.findall(name.lower())
    grams = {" ".join(words[k : k + n]) for n in (1, 2, 3) for k in range(len(words))}
    return any(not grams.isdisjoint(TOPICS[topic][1]) for topic in topics if topic in TOPICS)
