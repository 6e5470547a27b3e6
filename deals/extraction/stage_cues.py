"""Stage statements: what happened to a deal or measure ("signed", "lifted", "in preliminary
talks"), each with the kinds of deal it can speak of, the stage it says per kind and its weight.

Every pattern runs on lower-cased, normalised text (ASCII quotes and dashes) and begins with
literal words, so that :class:`~deals.extraction.prefixes.PrefixMatcher` can anchor it. Earlier
patterns win where two overlap, so the more specific reading of a phrase comes first.
"""

from __future__ import annotations

import re

from .lexicon import MEASURE_NOUN as _MNOUN
from .stage_subjects import AGREEMENT_SUBJECT_CUES, MEASURE_SUBJECT_CUES


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# "lifting the tariffs to 50%" raises them; "lift trade", "lifted shares", "a lift to exports"
# boost something: none of them lifts a measure.
_NOT_A_RAISE = (
    r"(?!\s+(?:[\w-]+\s+){0,5}?to\s+\d)"
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

# (pattern, kinds, {kind: stage}, weight, label)
_S = dict
STAGE_CUES: list[tuple[re.Pattern[str], str, dict[str, str], float, str]] = [
    # -- export bans first: "suspended exports" imposes a measure, it does not pause one --
    (
        _rx(
            r"\b(?:banned|bans|banning|prohibited|prohibits|barred|bars|blocked|blocks|restricted"
            r"|restricts|halted|halts|curbed|curbs|suspended|suspends|stopped|stops|limited|limits)"
            # "curbs on exports" is the measure named, not a verb; "suspends export curbs" or
            # "suspended its ban on exports" pauses the measure.
            r"(?!\s+on\b)\s+(?:the\s+)?(?:(?!(?:bans?|curbs|controls|restrictions|quotas?"
            r"|embargo(?:es)?|prohibitions?)\b)[\w-]+\s+){0,3}?(?:exports?|imports?|shipments|sales"
            r"|outbound|deliveries|supplies)\b"
            r"(?!\s+(?:curbs|controls?|bans?|restrictions|quotas?|licen[cs]|dut(?:y|ies)|tariffs"
            r"|tax(?:es)?|levies|prohibitions?)\b)"
        ),
        "M",
        _S(measure="imposed"),
        1.05,
        "export ban",
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
    # "Indonesia's decision to stop exports": a decision already taken, not a plan.
    (
        _rx(
            r"\b(?:decision|move|decree|regulation|policy)\s+to\s+(?:ban|prohibit|bar|halt|restrict"
            r"|curb|stop|suspend|limit)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:exports?|imports?"
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
    # -- talks stopped: before "talks with" takes the words --
    # "failed to agree on a deal": before "agree on" reads as a deal agreed.
    (
        _rx(
            r"\b(?:failed|fail|fails|failing) to (?:reach|agree|clinch|strike|seal|conclude"
            r"|close|finali[sz]e|secure|hammer out|bridge)\b"
        ),
        "A",
        _S(agreement="collapsed"),
        1.0,
        "",
    ),
    *AGREEMENT_SUBJECT_CUES,
    (
        _rx(r"\b(?:halted|halts|halt) (?:the )?(?:[\w-]+ ){0,2}?(?:talks|negotiations)\b"),
        "A",
        _S(agreement="suspended"),
        1.0,
        "",
    ),
    (
        _rx(
            r"\b(?:terminated|terminates|ended|ends|broke off|breaks off|broken off) (?:the |its "
            r"|their )?(?:[\w-]+ ){0,2}?(?:talks|negotiations)\b"
        ),
        "A",
        _S(agreement="collapsed"),
        1.0,
        "",
    ),
    # -- agreement track --
    # "approved the interim trade agreement", "trade deal clears parliament": an approval, before
    # "interim agreement" or "trade deal" on their own are read as a deal agreed.
    (
        _rx(
            r"\b(?:approved|approves|ratified|ratifies|cleared|clears|passed|passes"
            r"|rubber-stamp(?:ed|s)?) (?:the |a |an )?"
            r"(?:[\w$.'-]+ ){0,3}?(?:deal|agreement|pact|treaty|accord|fta|cepa)\b"
            r"|\b(?:cleared|clears|passed|passes) (?:the |its )?(?:[\w-]+ )?(?:parliament|senate"
            r"|congress|legislature|assembly|lower house|upper house)\b"
            r"|\b(?:won|wins|gets|got|secured|secures) (?:the )?(?:[\w-]+ ){0,2}?"
            r"(?:parliament(?:'s)?|parliamentary|senate|congressional|legislative)"
            r" (?:backing|approval|vote|nod)\b"
        ),
        "A",
        _S(agreement="in_force"),
        1.0,
        "",
    ),
    # Launching talks is the formal start of negotiations; it goes before "talks with" so that
    # "launches talks with" is read as negotiating, not as early talks.
    (
        _rx(
            r"\b(?:launch|relaunch|re-launch|reopen|re-open)(?:ed|es|s|ing)?\s+"
            # "launched exploratory talks" are early talks, not negotiations.
            r"(?:(?!(?:exploratory|preliminary|informal|early|early-stage|initial|scoping"
            r"|introductory)\b)[\w-]+\s+){0,3}?(?:negotiations|talks)\b"
        ),
        "A",
        _S(agreement="negotiating"),
        0.9,
        "",
    ),
    # "agreed to start talks": what was agreed is to negotiate.
    (
        _rx(
            r"\bagree[sd]?\s+(?:[\w,-]+\s+){0,6}?to\s+(?:formally\s+)?(?:start|launch|begin|open"
            r"|hold|resume|restart"
            r"|continue|accelerate|intensify|step up)\s+(?:[\w-]+\s+){0,3}?(?:talks|negotiations"
            r"|discussions)\b"
            r"|\b(?:far along|well advanced|at an advanced stage|in advanced|in the final stages?"
            r"|in the final stretch|in the closing stages?|in (?:formal )?negotiations)\b"
            r"|\b(?:final stretch|final stages? of (?:the )?(?:talks|negotiations))\b"
            r"|\bclose to (?:a |an |the )?(?:deal|agreement|finali[sz]|sign|putting|conclud|clinch"
            r"|wrap)"
            r"|\bnearing (?:a |an |the )?(?:deal|agreement|conclusion)\b"
            r"|\b(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
            r"|next|new|fresh|latest|another|opening|final) round\b"
            r"|\b(?:negotiations|talks) (?:have |has )?(?:officially |formally )?(?:begun|began"
            r"|started|opened|got under way|are under way|are underway|(?:have )?intensified"
            r"|intensify)\b"
        ),
        "A",
        _S(agreement="negotiating"),
        0.9,
        "",
    ),
    # "edge closer to a deal", "made progress": the sides are negotiating.
    (
        _rx(
            r"\bnear(?:s|ed)? (?:a |an |the )?(?:final )?(?:[\w-]+ )?(?:deal|agreement|pact"
            r"|accord|conclusion)\b"
            r"|\bnearing (?:a |an |the )?(?:final )?(?:[\w-]+ )?(?:pact|accord)\b"
            r"|\b(?:edg(?:e|es|ed|ing)|inch(?:es|ed|ing)?|mov(?:e|es|ed|ing)|draw(?:s|ing)?|drew)"
            r" (?:ever |a step )?closer (?:to|towards?)\b"
            r"|\b(?:clos(?:e|es|ed|ing)|hom(?:e|es|ed|ing)) in on\b|\bwithin reach\b"
            r"|\b(?:made|make|makes|making) (?:(?:good|significant|substantial|considerable|further"
            r"|real|steady|rapid|major|great|big|much|important|some|more) )?progress\b"
        ),
        "A",
        _S(agreement="negotiating"),
        0.9,
        "",
    ),
    # "agreed to explore a trade pact", "a joint feasibility study": what was agreed is to see
    # whether to negotiate.
    (
        _rx(
            r"\bagree[sd]?\s+to\s+(?:jointly\s+)?(?:explore|study|consider|look into|examine"
            r"|assess|work towards?)\b|\b(?:joint |feasibility )study\b"
        ),
        "A",
        _S(agreement="talks"),
        0.9,
        "",
    ),
    # "agreed to pull out": an exit, not an agreement.
    (
        _rx(
            r"\bagree[sd]?\s+to\s+(?:formally\s+)?(?:pull out|withdraw|exit|scrap|cancel|terminate"
            r"|end|abandon|drop|quit)\b"
        ),
        "A",
        _S(agreement="cancelled"),
        1.0,
        "",
    ),
    (
        _rx(
            r"\b(?:in|held|holding|hold|holds|began|begun)\s+(?:\w+\s+)?(?:talks|discussions)\b"
            r"|\bdiscuss(?:es|ed|ing)?\b|\btalks (?:with|between)\b"
            r"|\b(?:exploratory|preliminary|informal|early|early-stage|initial|scoping"
            r"|introductory) (?:talks|discussions|contacts|consultations)\b"
        ),
        "A",
        _S(agreement="talks"),
        0.8,
        "",
    ),
    (
        _rx(
            r"\b(?:expressed|expresses|signal(?:l)?ed|signals|showed|shown)\s+(?:\w+\s+)?"
            r"(?:willingness|interest|openness)\b"
            r"|\b(?:is|are|was|were|remains?)\s+(?:\w+ly\s+)?(?:open to|willing to|interested in"
            r"|keen to|keen on|exploring|eyeing|courting)\b"
            r"|\bexplor(?:e|es|ed|ing)\s+(?:a |the )?(?:possible |potential )?(?:[\w-]+ ){0,2}?"
            r"(?:possibility|partnership|cooperation|collaboration|deal|agreement|pact|investment"
            r"|opportunities)\b"
            # "South Korea seeks a trade deal with Mercosur": one side's wish, not yet talks.
            # "Chile eyes trade pact with India", "woos investors for a refinery".
            r"|\b(?:eye(?:s|d|ing)?|woo(?:s|ed|ing)?|courted|courting)\s+(?:a |an |the )?"
            r"(?:[\w'-]+ ){0,3}?(?:deal|agreement|pact|accord|fta|cepa|partnership|stake"
            r"|investment|investors|tie-up|alliance|cooperation)\b"
            r"|\b(?:approach(?:ed|es)|sound(?:s|ed)? out)\s+(?:[\w'-]+\s+){0,4}?(?:about|over"
            r"|on|regarding|for) (?:a |an |the )?(?:[\w'-]+ ){0,3}?(?:deal|agreement|pact|accord"
            r"|fta|cepa|partnership|stake|investment|tie-up|alliance)\b"
            r"|\b(?:seeks?|seeking|sought|pursu(?:e|es|ed|ing)|push(?:es|ed|ing)? for)\s+"
            r"(?:a |an |the )?(?:[\w-]+ ){0,3}?(?:deal|agreement|pact|accord|fta|cepa)\b"
        ),
        "A",
        _S(agreement="talks"),
        0.7,
        "",
    ),
    (
        _rx(
            r"\b(?:launch(?:ed|es)?|beg(?:a|u)n|begins?|start(?:ed|s)?|open(?:ed|s)?|resum(?:e|ed"
            r"|es)|restart(?:ed|s)?"
            r"|kick(?:ed|s)? off)\s+(?:formal\s+|official\s+)?(?:trade\s+)?(?:negotiations|talks)\b"
            r"|\brounds? of (?:[\w-]+ ){0,2}?(?:talks|negotiations)\b"
            r"|\bformal negotiations\b|\bworking group\b"
        ),
        "A",
        _S(agreement="negotiating"),
        0.9,
        "",
    ),
    (
        _rx(
            r"\b(?:are|is|were|was|been|still)\s+negotiating\b|\bnegotiators\b"
            r"|\bnegotiat(?:e|es)\b"
        ),
        "A",
        _S(agreement="negotiating"),
        0.7,
        "",
    ),
    (
        _rx(
            r"\b(?:reach(?:ed|es)?|struck|strikes?|clinch(?:ed|es)?|seal(?:ed|s)?|hammer(?:ed"
            r"|s)? out"
            # Headlines drop the article: "Carney reaches 'landmark' deal with China".
            r"|secur(?:ed|es))\s+(?:(?:a|an|the)\s+)?(?:[\w'\"-]+\s+){0,4}?(?:deal|agreement|pact"
            r"|accord|framework|understanding|truce)\b"
            # "have reached agreement on tariffs": the bare noun.
            r"|\breach(?:ed|es)? (?:an? )?(?:agreement|accord|consensus)\b"
            r"|\b(?:agreed|agrees|agree)\b(?=\s+(?:to|on|upon|that|a|an|the|terms|in principle))"
            r"|\bconclud(?:e|ed|es|ing) (?:the )?(?:\w+ )?(?:negotiations|talks)\b"
            r"|\bconclusion of (?:the |their |its )?(?:[\w-]+ )?(?:negotiations|talks)\b"
            r"|\b(?:negotiations|talks) (?:on (?:[\w-]+ ){1,3})?(?:are |were |have been "
            r"|has been )?"
            r"(?:complete|completed|concluded|wrapped up)\b"
            r"|\b(?:wrapped|wraps|wrapping) up (?:the |their |its )?(?:[\w\"-]+ ){0,5}?(?:deals?"
            r"|agreements?|pacts?|fta|cepa|negotiations|talks)\b"
            r"|\b(?:deals?|agreements?|pacts?|fta|cepa)\W? (?:was |were |has been |have been )?"
            r"concluded\b"
            # "have settled every element", "resolved all outstanding issues".
            r"|\b(?:settled|resolved|closed) (?:all|every) (?:remaining |outstanding )?(?:[\w-]+ )?"
            r"(?:issues?|elements?|chapters?|points?|differences)\b"
            r"|\bfinali[sz](?:ed|es)\b|\bjoint statement\b|\binterim (?:\w+ )?(?:deal|agreement"
            r"|pact)\b"
            r"|\btrade framework\b"
            # "a preliminary deal", "an agreement in principle": agreed, nothing binding yet.
            r"|\b(?:outline|preliminary|tentative|provisional|political|initial|partial"
            r"|phase[- ]one|first[- ]phase|skeleton|handshake|framework) (?:[\w-]+ ){0,2}?"
            r"(?:deal|agreement|pact|accord)\b"
            r"|\b(?:deal|agreement|accord|agreed) in principle\b"
            r"|\bin-principle (?:deal|agreement|accord)\b"
        ),
        "A",
        _S(agreement="framework"),
        0.9,
        "",
    ),
    (
        _rx(
            r"\b(?:entered|enters|entering) into (?:a|an|the) (?:[\w$.-]+ ){0,4}?(?:agreement"
            r"|contract|deal)"
            r"|\bexecuted (?:a|an|the) (?:[\w$.-]+ ){0,3}?(?:agreement|contract)"
        ),
        "A",
        _S(agreement="signed"),
        0.9,
        "",
    ),
    (
        _rx(
            r"\b(?:deal|acquisition|transaction|takeover|merger|purchase)\s+(?:was\s+"
            r"|has\s+been\s+|is\s+)?(?:completed|closed)\b"
            r"|\bcompletion of (?:the|its) (?:[\w$.-]+ ){0,3}?(?:acquisition|deal|purchase"
            r"|takeover|merger|transaction)\b"
        ),
        "A",
        _S(agreement="in_force"),
        1.0,
        "",
    ),
    (
        _rx(
            r"\b(?:talks|negotiations)(?: (?:on|over|for|with|between)(?: [\w-]+){1,8}?)? (?:are "
            r"|were |remain )?(?:ongoing|continuing|continue)\b"
            r"|\bongoing (?:[\w-]+ )?(?:talks|negotiations)\b"
        ),
        "A",
        _S(agreement="negotiating"),
        0.8,
        "",
    ),
    (
        _rx(
            r"\b(?:memorand(?:um|a) of (?:understanding|cooperation)|mous?|letters? of intent"
            r"|lois?|heads of (?:agreement|terms)|term sheets?|joint (?:declaration"
            r"|communiqu(?:e|\u00e9)))\b"
        ),
        "A",
        _S(agreement="framework"),
        0.8,
        "",
    ),
    (
        _rx(
            r"\b(?:signed|signs|sign|inked|inks|ink|signing)\b(?! into law)"
            # "signing is expected next month": a signing still to come.
            r"(?!\s+(?:(?:is|was|are)\s+)?(?:expected|due|scheduled|planned|slated|set for)\b)"
            r"(?!\s+(?:an?\s+|the\s+)?(?:new\s+)?(?:[\w-]+\s+)?(?:executive order|order"
            r"|proclamation|decree))"
        ),
        "A",
        _S(agreement="signed"),
        1.0,
        "",
    ),
    (
        _rx(
            r"\b(?:won|wins|awarded|secured|secures|landed|lands)\s+(?:(?:a|an"
            r"|the)\s+)?(?:[\w$.-]+\s+){0,4}(?:contract|deal|agreement)"
            r"|\b(?:formed|forms|created|creates|set up|sets up|established|establishes)\s+(?:a|an"
            r"|the)\s+(?:[\w$.-]+\s+){0,3}(?:partnership|joint venture)"
            r"|\b(?:locks?|locked) in (?:the )?final (?:[\w-]+ ){0,3}terms\b"
            r"|\b(?:put|puts|putting) (?:their |its )?pen to paper\b"
        ),
        "A",
        _S(agreement="signed"),
        0.8,
        "",
    ),
    (
        _rx(r"\bdefinitive (?:[\w-]+ ){0,2}?(?:agreements?|documents|contracts?)\b"),
        "A",
        _S(agreement="signed"),
        1.0,
        "",
    ),
    (
        _rx(
            r"\b(?:ratif(?:ied|ies|y)|(?:approved|endorsed|ratified|cleared) by"
            # "MEPs voted in favour of the trade agreement": a legislature's approval.
            r"|vot(?:ed|es|ing) (?:[\w-]+ ){0,2}?(?:to (?:approve|ratify|endorse)|in favou?r of"
            r"|for) (?:the |a |an )?(?:[\w$.'-]+ ){0,4}?(?:deal|agreement|pact|treaty|accord|fta"
            r"|cepa)"
            r"|(?:won|received|secured|wins|receives|gets|got) (?:\w+ ){0,2}approval"
            r"|(?:won|received|wins|receives|gets|got|given|gave|gives|granted|grants)"
            r" (?:\w+ ){0,2}?assent"
            r"|(?:completed|completes|closed|closes) (?:the |its |their )?(?:[\w$.'-]+ ){0,3}?"
            r"(?:acquisition|deal|purchase|takeover|merger|transaction)"
            r"|(?:approved|approves|approve|cleared|clears|clear) (?:the |a )?(?:[\w$.'-]+ ){0,3}?"
            r"(?:deal|agreement|pact|treaty|acquisition|merger|takeover|purchase|investment)"
            r"|(?:gave|gives|give|given|got|gets|won|wins|received) (?:the |a |its |their )?"
            r"(?:green light|go-ahead)(?! (?:to|for) (?:[\w-]+ ){0,2}?(?:talks|negotiations)))\b"
        ),
        "A",
        _S(agreement="in_force"),
        1.0,
        "",
    ),
    (
        _rx(
            r"\b(?:(?:entered|enters|came|comes|went|goes) into (?:force|effect)|took effect"
            # "minimum prices in place of tariffs": instead of them, not in effect.
            r"|takes effect|in force|in effect|in place(?! of\b)|effective (?:from|on|since))\b"
        ),
        "AM",
        _S(agreement="in_force", measure="imposed"),
        1.0,
        "",
    ),
    # "an order implementing the trade agreement", "putting the pact into effect", "giving
    # effect to the deal": the agreement takes effect.
    (
        _rx(
            r"\b(?:implement(?:s|ed|ing)?|put(?:s|ting)? into effect|giv(?:es|ing|en)? effect to"
            r"|gave effect to)\s+(?:the |its |their |a |an )?(?:[\w-]+ ){0,3}?(?:deal|agreement"
            r"|pact|accord|fta|cepa)\b"
            r"|\b(?:put(?:s|ting)?|bring(?:s|ing)?|brought)\s+(?:the |its |their |a |an )?"
            r"(?:[\w-]+ ){0,3}?(?:deal|agreement|pact|accord|fta|cepa) into (?:effect|force)\b"
        ),
        "A",
        _S(agreement="in_force"),
        1.0,
        "",
    ),
    (
        _rx(r"\b(?:enter|come|go) into (?:force|effect)\b|\btake effect\b"),
        "AM",
        _S(agreement="in_force", measure="imposed"),
        0.9,
        "",
    ),
    (
        _rx(
            r"\b(?:construction|work) (?:on (?:the )?\w+ )?(?:began|begins|has begun|started|starts"
            r"|has started|is under way|is underway|got under way)\b"
            r"|\b(?:began|begins|started|starts|commenced|commences|began commercial)\s+"
            r"(?:construction|production|operations|operating|shipments|exports|deliveries|mining"
            r"|processing|shipping|supplying|delivering|producing|exporting|importing|supplies"
            r"|imports|output|commercial (?:operations|production))\b"
            r"|\bup and running\b"
            r"|\b(?:broke|breaks) ground\b|\bgroundbreaking\b"
            r"|\bfirst (?:[\w%.'-]+ ){0,3}?(?:shipments?|cargo(?:es)?|consignments?|deliver(?:y"
            r"|ies)"
            r"|batch|output|production|ship|vessel)\b"
            # "first output is expected in 2023": still to come.
            r"(?!\s+(?:is|are|was|were)\s+(?:expected|due|scheduled|planned|slated|set|targeted)"
            r"|\s+(?:will|would|could|may|should)\b)"
            r"|\bfirst (?:[\w%.'-]+ ){0,5}?(?:arriv(?:es|ed)|lands|landed|sails|sailed|leaves|left"
            r"|reache[sd])\b"
            r"|\b(?:took|taken|takes|take) delivery\b"
            r"|\b(?:went|goes|gone|go|has gone) live\b|\b(?:came|comes|come) into operation\b"
            r"|\b(?:is|are|now|fully) operational\b"
            r"|\b(?:entered|entering|enters) (?:commercial )?(?:operation|production)\b"
            r"|\bin commercial (?:operation|production)\b"
            r"|\b(?:came|comes) online\b|\bcommissioned\b|\binaugurated\b"
            r"|\bopened (?:the|a|its) (?:\w+ ){0,2}(?:plant|refinery|facility|factory|mine)\b"
        ),
        "A",
        _S(agreement="implemented"),
        1.0,
        "",
    ),
    # -- off-track --
    # "restart stalled trade talks": the talks are going again; "stalled" tells what they were.
    (
        _rx(
            r"\b(?:restart(?:ed|s|ing)?|reviv(?:e|ed|es|ing)|resum(?:e|ed|es|ing)|unblock(?:ed|s)?"
            r"|rekindl(?:e|ed|es)|(?:jump|kick)-start(?:ed|s)?)\s+(?:the\s+|their\s+|its\s+)?"
            r"(?:long-)?(?:stalled|deadlocked|frozen)\s+(?:[\w-]+\s+){0,2}?(?:talks|negotiations)\b"
        ),
        "A",
        _S(agreement="negotiating"),
        1.0,
        "",
    ),
    (
        _rx(
            r"\b(?:stall(?:ed|s|ing)?|deadlock(?:ed)?|impasse|bogged down|(?:drag|dragged|drags"
            r"|dragging) on|no progress|little progress|hit a snag|hits a snag|falter(?:ed|s|ing)"
            r"|(?:talks|negotiations) (?:have |has )?slowed|at risk|in jeopardy|backtrack(?:s|ed"
            r"|ing)?"
            r"|reneg(?:e|es|ed|ing)|backslid(?:e|es|ing)|risks? falling apart|on ice"
            r"|no breakthrough|gridlocked"
            # "talks at a stalemate"; "a trade stalemate" in a headline names the quarrel.
            r"|(?:at|in|into|reached|reach|reaches|hit|hits|ended in|ends in) (?:a |an |the )?"
            r"(?:stalemate|standstill|gridlock|logjam)"
            r"|(?:hit|hits|hitting|ran into|runs into|run into) (?:a |an |another |fresh |new "
            r"|major |serious |further )?(?:wall|roadblocks?|snags?|hurdles?|obstacles?|setbacks?)"
            r"|(?:ground|grinds|grind|grinding) to a halt|falter"
            r"|sticking points?|remains? elusive"
            r"|(?:has|have|had|was|were|been|is|are) (?:\w+ly )?delayed|delayed again)\b"
        ),
        "A",
        _S(agreement="stalled"),
        1.0,
        "",
    ),
    # "the 90-day pause expired": the measure it held off is back.
    (
        _rx(
            r"\b(?:pause|suspension|truce|reprieve|exemption|waiver|moratorium|grace period)\s+"
            r"(?:[\w%.-]+\s+){0,6}?(?:expired|expires|lapsed|lapses|ended|ends|ran out|runs out)\b"
        ),
        "M",
        _S(measure="imposed"),
        1.0,
        "",
    ),
    # "announced the removal of its tariffs", "the suspension of the duties", "the imposition of
    # a ban": the act named by its noun.
    (
        _rx(
            r"\b(?:removal|lifting|elimination|scrapping|repeal|revocation|rollback|withdrawal)"
            r" of (?:the |its |their )?(?:[\w%.$-]+ ){0,3}?" + _MNOUN + r"\b"
        ),
        "M",
        _S(measure="lifted"),
        0.9,
        "",
    ),
    (
        _rx(
            r"\b(?:suspension|postponement|deferral) of (?:the |its |their )?(?:[\w%.$-]+ ){0,3}?"
            + _MNOUN
            + r"\b"
        ),
        "M",
        _S(measure="suspended"),
        0.9,
        "",
    ),
    (
        _rx(
            r"\b(?:imposition|reimposition|introduction) of (?:the |its |their |an? )?"
            r"(?:[\w%.$-]+ ){0,3}?" + _MNOUN + r"\b"
        ),
        "M",
        _S(measure="imposed"),
        0.9,
        "",
    ),
    # "delayed the 50% tariffs until July", "held off on new tariffs": a measure put off.
    (
        _rx(
            r"\b(?:delay(?:s|ed|ing)?|defer(?:s|red|ring)?)\s+(?:[\w%.$-]+\s+){0,3}?"
            + _MNOUN
            + r"\b|\b(?:held|holds|hold|holding) off on\b"
        ),
        "M",
        _S(measure="suspended"),
        1.0,
        "",
    ),
    (
        _rx(
            r"\b(?:suspend(?:ed|s|ing)?|paus(?:ed|es|ing)|pause(?! (?:on|in|of)\b)"
            # "put its tariffs on hold", "pushed back the deadline": a measure held off.
            r"|(?:put|puts|putting|placed|places)\s+(?:[\w%.$-]+\s+){0,4}?on hold"
            r"|(?:is|are|was|were|remains?)"
            r" on hold|froze|freezes|frozen|postpon(?:e|ed|es)|pause (?:on|in|of)"
            r"|shelv(?:e|ed|es|ing)|mothball(?:ed|s|ing)?"
            r"|(?:extend(?:ed|s|ing)?|prolong(?:ed|s|ing)?) (?:a |the |its )?(?:\d+-day )?"
            r"(?:pause|suspension|truce|reprieve|moratorium|deadline)"
            r"|(?:pushed|pushes|push) back (?:the |a |its )?deadline"
            r"|(?:granted|grants|given|gives|gave|gets|got|won|wins) (?:[\w,-]+ ){0,4}?reprieve)\b"
        ),
        "AM",
        _S(agreement="suspended", measure="suspended"),
        1.0,
        "",
    ),
    (
        _rx(
            r"\b(?:collaps(?:ed|es)|broke down|breaks down|fell apart|falls apart|fell through"
            r"|falls through|founder(?:ed|s)"
            r"|(?:scuttl(?:e|ed|es|ing)|torpedo(?:ed|es|ing)?|sank|sinks|sunk|kill(?:ed|s|ing)?)"
            r" (?:the |a |an |its |their )?(?:[\w$.-]+ ){0,3}?(?:deal|agreement|pact|accord|talks"
            r"|negotiations|bid|merger|takeover)"
            r"|ended without (?:a|an|any) (?:deal|agreement)|(?:walked|walks) away"
            r"|called off|calls off|abandon(?:ed|s)"
            r"|(?:rejected|rejects|turned down|turns down|spurned|rebuffed) (?:the |a |an |its "
            r"|their )?(?:[\w$.-]+ ){0,3}?(?:offer|bid|proposal|approach)|(?:says|said|say) no to"
            r"|(?:talks|negotiations)(?: (?:on|over|for|with|between)(?: [\w-]+){1,8}?)? (?:were "
            r"|have been |has been )?terminated"
            r"|(?:chose|chosen|choose|decided|opted|opts) to stay out|stays? out of"
            r"|(?:ditch(?:es|ed)?|dropp(?:ed)|drops|withdr(?:ew|awn|aws)|pulled|pulls|abandon(?:s"
            r"|ed)?"
            r"|scrapp(?:ed)|scraps) (?:its |their |the |a )?(?:[\w$.-]+ ){0,3}?(?:bid|offer"
            r"|approach"
            r"|proposal)|(?:failed|fail|fails) to (?:reach|agree|clinch"
            r"|strike|seal)|no deal was reached|collapse of (?:the )?(?:talks|negotiations)"
            r"|(?:talks|negotiations) (?:ended|end) without"
            r"|(?:ended|ends|end|ending|concluded)\s+(?:[\w-]+\s+){0,3}?(?:talks|negotiations)\b"
            r"(?:\s+[\w,-]+){0,8}?\s+without (?:a |an |any )?(?:[\w-]+ )?(?:deal|agreement|pact))\b"
        ),
        "A",
        _S(agreement="collapsed"),
        1.0,
        "",
    ),
    # "quits the trade pact", "annulled the contract", "its withdrawal from the agreement".
    (
        _rx(
            r"\b(?:quit(?:s|ting)?|annul(?:s|led|ling)?|abrogat(?:e|es|ed|ing)|repudiat(?:e|es|ed"
            r"|ing)|renounc(?:e|es|ed|ing)|nullif(?:y|ies|ied)|void(?:s|ed)?|pull(?:s|ed|ing)? the"
            r" plug on)\s+(?:the |a |an |its |their )?(?:[\w$.'-]+ ){0,4}?(?:deal|agreement|pact"
            r"|accord|treaty|fta|cepa|contract|partnership|initiative)"
            r"|\b(?:withdrawal|exit|pullout|pull-out) from (?:the |a |an |its |their )?"
            # "withdrawal from the bloc without a deal" is a departure, not a deal ended.
            r"(?:(?!without\b)[\w$.'-]+ ){0,4}?(?:deal|agreement|pact|accord|treaty|fta|cepa"
            r"|contract|partnership|initiative)\b"
        ),
        "A",
        _S(agreement="cancelled"),
        1.0,
        "",
    ),
    (
        _rx(
            # Longer readings first: "cancels wheat purchases" names what was cancelled.
            r"\b(?:(?:deal|agreement|contract|pact|purchase|order)\w? (?:was |were |has been "
            r"|have been )?(?:scrapped|dropped|called off|cancel(?:l)?ed|terminated)"
            r"|(?:dropped|drops|cancel(?:l)?ed|cancels|scrapped|scraps|terminated|terminates)"
            r" (?:the |its |their |a )?(?:[\w$.-]+ ){0,4}?(?:deal|agreement|contract|purchases?"
            r"|orders?)"
            r"|cancel(?:l)?ed|cancels|terminat(?:ed|es)|scrapped|scraps|tore up|tears up"
            r"|(?:withdrew|withdraws|withdrawn|pulled out|pulls out|pull out|pulling out|exits"
            r"|exited) (?:of|from)|(?:backed|backs|back|backing) out of)\b"
        ),
        "AM",
        _S(agreement="cancelled", measure="lifted"),
        1.0,
        "",
    ),
    # -- measure track --
    # "to ban nickel ore exports from 2030": a ban announced for later is threatened, not imposed.
    (
        _rx(
            r"\b(?:to|will)\s+(?:ban|prohibit|bar|halt|restrict|curb|stop|suspend)\s+"
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
            r"(?:[\w-]+ )?(?:entity list|blacklist|sanctions list|export control list)"
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
        ),
        "M",
        _S(measure="lifted"),
        0.9,
        "",
    ),
    *MEASURE_SUBJECT_CUES,
]
