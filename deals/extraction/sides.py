"""Which of the names told near an agreement's cues are its sides.

Wire copy names the sides of a deal in its headline and lead; sentences further down that speak of
*the* deal ("Under the contract, Kazatomprom will deliver ...") continue it and may name the firms
or bodies behind the countries of the headline. Other names further down are background: earlier
deals ("its deals with Vietnam"), rivals, markets, statistics.

A bloc's members are sides of its agreement when a sentence telling the agreement names them as
its members ("an FTA with the GCC, whose six members are Saudi Arabia, ..."; a sentence of its own
describing the bloc is background), and the countries a sentence of the deal lists as the
ones it covers ("entry into force for China, Japan, Australia and Brunei") are its sides too.

A commercial deal the lead tells only by its countries ("First US LNG cargo to India arrives") is
between the firms of those countries the next sentences name. A country that is only the home of
the named firms, a government that clears a deal between firms and the group that owns a side
("Uranium One, part of Rosatom") are not sides. An agreement a later sentence tells between firms
the lead does not name ("Last week Kazatomprom signed a cooperation agreement with Framatome") is a
deal of its own (``background_agreements``).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .clusters import owns_the_measure
from .drafts import COUNTRYLIKE, Document, DraftDeal, Support
from .parties import PartyHit
from .stages import AGREEMENT

# "the deal", "this agreement", "under the contract", "the pact's": the deal already told.
_DEFINITE = re.compile(r"\b(?:the|this|that|its|under the|of the)\s+(?:[\w'-]+\s+){0,3}$")


def continuing_sentences(doc: Document, deal: DraftDeal) -> set[int]:
    """The body sentences of ``deal`` that speak of the deal the lead told, by a definite noun."""
    found = set()
    for noun in deal.nouns:
        if noun.start < doc.title_end or doc.low[noun.end - 1] == "s":
            continue
        s = doc.index.sentences[noun.sentence]
        if _DEFINITE.search(doc.low, max(s.start, noun.start - 40), noun.start):
            found.add(noun.sentence)
    return found


def agreement_sides(
    doc: Document, deal: DraftDeal, hits: list[PartyHit]
) -> tuple[list[PartyHit], set[str]]:
    """The hits of an agreement that name its sides (see the module's note), and the names of
    the countries among them told in a list (of its members, or of the countries it covers)."""
    lead = doc.lead_sentences
    named_in_lead = _sides_named_in_lead(doc, [p for p in hits if p.sentence in lead])
    listed = _listed_countries(doc, hits)
    if len(named_in_lead) >= 2:
        told = continuing_sentences(doc, deal) - lead
        hits = [
            p
            for p in hits
            if p.name in named_in_lead
            or (p.sentence in told and p.kind not in COUNTRYLIKE)
            or id(p) in listed
        ]
        hits += _firms_after_the_lead(doc, hits)
        hits += _firms_of_the_lead_countries(doc, deal, hits)
    members = _members_named(doc, deal, hits)
    names = {p.name for p in hits if id(p) in listed} | {p.name for p in members}
    present = {id(p) for p in hits}
    hits = hits + [p for p in members if id(p) not in present]
    hits = _without_regulators(doc, _without_home_countries(hits, names))
    return _without_origins_of_goods(doc, _without_parents(doc, hits)), names


# "US President Donald Trump's tariffs": a country named as the title of the leader after it.
_TITLE_GAP = re.compile(r"\s+(?:president|prime minister|premier|chancellor|leader)\s+$")


def _sides_named_in_lead(doc: Document, hits: list[PartyHit]) -> set[str]:
    """The names the lead gives an agreement's sides: "Indonesia and the EU wrap up a trade deal
    ... to cushion the effect of US President Donald Trump's tariffs" names the US only as the
    owner of a measure, not as a side, when two others are named."""
    owners: set[str] = set()
    others: set[str] = set()
    for i, hit in enumerate(hits):
        following = hits[i + 1] if i + 1 < len(hits) else None
        titled = (
            hit.kind in COUNTRYLIKE
            and following is not None
            and following.name == hit.name
            and _TITLE_GAP.match(doc.low, hit.end, following.start) is not None
        )
        if hit.kind in COUNTRYLIKE and (titled or owns_the_measure(doc, hit)):
            owners.add(hit.name)
        else:
            others.add(hit.name)
    return others if len(others) >= 2 else others | owners


def _without_origins_of_goods(doc: Document, hits: list[PartyHit]) -> list[PartyHit]:
    """ "Trump and Modi discuss Russian oil": a country named only as where goods come from, in
    an agreement two other countries make, is not a side of it."""
    origins = {id(p) for p in hits if p.kind == "country" and _names_goods(doc, p)}
    if not origins:
        return hits
    sides = {p.name for p in hits if p.kind in COUNTRYLIKE and id(p) not in origins}
    if len(sides) < 2:
        return hits
    return [p for p in hits if id(p) not in origins or p.name in sides]


def _names_goods(doc: Document, hit: PartyHit) -> bool:
    """Whether the country's name stands right before a good ("Russian oil", "US soybeans")."""
    i = bisect_left(doc.commodity_starts, hit.end + 1)
    return (
        i < len(doc.commodities)
        and doc.commodities[i].start == hit.end + 1
        and (doc.low[hit.end] == " ")
    )


# "wins conditional EU approval", "the EU has cleared ...", "approval from Beijing".
_REGULATES_AFTER = re.compile(
    r"(?:'s?)?\s+(?:[a-z-]+\s+)?(?:approval|clearance|antitrust|competition (?:regulators?|watchdog"
    r"|authorit(?:y|ies)|chief|commissioner)|regulators?|watchdog)\b"
    r"|\s+(?:has\s+|have\s+)?(?:conditionally\s+|formally\s+|unconditionally\s+)?"
    r"(?:cleared|approved|blocked|vetoed)\b"
    # "The Justice Department must approve the merger": a sign-off still to come.
    r"|\s+(?:must|(?:still\s+)?(?:needs?|has|have|will have) to)\s+(?:still\s+|first\s+)?"
    r"(?:approve|clear|sign off on|rule on|review)\b"
)
_REGULATES_BEFORE = re.compile(r"\b(?:approval|clearance|go-ahead|nod) (?:from|by) (?:the )?$")


def _without_regulators(doc: Document, hits: list[PartyHit]) -> list[PartyHit]:
    """A government or bloc that approves or clears a deal between firms regulates it; it is not
    a side of it."""
    if len({p.name for p in hits if p.kind in _ORGANISATIONS}) < 2:
        return hits
    regulators = {
        p.name
        for p in doc.parties
        if p.kind in COUNTRYLIKE or p.kind == "government_body"
        if _REGULATES_AFTER.match(doc.low, p.end)
        or _REGULATES_BEFORE.search(doc.low, max(0, p.start - 30), p.start)
    }
    return [p for p in hits if p.name not in regulators] if regulators else hits


# "Uranium One Group, part of Russian state nuclear company Rosatom", "Reliance Retail, a unit of
# Reliance Industries": the group that owns a side.
_OWNED_BY = re.compile(
    r",?\s+(?:(?:which is|is|now|itself)\s+)?(?:(?:a|an|the)\s+)?(?:(?:wholly|majority|fully)[- ])?"
    r"(?:part of|unit of|subsidiary of|division of|arm of|affiliate of|owned by|controlled by"
    r"|[a-z]+ (?:unit|subsidiary|arm|division) of)\s+(?:the\s+)?(?:[\w'-]+\s+){0,5}?$"
)


# "Legacy Iron Ore, a Perth-based NMDC subsidiary": the group named before the unit noun.
_APPOSITION = re.compile(r",\s+(?:an?|the|its)\s+(?:[\w-]+\s+){0,3}?$")
_UNIT_NOUN = re.compile(r"(?:'s)?\s+(?:subsidiary|unit|arm|affiliate|division)\b")


def _without_parents(doc: Document, hits: list[PartyHit]) -> list[PartyHit]:
    """A group the story names as the owner of a side is not a side of its own."""
    names = {p.name for p in hits if p.kind in _ORGANISATIONS}
    if len(names) < 2:
        return hits
    parents = set()
    for hit in doc.parties:
        if hit.kind not in _ORGANISATIONS or hit.name not in names:
            continue
        for unit in doc.parties_by_sentence.get(hit.sentence, ()):
            if (
                unit.end < hit.start
                and unit.name in names
                and unit.name != hit.name
                and hit.start - unit.end < 90
                and (
                    _OWNED_BY.match(doc.low, unit.end, hit.start)
                    or (
                        _APPOSITION.match(doc.low, unit.end, hit.start)
                        and _UNIT_NOUN.match(doc.low, hit.end)
                    )
                )
            ):
                parents.add(hit.name)
    return [p for p in hits if p.name not in parents] if parents else hits


_ORGANISATIONS = frozenset({"company", "state_owned_enterprise", "sovereign_fund"})


def _without_home_countries(hits: list[PartyHit], listed: set[str]) -> list[PartyHit]:
    """ "Qatar inks gas deal with China" over "QatarEnergy will supply Sinopec": when two or more
    firms, or a firm and a government body, are named (not only described), a country that is
    only the home of one of them is not a side of its own."""
    sides = [
        p
        for p in hits
        if (p.kind in _ORGANISATIONS or p.kind == "government_body")
        and not p.name.endswith("(unnamed)")
    ]
    if len({p.name for p in sides}) < 2 or not any(p.kind in _ORGANISATIONS for p in sides):
        return hits
    homes = {p.country for p in sides if p.country}
    return [p for p in hits if p.kind != "country" or p.country not in homes or p.name in listed]


def _firms_after_the_lead(doc: Document, hits: list[PartyHit]) -> list[PartyHit]:
    """Organisations named in the sentence after the lead, in its paragraph: it goes on about the
    deal of the lead ("The state energy company said Sinopec will receive ...")."""
    first = doc.first_body_sentence
    sentences = doc.index.sentences
    if first is None or first + 1 >= len(sentences):
        return []
    if "\n" in doc.text[sentences[first].end : sentences[first + 1].start]:
        return []
    taken = {id(p) for p in hits}
    return [
        p
        for p in doc.parties_by_sentence.get(first + 1, ())
        if p.kind in _ORGANISATIONS
        and not p.excluded
        and not p.name.endswith("(unnamed)")
        and id(p) not in taken
    ]


def _firms_of_the_lead_countries(
    doc: Document, deal: DraftDeal, hits: list[PartyHit]
) -> list[PartyHit]:
    """ "First US LNG cargo to India arrives" over "GAIL India, which has contracted for LNG from
    Cheniere Energy, ...": a commercial deal the lead tells only by its countries is between the
    firms of those countries that the next sentences name."""
    if any(n.label == "trade" for n in deal.nouns):
        return []
    lead = doc.lead_sentences
    in_lead = [p for p in hits if p.sentence in lead]
    if any(p.kind not in COUNTRYLIKE for p in in_lead):
        return []
    countries = {p.country for p in in_lead if p.kind == "country" and p.country}
    first = doc.first_body_sentence
    if len(countries) < 2 or first is None:
        return []
    taken = {id(p) for p in hits}
    for i in range(first + 1, min(first + 4, len(doc.index.sentences))):
        firms = [
            p
            for p in doc.parties_by_sentence.get(i, ())
            if p.kind in _ORGANISATIONS
            and not p.excluded
            and not p.name.endswith("(unnamed)")
            and (p.country is None or p.country in countries)
        ]
        homes = {p.country for p in firms if p.country}
        if len({p.name for p in firms}) < 2 or not homes:
            continue
        unplaced = [p for p in firms if p.country is None]
        if len(homes) < 2 and not unplaced:
            continue
        if unplaced and len(countries - homes) == 1:
            # The firm of no known home is from the lead's other country.
            (home,) = countries - homes
            for firm in unplaced:
                firm.country = home
        return [p for p in firms if id(p) not in taken]
    return []


# ", ", " and ", ", and ": the gap between two items of a list.
_LIST_GAP = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?$")


# "in force for China, Japan and ...", "between Chile, Peru and ...": the list names the sides.
# "cooperation between the UAE, India and Israel", "trade between ...": ties of another kind.
_LIST_OF_SIDES = re.compile(
    r"\b(?:for|(?<!cooperation )(?<!relations )(?<!ties )(?<!trade )between|among|amongst"
    r"|including)\s+(?:the\s+)?$"
)


# "The ban also covers Tanzania", "the duties apply to Vietnam and Thailand", "aimed at Brazil":
# the countries a measure is said to reach, one or a list.
_REACHES_BEFORE = re.compile(
    r"\b(?:covers?|covering|extends?\s+to|extending\s+to|appl(?:y|ies|ying)\s+to|aimed\s+at"
    r"|affects|hits)\s+(?:(?:imports|goods|products|shipments)\s+from\s+)?(?:the\s+)?$"
)
# "South Korea, Thailand and India would also be hit", "Tanzania is covered too", "Albania,
# Montenegro and Iceland have been added to the list".
_REACHED_AFTER = re.compile(
    r"\s+(?:(?:would|will|could|may|might|are|is|were|was|have|has|had)\s+)?(?:also\s+|now\s+)?"
    r"(?:be\s+|been\s+)?(?:also\s+|now\s+)?(?:hit|affected|covered|caught|targeted|added\s+to)\b"
)


def listed_countries(doc: Document, hits: list[PartyHit]) -> set[str]:
    """The names of the countries among ``hits`` that a sentence lists as the ones a deal or
    measure covers ("including Indonesia, Thailand and South Korea")."""
    listed = _listed_countries(doc, hits)
    return {p.name for p in hits if id(p) in listed}


def _listed_countries(doc: Document, hits: list[PartyHit]) -> set[int]:
    """The country hits that stand in a list of three or more countries (by ``id``)."""
    listed: set[int] = set()
    run: list[PartyHit] = []
    for hit in [*hits, None]:
        if (
            hit is not None
            and hit.kind == "country"
            and run
            and hit.sentence == run[-1].sentence
            and _LIST_GAP.match(doc.text[run[-1].end : hit.start])
        ):
            run.append(hit)
            continue
        if run and (_lists_sides(doc, run) or _reached(doc, run)):
            listed.update(id(p) for p in run)
        run = [hit] if hit is not None and hit.kind == "country" else []
    return listed


def _lists_sides(doc: Document, run: list[PartyHit]) -> bool:
    """Whether a list of three or more countries is told as the ones a deal covers."""
    return len({p.name for p in run}) >= 3 and bool(
        _LIST_OF_SIDES.search(doc.low, max(0, run[0].start - 12), run[0].start)
    )


def _reached(doc: Document, run: list[PartyHit]) -> bool:
    """Whether one country or a list is told as reached by a measure."""
    return bool(
        _REACHES_BEFORE.search(doc.low, max(0, run[0].start - 40), run[0].start)
        or _REACHED_AFTER.match(doc.low, run[-1].end)
    )


def _members_named(doc: Document, deal: DraftDeal, hits: list[PartyHit]) -> list[PartyHit]:
    """Member countries of a bloc among the sides, named (half of them or more) in a sentence
    that names the bloc or speaks of its members: "the four Mercosur nations, Brazil, ..." lists
    them; "from farmers in Greece to carmakers in Germany" does not."""
    members = doc.gazetteer.bloc_members
    blocs = {p.name for p in hits if p.kind == "bloc" and p.name in members}
    if not blocs:
        return []
    found: list[PartyHit] = []
    for bloc in blocs:
        codes = members[bloc]
        sentences = {p.sentence for p in doc.parties if p.name == bloc}
        told = deal.sentences()
        for i in sorted(told | sentences):
            sentence_hits = doc.parties_by_sentence.get(i, ())
            named = [p for p in sentence_hits if p.kind == "country" and p.country in codes]
            if len({p.name for p in named}) * 2 < len(codes):
                continue
            s = doc.index.sentences[i]
            members_word = _MEMBERS.search(doc.low, s.start, s.end)
            if i in told and i not in sentences and not members_word:
                continue
            # A sentence of its own telling what the deal opens for the bloc's members ("to
            # lower duties in the South American market, whose other Mercosur members are
            # Paraguay and Uruguay") lists them too; one describing the bloc is background.
            if i not in told and not (members_word and _TRADE_TOLD.search(doc.low, s.start, s.end)):
                continue
            found += named
    return found


_TRADE_TOLD = re.compile(
    r"\b(?:dut(?:y|ies)|tariffs?|markets?|trade|exports?|imports?|market access|quotas?)\b"
)
_MEMBERS = re.compile(r"\bmembers?\b|\bmember (?:states|countries|nations)\b")


# "BYD: 17.4%", "Geely 18.8%", "Tesla, having made its case, will pay 7.8%": a firm given a rate.
_GIVEN_A_RATE = re.compile(
    r"(?::\s*|\s+|,[^.;]{0,90}?(?:\b(?:pays?|paying|faces?|facing|gets?|charged|at)\s+(?:an?\s+)?"
    r"|:\s*))"
    r"\d+(?:\.\d+)?\s*(?:%|per ?cent|percent)"
)


def rated_firms(doc: Document, deal: DraftDeal) -> list[PartyHit]:
    """Firms the story gives a rate of a tariff measure ("BYD: 17.4%"): its targets, wherever the
    story lists them."""
    if not any(c.label == "tariffs" for c in deal.nouns + deal.cues):
        return []
    return [
        p
        for p in doc.parties
        if p.kind in _ORGANISATIONS
        and not p.excluded
        and not p.name.endswith("(unnamed)")
        and _GIVEN_A_RATE.match(doc.text, p.end)
    ]


_SIDE_KINDS = frozenset({"country", "bloc", "government_body", *_ORGANISATIONS})


def background_agreements(doc: Document, deals: list[DraftDeal]) -> list[DraftDeal]:
    """Agreements a story tells in passing between other sides ("Last week Kazatomprom signed a
    cooperation agreement with Framatome"): a body sentence past the lead that states an
    agreement between two or more sides the lead does not name is an agreement of its own. Its
    cues are taken from the main agreement, which keeps those of the lead."""
    main = next((d for d in deals if d.kind == AGREEMENT), None)
    if main is None or not main.support:
        return []
    lead = doc.lead_sentences
    lead_names = {p.name for p in doc.parties if p.sentence in lead and not p.excluded}
    # The members of a bloc the lead names are its side, not sides of their own.
    codes = {c for name in lead_names for c in doc.gazetteer.bloc_members.get(name, ())}
    members = {p.name for p in doc.parties if p.kind == "country" and p.country in codes}
    # A deal told in passing is between firms or bodies ("Kazatomprom signed a cooperation
    # agreement with Framatome"); countries named in passing are context.
    firms = {p.name for p in doc.parties if p.kind in _ORGANISATIONS or p.kind == "government_body"}
    found: list[tuple[set[str], DraftDeal]] = []
    # "The agreement entered into force for China, Japan ...": the deal of the lead, told on.
    told = continuing_sentences(doc, main)
    held = _held_agreements(doc, main, lead | told)
    main.support += held
    for support in list(main.support):
        cue = support.cue
        i = cue.sentence
        if (
            i in lead
            or (cue.is_noun and not any(support is h for h in held))
            or support.weight < 0.5
        ):
            continue
        hits = [
            p
            for p in doc.parties_by_sentence.get(i, ())
            if p.kind in _SIDE_KINDS and not p.excluded and not p.name.endswith("(unnamed)")
        ]
        names = {p.name for p in hits}
        new = {name for name in names - lead_names if name not in members}
        sides = None
        if i in told or not (
            len(new) >= 2
            and any(n.sentence == i for n in main.nouns)
            and new & firms
            and not _PLURAL_DEALS.search(doc.low, *_span(doc, i))
        ):
            sides = _own_sides(doc, main, hits, new, i in told)
            if sides is None:
                continue
            names = {name for name in sides if name}
        target = next((d for known, d in found if len(known & names) >= 2), None)
        if target is None:
            target = DraftDeal(AGREEMENT)
            found.append((names, target))
            if sides is not None:
                target.sides = sides
        target.cues += [c for c in main.cues if c.sentence == i]
        target.nouns += [c for c in main.nouns if c.sentence == i]
        target.support += [s for s in main.support if s.cue.sentence == i]
    main.support = [s for s in main.support if not any(s is h for h in held)]
    if not found:
        return []
    moved = {i for _names, d in found for i in d.sentences()}
    if all(s.cue.sentence in moved for s in main.support):
        # Every statement of the agreement is of another one: it is that one, told on its own.
        return []
    main.cues = [c for c in main.cues if c.sentence not in moved]
    main.nouns = [c for c in main.nouns if c.sentence not in moved]
    main.support = [s for s in main.support if s.cue.sentence not in moved]
    main._sentences = main._by_sentence = main._sorted_starts = None
    return [d for _names, d in found]


# "a free trade agreement with the UK", "an offtake deal with South Korea's LG": an agreement
# with a party of its own.
_WITH_PARTY = re.compile(
    r"\s+(?:[\w'-]+\s+){0,2}?with\s+(?:the\s+)?(?:(?:[\w.-]+\s+)?[\w.-]+'s?\s+)?$"
)
# "Costa Rica's membership", "the accession of the UK": a country joining a bloc's agreement.
_JOINING_AFTER = re.compile(
    r"(?:'s?)?\s+(?:bid\s+for\s+|application\s+for\s+)?(?:membership|accession)\b"
)
_JOINING_BEFORE = re.compile(r"\b(?:membership|accession)\s+of\s+(?:the\s+)?$")


# "Liontown also has an offtake deal with LG": an agreement a side holds.
_HAS_A = re.compile(r"\b(?:has|have|had)\s+(?:also\s+|already\s+)?an?\s+(?:[\w-]+\s+){0,3}$")


def _held_agreements(doc: Document, main: DraftDeal, skipped: set[int]) -> list[Support]:
    """ "Liontown also has an offtake deal with South Korea's LG": an agreement with another
    party that a side of the story's deal has, told in a body sentence where nothing else happens
    to an agreement, is signed (a trade agreement, in force)."""
    strong = {s.cue.sentence for s in main.support if not s.cue.is_noun and s.weight >= 0.5}
    found = []
    for noun in main.nouns:
        i = noun.sentence
        if i in skipped or i in strong or doc.low[noun.end - 1] == "s":
            continue
        if _HAS_A.search(doc.low, max(0, noun.start - 40), noun.start):
            stage = "in_force" if noun.label == "trade" else "signed"
            found.append(Support(stage, 0.5, noun, False))
    return found


def _own_sides(
    doc: Document, main: DraftDeal, hits: list[PartyHit], new: set[str], told: bool
) -> tuple[str | None, str] | None:
    """The sides of an agreement a body sentence tells with one party of its own, besides the
    lead's sides: "India has signed a trade agreement with the UK" (India, the UK), "negotiations
    on Costa Rica's membership" of the lead's bloc (the bloc, Costa Rica). A sentence going on
    about the lead's deal ("the agreement with ...") tells no other one, except a country
    joining the lead's bloc."""
    lead = doc.lead_sentences
    lead_sides = [p for p in doc.parties if p.sentence in lead and p.kind in _SIDE_KINDS]
    if len({p.name for p in lead_sides if not p.excluded}) < 2:
        # "The EU sealed a trade deal on Tuesday ... with Indonesia": the lead's deal, whose other
        # side is named further down.
        return None
    blocs = [p.name for p in lead_sides if p.kind == "bloc"]
    found: set[tuple[str | None, str]] = set()
    for hit in hits:
        if hit.name not in new or (hit.kind not in COUNTRYLIKE and hit.kind not in _ORGANISATIONS):
            continue
        joining = _JOINING_AFTER.match(doc.low, hit.end)
        if joining or _JOINING_BEFORE.search(doc.low, max(0, hit.start - 30), hit.start):
            end = joining.end() if joining else hit.end
            if (
                len(set(blocs)) == 1
                and hit.kind == "country"
                and not _joins_another(doc, hit, end, blocs[0])
            ):
                found.add((blocs[0], hit.name))
            continue
        if told:
            continue
        for noun in main.nouns:
            if (
                noun.sentence == hit.sentence
                and noun.end <= hit.start < noun.end + 60
                and _WITH_PARTY.fullmatch(doc.low, noun.end, hit.start)
                and not _DEFINITE.search(doc.low, max(0, noun.start - 40), noun.start)
            ):
                owners = [p for p in hits if p.end <= noun.start and p.name not in new]
                found.add((owners[-1].name if owners else None, hit.name))
    return found.pop() if len(found) == 1 else None


def _joins_another(doc: Document, hit: PartyHit, end: int, bloc: str) -> bool:
    """ "Kazakhstan's membership of the WTO": the body named right after is not the lead's bloc."""
    return any(
        p.kind in _BODIES and p.name != bloc and end <= p.start < end + 40
        for p in doc.parties_by_sentence.get(hit.sentence, ())
    )


_BODIES = frozenset({"bloc", "international_org"})


# "signed several deals to supply ...": deals of a kind, not one agreement.
_PLURAL_DEALS = re.compile(r"\b(?:deals|agreements|contracts|pacts|accords|treaties)\b")


def _span(doc: Document, i: int) -> tuple[int, int]:
    s = doc.index.sentences[i]
    return s.start, s.end
