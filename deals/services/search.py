"""Keeping each deal's search document current with what readers search it by."""

from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from deals import searchtext
from deals.models import (
    SEARCH_CONFIG,
    CommodityAlias,
    Deal,
    DealParty,
    PartyAlias,
    TimelineEntry,
)
from deals.searchresults import leave_kept_searches_behind

#: Deals rewritten per statement: large enough for a bulk load, small enough to hold in memory.
BATCH = 500


def _pieces(deal_ids: list[int]) -> dict[int, tuple[str, str, str, str]]:
    """Each deal's text by weight: title and party names (with their aliases and the names the
    sources used), summary, commodity names, then quoted sentences and source titles."""
    first: dict[int, list[str]] = defaultdict(list)
    third: dict[int, list[str]] = defaultdict(list)
    fourth: dict[int, list[str]] = defaultdict(list)
    deals = Deal.objects.filter(pk__in=deal_ids).values_list("pk", "title", "summary")
    links = DealParty.objects.filter(deal_id__in=deal_ids).values_list(
        "deal_id", "party_id", "party__name", "name_as_written"
    )
    party_aliases: dict[int, list[str]] = defaultdict(list)
    for deal_id, party_id, name, written in links:
        first[deal_id] += [name, written]
        party_aliases[party_id].append(deal_id)
    for party_id, name in PartyAlias.objects.filter(party_id__in=party_aliases).values_list(
        "party_id", "name"
    ):
        for deal_id in party_aliases[party_id]:
            first[deal_id].append(name)
    through = Deal.commodities.through.objects.filter(deal_id__in=deal_ids)
    commodity_deals: dict[int, list[int]] = defaultdict(list)
    for deal_id, commodity_id, name in through.values_list(
        "deal_id", "commodity_id", "commodity__name"
    ):
        third[deal_id].append(name)
        commodity_deals[commodity_id].append(deal_id)
    for commodity_id, name in CommodityAlias.objects.filter(
        commodity_id__in=commodity_deals
    ).values_list("commodity_id", "name"):
        for deal_id in commodity_deals[commodity_id]:
            third[deal_id].append(name)
    sources = TimelineEntry.objects.filter(deal_id__in=deal_ids).order_by()
    for deal_id, quote, article_title in sources.values_list("deal_id", "quote", "article__title"):
        fourth[deal_id] += [quote, article_title or ""]
    return {
        pk: (
            " | ".join([title, *filter(None, first[pk])]),
            summary,
            " | ".join(third[pk]),
            " | ".join(filter(None, fourth[pk])),
        )
        for pk, title, summary in deals
    }


def _write_postgresql(texts: dict[int, tuple[str, str, str, str]], now) -> None:
    rows = ", ".join(["(%s::bigint, %s, %s, %s, %s)"] * len(texts))
    weighted = " || ".join(
        f"setweight(to_tsvector('{SEARCH_CONFIG}', v.{part}), '{weight}')"
        for part, weight in zip("abcd", "ABCD", strict=True)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE deals_deal SET search_document = {weighted}, "
            "updated_at = COALESCE(%s, deals_deal.updated_at) "
            f"FROM (VALUES {rows}) AS v(id, a, b, c, d) WHERE deals_deal.id = v.id",
            [now, *(value for pk, pieces in texts.items() for value in (pk, *pieces))],
        )


def _write_stems(texts: dict[int, tuple[str, str, str, str]], now) -> None:
    Deal.objects.bulk_update(
        [
            Deal(pk=pk, search_text=searchtext.document(*pieces), updated_at=now)
            for pk, pieces in texts.items()
        ],
        ["search_text", "updated_at"] if now else ["search_text"],
    )


@transaction.atomic
def refresh_search_documents(*, deal_ids: Iterable[int] | None = None) -> int:
    """Rewrite the search document of these deals (all deals when None); returns how many.

    Each deal rewritten for a change is stamped as changed (`updated_at`): what it is found by
    changed, and a search's kept results are mended by the deals stamped since
    (`deals.searchresults`). Rebuilding every document (after a load, `manage.py searchindex`)
    changes no deal: it stamps none, and every search is read afresh after it."""
    every = deal_ids is None
    if every:
        deal_ids = Deal.objects.order_by("pk").values_list("pk", flat=True)
    deal_ids = list(deal_ids)
    write = _write_postgresql if connection.vendor == "postgresql" else _write_stems
    done = 0
    for start in range(0, len(deal_ids), BATCH):
        texts = _pieces(deal_ids[start : start + BATCH])
        if texts:
            write(texts, None if every else timezone.now())
        done += len(texts)
    if every:
        transaction.on_commit(leave_kept_searches_behind)
    return done


def refresh_search_documents_about(
    *,
    party_ids: Iterable[int] = (),
    commodity_ids: Iterable[int] = (),
    article_ids: Iterable[int] = (),
) -> int:
    """Rewrite the search documents of every deal naming these parties, commodities or
    sources, after their names, aliases or titles changed; returns how many."""
    deal_ids = {
        *DealParty.objects.filter(party_id__in=list(party_ids)).values_list("deal_id", flat=True),
        *Deal.commodities.through.objects.filter(commodity_id__in=list(commodity_ids)).values_list(
            "deal_id", flat=True
        ),
        *TimelineEntry.objects.filter(article_id__in=list(article_ids)).values_list(
            "deal_id", flat=True
        ),
    }
    return refresh_search_documents(deal_ids=sorted(deal_ids))
