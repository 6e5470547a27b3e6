"""Stage statements of the measure track: a ban, tariff or other measure threatened, imposed,
changed or lifted ("bans exports", "raises tariffs to 25%", "lifted the duties").

The entries are in the format of :data:`~deals.extraction.stage_cue_parts.StageCue`. Two lists,
spliced into :data:`~deals.extraction.stage_cues.STAGE_CUES` at their places:
``MEASURE_FIRST_CUES`` go before every other table ("suspended exports" imposes a ban, it does
not pause one; "finalises tariffs" makes a measure definitive, it agrees no deal), and
``MEASURE_CUES`` after the agreement and off-track tables. A few of the latter also say what the
same verb means of an agreement ("mulls a deal" is talks).
"""

from __future__ import annotations

from .lexicon import MEASURE_NOUN as _MNOUN
from .stage_cue_parts import StageCue
from .stage_cue_parts import rx as _rx

# "lifting the tariffs to 50%" raises them; "lift trade", "lifted shares", "a lift to exports"
# boost something: none of them lifts a measure.
_NOT_A_RAISE = (
    r"(?!\s+(?:[\w-]+\s+){0,5}?to\s+\d)"
    # "lifted the import tax on edible oils by 20 percentage points" raises it.
    r"(?!\s+(?:[\w-]+\s+){0,10}?by\s+\d[\d.]*\s*(?:%|per\s*cent|percent|percentage|pc\b|points"
    r"|basis))"
    r"(?!\s+to\b|\s+(?:(?:the|its|their|non-oil|bilateral|two-way)\s+)?(?:trade|shares"
    r"|prices|output|growth|sales|demand|investment|ties|economy|volumes)\b)"
)

# "its 'white list' of trusted trading partners", "India's trade preferences". Whom the list
# speaks of is checked in its sentence: a white list of software is no trade privilege.
_FAVOURED_LIST = (
    r"(?:the\s+|its\s+|their\s+|a\s+|[\w-]+'s\s+)?(?:own\s+)?(?:[\w'\"-]+\s+){0,3}?[\"']?"
    r"(?:white[- ]?list|(?:list|group) of (?:[\w-]+ ){0,2}?(?:trusted|preferred|favou?red"
    r"|friendly) (?:[\w-]+ ){0,2}?(?:countries|nations|partners|destinations)"
    r"|preferential (?:trade |trading |export )?(?:status|treatment|access)"
    r"|trade preferences|trad(?:e|ing) privileges)\b"
)
# "25 lakh tonnes", "an additional 5 LMT", "1.5 million tons".
_AN_AMOUNT = (
    r"(?:an?\s+)?(?:additional\s+|further\s+|another\s+|up to\s+|about\s+|around\s+)?"
    r"[\d.,]+\s*(?:lakh|million|mn|m|thousand|crore|billion|bn|k)?\s*(?:metric\s+)?"
    r"(?:tonnes|tons|t|mt|lmt|lakh|barrels|bales|units|cubic metres)\b"
)
_S = dict

