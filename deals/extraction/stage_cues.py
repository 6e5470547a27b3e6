"""Stage statements: what happened to a deal or measure ("signed", "lifted", "in preliminary
talks"), each with the kinds of deal it can speak of, the stage it says per kind and its weight.

The tables live by track (:mod:`~deals.extraction.measure_cues`,
:mod:`~deals.extraction.agreement_cues`, :mod:`~deals.extraction.off_track_cues`, the statements
that name their subject first in :mod:`~deals.extraction.stage_subjects`) and are joined here in
one order. Earlier patterns win where two overlap, so the more specific reading of a phrase comes
first: export bans before anything ("suspended exports" imposes a ban), talks stopped before
"talks with" takes the words, the agreement track, then what stops a deal or measure, then the
measure track.
"""

from __future__ import annotations

from .agreement_cues import AGREEMENT_CUES
from .measure_cues import MEASURE_CUES, MEASURE_FIRST_CUES
from .off_track_cues import OFF_TRACK_CUES, TALKS_BROKEN_OFF_CUES, TALKS_FAILED_CUES
from .stage_cue_parts import StageCue
from .stage_subjects import AGREEMENT_SUBJECT_CUES, MEASURE_SUBJECT_CUES

STAGE_CUES: list[StageCue] = [
    *MEASURE_FIRST_CUES,
    *TALKS_FAILED_CUES,
    *AGREEMENT_SUBJECT_CUES,
    *TALKS_BROKEN_OFF_CUES,
    *AGREEMENT_CUES,
    *OFF_TRACK_CUES,
    *MEASURE_CUES,
    *MEASURE_SUBJECT_CUES,
]
