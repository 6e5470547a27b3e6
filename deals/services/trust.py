"""Where an article comes from, as the tracker verified it, and whom editors trust.

An article's outlet and URL are what its submitter typed: labels, never credentials. An
article's proposals may be accepted without an editor only when the tracker fetched the page
itself from a trusted domain (the address it ended at, after redirects), or when editors trust
the account that submitted it.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from deals.models import Article, Contributor, Source


@dataclass(frozen=True)
class Provenance:
    """Whether an article comes from a source the tracker trusts, and what says so."""

    trusted: bool
    reason: str


def on_trusted_domain(url: str) -> bool:
    """Whether `url` is on a domain of TRACKER_TRUSTED_DOMAINS (or below one)."""
    host = (urlsplit(url).hostname or "").casefold().rstrip(".")
    return bool(host) and any(
        host == domain or host.endswith("." + domain) for domain in settings.TRACKER_TRUSTED_DOMAINS
    )


def provenance_of(article: Article) -> Provenance:
    """What the tracker itself knows of where `article` comes from, and whether it is trusted."""
    if article.fetched_from and on_trusted_domain(article.fetched_from):
        host = urlsplit(article.fetched_from).hostname
        return Provenance(True, f"Fetched by the tracker from {host}, a trusted domain.")
    if article.submitted_by_id is not None:
        contributor = Contributor.objects.filter(
            user_id=article.submitted_by_id, trusted=True
        ).first()
        if contributor is not None:
            return Provenance(True, f"Submitted by {contributor}, an account editors trust.")
    # Only the source whose entry brought the article vouches for it: a story already kept
    # under the same URL may carry text someone else sent.
    source = Source.objects.filter(
        entries__article=article, entries__brought_article=True, trusted=True
    ).first()
    if source is not None:
        return Provenance(True, f"Found in the feed of {source}, a source editors trust.")
    return Provenance(
        False,
        "Neither fetched from a trusted domain, nor sent by a trusted account, nor found in the "
        "feed of a trusted source.",
    )


@transaction.atomic
def set_trust(*, user, trusted: bool, decided_by=None) -> Contributor:
    """Trust an account's submissions, or stop; the decision keeps who made it and when.

    `decided_by` is the editor; None when the tracker trusts one of its own accounts.
    """
    Contributor.objects.get_or_create(user=user)
    contributor = Contributor.objects.select_for_update().get(user=user)
    if contributor.trusted != trusted:
        contributor.trusted = trusted
        contributor.trusted_by, contributor.trusted_at = decided_by, timezone.now()
        contributor.save(update_fields=["trusted", "trusted_by", "trusted_at"])
    return contributor
