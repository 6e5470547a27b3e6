"""Party and commodity hits in a document, with the context that rules some of them out."""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .gate import GateResult
from .gazetteer import COMMODITY, PARTY, VIA_CAPITAL, VIA_DEMONYM, Gazetteer
from .names import home_offices, name_acronyms, organisation_name, short_names
from .organisations import (
    FoundOrganisation,
    described_organisation,
    find_organisations,
    unnamed_name,
)
from .text import SentenceIndex, words


@dataclass
class PartyHit:
    name: str
    kind: str
    country: str | None
    start: int
    end: int
    sentence: int
    via: str
    excluded: str = ""  # why this hit is not a party ("competitor", "descriptor", ...)


@dataclass
class CommodityHit:
    index: int
    start: int
    end: int
    sentence: int


EXCLUSION_STEMS = (
    "compet",
    "rival",
    "leav",
    "left",
    "exclu",
    "except",
    "exempt",
    "unlike",
    "other than",
    "apart from",
    "rather than",
    "instead of",
    "versus",
    "vs",
    "without",
)
# "the energy transition", "battery maker", "agriculture ministry": the word describes something
# else; it does not name a traded good.
_DESCRIBES_NOT_A_GOOD = re.compile(
    # "oil and gas major Santos": a firm's trade, named with the goods of its line.
    r"(?:\s+(?:and|&)\s+[a-z]+)?"
    r"[\s-]+(?:transition|security|policy|policies|group|company|companies|firm|firms|major"
    r"|majors|giant|ministry|minister|ministers|department|secretary|maker|makers|manufacturer"
    r"|manufacturers|exchange|operator|operators|operations|explorer|explorers"
    # "a grains and oilseeds economist", "a global EV leader": a person or firm of the trade.
    r"|economist|economists|analyst|analysts|strategist|strategists|leader|leaders"
    # "meeting India's energy needs", "grow its energy sources": what an economy wants.
    r"|needs|dialogue|sources"
    # "the nuclear fuel cycle", "battery electric vehicles": a field, or a kind of another good.
    r"|cycle|electric)\b"
)
# "will further cement the relationship", "to iron out differences": the word used as a verb.
_VERB_BEFORE = re.compile(r"\b(?:to|will|would|could|can|may|might|should|must|further)\s+$")
_VERB_AFTER = re.compile(r"\s+(?:the|a|an|its|their|our|his|her|ties|relations|out)\b")
# "director general for coal and minerals", "the Ministry of Oil", "ministers for agriculture and
# fisheries": an office named after a good.
_OFFICE_BEFORE = re.compile(
    r"\b(?:ministers?|ministry|director(?: general)?|department|secretary|commissioner|bureau)"
    r"\s+(?:of|for)\s+(?:[a-z]+\s+(?:and|&)\s+)?$"
)
# "long dependent on oil and gas income", "one of the world's major grain producers": what an
# economy lives on, not a good any deal covers.
_ECONOMY_AFTER = re.compile(
    r"(?:\s+(?:and|or)\s+[a-z]+)?\s+(?:income|incomes|revenue|revenues|wealth|riches|dependence"
    r"|dependency|economy|economies|exporting countries|producing countries)\b"
)
_ECONOMY_BEFORE = re.compile(
    r"\b(?:dependent on|dependence on|reliant on|reliance on|rich in)\s+(?:[a-z]+\s+){0,1}$"
    # "the GCC nations export oil and gas": what a group of economies sells, not a deal's goods.
    r"|\b(?:nations|countries|states|economies|members)\s+(?:export|produce|sell|supply)\s+"
    r"(?:[a-z]+,?\s+(?:(?:and|or)\s+)?){0,3}$"
    # "non-oil trade": everything but the good.
    r"|\bnon-$"
)
# "nickel, which goes into stainless steel", "a metal used in batteries": what a good is made
# into, not a good the deal covers.
_USED_IN = re.compile(
    r"\b(?:used (?:in|to make|for|as)|goes into|go into|going into|needed (?:for|in|to make)"
    r"|ingredient (?:in|of|for)|components? (?:in|of|for)|feedstock for|raw material for"
    r"|which (?:make|makes) up)\s+(?:[\w-]+\s+){0,3}$"
)
_INVESTED = re.compile(r"\binvest(?:s|ed|ing|ments?)?\b[^.;]*$")
# "an economy famous for pharmaceuticals, watches and cheese": every good of the list; "metals
# essential to products ranging from smartphones to electric vehicles": what a good goes into;
# "large reserves of minerals such as lithium and cobalt": what a country's ground holds.
_FAMOUS_FOR = re.compile(
    r"\b(?:(?:famous|known|renowned|prized) for"
    r"|(?:essential|vital|crucial|critical|indispensable) (?:to|for|in)"
    r"|(?:reserves|deposits) of)\b[^.;:()]*$"
)
_PRODUCER_RANK = re.compile(
    r"\b(?:world's|major|largest|biggest|top|leading)\s+(?:[a-z]+\s+){0,2}$"
)
_PRODUCERS = re.compile(
    r"(?:\s+[a-z]+)?\s+(?:producers?|exporters?|importers?|consumers?|suppliers?|buyers?)\b"
)


