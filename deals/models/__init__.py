"""The tracker's models, one module per area."""

from .articles import (
    PENDING_STATES,
    Article,
    ArticleState,
    content_hash,
    provisional_hash,
    validate_publication_date,
)
from .deals import (
    DatePrecision,
    Deal,
    DealKind,
    DealParty,
    EntryKind,
    Figure,
    Role,
    TimelineEntry,
)
from .following import (
    Delivery,
    Follow,
    FollowTarget,
    Notification,
    NotificationState,
    ReaderPreference,
)
from .proposals import (
    Proposal,
    ProposedCommodity,
    ProposedFigure,
    ProposedParty,
    ReviewState,
)
from .reference import (
    Commodity,
    CommodityAlias,
    Party,
    PartyAlias,
    PartyKind,
    Status,
    Track,
)
from .sources import FAILING_STATES, Source, SourceEntry, SourceState
from .trust import Contributor, Trust
from .webhooks import (
    DeliveryState,
    WebhookAttempt,
    WebhookDelivery,
    WebhookSubscription,
    new_webhook_secret,
)

__all__ = [
    "FAILING_STATES",
    "PENDING_STATES",
    "Article",
    "ArticleState",
    "Commodity",
    "CommodityAlias",
    "Contributor",
    "DatePrecision",
    "Deal",
    "DealKind",
    "DealParty",
    "Delivery",
    "DeliveryState",
    "EntryKind",
    "Figure",
    "Follow",
    "FollowTarget",
    "Notification",
    "NotificationState",
    "Party",
    "PartyAlias",
    "PartyKind",
    "Proposal",
    "ProposedCommodity",
    "ProposedFigure",
    "ProposedParty",
    "ReaderPreference",
    "ReviewState",
    "Role",
    "Source",
    "SourceEntry",
    "SourceState",
    "Status",
    "TimelineEntry",
    "Track",
    "Trust",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookSubscription",
    "content_hash",
    "new_webhook_secret",
    "provisional_hash",
    "validate_publication_date",
]
