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
    unsubscribe_token,
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
    "TransientEmailError",
    "UnsafeTarget",
    "add_parties",
    "attempt_delivery",
    "check_target_url",
    "correct_stage",
    "create_deal",
    "create_subscription",
    "delivery_of",
    "disable_subscription",
    "due_deliveries",
    "follow",
    "plan_deliveries",
    "plan_notifications",
    "read_unsubscribe_token",
    "readers_with_digest_due",
    "record_timeline_entry",
    "release_stuck_notifications",
    "send_digest",
    "send_notification",
    "set_delivery",
    "sign",
    "submit_article",
    "unfollow",
    "unique_slug",
    "unsubscribe",
    "unsubscribe_token",
    "update_subscription",
]