def _describes_an_economy(low: str, start: int, end: int) -> bool:
    if _ECONOMY_AFTER.match(low, end) or _ECONOMY_BEFORE.search(low, max(0, start - 30), start):
        return True
    if _FAMOUS_FOR.search(low, max(0, start - 70), start):
        return True
    used = _USED_IN.search(low, max(0, start - 60), start)
    # "investments would go into aerospace": where money goes, not what a good is made into.
    if used and not _INVESTED.search(low, max(0, used.start() - 60), used.start()):
        return True
    return bool(
        _PRODUCERS.match(low, end) and _PRODUCER_RANK.search(low, max(0, start - 40), start)
    )


# "to punish Moscow for its invasion of Ukraine", "buyers such as India", "countries that do
# business with Iran": the reason for a measure, or examples of whom it reaches, not its sides.
_CONTEXT = re.compile(
    r"\b(?:invasion of|invade[sd]?|invading|war (?:in|on|with|against)|conflict in"
    r"|take over|takeover of|annex(?:ation of)?|do(?:es|ing)? business with"
    r"|(?:take|takes|taking|took|seize|seizes|seized|seizing|gain|gains|gained|gaining) control"
    r" (?:of|over)"
    # "a tariff on India over its purchases of Russian oil": the reason, not a side.
    r"|(?:over|for|because of|due to)\s+(?:its\s+|their\s+|the\s+)?(?:continued\s+|ongoing\s+)?"
    r"(?:purchases?|purchasing|buying|imports?|importing)(?:\s+of)?"
    # "India would stop buying Russian oil": a trade a side gives up, not a side ("China halts
    # imports of Taiwanese pineapples" is a ban on Taiwan's fruit).
    r"|(?:stop(?:s|ped|ping)?|end(?:s|ed|ing)?|halt(?:s|ed|ing)?|cut(?:s|ting)?|reduc(?:e|es|ed|ing))"
    r"\s+(?:its\s+|their\s+)?(?:buying|purchasing|purchases\s+of)"
    r"|(?:buyers|customers|consumers|clients|purchasers) (?:such as|like|including)"
    # "lifting prices for exporters such as Brazil": other sellers of the good, not sides.
    r"|(?:exporters|producers|suppliers|growers|sellers|shippers|rivals|competitors)"
    r" (?:such as|like|including)"
    # "a 15% rate, matching the rate applied to the EU": a yardstick, not a side.
    r"|(?:matching|mirroring|on par with|similar to|the same as|compared (?:with|to))"
    r"[^.;,]{0,30}?\s(?:to|with|for|of|as)"
    # "as it seeks alignment with the US", "into line with that of the US": a model, not a side.
    r"|(?:alignment|align(?:s|ed|ing)?|in(?:to)? line)\s+with(?:\s+(?:that|those)\s+of)?)"
    r"\s+(?:the\s+)?$"
)
# "other global agencies, such as the U.S. International Development Finance Corporation and the
# Japan Bank for International Cooperation, had also shown interest": examples of others.
_EXAMPLE_WORDS = ("such as ", "such as the ", "like ", "like the ", "including ", "including the ")
_OTHERS_SUCH_AS = re.compile(
    r"\bother\s+(?:[\w-]+\s+){0,2}?(?:agencies|investors|lenders|institutions|funds|firms"
    r"|companies|banks|bodies),?\s+(?:such as|like|including)\s+(?:the\s+)?$"
)
# "suspends the deal over Greenland tariff threats", "sanctions over Ukraine": the cause of a
# quarrel ("a dispute over Indonesia's ban" names the ban's owner).
_CAUSE = (" over ", " over the ")
_COMPETITOR = re.compile(r"\b(?:compet(?:ition|itor|itors|ing|es|e)|rivals?|rivalry)\b")
_EXCLUDING = re.compile(
    r"\b(?:leaves?|left|leaving|excludes?|excluding|excluded|except|exempts?|exempting|unlike"
    r"|other than|apart from|rather than|instead of|versus|vs\.?|without)\s+(?:the\s+)?$"
)
_DESCRIPTOR_GAP = re.compile(r"^\s+(?:[a-z][a-z-]*\s+){0,3}$")
_APPOSITIVE = re.compile(r"^\s*[,(-]\s*(?:an?|the|one)?\s*$", re.IGNORECASE)
_POSSESSIVE_GAP = re.compile(r"^'s?\s+(?:[a-z][a-z-]*\s+){0,3}$")
_ORG_KINDS = frozenset({"company", "state_owned_enterprise", "sovereign_fund"})
# "a plant in Malaysia's Pahang state", "talks at Brazil's port of Santos": a location.
_LOCATED_AT = re.compile(
    r"(?<!invest )(?<!invested )(?<!investing )(?<!invests )(?<!stake )(?<!stakes )"
    r"\b(?:in|at|near|inside|based in|headquartered in|listed in)"
    r"\s+(?:the\s+)?$"
)
_LOCATED_AT_LAST_WORDS = ("in", "at", "near", "inside", "the")
_SUBDIVISION = re.compile(
    r"'s?\s+(?:(?:[A-Z][\w-]*|del|de|la)\s+){1,3}(?:province|state|region|prefecture|county"
    r"|district|city|port|island|islands|territory|department|municipality)\b"
)
# "the Doha round", "the Uruguay Round", "the Doha Development Agenda": a round of world trade
# talks named after the place it opened in, not a side of it.
# "a US round of tariffs" is the country's measure.
_ROUND_NAME = re.compile(
    r"\s+(?:development\s+)?(?:round|agenda)\b"
    r"(?!\s+of\s+(?:[\w-]+\s+)?(?:tariffs?|duties|levies|sanctions|curbs|controls|retaliation))"
)
# "on the margins of a forum in Brussels, Belgium": the country of the city where it happened.
_CITY_BEFORE = re.compile(r"\b(?:in|at|near)\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)?,\s+$")
_LISTED_OR_BASED = re.compile(r"-(?:listed|based|headquartered|registered|flagged|domiciled)\b")
# "a stake in Chile lithium project", "Australian lithium mines": where an asset lies.
_ASSET_AFTER = re.compile(
    r"(?:'s?)?\s+(?:[a-z][\w-]*\s+){0,2}?(?:projects?|mines?|deposits?|oil ?fields?|gas ?fields?"
    r"|plants?|refiner(?:y|ies)|terminals?|smelters?|assets)\b"
)
# "in the face of French opposition", "despite Germany's objections": a country against the deal
# is not one of its sides.
_OPPOSING_AFTER = re.compile(
    r"(?:'s?)?\s+(?:[a-z][\w-]*\s+)?(?:opposition|objections?|resistance|reservations|misgivings)\b"
)
# "Handelsblatt, a German newspaper", "Italian daily Corriere": where the story comes from.
_MEDIA_AFTER = re.compile(
    r"(?:'s?)?\s+(?:[a-z][\w-]*\s+)?(?:newspapers?|daily|dailies|magazine|broadcaster"
    r"|news agency|news outlet|media|television|radio|news site|website)\b"
)
#: Words every country names one of its own institutions by ("Congress", "the Senate").
_INSTITUTION_WORDS = words("congress senate parliament government ministry cabinet court")
# "(Pakistan Point News)", "Arab News": a country opening an outlet's name, not a headline's
# "Australia Welcomes News Of ...".
_OUTLET_NAME = re.compile(
    r"(?:\s+[A-Z][\w-]*)?\s+News\b(?!\s+(?i:of|on|that|about|as|for|from|to)\b)"
)
_COORDINATED = re.compile(r"^(?:,\s*|\s+and\s+|\s+or\s+|,\s+and\s+)(?:the\s+)?$")
# "LG Energy Solution, South Korea's largest battery maker, ...": the country describes the company.
_DESCRIBING_APPOSITIVE = re.compile(r"'s?\s+(?:[a-z][\w-]*\s+){1,4}?[a-z][\w-]*\s*[,.;)]")
# "Indonesia, whose economy is the biggest among ASEAN", "Vietnam, a member of the CPTPP": a
# description of the party before it; the bloc or country it names is not a party of the news
# ("China, the chief target of US tariffs" still names the US).
_DESCRIBED_BY = re.compile(
    r"^\s*,\s*(?:whose|which is|which are|who is|the|an?|one of the)\s+[^,;:.()]{0,60}?"
    r"\b(?:among|in|within|(?:members?|part) of)\s+(?:the\s+)?$"
)
# "MP Materials, the only US rare earths miner": the country says where the firm is from.
_APPOSITION_OPENS = re.compile(
    r"^\s*,\s*(?:an?|the|one of the|one of|its)\s+(?:[a-z][\w-]*\s+){0,3}$"
)
_DESCRIBED_FIRM = re.compile(
    r"(?:'s)?\s+(?:[a-z][\w-]*\s+){0,3}?(?:miner|maker|producer|company|firm|group|giant|major"
    r"|developer|refiner|supplier|manufacturer|carmaker|automaker|chipmaker|steelmaker|trader"
    r"|exporter|importer|operator|utility|lender|investor|fund|conglomerate|explorer|start-up"
    r"|startup|hopeful|smelter|processor)s?\b"
)
_TITLE_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")


