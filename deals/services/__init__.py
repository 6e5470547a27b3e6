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
    submit_url,
    unique_slug,
)
from .fetching import fetch_article
from .following import (
    TransientEmailError,
    delivery_of,
    follow,
    plan_notifications,
    read_unsubscribe_token,
    readers_with_digest_due,
    release_stuck_notifications,
    send_digest,
    send_notification,
    set_delivery,
    unfollow,
    unsubscribe,
    unsubscribe_target,
    unsubscribe_token,
)
from .ingestion import (
    ParseOutcome,
    directory,
    extract_article,
    parse_article,
    readable_text,
)
from .matching import match_deal
from .review import accept_proposal, parse_again, reject_proposal, retarget_pending
from .search import refresh_search_documents, refresh_search_documents_about
from .seeding import Seeded, seed_reference_data
from .trust import Provenance, provenance_of, set_trust
from .webhooks import (
    UnsafeTarget,
    attempt_delivery,
    check_target_url,
    create_subscription,
    disable_subscription,
    due_deliveries,
    plan_deliveries,
    sign,
    update_subscription,
)

__all__ = [
    "ParseOutcome",
    "PartyLink",
    "Provenance",
    "Seeded",
    "Submission",
    "TransientEmailError",
    "UnsafeTarget",
    "accept_proposal",
    "add_parties",
    "attempt_delivery",
    "check_target_url",
    "correct_stage",
    "create_deal",
    "create_subscription",
    "delivery_of",
    "directory",
    "disable_subscription",
    "due_deliveries",
    "extract_article",
    "fetch_article",
    "follow",
    "match_deal",
    "parse_again",
    "parse_article",
    "plan_deliveries",
    "plan_notifications",
    "provenance_of",
    "read_unsubscribe_token",
    "readable_text",
    "readers_with_digest_due",
    "record_timeline_entry",
    "refresh_search_documents",
    "refresh_search_documents_about",
    "reject_proposal",
    "release_stuck_notifications",
    "retarget_pending",
    "seed_reference_data",
    "send_digest",
    "send_notification",
    "set_delivery",
    "set_trust",
    "sign",
    "submit_article",
    "submit_url",
    "unfollow",
    "unique_slug",
    "unsubscribe",
    "unsubscribe_target",
    "unsubscribe_token",
    "update_subscription",
]
