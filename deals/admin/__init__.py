"""The editors' admin, one module per area."""

from . import curation  # noqa: F401