def is_title_case(title: str) -> bool:
    """Most words capitalised, as in a typical English headline."""
    words = [w for w in _TITLE_WORD.findall(title) if len(w) > 3]
    if len(words) < 3:
        return False
    return sum(w[0].isupper() for w in words) / len(words) > 0.7


def find_hits(
    gazetteer: Gazetteer,
    text: str,
    low: str,
    title_end: int,
    index: SentenceIndex,
    gate: GateResult,
) -> tuple[list[PartyHit], list[CommodityHit]]:
    matches = gazetteer.find(text, low)
    parties: list[PartyHit] = []
    commodities: list[CommodityHit] = []
    for m in matches:
        sentence = index.index_of(m.start)
        if m.category == COMMODITY:
            if (
                _DESCRIBES_NOT_A_GOOD.match(low, m.end)
                or _describes_an_economy(low, m.start, m.end)
                or _OFFICE_BEFORE.search(low, max(0, m.start - 40), m.start)
                # "thousands of trucks carrying wheat": the vehicle, not a good traded.
                or _LADEN_AFTER.match(low, m.end)
                or (
                    _VERB_AFTER.match(low, m.end)
                    and _VERB_BEFORE.search(low, max(0, m.start - 12), m.start)
                )
            ):
                continue
            commodities.append(CommodityHit(m.index, m.start, m.end, sentence))
        elif m.category == PARTY:
            entry = gazetteer.parties[m.index]
            parties.append(
                PartyHit(entry.name, entry.kind, entry.country, m.start, m.end, sentence, m.via)
            )
    commodities = _without_carriers(low, commodities)
    commodities = _without_goods_under_review(low, commodities, index)
    commodities = _without_goods_in_names(text, title_end, commodities, index)
    _split_goods_named_companies(gazetteer, text, low, parties, commodities, index)
    if gazetteer.namesakes:
        _resolve_namesakes(gazetteer, text, parties)
    title_case = is_title_case(text[:title_end])
    for i, hit in enumerate(parties):
        if hit.kind not in {"country", "bloc"}:
            continue
        described = described_organisation(text, hit.start, hit.end, hit.start < title_end)
        if described is None:
            continue
        kind, end = described
        demonym = gazetteer.demonym_of(hit.country) or text[hit.start : hit.end]
        # Every hit starts at its own offset, so replacing in place orders as the sort below does.
        parties[i] = PartyHit(
            unnamed_name(demonym, kind), kind, hit.country, hit.start, end, hit.sentence, "found"
        )
    organisations = find_organisations(text, title_end, title_case, gate)
    organisations += _named_after_goods(text, title_end if title_case else 0, commodities)
    parties, org_spans = _with_organisations(text, parties, organisations, index)
    if org_spans:
        commodities = [c for c in commodities if not _inside_any(org_spans, c.start, c.end)]
    parties += short_names(gazetteer, text, parties, index)
    _units_by_short_name(text, parties)
    name_acronyms(text, parties)
    parties.sort(key=lambda p: p.start)
    parties = _with_the_bloc(text, low, parties, index)
    _mark_exclusions(text, low, parties, gate.indices(EXCLUSION_STEMS))
    _continent_or_bloc(text, parties)
    dateline = dateline_span(text, title_end)
    home = None
    if dateline is not None:
        for hit in parties:
            if dateline[0] <= hit.start < dateline[1]:
                hit.excluded = "place"
                if hit.kind == "country" and home is None:
                    home = hit.country
    home_offices(text, parties, home)
    return parties, commodities


