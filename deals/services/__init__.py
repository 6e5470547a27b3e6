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
    "PartyLink",
    "Submission",
    "UnsafeTarget",
    "add_parties",
    "attempt_delivery",
    "check_target_url",
    "correct_stage",
    "create_deal",
    "create_subscription",
    "disable_subscription",
    "due_deliveries",
    "plan_deliveries",
    "record_timeline_entry",
    "sign",
    "submit_article",
    "unique_slug",
    "update_subscription",
]
