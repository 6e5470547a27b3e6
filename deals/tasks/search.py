"""Keep search documents current after a change that reaches many deals."""

from celery import shared_task

from deals.services.search import refresh_search_documents_about


@shared_task(ignore_result=True)
def refresh_party_search(party_pk: int) -> int:
    """Rewrite the search documents of a party's deals, after it gained an alias.

    Idempotent: the documents are rebuilt from the rows as they stand. Queued rather than done
    while accepting a proposal: a country such as China takes part in thousands of deals.
    """
    return refresh_search_documents_about(party_ids=[party_pk])