# "Europe", "European": the continent, which is the bloc only in a story that names the bloc.
_CONTINENT_FORMS = frozenset({"Europe", "European"})
# "European countries opposing the bid": countries of the continent, not the bloc.
_COUNTRIES_OF = re.compile(r"\s+(?:countries|nations|states|capitals|governments)\b")


def _continent_or_bloc(text: str, parties: list[PartyHit]) -> None:
    continental = [
        hit
        for hit in parties
        if hit.kind == "bloc" and text[hit.start : hit.end] in _CONTINENT_FORMS
    ]
    if not continental:
        return
    named = {
        hit.name
        for hit in parties
        if hit.kind == "bloc" and text[hit.start : hit.end] not in _CONTINENT_FORMS
    }
    for hit in continental:
        if hit.name not in named or _COUNTRIES_OF.match(text, hit.end):
            hit.excluded = hit.excluded or "continent"


# "the bloc", "the 27-nation bloc", "the trading bloc": the bloc the story has named. Such a hit
# is no name of the bloc for the gazetteer to learn.
VIA_REFERENCE = "reference"
_THE_BEFORE_BLOC = re.compile(r"\bthe (?:\d+-(?:nation|member|country) |trading |trade )?$")


def _with_the_bloc(
    text: str, low: str, parties: list[PartyHit], index: SentenceIndex
) -> list[PartyHit]:
    """ "The bloc" names the one bloc the story has named before it; after two, it is unclear
    which."""
    at = low.find("bloc")
    if at < 0:
        return parties
    blocs = [
        p
        for p in parties
        if p.kind == "bloc" and not p.excluded and text[p.start : p.end] not in _CONTINENT_FORMS
    ]
    added = []
    # The blocs named so far, read once in text order as the references come.
    first, names, seen = None, set(), 0
    while at >= 0 and blocs:
        end = at + 4
        the = _THE_BEFORE_BLOC.search(low, max(0, at - 24), at)
        if the is not None and not low[end : end + 1].isalnum():
            while seen < len(blocs) and blocs[seen].end <= the.start():
                first = first or blocs[seen]
                names.add(blocs[seen].name)
                seen += 1
            if len(names) == 1:
                bloc, start = first, the.start()
                sentence = index.index_of(start)
                added.append(
                    PartyHit(
                        bloc.name, bloc.kind, bloc.country, start, end, sentence, VIA_REFERENCE
                    )
                )
        at = low.find("bloc", end)
    if not added:
        return parties
    return sorted([*parties, *added], key=lambda p: p.start)


