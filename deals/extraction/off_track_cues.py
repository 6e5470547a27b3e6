"""Stage statements off the tracks: talks or a deal stalled, suspended, collapsed or cancelled,
and a measure paused, put off or its pause over ("talks stall", "suspended the tariffs for 90
days", "walked away", "scrapped the deal").

The entries are in the format of :data:`~deals.extraction.stage_cue_parts.StageCue`, spliced into
:data:`~deals.extraction.stage_cues.STAGE_CUES`: ``TALKS_FAILED_CUES`` and
``TALKS_BROKEN_OFF_CUES`` early ("failed to agree on a deal" before "agree on" reads as a deal
agreed, "ended talks" before "talks with" takes the words), ``OFF_TRACK_CUES`` after the
agreement track.
"""

from __future__ import annotations

from .lexicon import MEASURE_NOUN as _MNOUN
from .stage_cue_parts import StageCue
from .stage_cue_parts import rx as _rx

_S = dict

# "failed to agree on a deal": before "agree on" reads as a deal agreed.
TALKS_FAILED_CUES: list[StageCue] = [
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
]

TALKS_BROKEN_OFF_CUES: list[StageCue] = [
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
]

OFF_TRACK_CUES: list[StageCue] = [
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
    # "sticking points had to be overcome", "ironed out the last hurdles": obstacles cleared are
    # progress in the talks, not a stall.
    (
        _rx(
            r"\b(?:sticking points?|hurdles?|obstacles?|differences|outstanding issues)\s+"
            r"(?:[\w-]+\s+){0,4}?(?:overcome|resolved|ironed out|settled|cleared|bridged)\b"
            r"|\b(?:overcame|overcome|overcoming|resolved|resolving|ironed out|ironing out|settled"
            r"|settling|cleared|clearing|bridged|bridging)\s+(?:(?:the|their|its|remaining|last"
            r"|final|key|several|outstanding|major|main)\s+){0,3}(?:sticking points?|hurdles?"
            r"|obstacles?|differences)\b"
        ),
        "A",
        _S(agreement="negotiating"),
        0.8,
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
    # "will let millers import maize duty free", "an import duty waiver", "waived duties on
    # rice": a duty held off for a time or a quantity (a window for imports).
    (
        _rx(
            r"\b(?:(?:import )?dut(?:y|ies)|tariffs?) waivers?\b"
            r"|\b(?:waiv(?:e|es|ed|ing)) (?:the |its |their )?(?:import )?"
            r"(?:dut(?:y|ies)|tariffs?)\b"
            r"|\b(?:allow|allows|allowed|allowing|let|lets|letting|permit|permits|permitted)\s"
            r"(?:[\w,.-]+\s){0,12}?(?:import|imports|importing)\s"
            r"(?:[\w,.-]+\s){0,10}?duty[- ]free\b"
            r"|\b(?:allow|allows|allowed|allowing|permit|permits|permitted)\s(?:[\w-]+\s){0,3}?"
            r"duty[- ]free imports?\b"
        ),
        "M",
        _S(measure="suspended"),
        0.9,
        "",
    ),
    # "delayed the 50% tariffs until July", "held off on new tariffs", "halts tariffs for 90
    # days": a measure put off.
    (
        _rx(
            r"\b(?:delay(?:s|ed|ing)?|defer(?:s|red|ring)?|halt(?:s|ed|ing)?)\s+"
            r"(?:[\w%.$-]+\s+){0,3}?" + _MNOUN + r"\b|\b(?:held|holds|hold|holding) off on\b"
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
            r"|(?:walked|walks|walking) out (?:of|on)(?= (?:[\w-]+ ){0,5}?(?:talks|negotiations))"
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
]
