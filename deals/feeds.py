"""Atom feeds of stage changes: all of them, and those of one deal, party or commodity."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from deals.models import Commodity, Deal, Party, TimelineEntry

#: Entries in each feed, latest first.
FEED_LENGTH = 50


class ChangesFeed(Feed):
    """Every stage change across all deals."""

    feed_type = Atom1Feed
    # The Atom spec asks every feed for an author, or one on each of its entries.
    author_name = "Trade-deal tracker editors"
    title = "Trade-deal tracker: stage changes"
    subtitle = "Trade deals and measures moving from one stage to the next, with their sources."
    # Rendered with autoescaping: ingested quotes and titles stay text in feed readers.
    description_template = "deals/feeds/entry_description.html"

    def link(self, obj=None):
        return reverse("deals:home")

    def feed_guid(self, obj=None):
        return f"tag:trade-deal-tracker,2026:feed:{self.feed_key(obj)}"

    def feed_key(self, obj) -> str:
        return "changes"

    def entries(self, obj):
        return TimelineEntry.objects.stage_changes()

    def items(self, obj=None):
        return self.entries(obj).with_related()[:FEED_LENGTH]

    def item_title(self, entry):
        if entry.previous_status_id:
            return f"{entry.deal}: {entry.previous_status} → {entry.status}"
        return f"{entry.deal}: {entry.status}"

    def item_link(self, entry):
        return f"{entry.deal.get_absolute_url()}#entry-{entry.pk}"

    def item_guid(self, entry):
        return f"tag:trade-deal-tracker,2026:timeline-entry:{entry.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, entry):
        return entry.recorded_at

    def item_updateddate(self, entry):
        return entry.recorded_at

    def item_categories(self, entry):
        return [entry.status.name]


class DealFeed(ChangesFeed):
    """Every timeline entry of one deal, including those that did not move it."""

    def get_object(self, request, slug):
        return get_object_or_404(Deal.objects.published(), slug=slug)

    def title(self, deal):
        return f"{deal}: timeline"

    def subtitle(self, deal):
        return f"Every reported step of {deal}, with its source."

    def feed_key(self, obj) -> str:
        return f"deal:{obj.slug}"

    def link(self, deal):
        return deal.get_absolute_url()

    def entries(self, deal):
        return deal.timeline.order_by("-recorded_at", "-id")


class PartyFeed(ChangesFeed):
    """Stage changes of the deals a party (or, for a country, a party based in it) is in."""

    def get_object(self, request, slug):
        return get_object_or_404(Party, slug=slug)

    def title(self, party):
        return f"{party}: stage changes of its deals"

    def subtitle(self, party):
        return f"Deals involving {party} moving from one stage to the next."

    def feed_key(self, obj) -> str:
        return f"party:{obj.slug}"

    def link(self, party):
        return party.get_absolute_url()

    def entries(self, party):
        return TimelineEntry.objects.stage_changes().filter(deal__in=Deal.objects.involving(party))


class CommodityFeed(ChangesFeed):
    """Stage changes of the deals about a commodity or any commodity below it."""

    def get_object(self, request, slug):
        return get_object_or_404(Commodity, slug=slug)

    def title(self, commodity):
        return f"{commodity}: stage changes of its deals"

    def subtitle(self, commodity):
        return f"Deals about {commodity} moving from one stage to the next."

    def feed_key(self, obj) -> str:
        return f"commodity:{obj.slug}"

    def link(self, commodity):
        return commodity.get_absolute_url()

    def entries(self, commodity):
        tree = Commodity.objects.with_descendants(commodity)
        return TimelineEntry.objects.stage_changes().filter(deal__in=Deal.objects.trading_in(tree))
