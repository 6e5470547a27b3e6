"""Stage statements of the agreement track: talks explored, launched and under way, a deal
reached, signed, approved, in force and at work ("in preliminary talks", "struck a deal",
"ratified the pact", "the first shipment arrived").

The entries are in the format of :data:`~deals.extraction.stage_cue_parts.StageCue`, spliced into
:data:`~deals.extraction.stage_cues.STAGE_CUES` after the statements of talks stopped; the
statements of a measure put in effect ("came into force") are read here too, for both kinds.
"""

from __future__ import annotations

from .stage_cue_parts import StageCue
from .stage_cue_parts import rx as _rx

_S = dict

AGREEMENT_CUES: list[StageCue] = [
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
            # "agreed to work on the concerns", "agreed to cooperate": a promise, not terms.
            r"|\b(?:agreed|agrees|agree)\b(?=\s+(?:to|on|upon|that|a|an|the|terms|in principle))"
            r"(?!\s+to\s+(?:work|cooperate|co-operate|collaborate)\b)"
            # "conclude free trade negotiations"; a round or days of talks concluded, or talks
            # concluded without a deal, are not.
            r"|\bconclud(?:e|ed|es|ing) (?:the |their |its )?(?:(?!(?:rounds?|days?|weeks?"
            r"|sessions?|meetings?|of)\b)[\w-]+ ){0,3}?(?:negotiations?|talks)\b"
            r"(?![^.;]{0,60}?\bwithout\b)"
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
            r"\b(?:signed|signing|inked|inks|ink|signs?\b"
            # "in a sign of warming ties", "signs that talks are moving": the noun.
            r"(?!\s+of\b|\s+that\s+(?!(?:deal|agreement|pact|accord|treaty)\b)))\b(?! into law)"
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
            # "marked the entry into force of the agreement", "since its entry into force": the
            # noun says it too, once something marks it as done.
            r"|(?:mark(?:ed|s|ing)?|celebrat(?:ed|es|ing)|welcom(?:ed|es|ing)|hail(?:ed|s|ing)"
            r"|since) (?:the |its |their )?entry into force"
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
]
