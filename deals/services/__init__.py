"""Writes that touch several models, one module per area.

Views, the admin, tasks and commands write through these functions and nothing else.
"""

from .announcements import (
    announce,
    plan_deliveries,
    plan_notifications,
    queue_digests,
    requeue_stragglers,
)
from .deals import (
    PartyLink,
    Submission,
    add_parties,
    article_identity,
    correct_stage,
    create_deal,
    record_timeline_entry,
    submit_article,
    submit_url,
    unique_slug,
)
from .directory import directory
from .fetching import TransientFetchError, fetch_article
from .following import (
    TransientEmailError,
    delivery_of,
    follow,
    read_unsubscribe_token,
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
    extract_article,
    parse_article,
    readable_text,
)
from .matching import match_deal
from .outbox import sweep as sweep_outbox
from .review import accept_proposal, parse_again, reject_proposal, retarget_pending
from .search import refresh_search_documents, refresh_search_documents_about
from .seeding import Seeded, seed_reference_data
from .sources import (
    claim_source,
    import_opml,
    pause_sources,
    poll_due_now,
    poll_source,
    queue_polls,
    save_source,
    set_source_trust,
)
from .trust import Provenance, provenance_of, set_trust
from .webhooks import (
    UnsafeTarget,
    attempt_delivery,
    check_target_url,
    create_subscription,
    disable_subscription,
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
    "TransientFetchError",
    "UnsafeTarget",
    "accept_proposal",
    "add_parties",
    "announce",
    "article_identity",
    "attempt_delivery",
    "check_target_url",
    "claim_source",
    "correct_stage",
    "create_deal",
    "create_subscription",
    "delivery_of",
    "directory",
    "disable_subscription",
    "extract_article",
    "fetch_article",
    "follow",
    "import_opml",
    "match_deal",
    "parse_again",
    "parse_article",
    "pause_sources",
    "plan_deliveries",
    "plan_notifications",
    "poll_due_now",
    "poll_source",
    "provenance_of",
    "queue_digests",
    "queue_polls",
    "read_unsubscribe_token",
    "readable_text",
    "record_timeline_entry",
    "refresh_search_documents",
    "refresh_search_documents_about",
    "reject_proposal",
    "requeue_stragglers",
    "retarget_pending",
    "save_source",
    "seed_reference_data",
    "send_digest",
    "send_notification",
    "set_delivery",
    "set_source_trust",
    "set_trust",
    "sign",
    "submit_article",
    "submit_url",
    "sweep_outbox",
    "unfollow",
    "unique_slug",
    "unsubscribe",
    "unsubscribe_target",
    "unsubscribe_token",
    "update_subscription",
]
