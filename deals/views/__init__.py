"""The tracker's views, one module per area."""

from .following import (
    AccountView,
    SignUpView,
    change_delivery,
    follow_target,
    unfollow_target,
    unsubscribe,
)
from .health import healthz
from .pages import (
    CommodityDetailView,
    DealDetailView,
    DealListView,
    HomeView,
    PartyDetailView,
    StageListView,
    favicon,
)

__all__ = [
    "AccountView",
    "CommodityDetailView",
    "DealDetailView",
    "DealListView",
    "HomeView",
    "PartyDetailView",
    "SignUpView",
    "StageListView",
    "change_delivery",
    "favicon",
    "follow_target",
    "healthz",
    "unfollow_target",
    "unsubscribe",
]