# -- export bans first: "suspended exports" imposes a measure, it does not pause one --
MEASURE_FIRST_CUES: list[StageCue] = [
    (
        _rx(
            r"\b(?:banned|bans|banning|prohibited|prohibits|barred|bars|blocked|blocks|restricted"
            r"|restricts|halted|halts|curbed|curbs|suspended|suspends|stopped|stops|limited|limits)"
            # "curbs on exports" is the measure named, not a verb; "suspends export curbs",
            # "suspended its ban on exports" or "suspends the duty on sugar imports" pauses the
            # measure.
            r"(?!\s+on\b)\s+(?:the\s+)?(?:(?!(?:bans?|curbs|controls|restrictions|quotas?"
            r"|embargo(?:es)?|prohibitions?|dut(?:y|ies)|(?:counter-)?tariffs?|tax(?:es)?|levy"
            r"|levies|surtax|sanctions)(?![\w-]))[\w-]+\s+){0,3}?(?:exports?|imports?|shipments|sales"
            r"|outbound|deliveries|supplies)\b"
            r"(?!\s+(?:curbs|controls?|bans?|restrictions|quotas?|licen[cs]|dut(?:y|ies)|tariffs"
            r"|tax(?:es)?|levies|prohibitions?)\b)"
        ),
        "M",
        _S(measure="imposed"),
        1.05,
        "export ban",
    ),
    # "partly lifted its curbs", "partially eases the ban": the rest of the measure stays.
    (
        _rx(
            r"\b(?:partly|partially)\s+(?:lift(?:s|ed|ing)?|eas(?:e|es|ed|ing)|relax(?:es|ed|ing)?"
            r"|loosen(?:s|ed|ing)?|remov(?:e|es|ed|ing)|roll(?:s|ed|ing)? back"
            r"|scal(?:e|es|ed|ing) back|revok(?:e|es|ed|ing))\b"
        ),
        "M",
        _S(measure="imposed"),
        1.0,
        "",
    ),
    # "revoked the registration of Canada's largest canola exporter": a trader barred from a
    # market, not a measure lifted.
    (
        _rx(
            r"\b(?:revok(?:ed|es|ing)|suspend(?:ed|s|ing)|cancel(?:l)?(?:ed|s|ing)|withdr(?:ew|awn"
            r"|aws)|strip(?:ped|s))\s+(?:the\s+|its\s+|their\s+)?(?:[\w'-]+\s+){0,3}?"
            r"(?:export\s+|import\s+|trading\s+)?(?:licen[cs]es?|permits?|registrations?"
            r"|certificat(?:es?|ions?)|accreditations?)\b"
        ),
        "M",
        _S(measure="imposed"),
        1.0,
        "import ban",
    ),
    # "Indonesia's decision to stop exports", "Malawi decided to block imports": a decision
    # already taken, not a plan.
    (
        _rx(
            r"\b(?:decision|move|decree|regulation|policy|decided|decides|voted)\s+to\s+(?:ban"
            r"|prohibit|bar|halt|restrict|curb|stop|suspend|limit|block)\s+(?:the\s+)?"
            r"(?:[\w-]+\s+){0,3}?(?:exports?|imports?"
            r"|shipments|sales|deliveries)\b"
        ),
        "M",
        _S(measure="imposed"),
        1.0,
        "export ban",
    ),
    # A list of partners a government trusts with lighter export screening or trade privileges:
    # dropping a country from it puts a measure on that country, restoring it lifts the measure.
    (
        _rx(
            r"\b(?:remov|drop|strip|struck|strik|delist|exclud|expel|kick|eject|downgrad)\w*\s+"
            r"(?:[\w'.-]+\s+){0,4}?(?:from|off|of)\s+" + _FAVOURED_LIST
        ),
        "M",
        _S(measure="imposed"),
        1.0,
        "white list",
    ),
    (
        _rx(
            r"\b(?:restor|return|reinstat|re-?add|readmit|re-?list|re-?includ)\w*\s+"
            r"(?:[\w'.-]+\s+){0,4}?(?:to|on|onto|in|into)\s+"
            + _FAVOURED_LIST
            + r"|\b(?:put|puts|putting|placed|places|placing|added|adds|adding|brought|brings"
            r"|bringing)\s+(?:[\w'.-]+\s+){0,4}?back\s+(?:on|onto|to|in|into)\s+"
            + _FAVOURED_LIST
            + r"|\b(?:restor|reinstat)\w*\s+(?:[\w'.-]+\s+){0,2}?"
            + _FAVOURED_LIST
        ),
        "M",
        _S(measure="lifted"),
        1.0,
        "white list",
    ),
    # "exports of wheat remain prohibited": the ban told in the passive.
    (
        _rx(
            r"\b(?:exports?|imports?|shipments|sales)\s+(?:(?:policy\s+)?of\s+(?:[\w,-]+\s+){1,5}?)?"
            r"\.*(?:is|are|was|were|remains?|remained|stays?|stayed|continues?\s+to\s+(?:remain|be)"
            r"|(?:shall|will)\s+(?:continue\s+to\s+)?remain|(?:has|have|had)\s+been)\s+"
            r"(?:\w+ly\s+)?(?:prohibited|banned|barred|forbidden|restricted|curbed)\b"
        ),
        "M",
        _S(measure="imposed"),
        1.0,
        "export ban",
    ),
    # "allowed exports of 25 lakh tonnes of wheat": an amount let out of a ban is the ban's news.
    (
        _rx(
            r"\b(?:allow(?:s|ed|ing)?|permit(?:s|ted|ting)?|approv(?:es|ed|ing))\s+(?:the\s+)?"
            r"(?:exports?|imports?|shipments|sales)\s+of\s+"
            + _AN_AMOUNT
            + r"|\b(?:exports?|imports?|shipments)\s+of\s+"
            + _AN_AMOUNT
            + r"(?:\s+\S+){0,5}?\s+(?:is|are|was|were|has been|have been)\s+(?:allowed|permitted)\b"
        ),
        "M",
        _S(measure="imposed"),
        0.9,
        "export allowance",
    ),
    # "the cabinet approved a lithium ore export policy": the policy is adopted.
    (
        _rx(
            r"\b(?:approv(?:ed|es)|adopt(?:ed|s)|endors(?:ed|es)|enact(?:ed|s)|notif(?:ied|ies))\s+"
            r"(?:a\s+|an\s+|the\s+|its\s+)?(?:new\s+|revised\s+)?(?:[\w-]+\s+){0,3}?"
            r"(?:(?:export|import)\s+polic(?:y|ies)\b|polic(?:y|ies)\s+(?:on|for|governing"
            r"|banning|restricting|limiting|requiring|to\s+(?:ban|restrict|limit|regulate|halt"
            r"|curb|stop))\s+(?:[\w-]+\s+){0,6}?(?:exports?|imports?)\b)"
        ),
        "M",
        _S(measure="imposed"),
        1.0,
        "export controls",
    ),
    # "a pricing deal to avoid EU tariffs", "minimum prices in place of duties": exporters'
    # undertaking to respect a price floor is the form the trade-defence measure takes.
    (
        _rx(
            r"\b(?:accept(?:ed|s|ing)?|approv(?:ed|es|ing)|agreed)\s+(?:[\w-]+\s+){0,2}?"
            r"price undertakings?\b"
            r"|\b(?:price undertakings?|minimum (?:import )?prices?|price floors?"
            r"|(?:pric(?:e|ing)|minimum[- ]price)\s+(?:deal|agreement|arrangement|accord"
            r"|commitments?|pledges?))\s+(?:[\w-]+\s+){0,4}?(?:in place of|instead of"
            r"|in lieu of|to replace|replacing|to (?:avoid|avert|end|settle)|avoiding|averting"
            r"|ending|settling|rather than)\s+"
            r"(?:[\w%.-]+\s+){0,3}?" + _MNOUN + r"\b"
        ),
        "M",
        _S(measure="imposed"),
        0.9,
        "tariffs",
    ),
    # "finalises tariffs on Chinese EVs": a measure made definitive, before "finalised" is read
    # as a deal agreed.
    (
        _rx(r"\bfinali[sz](?:ed|es|ing)\s+(?:[\w%.$-]+\s+){0,3}?" + _MNOUN + r"\b"),
        "M",
        _S(measure="imposed"),
        1.0,
        "",
    ),
    # "The government agreed on Tuesday to extend a ban on imports": a government's decision on
    # its own measure, before "agreed" is read as a deal agreed.
    (
        _rx(
            r"\b(?:government|cabinet|ministry|parliament|authorities)\s+(?:has\s+|had\s+)?"
            r"agreed\s+(?:[\w-]+\s+){0,2}?to\s+(?:extend|impose|introduce|reimpose|keep|maintain"
            r"|prolong|raise|increase)\s+(?:[\w%.$-]+\s+){0,3}?" + _MNOUN + r"\b"
        ),
        "M",
        _S(measure="threatened"),
        0.9,
        "",
    ),
]

