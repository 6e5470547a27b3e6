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

__all__ = [
    "PartyLink",
    "Submission",
    "TransientEmailError",
    "add_parties",
    "correct_stage",
    "create_deal",
    "delivery_of",
    "follow",
    "plan_notifications",
    "read_unsubscribe_token",
    "readers_with_digest_due",
    "record_timeline_entry",
    "release_stuck_notifications",
    "send_digest",
    "send_notification",
    "set_delivery",
    "submit_article",
    "unfollow",
    "unique_slug",
    "unsubscribe",
    "unsubscribe_token",
]