# "the first grain ship", "a cargo vessel loaded with corn": a ship that carries goods.
_CARRIER = re.compile(r"(?:ships?|vessels?|tankers?|freighters?|carriers?|barges?)\b")
_CARRIER_AFTER = re.compile(r"[\s-](?:ship|vessel|tanker|freighter|carrier)s?\b")
_CARGO_BEFORE = re.compile(r"\b(?:cargo|container|bulk|merchant)[\s-]+$")
_LADEN_AFTER = re.compile(r"\s+(?:carrying|loaded with|laden with)\b")
_CARRYING_AFTER = re.compile(r"\s+(?:carrying|loaded with|laden with|bound for|sailing|sails)\b")


def _without_carriers(low: str, commodities: list[CommodityHit]) -> list[CommodityHit]:
    """A story that speaks of ships carrying goods ("the first grain ship") means the carriers
    wherever it names ships: they are not goods traded."""
    carriers = [
        i for i, hit in enumerate(commodities) if _CARRIER.fullmatch(low, hit.start, hit.end)
    ]
    if not carriers:
        return commodities
    if not any(
        _CARGO_BEFORE.search(low, max(0, commodities[i].start - 12), commodities[i].start)
        or _CARRYING_AFTER.match(low, commodities[i].end)
        for i in carriers
    ) and not any(_CARRIER_AFTER.match(low, hit.end) for hit in commodities):
        return commodities
    dropped = set(carriers)
    return [hit for i, hit in enumerate(commodities) if i not in dropped]


# "officials intend to look at other critical industries, including semiconductors": goods a
# government may turn to later, not goods of the measure it took.
_UNDER_REVIEW = re.compile(
    r"\b(?:look(?:s|ing)? at|review(?:s|ing)?|stud(?:y|ies|ying)|examin\w*|consider(?:s|ing)?"
    r"|explor\w*|weigh(?:s|ing)?)\s+(?:[\w-]+\s+){0,3}?(?:other|more|further|additional)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:industries|sectors|products|goods|areas|categories)\b"
)


def _without_goods_under_review(
    low: str, commodities: list[CommodityHit], index: SentenceIndex
) -> list[CommodityHit]:
    reviews: dict[int, int | None] = {}
    kept = []
    for hit in commodities:
        if hit.sentence not in reviews:
            s = index.sentences[hit.sentence]
            found = _UNDER_REVIEW.search(low, s.start, s.end)
            reviews[hit.sentence] = found.start() if found else None
        begins = reviews[hit.sentence]
        if begins is None or hit.start < begins:
            kept.append(hit)
    return kept


def _resolve_namesakes(gazetteer: Gazetteer, text: str, parties: list[PartyHit]) -> None:
    """ "Congo" is the Democratic Republic of the Congo in a story that also says "Kinshasa" or
    "Tshisekedi", the Republic of the Congo in one that says "Brazzaville", and by default the
    one news copy usually means (the first listed)."""
    shared = [i for i, hit in enumerate(parties) if _namesake_key(text, hit) in gazetteer.namesakes]
    if not shared:
        return
    named = {hit.country for i, hit in enumerate(parties) if i not in shared}
    for i in shared:
        hit = parties[i]
        codes = gazetteer.namesakes[_namesake_key(text, hit)]
        code = next((c for c in codes if c in named), codes[0])
        entry = gazetteer.country_party(code)
        if entry is not None:
            parties[i] = PartyHit(
                entry.name, entry.kind, code, hit.start, hit.end, hit.sentence, hit.via
            )


def _namesake_key(text: str, hit: PartyHit) -> str:
    """The name as written, and as a headline in capitals writes it ("CONGO" is "Congo")."""
    written = text[hit.start : hit.end]
    return written.title() if written.isupper() else written


def _with_organisations(
    text: str, parties: list[PartyHit], organisations: list[FoundOrganisation], index: SentenceIndex
) -> tuple[list[PartyHit], list[tuple[int, int]]]:
    """Parties with the organisations found in the text, each replacing the country or bloc hits
    it overlaps (an organisation overlapping any other party is left out), and the spans of the
    organisations taken.

    Organisations never overlap each other, so each one is checked only against the parties found
    before them, looked up by offset.
    """
    parties.sort(key=lambda p: p.start)
    starts = [p.start for p in parties]
    longest = max((p.end - p.start for p in parties), default=0)
    removed: set[int] = set()
    added: list[PartyHit] = []
    spans: list[tuple[int, int]] = []
    for org in organisations:
        first = bisect_left(starts, org.start - longest)
        last = bisect_left(starts, org.end)
        overlapping = [
            j for j in range(first, last) if parties[j].end > org.start and j not in removed
        ]
        if any(
            parties[j].kind not in {"country", "bloc"} and not _unit_of(text, parties[j], org)
            for j in overlapping
        ):
            continue
        if any(parties[j].start <= org.start and parties[j].end >= org.end for j in overlapping):
            continue
        named = organisation_name(org.name, org.start)
        if named is None or text.startswith("$", org.end):
            # "CA$ 2.6 billion", "HK$": a currency, not an organisation.
            continue
        name, start = named
        if any(parties[j].start <= start and parties[j].end >= org.end for j in overlapping):
            continue
        removed.update(overlapping)
        # "China National Uranium Corporation": a name that starts with a country is based there.
        home = next((parties[j].country for j in overlapping if parties[j].start == start), None)
        added.append(PartyHit(name, org.kind, home, start, org.end, index.index_of(start), "found"))
        spans.append((org.start, org.end))
    spans.sort()
    return [p for j, p in enumerate(parties) if j not in removed] + added, spans


