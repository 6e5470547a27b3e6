"""Stage statements that name the deal or measure first and then say what happened to it:
headlines ("Talks stall", "Deal in doubt", "Tariffs on steel abolished") and the passive
("negotiations were launched in March", "the duties were postponed").

Each pattern opens with the talks, the deal or the measure, allows a few words that say which one
("talks between Chile and India on a trade pact"), and names its verb in the group ``verb``, so
that the clause check reads the negation, hypothesis or future before the verb ("talks have not
collapsed", "the tariffs could be lifted") and not before the subject. The entries follow the
format of :data:`~deals.extraction.stage_cues.STAGE_CUES`, into which they are spliced: the
agreement statements early, the measure statements last. Where one
subject reads two ways ("talks launched in 2019 have stalled"), the entry listed first wins, so
what went wrong comes before what went ahead.
"""

from __future__ import annotations

import re

from .lexicon import MEASURE_NOUN as _MNOUN

_TALKS = r"\b(?:talks|negotiations)"
_TALKS_OR_DEAL = (
    r"\b(?:talks|negotiations|discussions|deals?|agreements?|pacts?|accords?|treaty|treaties|ftas?"
    r"|cepa|partnership|merger|takeover|bid|contracts?)"
)
_DEAL = r"\b(?:deals?|agreements?|pacts?|accords?|treaty|treaties|ftas?|cepa|contracts?)"
# The words that say which deal it is open with a preposition ("talks between Chile and India on
# a trade pact", "tariffs of 25% on steel") and none of them opens another clause. A noun followed
# by its own subject is a relative clause ("the deal it struck last year"): it describes the deal,
# it reports nothing.
_PREPOSITION = (
    r" (?:on|over|for|with|between|among|to|in|at|from|of|about|under|involving|covering"
    r"|against|targeting)"
)


def _which(most: int, not_between: str = "") -> str:
    word = (
        r" (?!(?:but|while|which|that|who|when|because|since|after|as|if|though|although|said"
        r"|says|say|than" + not_between + r")\b)[\w'$%&-]+(?:\.\d+)?,?"
    )
    return r"(?:" + _PREPOSITION + r"(?:" + word + r"){1," + str(most) + r"}?)?"


_WHICH = _which(10)
_AUX = (
    r"(?: (?:have|has|had|were|was|are|is|been|being|now|finally|officially|formally|again"
    r"|effectively|reportedly|all but|largely|virtually|also|already|appear(?:s|ed)? to"
    r"|seem(?:s|ed)? to|get|got|gets|become|became|becomes|remain|remains|remained|left|still))*"
)
# "tariffs on steel" but not "exemptions from tariffs were extended": the measure is the subject
# when the verb follows it closely.
_MEASURE_WHICH = _which(
    6, "|pause|suspension|exemptions?|waivers?|reprieve|truce|delay|exclusions?|relief"
)


def _told(subject: str, which: str, verbs: str) -> re.Pattern[str]:
    return re.compile(subject + r"\b" + which + _AUX + r" (?P<verb>" + verbs + r")\b")


