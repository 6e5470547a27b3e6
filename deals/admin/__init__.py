"""The editors' admin, one module per area."""

# review extends curation's article admin, and imports it first.
from . import curation, review, sources, tokens, trust, webhooks  # noqa: F401
