"""Who hears of a change to a deal: one meaning for followers and webhook subscribers alike.

A deal concerns the parties taking part in it and the countries they are based in, which is the
inverse of `Deal.objects.involving(party)`: a country's page lists the deal, a country's
followers are emailed about it, and a webhook filtered on the country delivers it. It concerns
its commodities and every commodity above them.
"""

from deals.models import Commodity, Deal


def parties_concerned(deal: Deal) -> set[int]:
    """The parties of `deal` and their home countries, by primary key."""
    links = deal.deal_parties.values_list("party_id", "party__country_id")
    return {pk for pair in links for pk in pair if pk is not None}


def commodities_concerned(deal: Deal):
    """The commodities of `deal` and every commodity above them, as a queryset."""
    return Commodity.objects.with_ancestors(deal.commodities.values_list("pk", flat=True))
