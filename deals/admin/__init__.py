"""The editors' admin, one module per area."""

from . import curation, webhooks  # noqa: F401