# Words that add nothing to a brand: "Toyota Motor Corp" is Toyota.
_GENERIC_NAME_WORDS = words(
    "Motor Motors Group Holdings Holding Corporation Corp Company Co Industries International "
    "Global Limited Ltd Inc PLC plc LLC AG SA SE NV GmbH Bhd Berhad Tbk"
)


def _unit_of(text: str, hit: PartyHit, org: FoundOrganisation) -> bool:
    """ "Reliance Retail Ventures Ltd" over the known "Reliance": a name of one word that opens a
    longer organisation name names its group; the longer name is a unit of its own."""
    if hit.start != org.start or hit.end >= org.end or " " in text[hit.start : hit.end]:
        return False
    extra = text[hit.end : org.end].split()
    return any(word not in _GENERIC_NAME_WORDS for word in extra)


def _units_by_short_name(text: str, parties: list[PartyHit]) -> None:
    """ "Reliance Retail" after "Reliance Retail Ventures Ltd": the unit's first two words name it
    where the group's one-word name would otherwise be read."""
    units = {}
    for hit in parties:
        words = hit.name.split()
        if hit.via == "found" and hit.kind in _ORG_KINDS and len(words) >= 3:
            units.setdefault(words[0], (" ".join(words[:2]), hit))
    if not units:
        return
    for i, hit in enumerate(parties):
        written = text[hit.start : hit.end]
        found = units.get(written)
        if found is None or hit.via == "found" or hit.kind not in _ORG_KINDS:
            continue
        short, unit = found
        end = hit.start + len(short)
        if text.startswith(short, hit.start) and not text[end : end + 1].isalnum():
            parties[i] = PartyHit(
                unit.name, unit.kind, unit.country, hit.start, end, hit.sentence, "short"
            )


# "Lithium Americas said ...", "Coal India": in the body, where goods are written in lower case,
# a capitalised good followed by capitalised words opens a company's name.
_NAME_GOES_ON = re.compile(
    r" (?!(?:The|A|An|In|On|At|For|And|Or|Of|To|By)\b)[A-Z][a-z]+(?: [A-Z][a-z]+)?"
)


_CAPITALISED_BEFORE = re.compile(r"[A-Z][\w&.-]* $")
# "the Agreement on Fisheries Subsidies": a good opening the rest of a pact's name.
_PACT_NAME_BEFORE = re.compile(
    r"\b(?:Agreement|Treaty|Convention|Accord|Protocol|Act|Declaration|Initiative) (?:on|of|for)"
    r" (?:the )?$"
)


# "Malabar Gold & Diamonds": in the body, a capitalised good after a capitalised word.
_NAME_BEFORE = re.compile(r"[A-Z][\w.-]*(?: &)? $")


def _without_goods_in_names(
    text: str, title_end: int, commodities: list[CommodityHit], index: SentenceIndex
) -> list[CommodityHit]:
    """In the body, where goods are written in lower case, a capitalised good right after a
    capitalised word ("Malabar Gold & Diamonds", "Kumba Iron Ore") is part of a name."""
    return [
        hit
        for hit in commodities
        if hit.start < title_end
        # "Chinese EVs", "US LNG": an acronym is written in capitals wherever it stands.
        or not (text[hit.start].isupper() and text[hit.start + 1 : hit.start + 2].islower())
        or index.sentences[hit.sentence].start == hit.start
        or not _NAME_BEFORE.search(text, max(0, hit.start - 30), hit.start)
    ]


def _named_after_goods(
    text: str, title_end: int, commodities: list[CommodityHit]
) -> list[FoundOrganisation]:
    found = []
    for hit in commodities:
        if hit.start < title_end or not text[hit.start].isupper():
            continue
        if _CAPITALISED_BEFORE.search(
            text, max(0, hit.start - 30), hit.start
        ) or _PACT_NAME_BEFORE.search(text, max(0, hit.start - 30), hit.start):
            # "China National Uranium Corporation": the good is inside a longer name.
            continue
        rest = _NAME_GOES_ON.match(text, hit.end)
        if rest is None:
            continue
        name = text[hit.start : rest.end()]
        found.append(FoundOrganisation(name, "company", hit.start, rest.end()))
    return found


