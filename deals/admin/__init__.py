"""The editors' admin, one module per area."""

from . import curation, review, tokens, trust, webhooks  # noqa: F401
