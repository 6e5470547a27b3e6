"""Reader pages, feeds and readers' accounts."""

from django.contrib.auth import views as auth_views
from django.urls import path

from deals import feeds, views

app_name = "deals"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("deals/", views.DealListView.as_view(), name="deal-list"),
    path("deals/<slug:slug>/", views.DealDetailView.as_view(), name="deal-detail"),
    path("parties/<slug:slug>/", views.PartyDetailView.as_view(), name="party-detail"),
    path("commodities/<slug:slug>/", views.CommodityDetailView.as_view(), name="commodity-detail"),
    path("stages/", views.StageListView.as_view(), name="stage-list"),
    path("favicon.ico", views.favicon, name="favicon"),
    # Atom feeds.
    path("feeds/changes/", feeds.ChangesFeed(), name="feed-changes"),
    path("feeds/deals/<slug:slug>/", feeds.DealFeed(), name="feed-deal"),
    path("feeds/parties/<slug:slug>/", feeds.PartyFeed(), name="feed-party"),
    path("feeds/commodities/<slug:slug>/", feeds.CommodityFeed(), name="feed-commodity"),
    # Following.
    path(
        "follow/<str:kind>/<slug:slug>/",
        views.follow_target,
        name="follow",
    ),
    path("unfollow/<str:kind>/<slug:slug>/", views.unfollow_target, name="unfollow"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    # Readers' accounts.
    path("accounts/", views.AccountView.as_view(), name="account"),
    path("accounts/delivery/", views.change_delivery, name="change-delivery"),
    path("accounts/signup/", views.SignUpView.as_view(), name="signup"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
]