def _inside_any(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start:end`` lies inside one of ``spans`` (sorted, not overlapping): only the last
    span starting at or before ``start`` can hold it."""
    i = bisect_right(spans, (start, math.inf)) - 1
    return i >= 0 and spans[i][1] >= end


# "LONDON/RIYADH, May 2 (Reuters) -", "WASHINGTON -", "NEW DELHI:", "Singapore, March 3 (Reuters)
# -", "Jeddah, Saudi Arabia, July 16 (Jiji Press)--", "BEIJING, AFP -": where the story was filed
# and the wire that filed it, never a party.
_DATELINE = re.compile(
    r"\s*(?:(?P<caps>[A-Z][A-Z.'-]+(?:[ /][A-Z][A-Z.'-]+)*(?:,\s+[A-Z]{2,5}(?=\s*-))?)"
    r"|(?P<places>[A-Z][\w.'-]+(?:[ /][A-Z][\w.'-]+)*(?:,\s+[A-Z][\w.'-]+(?: [A-Z][\w.'-]+)?)?)"
    r"(?=,\s+[A-Z][a-z]{2,8}\.?\s+\d)"
    # "Washington DC - ": a place of up to three words in mixed case, straight before a dash.
    r"|(?P<place>[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,2})(?=\s+-\s+[A-Z\"]))"
    r"(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?)?(?:\s+\([A-Za-z. ]+\))?"
    r"(?:\s*--\s?|\s*-\s|(?<=[A-Z]):\s)"
)


def dateline_span(text: str, title_end: int) -> tuple[int, int] | None:
    """Where the dateline at the start of the body is, if there is one."""
    match = _DATELINE.match(text, title_end + 2 if title_end else 0)
    return match.span() if match else None


# "duties on U.S. Steel": after a measure, a country and a good, not the company named so.
_MEASURED_GOODS = re.compile(
    r"\b(?:tariffs?|dut(?:y|ies)|levies|levy|tax(?:es)?|surtax(?:es)?|quotas?|bans?|curbs|controls"
    r"|restrictions|sanctions|embargo(?:es)?)\b[^.;]{0,40}?\s(?:on|against|targeting)"
    r"\s(?:imports of\s|exports of\s)?$"
)


def _split_goods_named_companies(
    gazetteer: Gazetteer,
    text: str,
    low: str,
    parties: list[PartyHit],
    commodities: list[CommodityHit],
    index: SentenceIndex,
) -> None:
    for i, hit in enumerate(parties):
        if hit.kind == "country" or " " not in text[hit.start : hit.end]:
            continue
        if not _MEASURED_GOODS.search(low, max(0, hit.start - 70), hit.start):
            continue
        split = gazetteer.country_and_commodity(text[hit.start : hit.end])
        if split is None:
            continue
        country, length, good = split
        entry = gazetteer.parties[country]
        # Same start as the hit it replaces: the order after sorting by start is the same.
        parties[i] = PartyHit(
            entry.name,
            entry.kind,
            entry.country,
            hit.start,
            hit.start + length,
            hit.sentence,
            VIA_DEMONYM,
        )
        good_start = hit.start + length + 1
        commodities.append(CommodityHit(good, good_start, hit.end, index.index_of(good_start)))
    commodities.sort(key=lambda c: c.start)


def _mark_exclusions(text: str, low: str, parties: list[PartyHit], flagged: set[int]) -> None:
    for i, hit in enumerate(parties):
        if low[max(0, hit.start - 4) : hit.start] in {"non-", "anti"}:
            hit.excluded = "negated"
            continue
        if hit.kind in {"country", "bloc"} and (
            _CONTEXT.search(low, max(0, hit.start - 40), hit.start)
            or (low.endswith(_CAUSE, 0, hit.start) and not low.startswith("'", hit.end))
            or (
                i > 0
                and parties[i - 1].excluded == "context"
                and _COORDINATED.match(low[parties[i - 1].end : hit.start])
            )
        ):
            hit.excluded = "context"
            continue
        if hit.sentence in flagged and _EXCLUDING.search(low, max(0, hit.start - 30), hit.start):
            hit.excluded = "left out"
            continue
        if (
            low.endswith(_EXAMPLE_WORDS, 0, hit.start)
            and _OTHERS_SUCH_AS.search(low, max(0, hit.start - 50), hit.start)
        ) or (
            i > 0
            and parties[i - 1].excluded == "example"
            and (
                _COORDINATED.match(low[parties[i - 1].end : hit.start])
                or not low[parties[i - 1].end : hit.start].strip()
            )
        ):
            hit.excluded = "example"
            continue
        competitor = None
        if hit.sentence in flagged:
            for match in _COMPETITOR.finditer(low, max(0, hit.start - 80), hit.start):
                competitor = match
        if competitor and not re.search(r"[.;]", low[competitor.end() : hit.start]):
            hit.excluded = "competitor"
            continue
        if hit.via == "found" and hit.name.endswith("(unnamed)") and i > 0:
            previous = parties[i - 1]
            if previous.kind in _ORG_KINDS and _APPOSITIVE.match(text[previous.end : hit.start]):
                hit.excluded = "appositive"
                previous.country = previous.country or hit.country
                continue
        if hit.via == "found" and hit.name.endswith("(unnamed)") and i + 1 < len(parties):
            # "a supply deal with the Bangladeshi state company Petrobangla": the description
            # opens the name it goes with.
            following = parties[i + 1]
            if following.kind in _ORG_KINDS and text[hit.end : following.start] == " ":
                hit.excluded = "appositive"
                following.country = following.country or hit.country
                if hit.kind != "company" and following.kind == "company":
                    following.kind = hit.kind
                continue
        if (
            hit.kind == "government_body"
            and hit.country
            and low[hit.start : hit.end] in _INSTITUTION_WORDS
            and not any(
                other.country == hit.country
                and low[other.start : other.end] not in _INSTITUTION_WORDS
                for other in parties
            )
        ):
            # "Submitted to Congress, the bill ..." in a story that never names the US: a bare
            # institution word is the legislature of the country the story is about.
            hit.excluded = "namesake"
            continue
        if hit.kind == "government_body" and hit.country and i > 0:
            previous = parties[i - 1]
            if (
                previous.kind == "country"
                and previous.country != hit.country
                and text[previous.end : hit.start] in {"'s ", "' "}
            ):
                # "Mexico's Congress" is not the US Congress.
                hit.excluded = "namesake"
                continue
        if hit.kind == "country" and _LISTED_OR_BASED.match(low, hit.end):
            hit.excluded = "descriptor"
            continue
        if hit.kind == "country" and (
            _MEDIA_AFTER.match(low, hit.end) or _OUTLET_NAME.match(text, hit.end)
        ):
            hit.excluded = "source"
            continue
        if hit.kind == "country" and _OPPOSING_AFTER.match(low, hit.end):
            hit.excluded = "context"
            continue
        if hit.kind == "country" and _ASSET_AFTER.match(low, hit.end):
            hit.excluded = "place"
            continue
        if hit.kind == "country" and _ROUND_NAME.match(low, hit.end):
            hit.excluded = "round"
            continue
        if hit.kind == "country" and _is_place(text, low, parties, i):
            hit.excluded = "place"
            continue
        if hit.kind in {"country", "bloc"} and i > 0 and _describes(text, parties, i):
            hit.excluded = "descriptor"
            continue
        if hit.kind == "country" and i > 0:
            previous = parties[i - 1]
            gap = text[previous.end : hit.start]
            if (
                previous.kind in _ORG_KINDS
                and not previous.excluded
                and (
                    (_APPOSITIVE.match(gap) and _DESCRIBING_APPOSITIVE.match(text, hit.end))
                    or (_APPOSITION_OPENS.match(gap) and _DESCRIBED_FIRM.match(low, hit.end))
                )
            ):
                hit.excluded = "descriptor"
                previous.country = previous.country or hit.country
                continue
        if hit.kind in {"country", "bloc"} and i + 1 < len(parties):
            nxt = parties[i + 1]
            gap = text[hit.end : nxt.start]
            gap_rule = _DESCRIPTOR_GAP if hit.via == VIA_DEMONYM else _POSSESSIVE_GAP
            if nxt.kind in _ORG_KINDS and gap_rule.match(gap):
                hit.excluded = "descriptor"
                if nxt.country is None:
                    nxt.country = hit.country
            elif nxt.kind == "government_body" and nxt.country is None and gap in {"'s ", "' "}:
                # "India's Department of Atomic Energy": the body is India's (the country may
                # still be a side of its own).
                nxt.country = hit.country


def _describes(text: str, parties: list[PartyHit], i: int) -> bool:
    """Whether a country or bloc is named only in a description of the party before it
    ("Indonesia, whose economy is the biggest among the Association of Southeast Asian Nations
    (ASEAN)"), or repeats, in brackets, a name so named."""
    hit, previous = parties[i], parties[i - 1]
    gap = text[previous.end : hit.start]
    if previous.excluded == "descriptor" and previous.name == hit.name:
        return gap.strip() == "("
    return (
        not previous.excluded
        and previous.name != hit.name
        and previous.sentence == hit.sentence
        and bool(_DESCRIBED_BY.match(gap))
    )


def _is_place(text: str, low: str, parties: list[PartyHit], i: int) -> bool:
    """A country named only to locate something: "in Mozambique's Nampula province", "a plant in
    Mexico", "imports from Singapore and South Korea" after a place."""
    hit = parties[i]
    if _SUBDIVISION.match(text, hit.end):
        return True
    # "in the Saudi capital Riyadh": the city where something happened.
    if (hit.via == VIA_CAPITAL and low.endswith("capital ", 0, hit.start)) or (
        hit.via == VIA_DEMONYM and low.startswith(" capital", hit.end)
    ):
        return True
    if text.endswith(", ", 0, hit.start) and _CITY_BEFORE.search(
        text, max(0, hit.start - 40), hit.start
    ):
        return True
    window_start = max(0, hit.start - 25)
    # Any match ends with one of these words and spaces: test for them before the regex.
    if low[window_start : hit.start].rstrip().endswith(_LOCATED_AT_LAST_WORDS) and (
        _LOCATED_AT.search(low, window_start, hit.start)
    ):
        return True
    if i > 0:
        previous = parties[i - 1]
        return previous.excluded == "place" and bool(
            _COORDINATED.match(low[previous.end : hit.start])
        )
    return False
