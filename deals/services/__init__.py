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
from .ingestion import (
    ParseOutcome,
    directory,
    extract_article,
    is_trusted,
    match_deal,
    parse_article,
    readable_text,
    trusted_outlets,
    trusting,
)
from .review import accept_proposal, parse_again, reject_proposal, retarget_pending
from .seeding import Seeded, seed_reference_data

__all__ = [
    "ParseOutcome",
    "PartyLink",
    "Seeded",
    "Submission",
    "accept_proposal",
    "add_parties",
    "correct_stage",
    "create_deal",
    "directory",
    "extract_article",
    "is_trusted",
    "match_deal",
    "parse_again",
    "parse_article",
    "readable_text",
    "record_timeline_entry",
    "reject_proposal",
    "retarget_pending",
    "seed_reference_data",
    "submit_article",
    "trusted_outlets",
    "trusting",
    "unique_slug",
]
