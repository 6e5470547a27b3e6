"""Writes that touch several models, one module per area.

Views, the admin, tasks and commands write through these functions and nothing else.
"""

from .deals import (
    PartyLink,
    Submission,
    add_parties,
    correct_stage,
    create_deal,
    record_timeline_entry,
    submit_article,
    unique_slug,
)

__all__ = [
    "PartyLink",
    "Submission",
    "add_parties",
    "correct_stage",
    "create_deal",
    "record_timeline_entry",
    "submit_article",
    "unique_slug",
]
