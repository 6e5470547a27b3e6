"""Who hears of a change to a deal: one meaning for followers and webhook subscribers alike.

A deal concerns the parties taking part in it and the countries they are based in, which is the
inverse of `Deal.objects.involving(party)`: a country's page lists the deal, a country's
followers are emailed about it, and a webhook filtered on the country delivers it. It concerns
its commodities and every commodity above them.
"""

from django.db.models import Exists, OuterRef, Q

from deals.models import Commodity, Deal, Follow, FollowTarget, TimelineEntry, WebhookSubscription


def parties_concerned(deal: Deal) -> set[int]:
    """The parties of `deal` and their home countries, by primary key."""
    links = deal.deal_parties.values_list("party_id", "party__country_id")
    return {pk for pair in links for pk in pair if pk is not None}


def commodities_concerned(deal: Deal):
    """The commodities of `deal` and every commodity above them, as a queryset."""
    return Commodity.objects.with_ancestors(deal.commodities.values_list("pk", flat=True))


def followers_of(deal: Deal) -> dict[int, Follow]:
    """Each active reader with an address who follows `deal`, a party or a commodity it concerns,
    by user primary key, with the most specific follow (deal, then party, then commodity)."""
    follows = (
        Follow.objects.filter(
            Q(deal=deal)
            | Q(party_id__in=parties_concerned(deal))
            | Q(commodity__in=commodities_concerned(deal)),
            user__is_active=True,
        )
        .exclude(user__email="")
        .with_targets()
    )
    specificity = {FollowTarget.DEAL: 0, FollowTarget.PARTY: 1, FollowTarget.COMMODITY: 2}
    chosen: dict[int, Follow] = {}
    for candidate in sorted(follows, key=lambda f: specificity[f.target_kind]):
        chosen.setdefault(candidate.user_id, candidate)
    return chosen


def _filter_allows(relation: str, values) -> Q:
    """A subscription with no filter of this kind matches; one with a filter must name a value."""
    through = WebhookSubscription._meta.get_field(relation).remote_field.through
    target = WebhookSubscription._meta.get_field(relation).m2m_reverse_field_name()
    owned = through.objects.filter(webhooksubscription=OuterRef("pk"))
    return ~Q(Exists(owned)) | Q(Exists(owned.filter(**{f"{target}__in": values})))


def subscribers_to(entry: TimelineEntry) -> list[WebhookSubscription]:
    """The active webhook subscriptions whose filters match `entry`."""
    deal = entry.deal
    return list(
        WebhookSubscription.objects.active().filter(
            _filter_allows("deals", [deal.pk]),
            _filter_allows("parties", parties_concerned(deal)),
            _filter_allows("commodities", commodities_concerned(deal)),
            _filter_allows("stages", [entry.status_id]),
        )
    )
