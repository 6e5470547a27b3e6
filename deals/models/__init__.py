"""The tracker's models, one module per area."""

from .articles import PENDING_STATES, Article, ArticleState, content_hash
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

__all__ = [
    "PENDING_STATES",
    "Article",
    "ArticleState",
    "Commodity",
    "CommodityAlias",
    "DatePrecision",
    "Deal",
    "DealKind",
    "DealParty",
    "EntryKind",
    "Figure",
    "Party",
    "PartyAlias",
    "PartyKind",
    "Proposal",
    "ProposedCommodity",
    "ProposedFigure",
    "ProposedParty",
    "ReviewState",
    "Role",
    "Status",
    "TimelineEntry",
    "Track",
    "content_hash",
]
