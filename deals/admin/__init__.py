"""The editors' admin, one module per area."""

from . import curation, review, sources, tokens, trust, webhooks  # noqa: F401
