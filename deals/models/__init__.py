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
    SEARCH_CONFIG,
    DatePrecision,
    Deal,
    DealKind,
    DealParty,
    EntryKind,
    Figure,
    Role,
    TimelineEntry,
)
from .following import Delivery, Follow, FollowTarget, ReaderPreference
from .outbox import READER_CHANNELS, Channel, OutboxMessage, OutboxState, WebhookDelivery
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
    lineage,
)
from .removals import Removal
from .sources import FAILING_STATES, Source, SourceEntry, SourceState
from .trust import Contributor, Trust
from .webhooks import DeliveryState, WebhookAttempt, WebhookSubscription, new_webhook_secret

__all__ = [
    "FAILING_STATES",
    "PENDING_STATES",
    "READER_CHANNELS",
    "SEARCH_CONFIG",
    "Article",
    "ArticleState",
    "Channel",
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
    "OutboxMessage",
    "OutboxState",
    "Party",
    "PartyAlias",
    "PartyKind",
    "Proposal",
    "ProposedCommodity",
    "ProposedFigure",
    "ProposedParty",
    "ReaderPreference",
    "Removal",
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
    "lineage",
    "new_webhook_secret",
    "provisional_hash",
    "validate_publication_date",
]
