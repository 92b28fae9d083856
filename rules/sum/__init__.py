"""Totals against their parts: narrative lists, table rows and columns, code trees, identities."""

from . import identity, narrative, table  # noqa: F401