_S = dict
_Cue = tuple[re.Pattern[str], str, dict[str, str], float, str]
# (pattern, kinds, {kind: stage}, weight, label)
AGREEMENT_SUBJECT_CUES: list[_Cue] = [
    # "Trade talks collapse", "the takeover bid fell through", "the deal is off".
    (
        _told(
            _TALKS_OR_DEAL,
            _WHICH,
            r"collaps(?:e|es|ed)|fail(?:s|ed)?(?!\s+to\b)|(?:break|breaks|broke|broken) down"
            r"|founder(?:s|ed)?|(?:fall|falls|fell|fallen) (?:apart|through)|unravel(?:s|led|ed)?"
            r"|(?:end|ends|ended) (?:in failure|without)"
            # "the deal is off", "talks are dead": said of it, not of something near it.
            r"|(?:(?<=is )|(?<=are )|(?<=was )|(?<=were ))(?:dead|off|over)"
            r"(?=[.,;:\n]| [.,;:\n]|$)",
        ),
        "A",
        _S(agreement="collapsed"),
        1.0,
        "",
    ),
    # "Trade talks stall", "Deal in doubt", "the pact remains stuck over dairy".
    (
        _told(
            _TALKS_OR_DEAL,
            _WHICH,
            r"stall(?:s|ed)?|falter(?:s|ed)?|stuck|deadlocked|gridlocked|stymied|sputter(?:s|ed)?"
            r"|languish(?:es|ed)?|bogged down|(?:drag|drags|dragged) on|in (?:doubt|limbo|jeopardy"
            r"|trouble|the balance)|(?:hang|hangs|hung) in the balance|on the rocks"
            r"|(?:hit|hits|face|faces|faced|run into|runs into|ran into) (?:a |an |another |fresh"
            r" |new |major |serious |further |more )?(?:snags?|roadblocks?|hurdles?|obstacles?"
            r"|stumbling blocks?|setbacks?|(?:a )?wall|headwinds|impasse|deadlock|stalemate)"
            r"|(?:reach|reaches|reached|at) (?:a |an )?(?:stalemate|impasse|standstill|deadlock)"
            r"|(?:grind|grinds|ground|grinding|come|comes|came) to a (?:halt|standstill)"
            r"|(?:go|goes|went|going) nowhere",
        ),
        "A",
        _S(agreement="stalled"),
        1.0,
        "",
    ),
    # "Trade talks suspended", "the pact was shelved". ("On hold" is read where it stands, in
    # the statements that open with their verb.)
    (
        _told(
            _TALKS_OR_DEAL,
            _WHICH,
            r"suspended|paused|postponed|frozen|deferred|shelved|mothballed|adjourned|halted",
        ),
        "A",
        _S(agreement="suspended"),
        1.0,
        "",
    ),
    # "Trade pact annulled", "the contract was torn up".
    (
        _told(
            _DEAL,
            _WHICH,
            r"annull?ed|voided|nullified|abrogated|repudiated|renounced|revoked|rescinded"
            r"|cancel(?:l)?ed|terminated|scrapped|torn up|axed|ditched|withdrawn",
        ),
        "A",
        _S(agreement="cancelled"),
        1.0,
        "",
    ),
    # "Trade talks resume", "negotiations were launched in March": formal talks going on.
    (
        _told(
            _TALKS,
            _WHICH,
            r"resum(?:e|ed|es)|restart(?:ed|s)?|re-?open(?:ed|s)?|re-?launch(?:ed|es)?|begin|begins"
            r"|began|begun|start|starts|started|open|opens|opened|launched|(?:kick|kicks|kicked)"
            r" off|(?:get|gets|got|gotten) (?:under ?way|going|started)|under ?way"
            r"|progress(?:ed|es|ing)?|advanc(?:e|ed|es|ing)|(?:gather|gathers|gathered|gathering)"
            r" (?:pace|momentum|steam)|(?:move|moves|moved|moving) (?:ahead|forward)"
            r"|intensif(?:y|ies|ied)|accelerat(?:e|es|ed)|(?:enter|enters|entered) (?:a |an |the"
            r" |their |its )?(?:new|next|final|second|third|fourth|fifth|decisive|crucial|formal"
            r"|last|advanced|substantive)",
        ),
        "A",
        _S(agreement="negotiating"),
        0.9,
        "",
    ),
    # "Trade pact ratified", "the accord was passed by the senate".
    (
        _told(
            _DEAL,
            _WHICH,
            r"ratified|rubber-stamped|passed(?=\s+(?:by|in|through|unanimously)\b)"
            r"|(?:approved|cleared|endorsed|adopted) by (?:the )?(?:[\w-]+ )?(?:parliament"
            r"|parliaments|lawmakers|legislators|mps|meps|senators|senate|congress|legislature"
            r"|assembly|regulators|shareholders)",
        ),
        "A",
        _S(agreement="in_force"),
        1.0,
        "",
    ),
    # "Parliament backs trade deal", "MEPs vote through the pact": a legislature approves it.
    (
        _told(
            r"\b(?:parliaments?|lawmakers|legislators|mps|meps|senators|senate|congress"
            r"|legislature|lower house|upper house|national assembly|deputies)",
            r"(?: [\w'-]+){0,2}?",
            r"(?:back|backs|backed|endorse|endorses|endorsed|pass|passes|passed|adopt|adopts"
            r"|adopted|rubber-stamp|rubber-stamps|rubber-stamped|(?:vote|votes|voted) (?:for"
            r"|through|in favou?r of|to (?:approve|ratify|endorse))) (?:the |a |an |its )?"
            r"(?:[\w$.'-]+ ){0,4}?(?:deal|agreement|pact|treaty|accord|fta|cepa)",
        ),
        "A",
        _S(agreement="in_force"),
        1.0,
        "",
    ),
    # "Production started at the plant", "deliveries under the deal began on Monday".
    (
        _told(
            r"\b(?:production|operations|construction|deliveries|shipments|supplies|output"
            r"|mining|exports under|imports under)",
            _WHICH,
            r"(?:began|begins|begun|started|starts|commenced|commences|resumed)(?!\s+to\b)"
            r"(?!\s+[a-z]+ing\b)|(?:got|gets) under ?way",
        ),
        "A",
        _S(agreement="implemented"),
        1.0,
        "",
    ),
    # "The plant opens", "the refinery came online".
    (
        _told(
            r"\b(?:plant|refinery|facility|factory|mine|smelter|terminal|pipeline)",
            r"(?: [\w'$-]+){0,4}?",
            r"opens|opened|(?:start|starts|started) up|(?:came|comes|come) (?:online|on stream"
            r"|on line)|went into (?:production|operation)|up and running|operational"
            r"|in operation",
        ),
        "A",
        _S(agreement="implemented"),
        1.0,
        "",
    ),
]
# After the measure statements that open with a verb or another noun: "the pause on the ban
# expired" brings the ban back before "the ban expired" could read as lifted.
MEASURE_SUBJECT_CUES: list[_Cue] = [
    # "Tariffs on steel abolished", "the ban expires", "duties were phased out".
    (
        _told(
            r"\b" + _MNOUN,
            _MEASURE_WHICH,
            r"lifted|removed|scrapped|abolished|repealed|revoked|rescinded|waived|axed"
            r"|ditched|rolled back|phased out|struck down|overturned|withdrawn|dismantled"
            r"|annulled|expire|expires|expired|lapse|lapses|lapsed"
            r"|ended(?!\s+(?:up|the|a|an|its|their|in|with)\b)",
        ),
        "M",
        _S(measure="lifted"),
        1.0,
        "",
    ),
    # "Tariffs on steel delayed", "the duties were put on hold".
    (
        _told(
            r"\b" + _MNOUN,
            _MEASURE_WHICH,
            r"suspended|paused|postponed|delayed|deferred|frozen|shelved|(?:put )?on hold"
            r"|put off|pushed back",
        ),
        "M",
        _S(measure="suspended"),
        1.0,
        "",
    ),
    # "Tariffs loom", "duties are being considered": a measure on its way.
    (
        _told(
            r"\b" + _MNOUN,
            _MEASURE_WHICH,
            r"loom|looms|loomed|looming|(?:(?<=being )|(?<=been )|(?<=is )|(?<=are ))(?:considered"
            r"|weighed|mulled)|proposed|planned|recommended"
            r"|threatened|mooted|floated|drafted|under consideration|on the table|in the works"
            r"|in the pipeline",
        ),
        "M",
        _S(measure="threatened"),
        1.0,
        "",
    ),
    # "Tariffs on steel raised", "sanctions were tightened": a measure put on or made heavier.
    (
        _told(
            r"\b" + _MNOUN,
            _MEASURE_WHICH,
            r"(?:imposed|levied|slapped|introduced|enacted|enforced|reimposed|reinstated|renewed"
            r"|raised|hiked|doubled|tripled|tightened|widened|broadened|expanded|bite|bites)"
            r"(?!\s+(?:concerns?|questions|fears|doubts|hopes|prices|costs|revenues?|money|funds"
            r"|the question)\b)",
        ),
        "M",
        _S(measure="imposed"),
        1.0,
        "",
    ),
]