MEASURE_CUES: list[StageCue] = [
    # "to ban nickel ore exports from 2030": a ban announced for later is threatened, not imposed.
    (
        _rx(
            # "would suspend imports of pineapples from March 1": the same, told as said.
            r"\b(?:to|will|would|shall)\s+(?:ban|prohibit|bar|halt|restrict|curb|stop|suspend"
            r"|limit|block)\s+"
            r"(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:exports?|imports?|shipments|sales)\b"
        ),
        "M",
        _S(measure="threatened"),
        1.0,
        "export ban",
    ),
    # "readies tariffs", "draws up duties", "recommends sanctions": a measure on its way.
    (
        _rx(
            r"\b(?:eye(?:s|d|ing)?|recommend(?:s|ed|ing)?|read(?:y|ies|ied|ying)|prepar(?:e|es|ed"
            r"|ing)|draw(?:s|ing)? up|drew up|drawn up|draft(?:s|ed|ing)?|moot(?:s|ed|ing)?"
            r"|contemplat(?:e|es|ed|ing))\s+(?:(?!(?:lift|lifting|removal|removing|end|ending|cut"
            r"|cutting|scrap|scrapping|ease|easing)\b)[\w%.$-]+\s+){0,3}?" + _MNOUN + r"\b"
            r"(?!\s+(?:relief|exemptions?|waivers?|cuts?|reductions?|refunds?|breaks?|removal"
            r"|truce|deal|talks)\b)"
        ),
        "M",
        _S(measure="threatened"),
        1.0,
        "",
    ),
    # "is weighing a bid", "mulls tariffs": an agreement considered is talked about; a measure
    # considered is threatened.
    (
        _rx(
            r"\b(?:is|are|was|were) (?:\w+ly )?(?:considering|weighing|mulling|studying)\b"
            r"|\b(?:mulls|weighs|considers)\b"
            # Headlines drop the "is": "Poland considering ban on grain imports", "Chile mulling
            # trade deal with India". Bare, the verb must be followed by what is considered.
            r"|\b(?:considering|mulling|weighing|contemplating)\s+(?:an?\s+|the\s+|new\s+"
            r"|fresh\s+|possible\s+|further\s+)?(?:[\w-]+\s+){0,2}?(?:" + _MNOUN + r"|deals?"
            r"|agreements?|pacts?|accords?|tie-ups?|joint ventures?|mergers?|stakes?|bids?"
            r"|offers?|investments?)\b"
        ),
        "AM",
        _S(agreement="talks", measure="threatened"),
        0.9,
        "",
    ),
    # "launched an anti-dumping probe", "draft rules": a measure on its way.
    (
        _rx(
            r"\b(?:launched|launches|launch|opened|opens|initiated|initiates|began|begins|started"
            r"|starts) (?:an? |the |its )?(?:[\w-]+ ){0,3}?(?:probe|investigation|inquiry)\b"
            r"|\bdraft (?:rules|regulations?|law|bill|measures|decree)\b"
        ),
        "M",
        _S(measure="threatened"),
        0.8,
        "",
    ),
    (
        _rx(r"\bpropos(?:es|ing)\b|\bproposed (?=an? |the )"),
        "AM",
        _S(agreement="talks", measure="threatened"),
        0.9,
        "",
    ),
    (
        _rx(
            r"\b(?:threat(?:en|ens|ened|ening)?|threats)\b"
            r"|\b(?:proposed|proposes|proposing)\b"
            r"|\b(?:plans|planned|planning) (?:to )?(?:impose|introduce|levy|ban|restrict|slap"
            r"|raise|new|fresh|tariffs|sanctions)\b"
            r"|\bwarn(?:ed|s|ing)?\b"
            r"|\b(?:is|are|was|were) (?:\w+ly )?preparing\b"
            r"|\b(?:floats|floated|vows|vowed|pledged|pledges)\b"
            r"|\b(?:could|would|will|may) (?:soon )?face\b"
            r"|\b(?:possible|potential|looming|threat of|risk of|bracing for) (?:[\w%-]+ ){0,2}?"
            r"(?:tariffs?|duties|sanctions|bans?|retaliation|countermeasures|curbs)\b"
        ),
        "M",
        _S(measure="threatened"),
        1.0,
        "",
    ),
    # "announces restrictions on maize exports", "unveiled a ban": a government announcing its
    # measure has decided it, so it is in effect unless a later date or a time still to come is
    # given for it.
    (
        _rx(
            r"\b(?:announc(?:ed|es|ing)|unveil(?:ed|s|ing))\s+(?:(?:an?|the|its|their|new|fresh|immediate"
            r"|further)\s+){0,2}(?:(?!(?:lift\w*|remov\w+|end\w*|suspen\w+|paus\w+|halt\w*|cut\w*"
            r"|reduc\w+|eas\w+|scrap\w*|repeal\w*|roll\w*|waiv\w+|exempt\w*|relief|delay\w*"
            r"|probes?|investigations?|reviews?|plans?|proposals?|possible|threat\w*|of|to)\b)"
            r"[\w%.$-]+\s+){0,2}?" + _MNOUN + r"\b"
            r"(?!\s+(?:relief|exemptions?|waivers?|removal|truce|deal|talks|threats?)\b)"
            # "announced tariffs of its own, due to be imposed on Tuesday": still to come.
            r"(?![^.;]{0,80}?\b(?:due|set|scheduled|slated|expected) to\b)"
        ),
        "AM",
        _S(agreement="framework", measure="imposed"),
        0.9,
        "",
    ),
    (
        _rx(r"\b(?:announc(?:ed|es|ing)|unveil(?:ed|s|ing))\b"),
        "AM",
        _S(agreement="framework", measure="threatened"),
        0.7,
        "",
    ),
    (
        _rx(
            r"\b(?:impos(?:ed|es|ing)|slap(?:ped|s|ping)|levied|levying"
            # "introduced a bill": lawmakers propose, they do not impose.
            r"|introduc(?:ed|es)(?! (?:a |an |the )?(?:[\w-]+ )?(?:bill|legislation|motion"
            r"|resolution|amendment))"
            r"|enact(?:ed|s)|reimpos(?:ed|es)|reinstat(?:ed|es)"
            r"|retaliat(?:ed|es)|hit with|hits with|sanctioned"
            r"|blacklisted|signed into law|(?:is|are|remain|remains) subject to"
            r"|still fac(?:e|es|ing)|continue to face|continues to face|now fac(?:e|es|ing)"
            r"|(?:kicked|kicks|kick) in|(?:began|begun|begins|started|starts) (?:collecting"
            r"|charging|levying))\b"
            r"|\b(?:added|adds|adding) (?:[\w-]+ ){0,5}?to (?:the |its |a |their )?"
            r"(?:[\w-]+ ){0,2}?(?:entity list|blacklist|sanctions list|export control list|ban"
            r"|embargo)"
            r"|\b(?:raised|raises|hiked|hikes|increased|increases|doubled|doubles"
            r"|tripled|triples|adds|added"
            r"|quadrupled|quadruples"
            r"|expanded|expands|extended|extends|tightened|tightens|widened|widens|broadened"
            r"|broadens|enforced|enforces|renewed|renews|stepped up|steps up|ramped up|ramps up)\s+"
            r"(?:(?!pause|suspension|exemption|reprieve|truce|waiver|delay|moratorium|deadline)"
            r"[\w%.$-]+\s+){0,3}?" + _MNOUN + r"\b"
        ),
        "M",
        _S(measure="imposed"),
        1.0,
        "",
    ),
    # "cut the duties on canola to 15%", "lowers tariffs on cars": a measure at a new, lower
    # rate is still in effect; so is one whose rate "rose to 35%" or "was cut to 15%". "The cut"
    # is a noun, and a clause that goes on ("welcomed the cut but said the duty ...") speaks of
    # something else.
    (
        _rx(
            r"(?<!\bthe )(?<!\ba )"
            r"\b(?:cut|cuts|cutting|lower(?:ed|s|ing)?|reduc(?:e|ed|es|ing)|slash(?:ed|es|ing)?"
            r"|trim(?:med|s|ming)?)\s+(?:(?!(?:but|and|while|said|says)\b)[\w%.$-]+\s+){0,3}?"
            + _MNOUN
            + r"\b(?!\s+(?:uncertainty|concerns?|risks?|exposure|bills?|costs?)\b)"
            r"|\b" + _MNOUN + r"\s+(?:(?!to\b)[\w%.$'-]+\s+){0,5}?(?:(?:was|were|have been"
            r"|has been|are|is)\s+)?(?P<verb>rose|rise|rises|risen|climbed|climbs|jumped|jumps"
            r"|fell|falls|fall|dropped|drops|cut|lowered|reduced|raised|increased|hiked"
            r"|went up|goes up"
            r"|came down|comes down)(?=\s)\s+(?:from\s+[\d.]+%?\s+)?to\s+(?:about\s+"
            r"|around\s+)?\d"
        ),
        "M",
        _S(measure="imposed"),
        1.0,
        "",
    ),
    (_rx(r"\b(?:impose|slap|levy|reimpose)\b"), "M", _S(measure="imposed"), 0.9, ""),
    # "he would put tariffs of 100% on chips": a measure put in place, or (with its modal) meant.
    (
        _rx(
            r"\b(?:put|puts|putting|place|places|placed|placing)\s+(?:[\w%.$-]+\s+){0,3}?"
            + _MNOUN
            + r"\b(?!\s+on\s+(?:hold|ice)\b)"
        ),
        "M",
        _S(measure="imposed"),
        0.9,
        "",
    ),
    (
        _rx(
            r"\b(?:raise|hike|increase|double|triple|quadruple|add|widen|broaden|enforce|renew"
            r"|tighten|step up|ramp up)\s+(?:[\w%.$-]+\s+){0,3}?" + _MNOUN + r"\b"
        ),
        "M",
        _S(measure="imposed"),
        0.9,
        "",
    ),
    (
        _rx(
            r"\bsign(?:s|ed)? (?:an? |the )?(?:new )?(?:[\w-]+ )?(?:executive order|order"
            r"|proclamation|decree)\b"
            # "signs an order implementing the trade deal": the order puts an agreement in force.
            r"(?!,? (?:implementing|to implement|putting|giving effect|bringing))"
        ),
        "M",
        _S(measure="imposed"),
        0.6,
        "",
    ),
    # "the WTO ruled against the ban": a ruling on a measure tells it is in place; it lifts
    # nothing until the government does.
    (
        _rx(
            r"\b(?:rul(?:ed|es|ing|ings)|decided|decision|verdict|found|finds) against (?:the |its "
            r"|their |an? |[\w.-]+'s )?(?:[\w%.$-]+ ){0,3}?" + _MNOUN + r"\b"
        ),
        "M",
        _S(measure="imposed"),
        0.6,
        "",
    ),
    (
        _rx(
            r"\b(?:struck down|strikes down|strike down|overturn(?:ed|s)|invalidat(?:ed|es))\b"
            r"|\b(?:lift(?:s|ed|ing)?" + _NOT_A_RAISE + r"|remov(?:ed|es|ing)"
            r"|revok(?:ed|es|ing)|rescind(?:ed|s)?"
            r"|repeal(?:ed|s)?|(?:dropped|drops|ended|ends|eliminated|eliminates|waived|waives"
            r"|exempted|exempts|rolled back|rolls back|axed|axes|abolish(?:ed|es|ing)?"
            r"|phas(?:e|ed|es|ing) out|ditch(?:ed|es|ing)?|relax(?:ed|es|ing)?|unw(?:ound|inds)"
            r"|dismantl(?:ed|es|ing)|annull?(?:ed|s)|(?:did|does|doing) away with)\s+"
            r"(?:[\w%.$-]+\s+){0,3}?"
            + _MNOUN
            + r"|(?:ended|ends|end|lifted|lifts|lift|undoes|undid|reversed|reverses) (?:the |a "
            r"|its )?"
            r"(?:[\w-]+ )?(?:freeze|moratorium|pause)" + r"|expired|expires|lapsed|lapses"
            r"|(?:eased|eases) (?:\w+ ){0,2}" + _MNOUN + r")\b"
        ),
        "M",
        _S(measure="lifted"),
        1.0,
        "",
    ),
    (
        _rx(
            r"\b(?:lift" + _NOT_A_RAISE + r"|remove|revoke|rescind"
            r"|repeal)\b"
            # "to scrap tariffs", "will ease import restrictions": the base forms of the verbs
            # above that need their measure named.
            r"|\b(?:scrap|eliminate|waive|axe|abolish|ditch|relax|ease|roll back|dismantle"
            r"|annul|do away with)\s+(?:[\w%.$-]+\s+){0,3}?" + _MNOUN + r"\b"
        ),
        "M",
        _S(measure="lifted"),
        0.9,
        "",
    ),
]
